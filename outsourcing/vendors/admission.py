"""Admission reviews against the five criteria, annual re-reviews, and due diligence (VEN-3, VEN-4, VEN-5).

HR leads the review and submits it; legal (主体资格、涉诉) and finance (财务状况) co-review it in the
approval engine (P1§7(三), P3§3 control 4, P3§5-2). An approved admission makes the vendor qualified
and schedules its annual re-review; an approved re-review schedules the next one.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.approvals.states import ApprovalState, state_for_outcome
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.numbering import next_number
from outsourcing.core.text import join_names
from outsourcing.core.timeutil import today
from outsourcing.org.models import Role, User
from outsourcing.org.permissions import holds_role
from outsourcing.vendors.errors import ErrorCode
from outsourcing.vendors.models import (
    OPEN_REVIEW_STATUSES,
    POOL_STATUSES,
    AdmissionReview,
    Criterion,
    CriterionResult,
    DiligenceConclusion,
    DiligenceKind,
    DueDiligence,
    ReviewKind,
    ServiceCategory,
    Vendor,
    VendorStatus,
)
from outsourcing.vendors.qualification import lapsed_requirements, legal_entity_reason, scope_reasons
from outsourcing.vendors.services import record_status

REVIEW_INTERVAL_DAYS = 365
DILIGENCE_MAX_AGE_DAYS = 365
# Which due-diligence check each co-reviewer needs on file before approving.
DILIGENCE_FOR_ROLE = {Role.LEGAL: DiligenceKind.LITIGATION, Role.FINANCE: DiligenceKind.FINANCIALS}


def _check_hr(actor: User) -> None:
    if not actor.has_perm("vendors.manage_vendors"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("Only HR runs admission reviews and due diligence."))


@transaction.atomic
def start_review(*, actor: User, vendor: Vendor, category: ServiceCategory) -> AdmissionReview:
    """Open the admission review of a prospect, or the annual re-review of a vendor in the pool."""
    _check_hr(actor)
    vendor = Vendor.objects.select_for_update().get(pk=vendor.pk)
    if vendor.status == VendorStatus.PROSPECT:
        kind = ReviewKind.ADMISSION
    elif vendor.status in POOL_STATUSES:
        kind = ReviewKind.ANNUAL
    else:
        raise Conflict(
            ErrorCode.WRONG_STATUS,
            _("A vendor that is %(status)s is not reviewed: reinstate it first, or leave it out of the pool.")
            % {"status": vendor.get_status_display()},
        )
    if category is None or not vendor.categories.filter(pk=category.pk).exists():
        raise RuleViolation(
            ErrorCode.CATEGORY, _("Choose one of the vendor's own service categories."), field="category"
        )
    open_review = vendor.reviews.filter(status__in=OPEN_REVIEW_STATUSES).first()
    if open_review is not None:
        raise Conflict(
            ErrorCode.OPEN_REVIEW,
            _("Review %(number)s of this vendor is still open: finish it first.") % {"number": open_review.number},
        )
    review = AdmissionReview(number=next_number("ADM"), vendor=vendor, kind=kind, category=category)
    review.stamp(actor)
    review.save()
    return review


@dataclass(frozen=True)
class CriterionFinding:
    criterion: str
    passed: bool
    evidence: str


def _lock_editable(actor: User, review: AdmissionReview) -> AdmissionReview:
    _check_hr(actor)
    review = AdmissionReview.objects.select_for_update().select_related("vendor", "category").get(pk=review.pk)
    if not review.is_editable:
        raise Conflict(
            ErrorCode.NOT_EDITABLE,
            _("A review that is %(status)s cannot be changed.") % {"status": review.get_status_display()},
        )
    return review


@transaction.atomic
def record_findings(
    *,
    actor: User,
    review: AdmissionReview,
    findings: list[CriterionFinding],
    conclusion: str = "",
    affiliate_assessment: str = "",
) -> AdmissionReview:
    """Record pass/fail with evidence for each criterion given (all five before submitting)."""
    review = _lock_editable(actor, review)
    for finding in findings:
        if finding.criterion not in Criterion.values:
            raise RuleViolation(ErrorCode.REQUIRED, _("Unknown admission criterion."))
        if not (finding.evidence or "").strip():
            raise RuleViolation(
                ErrorCode.REQUIRED,
                _("Give the evidence for “%(criterion)s”.") % {"criterion": Criterion(finding.criterion).label},
                field=f"evidence_{finding.criterion}",
            )
    for finding in findings:
        CriterionResult.objects.update_or_create(
            review=review,
            criterion=finding.criterion,
            defaults={"passed": finding.passed, "evidence": finding.evidence.strip()},
        )
    review.conclusion = (conclusion or "").strip()
    review.affiliate_assessment = (affiliate_assessment or "").strip()
    review.stamp(actor)
    review.save()
    return review


@transaction.atomic
def submit_review(*, actor: User, review: AdmissionReview) -> AdmissionReview:
    """Send a complete review to legal and finance (approval engine)."""
    review = _lock_editable(actor, review)
    moved_on = _status_reason(review)
    if moved_on:
        raise Conflict(ErrorCode.WRONG_STATUS, moved_on)
    recorded = {r.criterion for r in review.results.all()}
    missing = [Criterion(c).label for c in Criterion.values if c not in recorded]
    if missing:
        raise RuleViolation(
            ErrorCode.INCOMPLETE,
            _("Record every admission criterion before submitting; missing: %(missing)s.")
            % {"missing": "；".join(str(m) for m in missing)},
        )
    if not review.conclusion:
        raise RuleViolation(ErrorCode.REQUIRED, _("Write the review's conclusion."), field="conclusion")
    if review.vendor.affiliate_id and not review.affiliate_assessment:
        raise RuleViolation(
            ErrorCode.REQUIRED,
            _(
                "The vendor matches the affiliate %(affiliate)s: assess the affiliation before submitting "
                "(劳动合同法 art. 67 forbids dispatching to one's own affiliates)."
            )
            % {"affiliate": review.vendor.affiliate.name},
            field="affiliate_assessment",
        )
    missing_checks = [
        str(DiligenceKind(kind).label)
        for kind in DILIGENCE_FOR_ROLE.values()
        if _recent_diligence(review.vendor, kind, today()) is None
    ]
    if missing_checks:  # the co-reviewers could only refuse: say it now, to HR
        raise RuleViolation(
            ErrorCode.INCOMPLETE,
            _("Record the due diligence of the last twelve months first: %(checks)s.")
            % {"checks": "、".join(missing_checks)},
        )
    review.status = ApprovalState.IN_APPROVAL
    review.submitted_at = timezone.now()
    review.stamp(actor)
    review.save()
    approvals.submit(document=review, actor=actor)
    return review


@transaction.atomic
def save_and_submit(
    *,
    actor: User,
    review: AdmissionReview,
    findings: list[CriterionFinding],
    conclusion: str,
    affiliate_assessment: str = "",
) -> AdmissionReview:
    """Save the findings and submit in one go: if submission is refused, nothing is saved either."""
    review = record_findings(
        actor=actor, review=review, findings=findings, conclusion=conclusion, affiliate_assessment=affiliate_assessment
    )
    return submit_review(actor=actor, review=review)


def _recent_diligence(vendor: Vendor, kind: str, on: dt.date) -> DueDiligence | None:
    since = on - dt.timedelta(days=DILIGENCE_MAX_AGE_DAYS)
    return vendor.diligence.filter(kind=kind, performed_on__gte=since).order_by("-performed_on", "-id").first()


def _status_reason(review: AdmissionReview) -> str | None:
    """An admission reviews a prospect, a re-review a vendor in the pool; anything else has moved on."""
    vendor = review.vendor
    expected = vendor.status == VendorStatus.PROSPECT if review.kind == ReviewKind.ADMISSION else vendor.in_pool
    if expected:
        return None
    return _("The vendor is now %(status)s: this review can no longer be approved; reject it.") % {
        "status": vendor.get_status_display()
    }


def approval_blockers(*, review: AdmissionReview, role: str) -> list[Reason]:
    """Why the review may not be approved (at a step held by `role`, or by anyone when role is "")."""
    vendor = review.vendor
    reasons = []
    moved_on = _status_reason(review)
    if moved_on:
        reasons.append(Reason(ErrorCode.VENDOR_STATUS_CHANGED, moved_on))
    failed = [r for r in review.results.all() if not r.passed]
    if failed:
        reasons.append(
            Reason(
                ErrorCode.FAILED_CRITERIA,
                _("Failed criteria: %(criteria)s. A vendor that fails a criterion is not admitted: reject the review.")
                % {"criteria": "；".join(str(r.get_criterion_display()) for r in failed)},
            )
        )
    entity = legal_entity_reason(vendor)
    if entity:
        reasons.append(Reason(ErrorCode.NOT_A_LEGAL_ENTITY, entity))
    reasons.extend(scope_reasons(vendor, review.category))
    lapsed = lapsed_requirements(vendor, review.category)
    if lapsed:
        reasons.append(
            Reason(
                ErrorCode.LICENCE_NOT_VALID,
                _("Licences the category %(category)s requires are not valid: %(lapsed)s.")
                % {"category": review.category.name, "lapsed": join_names(lapsed)},
            )
        )
    needed = DILIGENCE_FOR_ROLE.get(role)
    if needed:
        latest = _recent_diligence(vendor, needed, today())
        if latest is None:
            reasons.append(
                Reason(
                    ErrorCode.NO_DUE_DILIGENCE,
                    _("Record the due diligence “%(kind)s” of the last twelve months before approving.")
                    % {"kind": DiligenceKind(needed).label},
                )
            )
        elif latest.conclusion == DiligenceConclusion.UNSATISFACTORY:
            reasons.append(
                Reason(
                    ErrorCode.DUE_DILIGENCE_UNSATISFACTORY,
                    _("The latest due diligence “%(kind)s” (%(date)s) concluded “%(conclusion)s”.")
                    % {
                        "kind": DiligenceKind(needed).label,
                        "date": latest.performed_on.isoformat(),
                        "conclusion": latest.get_conclusion_display(),
                    },
                )
            )
    return reasons


def blockers_for_viewer(*, user: User, review: AdmissionReview) -> list[Reason]:
    """What stands in the way of approval, with what the viewer's own co-review step needs."""
    if review.status not in OPEN_REVIEW_STATUSES:
        return []
    reasons = approval_blockers(review=review, role="")
    for role in DILIGENCE_FOR_ROLE:
        if holds_role(user, role):
            reasons += [r for r in approval_blockers(review=review, role=role) if r not in reasons]
    return reasons


def approval_finished(*, review: AdmissionReview, outcome: str, actor: User) -> None:
    """Called by the approval engine inside the decision's transaction."""
    if review.status != ApprovalState.IN_APPROVAL:
        raise Conflict(ErrorCode.WRONG_STATUS, _("This review is not in approval."))
    review.status = state_for_outcome(outcome)
    review.stamp(actor)
    review.save(update_fields=["status", "updated_by", "updated_at"])
    if outcome != "approved":
        return
    vendor = Vendor.objects.select_for_update().get(pk=review.vendor_id)
    review.vendor = vendor
    moved_on = _status_reason(review)
    if moved_on:  # the vendor was suspended or removed while the last approver was deciding
        raise Conflict(ErrorCode.WRONG_STATUS, moved_on)
    vendor.next_review_due = today() + dt.timedelta(days=REVIEW_INTERVAL_DAYS)
    if review.kind == ReviewKind.ADMISSION:
        vendor.admitted_at = timezone.now()
        record_status(
            vendor=vendor,
            to_status=VendorStatus.QUALIFIED,
            reason=_("Admission review %(number)s approved") % {"number": review.number},
            actor=actor,
        )
    else:
        vendor.stamp(actor)
        vendor.save()


# ---------------------------------------------------------------------------------------------------
# Due diligence (VEN-4)


@transaction.atomic
def record_diligence(
    *,
    actor: User,
    vendor: Vendor,
    kind: str,
    performed_on: dt.date,
    findings: str,
    conclusion: str,
    debt_ratio: Decimal | None = None,
    annual_revenue: Decimal | None = None,
) -> DueDiligence:
    _check_hr(actor)
    findings = (findings or "").strip()
    if kind not in DiligenceKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the kind of check."), field="kind")
    if performed_on is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Fill in when the check was made."), field="performed_on")
    if performed_on > today():
        raise RuleViolation(ErrorCode.DATE, _("A check cannot be recorded before it is made."), field="performed_on")
    if not findings:
        raise RuleViolation(ErrorCode.REQUIRED, _("Write down the findings."), field="findings")
    if conclusion not in DiligenceConclusion.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose a conclusion."), field="conclusion")
    if kind == DiligenceKind.FINANCIALS and (debt_ratio is None or annual_revenue is None):
        raise RuleViolation(
            ErrorCode.REQUIRED,
            _("A financial statements check records the debt ratio and the annual revenue."),
            field="debt_ratio" if debt_ratio is None else "annual_revenue",
        )
    if debt_ratio is not None and not (Decimal("0") <= debt_ratio <= Decimal("999.99")):
        raise RuleViolation(ErrorCode.RANGE, _("The debt ratio is a percentage from 0 to 999.99."), field="debt_ratio")
    if annual_revenue is not None and annual_revenue < 0:
        raise RuleViolation(ErrorCode.RANGE, _("The annual revenue cannot be negative."), field="annual_revenue")
    diligence = DueDiligence(
        vendor=vendor,
        kind=kind,
        performed_on=performed_on,
        findings=findings,
        conclusion=conclusion,
        debt_ratio=debt_ratio,
        annual_revenue=annual_revenue,
    )
    diligence.stamp(actor)
    diligence.save()
    return diligence
