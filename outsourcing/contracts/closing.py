"""What must be settled before a contract closes, contributed by the apps that come after contracts (CON-8).

Contracts come before workers and settlements in the lifecycle and may not import them. Each later app
registers a closing check in its AppConfig.ready(): the workers' app that none of the contract's people is
still on site, holds access or an issued card (loophole 3); the settlements app that the final settlement is
done. A check may also guard items of the exit plan: the access item cannot be ticked while people still
have access. No check registered means nothing to check (a settlement hook without a settlements app).

The contracts app is the first contributor: the exit and handover plan's own open items (CON-8). The hook the
settlements app will use, in its AppConfig.ready(), without a line changed here:

    from outsourcing.contracts.closing import register_closing_check
    register_closing_check(
        code="final_settlement_open",
        title=lambda: _("Final settlement not done"),
        rule=lambda: _("The last period is settled and paid before the contract closes (P2 3.1(3))."),
        blockers=lambda contract: [s.number for s in open_final_settlements(contract)],
        guards={ExitCategory.SETTLEMENT},  # nor can the exit plan's settlement item be ticked before it
    )

Checks run in `order` (lowest first); the first open one gives the refusal its code.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django.utils.translation import gettext as _

from outsourcing.core.errors import Conflict
from outsourcing.core.text import join_names


@dataclass(frozen=True)
class ClosingCheck:
    code: str  # the refusal's stable code, e.g. "workers_still_active"
    title: Callable[[], str]  # what is still open, in the reader's language ("Workers still active")
    rule: Callable[[], str]  # why it must be closed first, with the rule it rests on
    blockers: Callable  # (contract) -> list[str]: each open thing, named
    guards: frozenset[str] = frozenset()  # exit categories whose item cannot be ticked while open
    order: int = 100


@dataclass(frozen=True)
class OpenPoint:
    check: ClosingCheck
    items: list[str]

    @property
    def message(self) -> str:
        return _("%(title)s: %(items)s. %(rule)s") % {
            "title": self.check.title(), "items": join_names(self.items), "rule": self.check.rule()
        }  # fmt: skip


_checks: dict[str, ClosingCheck] = {}


def register_closing_check(
    *,
    code: str,
    title: Callable[[], str],
    rule: Callable[[], str],
    blockers: Callable,
    guards: Iterable[str] = (),
    order: int = 100,
) -> None:
    _checks[code] = ClosingCheck(code, title, rule, blockers, frozenset(guards), order)


def unregister_closing_check(code: str) -> None:
    _checks.pop(code, None)


def closing_checks() -> list[ClosingCheck]:
    return sorted(_checks.values(), key=lambda c: c.order)


def open_points(contract, *, category: str | None = None) -> list[OpenPoint]:
    """What still keeps the contract open (or, with `category`, that exit item), check by check."""
    points = []
    for check in closing_checks():
        if category is not None and category not in check.guards:
            continue
        items = check.blockers(contract)
        if items:
            points.append(OpenPoint(check, list(items)))
    return points


def refuse_while_open(contract, *, category: str | None = None) -> None:
    """Refuse, with the first check's code and every open point named, while anything is still open."""
    points = open_points(contract, category=category)
    if not points:
        return
    lead = _("The contract cannot close yet.") if category is None else _("This exit item cannot be ticked yet.")
    raise Conflict(points[0].check.code, " ".join([lead, *(p.message for p in points)]))


def open_exit_items(contract) -> list[str]:
    """The exit and handover plan's items not yet done (the first closing check, CON-8)."""
    return [item.description for item in contract.exit_items.filter(done_at__isnull=True).order_by("category", "id")]


def register_exit_plan_check() -> None:
    register_closing_check(
        code="exit_items_open",
        title=lambda: _("Exit items still open"),
        rule=lambda: _(
            "Knowledge transfer, asset recovery, access closed on the last day and the final settlement are each "
            "done and evidenced before the contract closes (P1§15(三), P2 3.1(3))."
        ),
        blockers=open_exit_items,
        order=0,
    )
