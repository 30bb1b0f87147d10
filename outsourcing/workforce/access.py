"""Least-privilege access (最小必要, WRK-5, CST-1): every system, network and area access requested with a
reason by the project's department, approved by its head, ending no later than the worker; revoked and
every card, key and device returned on the exit day. What is still open after that day is an alert."""

from __future__ import annotations

import datetime as dt

from django.db import transaction
from django.utils.translation import gettext as _

from outsourcing.approvals import services as approvals
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.numbering import next_number
from outsourcing.core.timeutil import today
from outsourcing.org.models import User
from outsourcing.workforce.entry import realname_problem
from outsourcing.workforce.errors import ErrorCode
from outsourcing.workforce.models import AccessGrant, AccessKind, GrantStatus, IssuedItem, Worker, WorkerStatus

WORKING = (WorkerStatus.APPROVED, WorkerStatus.ON_SITE)
REASON_MIN = 6
# What lets a person onto a site: an area grant, a door card or a key. On construction work each needs the
# real-name registration, asked by one check (worker_entry.realname_problem) whatever the path (CST-1, loophole 4).
SITE_ITEMS = (IssuedItem.Kind.CARD, IssuedItem.Kind.KEY)


def _working(worker: Worker) -> Worker:
    related = ("contract__award__event__category", "project__department")
    worker = Worker.objects.select_for_update(of=("self",)).select_related(*related).get(pk=worker.pk)
    if worker.status not in WORKING:
        raise Conflict(
            ErrorCode.WRONG_STATUS,
            _("The worker is %(status)s: access is only for a worker approved to enter.")
            % {"status": worker.get_status_display()},
        )
    return worker


def site_access_problem(worker: Worker) -> Reason | None:
    """Why this worker may not get onto the site (an area grant, a card or a key), or None."""
    return realname_problem(worker)


def grant_problems(*, worker: Worker, kind: str, valid_from: dt.date | None, valid_until: dt.date | None) -> list:
    """What makes a grant impossible for this worker now: the same rules when requested and when approved."""
    problems = []
    if worker.status not in WORKING:
        problems.append(Reason(ErrorCode.WRONG_STATUS,
                               _("The worker is %(status)s.") % {"status": worker.get_status_display()}))  # fmt: skip
    if valid_from and valid_until and valid_until > worker.planned_end:
        problems.append(Reason(ErrorCode.DATES, _("Access ends no later than the worker's planned end (%(end)s).")
                               % {"end": worker.planned_end.isoformat()}))  # fmt: skip
    site = site_access_problem(worker) if kind == AccessKind.AREA else None
    if site:
        problems.append(site)
    return problems


@transaction.atomic
def request_grant(
    *,
    actor: User,
    worker: Worker,
    kind: str,
    resource: str,
    reason: str,
    valid_from: dt.date | None,
    valid_until: dt.date | None,
) -> AccessGrant:
    """The project's department asks for one access, with why it is needed; the department head approves."""
    if not actor.has_perm("workforce.request_access", worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The project's department requests access."), status=403)
    worker = _working(worker)
    if kind not in AccessKind.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose a system, a network or an area."), field="kind")
    if not (resource or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the system, network or area."), field="resource")
    if len((reason or "").strip()) < REASON_MIN:
        raise RuleViolation(
            ErrorCode.REQUIRED, _("Say why the work needs this access (at least a sentence)."), field="reason"
        )
    if valid_from is None or valid_until is None or valid_until < valid_from:
        raise RuleViolation(ErrorCode.DATES, _("The access ends before it starts."), field="valid_until")
    earliest = min(worker.planned_start, worker.entered_on or worker.planned_start)
    if valid_from < earliest:
        raise RuleViolation(
            ErrorCode.DATES,
            _("Access starts no earlier than the worker's start (%(start)s).") % {"start": earliest.isoformat()},
            field="valid_from",
        )
    problems = grant_problems(worker=worker, kind=kind, valid_from=valid_from, valid_until=valid_until)
    if problems:
        raise RuleViolation(problems[0].code, " ".join(problems),
                            field="kind" if problems[0].code == ErrorCode.REALNAME else "valid_until")  # fmt: skip
    grant = AccessGrant(
        number=next_number("ACC"),
        worker=worker,
        kind=kind,
        resource=resource.strip(),
        reason=reason.strip(),
        valid_from=valid_from,
        valid_until=valid_until,
    )
    grant.stamp(actor)
    grant.save()
    approvals.submit(document=grant, actor=actor)
    return grant


def approval_blockers(*, grant: AccessGrant) -> list[Reason]:
    """The worker may have exited, or the grant become too long, since it was requested."""
    worker = grant.worker
    return grant_problems(worker=worker, kind=grant.kind, valid_from=grant.valid_from, valid_until=grant.valid_until)


def approval_finished(*, grant: AccessGrant, outcome: str, actor: User) -> None:
    grant.status = {"approved": GrantStatus.APPROVED, "rejected": GrantStatus.REJECTED}.get(
        outcome, GrantStatus.RETURNED
    )
    grant.stamp(actor)
    grant.save()


@transaction.atomic
def revoke_grant(*, actor: User, grant: AccessGrant, revoked_on: dt.date | None = None) -> AccessGrant:
    """The account, network access or card right is closed (on the exit day at the latest)."""
    grant = (
        AccessGrant.objects.select_for_update(of=("self",))
        .select_related("worker__project__department")
        .get(pk=grant.pk)
    )
    if not actor.has_perm("workforce.manage_items", grant.worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or the project's department close access."), status=403)
    if grant.status != GrantStatus.APPROVED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("Only a granted access is revoked."))
    revoked_on = revoked_on or today()
    if revoked_on > today():
        raise RuleViolation(
            ErrorCode.DATES, _("Record a closing once it is done: the day cannot be in the future."), field="revoked_on"
        )
    grant.status, grant.revoked_on, grant.revoked_by = GrantStatus.REVOKED, revoked_on, actor
    grant.stamp(actor)
    grant.save()
    return grant


@transaction.atomic
def issue_item(*, actor: User, worker: Worker, kind: str, description: str, issued_on: dt.date | None) -> IssuedItem:
    """A card, key or device handed to the worker, to be returned on the exit day."""
    if not actor.has_perm("workforce.manage_items", worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or the project's department issue items."), status=403)
    worker = _working(worker)
    if kind not in IssuedItem.Kind.values or not (description or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what was handed over."), field="description")
    if issued_on is None or issued_on > today():
        raise RuleViolation(ErrorCode.DATES, _("Record an item once it is handed over."), field="issued_on")
    site = site_access_problem(worker) if kind in SITE_ITEMS else None
    if site:
        raise RuleViolation(site.code, site, field="kind")
    item = IssuedItem(worker=worker, kind=kind, description=description.strip(), issued_on=issued_on)
    item.stamp(actor)
    item.save()
    return item


@transaction.atomic
def return_item(*, actor: User, item: IssuedItem, returned_on: dt.date | None = None) -> IssuedItem:
    item = (
        IssuedItem.objects.select_for_update(of=("self",)).select_related("worker__project__department").get(pk=item.pk)
    )
    if not actor.has_perm("workforce.manage_items", item.worker):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR or the project's department take items back."), status=403)
    if item.returned_on:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The item is already returned."))
    returned_on = returned_on or today()
    if returned_on > today() or returned_on < item.issued_on:
        raise RuleViolation(
            ErrorCode.DATES,
            _("The return day lies between the handover (%(issued)s) and today.") % {"issued": item.issued_on},
            field="returned_on",
        )
    item.returned_on = returned_on
    item.stamp(actor)
    item.save()
    return item


def open_access(worker: Worker) -> tuple[list[AccessGrant], list[IssuedItem]]:
    """What is still open for a worker: access granted and not revoked, items not returned."""
    grants = [g for g in worker.grants.all() if g.status == GrantStatus.APPROVED]
    items = [i for i in worker.items.all() if i.returned_on is None]
    return grants, items
