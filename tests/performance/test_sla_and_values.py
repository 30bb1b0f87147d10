"""PRF-2 and PRF-3: an SLA version's weights total 100 % and it is in force only once approved; a revision is a new
version with its reason; figures entered on the page, posted in bulk through the API (all or none) and imported
from Excel (all or nothing, every wrong row listed), each with its source and collector; a correction keeps the
old figure; a figure outside the KPI's range, outside the contract's term or from the wrong side is refused."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from outsourcing.approvals.models import ApprovalRequest
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.performance import selectors
from outsourcing.performance.models import KpiValue, SlaVersion
from tests.performance.factories import contract_in_force, kpi, sla

pytestmark = pytest.mark.django_db


def test_prf2_weights_must_total_100_on_the_page_nothing_saved(demo, client_for):
    contract = contract_in_force("vendor1")
    answer, fcr = kpi("T-ANSWER"), kpi("T-FCR", name="首次解决率")
    page = client_for("requester")
    post = {"contract": contract.pk, "valid_from": contract.start_date.isoformat(), "period": "monthly",
            "items": "T-ANSWER 60\nT-FCR 30", "grades": "A 90\nB 80\nC 60\nD 0", "pass_score": "60",
            "reason": "首版"}  # fmt: skip
    refused = page.post("/performance/slas/new/", post)
    assert refused.status_code == 200 and not SlaVersion.objects.exists()
    assert "90" in str(refused.context["form"].errors)
    sent = page.post("/performance/slas/new/", {**post, "items": "T-ANSWER 60 96\nT-FCR 40"})
    version = SlaVersion.objects.get()
    assert sent.status_code == 302 and version.status == "in_approval"
    assert ApprovalRequest.objects.filter(object_id=version.pk, flow__document_type="sla_version").exists()
    items = {i.kpi_id: i for i in version.items.all()}
    assert items[answer.pk].target == 96 and items[fcr.pk].target == 95  # the KPI's own unless given


def test_prf2_a_revision_is_a_new_version_and_each_period_reads_its_own(demo):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=120))
    answer, fcr = kpi("T-ANSWER"), kpi("T-FCR", name="首次解决率")
    first = sla(contract, [(answer, 100)])
    assert first.status == "approved" and first.version == 1
    revised_from = today() - dt.timedelta(days=30)
    with pytest.raises(RuleViolation) as early:
        sla(contract, [(answer, 50), (fcr, 50)], valid_from=contract.start_date)
    assert early.value.code == "dates"
    second = sla(contract, [(answer, 50), (fcr, 50)], valid_from=revised_from)
    assert second.version == 2 and second.reason
    assert selectors.sla_in_force(contract.pk, revised_from - dt.timedelta(days=1)) == first
    assert selectors.sla_in_force(contract.pk, revised_from) == second
    assert [i.kpi_id for i in first.items.all()] == [answer.pk]  # the first version stays as it was


def test_prf3_bulk_api_refuses_bad_figures_all_or_none_and_keeps_source_and_collector(demo, api_for):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=40))
    answer = kpi("T-ANSWER")
    csat = kpi("T-CSAT", name="满意度", data_source="company", inputs=["score"], formula="score")
    sla(contract, [(answer, 70), (csat, 30)])
    day = (today() - dt.timedelta(days=2)).isoformat()
    vendor = api_for("vendor1")
    good = {
        "contract": contract.pk,
        "kpi": "T-ANSWER",
        "measured_on": day,
        "inputs": {"answered": "950", "offered": "1000"},
    }
    cases = [
        ({"inputs": {"answered": "1100", "offered": "1000"}}, "out_of_range"),
        ({"measured_on": (contract.start_date - dt.timedelta(days=1)).isoformat()}, "period_not_covered"),
        ({"measured_on": (today() + dt.timedelta(days=1)).isoformat()}, "period_not_covered"),
        ({"kpi": "T-CSAT", "inputs": {"value": "90"}}, "wrong_source"),
        ({"inputs": {"answered": "1", "offered": "0"}}, "out_of_range"),
    ]
    for change, code in cases:
        answered = vendor.post("/api/kpi-values/", {"values": [good, {**good, **change}]}, format="json")
        assert answered.status_code == 400 and answered.json()["code"] == code, (change, answered.json())
    assert not KpiValue.objects.exists()
    assert api_for("vendor2").post("/api/kpi-values/", {"values": [good]}, format="json").status_code == 403
    second = {**good, "inputs": {"answered": "900", "offered": "1000"}}
    saved = vendor.post("/api/kpi-values/", {"values": [good, second]}, format="json")
    assert saved.status_code == 201 and [v["value"] for v in saved.json()] == ["95.0000", "90.0000"]
    value = KpiValue.objects.first()
    assert value.source == "api" and value.created_by.username == "vendor1"
    company = api_for("requester").post("/api/kpi-values/", {"values": [{"contract": contract.pk, "kpi": "T-CSAT",
                                        "measured_on": day, "inputs": {"value": "91"}}]}, format="json")  # fmt: skip
    assert company.status_code == 201
    listed = api_for("vendor2").get("/api/kpi-values/").json()
    assert listed["count"] == 0


def test_prf3_page_entry_and_correction_keep_the_history(demo, client_for):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=40))
    answer = kpi("T-ANSWER")
    sla(contract, [(answer, 100)])
    page = client_for("vendor1")
    day = (today() - dt.timedelta(days=1)).isoformat()
    bad = page.post("/performance/values/new/", {"contract": contract.pk, "kpi": answer.pk, "measured_on": day,
                                                 "inputs": "answered=1200; offered=1000"})  # fmt: skip
    assert bad.status_code == 200 and not KpiValue.objects.exists()
    assert "inputs" in bad.context["form"].errors
    assert bad.context["form"].errors.as_data()["inputs"][0].code == "out_of_range"
    ok = page.post("/performance/values/new/", {"contract": contract.pk, "kpi": answer.pk, "measured_on": day,
                                                "inputs": "answered=940; offered=1000"})  # fmt: skip
    assert ok.status_code == 302
    value = KpiValue.objects.get()
    assert value.value == 94 and value.source == "page"
    corrected = page.post(f"/performance/values/{value.pk}/", {"inputs": "answered=960; offered=1000",
                                                               "note": "漏计20通"})  # fmt: skip
    assert corrected.status_code == 302
    value.refresh_from_db()
    current = KpiValue.objects.get(replaced_by__isnull=True)
    assert value.replaced_by == current and current.value == 96 and value.value == 94
    history = page.get(f"/performance/values/{current.pk}/").content.decode()
    assert "answered=940" in history and "漏计20通" in history
    assert client_for("vendor2").get(f"/performance/values/{current.pk}/").status_code == 404


def _workbook(rows) -> SimpleUploadedFile:
    book = Workbook()
    sheet = book.active
    sheet.append(["Contract number", "KPI code", "Measured on", "Figure"])
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("values.xlsx", buffer.getvalue())


def test_prf3_excel_import_is_all_or_nothing_listing_every_wrong_row(demo, client_for):
    contract = contract_in_force("vendor1", start=today() - dt.timedelta(days=40))
    answer = kpi("T-ANSWER")
    sla(contract, [(answer, 100)])
    day = (today() - dt.timedelta(days=1)).isoformat()
    page = client_for("vendor1")
    assert page.get("/performance/values/template/").status_code == 200
    refused = page.post("/performance/values/import/", {"file": _workbook([
        [contract.number, "T-ANSWER", day, "answered=950; offered=1000"],
        [contract.number, "T-ANSWER", day, "answered=1950; offered=1000"],
        ["CON-0000", "T-ANSWER", day, "answered=950; offered=1000"],
    ])})  # fmt: skip
    errors = [str(e) for e in refused.context["errors"]]
    assert len(errors) == 2 and "3" in errors[0] and "4" in errors[1]
    assert not KpiValue.objects.exists()
    imported = page.post("/performance/values/import/", {"file": _workbook([
        [contract.number, "T-ANSWER", day, "answered=950; offered=1000"]])})  # fmt: skip
    assert imported.status_code == 302 and KpiValue.objects.get().source == "import"
    assert KpiValue.objects.get().value == Decimal(95)


def test_prf2_the_approval_outcome_is_the_kinds_hook_and_moves_only_as_declared(demo):
    from outsourcing.approvals.registry import kind_named
    from outsourcing.core.errors import Conflict
    from outsourcing.performance import slas

    assert kind_named("sla_version").finished is slas.sla_finished
    assert not hasattr(SlaVersion, "on_approval_finished")  # the hook is a service function, not a model method
    version = sla(contract_in_force("vendor1"), [(kpi("T-ANSWER"), 100)], approve=False)
    slas.sla_finished(version, outcome="returned", actor=version.created_by)
    version.refresh_from_db()
    assert version.status == "returned" and version.approved_at is None
    with pytest.raises(Conflict) as refused:  # a returned version is submitted again before it is approved
        slas.sla_finished(version, outcome="approved", actor=version.created_by)
    assert refused.value.code == "forbidden_transition"


def test_prf2_an_sla_is_reminded_for_review_after_six_months_or_a_major_contract_change(demo):
    from outsourcing.contracts import changes
    from outsourcing.performance import reminders
    from tests.contracts.factories import approve_everything
    from tests.performance.factories import month_ago, user

    old = contract_in_force("vendor1", start=month_ago(8, day=1))
    answer = kpi("T-ANSWER")
    aged = sla(old, [(answer, 100)])
    assert [n.dedup_key for n in reminders.sla_review(today())] == [f"sla-review:{aged.pk}"]  # six months old

    fresh = contract_in_force("vendor1", start=month_ago(1, day=1))
    version = sla(fresh, [(answer, 100)])
    assert not reminders.sla_review_after_change(today())
    amendment = changes.propose_amendment(actor=user("procurement"), contract=fresh, kind="amendment",
                                          description="扩大服务范围", new_amount=Decimal("650000"))  # fmt: skip
    assert not reminders.sla_review_after_change(today())  # not yet approved
    approve_everything(amendment, "contract_change")
    notices = reminders.sla_review_after_change(today())
    assert [(n.recipient_id, n.dedup_key) for n in notices] == [
        (fresh.project.owner_id, f"sla-review-change:{version.pk}:{amendment.pk}")]  # fmt: skip
    assert amendment.number in str(notices[0].title)
    sla(fresh, [(answer, 100)], valid_from=today())  # the revised version answers the change
    assert not reminders.sla_review_after_change(today())
