"""VEN-2 qualification documents: validity, files, eligibility by date, the daily expiry reminder (X-2)."""

import datetime as dt
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from outsourcing.attachments.models import Attachment
from outsourcing.core.errors import RuleViolation
from outsourcing.core.timeutil import today
from outsourcing.notifications.models import Notification
from outsourcing.notifications.services import run_daily_jobs
from outsourcing.vendors import qualification, selectors, services
from outsourcing.vendors.models import QualificationDocument, ServiceCategory
from tests.vendors.factories import add_licence, admitted_vendor, hr, prospect, vendor_companies

pytestmark = pytest.mark.django_db

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_a_document_with_its_scan_is_recorded_and_served_to_who_may_see_it(demo, client_for):
    """VEN-2, X-3: the scan is stored as the document's attachment; vendor2 cannot fetch vendor1's."""
    vendor, _other = vendor_companies()
    document = add_licence(vendor, upload=SimpleUploadedFile("营业执照.pdf", PDF, content_type="application/pdf"))
    attachment = Attachment.objects.get(object_id=document.pk, content_type__model="qualificationdocument")
    assert attachment.kind == "business_licence" and attachment.original_name == "营业执照.pdf"
    url = f"/attachments/{attachment.uuid}/download/"
    assert client_for("hr").get(url).status_code == 200
    assert client_for("vendor1").get(url).status_code == 200
    assert client_for("vendor2").get(url).status_code == 404


def test_a_scan_of_the_wrong_kind_refuses_the_whole_document(demo):
    """VEN-2, X-3, X-8: nothing half-saved — neither the document nor a file."""
    vendor = prospect()
    fake = SimpleUploadedFile("licence.pdf", b"MZ\x90\x00 not a pdf at all", content_type="application/pdf")
    with pytest.raises(RuleViolation) as refused:
        add_licence(vendor, upload=fake)
    assert refused.value.code == "file_type_not_allowed"
    assert not QualificationDocument.objects.filter(vendor=vendor).exists()
    assert not Attachment.objects.filter(content_type__model="qualificationdocument").exists()


def test_expiry_before_issue_is_refused(demo):
    """VEN-2, X-8"""
    vendor = prospect()
    with pytest.raises(RuleViolation) as refused:
        add_licence(vendor, valid_from=dt.date(2026, 5, 1), valid_until=dt.date(2026, 4, 30))
    assert refused.value.field == "valid_until" and "2026-04-30" in str(refused.value.message)
    assert not vendor.documents.exists()


def test_validity_states(demo):
    """VEN-2: valid, expiring within the warning days (default 60), expired, not yet valid."""
    vendor = prospect()
    day = today()
    soon = add_licence(vendor, "iso9001", valid_until=day + dt.timedelta(days=60))
    later = add_licence(vendor, "iso27001", valid_until=day + dt.timedelta(days=61))
    gone = add_licence(vendor, "iso45001", valid_until=day - dt.timedelta(days=1))
    future = add_licence(vendor, "hr_service", valid_from=day + dt.timedelta(days=3))
    assert [qualification.validity(d).state for d in (soon, later, gone, future)] == [
        "expiring",
        "valid",
        "expired",
        "not_yet_valid",
    ]
    assert qualification.validity(soon).days_left == 60


def test_a_lapsed_required_licence_makes_the_vendor_ineligible_until_renewed(demo, client_for):
    """VEN-2: automatic, by date, and the reason shows on the list, the page and the API."""
    vendor = admitted_vendor(category="security", business_scope="保安服务")
    category = ServiceCategory.objects.get(code="security")
    licence = vendor.documents.get(licence_type__code="security_service")

    def set_expiry(day):
        qualification.update_document(
            actor=hr(),
            document=licence,
            licence_type=licence.licence_type,
            number=licence.number,
            issuer=licence.issuer,
            valid_from=licence.valid_from,
            valid_until=day,
        )
        licence.refresh_from_db()

    set_expiry(today() + dt.timedelta(days=10))
    assert qualification.eligibility(vendor, category) == (True, [])
    later = today() + dt.timedelta(days=11)
    eligible, reasons = qualification.eligibility(vendor, category, on=later)
    assert not eligible and len(reasons) == 1
    assert "保安服务许可证" in reasons[0] and licence.valid_until.isoformat() in reasons[0]

    set_expiry(today() - dt.timedelta(days=1))
    fresh = selectors.vendor_detail(demo.hr, vendor.pk)
    reasons = qualification.ineligibility_reasons(fresh)
    assert len(reasons) == 1 and "保安服务许可证" in reasons[0]
    page = client_for("hr").get(vendor.get_absolute_url()).content.decode()
    assert 'id="ineligible"' in page and "保安服务许可证" in page
    listing = client_for("hr").get("/vendors/").content.decode()
    assert "保安服务许可证" in listing
    api = client_for("hr").get(f"/api/vendors/{vendor.pk}/").json()
    assert api["eligible"] is False and "保安服务许可证" in api["ineligibility_reasons"][0]

    add_licence(vendor, "security_service", valid_from=today(), valid_until=today() + dt.timedelta(days=1000))
    assert qualification.eligibility(selectors.vendor_detail(demo.hr, vendor.pk)) == (True, [])


def test_the_daily_job_reminds_hr_and_the_vendor_once_per_stage(demo):
    """VEN-2, X-2: expiring → one notice each to HR and the vendor's users; run twice, nothing more;
    lapsed → one more; a renewed document ends the reminders; another vendor's users hear nothing."""
    vendor, _other = vendor_companies()  # vendor2 is a user of another vendor, not an unlinked account
    licence = add_licence(vendor, "iso9001", valid_until=today() + dt.timedelta(days=30))

    def notices(user):
        return Notification.objects.filter(recipient=user, url=licence.get_absolute_url())

    run_daily_jobs(today=today())
    run_daily_jobs(today=today())
    assert notices(demo.hr).count() == 1 and notices(demo.vendor1).count() == 1
    assert notices(demo.vendor2).count() == 0
    assert "ISO 9001" in notices(demo.vendor1).get().title

    run_daily_jobs(today=today() + dt.timedelta(days=31))
    run_daily_jobs(today=today() + dt.timedelta(days=32))
    assert notices(demo.hr).count() == 2 and notices(demo.vendor1).count() == 2

    renewed = add_licence(vendor, "iso9001", valid_from=today(), valid_until=today() + dt.timedelta(days=1095))
    assert not selectors.expiring_documents(on=today() + dt.timedelta(days=33)).exists()
    run_daily_jobs(today=today() + dt.timedelta(days=34))
    assert notices(demo.hr).count() == 2
    assert not Notification.objects.filter(url=renewed.get_absolute_url()).exists()


def _scan(name="证书扫描件.pdf", content=PDF):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def test_vendor_user_records_its_own_document_but_not_another_vendors(demo):
    """VEN-2, ORG-3: with its scan, which must be a scan (PDF, JPG, PNG), not a Word or Excel file."""
    own, other = prospect(), prospect()
    services.link_account(user=demo.vendor1, vendor=own)
    iso = qualification.LicenceType.objects.get(code="iso9001")
    typed = {"actor": demo.vendor1, "vendor": own, "licence_type": iso, "number": "Q-1", "issuer": "认证中心",
             "valid_from": today()}  # fmt: skip
    with pytest.raises(RuleViolation) as no_scan:
        qualification.add_document(**typed)
    assert no_scan.value.field == "file" and "扫描件" in str(no_scan.value.message)
    workbook = BytesIO()
    Workbook().save(workbook)
    with pytest.raises(RuleViolation) as spreadsheet:
        qualification.add_document(**typed, upload=_scan("证书.xlsx", workbook.getvalue()))
    assert spreadsheet.value.field == "file" and "PDF、JPG 或 PNG" in str(spreadsheet.value.message)
    assert not own.documents.filter(number="Q-1").exists()
    document = qualification.add_document(**typed, upload=_scan())
    assert document.created_by == demo.vendor1
    with pytest.raises(RuleViolation):
        qualification.add_document(
            actor=demo.vendor1,
            vendor=other,
            licence_type=document.licence_type,
            number="Q-2",
            issuer="认证中心",
            valid_from=today(),
            upload=_scan(),
        )


def test_a_document_the_vendor_records_counts_only_once_hr_verifies_it(demo, client_for):
    """VEN-2, ORG-3: the vendor cannot make itself eligible by typing dates; HR checks the original."""
    own, _other = vendor_companies()
    licence = own.documents.get(licence_type__code="business_licence")
    qualification.update_document(
        actor=hr(),
        document=licence,
        licence_type=licence.licence_type,
        number=licence.number,
        issuer=licence.issuer,
        valid_from=licence.valid_from,
        valid_until=today() - dt.timedelta(days=1),
    )
    assert not qualification.eligibility(selectors.vendor_detail(demo.hr, own.pk))[0]
    with pytest.raises(RuleViolation):  # the vendor may not move the expiry date of a recorded document
        qualification.update_document(
            actor=demo.vendor1,
            document=licence,
            licence_type=licence.licence_type,
            number=licence.number,
            issuer=licence.issuer,
            valid_from=licence.valid_from,
            valid_until=today() + dt.timedelta(days=3650),
        )
    assert client_for("vendor1").get(f"/vendors/documents/{licence.pk}/edit/").status_code == 403
    renewed = qualification.add_document(
        actor=demo.vendor1,
        vendor=own,
        licence_type=licence.licence_type,
        number="913101150000RENEW",
        issuer="市场监督管理局",
        valid_from=today(),
        upload=_scan("营业执照.pdf"),
    )
    assert not renewed.is_verified
    reasons = qualification.ineligibility_reasons(selectors.vendor_detail(demo.hr, own.pk))
    assert len(reasons) == 1 and "营业执照" in reasons[0]
    assert Notification.objects.filter(recipient=demo.hr, url=renewed.get_absolute_url()).exists()
    assert client_for("hr").get("/vendors/documents/to-verify/").context["documents"].get() == renewed
    assert client_for("vendor1").post(f"/vendors/documents/{renewed.pk}/verify/").status_code == 403
    assert client_for("hr").post(f"/vendors/documents/{renewed.pk}/verify/").status_code == 302
    assert qualification.eligibility(selectors.vendor_detail(demo.hr, own.pk)) == (True, [])


def test_sourcing_eligibility_needs_the_scope_and_an_approved_review_for_the_category(demo):
    """VEN-3, VEN-7: adding 施工劳务 and its licences to a customer-service vendor does not make it eligible
    for construction work until its scope covers it and a review of that category is approved."""
    vendor = admitted_vendor()
    construction = ServiceCategory.objects.get(code="construction_labour")
    data = services.vendor_data_of(vendor)
    data.categories = [*data.categories, construction]
    services.update_vendor(actor=hr(), vendor=vendor, data=data)
    add_licence(vendor, "construction_qualification")
    add_licence(vendor, "safety_production")
    eligible, reasons = qualification.eligibility(selectors.vendor_detail(demo.hr, vendor.pk), construction)
    joined = "；".join(reasons)
    assert not eligible and "经营范围" in joined and "准入评审" in joined
    customer = ServiceCategory.objects.get(code="customer_service")
    assert qualification.eligibility(selectors.vendor_detail(demo.hr, vendor.pk), customer) == (True, [])


def test_the_expiring_filter_lists_what_the_reminder_lists(demo, client_for):
    """VEN-2: a vendor whose expiring document was renewed is no longer 'needs attention'."""
    vendor = prospect()
    add_licence(vendor, "iso9001", valid_until=today() + dt.timedelta(days=20))
    listed = [r["vendor"] for r in client_for("hr").get("/vendors/?attention=expiring").context["rows"]]
    assert vendor in listed
    add_licence(vendor, "iso9001", valid_from=today(), valid_until=today() + dt.timedelta(days=1000))
    listed = [r["vendor"] for r in client_for("hr").get("/vendors/?attention=expiring").context["rows"]]
    assert vendor not in listed
