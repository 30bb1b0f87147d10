"""Who may use the approval engine's pages. Whether someone may decide a given step is the engine's
rule (role, department scope, delegation, never one's own submission): see selectors.acting_principal."""

import rules

from outsourcing.org.permissions import is_admin, is_internal

rules.add_perm("approvals.view_inbox", is_internal)
rules.add_perm("approvals.delegate", is_internal)
rules.add_perm("approvals.manage_flows", is_internal & is_admin)
