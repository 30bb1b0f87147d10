"""ORG-2: the authority matrix decides approval levels by document type and amount; it is versioned."""

from decimal import Decimal

import pytest

from outsourcing.core.errors import RuleViolation
from outsourcing.org import selectors, services
from outsourcing.org.models import AuthorityMatrixVersion, Role
from outsourcing.org.services import RuleDraft

pytestmark = pytest.mark.django_db
D = Decimal


def levels(document_type, amount, version=None):
    return selectors.required_approval_levels(document_type=document_type, amount=D(amount), version=version)


def test_management_approval_applies_from_the_threshold_up(demo):
    """ORG-2: the demo matrix (V2) needs management for demands of 500,000 and more."""
    assert Role.MANAGEMENT not in levels("demand", "499999.99")
    assert Role.MANAGEMENT in levels("demand", "500000.00")
    assert Role.MANAGEMENT in levels("demand", "8000000")
    assert Role.MANAGEMENT in levels("termination", "0")


def test_publishing_makes_a_new_version_and_keeps_the_old_one_readable(demo):
    """ORG-2: V2 in force said 500,000; V3 says 300,000; V2 still reads 500,000."""
    v2 = selectors.current_authority_matrix()
    v3 = services.publish_authority_matrix(
        actor=demo.admin,
        note="董事会决议：需求审批门槛下调",
        rules=[RuleDraft("demand", Role.MANAGEMENT, D("300000"))],
    )
    assert v3.number == v2.number + 1 and v3.created_by == demo.admin
    assert selectors.current_authority_matrix() == v3
    assert Role.MANAGEMENT in levels("demand", "300000")
    assert Role.MANAGEMENT not in levels("demand", "300000", version=v2)
    assert Role.MANAGEMENT in levels("demand", "500000", version=v2)
    assert v2.rules.count() == 6


def test_bands_for_different_levels_combine(demo):
    """ORG-2: tiered limits — management from 500,000, finance in a band, no overlap between them."""
    version = services.publish_authority_matrix(
        actor=demo.admin,
        note="分级授权",
        rules=[
            RuleDraft("contract_change", Role.FINANCE, D("0"), D("100000")),
            RuleDraft("contract_change", Role.FINANCE, D("100000")),
            RuleDraft("contract_change", Role.MANAGEMENT, D("500000")),
        ],
    )
    assert levels("contract_change", "99999.99", version) == {Role.FINANCE}
    assert levels("contract_change", "600000", version) == {Role.FINANCE, Role.MANAGEMENT}
    assert levels("contract", "600000", version) == set()


@pytest.mark.parametrize(
    ("rules", "code"),
    [
        ([RuleDraft("demand", Role.MANAGEMENT, D("-1"))], "matrix_negative"),
        ([RuleDraft("demand", Role.MANAGEMENT, D("500"), D("100"))], "matrix_range"),
        (
            [
                RuleDraft("demand", Role.MANAGEMENT, D("0"), D("600000")),
                RuleDraft("demand", Role.MANAGEMENT, D("500000")),
            ],
            "matrix_overlap",
        ),
        (
            [
                RuleDraft("demand", Role.MANAGEMENT, D("100")),
                RuleDraft("demand", Role.MANAGEMENT, D("900")),
            ],
            "matrix_overlap",
        ),
        ([], "matrix_empty"),
        # a type no app registered: the matrix cannot speak of it
        ([RuleDraft("no_such_document", Role.MANAGEMENT, D("0"))], "matrix_level"),
    ],
)
def test_bad_matrices_are_refused_and_publish_nothing(demo, rules, code):
    """ORG-2, X-8: overlapping, negative or inverted thresholds are refused; no version is made."""
    before = AuthorityMatrixVersion.objects.count()
    with pytest.raises(RuleViolation) as refused:
        services.publish_authority_matrix(actor=demo.admin, note="错误的矩阵", rules=rules)
    assert refused.value.code == code
    assert AuthorityMatrixVersion.objects.count() == before


def test_admin_publishes_from_the_page_and_overlaps_are_explained(client_for):
    """ORG-2, X-4, X-8: the page refuses an overlap in Chinese and saves nothing; a good matrix publishes."""
    client = client_for("admin")
    before = AuthorityMatrixVersion.objects.count()
    form = {
        "rules-TOTAL_FORMS": "2",
        "rules-INITIAL_FORMS": "0",
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        "rules-0-document_type": "demand",
        "rules-0-approval_level": "management",
        "rules-0-min_amount": "0",
        "rules-0-max_amount": "600000",
        "rules-1-document_type": "demand",
        "rules-1-approval_level": "management",
        "rules-1-min_amount": "500000",
        "rules-1-max_amount": "",
        "note": "调整",
    }
    response = client.post("/org/authority-matrix/edit/", form)
    assert response.status_code == 200
    assert "重叠" in response.content.decode()
    assert AuthorityMatrixVersion.objects.count() == before

    form["rules-1-min_amount"] = "600000"
    response = client.post("/org/authority-matrix/edit/", form)
    assert response.status_code == 302
    assert AuthorityMatrixVersion.objects.count() == before + 1
    page = client.get("/org/authority-matrix/").content.decode()
    assert "调整" in page and "¥600,000.00" in page


def test_matrix_page_rejects_negative_amounts_beside_the_field(client_for):
    """ORG-2, X-8"""
    response = client_for("admin").post(
        "/org/authority-matrix/edit/",
        {
            "rules-TOTAL_FORMS": "1",
            "rules-INITIAL_FORMS": "0",
            "rules-MIN_NUM_FORMS": "0",
            "rules-MAX_NUM_FORMS": "1000",
            "rules-0-document_type": "demand",
            "rules-0-approval_level": "management",
            "rules-0-min_amount": "-5",
            "rules-0-max_amount": "",
            "note": "负数",
        },
    )
    assert response.status_code == 200
    assert response.context["formset"].forms[0].errors["min_amount"] == ["确保该值大于或等于0。"]


def test_publishing_from_the_page_carries_over_the_rows_left_untouched(client_for):
    """ORG-2: the edit page starts from the version in force; rows the administrator did not touch
    stay in the new version, and a row marked for removal goes."""
    client = client_for("admin")
    current = selectors.current_authority_matrix()
    page = client.get("/org/authority-matrix/edit/")
    formset = page.context["formset"]
    data = {
        "rules-TOTAL_FORMS": str(len(formset.forms)),
        "rules-INITIAL_FORMS": str(formset.initial_form_count()),
        "rules-MIN_NUM_FORMS": "0",
        "rules-MAX_NUM_FORMS": "1000",
        "note": "新增财务审批层级",
    }
    for i, form in enumerate(formset.forms):
        for name, field in form.fields.items():
            value = form.initial.get(name, field.initial)
            data[f"rules-{i}-{name}"] = "" if value is None or value is False else str(value)
    extra = formset.initial_form_count()
    data.update(
        {
            f"rules-{extra}-document_type": "demand",
            f"rules-{extra}-approval_level": "finance",
            f"rules-{extra}-min_amount": "200000",
        }
    )
    data["rules-0-DELETE"] = "on"
    response = client.post("/org/authority-matrix/edit/", data)
    assert response.status_code == 302
    new = selectors.current_authority_matrix()
    assert new.number == current.number + 1
    assert new.rules.count() == current.rules.count()  # one removed, one added
    assert Role.FINANCE in levels("demand", "250000")


def test_the_apps_contribute_the_document_types_and_the_page_offers_them(client_for):
    """ORG-2 (issue 13, item 4): the matrix's document types come from the apps' registrations, not from a list
    in org; the publishing page offers every registered type and only those."""
    from outsourcing.org.document_types import document_type_choices

    registered = dict(document_type_choices())
    assert {"demand", "sourcing_award", "contract", "contract_change", "termination"} <= set(registered)
    assert registered["demand"] == "外包需求"
    page = client_for("admin").get("/org/authority-matrix/edit/").content.decode()
    for code in registered:
        assert f'value="{code}"' in page
    assert 'value="no_such_document"' not in page
