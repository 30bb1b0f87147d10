"""Who may see and do what in risk and compliance: HR (the policy owner), legal, management, internal audit and
the administrator read the indicators and the register; HR and legal keep the register; a risk's owner updates
its treatment. Vendor users see nothing here."""

from __future__ import annotations

import rules

from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, is_internal


@rules.predicate
def owns_risk(user, risk) -> bool:
    return risk is not None and getattr(risk, "owner_id", None) == user.pk


readers = is_internal & (has_role(Role.HR) | has_role(Role.LEGAL) | has_role(Role.MANAGEMENT)
                         | has_role(Role.AUDITOR) | has_role(Role.ADMIN))  # fmt: skip
keepers = is_internal & (has_role(Role.HR) | has_role(Role.LEGAL))

rules.add_perm("compliance.view_compliance", readers)
rules.add_perm("compliance.manage_risks", keepers)
rules.add_perm("compliance.update_risk", keepers | (is_internal & owns_risk))
