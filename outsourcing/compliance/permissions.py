"""Who may see and do what in risk and compliance: HR (the policy owner), legal, management, internal audit and
the administrator read the indicators and the register; HR and legal keep the register; a risk's owner updates
its treatment. Vendor users see nothing here but their own incidents, which they answer."""

from __future__ import annotations

import rules

from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role_for, is_internal, is_vendor_user
from outsourcing.vendors.permissions import vendor_id_of


@rules.predicate
def owns_risk(user, risk) -> bool:
    return risk is not None and getattr(risk, "owner_id", None) == user.pk


@rules.predicate
def own_vendor_incident(user, incident) -> bool:
    own = vendor_id_of(user)
    return own is not None and incident is not None and getattr(incident, "vendor_id", None) == own


@rules.predicate
def of_my_department(user, incident) -> bool:
    project = getattr(incident, "project", None)
    return project is not None and (holds_role_for(user, Role.REQUESTER, project.department)
                                    or holds_role_for(user, Role.DEPT_HEAD, project.department))  # fmt: skip


readers = is_internal & (has_role(Role.HR) | has_role(Role.LEGAL) | has_role(Role.MANAGEMENT)
                         | has_role(Role.AUDITOR) | has_role(Role.ADMIN))  # fmt: skip
keepers = is_internal & (has_role(Role.HR) | has_role(Role.LEGAL))

rules.add_perm("compliance.view_compliance", readers)
rules.add_perm("compliance.manage_risks", keepers)
rules.add_perm("compliance.update_risk", keepers | (is_internal & owns_risk))
# Incidents (INC-1..INC-4): company staff record them; readers and HR/legal see all; the responsible vendor sees and
# answers its own in the portal; HR and legal manage the actions and the closing.
recorders = is_internal & (
    has_role(Role.HR) | has_role(Role.LEGAL) | has_role(Role.REQUESTER) | has_role(Role.DEPT_HEAD)
)
rules.add_perm("compliance.view_incidents", readers | recorders | is_vendor_user)
vendor_of_incident = is_vendor_user & own_vendor_incident
rules.add_perm("compliance.read_incident", readers | (recorders & of_my_department) | vendor_of_incident)
rules.add_perm("compliance.record_incident", recorders)
rules.add_perm("compliance.respond_incident", vendor_of_incident)
rules.add_perm("compliance.manage_incidents", keepers)
# The annual special audit (AUD-1..AUD-3; P3§7): HR and internal audit run it; every reader of compliance reads it.
rules.add_perm("compliance.view_audits", readers)
rules.add_perm("compliance.manage_audits", is_internal & (has_role(Role.HR) | has_role(Role.AUDITOR)))
# The dispatch ratio (RSK-7): HR enters the workforce figures; compliance readers see the ratio.
rules.add_perm("compliance.record_workforce", is_internal & has_role(Role.HR))
