"""Who may see and do what in vendor selection; pages, API and templates ask these rules.

HR and procurement organise events (P2 1.2(1)). Company-wide reviewers and the project's department
follow them; panel members see the events they sit on. Answers are sealed: before the deadline only the
vendor that wrote one can read it (nobody inside, administrator included); after it, the organisers,
internal audit and panel members who declared no conflict. A vendor user sees only invitations to its
own company, only its own answer and its own result (ORG-3).
"""

from __future__ import annotations

import rules

from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role, holds_role_for, is_internal, is_vendor_user
from outsourcing.vendors.permissions import vendor_id_of

COMPANY_WIDE = (Role.HR, Role.PROCUREMENT, Role.MANAGEMENT, Role.LEGAL, Role.FINANCE, Role.AUDITOR, Role.ADMIN)

is_organiser = is_internal & (has_role(Role.HR) | has_role(Role.PROCUREMENT))


@rules.predicate
def reads_all_events(user) -> bool:
    return any(holds_role(user, role) for role in COMPANY_WIDE)


@rules.predicate
def sits_on_a_panel(user) -> bool:
    return user.panel_seats.exists()


def _event(obj):
    """The event of an event, candidate or answer."""
    for path in ("event", "candidate.event"):
        node = obj
        for part in path.split("."):
            node = getattr(node, part, None)
        if node is not None:
            return node
    return obj


@rules.predicate
def follows_event(user, obj) -> bool:
    event = _event(obj)
    if event is None:
        return False
    if reads_all_events(user):
        return True
    department = event.project.department
    if holds_role_for(user, Role.REQUESTER, department) or holds_role_for(user, Role.DEPT_HEAD, department):
        return True
    return event.panel.filter(user=user).exists()


@rules.predicate
def invitations_out(user, obj) -> bool:
    event = _event(obj)
    return event is not None and event.invited_at is not None


@rules.predicate
def own_candidacy(user, obj) -> bool:
    """The candidate (or its answer) is the vendor user's own company."""
    candidate = getattr(obj, "candidate", obj)
    own = vendor_id_of(user)
    return own is not None and getattr(candidate, "vendor_id", None) == own


@rules.predicate
def before_deadline(user, obj) -> bool:
    event = _event(obj)
    return event is not None and not event.deadline_passed


@rules.predicate
def unsealed(user, obj) -> bool:
    event = _event(obj)
    return event is not None and event.deadline_passed


@rules.predicate
def declared_member_without_conflict(user, obj) -> bool:
    event = _event(obj)
    return event is not None and event.panel.filter(user=user, declared_at__isnull=False, has_conflict=False).exists()


is_auditor = has_role(Role.AUDITOR)

rules.add_perm("sourcing.view_events", is_internal & (reads_all_events | has_role(Role.REQUESTER)
               | has_role(Role.DEPT_HEAD) | sits_on_a_panel))  # fmt: skip
rules.add_perm("sourcing.view_event", is_internal & follows_event)
rules.add_perm("sourcing.manage_events", is_organiser)
rules.add_perm("sourcing.use_portal", is_vendor_user)
# The object is the candidate: the invited vendor's own users answer, while the invitation is open.
rules.add_perm("sourcing.answer_invitation", is_vendor_user & own_candidacy & invitations_out & before_deadline)
rules.add_perm("sourcing.view_invitation", is_vendor_user & own_candidacy & invitations_out)
# Answers (the object is the answer), and their files by the attachments engine's convention.
reads_answers = is_internal & unsealed & (is_organiser | is_auditor | declared_member_without_conflict)
rules.add_perm("sourcing.read_answers", reads_answers)  # the object is the event
rules.add_perm("sourcing.view_bid", (is_vendor_user & own_candidacy) | reads_answers)
rules.add_perm("sourcing.attach_bid", is_vendor_user & own_candidacy & before_deadline)
rules.add_perm("sourcing.list_bids", is_internal | is_vendor_user)  # the page gate; each answer: sourcing.view_bid
