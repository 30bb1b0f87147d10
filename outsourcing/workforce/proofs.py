"""The vendor's monthly compliance proofs (WRK-6): for a project and a month, a roster line for every active
worker saying whether the wage was paid (how much, to the worker's own account or not), social insurance and
housing fund paid and income tax filed, with the proofs' files and the social-insurance office's list, which
is compared with the roster (`insurance_list.py` reads it); HR checks them. A gap blocks that month's
settlement (`settlement_blockers`)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_noop

from outsourcing.attachments.selectors import attachments_for
from outsourcing.core.errors import Conflict, Reason, RuleViolation
from outsourcing.core.notices import Notice, company_language, send
from outsourcing.core.text import join_names
from outsourcing.core.timeutil import today
from outsourcing.demands.models import Project
from outsourcing.org.models import User
from outsourcing.vendors.models import Vendor
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.vendors.selectors import portal_user_ids
from outsourcing.workforce.filing import ErrorCode
from outsourcing.workforce.models import InsuranceList, MonthlyProof, ProofLine, ProofStatus, Worker, WorkerFileKind

REQUIRED_FILES = (
    WorkerFileKind.WAGE_PAYMENT_RECORD,
    WorkerFileKind.SOCIAL_INSURANCE_PROOF,
    WorkerFileKind.HOUSING_FUND_PROOF,
    WorkerFileKind.TAX_FILING,
)
LINE_ITEMS = {
    "wage_paid": gettext_noop("no wage payment"),
    "social_insurance": gettext_noop("no social insurance line"),
    "housing_fund": gettext_noop("no housing fund"),
    "tax_filed": gettext_noop("no tax filing"),
}


def first_of_month(day: dt.date) -> dt.date:
    return day.replace(day=1)


def month_end(month: dt.date) -> dt.date:
    following = (month.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
    return following - dt.timedelta(days=1)


def active_workers(*, vendor_id: int, project_id: int, month: dt.date) -> QuerySet:
    """Who worked on the project in the month: entered by its end, not exited before its start."""
    month = first_of_month(month)
    return (
        Worker.objects.filter(vendor_id=vendor_id, project_id=project_id, entered_on__isnull=False,
                              entered_on__lte=month_end(month))
        .filter(Q(exited_on__isnull=True) | Q(exited_on__gte=month))
        .order_by("badge_number")
    )  # fmt: skip


@dataclass(frozen=True)
class LineData:
    worker_id: int
    wage_paid: bool
    social_insurance: bool
    housing_fund: bool
    tax_filed: bool
    wage_amount: Decimal | None = None
    own_account: bool = False


LINE_FIELDS = ("wage_paid", "wage_amount", "own_account", "social_insurance", "housing_fund", "tax_filed")


@transaction.atomic
def submit_proof(*, actor: User, project: Project, month: dt.date, lines: list[LineData]) -> MonthlyProof:
    """The vendor sends (or, after HR found gaps, sends again) its roster of the month with what it paid."""
    vendor_id = vendor_id_of(actor)
    if vendor_id is None or not actor.has_perm("workforce.submit_proofs"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("The vendor sends its own proofs."), status=403)
    if month is None or first_of_month(month) > first_of_month(today()):
        raise RuleViolation(ErrorCode.DATES, _("Proofs are sent for the current or a past month."), field="month")
    month = first_of_month(month)
    active = {w.pk: w for w in active_workers(vendor_id=vendor_id, project_id=project.pk, month=month)}
    if not active:
        raise RuleViolation(
            ErrorCode.REQUIRED,
            _("None of your workers was on this project in %(month)s.") % {"month": f"{month:%Y-%m}"},
            field="month",
        )
    unknown = [line.worker_id for line in lines if line.worker_id not in active]
    if unknown:
        raise RuleViolation(ErrorCode.REQUIRED, _("The roster lists someone who was not on this project that month."))
    if len({line.worker_id for line in lines}) != len(lines):
        raise RuleViolation(ErrorCode.DUPLICATE, _("A worker is listed twice on the roster."))
    for line in lines:
        if line.wage_amount is not None and line.wage_amount < 0:
            raise RuleViolation(ErrorCode.WAGE_AMOUNT, _("A wage amount is not negative."), field="wage_amount")
        if line.wage_paid and not line.wage_amount:
            raise RuleViolation(ErrorCode.WAGE_AMOUNT, _("Give the wage amount paid for every worker whose wage "
                                                         "is ticked as paid."), field="wage_amount")  # fmt: skip
    proof = MonthlyProof.objects.select_for_update().filter(vendor_id=vendor_id, project=project, month=month).first()
    if proof is not None and proof.status == ProofStatus.ACCEPTED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("HR has already accepted the proofs of this month."))
    if proof is None:
        proof = MonthlyProof(vendor_id=vendor_id, project=project, month=month)
    proof.status, proof.checked_by, proof.checked_at, proof.note = ProofStatus.SUBMITTED, None, None, ""
    proof.stamp(actor)
    try:
        with transaction.atomic():
            proof.save()
    except IntegrityError as exc:  # the same month sent a moment ago from another session
        message = _("The proofs of this month were just sent: open them and correct them there.")
        raise Conflict(ErrorCode.DUPLICATE, message) from exc
    _change_lines(proof, lines, actor)
    return proof


def _change_lines(proof: MonthlyProof, lines: list[LineData], actor: User) -> None:
    """A sending again changes the lines it changes, adds the new ones and removes the workers taken off the
    roster: each line keeps its history in the audit trail (never a delete-and-recreate of the whole roster)."""
    existing = {line.worker_id: line for line in proof.lines.all()}
    wanted = {line.worker_id: line for line in lines}
    for worker_id, line in existing.items():
        if worker_id not in wanted:
            line.delete()
    for worker_id, data in wanted.items():
        values = {field: getattr(data, field) for field in LINE_FIELDS}
        if values["wage_amount"] is not None:
            values["wage_amount"] = values["wage_amount"].quantize(Decimal("0.01"))
        line = existing.get(worker_id)
        if line is None:
            ProofLine.objects.create(proof=proof, worker_id=worker_id, **values)
        elif any(getattr(line, field) != value for field, value in values.items()):
            for field, value in values.items():
                setattr(line, field, value)
            line.save()


@dataclass(frozen=True)
class Gap:
    """One worker's problem in a month's proofs, masked: badge number and masked ID only."""

    badge_number: str
    id_masked: str
    problems: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.badge_number}（{self.id_masked}）：{join_names(self.problems)}"


@dataclass(frozen=True)
class Difference:
    """A difference between the social-insurance list and the roster, named by the system (loophole 7):
    `not_listed` (a roster worker missing from the list: a gap), `not_on_roster` (an insured person the roster
    does not have: HR asks the vendor who works there), `registration_pending` (a new joiner still inside the
    statutory registration period: not a gap)."""

    kind: str
    id_masked: str
    badge_number: str = ""
    due: dt.date | None = None

    @property
    def is_gap(self) -> bool:
        return self.kind == "not_listed"

    def __str__(self) -> str:
        if self.kind == "not_on_roster":
            return _("%(id)s is on the social-insurance list but not on the roster") % {"id": self.id_masked}
        if self.kind == "registration_pending":
            return _("%(badge)s（%(id)s）joined recently: to be registered by %(due)s (社会保险法 art. 58)") % {
                "badge": self.badge_number, "id": self.id_masked, "due": self.due.isoformat()}  # fmt: skip
        return _("%(badge)s（%(id)s）is not on the social-insurance list") % {"badge": self.badge_number,
                                                                              "id": self.id_masked}  # fmt: skip


def registration_due(worker: Worker) -> dt.date:
    """The last day of the statutory social-insurance registration of a worker (社会保险法 art. 58)."""
    return worker.entered_on + dt.timedelta(days=settings.SOCIAL_INSURANCE_REGISTRATION_DAYS)


def insurance_list_of(proof: MonthlyProof) -> InsuranceList | None:
    """Read afresh: an upload in the same request is seen (the reverse relation caches its absence)."""
    return InsuranceList.objects.filter(proof_id=proof.pk).prefetch_related("entries").first()


def insurance_differences(proof: MonthlyProof, workers=None) -> list[Difference] | None:
    """The list compared with the month's roster through the keyed hash of the ID number; None when no list was
    uploaded. A worker who entered within the registration period of the month's end is not a gap."""
    uploaded = insurance_list_of(proof)
    if uploaded is None:
        return None
    if workers is None:
        workers = list(active_workers(vendor_id=proof.vendor_id, project_id=proof.project_id, month=proof.month))
    listed = {entry.id_hash: entry for entry in uploaded.entries.all()}
    roster = {w.id_hash for w in workers if w.id_hash}
    found, end = [], month_end(proof.month)
    for worker in workers:
        if worker.id_hash and worker.id_hash in listed:
            continue
        if registration_due(worker) > end:
            found.append(Difference("registration_pending", worker.id_masked, worker.badge_number,
                                    registration_due(worker)))  # fmt: skip
        else:
            found.append(Difference("not_listed", worker.id_masked, worker.badge_number))
    found += [Difference("not_on_roster", entry.id_masked) for key, entry in listed.items() if key not in roster]
    return found


def proof_gaps(proof: MonthlyProof) -> tuple[list[Gap], list[str]]:
    """(workers with gaps, missing files): every active worker needs a line with all items paid, and with the
    social-insurance list uploaded, a place on it."""
    lines = {line.worker_id: line for line in proof.lines.all()}
    workers = list(active_workers(vendor_id=proof.vendor_id, project_id=proof.project_id, month=proof.month))
    differences = insurance_differences(proof, workers)
    unlisted = {d.badge_number for d in differences or () if d.is_gap}
    gaps = []
    for worker in workers:
        line = lines.get(worker.pk)
        if line is None:
            problems = (_("not on the roster"),)
        else:
            problems = tuple(_(text) for field, text in LINE_ITEMS.items() if not getattr(line, field))
            if line.wage_paid and not line.wage_amount:
                problems += (_("no wage amount"),)
            if line.wage_paid and not line.own_account:  # 工资支付暂行规定 art. 5: paid to the worker in person
                problems += (_("wage not paid to the worker's own account"),)
        if worker.badge_number in unlisted:
            problems += (_("not on the social-insurance list"),)
        if problems:
            gaps.append(Gap(worker.badge_number, worker.id_masked, problems))
    kinds = {a.kind for a in attachments_for(document=proof)}
    missing = [str(WorkerFileKind(kind).label) for kind in REQUIRED_FILES if kind not in kinds]
    if differences is None:
        missing.append(str(_("Social-insurance list (Excel)")))
    return gaps, missing


@transaction.atomic
def check_proof(*, actor: User, proof: MonthlyProof, accept: bool, note: str = "") -> MonthlyProof:
    """HR accepts a complete month, or records the gaps (the computed ones, and any inconsistency HR found)."""
    if not actor.has_perm("workforce.check_proofs"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR checks the monthly proofs."), status=403)
    proof = MonthlyProof.objects.select_for_update(of=("self",)).select_related("vendor", "project").get(pk=proof.pk)
    if proof.status != ProofStatus.SUBMITTED:
        raise Conflict(ErrorCode.WRONG_STATUS, _("These proofs are already checked."))
    gaps, missing = proof_gaps(proof)
    note = (note or "").strip()
    if accept and month_end(proof.month) >= today():
        raise RuleViolation(
            ErrorCode.DATES, _("A month is accepted once it has ended: workers may still join until its last day.")
        )
    if accept and (gaps or missing):
        reasons = [str(g) for g in gaps]
        if missing:
            reasons.append(_("files missing: %(files)s") % {"files": join_names(missing)})
        raise RuleViolation(ErrorCode.PROOFS, _("Not complete: %(gaps)s.") % {"gaps": "；".join(reasons)})
    if not accept and not (gaps or missing) and not note:
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what is inconsistent in the proofs."), field="note")
    proof.status = ProofStatus.ACCEPTED if accept else ProofStatus.GAPS
    proof.checked_by, proof.checked_at, proof.note = actor, timezone.now(), note
    proof.stamp(actor)
    proof.save()
    if not accept:
        with company_language():
            send(
                Notice(recipient_id=user_id, title=_("Gaps in your proofs of %(month)s for %(project)s")
                       % {"month": f"{proof.month:%Y-%m}", "project": proof.project.number}, body=note,
                       url=proof.get_absolute_url(), dedup_key=f"proof-gaps:{proof.pk}:{proof.checked_at:%s}",
                       level="warning")
                for user_id in portal_user_ids({proof.vendor_id}).get(proof.vendor_id, [])
            )  # fmt: skip
    return proof


def settlement_blockers(*, vendor: Vendor, project: Project, month: dt.date) -> list[Reason]:
    """Why HR's step of the month's settlement may not pass (WRK-6, SET-5): the settlement app asks this."""
    month = first_of_month(month)
    proof = MonthlyProof.objects.filter(vendor=vendor, project=project, month=month).first()
    label = {"vendor": vendor.name, "month": f"{month:%Y-%m}"}
    if proof is None:
        if active_workers(vendor_id=vendor.pk, project_id=project.pk, month=month).exists():
            return [
                Reason(
                    ErrorCode.PROOFS_NOT_SENT, _("%(vendor)s has not sent the compliance proofs of %(month)s.") % label
                )
            ]
        return []
    if proof.status == ProofStatus.SUBMITTED:
        return [
            Reason(
                ErrorCode.PROOFS_NOT_CHECKED, _("HR has not checked the compliance proofs of %(month)s yet.") % label
            )
        ]
    if proof.status in (ProofStatus.GAPS, ProofStatus.ACCEPTED):  # accepted, yet an entry may be back-dated
        gaps, missing = proof_gaps(proof)
        if proof.status == ProofStatus.ACCEPTED and not (gaps or missing):
            return []
        details = [str(g) for g in gaps] + ([_("files missing: %(files)s") % {"files": join_names(missing)}]
                                            if missing else [])  # fmt: skip
        text = "；".join(details) or proof.note
        return [
            Reason(
                ErrorCode.PROOFS_HAVE_GAPS,
                _("The compliance proofs of %(month)s have gaps: %(gaps)s") % {**label, "gaps": text},
            )
        ]
    return []
