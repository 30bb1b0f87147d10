"""Who may see and do what with outsourced workers; pages, API and templates ask these rules.

The vendor files its own workers and sends its proofs; HR decides entry and checks proofs; the project's
department records the entry, requests access and raises issues to the vendor; company-wide reviewers
read (masked). Personal data is revealed only to HR or the vendor's own users, with a reason, audited.
"""

from __future__ import annotations

import rules

from outsourcing.org.models import Role
from outsourcing.org.permissions import has_role, holds_role, holds_role_for, is_internal, is_vendor_user
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.workforce.models import ProofStatus, WorkerStatus

ACTIVE_FILING = (WorkerStatus.FILED, WorkerStatus.APPROVED, WorkerStatus.ON_SITE)

READERS = (Role.HR, Role.LEGAL, Role.FINANCE, Role.PROCUREMENT, Role.MANAGEMENT, Role.AUDITOR, Role.ADMIN)


def _worker(obj):
    return getattr(obj, "worker", obj)


@rules.predicate
def reads_all_workers(user) -> bool:
    return any(holds_role(user, role) for role in READERS)


@rules.predicate
def of_my_department(user, obj) -> bool:
    target = _worker(obj)
    project = getattr(target, "project", None)
    if project is None:
        return False
    department = project.department
    return holds_role_for(user, Role.REQUESTER, department) or holds_role_for(user, Role.DEPT_HEAD, department)


@rules.predicate
def own_vendor(user, obj) -> bool:
    own = vendor_id_of(user)
    target = _worker(obj)
    return own is not None and target is not None and getattr(target, "vendor_id", None) == own


@rules.predicate
def still_filed(user, obj) -> bool:
    return _worker(obj) is not None and _worker(obj).status == WorkerStatus.FILED


@rules.predicate
def active_filing(user, obj) -> bool:
    return _worker(obj) is not None and _worker(obj).status in ACTIVE_FILING


@rules.predicate
def working(user, obj) -> bool:
    return _worker(obj) is not None and _worker(obj).status in (WorkerStatus.APPROVED, WorkerStatus.ON_SITE)


@rules.predicate
def proof_open(user, proof) -> bool:
    return proof is not None and proof.status in (ProofStatus.SUBMITTED, ProofStatus.GAPS)


is_hr = has_role(Role.HR)
department_people = has_role(Role.REQUESTER) | has_role(Role.DEPT_HEAD)

rules.add_perm("workforce.view_workers", (is_internal & (reads_all_workers | department_people)) | is_vendor_user)
own_vendors = is_vendor_user & own_vendor
rules.add_perm("workforce.read_worker", (is_internal & (reads_all_workers | of_my_department)) | own_vendors)
rules.add_perm("workforce.file_workers", is_vendor_user)
rules.add_perm("workforce.decide_entry", is_internal & is_hr)
rules.add_perm("workforce.record_entry", is_internal & (is_hr | of_my_department))
rules.add_perm("workforce.request_access", is_internal & of_my_department)
rules.add_perm("workforce.close_access", is_internal & (is_hr | department_people))  # the home page's reminder
rules.add_perm("workforce.manage_items", is_internal & (is_hr | of_my_department))
# The exit is the vendor's record (OPS-2, loophole 2): the company asks for it, it does not remove people itself.
rules.add_perm("workforce.record_exit", is_vendor_user & own_vendor)
rules.add_perm("workforce.ask_exit", is_internal & (is_hr | of_my_department))
rules.add_perm("workforce.reveal_personal_data", (is_internal & is_hr) | (is_vendor_user & own_vendor))
# A record in storage only (PIPL art. 47) is opened for a named legal claim only, by HR or legal (loophole 5).
rules.add_perm("workforce.reveal_for_legal_claim", is_internal & (is_hr | has_role(Role.LEGAL)))
rules.add_perm("workforce.raise_request", is_internal & (is_hr | of_my_department))
rules.add_perm("workforce.answer_request", is_vendor_user & own_vendor)
rules.add_perm("workforce.submit_proofs", is_vendor_user)
rules.add_perm("workforce.check_proofs", is_internal & is_hr)
rules.add_perm("workforce.view_proofs", (is_internal & (is_hr | reads_all_workers)) | is_vendor_user)
rules.add_perm("workforce.read_proof", (is_internal & reads_all_workers) | own_vendors)
rules.add_perm("workforce.print_badge", ((is_internal & (is_hr | of_my_department)) | own_vendors) & working)
# Files, by the attachments engine's convention. A labor contract, a social-insurance proof or a wage sheet
# carries the clear ID number: only HR (who checks them), internal audit and the vendor's own users open
# them; everyone else reads the masked record (WRK-2).
file_readers = is_internal & (is_hr | has_role(Role.AUDITOR))
rules.add_perm("workforce.view_worker", file_readers | own_vendors)
rules.add_perm("workforce.attach_worker", (is_internal & is_hr & active_filing) | (own_vendors & still_filed))
rules.add_perm("workforce.view_monthlyproof", file_readers | own_vendors)
rules.add_perm("workforce.attach_monthlyproof", is_vendor_user & own_vendor & proof_open)
# Special-operation certificates (CON-9): the vendor of the worker, or HR, records them while the worker is active;
# the scan carries the ID number, so it opens like the worker's own papers.
records_certificates = ((is_internal & is_hr) | own_vendors) & active_filing
rules.add_perm("workforce.add_certificate", records_certificates)
rules.add_perm("workforce.view_specialoperationcertificate", file_readers | own_vendors)
rules.add_perm("workforce.attach_specialoperationcertificate", records_certificates)
rules.add_perm("workforce.view_stability", is_internal & (reads_all_workers | department_people))
