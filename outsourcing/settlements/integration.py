"""What settlement adds to earlier apps' pages and rules, through their registries: the contract's and the
vendor's settlement section, the renewal decision's history lines, the contract's closing check (CON-8)."""

from __future__ import annotations

from django.utils.translation import gettext as _

from outsourcing.core.money import format_cny
from outsourcing.settlements.models import DONE_STATUSES, Settlement
from outsourcing.settlements.selectors import contract_history


def open_final_settlements(contract) -> list[str]:
    """What keeps the contract from closing: a settlement not yet paid or waived, and — once the contract has been
    settled at all — a final period never opened (P2 3.1(3))."""
    found = list(Settlement.objects.filter(contract=contract).values_list("number", "status", "is_final"))
    open_ones = [number for number, status, _final in found if status not in DONE_STATUSES]
    if found and not any(final for _n, _s, final in found):
        open_ones.append(_("the final settlement is not opened yet"))
    return open_ones


def history_rows(contract) -> list[str]:
    return [f"{s.number} {s.period_label} · {s.get_status_display()}"
            + (f" · {format_cny(s.approved_amount)}" if s.approved_amount is not None else "")
            for s in contract_history(contract)]  # fmt: skip


def contract_section(request, contract) -> dict | None:
    user = getattr(request, "user", None)
    if user is None or not user.has_perm("settlements.read_settlement", contract):
        return None
    settlements = contract_history(contract)
    may_open = user.has_perm("settlements.open_settlement", contract)
    if not settlements and not may_open:
        return None
    return {"contract": contract, "settlements": settlements, "may_open": may_open}


def vendor_section(request, vendor) -> dict | None:
    from outsourcing.settlements.selectors import settlements_for

    user = getattr(request, "user", None)
    if user is None or user.is_vendor_user or not user.has_perm("settlements.view_settlements"):
        return None
    settlements = list(settlements_for(user).filter(contract__vendor=vendor)[:12])
    return {"vendor": vendor, "settlements": settlements} if settlements else None


def project_budget_section(request, project) -> dict | None:
    """The project's budget box (SET-6): spend against the budget and reserve, the hidden costs."""
    from outsourcing.settlements.budget import figures
    from outsourcing.settlements.models import HiddenCost

    user = getattr(request, "user", None)
    if user is None or not user.has_perm("settlements.view_project_budget", project):
        return None
    return {"project": project, "budget": figures(project),
            "hidden_costs": list(HiddenCost.objects.filter(project=project)[:20]),
            "may_record_cost": user.has_perm("settlements.record_hidden_cost", project)}  # fmt: skip


def project_construction_section(request, project) -> dict | None:
    """The project's role and a link to its construction page (CST-2..CST-4); its flags when it is construction."""
    from outsourcing.demands.models import CompanyRole

    user = getattr(request, "user", None)
    if user is None or not user.has_perm("settlements.view_construction", project):
        return None
    if project.company_role == CompanyRole.CLIENT:
        return {"project": project, "flags": []} if user.has_perm("settlements.keep_construction", project) else None
    from outsourcing.settlements.views_construction import flags_for

    return {"project": project, "flags": flags_for(project)}
