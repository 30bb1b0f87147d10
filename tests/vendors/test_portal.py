"""ORG-3 the vendor portal and isolation; VEN-6 the vendor's page; profile changes HR confirms."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from outsourcing.attachments import services as attachments
from outsourcing.core.errors import RuleViolation
from outsourcing.notifications.models import Notification
from outsourcing.org.models import User, UserKind
from outsourcing.vendors import services
from outsourcing.vendors.models import ChangeRequestStatus, ProfileChangeRequest, VendorAccount
from tests.vendors.factories import add_licence, vendor_companies

pytestmark = pytest.mark.django_db


@pytest.fixture
def companies(demo):
    first, second = vendor_companies()
    data = services.vendor_data_of(first)
    data.internal_notes = "内部：报价偏高，谈判空间约5%"
    services.update_vendor(actor=demo.hr, vendor=first, data=data)
    return first, second


def test_vendor_user_sees_only_its_own_company_and_nothing_internal(companies, client_for):
    """ORG-3, VEN-6: the portal shows the company, its documents and status; no notes, reviews, diligence."""
    first, second = companies
    page = client_for("vendor1").get("/vendors/portal/")
    html = page.content.decode()
    assert page.status_code == 200 and first.name in html and second.name not in html
    assert 'id="documents"' in html
    for internal in ("内部：报价偏高", 'id="reviews"', 'id="diligence"', 'id="status-history"', 'id="accounts"'):
        assert internal not in html
    staff = client_for("hr").get(first.get_absolute_url()).content.decode()
    assert "内部：报价偏高" in staff and 'id="reviews"' in staff and 'id="diligence"' in staff


def test_vendor_api_shows_only_itself_without_internal_fields(companies, api_for):
    """ORG-3, X-6"""
    first, second = companies
    listing = api_for("vendor1").get("/api/vendors/").json()
    assert [v["name"] for v in listing["results"]] == [first.name]
    assert "internal_notes" not in listing["results"][0] and "affiliate" not in listing["results"][0]
    assert api_for("vendor1").get(f"/api/vendors/{first.pk}/admission-reviews/").status_code == 403
    staff = api_for("hr").get(f"/api/vendors/{first.pk}/").json()
    assert staff["internal_notes"].startswith("内部")


def test_isolation_sweep_every_vendor_url_and_endpoint_for_the_other_vendor(companies, client_for, api_for):
    """ORG-3: every page and endpoint vendor1 asks about vendor2's objects answers 403 or 404."""
    first, second = companies
    document = second.documents.first()
    scan = attachments.attach(
        actor=User.objects.get(username="hr"),
        document=document,
        upload=SimpleUploadedFile("营业执照.pdf", b"%PDF-1.4\n%%EOF\n", content_type="application/pdf"),
        kind="business_licence",
    )
    change = ProfileChangeRequest.objects.create(vendor=second, changes={"contact_phone": {"from": "", "to": "1"}},
                                                 requested_by=User.objects.get(username="vendor2"))  # fmt: skip
    review = second.reviews.first()
    pages = [
        ("get", "/vendors/"),
        ("get", f"/vendors/{second.pk}/"),
        ("get", f"/vendors/{second.pk}/edit/"),
        ("post", f"/vendors/{second.pk}/edit/"),
        ("post", f"/vendors/{second.pk}/status/"),
        ("get", f"/vendors/{second.pk}/documents/new/"),
        ("post", f"/vendors/{second.pk}/documents/new/"),
        ("post", f"/vendors/{second.pk}/diligence/new/"),
        ("post", f"/vendors/{second.pk}/reviews/new/"),
        ("post", f"/vendors/{second.pk}/accounts/new/"),
        ("get", f"/vendors/documents/{document.pk}/"),
        ("get", f"/vendors/documents/{document.pk}/edit/"),
        ("post", f"/vendors/documents/{document.pk}/edit/"),
        ("get", f"/vendors/reviews/{review.pk}/"),
        ("post", f"/vendors/reviews/{review.pk}/"),
        ("get", "/vendors/change-requests/"),
        ("post", f"/vendors/change-requests/{change.pk}/decide/"),
        ("get", "/vendors/import/"),
        ("get", "/vendors/import/template/"),
        ("get", "/vendors/catalogue/"),
        ("get", "/vendors/?export=xlsx"),
        ("get", f"/attachments/{scan.uuid}/download/"),
        ("post", f"/attachments/{scan.uuid}/delete/"),
        ("get", "/vendors/documents/to-verify/"),
        ("post", f"/vendors/documents/{document.pk}/verify/"),
    ]
    client = client_for("vendor1")
    for method, url in pages:
        status = getattr(client, method)(url).status_code
        assert status in (403, 404), f"{method.upper()} {url} answered {status}"
    api = api_for("vendor1")
    endpoints = [
        ("get", f"/api/vendors/{second.pk}/"),
        ("patch", f"/api/vendors/{second.pk}/"),
        ("put", f"/api/vendors/{second.pk}/"),
        ("post", f"/api/vendors/{second.pk}/status/"),
        ("get", f"/api/vendors/{second.pk}/documents/"),
        ("post", f"/api/vendors/{second.pk}/documents/"),
        ("get", f"/api/vendors/{second.pk}/admission-reviews/"),
        ("post", f"/api/vendors/{second.pk}/change-requests/"),
        ("post", "/api/vendors/"),
    ]
    for method, url in endpoints:
        status = getattr(api, method)(url, {}, format="json").status_code
        assert status in (403, 404), f"{method.upper()} {url} answered {status}"
    listed = api.get(f"/api/attachments/?document_type=vendors.qualificationdocument&object_id={document.pk}")
    assert listed.status_code in (403, 404), listed.status_code
    # The same doors open for vendor1's own company: the sweep is not passing because everything is shut.
    own = first.documents.first()
    for url in ("/vendors/portal/", f"/vendors/documents/{own.pk}/", f"/vendors/{first.pk}/documents/new/"):
        assert client.get(url).status_code == 200, url
    for url in (f"/api/vendors/{first.pk}/", f"/api/vendors/{first.pk}/documents/"):
        assert api.get(url).status_code == 200, url


def test_hr_creates_a_portal_account_that_belongs_to_that_vendor(companies, client_for):
    """ORG-3: the new user is a vendor user, holds only the vendor role, and sees only its company."""
    first, second = companies
    response = client_for("hr").post(
        f"/vendors/{second.pk}/accounts/new/",
        {"username": "anda-site", "full_name": "周敏", "email": "", "phone": "", "password": "Anda-portal-2026"},
    )
    assert response.status_code == 302
    user = User.objects.get(username="anda-site")
    assert user.kind == UserKind.VENDOR and user.role_codes == {"vendor_manager"}
    assert VendorAccount.objects.get(user=user).vendor == second
    bad = client_for("hr").post(
        f"/vendors/{second.pk}/accounts/new/",
        {"username": "anda-site", "full_name": "周敏", "password": "Anda-portal-2026"},
    )
    assert bad.status_code == 200 and bad.context["account_form"].errors["username"]


def test_profile_change_waits_for_hr_then_applies(companies, demo, client_for):
    """ORG-3: the vendor asks, HR is told and confirms; the data changes only then, and the vendor hears back."""
    first, _second = companies
    response = client_for("vendor1").post(
        "/vendors/portal/profile/",
        {**{n: getattr(first, n) or "" for n in services.PORTAL_EDITABLE}, "contact_phone": "021-66668888"},
    )
    assert response.status_code == 302
    first.refresh_from_db()
    assert first.contact_phone != "021-66668888"
    change = ProfileChangeRequest.objects.get(vendor=first)
    assert change.changes == {"contact_phone": {"from": "021-50000000", "to": "021-66668888"}}
    assert Notification.objects.filter(recipient=demo.hr, url__contains=first.get_absolute_url()).exists()
    assert client_for("hr").get("/").context["waiting"]
    client_for("hr").post(f"/vendors/change-requests/{change.pk}/decide/", {"decision": "confirm"})
    first.refresh_from_db()
    change.refresh_from_db()
    assert first.contact_phone == "021-66668888" and change.status == ChangeRequestStatus.CONFIRMED
    assert Notification.objects.filter(recipient=demo.vendor1, title__contains=first.name).exists()


def test_a_rejection_without_a_note_is_refused_on_the_page(companies, demo, client_for):
    """ORG-3, X-8: the vendor page comes back with the reason beside the request; nothing is decided."""
    first, _second = companies
    change = services.request_profile_change(actor=demo.vendor1, vendor=first, changes={"bank_name": "招商银行"})
    url = f"/vendors/change-requests/{change.pk}/decide/"
    refused = client_for("hr").post(url, {"decision": "reject", "note": ""})
    assert refused.status_code == 200 and refused.context["decision_error"][0] == change.pk
    odd = client_for("hr").post(url, {"decision": "maybe"})
    assert odd.status_code == 302
    change.refresh_from_db()
    assert change.status == ChangeRequestStatus.PENDING


def test_a_profile_change_must_still_be_valid_and_a_rejection_needs_a_note(companies, demo):
    """ORG-3, X-8"""
    first, _second = companies
    with pytest.raises(RuleViolation):
        services.request_profile_change(actor=demo.vendor1, vendor=first, changes={"legal_representative": ""})
    with pytest.raises(RuleViolation) as same:
        services.request_profile_change(actor=demo.vendor1, vendor=first, changes={"address": first.address})
    assert same.value.code == "nothing_changed"
    change = services.request_profile_change(actor=demo.vendor1, vendor=first, changes={"bank_name": "招商银行"})
    with pytest.raises(RuleViolation):
        services.decide_profile_change(actor=demo.hr, request=change, confirm=False, note="")
    services.decide_profile_change(actor=demo.hr, request=change, confirm=False, note="请提供开户许可证")
    first.refresh_from_db()
    assert first.bank_name != "招商银行"


def test_the_vendor_page_gathers_everything_known(companies, client_for):
    """VEN-6: master data, documents with validity, reviews, diligence, status history, accounts, changes, history."""
    first, _second = companies
    add_licence(first, "iso9001")
    html = client_for("auditor").get(first.get_absolute_url()).content.decode()
    for section in (
        "master-data",
        "documents",
        "reviews",
        "diligence",
        "status-history",
        "accounts",
        "change-requests",
    ):
        assert f'id="{section}"' in html, section
    assert "ISO 9001" in html and first.reviews.first().number in html


def test_review_pages_are_for_company_staff_only(companies, client_for):
    """ORG-3: a vendor never sees a review of itself either."""
    first, _second = companies
    review = first.reviews.first()
    assert client_for("vendor1").get(review.get_absolute_url()).status_code == 403
    assert client_for("legal").get(review.get_absolute_url()).status_code == 200
