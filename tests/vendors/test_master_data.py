"""VEN-1 master data and the credit code; VEN-7 only legal entities, affiliates flagged, scope covers category."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outsourcing.core.errors import RuleViolation
from outsourcing.vendors import catalogue, creditcode, services
from outsourcing.vendors.models import Affiliate, StatusChange, Vendor, VendorStatus
from outsourcing.vendors.qualification import scope_reasons
from tests.vendors.factories import credit_code, hr, prospect, vendor_data

pytestmark = pytest.mark.django_db

FIRST17 = st.text(alphabet=creditcode.ALPHABET, min_size=17, max_size=17)


@given(FIRST17)
def test_a_completed_credit_code_is_valid_and_any_other_check_character_is_not(first17):
    """VEN-1: GB 32100 check character."""
    code = creditcode.with_check_character(first17)
    assert creditcode.is_valid(code)
    wrong = [c for c in creditcode.ALPHABET if c != code[17]]
    assert not any(creditcode.is_valid(first17 + c) for c in wrong)


def test_known_real_format_codes():
    """VEN-1: a published code passes; letters outside the alphabet (I, O, Z, S, V) and wrong lengths fail."""
    assert creditcode.is_valid("91350100M000100Y43")
    assert creditcode.is_valid(" 91350100m000100y43 ")  # normalised: trimmed, upper-cased
    assert not creditcode.is_valid("91350100M000100Y44")
    assert not creditcode.is_valid("91350100M000100Y4")
    assert not creditcode.is_valid("91350100O000100Y43")


def test_hr_registers_a_prospect_with_its_history(demo):
    """VEN-1, VEN-5: a new vendor is a prospect with a number; the registration is its first status row."""
    vendor = prospect(name="上海测试甲公司")
    assert vendor.status == VendorStatus.PROSPECT and vendor.number.startswith("VEN-")
    assert [c.name for c in vendor.categories.all()] == ["客户服务"]
    assert StatusChange.objects.filter(vendor=vendor, to_status=VendorStatus.PROSPECT).count() == 1


@pytest.mark.parametrize(
    ("overrides", "code", "field"),
    [
        ({"credit_code": "91310115MA1H7X3K10"}, "credit_code_invalid", "credit_code"),
        ({"credit_code": ""}, "not_legal_entity", "credit_code"),
        ({"legal_representative": " "}, "required", "legal_representative"),
        ({"business_scope": ""}, "required", "business_scope"),
        ({"categories": []}, "category", "categories"),
        ({"registered_capital": -1}, "amount", "registered_capital"),
    ],
)
def test_bad_master_data_is_refused_and_nothing_saved(demo, overrides, code, field):
    """VEN-1, X-8"""
    before = Vendor.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.register_vendor(actor=hr(), data=vendor_data(**overrides))
    assert (refused.value.code, refused.value.field) == (code, field)
    assert Vendor.objects.count() == before


def test_a_duplicate_credit_code_is_refused_naming_the_holder(demo):
    """VEN-1, X-8"""
    code = credit_code()
    first = prospect(credit_code=code)
    with pytest.raises(RuleViolation) as refused:
        prospect(credit_code=code.lower())  # the same code typed in lower case
    assert refused.value.code == "credit_code_taken" and refused.value.status == 409
    assert first.name in str(refused.value.message)
    assert Vendor.objects.filter(credit_code=code).count() == 1


@pytest.mark.parametrize("entity_type", ["individual", "no_code"])
def test_an_individual_or_an_entity_without_a_credit_code_is_refused_with_the_legal_reason(demo, entity_type):
    """VEN-7: 劳动合同法 art. 94; 法释〔2025〕12号 arts. 1–2."""
    with pytest.raises(RuleViolation) as refused:
        prospect(entity_type=entity_type)
    message = str(refused.value.message)
    assert refused.value.code == "not_legal_entity"
    assert "《劳动合同法》第九十四条" in message and "法释〔2025〕12号" in message


def test_only_hr_registers_vendors(demo):
    """VEN-1: procurement and vendor users may not."""
    for username in ("procurement", "vendor1"):
        with pytest.raises(RuleViolation):
            services.register_vendor(actor=getattr(demo, username), data=vendor_data())


def test_a_vendor_matching_the_affiliates_list_is_flagged(demo):
    """VEN-7: 劳动合同法 art. 67 — by credit code, and by name; the list is the administrator's."""
    code = credit_code()
    catalogue.save_affiliate(actor=demo.admin, affiliate=None, name="集团物业有限公司", credit_code=code)
    by_code = prospect(credit_code=code)
    by_name = prospect(name="集团物业有限公司")
    other = prospect()
    assert by_code.affiliate is not None and by_name.affiliate is not None and other.affiliate is None
    with pytest.raises(RuleViolation):
        catalogue.save_affiliate(actor=demo.hr, affiliate=None, name="某公司")
    # Added later to the list: existing vendors are flagged at once.
    catalogue.save_affiliate(actor=demo.admin, affiliate=None, name=other.name)
    other.refresh_from_db()
    assert other.affiliate is not None
    catalogue.remove_affiliate(actor=demo.admin, affiliate=Affiliate.objects.get(name=other.name))
    other.refresh_from_db()
    assert other.affiliate is None


def test_the_business_scope_must_cover_the_service_category(demo):
    """VEN-7: 施工劳务 needs 施工劳务/劳务分包 in the registered scope."""
    builder = prospect(category="construction_labour", business_scope="建筑劳务分包；施工劳务作业")
    shop = prospect(category="construction_labour", business_scope="日用百货销售")
    assert scope_reasons(builder) == []
    assert len(scope_reasons(shop)) == 1 and "施工劳务" in scope_reasons(shop)[0]
