"""Who opens the dashboards (X-7): management, department heads, HR, finance, internal audit, the administrator
and a vendor's users (its own figures). Each panel is shown under the permission of the list behind it, and its
figures come from that list's selector, scoped to the viewer as the list is."""

from __future__ import annotations

import rules

from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, is_internal, is_vendor_user

readers = is_internal & (has_role(Role.MANAGEMENT) | has_role(Role.DEPT_HEAD) | has_role(Role.HR)
                         | has_role(Role.FINANCE) | has_role(Role.AUDITOR) | has_role(Role.ADMIN))  # fmt: skip

rules.add_perm("dashboard.view_reports", readers | is_vendor_user)
