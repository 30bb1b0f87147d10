"""VEN-5 the status machine: allowed moves only, by the roles that make them, always with a reason, audited."""

import pytest
from auditlog.models import LogEntry

from outsourcing.audit.actor import acting_as
from outsourcing.core.errors import RuleViolation
from outsourcing.vendors import services
from outsourcing.vendors.models import StatusChange, VendorStatus
from outsourcing.vendors.qualification import eligibility
from tests.vendors.factories import admitted_vendor, prospect

pytestmark = pytest.mark.django_db


def test_hr_suspends_and_reinstates_management_sets_the_strategic_tier(demo):
    """VEN-5: each change leaves its row with from, to, reason and who."""
    vendor = admitted_vendor()
    services.change_status(actor=demo.hr, vendor=vendor, to_status=VendorStatus.SUSPENDED, reason="社保证明缺失")
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.SUSPENDED
    assert eligibility(vendor)[0] is False  # a suspended vendor is not invited
    services.change_status(actor=demo.hr, vendor=vendor, to_status=VendorStatus.QUALIFIED, reason="整改验收通过")
    with acting_as(demo.manager):  # as a page request names the person who acted
        services.change_status(actor=demo.manager, vendor=vendor, to_status=VendorStatus.STRATEGIC, reason="绩效优异")
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.STRATEGIC
    last = StatusChange.objects.filter(vendor=vendor).first()
    assert (last.from_status, last.to_status, last.reason, last.changed_by) == (
        VendorStatus.QUALIFIED,
        VendorStatus.STRATEGIC,
        "绩效优异",
        demo.manager,
    )
    audited = LogEntry.objects.get_for_object(vendor).filter(changes__icontains="strategic")
    assert audited.exists() and audited.first().actor == demo.manager


def test_hr_cannot_set_the_strategic_tier(demo):
    """VEN-5: the strategic tier is management's decision (P4§8)."""
    vendor = admitted_vendor()
    with pytest.raises(RuleViolation) as refused:
        services.change_status(actor=demo.hr, vendor=vendor, to_status=VendorStatus.STRATEGIC, reason="绩效优异")
    assert refused.value.code == "not_allowed"
    assert services.allowed_status_changes(demo.hr, vendor) == [VendorStatus.SUSPENDED, VendorStatus.REMOVED]


@pytest.mark.parametrize(
    ("start", "target", "code"),
    [
        ("prospect", VendorStatus.QUALIFIED, "status_change"),  # only an approved admission review admits
        ("prospect", VendorStatus.SUSPENDED, "status_change"),
        ("removed", VendorStatus.QUALIFIED, "status_change"),  # the blacklist is final
        ("qualified", "nonsense", "status_change"),
    ],
)
def test_moves_the_machine_does_not_allow_are_refused(demo, start, target, code):
    """VEN-5, X-8"""
    vendor = admitted_vendor() if start != "prospect" else prospect()
    if start == "removed":
        services.change_status(actor=demo.hr, vendor=vendor, to_status=VendorStatus.REMOVED, reason="欠薪")
    before = vendor.status_changes.count()
    with pytest.raises(RuleViolation) as refused:
        services.change_status(actor=demo.hr, vendor=vendor, to_status=target, reason="理由")
    assert refused.value.code == code and refused.value.status == 409
    assert vendor.status_changes.count() == before


def test_a_change_needs_a_reason(demo):
    """VEN-5, X-8"""
    vendor = admitted_vendor()
    with pytest.raises(RuleViolation) as refused:
        services.change_status(actor=demo.hr, vendor=vendor, to_status=VendorStatus.SUSPENDED, reason="  ")
    assert refused.value.field == "reason"
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED


def test_other_roles_and_vendor_users_change_nothing(demo, client_for):
    """VEN-5: the page refuses the status form to everyone but HR and management."""
    vendor = admitted_vendor()
    for username in ("legal", "finance", "procurement", "requester"):
        with pytest.raises(RuleViolation):
            services.change_status(
                actor=getattr(demo, username), vendor=vendor, to_status=VendorStatus.SUSPENDED, reason="x"
            )
        response = client_for(username).post(f"/vendors/{vendor.pk}/status/", {"to_status": "suspended", "reason": "x"})
        assert response.status_code == 403
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.QUALIFIED


def test_the_status_form_on_the_page(demo, client_for):
    """VEN-5: a change without a reason is refused beside the field; with one it applies."""
    vendor = admitted_vendor()
    client = client_for("hr")
    refused = client.post(f"/vendors/{vendor.pk}/status/", {"to_status": "suspended", "reason": ""})
    assert refused.status_code == 200 and refused.context["status_form"].errors["reason"]
    done = client.post(f"/vendors/{vendor.pk}/status/", {"to_status": "suspended", "reason": "社保证明缺失"})
    assert done.status_code == 302
    vendor.refresh_from_db()
    assert vendor.status == VendorStatus.SUSPENDED


def test_removing_a_vendor_closes_its_portal_accounts(demo, client_for):
    """VEN-5, ORG-3: a blacklisted vendor's people no longer log in."""
    from tests.vendors.factories import vendor_companies

    own, _other = vendor_companies()
    services.change_status(actor=demo.hr, vendor=own, to_status=VendorStatus.REMOVED, reason="伪造社保证明")
    demo.vendor1.refresh_from_db()
    assert demo.vendor1.is_active is False
    assert client_for("hr").get(own.get_absolute_url()).status_code == 200


def test_a_vendor_user_changes_no_status(demo, client_for, api_for):
    """VEN-5, ORG-3: not on its own company either."""
    from tests.vendors.factories import vendor_companies

    own, _other = vendor_companies()
    with pytest.raises(RuleViolation):
        services.change_status(actor=demo.vendor1, vendor=own, to_status=VendorStatus.SUSPENDED, reason="x")
    assert (
        client_for("vendor1").post(f"/vendors/{own.pk}/status/", {"to_status": "suspended", "reason": "x"}).status_code
        == 403
    )
    response = api_for("vendor1").post(
        f"/api/vendors/{own.pk}/status/", {"to_status": "suspended", "reason": "x"}, format="json"
    )
    assert response.status_code == 403
    own.refresh_from_db()
    assert own.status == VendorStatus.QUALIFIED


def test_a_change_of_categories_is_in_the_audit_trail(demo):
    """X-1, VEN-1: many-to-many changes are recorded too."""
    from outsourcing.vendors.models import ServiceCategory

    vendor = prospect()
    data = services.vendor_data_of(vendor)
    data.categories = [ServiceCategory.objects.get(code="warehousing")]
    with acting_as(demo.hr):
        services.update_vendor(actor=demo.hr, vendor=vendor, data=data)
    entries = LogEntry.objects.get_for_object(vendor)
    assert any("categories" in (entry.changes_dict or {}) for entry in entries)


def test_removing_a_vendor_revokes_its_users_api_tokens(demo):
    """VEN-5, ORG-3, X-6, security finding 7: the blacklisted vendor's accounts are deactivated and their API
    tokens deleted, so they do not come back if an account is ever reactivated."""
    from outsourcing.org.models import ApiToken
    from outsourcing.org.tokens import issue_token

    vendor = admitted_vendor()
    user = services.create_vendor_account(
        actor=demo.hr, vendor=vendor, username="removed-vendor-manager", full_name="孙七", password="Str0ng-pass-2026"
    )
    issue_token(user=user)
    services.change_status(actor=demo.hr, vendor=vendor, to_status=VendorStatus.REMOVED, reason="挂靠经营")
    user.refresh_from_db()
    assert not user.is_active and not ApiToken.objects.filter(user=user).exists()
