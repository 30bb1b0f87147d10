"""A contract paused or ended by either side (合同中止/解除, CON-10; P1§15(二), P2 3.1, 3.2(2)): suspension
and resumption, the vendor's request to terminate reviewed by legal, the notice of non-renewal sent to the
vendor before expiry, and the post-project evaluation (项目后评估) every ended contract gets."""

from __future__ import annotations

import datetime as dt

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals.states import ApprovalState
from outsourcing.contracts.drafting import check_drafter
from outsourcing.contracts.errors import ErrorCode
from outsourcing.contracts.models import (
    CONTRACT_STATES,
    Contract,
    ContractStatus,
    NonRenewalNotice,
    PostProjectEvaluation,
    RenewalChoice,
    RenewalDecision,
    Suspension,
    TerminationRequest,
    may_move,
)
from outsourcing.contracts.models_ending import Recommendation, RequestStatus
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.org.models import Role, User, UserKind
from outsourcing.vendors.selectors import portal_user_ids


def _locked(contract: Contract) -> Contract:
    return Contract.objects.select_for_update().select_related("project", "vendor").get(pk=contract.pk)


def _move(contract: Contract, to: str, actor: User) -> None:
    """The one door for a signed contract's status (the table is `models.TRANSITIONS`)."""
    if not may_move(contract.status, to):
        raise Conflict(
            ErrorCode.WRONG_STATUS,
            _("A contract that is %(status)s cannot become %(to)s.")
            % {"status": contract.get_status_display(), "to": ContractStatus(to).label},
        )
    CONTRACT_STATES.move(contract, to)
    contract.stamp(actor)
    contract.save()


def _required(**values) -> None:
    for name, value in values.items():
        if not str(value or "").strip():
            raise RuleViolation(ErrorCode.REQUIRED, _("Fill in every field."), field=name)


def _tell_vendor(contract: Contract, *, title: str, key: str, url: str = "") -> None:
    ids = portal_user_ids({contract.vendor_id}).get(contract.vendor_id, [])
    send(Notice(recipient_id=i, title=title, url=url or contract.get_absolute_url(), dedup_key=key) for i in ids)


# ---------------------------------------------------------------------------------------------------
# Suspension (合同中止)


@transaction.atomic
def suspend_contract(*, actor: User, contract: Contract, reason: str, starts_on: dt.date) -> Suspension:
    """Pause the service with its reason and start: no new instruction, filing or entry until resumed."""
    check_drafter(actor, contract.project, _("Procurement, HR, legal or the project's own department suspend it."))
    contract = _locked(contract)
    _required(reason=reason)
    if starts_on is None or starts_on > today() or starts_on < contract.start_date:
        raise RuleViolation(
            ErrorCode.DATES, _("A suspension starts within the contract's term and not after today."), field="starts_on"
        )
    _move(contract, ContractStatus.SUSPENDED, actor)
    suspension = Suspension(contract=contract, reason=reason.strip(), starts_on=starts_on)
    suspension.stamp(actor)
    suspension.save()
    with company_language():
        _tell_vendor(contract, title=_("%(number)s is suspended from %(date)s: %(reason)s")
                     % {"number": contract.number, "date": starts_on.isoformat(), "reason": suspension.reason},
                     key=f"contract-suspended:{suspension.pk}")  # fmt: skip
    return suspension


@transaction.atomic
def resume_contract(*, actor: User, contract: Contract, resumed_on: dt.date, note: str) -> Suspension:
    check_drafter(actor, contract.project, _("Procurement, HR, legal or the project's own department resume it."))
    contract = _locked(contract)
    suspension = contract.suspensions.filter(resumed_on__isnull=True).first()
    if contract.status != ContractStatus.SUSPENDED or suspension is None:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The contract is not suspended."))
    _required(note=note)
    if resumed_on is None or resumed_on < suspension.starts_on or resumed_on > today():
        raise RuleViolation(
            ErrorCode.DATES, _("The service resumes after the suspension began and not after today."),
            field="resumed_on",
        )  # fmt: skip
    _move(contract, ContractStatus.ACTIVE, actor)
    suspension.resumed_on = resumed_on
    suspension.resumption_note = note.strip()
    suspension.resumed_by = actor
    suspension.stamp(actor)
    suspension.save()
    with company_language():
        _tell_vendor(contract, title=_("%(number)s resumes on %(date)s")
                     % {"number": contract.number, "date": resumed_on.isoformat()},
                     key=f"contract-resumed:{suspension.pk}")  # fmt: skip
    return suspension


# ---------------------------------------------------------------------------------------------------
# Termination asked for by the vendor (解除, P1§15(二))


@transaction.atomic
def request_termination(*, actor: User, contract: Contract, reason: str, last_day: dt.date) -> TerminationRequest:
    """The vendor's site manager asks, in the portal, to end the contract; legal reviews it."""
    if not actor.has_perm("contracts.request_termination", contract):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only the contracted vendor asks to terminate."), status=403)
    contract = _locked(contract)
    if contract.status not in (ContractStatus.ACTIVE, ContractStatus.SUSPENDED):
        raise Conflict(ErrorCode.WRONG_STATUS, _("Only a contract in force or suspended can be terminated."))
    if contract.termination_requests.filter(status=RequestStatus.SUBMITTED).exists():
        raise Conflict(ErrorCode.TERMINATION_PENDING, _("Your earlier request is still with legal."))
    _required(reason=reason)
    if last_day is None or last_day <= today():
        raise RuleViolation(ErrorCode.DATES, _("Propose a last day of service after today."), field="last_day")
    request = TerminationRequest(contract=contract, reason=reason.strip(), last_day=last_day)
    request.stamp(actor)
    request.save()
    legal = User.objects.filter(role_assignments__role=Role.LEGAL, is_active=True, kind=UserKind.INTERNAL).distinct()
    with company_language():
        send(
            Notice(
                recipient_id=user_id,
                title=_("%(vendor)s asks to terminate %(number)s: review it")
                % {"vendor": contract.vendor.name, "number": contract.number},
                url=contract.get_absolute_url() + "#ending",
                dedup_key=f"contract-termination-request:{request.pk}",
                level="warning",
            )
            for user_id in [*legal.values_list("pk", flat=True), contract.project.owner_id]
        )
    return request


@transaction.atomic
def review_termination_request(
    *, actor: User, request: TerminationRequest, accept: bool, note: str
) -> TerminationRequest:
    """Legal accepts (the exit and handover plan opens, due on the vendor's last day) or refuses with a reason."""
    from outsourcing.contracts.changes import start_exit

    if not actor.has_perm("contracts.review_termination_request"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Legal reviews a termination request."), status=403)
    request = TerminationRequest.objects.select_for_update().select_related("contract").get(pk=request.pk)
    if request.status != RequestStatus.SUBMITTED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This request has already been reviewed."))
    if not accept and not str(note or "").strip():
        raise RuleViolation(
            ErrorCode.REASON_NEEDED, _("Give the vendor the reason for the refusal."), field="note"
        )  # fmt: skip
    request.status = RequestStatus.ACCEPTED if accept else RequestStatus.REFUSED
    request.decided_by = actor
    request.decided_at = timezone.now()
    request.decision_note = str(note or "").strip()
    request.stamp(actor)
    request.save()
    if accept:
        start_exit(actor=actor, contract=request.contract, due=request.last_day, checked=False)
    with company_language():
        title = (_("Your request to terminate %(number)s is accepted: the exit and handover plan is open")
                 if accept else _("Your request to terminate %(number)s is refused: %(reason)s"))  # fmt: skip
        _tell_vendor(request.contract, title=title % {"number": request.contract.number,
                                                      "reason": request.decision_note},
                     key=f"contract-termination-reviewed:{request.pk}")  # fmt: skip
    return request


# ---------------------------------------------------------------------------------------------------
# Notice of non-renewal (P2 3.1(3))


def notice_deadline(contract: Contract) -> dt.date:
    return contract.end_date - dt.timedelta(days=contract.non_renewal_notice_days)


def issue_non_renewal_notice(*, decision: RenewalDecision, actor: User) -> NonRenewalNotice:
    """Called when a decision to end or to select again is approved: the letter goes to the vendor."""
    contract = decision.contract
    notice = NonRenewalNotice(
        number=next_number("NRN"),
        contract=contract,
        decision=decision,
        service_ends_on=contract.end_date,
        issued_at=timezone.now(),
    )
    notice.stamp(actor)
    notice.save()
    with company_language():
        _tell_vendor(contract, title=_("%(number)s will not be renewed: the service ends on %(date)s")
                     % {"number": contract.number, "date": contract.end_date.isoformat()},
                     key=f"contract-non-renewal:{notice.pk}", url=contract.get_absolute_url() + "#ending")  # fmt: skip
    return notice


def notices_due(day: dt.date, *, within_days: int = 14) -> list[Contract]:
    """Contracts in force whose notice deadline is near or past, with no approved renewal and no notice sent."""
    renewing = RenewalDecision.objects.filter(choice=RenewalChoice.RENEW, status=ApprovalState.APPROVED)
    candidates = (
        Contract.objects.filter(status=ContractStatus.ACTIVE, end_date__gte=day)
        .exclude(pk__in=NonRenewalNotice.objects.values("contract_id"))
        .exclude(pk__in=renewing.values("contract_id"))
        .select_related("project")
    )
    return [c for c in candidates if (notice_deadline(c) - day).days <= within_days]


# ---------------------------------------------------------------------------------------------------
# Post-project evaluation (项目后评估, P2 3.1(1))

SCORES = ("quality_score", "delivery_score", "compliance_score", "cooperation_score")


@transaction.atomic
def record_post_evaluation(
    *,
    actor: User,
    contract: Contract,
    quality_score: int,
    delivery_score: int,
    compliance_score: int,
    cooperation_score: int,
    performance_summary: str,
    business_outlook: str,
    recommendation: str,
    lessons: str = "",
) -> PostProjectEvaluation:
    """The business department judges the ended contract; the evaluation stays on the vendor's record."""
    check_drafter(actor, contract.project, _("The project's own department, procurement, HR or legal evaluate it."))
    contract = _locked(contract)
    if contract.status not in (ContractStatus.EXITING, ContractStatus.CLOSED):
        raise Conflict(ErrorCode.WRONG_STATUS, _("A contract is evaluated once it is ending or ended."))
    if PostProjectEvaluation.objects.filter(contract=contract).exists():
        raise Conflict(ErrorCode.ALREADY_EVALUATED, _("This contract already has its post-project evaluation."))
    scores = dict(zip(SCORES, (quality_score, delivery_score, compliance_score, cooperation_score), strict=True))
    for name, value in scores.items():
        if not isinstance(value, int) or isinstance(value, bool) or not 1 <= value <= 5:
            raise RuleViolation(ErrorCode.SCORE, _("Score each point from 1 to 5."), field=name)
    _required(performance_summary=performance_summary, business_outlook=business_outlook)
    if recommendation not in Recommendation.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose a recommendation."), field="recommendation")
    evaluation = PostProjectEvaluation(
        contract=contract,
        vendor=contract.vendor,
        performance_summary=performance_summary.strip(),
        business_outlook=business_outlook.strip(),
        lessons=(lessons or "").strip(),
        recommendation=recommendation,
        **scores,
    )
    evaluation.stamp(actor)
    try:
        with transaction.atomic():
            evaluation.save()
    except IntegrityError as exc:  # a second one at the same moment
        raise Conflict(
            ErrorCode.ALREADY_EVALUATED, _("This contract already has its post-project evaluation.")
        ) from exc
    return evaluation


def evaluations_missing() -> list[Contract]:
    """Closed contracts without their post-project evaluation."""
    return list(
        Contract.objects.filter(status=ContractStatus.CLOSED, post_evaluation__isnull=True).select_related("project")
    )
