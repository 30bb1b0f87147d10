"""X-1 (issue 13, item 5): the audit trail sees everything it should — every domain model is registered (a new
model cannot be forgotten), file uploads and removals, and Excel exports with who, which list and what filter."""

from __future__ import annotations

import pytest
from auditlog import get_logentry_model
from auditlog.registry import auditlog
from django.apps import apps

from outsourcing.attachments import services as attachment_services
from tests.attachments import factories as f
from tests.testapp.models import SampleFileKind

pytestmark = pytest.mark.django_db
LogEntry = get_logentry_model()

# Models deliberately outside the trail, each with its reason. Anything else in our apps must be registered.
NOT_AUDITED = {
    "core.DocumentSequence": "a number counter; each number is recorded on the document that took it",
    "notifications.Notification": "a notice is itself the record of what was told to whom and when",
    "notifications.DailyJobRun": "the run record of the daily job is itself the log of the run",
    "sourcing.QuoteLine": "the seal (SRC-3): quote lines must not be copied into the trail before the deadline",
    "workforce.InsuranceListEntry": "keyed hashes of the office's list; the list's upload (InsuranceList) is recorded",
    "sourcing.Score": "score values stay on the sheets, written once and never changed (SRC-6)",
}


def test_x1_every_domain_model_is_in_the_audit_trail():
    ours = [m for m in apps.get_models() if m.__module__.startswith("outsourcing.")]
    missing = [m._meta.label for m in ours if not auditlog.contains(m) and m._meta.label not in NOT_AUDITED]
    assert missing == [], f"register these with auditlog or name them in NOT_AUDITED with the reason: {missing}"
    stale = set(NOT_AUDITED) - {m._meta.label for m in ours}
    assert not stale, stale


def test_x1_a_notice_written_through_its_proxy_is_recorded(demo):
    from outsourcing.contracts.models import RectificationNotice, TerminationNotice

    assert auditlog.contains(RectificationNotice) and auditlog.contains(TerminationNotice)


@pytest.fixture
def document(demo):
    from tests.testapp.models import SampleDocument

    return SampleDocument.objects.create(title="样例", department=demo.requester.department, author=demo.requester)


def test_x1_uploads_and_removals_are_in_the_trail(demo, document):
    from auditlog.context import set_actor

    with set_actor(demo.requester):  # as the request middleware does for a page or API call
        attachment = attachment_services.attach(
            actor=demo.requester, document=document, upload=f.upload("签收单.pdf", f.pdf_bytes()),
            kind=SampleFileKind.RECEIPT,
        )  # fmt: skip
    pk = str(attachment.pk)
    created = LogEntry.objects.get(content_type__model="attachment", object_pk=pk, action=LogEntry.Action.CREATE)
    assert created.actor == demo.requester
    assert created.changes["original_name"][1] == "签收单.pdf" and created.changes["kind"][1] == "sample_receipt"
    assert created.changes["object_id"][1] == str(document.pk) and "file" not in created.changes
    with set_actor(demo.requester):
        attachment_services.remove(actor=demo.requester, attachment=attachment)
    removed = LogEntry.objects.get(content_type__model="attachment", object_pk=pk, action=LogEntry.Action.DELETE)
    assert removed.actor == demo.requester


def test_x1_an_excel_export_records_who_took_which_list_with_what_filter(client_for, demo):
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    response = client_for("hr").get("/vendors/", {"export": "xlsx", "status": "qualified"})
    assert response.status_code == 200
    entry = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).latest("id")
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before + 1
    assert entry.actor == demo.hr and entry.object_pk == str(demo.hr.pk)
    assert entry.additional_data["exported"] == "外包商资源库" and entry.additional_data["path"] == "/vendors/"
    assert entry.additional_data["filter"] == {"status": "qualified"}
    assert entry.additional_data["rows"] == response.exported_rows
    # the auditor reads it on the search page, in words
    page = client_for("auditor").get("/audit/", {"action": "access"}).content.decode()
    assert "导出" in page and "status=qualified" in page


def test_x1_a_page_view_is_not_an_export(client_for, demo):
    before = LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count()
    assert client_for("hr").get("/vendors/", {"status": "qualified"}).status_code == 200
    assert LogEntry.objects.filter(action=LogEntry.Action.ACCESS).count() == before
