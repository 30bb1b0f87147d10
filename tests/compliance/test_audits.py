"""The annual special audit (AUD-1..AUD-3): the policy library as data with its articles, the checklist drawn from
it, a kept and reproducible random sample, findings that need an owner, required actions followed to closure, the
reminder while the year has none; pages, Excel and `/api/audits/` for HR and internal audit, each sampled record
linked with its full history (AUD-2)."""

from __future__ import annotations

import datetime as dt

import pytest

from outsourcing.compliance import audits, reminders
from outsourcing.compliance.errors import ErrorCode
from outsourcing.compliance.models_audits import (
    AUDIT_STATES,
    Audit,
    AuditFinding,
    AuditSample,
    AuditStatus,
    CheckResult,
    PolicyRule,
)
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from tests.workforce.factories import contract_in_force, on_site, user

pytestmark = pytest.mark.django_db


def _data(**overrides) -> audits.AuditData:
    values = {"year": today().year, "title": "年度劳务外包专项审计", "scope": "全部在履行的外包合同与外包人员",
              "period_start": today() - dt.timedelta(days=365), "period_end": today(), "lead": user("auditor"),
              "areas": []}  # fmt: skip
    values.update(overrides)
    return audits.AuditData(**values)


def _opened(by: str = "auditor", **overrides) -> Audit:
    return audits.open_audit(actor=user(by), data=_data(**overrides))


def test_aud3_the_policy_library_is_data_with_articles(demo):
    """AUD-3: the policy's rules are rows (a data migration), each with its article and area, not code constants."""
    rules = PolicyRule.objects.filter(active=True)
    assert rules.count() >= 25 and not rules.filter(article="").exists()
    assert rules.get(code="P3-07").article == "篇三 第七条" and "专项审计" in rules.get(code="P3-07").text
    assert rules.values("area").distinct().count() >= 10


def test_aud1_checklist_drawn_from_the_library_by_area(demo):
    """AUD-1, AUD-3: the checklist takes every rule in force of the chosen areas; all of them without areas; a retired
    rule is left out."""
    PolicyRule.objects.filter(code="P1-14-3").update(active=False)
    security = _opened(areas=["security"])
    expected = set(PolicyRule.objects.filter(area="security", active=True).values_list("code", flat=True))
    assert set(security.checks.values_list("rule__code", flat=True)) == expected and "P1-14-3" not in expected
    assert _opened().checks.count() == PolicyRule.objects.filter(active=True).count()


@pytest.mark.parametrize("overrides, code", [
    ({"scope": " "}, ErrorCode.REQUIRED),
    ({"period_end": today() - dt.timedelta(days=400)}, ErrorCode.OUT_OF_RANGE),
    ({"lead": None}, ErrorCode.REQUIRED),
    ({"areas": ["astrology"]}, ErrorCode.REQUIRED),
])  # fmt: skip
def test_aud1_bad_audit_is_refused_and_nothing_saved(demo, overrides, code):
    """AUD-1 (bad input): no scope, a period ending before it starts, no lead, an unknown area: nothing saved."""
    with pytest.raises(RuleViolation) as refused:
        _opened(**overrides)
    assert refused.value.code == code and not Audit.objects.exists()


def test_aud1_only_hr_and_internal_audit_open_audits(demo):
    """AUD-1: a project owner (or a vendor user) may not open one."""
    for username in ("requester", "vendor1"):
        with pytest.raises(RuleViolation) as refused:
            _opened(by=username)
        assert refused.value.code == ErrorCode.NOT_ALLOWED
    assert _opened(by="hr").number.startswith("AUD-")


def test_aud1_the_sample_is_drawn_once_kept_and_reproducible(demo):
    """AUD-1: the system draws a random sample with a seed it stores; drawing with that seed again gives the same
    records in the same order; the kept sample is not drawn again; sizes outside 1–50 are refused."""
    contracts = [contract_in_force(), contract_in_force("vendor2")]
    on_site(contracts[0])
    on_site(contracts[1], "vendor2")
    audit = _opened()
    with pytest.raises(RuleViolation) as refused:
        audits.draw_sample(actor=user("auditor"), audit=audit, size=0)
    assert refused.value.code == ErrorCode.OUT_OF_RANGE and not AuditSample.objects.exists()
    kept = audits.draw_sample(actor=user("auditor"), audit=audit, size=1)
    audit.refresh_from_db()
    assert audit.sample_seed is not None and audit.sample_size == 1
    assert {s.content_type.model for s in kept} == {"contract", "worker"}
    again = audits.draw(audit, seed=audit.sample_seed, size=1)
    assert {(s.content_type.model, s.object_id) for s in kept} == {
        (kind, r.pk) for kind, records in again.items() for r in records
    }
    everything = audits.draw(audit, seed=audit.sample_seed, size=50)
    assert len(everything["contract"]) == 2  # fewer records than the size: all of them
    with pytest.raises(Conflict):
        audits.draw_sample(actor=user("auditor"), audit=audit, size=1)
    assert AuditSample.objects.count() == len(kept)


def test_aud1_a_finding_needs_an_owner(demo):
    """AUD-1 (bad input): an audit finding without an owner is refused, nothing saved."""
    audit = _opened()
    with pytest.raises(RuleViolation) as refused:
        audits.record_finding(actor=user("auditor"), audit=audit, title="入场备案不全", owner=None)
    assert refused.value.code == ErrorCode.REQUIRED and refused.value.field == "owner"
    assert not AuditFinding.objects.exists()


def test_aud1_findings_and_actions_followed_to_closure(demo):
    """AUD-1: a finding with a required action (owner, deadline) closes only once the action is done (by its owner);
    the audit closes only with every checklist item answered, every finding closed and a conclusion; a closed audit
    is not reopened."""
    audit = _opened(areas=["security"])
    check = audit.checks.order_by("rule__code").first()
    with pytest.raises(RuleViolation):
        audits.record_check(actor=user("auditor"), check=check, result=CheckResult.NON_COMPLIANT, note="")
    audits.record_check(actor=user("auditor"), check=check, result=CheckResult.NON_COMPLIANT, note="两人权限未回收")
    finding = audits.record_finding(actor=user("auditor"), audit=audit, title="退场权限未及时回收", owner=user("hr"),
                                    check=check)  # fmt: skip
    action = audits.require_action(actor=user("auditor"), finding=finding, description="补关权限并复核退场清单",
                                   owner=user("requester"), due_on=today() + dt.timedelta(days=14))  # fmt: skip
    with pytest.raises(Conflict) as refused:
        audits.close_finding(actor=user("auditor"), finding=finding)
    assert refused.value.code == ErrorCode.OPEN_ACTIONS
    with pytest.raises(RuleViolation):  # someone else's action: only its owner, HR or internal audit
        audits.complete_action(actor=user("logistics"), action=action)
    audits.complete_action(actor=user("requester"), action=action)
    with pytest.raises(Conflict) as refused:
        audits.close_audit(actor=user("auditor"), audit=audit, conclusion="基本合规")
    assert refused.value.code == ErrorCode.OPEN_ACTIONS  # checklist items not answered yet
    for item in audit.checks.filter(result=CheckResult.PENDING):
        audits.record_check(actor=user("auditor"), check=item, result=CheckResult.COMPLIANT)
    with pytest.raises(Conflict):  # the finding is still open
        audits.close_audit(actor=user("auditor"), audit=audit, conclusion="基本合规")
    audits.close_finding(actor=user("auditor"), finding=finding)
    with pytest.raises(RuleViolation):
        audits.close_audit(actor=user("auditor"), audit=audit, conclusion=" ")
    closed = audits.close_audit(actor=user("auditor"), audit=audit, conclusion="基本合规，权限回收已整改")
    assert closed.status == AuditStatus.CLOSED and closed.closed_on == today()
    assert list(AUDIT_STATES.forbidden_pairs()) == [(AuditStatus.CLOSED, AuditStatus.OPEN)]
    with pytest.raises(Conflict):
        audits.record_finding(actor=user("auditor"), audit=closed, title="补充", owner=user("hr"))


def test_aud1_reminded_while_the_year_has_no_audit(demo):
    """AUD-1: while the year has no audit, HR and internal audit are reminded once a month (the daily job run twice
    the same day tells once); an audit of the year stops it."""
    day = today()
    run_daily_jobs(today=day)
    run_daily_jobs(today=day)
    told = Notification.objects.filter(title__contains=str(day.year), url="/compliance/audits/")
    assert set(told.values_list("recipient__username", flat=True)) == {"hr", "auditor"} and told.count() == 2
    _opened(year=day.year)
    assert reminders.annual_audit(day) == []


def test_aud2_audit_pages_sample_links_history_and_excel(demo, client_for):
    """AUD-1, AUD-2: internal audit opens an audit on the page, draws the sample, sees each record linked with its
    full history; a finding without owner is refused on the page; the list and the findings export to Excel;
    outsiders get 403."""
    contract = contract_in_force()
    page = client_for("auditor")
    assert "audit-missing" in page.get("/compliance/audits/").content.decode()
    response = page.post("/compliance/audits/new/", {
        "year": today().year, "title": "年度专项审计", "scope": "全部外包合同", "areas": ["security", "legal"],
        "period_start": (today() - dt.timedelta(days=30)).isoformat(), "period_end": today().isoformat(),
        "lead": user("auditor").pk})  # fmt: skip
    audit = Audit.objects.get()
    assert response.status_code == 302 and audit.areas == ["legal", "security"]
    page.post(f"/compliance/audits/{audit.pk}/sample/", {"size": "3"})
    page.post(f"/compliance/audits/{audit.pk}/finding/", {"title": "无负责人"})
    assert not AuditFinding.objects.exists()
    text = page.get(audit.get_absolute_url()).content.decode()
    assert contract.get_absolute_url() in text and "object_type=contracts.contract" in text
    assert 'id="audit-checklist"' in text and "篇一 第十四条" in text
    for url in ("/compliance/audits/?export=xlsx", f"{audit.get_absolute_url()}?export=xlsx"):
        assert page.get(url)["Content-Type"].startswith("application/vnd.openxmlformats")
    assert client_for("hr").get(audit.get_absolute_url()).status_code == 200
    for username in ("requester", "vendor1"):
        assert client_for(username).get("/compliance/audits/").status_code == 403


def test_aud1_api_opens_samples_and_refuses_with_codes(demo, api_for):
    """AUD-1 (API): POST opens with its checklist; `sample/` keeps the seed; a finding without owner answers
    `required`, nothing saved; a project owner gets 403."""
    contract_in_force()
    api = api_for("auditor")
    body = {"year": today().year, "title": "年度专项审计", "scope": "全部外包合同", "areas": ["oversight"],
            "period_start": (today() - dt.timedelta(days=30)).isoformat(), "period_end": today().isoformat(),
            "lead": user("auditor").pk}  # fmt: skip
    created = api.post("/api/audits/", body, format="json")
    assert created.status_code == 201
    pk = created.json()["id"]
    sampled = api.post(f"/api/audits/{pk}/sample/", {"size": 2}, format="json").json()
    assert sampled["sample_seed"] is not None and sampled["samples"][0]["record_type"] == "contracts.contract"
    assert [c["code"] for c in sampled["checks"]] == ["P3-07"]
    refused = api.post(f"/api/audits/{pk}/finding/", {"title": "缺少记录", "owner": None}, format="json")
    assert refused.status_code == 400 and refused.json()["code"] == "required" and not AuditFinding.objects.exists()
    listed = api.get("/api/audits/").json()
    assert listed["count"] == 1 and listed["results"][0]["number"] == created.json()["number"]
    assert api_for("requester").get("/api/audits/").status_code == 403
