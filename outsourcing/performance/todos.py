"""Performance records waiting on the home page (registered in PerformanceConfig.ready()): for the project owner
and HR, evaluations to publish, disputes to resolve, rectification plans to accept and PIPs to verify; for the
vendor's site manager, evaluations to confirm or dispute, plans to write and period reports due."""

from __future__ import annotations

from django.db.models import Count, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from outsourcing.core.timeutil import today
from outsourcing.core.todos import WaitingItem, waiting_records
from outsourcing.org.models import Role
from outsourcing.performance import reports, selectors
from outsourcing.performance.models import Evaluation, EvaluationStatus, PlanStatus, RectificationPlan
from outsourcing.vendors.permissions import vendor_id_of


def waiting(user) -> list[WaitingItem]:
    if not user.has_perm("performance.view_performance"):
        return []
    if user.is_vendor_user:
        return _for_the_vendor(user) if Role.VENDOR_MANAGER in user.role_codes else []
    return _for_the_company(user)


def _mine(user, found: QuerySet) -> QuerySet:
    """HR: every record it may read; the project's department: the projects it owns."""
    found = selectors.scoped(user, found)
    return found if Role.HR in user.role_codes else found.filter(contract__project__owner=user)


def _for_the_company(user) -> list[WaitingItem]:
    """Three counting queries whatever waits (the evaluations' two counts in one); a link's query only when some do."""
    own = Q() if Role.HR in user.role_codes else Q(contract__project__owner=user)
    drafts, disputed = Q(status=EvaluationStatus.DRAFT) & own, Q(status=EvaluationStatus.DISPUTED,
                                                                 contract__project__owner=user)  # fmt: skip
    evaluations = selectors.scoped(user, Evaluation.objects.all())
    counts = evaluations.aggregate(drafts=Count("id", filter=drafts), disputed=Count("id", filter=disputed))
    items = []
    if counts["drafts"]:
        first = evaluations.filter(drafts).order_by("period_start", "id").first()
        items.append(WaitingItem(_("Evaluations to publish to the vendor"), counts["drafts"], first.get_absolute_url(),
                                 _("Check the scores and publish: the vendor then confirms or disputes each item.")))
    if counts["disputed"]:
        first = evaluations.filter(disputed).order_by("period_start", "id").first()
        items.append(WaitingItem(_("Disputed evaluations to resolve with HR"), counts["disputed"],
                                 first.get_absolute_url(), _("Uphold or re-score each disputed item, with the reason."),
                                 "danger"))  # fmt: skip
    plans = RectificationPlan.objects.filter(status=PlanStatus.SUBMITTED).order_by("submitted_at", "id")
    return [
        *items,
        *waiting_records(_mine(user, plans), _("Rectification plans to accept or return"),
                         lambda p: p.get_absolute_url(), _("Accept the vendor's plan or return it with the reason.")),
        *waiting_records(_mine(user, selectors.pips_due(today()).order_by("deadline", "id")),
                         _("PIPs past their deadline to verify"), lambda p: p.get_absolute_url(),
                         _("Verify the milestones: the PIP passes, is extended once, or fails."), "danger"),
    ]  # fmt: skip


def _for_the_vendor(user) -> list[WaitingItem]:
    own = vendor_id_of(user)
    evaluations = Evaluation.objects.filter(contract__vendor_id=own, status=EvaluationStatus.PUBLISHED)
    plans = RectificationPlan.objects.filter(contract__vendor_id=own,
                                             status__in=[PlanStatus.REQUESTED, PlanStatus.RETURNED])  # fmt: skip
    late = [(c, start) for c, start, _end in reports.reports_late(today()) if c.vendor_id == own]
    items = [
        *waiting_records(evaluations.order_by("answer_by", "id"), _("Evaluations to confirm or dispute"),
                         lambda e: e.get_absolute_url(),
                         _("Answer each item by the deadline: silence counts as confirmation."), "danger"),
        *waiting_records(plans.order_by("submit_by", "id"), _("Rectification plans to write"),
                         lambda p: p.get_absolute_url(),
                         _("Root cause, actions, owner and deadline, for the company to accept.")),
    ]  # fmt: skip
    if late:
        items.append(WaitingItem(_("Performance reports due"), len(late), "/performance/reports/new/",
                                 _("Figures, analysis, reasons for misses and improvement measures of the period."),
                                 "primary"))  # fmt: skip
    return items
