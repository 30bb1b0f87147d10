"""The annual special audit of outsourcing (AUD-1, AUD-3; P3§7): HR or internal audit opens it with its scope and
period, its checklist drawn from the policy library (the rules of the chosen areas), draws a random sample of the
period's contracts, workers and settlements with a seed it stores (so the same sample can be drawn again and
compared), records the checklist's results and findings (each with an owner), the required actions with owners and
deadlines, and follows them to closure: a finding closes only with its actions done, the audit only with its
findings closed."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from dataclasses import dataclass, field

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import Q
from django.utils.translation import gettext as _

from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models_audits import (
    AUDIT_FINDING_STATES,
    AUDIT_STATES,
    Audit,
    AuditAction,
    AuditCheck,
    AuditFinding,
    AuditSample,
    AuditStatus,
    CheckResult,
    PolicyArea,
    PolicyRule,
)
from outsourcing.contracts.models import Contract
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.numbering import next_number
from outsourcing.core.text import required_text
from outsourcing.core.timeutil import today
from outsourcing.settlements.models import Settlement
from outsourcing.workforce.models import Worker

MAX_SAMPLE = 50


@dataclass
class AuditData:
    year: int
    title: str
    scope: str
    period_start: dt.date
    period_end: dt.date
    lead: object
    areas: list[str] = field(default_factory=list)


def _may_manage(actor) -> None:
    if not actor.has_perm("compliance.manage_audits"):
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR and internal audit run the audits."), status=403)


def _open(audit: Audit) -> None:
    if audit.status != AuditStatus.OPEN:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The audit is closed."))


def _check(data: AuditData) -> None:
    if not isinstance(data.year, int) or not 2000 <= data.year <= today().year + 1:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Give the year audited."), field="year")
    required_text(data.title, message=_("Name the audit."), field="title")
    required_text(data.scope, message=_("Describe the audit's scope."), field="scope")
    if data.period_start is None or data.period_end is None or data.period_end < data.period_start:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Give the period audited, its start before its end."),
                            field="period_end")  # fmt: skip
    if data.lead is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the lead auditor."), field="lead")
    unknown = set(data.areas or []) - set(PolicyArea.values)
    if unknown:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the areas among the policy's."), field="areas")


@transaction.atomic
def open_audit(*, actor, data: AuditData) -> Audit:
    """The audit with its checklist: every rule in force of the chosen areas (all areas when none is chosen)."""
    _may_manage(actor)
    _check(data)
    rules = PolicyRule.objects.filter(active=True)
    if data.areas:
        rules = rules.filter(area__in=data.areas)
    rules = list(rules.order_by("code"))
    if not rules:
        raise RuleViolation(ErrorCode.REQUIRED, _("The policy library has no rule in force for these areas."),
                            field="areas")  # fmt: skip
    audit = Audit(number=next_number("AUD"), year=data.year, title=data.title.strip(), scope=data.scope.strip(),
                  areas=sorted(set(data.areas or [])), period_start=data.period_start, period_end=data.period_end,
                  lead=data.lead)  # fmt: skip
    audit.stamp(actor)
    audit.save()
    AuditCheck.objects.bulk_create([AuditCheck(audit=audit, rule=rule) for rule in rules])
    return audit


def populations(audit: Audit) -> dict[str, list]:
    """The records of the period to sample from, each kind in a stable order (numbers, not database ids), so that
    the same seed draws the same records."""
    start, end = audit.period_start, audit.period_end
    contracts = Contract.objects.filter(start_date__lte=end, end_date__gte=start).exclude(signed_on__isnull=True)
    workers = Worker.objects.filter(entered_on__lte=end).filter(Q(exited_on__isnull=True) | Q(exited_on__gte=start))
    settlements = Settlement.objects.filter(period_start__lte=end, period_end__gte=start)
    return {
        "contract": list(contracts.order_by("number")),
        "worker": list(workers.order_by("badge_number")),
        "settlement": list(settlements.order_by("number")),
    }


def draw(audit: Audit, *, seed: int, size: int) -> dict[str, list]:
    """The sample a seed draws: for each kind, `size` records (all of them when fewer), in the order drawn."""
    rng = random.Random(seed)
    return {kind: rng.sample(found, min(size, len(found))) for kind, found in populations(audit).items()}


def _label(record) -> str:
    if isinstance(record, Worker):
        return f"{record.badge_number} {record.name}"
    return f"{record.number} {getattr(record, 'title', '') or record.contract.title}"


@transaction.atomic
def draw_sample(*, actor, audit: Audit, size: int, seed: int | None = None) -> list[AuditSample]:
    """Draw and keep the audit's sample (once): the seed is stored, so `draw(audit, seed=…, size=…)` shows anyone
    the same records again."""
    _may_manage(actor)
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    _open(audit)
    if audit.sample_seed is not None:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The sample is drawn and kept; it is not drawn again."))
    if not isinstance(size, int) or isinstance(size, bool) or not 1 <= size <= MAX_SAMPLE:
        raise RuleViolation(ErrorCode.OUT_OF_RANGE, _("Sample from 1 to %(n)s records of each kind.")
                            % {"n": MAX_SAMPLE}, field="size")  # fmt: skip
    audit.sample_seed = seed if seed is not None else secrets.randbits(48)
    audit.sample_size = size
    audit.stamp(actor)
    audit.save(update_fields=["sample_seed", "sample_size", "updated_at", "updated_by"])
    rows = []
    for records in draw(audit, seed=audit.sample_seed, size=size).values():
        for position, record in enumerate(records, start=1):
            rows.append(AuditSample(audit=audit, content_type=ContentType.objects.get_for_model(record),
                                    object_id=record.pk, label=_label(record)[:300],
                                    url=record.get_absolute_url(), position=position))  # fmt: skip
    return AuditSample.objects.bulk_create(rows)


@transaction.atomic
def record_check(*, actor, check: AuditCheck, result: str, note: str = "") -> AuditCheck:
    _may_manage(actor)
    _open(check.audit)
    if result not in CheckResult.values:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose the result."), field="result")
    if result == CheckResult.NON_COMPLIANT and not (note or "").strip():
        raise RuleViolation(ErrorCode.REQUIRED, _("Say what was found not compliant."), field="note")
    check.result, check.note = result, (note or "").strip()
    check.save(update_fields=["result", "note"])
    return check


@transaction.atomic
def record_finding(*, actor, audit: Audit, title: str, owner, description: str = "",
                   check: AuditCheck | None = None) -> AuditFinding:  # fmt: skip
    _may_manage(actor)
    _open(audit)
    required_text(title, message=_("Name the finding."), field="title")
    if owner is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("An audit finding needs an owner."), field="owner")
    if check is not None and check.audit_id != audit.pk:
        raise RuleViolation(ErrorCode.REQUIRED, _("Choose an item of this audit's checklist."), field="check")
    finding = AuditFinding(audit=audit, check_item=check, title=title.strip(), owner=owner,
                           description=(description or "").strip())  # fmt: skip
    finding.stamp(actor)
    finding.save()
    return finding


@transaction.atomic
def require_action(*, actor, finding: AuditFinding, description: str, owner, due_on: dt.date) -> AuditAction:
    _may_manage(actor)
    _open(finding.audit)
    if finding.status != AuditStatus.OPEN:
        raise Conflict(ErrorCode.WRONG_STATUS, _("The finding is closed."))
    required_text(description, message=_("Describe the action."), field="description")
    if owner is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Name the action's owner."), field="owner")
    if due_on is None:
        raise RuleViolation(ErrorCode.REQUIRED, _("Give the action's deadline."), field="due_on")
    action = AuditAction(finding=finding, description=description.strip(), owner=owner, due_on=due_on)
    action.stamp(actor)
    action.save()
    return action


@transaction.atomic
def complete_action(*, actor, action: AuditAction, on: dt.date | None = None) -> AuditAction:
    """The action's owner (or HR, internal audit) marks it done."""
    if actor.pk != action.owner_id:
        _may_manage(actor)
    if action.done_on is None:
        action.done_on = on or today()
        action.stamp(actor)
        action.save(update_fields=["done_on", "updated_at", "updated_by"])
    return action


@transaction.atomic
def close_finding(*, actor, finding: AuditFinding) -> AuditFinding:
    _may_manage(actor)
    finding = AuditFinding.objects.select_for_update().get(pk=finding.pk)
    open_actions = finding.actions.filter(done_on__isnull=True).count()
    if open_actions:
        raise Conflict(ErrorCode.OPEN_ACTIONS, _("%(n)s required action(s) are still open: finish them first.")
                       % {"n": open_actions})  # fmt: skip
    AUDIT_FINDING_STATES.move(finding, AuditStatus.CLOSED)
    finding.closed_on = today()
    finding.stamp(actor)
    finding.save()
    return finding


@transaction.atomic
def close_audit(*, actor, audit: Audit, conclusion: str) -> Audit:
    _may_manage(actor)
    audit = Audit.objects.select_for_update().get(pk=audit.pk)
    AUDIT_STATES.check(audit.status, AuditStatus.CLOSED)
    if audit.checks.filter(result=CheckResult.PENDING).exists():
        raise Conflict(ErrorCode.OPEN_ACTIONS, _("Record a result for every item of the checklist first."))
    open_findings = audit.findings.filter(status=AuditStatus.OPEN).count()
    if open_findings:
        raise Conflict(ErrorCode.OPEN_ACTIONS, _("%(n)s finding(s) are still open: follow them to closure first.")
                       % {"n": open_findings})  # fmt: skip
    required_text(conclusion, message=_("Write the audit's conclusion."), field="conclusion")
    AUDIT_STATES.move(audit, AuditStatus.CLOSED)
    audit.conclusion, audit.closed_on = conclusion.strip(), today()
    audit.stamp(actor)
    audit.save()
    return audit
