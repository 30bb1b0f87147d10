"""Personal data (WRK-2): encrypted at rest, masked on screen and in exports, searchable by exact value through
a keyed hash, revealed only to HR or the vendor's own users with a reason, each reveal audited; keys rotate."""

from __future__ import annotations

import io
import json

import pytest
from auditlog.models import LogEntry
from django.core.management import call_command
from django.db import connection
from django.test import override_settings
from openpyxl import load_workbook

from outsourcing.core import personal_data
from outsourcing.core.errors import RuleViolation
from outsourcing.workforce import filing
from outsourcing.workforce.models import Worker
from tests.workforce.factories import contract_in_force, filed, id_number, user

pytestmark = pytest.mark.django_db

PHONE = "13912345678"


def _raw_text(table: str) -> str:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT * FROM {table}")  # noqa: S608 - fixed table names
        return json.dumps(cursor.fetchall(), default=str, ensure_ascii=False)


def test_no_id_or_phone_number_in_clear_in_the_database(demo):
    """WRK-2: the raw rows of the worker table and of the audit trail hold neither number in clear."""
    number = id_number()
    worker = filed(contract_in_force(), id_number=number, phone=PHONE)
    filing.reveal(actor=user("hr"), worker=worker, field="id_number", reason="社保核查需要核对身份")
    stored = _raw_text("workforce_worker") + _raw_text("auditlog_logentry") + _raw_text("notifications_notification")
    assert number not in stored and number[:-1] not in stored
    assert PHONE not in stored
    assert personal_data.mask(number) in stored  # what is shown is there, masked
    row = Worker.objects.get(pk=worker.pk)
    assert row.id_masked == number[:4] + "*" * 10 + number[-4:]
    assert row.phone_masked == "139****5678"
    assert personal_data.decrypt(row.id_cipher) == number


def test_search_by_exact_id_number_through_the_keyed_hash(demo, client_for):
    """WRK-2: the exact number finds the worker (by POST: never in a URL); a partial number finds nothing and
    says why."""
    number = id_number()
    worker = filed(contract_in_force(), id_number=number)
    filed(worker.contract)
    page = client_for("hr").post("/workers/", {"id_number": number.lower()})
    assert worker.badge_number in page.content.decode()
    assert page.context["page"].paginator.count == 1
    partial = client_for("hr").post("/workers/", {"id_number": number[:10]})
    assert partial.context["page"].paginator.count == 0 and "18" in str(partial.context["id_form"].errors)
    ignored = client_for("hr").get("/workers/", {"id_number": number})  # a number in the URL is not a search
    assert ignored.context["page"].paginator.count == 2
    assert worker.id_hash == personal_data.search_hash(number)
    with override_settings(PERSONAL_DATA_HASH_KEY="another-key"):
        assert personal_data.search_hash(number) != worker.id_hash  # keyed: not a plain hash of the number


def test_reveal_needs_a_role_and_a_reason_and_is_audited(demo, client_for, api_for):
    """WRK-2: HR and the vendor's own users may reveal with a reason; others may not; each reveal is logged
    with the field and the reason, never the value."""
    number = id_number()
    worker = filed(contract_in_force(), id_number=number, phone=PHONE)
    contract_in_force("vendor2")
    for username in ("requester", "depthead", "auditor", "finance", "vendor2"):
        with pytest.raises(RuleViolation):
            filing.reveal(actor=user(username), worker=worker, field="id_number", reason="想看看这个号码")
    with pytest.raises(RuleViolation):
        filing.reveal(actor=user("hr"), worker=worker, field="id_number", reason="")
    assert not LogEntry.objects.filter(action=LogEntry.Action.ACCESS).exists()
    assert filing.reveal(actor=user("hr"), worker=worker, field="id_number", reason="社保核查需要核对身份") == number
    assert filing.reveal(actor=user("vendor1"), worker=worker, field="phone", reason="通知本人补交材料") == PHONE
    entries = list(LogEntry.objects.filter(action=LogEntry.Action.ACCESS).order_by("pk"))
    assert [(e.actor.username, e.additional_data["viewed_fields"]) for e in entries] == [
        ("hr", ["id_number"]), ("vendor1", ["phone"])]  # fmt: skip
    assert entries[0].additional_data["reason"] == "社保核查需要核对身份"
    assert number not in json.dumps([e.additional_data for e in entries], ensure_ascii=False)

    page = client_for("hr").post(f"/workers/{worker.pk}/reveal/", {"field": "id_number", "reason": "核对社保缴纳记录"})
    assert number in page.content.decode() and "no-store" in page["Cache-Control"]
    trail = client_for("auditor").get("/audit/", {"object_type": "workforce.worker", "object_id": worker.pk})
    html = trail.content.decode()  # the auditor reads what was seen, by whom and why; never the number
    assert "查看了明文： 身份证号码" in html and "核对社保缴纳记录" in html and "通知本人补交材料" in html
    assert number not in html and "id_number" not in html
    api = api_for("auditor").get("/api/audit-events/", {"object_type": "workforce.worker", "action": "access"})
    assert {"fields": ["id_number"], "reason": "核对社保缴纳记录"} in [e["viewed"] for e in api.json()["results"]]
    refused = client_for("requester").post(f"/workers/{worker.pk}/reveal/", {"field": "id_number", "reason": "看看"})
    assert number not in refused.content.decode()


def test_exports_and_pages_show_numbers_masked(demo, client_for):
    """WRK-2, WRK-7: the Excel export and the pages carry the masked numbers only."""
    number = id_number()
    worker = filed(contract_in_force(), id_number=number, phone=PHONE)
    for username in ("hr", "vendor1"):
        export = client_for(username).get("/workers/", {"export": "xlsx"})
        sheet = load_workbook(io.BytesIO(export.content)).active
        cells = " ".join(str(c) for row in sheet.iter_rows(values_only=True) for c in row)
        assert worker.id_masked in cells and number not in cells and PHONE not in cells
        page = client_for(username).get(worker.get_absolute_url()).content.decode()
        assert worker.id_masked in page and number not in page and PHONE not in page


def test_key_rotation_re_encrypts_and_keeps_search(demo, settings):
    """WRK-2: a new key put first, the command re-encrypts every value; the old key can then be dropped."""
    old = settings.PERSONAL_DATA_KEYS[0]
    number = id_number()
    worker = filed(contract_in_force(), id_number=number, phone=PHONE)
    new = personal_data.new_key()
    settings.PERSONAL_DATA_KEYS = [new, old]
    settings.PERSONAL_DATA_HASH_KEY = "rotated-hash-key"
    out = io.StringIO()
    call_command("rotate_personal_data_keys", stdout=out)
    assert "1" in out.getvalue()
    settings.PERSONAL_DATA_KEYS = [new]  # the old key is gone: everything still decrypts
    row = Worker.objects.get(pk=worker.pk)
    assert row.id_cipher != worker.id_cipher
    assert personal_data.decrypt(row.id_cipher) == number and personal_data.decrypt(row.phone_cipher) == PHONE
    assert filing.find_by_id_number(Worker.objects.all(), number).get() == row
    settings.PERSONAL_DATA_KEYS = [old]
    with pytest.raises(Exception, match="decrypt"):
        personal_data.decrypt(row.id_cipher)


def test_files_that_carry_the_clear_number_open_only_for_hr_audit_and_the_vendor(demo, client_for):
    """WRK-2: a labor contract or social-insurance proof shows the ID number in clear, so only HR, internal audit
    and the vendor's own users download it; the department and other readers see the masked record only."""
    from outsourcing.attachments.models import Attachment

    worker = filed(contract_in_force())
    attachment = Attachment.objects.filter(object_id=worker.pk, content_type__model="worker").first()
    contract_in_force("vendor2")
    for username in ("hr", "auditor", "vendor1"):
        assert client_for(username).get(f"/attachments/{attachment.uuid}/download/").status_code == 200, username
    for username in ("requester", "depthead", "finance", "procurement", "legal", "vendor2"):
        assert client_for(username).get(f"/attachments/{attachment.uuid}/download/").status_code in (403, 404)
    page = client_for("requester").get(worker.get_absolute_url())
    assert page.status_code == 200 and attachment.original_name not in page.content.decode()
