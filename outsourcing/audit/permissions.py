"""Who reads the audit trail (X-1, AUD-2). Nobody writes it: entries come only from the recorded actions.

Internal audit and the administrator search the whole trail; company staff see the history of a record
on its own page (which has already checked that they may see the record). Vendor users see neither.
"""

import rules

from outsourcing.org.permissions import is_admin, is_auditor, is_internal

rules.add_perm("audit.view_audit_trail", is_internal & (is_auditor | is_admin))
rules.add_perm("audit.view_object_history", is_internal)
