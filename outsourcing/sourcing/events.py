"""Every write to a sourcing event up to the scoring: the event, its candidates, the single-source
justification, the invitations, opening the answers and the stages (SRC-1, SRC-2, SRC-3, SRC-5)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import ApprovalState, state_for_outcome
from outsourcing.core.errors import Blocked, Conflict, Reason, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.text import join_reasons, plain_number
from outsourcing.demands.models import Project, ProjectStatus
from outsourcing.org.models import User
from outsourcing.sourcing.errors import ErrorCode
from outsourcing.sourcing.models import (
    EVENT_STATES,
    REQUIRED_DISCIPLINES,
    STAGE_ORDER,
    Candidate,
    Criterion,
    Discipline,
    EventStatus,
    Method,
    SingleSourceRequest,
    SourcingEvent,
    Stage,
    StageResult,
)
from outsourcing.vendors import selectors as vendor_selectors
from outsourcing.vendors.models import ServiceCategory, Vendor
from outsourcing.vendors.qualification import ineligibility_reasons

MIN_CANDIDATES = 3


def check_organiser(actor: User) -> None:
    if not actor.has_perm("sourcing.manage_events"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR and procurement run sourcing events."), status=403)


@dataclass
class EventData:
    project: Project
    title: str
    category: ServiceCategory
    method: str
    kind: str
    requirements: str
    deadline: dt.datetime
    weights: dict[str, Decimal]
    single_source_justification: str = ""


def _check(data: EventData) -> None:
    if data.project is None or data.project.status != ProjectStatus.ACTIVE:
        raise RuleViolation(
            ErrorCode.PROJECT, _("Vendors are selected for an active, approved project."), field="project"
        )
    for name in ("title", "requirements"):
        if not str(getattr(data, name) or "").strip():
            label = SourcingEvent._meta.get_field(name).verbose_name
            raise RuleViolation(ErrorCode.REQUIRED, _("Fill in “%(part)s”.") % {"part": label}, field=name)
    if data.method not in Method.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the sourcing method."), field="method")
    if data.category is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the service category."), field="category")
    if data.deadline is None:
        raise RuleViolation(ErrorCode.DEADLINE, _("Set the deadline for the answers."), field="deadline")
    if data.deadline <= timezone.now():
        raise RuleViolation(
            ErrorCode.DEADLINE, _("The deadline has passed already: give the vendors time to answer."), field="deadline"
        )
    if data.method == Method.SINGLE_SOURCE and not data.single_source_justification.strip():
        raise RuleViolation(
            ErrorCode.SINGLE_SOURCE,
            _("A single source needs a written justification for management's approval."),
            field="single_source_justification",
        )
    for criterion in Criterion:
        weight = data.weights.get(criterion.value)
        if weight is None or weight < 0 or weight > 100:
            raise RuleViolation(
                ErrorCode.WEIGHTS,
                _("Each weight is a percentage from 0 to 100."),
                field=f"weight_{criterion.value}",
            )
    total = sum(data.weights.values(), Decimal("0"))
    if total != 100:
        raise RuleViolation(
            ErrorCode.WEIGHTS,
            _("The weights add up to %(total)s %%; they must total 100 %%.") % {"total": plain_number(total)},
            field="weight_technical",
        )


def _apply(event: SourcingEvent, data: EventData) -> None:
    event.project = data.project
    event.title = data.title.strip()
    event.category = data.category
    event.method = data.method
    event.kind = data.kind
    event.requirements = data.requirements.strip()
    event.deadline = data.deadline
    event.single_source_justification = (
        data.single_source_justification.strip() if data.method == Method.SINGLE_SOURCE else ""
    )
    for criterion, weight in data.weights.items():
        setattr(event, f"weight_{criterion}", weight)


@transaction.atomic
def create_event(*, actor: User, data: EventData) -> SourcingEvent:
    check_organiser(actor)
    _check(data)
    event = SourcingEvent(number=next_number("SRC"))
    _apply(event, data)
    event.stamp(actor)
    event.save()
    return event


def _lock_draft(actor: User, event: SourcingEvent) -> SourcingEvent:
    check_organiser(actor)
    event = SourcingEvent.objects.select_for_update().select_related("project", "category").get(pk=event.pk)
    if event.status != EventStatus.DRAFT:
        raise Conflict(
            ErrorCode.WRONG_STATUS,
            _("The invitations are out: the event can no longer be changed (%(status)s).")
            % {"status": event.get_status_display()},
        )
    return event


@transaction.atomic
def update_event(*, actor: User, event: SourcingEvent, data: EventData) -> SourcingEvent:
    event = _lock_draft(actor, event)
    approved_single_source = getattr(event, "single_source", None)
    if approved_single_source is not None and data.method != Method.SINGLE_SOURCE:
        raise Conflict(ErrorCode.SINGLE_SOURCE, _("The single-source justification is already with management."))
    _check(data)
    _apply(event, data)
    event.stamp(actor)
    event.save()
    return event


@transaction.atomic
def add_candidate(*, actor: User, event: SourcingEvent, vendor: Vendor) -> Candidate:
    """Only vendors of the pool, eligible for the event's category today, are candidates (SRC-2, VEN-3)."""
    event = _lock_draft(actor, event)
    if event.candidates.filter(vendor=vendor).exists():
        raise Conflict(ErrorCode.NOT_ELIGIBLE, _("%(vendor)s is already a candidate.") % {"vendor": vendor.name})
    reasons = ineligibility_reasons(vendor_selectors.vendor_detail(actor, vendor.pk), event.category)
    if reasons:
        raise Blocked(
            reasons,
            message=_("%(vendor)s cannot be invited: %(reasons)s")
            % {"vendor": vendor.name, "reasons": join_reasons(reasons)},
            field="vendor",
        )
    candidate = Candidate(event=event, vendor=vendor)
    candidate.stamp(actor)
    candidate.save()
    return candidate


@transaction.atomic
def remove_candidate(*, actor: User, candidate: Candidate) -> None:
    _lock_draft(actor, candidate.event)
    candidate.delete()


@transaction.atomic
def request_single_source(*, actor: User, event: SourcingEvent) -> SingleSourceRequest:
    """Send the written justification to management (approval engine)."""
    event = _lock_draft(actor, event)
    if event.method != Method.SINGLE_SOURCE:
        raise RuleViolation(ErrorCode.SINGLE_SOURCE, _("Only a single-source event needs this approval."))
    request, _created = SingleSourceRequest.objects.get_or_create(event=event)
    if request.status in (ApprovalState.IN_APPROVAL, ApprovalState.APPROVED):
        raise Conflict(ErrorCode.SINGLE_SOURCE, _("The justification is already %(status)s.") % {
            "status": request.get_status_display()
        })  # fmt: skip
    request.status = ApprovalState.IN_APPROVAL
    request.stamp(actor)
    request.save()
    approvals.submit(document=request, actor=actor)
    return request


def single_source_finished(*, request: SingleSourceRequest, outcome: str, actor: User) -> None:
    request.status = state_for_outcome(outcome)
    request.stamp(actor)
    request.save(update_fields=["status", "updated_by", "updated_at"])


def panel_gaps(event: SourcingEvent) -> list[str]:
    """The disciplines the panel lacks among members without a declared conflict (SRC-4)."""
    present = {m.discipline for m in event.panel.all() if not m.has_conflict}
    return [str(Discipline(d).label) for d in REQUIRED_DISCIPLINES if d not in present]


def invitation_blockers(event: SourcingEvent, actor: User) -> list[Reason]:
    """Why the invitations cannot go out now (SRC-2, SRC-3); the event page shows them."""
    reasons = []
    candidates = list(event.candidates.select_related("vendor"))
    ineligible = []
    for candidate in candidates:
        why = ineligibility_reasons(vendor_selectors.vendor_detail(actor, candidate.vendor_id), event.category)
        if why:
            ineligible.append(f"{candidate.vendor.name}：{'；'.join(why)}")
    if ineligible:
        reasons.append(
            Reason(ErrorCode.NOT_ELIGIBLE, _("Not eligible any more: %(list)s") % {"list": " / ".join(ineligible)})
        )
    eligible = len(candidates) - len(ineligible)
    if event.is_single_source:
        approved = getattr(event, "single_source", None)
        if approved is None or approved.status != ApprovalState.APPROVED:
            reasons.append(
                Reason(
                    ErrorCode.SINGLE_SOURCE_NOT_APPROVED,
                    _("Management has not approved the single-source justification."),
                )
            )
        if eligible < 1:
            reasons.append(Reason(ErrorCode.NO_SINGLE_VENDOR, _("Add the single vendor as the candidate.")))
    elif eligible < MIN_CANDIDATES:
        reasons.append(
            Reason(
                ErrorCode.TOO_FEW,
                _("At least %(min)s eligible candidates are needed (policy: 筛选3家以上); there are %(n)s.")
                % {"min": MIN_CANDIDATES, "n": eligible},
            )
        )
    if event.deadline <= timezone.now():
        reasons.append(Reason(ErrorCode.DEADLINE, _("The deadline has passed: set a new one before inviting.")))
    return reasons


@transaction.atomic
def issue_invitations(*, actor: User, event: SourcingEvent) -> SourcingEvent:
    """Send the RFI/RFP to every candidate; the vendors answer in the portal until the deadline."""
    event = _lock_draft(actor, event)
    reasons = invitation_blockers(event, actor)
    if reasons:
        raise Blocked(reasons)
    EVENT_STATES.move(event, EventStatus.INVITING)
    event.invited_at = timezone.now()
    event.stamp(actor)
    event.save()
    with company_language():
        _invite(event)
    return event


def _invite(event: SourcingEvent) -> None:
    accounts = vendor_selectors.portal_user_ids({c.vendor_id for c in event.candidates.all()})
    deadline = timezone.localtime(event.deadline).strftime("%Y-%m-%d %H:%M")
    send(
        Notice(
            recipient_id=user_id,
            title=_("%(kind)s: %(title)s — answer by %(deadline)s")
            % {"kind": event.get_kind_display(), "title": event.title, "deadline": deadline},
            body=event.requirements[:500],
            url=reverse("sourcing:portal_event", args=[event.pk]),
            dedup_key=f"sourcing-invitation:{event.pk}",
        )
        for candidate in event.candidates.all()
        for user_id in accounts.get(candidate.vendor_id, [])
    )


@transaction.atomic
def open_answers(*, actor: User, event: SourcingEvent) -> SourcingEvent:
    """After the deadline the answers are opened (开标) and the evaluation starts with the completeness review."""
    check_organiser(actor)
    event = SourcingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.INVITING:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Only an event with invitations out is opened."))
    if not event.deadline_passed:
        raise Conflict(
            ErrorCode.DEADLINE,
            _("The answers stay sealed until the deadline (%(deadline)s).")
            % {"deadline": timezone.localtime(event.deadline).strftime("%Y-%m-%d %H:%M")},
        )
    unanswered = event.candidates.filter(bid__isnull=True, eliminated_at="")
    for candidate in unanswered:  # no answer by the deadline: out at the first stage, with the reason
        _record(candidate, Stage.COMPLETENESS, False, _("No answer by the deadline."), actor)
    EVENT_STATES.move(event, EventStatus.EVALUATING)
    event.stage = Stage.COMPLETENESS
    event.opened_at = timezone.now()
    event.stamp(actor)
    event.save()
    return event


def _record(candidate: Candidate, stage: str, passed: bool, note: str, actor: User) -> StageResult:
    result = StageResult.objects.create(candidate=candidate, stage=stage, passed=passed, note=note, recorded_by=actor)
    if not passed:
        candidate.eliminated_at = stage
        candidate.elimination_reason = note
        candidate.stamp(actor)
        candidate.save()
    return result


def _lock_evaluating(actor: User, event: SourcingEvent) -> SourcingEvent:
    check_organiser(actor)
    event = SourcingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status != EventStatus.EVALUATING:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The event is not being evaluated."))
    return event


@transaction.atomic
def record_stage_result(*, actor: User, candidate: Candidate, passed: bool, note: str) -> StageResult:
    """Pass a candidate on from the current stage, or eliminate it there with the reason (SRC-5)."""
    event = _lock_evaluating(actor, candidate.event)
    candidate = Candidate.objects.select_for_update().get(pk=candidate.pk)
    if event.stage == Stage.SCORING:
        raise Conflict(ErrorCode.STAGE, _("The scoring stage is decided by the panel's score sheets."))
    if not candidate.is_active:
        raise Conflict(ErrorCode.STAGE, _("%(vendor)s is already out.") % {"vendor": candidate.vendor.name})
    if candidate.stage_results.filter(stage=event.stage).exists():
        raise Conflict(ErrorCode.STAGE, _("This stage is already recorded for %(vendor)s.") % {
            "vendor": candidate.vendor.name
        })  # fmt: skip
    note = (note or "").strip()
    if not note:
        raise RuleViolation(ErrorCode.REQUIRED, _("Record the finding (and, to eliminate, the reason)."), field="note")
    return _record(candidate, event.stage, passed, note, actor)


@transaction.atomic
def advance_stage(*, actor: User, event: SourcingEvent) -> SourcingEvent:
    """Move to the next stage once every remaining candidate has its finding for this one."""
    event = _lock_evaluating(actor, event)
    if event.stage == Stage.SCORING:
        raise Conflict(ErrorCode.STAGE, _("Scoring is the last stage."))
    active = event.candidates.filter(eliminated_at="")
    undecided = [
        c.vendor.name for c in active.select_related("vendor") if not c.stage_results.filter(stage=event.stage)
    ]
    if undecided:
        raise RuleViolation(
            ErrorCode.STAGE,
            _("Record the %(stage)s finding of: %(vendors)s.")
            % {"stage": event.get_stage_display(), "vendors": "、".join(undecided)},
        )
    if not active.exists():
        raise RuleViolation(ErrorCode.STAGE, _("Every candidate is out: cancel the event or start a new one."))
    following = STAGE_ORDER[STAGE_ORDER.index(event.stage) + 1]
    if following == Stage.SCORING:
        gaps = panel_gaps(event)
        if gaps:
            raise RuleViolation(
                ErrorCode.STAGE,
                _("Before scoring, the panel needs a member from: %(gaps)s (policy: a cross-department panel).")
                % {"gaps": "、".join(gaps)},
            )
    event.stage = following
    event.stamp(actor)
    event.save()
    return event


@transaction.atomic
def cancel_event(*, actor: User, event: SourcingEvent, reason: str) -> SourcingEvent:
    check_organiser(actor)
    event = SourcingEvent.objects.select_for_update().get(pk=event.pk)
    if event.status in (EventStatus.AWARDED, EventStatus.CANCELLED, EventStatus.AWARDING):
        raise Conflict(ErrorCode.WRONG_STATUS, _("A %(status)s event cannot be cancelled.") % {
            "status": event.get_status_display()
        })  # fmt: skip
    if not (reason or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the reason for cancelling."), field="reason")
    EVENT_STATES.move(event, EventStatus.CANCELLED)
    event.cancellation_reason = reason.strip()
    event.stamp(actor)
    event.save()
    return event
