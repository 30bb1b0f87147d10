"""What partnership shows on other apps' pages (VEN-6, PTN-4): the vendor page's section with its proposals,
joint projects, awards and relationship plan, and the priority rights beside a sourcing event's candidates."""

from __future__ import annotations

from outsourcing.approvals.states import ApprovalState
from outsourcing.core.timeutil import today
from outsourcing.partnership import selectors
from outsourcing.partnership.models import Award
from outsourcing.vendors.models import POOL_STATUSES, Vendor, VendorStatus


def vendor_section(request, vendor) -> dict | None:
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("partnership.read_vendor_record", vendor):
        return None
    day = today()
    awards = list(selectors.awards_for(user).filter(vendor=vendor)[:5])
    priority = next((a for a in awards if a.approval_state == ApprovalState.APPROVED and a.priority_until >= day
                     and vendor.status in POOL_STATUSES), None)  # fmt: skip
    proposals = list(selectors.proposals_for(user).filter(contract__vendor=vendor)[:8])
    projects = list(selectors.joint_projects_for(user).filter(vendor=vendor)[:5])
    plan = list(selectors.plan_for(user, vendor.pk)[:8]) if vendor.status == VendorStatus.STRATEGIC else []
    if not (awards or proposals or projects or plan):
        return None
    return {"vendor": vendor, "awards": awards, "priority": priority, "proposals": proposals, "projects": projects,
            "plan": plan}  # fmt: skip


def sourcing_candidates_section(request, event) -> dict | None:
    """The pool vendors of the event's category holding a priority right (优先承接权) from an annual award."""
    user = getattr(request, "user", None)
    if user is None or user.is_vendor_user:
        return None
    day = today()
    holders = (Award.objects.filter(approval_state=ApprovalState.APPROVED, priority_until__gte=day,
                                    vendor__status__in=POOL_STATUSES, vendor__categories=event.category_id)
               .select_related("vendor").order_by("vendor__number", "-year"))  # fmt: skip
    seen: dict[int, Award] = {}
    for award in holders:
        seen.setdefault(award.vendor_id, award)
    return {"awards": list(seen.values())} if seen else None


def priority_vendors(day=None) -> list[Vendor]:
    day = day or today()
    return list(Vendor.objects.filter(awards__approval_state=ApprovalState.APPROVED, awards__priority_until__gte=day,
                                      status__in=POOL_STATUSES).distinct().order_by("number"))  # fmt: skip
