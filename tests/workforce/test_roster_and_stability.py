"""Roster import and export (WRK-7), staff stability (WRK-8), retention and anonymisation (WRK-11)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from auditlog.models import LogEntry
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import Workbook, load_workbook

from outsourcing.attachments.models import Attachment
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import filing, retention, selectors, spreadsheets
from outsourcing.workforce.models import Worker, WorkerStatus
from tests.workforce.factories import contract_in_force, filed, id_number, on_site, user, years_ago

pytestmark = pytest.mark.django_db


def _book(rows, headers=None) -> SimpleUploadedFile:
    headers = headers or [f"{column.title} *" for column in spreadsheets.IMPORT_COLUMNS if column.required]
    book = Workbook()
    sheet = book.active
    sheet.append(headers)
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return SimpleUploadedFile("roster.xlsx", buffer.getvalue())


def _row(of, number=None, **overrides):
    values = {"name": "周小红", "id": number or id_number(), "phone": "13700001111", "post": "热线坐席",
              "contract": of.number, "start": max(today(), of.start_date).isoformat(),
              "end": of.end_date.isoformat(), "consent": "告知同意书 2026-07"}  # fmt: skip
    values.update(overrides)
    return list(values.values())


def test_template_headers_are_the_import_columns(demo, client_for):
    """WRK-7: the template downloaded from the portal has exactly the columns the import reads."""
    response = client_for("vendor1").get("/workers/roster/template/")
    headers = next(load_workbook(io.BytesIO(response.content)).active.iter_rows(values_only=True))
    assert [h.replace(" *", "") for h in headers] == [str(c.title) for c in spreadsheets.IMPORT_COLUMNS]


def test_a_valid_roster_files_every_row(demo):
    """WRK-7: every row becomes a filing, encrypted and masked like a single one."""
    contract = contract_in_force()
    numbers = [id_number() for _ in range(3)]
    saved, errors = spreadsheets.import_roster(actor=user("vendor1"),
                                               upload=_book([_row(contract, n) for n in numbers]))  # fmt: skip
    assert errors == [] and len(saved) == 3
    assert {filing.find_by_id_number(Worker.objects.all(), n).get().pk for n in numbers} == {w.pk for w in saved}


def test_one_bad_row_saves_nothing_and_every_error_is_shown_per_row(demo, client_for):
    """WRK-7: a bad check digit, a duplicate inside the file, an end before the start, an unknown contract:
    each row's error with its row number, and no worker saved."""
    contract = contract_in_force()
    good, twin = id_number(), id_number()
    bad = good[:-1] + ("0" if good[-1] != "0" else "1")
    rows = [
        _row(contract, good),
        _row(contract, bad),
        _row(contract, twin),
        _row(contract, twin),
        _row(contract, end=(contract.start_date - dt.timedelta(days=1)).isoformat()),
        _row(contract, contract="CON-1999-0001"),
        _row(contract, start="下周一"),
    ]
    saved, errors = spreadsheets.import_roster(actor=user("vendor1"), upload=_book(rows))
    assert saved == [] and not Worker.objects.exists()
    assert [e.row for e in errors] == [3, 5, 6, 7, 8]
    assert "校验" in errors[0].message and bad not in errors[0].message
    assert "第 4 行" in errors[1].message  # the duplicate names the row it repeats
    page = client_for("vendor1").post("/workers/roster/import/", {"file": _book(rows)})
    text = page.content.decode()
    assert "第3行" in text and "第8行" in text and not Worker.objects.exists()


def test_an_id_number_typed_as_a_number_is_explained(demo, client_for):
    """WRK-7: Excel keeps 15 digits of a number: the row says to format the column as text (the template does)."""
    contract = contract_in_force()
    row = _row(contract)
    row[1] = int(row[1][:17]) * 10  # what Excel leaves of an 18-digit number typed into a General cell
    saved, errors = spreadsheets.import_roster(actor=user("vendor1"), upload=_book([row]))
    assert saved == [] and "文本" in errors[0].message
    template = load_workbook(io.BytesIO(client_for("vendor1").get("/workers/roster/template/").content)).active
    assert template.column_dimensions["B"].number_format == "@"


def test_the_import_refuses_what_is_not_a_roster(demo):
    """WRK-7: a missing column, a file that is not a workbook, a company user: refused, nothing saved."""
    contract_in_force()
    with pytest.raises(RuleViolation, match="身份证"):
        only_name = [str(spreadsheets.IMPORT_COLUMNS[0].title)]
        spreadsheets.import_roster(actor=user("vendor1"), upload=_book([], headers=only_name))
    with pytest.raises(RuleViolation):
        spreadsheets.import_roster(actor=user("vendor1"), upload=SimpleUploadedFile("roster.xlsx", b"not excel"))
    with pytest.raises(RuleViolation):
        spreadsheets.import_roster(actor=user("hr"), upload=_book([]))


def test_staff_stability_counts_headcount_joiners_leavers_and_turnover(demo):
    """WRK-8: per vendor, project and month: headcount at start and end, joiners, leavers, turnover."""
    first = today().replace(day=1)
    previous = selectors.months_back(first, 1)
    contract = contract_in_force(start=previous)
    stayers = [on_site(contract, entered=previous, planned_start=previous) for _ in range(3)]
    leaver = on_site(contract, entered=previous + dt.timedelta(days=2), planned_start=previous)
    joiner = on_site(contract, entered=first, planned_start=previous)
    worker_entry.record_exit(actor=user("vendor1"), worker=leaver, exited_on=first)
    on_site(contract_in_force("vendor2"), "vendor2", entered=first)
    rows = selectors.stability(user("hr"), months=[previous, first])
    mine = [r for r in rows if r.vendor == contract.vendor.name]
    assert [(r.month, r.opening, r.headcount, r.joiners, r.leavers) for r in mine] == [
        (previous, 0, 4, 4, 0),
        (first, 4, 4, 1, 1),
    ]
    assert mine[1].turnover == 25  # 1 leaver over an average of 4
    assert len(rows) == 4  # vendor2's project is a row of its own
    assert selectors.stability(user("vendor2"), months=[first])[0].vendor != contract.vendor.name
    assert stayers and joiner


def test_records_past_retention_are_anonymised_and_logged_once(demo):
    """WRK-11: three years after the exit the daily job clears the personal fields and the files, keeps the
    row for the counts and logs it; a younger record stays, storage only."""
    contract = contract_in_force(start=years_ago(4), months=60)
    old = on_site(contract, entered=years_ago(4), planned_start=years_ago(4))
    worker_entry.record_exit(actor=user("vendor1"), worker=old, exited_on=years_ago(3, 2))
    recent = on_site(contract, entered=years_ago(4), planned_start=years_ago(4))
    worker_entry.record_exit(actor=user("vendor1"), worker=recent, exited_on=years_ago(2))
    assert Attachment.objects.filter(object_id=old.pk).exists()
    run_daily_jobs(today=today())
    gone, kept = Worker.objects.get(pk=old.pk), Worker.objects.get(pk=recent.pk)
    assert gone.anonymised_at and gone.id_cipher == gone.id_hash == gone.id_masked == gone.phone_cipher == ""
    assert gone.name == retention.ANONYMOUS and gone.status == WorkerStatus.EXITED and gone.exited_on
    assert not Attachment.objects.filter(object_id=old.pk, content_type__model="worker").exists()
    assert kept.anonymised_at is None and kept.id_cipher
    assert LogEntry.objects.get_for_object(gone).filter(action=LogEntry.Action.UPDATE).exists()
    assert user("hr").notifications.filter(dedup_key__startswith="worker-retention:").count() == 1
    run_daily_jobs(today=today())
    assert user("hr").notifications.filter(dedup_key__startswith="worker-retention:").count() == 1
    with pytest.raises(RuleViolation):
        filing.reveal(actor=user("hr"), worker=gone, field="id_number", reason="核对历史记录")
    assert not user("vendor1").has_perm("workforce.attach_worker", kept)  # storage only
    assert not user("hr").has_perm("workforce.attach_worker", kept)


def test_a_filing_that_never_entered_is_anonymised_three_years_after_its_planned_end(demo):
    """WRK-11: a filing left waiting (the person never came) does not keep its data for ever."""
    contract = contract_in_force(start=years_ago(4), months=13)
    worker = filed(contract, planned_start=years_ago(4), planned_end=years_ago(3, 5))
    assert retention.due_for_anonymisation(today()).filter(pk=worker.pk).exists()
    fresh = filed(contract_in_force(), planned_start=today())
    assert not retention.due_for_anonymisation(today()).filter(pk=fresh.pk).exists()


def test_construction_records_wait_for_the_contract_to_close(demo):
    """WRK-11: on a construction project the period runs from the contract's close (completion, wages cleared)."""
    from outsourcing.sourcing.models import SourcingEvent
    from outsourcing.vendors.models import ServiceCategory
    from tests.contracts.factories import approved_award

    award, _vendors = approved_award()
    construction = ServiceCategory.objects.get(code="construction_labour")
    SourcingEvent.objects.filter(pk=award.event_id).update(category=construction)
    contract = contract_in_force(start=years_ago(4), months=60, vendor=award.winner.vendor)
    worker = on_site(contract, entered=years_ago(4), planned_start=years_ago(4))
    contract.award = award
    contract.save()
    worker.realname_reference = "SH-RMZ-1"
    worker.save()
    worker_entry.record_exit(actor=user("vendor1"), worker=worker, exited_on=years_ago(3, 2))
    assert not retention.due_for_anonymisation(today()).filter(pk=worker.pk).exists()
    contract.status, contract.closed_at = "closed", timezone.now()
    contract.save()
    assert not retention.due_for_anonymisation(today()).filter(pk=worker.pk).exists()  # closed just now
    assert retention.due_for_anonymisation(today().replace(year=today().year + 3) + dt.timedelta(days=1)).filter(
        pk=worker.pk).exists()  # fmt: skip


def test_the_import_refuses_values_beyond_the_fields_limits_like_the_form(demo, client_for):
    """WRK-7, X-8 (security finding 4): each row goes through the vendor's filing form, so a name over 50
    characters or a post over 100 is refused with its row and column, and nothing is saved."""
    contract = contract_in_force()
    rows = [_row(contract), _row(contract, name="王" * 51), _row(contract, post="坐" * 101)]
    saved, errors = spreadsheets.import_roster(actor=user("vendor1"), upload=_book(rows))
    assert saved == [] and not Worker.objects.exists()
    assert [e.row for e in errors] == [3, 4]
    assert str(errors[0]).startswith("第3行：“姓名”列：") and "50" in errors[0].message
    assert str(errors[1]).startswith("第4行：“岗位”列：") and "100" in errors[1].message
    page = client_for("vendor1").post("/workers/roster/import/", {"file": _book(rows)})
    assert page.status_code == 200 and "“姓名”列" in page.content.decode() and not Worker.objects.exists()


def test_wrk9_a_roster_with_a_minor_says_so_and_the_filing_waits_for_hrs_confirmation(demo, client_for, api_for):
    """WRK-9, WRK-7, loophole 6: a roster holding a 17-year-old files every row and its result page names the
    minor (code minor_not_confirmed) instead of only counting the rows; the minor's filing waits for HR exactly
    as when filed one by one: HR's approval is refused on the page and through the API with that code until HR
    confirms the minor."""
    from outsourcing.workforce.models import WorkerFileKind
    from tests.workforce.factories import upload

    contract = contract_in_force()
    minor_number = id_number(years_ago(17))
    page = client_for("vendor1").post("/workers/roster/import/",
                                      {"file": _book([_row(contract), _row(contract, minor_number, name="李小雨")])})
    assert page.status_code == 200 and Worker.objects.count() == 2
    minor = filing.find_by_id_number(Worker.objects.all(), minor_number).get()
    text = page.content.decode()
    assert 'id="import-minors"' in text and minor.badge_number in text and "未成年工" in text
    assert text.count('class="import-minor" data-code="minor_not_confirmed"') == 1
    single = client_for("vendor1").post("/workers/new/", {
        "name": "赵小川", "id_number": id_number(years_ago(17)), "phone": "13600001234", "post": "热线坐席",
        "contract": str(contract.pk), "planned_start": max(today(), contract.start_date).isoformat(),
        "planned_end": contract.end_date.isoformat(), "lawful_basis": "notice_and_consent",
        "consent_reference": "告知同意书 2026-09"}, follow=True)  # fmt: skip
    assert str(worker_entry.minor_waiting(minor)) in single.content.decode()  # the same words as the import's result
    for kind in (WorkerFileKind.LABOR_CONTRACT, WorkerFileKind.SOCIAL_INSURANCE_PROOF, WorkerFileKind.WORKER_CONSENT):
        upload(kind, "vendor1", minor)
    assert [r.code for r in worker_entry.entry_blockers(minor)] == ["minor_not_confirmed"]
    refused = client_for("hr").post(f"/workers/{minor.pk}/decide/", {"decision": "approve", "note": ""})
    assert [e.code for e in refused.context["decision_form"].errors.as_data()["__all__"]] == ["minor_not_confirmed"]
    api = api_for("hr").post(f"/api/workers/{minor.pk}/decision/", {"approve": True}, format="json")
    assert api.status_code == 400 and api.json()["code"] == "minor_not_confirmed"
    assert api_for("hr").get(f"/api/workers/{minor.pk}/").json()["is_minor"] is True
    filing.confirm_minor(actor=user("hr"), worker=minor)
    assert api_for("hr").post(f"/api/workers/{minor.pk}/decision/", {"approve": True}, format="json").status_code == 200
