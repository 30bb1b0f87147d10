"""What each person sees first: what waits for them (from every app, through `core.todos`) and what their roles
mean."""

from __future__ import annotations

from outsourcing.org.models import ROLE_DUTIES, Role


def role_cards(user) -> list[dict]:
    """The user's roles with the duties the policy gives them, and the scope they hold them for."""
    cards: dict[str, dict] = {}
    for assignment in user.role_assignments_cached:
        card = cards.setdefault(
            assignment.role,
            {"role": Role(assignment.role).label, "duties": ROLE_DUTIES.get(assignment.role, ""), "scopes": []},
        )
        if assignment.department_id:
            card["scopes"].append(assignment.department.name)
    order = list(Role.values)
    return [cards[code] for code in sorted(cards, key=order.index)]
