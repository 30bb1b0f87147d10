"""Reads of vendor selection, scoped to what the user may see. The seal (SRC-3) and the independence of
the scoring (SRC-6) are kept here: every page, export and endpoint reads answers and scores through
these functions, never straight from the models."""

from __future__ import annotations

from django.db.models import Count, Exists, OuterRef, Q, QuerySet

from outsourcing.approvals.states import ApprovalState
from outsourcing.org.models import DEPARTMENT_SCOPED_ROLES
from outsourcing.org.selectors import subtree_ids
from outsourcing.sourcing.models import (
    Bid,
    Candidate,
    NegotiationNote,
    PanelMember,
    ScoreSheet,
    SourcingEvent,
)
from outsourcing.sourcing.permissions import reads_all_events
from outsourcing.sourcing.scoring import Results, results
from outsourcing.vendors.permissions import vendor_id_of


def events_for(user, *, status: str = "", search: str = "") -> QuerySet:
    """The events an internal user follows (company-wide readers all; others their departments' and
    the panels they sit on); nothing for a vendor user (their side is `invitations_for`)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.is_vendor_user:
        return SourcingEvent.objects.none()
    events = SourcingEvent.objects.all()
    if not reads_all_events(user):
        scoped = {a.department_id for a in user.role_assignments_cached if a.role in DEPARTMENT_SCOPED_ROLES}
        condition = Q(panel__user=user)
        if scoped:
            condition |= Q(project__department_id__in=subtree_ids(scoped))
        events = events.filter(condition).distinct()
    if status:
        events = events.filter(status=status)
    if search:
        events = events.filter(Q(number__icontains=search) | Q(title__icontains=search))
    return (
        events.select_related("project", "category")
        .annotate(candidate_count=Count("candidates", distinct=True))
        .order_by("-created_at", "-id")
    )


def event_for(user, pk: int) -> SourcingEvent:
    return events_for(user).get(pk=pk)


def candidates_of(event: SourcingEvent) -> QuerySet:
    """The candidates, with whether each has answered (a fact, not the content: the seal holds)."""
    return (
        event.candidates.select_related("vendor")
        .prefetch_related("stage_results")
        .annotate(answered=Exists(Bid.objects.filter(candidate=OuterRef("pk"))))
    )


def answers_visible(user, event: SourcingEvent) -> bool:
    """Whether `user` may read the answers of `event` now (SRC-3, SRC-4)."""
    return user.has_perm("sourcing.read_answers", event)


def bids_for(user, event: SourcingEvent) -> QuerySet:
    """Answers the user may read: none inside before the deadline; a vendor user only its own, ever."""
    bids = Bid.objects.filter(candidate__event=event).select_related("candidate__vendor").prefetch_related("lines")
    if user.is_vendor_user:
        own = vendor_id_of(user)
        return bids.filter(candidate__vendor_id=own) if own else bids.none()
    return bids if answers_visible(user, event) else bids.none()


def bid_for(user, pk: int) -> Bid:
    bid = Bid.objects.select_related("candidate__event__project", "candidate__vendor").get(pk=pk)
    if not user.has_perm("sourcing.view_bid", bid):
        raise Bid.DoesNotExist
    return bid


def member_of(user, event: SourcingEvent) -> PanelMember | None:
    return event.panel.filter(user=user).select_related("sheet").first()


def results_for(user, event: SourcingEvent) -> Results | None:
    """The ranking and breakdown if `user` may see them now (SRC-6): a panel member once they have
    submitted their own sheet; the organisers, management, audit and the project's people once every
    member has submitted. Before that, None: nobody sees others' scores early."""
    if user.is_vendor_user or not user.has_perm("sourcing.view_event", event):
        return None
    member = member_of(user, event)
    if member is not None and not hasattr(member, "sheet"):
        return None
    outcome = results(event)
    if member is not None or outcome.complete:
        return outcome
    return None


def own_sheet(user, event: SourcingEvent) -> ScoreSheet | None:
    member = member_of(user, event)
    return getattr(member, "sheet", None) if member else None


def scoring_progress(event: SourcingEvent) -> list[dict]:
    """Who has declared and who has submitted (never what they scored)."""
    return [
        {"member": m, "declared": m.declared_at is not None, "submitted": hasattr(m, "sheet")}
        for m in event.panel.select_related("user", "sheet")
    ]


def invitations_for(user) -> QuerySet:
    """The vendor user's own candidacies in events whose invitations are out."""
    own = vendor_id_of(user)
    if not own:
        return Candidate.objects.none()
    return (
        Candidate.objects.filter(vendor_id=own, event__invited_at__isnull=False)
        .select_related("event__project", "event__category")
        .annotate(answered=Exists(Bid.objects.filter(candidate=OuterRef("pk"))))
        .order_by("-event__invited_at", "-id")
    )


def invitation_for(user, event_pk: int) -> Candidate:
    return invitations_for(user).get(event_id=event_pk)


def vendor_section(request, vendor) -> dict | None:
    """The vendor's page (VEN-6): the selections it was a candidate in and how each went (staff only)."""
    if request is None or not request.user.has_perm("sourcing.view_events"):
        return None
    candidacies = list(
        Candidate.objects.filter(vendor=vendor, event__in=events_for(request.user))
        .select_related("event__project")
        .prefetch_related("event__awards")
        .order_by("-event__created_at")[:50]
    )
    if not candidacies:
        return None
    rows = []
    for candidacy in candidacies:
        approved = [a for a in candidacy.event.awards.all() if a.status == ApprovalState.APPROVED]
        rows.append({"candidacy": candidacy, "won": bool(approved) and approved[0].winner_id == candidacy.pk})
    return {"rows": rows}


def negotiations_of(event: SourcingEvent) -> QuerySet:
    return NegotiationNote.objects.filter(candidate__event=event).select_related("candidate__vendor", "created_by")
