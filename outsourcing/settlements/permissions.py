"""Who may see and do what in settlement; pages, API and templates ask these rules.

The project's department (its owner and head) opens a period and accepts the workload (SET-2) and adds
itemised lines; the vendor's users confirm the acceptance, submit the request and its invoices in the portal
(SET-4) and see their own settlements; finance keeps the tax-rule table (SET-7), records the payment and waives
a settlement with a reason (SET-5); company-wide readers read everything (ORG-3).
"""

from __future__ import annotations

import rules

from outsourcing.contracts.permissions import reads_all_contracts
from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role_for, is_admin, is_internal, is_vendor_user
from outsourcing.performance.permissions import of_my_department, own_vendor

is_finance = has_role(Role.FINANCE)
department_people = has_role(Role.REQUESTER) | has_role(Role.DEPT_HEAD)
reader = (is_internal & (reads_all_contracts | of_my_department)) | (is_vendor_user & own_vendor)
business = is_internal & of_my_department


@rules.predicate
def of_project_department(user, project) -> bool:
    """The project's owner, or a requester or head of its department (SET-6: its budget and hidden costs)."""
    if project is None:
        return False
    return project.owner_id == user.pk or any(holds_role_for(user, role, project.department)
                                              for role in (Role.REQUESTER, Role.DEPT_HEAD))  # fmt: skip


rules.add_perm("settlements.view_settlements", (is_internal & (reads_all_contracts | department_people))
               | is_vendor_user)  # fmt: skip
rules.add_perm("settlements.read_settlement", reader)
rules.add_perm("settlements.open_settlement", business | (is_internal & is_finance))
rules.add_perm("settlements.accept_settlement", business)
rules.add_perm("settlements.add_line", business | (is_internal & is_finance))
rules.add_perm("settlements.vendor_act", is_vendor_user & own_vendor)
rules.add_perm("settlements.pay_settlement", is_internal & is_finance)
rules.add_perm("settlements.waive_settlement", is_internal & is_finance)
rules.add_perm("settlements.keep_incentive_table", business)  # the contract's owner, before the table is used
rules.add_perm("settlements.view_budgets", is_internal & (reads_all_contracts | department_people))
rules.add_perm("settlements.view_project_budget", is_internal & (reads_all_contracts | is_finance
                                                                 | of_project_department))  # fmt: skip
rules.add_perm("settlements.record_hidden_cost", is_internal & (is_finance | of_project_department))
# CST-2..CST-4: the project's construction wage protection (object: the project, or a transfer or evidence of it).
@rules.predicate
def of_construction_project(user, obj) -> bool:
    project = getattr(obj, "project", None) or getattr(getattr(obj, "contract", None), "project", None) or obj
    return of_project_department(user, project)


construction_keepers = is_internal & (of_construction_project | is_finance | has_role(Role.PROCUREMENT)
                                      | has_role(Role.LEGAL))  # fmt: skip
rules.add_perm("settlements.view_construction", is_internal & (reads_all_contracts | of_construction_project))
rules.add_perm("settlements.keep_construction", construction_keepers)
rules.add_perm("settlements.record_transfer", is_internal & is_finance)
rules.add_perm("settlements.view_labourcosttransfer", is_internal & (reads_all_contracts | of_construction_project))
rules.add_perm("settlements.attach_labourcosttransfer", is_internal & is_finance)
rules.add_perm("settlements.view_projectevidence", is_internal & (reads_all_contracts | of_construction_project))
rules.add_perm("settlements.attach_projectevidence", construction_keepers)
rules.add_perm("settlements.view_tax_rules", is_internal | is_vendor_user)
rules.add_perm("settlements.manage_tax_rules", is_internal & (is_finance | is_admin))


def available_actions(user, settlement) -> list[str]:
    checks = {"accept": "settlements.accept_settlement", "add_line": "settlements.add_line",
              "vendor": "settlements.vendor_act", "pay": "settlements.pay_settlement",
              "waive": "settlements.waive_settlement"}  # fmt: skip
    return [name for name, perm in checks.items() if user.has_perm(perm, settlement)]
