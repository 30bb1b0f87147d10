"""X-6 the vendor API: create, edit, status, documents, reviews, change requests; fixed query counts."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from outsourcing.core.timeutil import today
from outsourcing.vendors.models import ServiceCategory, Vendor, VendorStatus
from tests.vendors.factories import add_licence, admitted_vendor, credit_code, prospect

pytestmark = pytest.mark.django_db


def payload(**overrides):
    data = {
        "name": "接口测试客服有限公司",
        "entity_type": "company",
        "credit_code": credit_code(),
        "legal_representative": "王建国",
        "business_scope": "客户服务",
        "address": "上海市静安区接口路2号",
        "contact_name": "李娜",
        "contact_phone": "021-50000000",
        "categories": ["customer_service"],
    }
    data.update(overrides)
    return data


def test_hr_creates_and_edits_a_vendor_through_the_api(api_for):
    """X-6, VEN-1: name and credit_code in, a prospect out; a PATCH changes one field."""
    api = api_for("hr")
    created = api.post("/api/vendors/", payload(), format="json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["status"] == "prospect" and body["number"].startswith("VEN-") and body["eligible"] is False
    patched = api.patch(f"/api/vendors/{body['id']}/", {"contact_phone": "021-59999999"}, format="json")
    assert patched.status_code == 200 and patched.json()["contact_phone"] == "021-59999999"
    assert patched.json()["categories"] == ["customer_service"]


@pytest.mark.parametrize(
    ("overrides", "status", "code"),
    [
        ({"credit_code": "91310115MA1H7X3K1X"}, 400, "credit_code_invalid"),
        ({"entity_type": "individual"}, 400, "not_legal_entity"),
        ({"legal_representative": ""}, 400, None),
    ],
)
def test_bad_input_answers_with_a_field_or_rule_message(api_for, overrides, status, code):
    """X-6, X-8"""
    response = api_for("hr").post("/api/vendors/", payload(**overrides), format="json")
    assert response.status_code == status
    if code:
        assert response.json()["code"] == code and response.json()["detail"]
    assert not Vendor.objects.filter(name="接口测试客服有限公司").exists()


def test_a_duplicate_credit_code_is_a_conflict(api_for):
    """X-6, VEN-1"""
    existing = prospect()
    response = api_for("hr").post("/api/vendors/", payload(credit_code=existing.credit_code), format="json")
    assert response.status_code == 409 and response.json()["code"] == "credit_code_taken"


def test_status_documents_and_reviews_under_the_vendor(api_for):
    """X-6, VEN-2, VEN-3, VEN-5"""
    vendor = admitted_vendor()
    api = api_for("hr")
    no_reason = api.post(f"/api/vendors/{vendor.pk}/status/", {"to_status": "suspended", "reason": ""}, format="json")
    assert no_reason.status_code == 400
    suspended = api.post(
        f"/api/vendors/{vendor.pk}/status/", {"to_status": "suspended", "reason": "整改"}, format="json"
    )
    assert suspended.status_code == 200 and suspended.json()["status"] == "suspended"
    bad = api.post(
        f"/api/vendors/{vendor.pk}/documents/",
        {"licence_type": "iso9001", "number": "Q1", "issuer": "认证中心", "valid_from": "2026-05-01",
         "valid_until": "2026-01-01"},
        format="json",
    )  # fmt: skip
    assert bad.status_code == 400 and bad.json()["code"] == "validity_order"
    added = api.post(
        f"/api/vendors/{vendor.pk}/documents/",
        {"licence_type": "iso9001", "number": "Q1", "issuer": "认证中心", "valid_from": "2026-05-01"},
        format="json",
    )
    assert added.status_code == 201 and added.json()["state"] == "valid"
    documents = api.get(f"/api/vendors/{vendor.pk}/documents/").json()
    assert {d["licence_type"] for d in documents["results"]} >= {"business_licence", "iso9001"}
    reviews = api.get(f"/api/vendors/{vendor.pk}/admission-reviews/").json()["results"]
    assert reviews[0]["status"] == "approved" and len(reviews[0]["results"]) == 5


def test_only_hr_writes_and_vendors_get_no_create(api_for):
    """X-6: 403 without permission."""
    assert api_for("procurement").post("/api/vendors/", payload(), format="json").status_code == 403
    assert api_for("vendor1").post("/api/vendors/", payload(), format="json").status_code == 403
    assert api_for("procurement").get("/api/vendors/").status_code == 200


def test_vendor_endpoints_are_in_the_schema(client_for):
    """X-6"""
    paths = client_for("hr").get("/api/schema/?format=json").json()["paths"]
    for path in (
        "/api/vendors/",
        "/api/vendors/{id}/",
        "/api/vendors/{id}/status/",
        "/api/vendors/{id}/documents/",
        "/api/vendors/{id}/admission-reviews/",
        "/api/vendors/{id}/change-requests/",
    ):
        assert path in paths, path


def make_pool(n: int) -> None:
    category = ServiceCategory.objects.get(code="security")
    for index in range(n):
        vendor = prospect(name=f"查询计数公司{index}", category="security", business_scope="保安服务")
        vendor.categories.add(ServiceCategory.objects.get(code="customer_service"))
        add_licence(vendor, "security_service", valid_until=today() + dt.timedelta(days=index))
        add_licence(vendor, "business_licence")
        assert category in vendor.categories.all()


def test_list_page_and_api_cost_the_same_for_3_or_25_vendors(client_for, api_for):
    """X-6, VEN-1: eligibility for every row comes from prefetched documents and categories."""
    make_pool(3)
    page, api = client_for("hr"), api_for("hr")
    counts = {}
    for label in ("few", "many"):
        with CaptureQueriesContext(connection) as page_queries:
            assert page.get("/vendors/").status_code == 200
        with CaptureQueriesContext(connection) as api_queries:
            assert api.get("/api/vendors/?page_size=100").status_code == 200
        counts[label] = (len(page_queries), len(api_queries))
        if label == "few":
            make_pool(22)
    assert counts["few"] == counts["many"], counts
    assert counts["many"][0] <= 20 and counts["many"][1] <= 10, counts
    assert Vendor.objects.filter(status=VendorStatus.PROSPECT).count() >= 25


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"registered_capital": "abc"}, "registered_capital"),
        ({"contact_phone": "0" * 200}, "contact_phone"),
        ({"contact_email": "not-an-address"}, "contact_email"),
    ],
)
def test_a_vendors_change_request_with_bad_values_is_refused_not_a_server_error(demo, api_for, changes, field):
    """X-6, X-8, ORG-3: the API brings values no form has checked; the service refuses them with a field."""
    from tests.vendors.factories import vendor_companies

    own, _other = vendor_companies()
    response = api_for("vendor1").post(f"/api/vendors/{own.pk}/change-requests/", {"changes": changes}, format="json")
    assert response.status_code == 400 and response.json()["field"] == field
    assert not own.change_requests.exists()
    created = api_for("hr").post("/api/vendors/", payload(**changes), format="json")
    assert created.status_code == 400


def test_hr_asking_a_change_request_for_a_vendor_is_forbidden(demo, api_for):
    """X-6: 403 without permission (the portal's door is for the vendor's own user)."""
    vendor = admitted_vendor()
    response = api_for("hr").post(f"/api/vendors/{vendor.pk}/change-requests/", {"changes": {}}, format="json")
    assert response.status_code == 403


def test_internal_filters_tell_a_vendor_user_nothing(demo, api_for):
    """ORG-3: ?attention=affiliate does not reveal whether the vendor's own record is flagged."""
    from outsourcing.vendors import catalogue
    from tests.vendors.factories import vendor_companies

    own, _other = vendor_companies()
    catalogue.save_affiliate(actor=demo.admin, affiliate=None, name="某关联公司", credit_code=credit_code())
    flagged = api_for("vendor1").get("/api/vendors/?attention=affiliate").json()["results"]
    unflagged = api_for("vendor1").get("/api/vendors/?attention=review_due").json()["results"]
    assert [v["id"] for v in flagged] == [v["id"] for v in unflagged] == [own.pk]
