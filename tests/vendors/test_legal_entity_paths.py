"""VEN-7 (loophole 9): an individual (包工头), an organisation without a unified social credit code, or a vendor
typed in without the code is refused with the legal reason (劳动合同法 art. 94; 法释〔2025〕12号 arts. 1–2) in the
form, through the API and in the import — never just "this field is required"; nothing is saved."""

import pytest

from outsourcing.vendors.models import Vendor
from tests.vendors.test_api import payload
from tests.vendors.test_pages_and_excel import row, vendor_post, workbook

pytestmark = pytest.mark.django_db

REASON = ("劳动合同法", "法释〔2025〕12号")
CASES = [
    pytest.param({"entity_type": "individual"}, "entity_type", id="individual"),
    pytest.param({"entity_type": "no_code"}, "entity_type", id="no-code-entity"),
    pytest.param({"credit_code": ""}, "credit_code", id="blank-code"),
]


def says_the_law(text: str) -> bool:
    return all(part in text for part in REASON)


@pytest.mark.parametrize(("overrides", "field"), CASES)
def test_ven7_form_refuses_with_the_legal_reason(client_for, overrides, field):
    """VEN-7"""
    response = client_for("hr").post("/vendors/new/", vendor_post(name="个人承包测试", **overrides))
    assert response.status_code == 200
    errors = " ".join(response.context["form"].errors.get(field, []))
    assert says_the_law(errors), errors
    assert not Vendor.objects.filter(name="个人承包测试").exists()


@pytest.mark.parametrize(("overrides", "field"), CASES)
def test_ven7_api_refuses_with_the_legal_reason_and_code(api_for, overrides, field):
    """VEN-7, X-8: the same code as the page's rule."""
    body = payload(**overrides)
    response = api_for("hr").post("/api/vendors/", body, format="json")
    assert response.status_code == 400, response.content
    answer = response.json()
    assert answer["code"] == "not_legal_entity" and answer["field"] == field and says_the_law(answer["detail"])
    assert not Vendor.objects.filter(name=body["name"]).exists()
    missing = {k: v for k, v in payload().items() if k != "credit_code"}
    omitted = api_for("hr").post("/api/vendors/", missing, format="json")
    assert omitted.status_code == 400 and omitted.json()["code"] == "not_legal_entity"


@pytest.mark.parametrize(
    "overrides",
    [{"entity_type": "个人或包工头"}, {"credit_code": ""}],
    ids=["individual", "blank-code"],
)
def test_ven7_import_refuses_the_row_with_the_legal_reason(client_for, overrides):
    """VEN-7, X-5: the row is named with the reason, nothing is imported."""
    from tests.vendors.factories import credit_code

    values = {"credit_code": credit_code(), **overrides}
    if "entity_type" in overrides:
        from outsourcing.vendors.models import EntityType

        values["entity_type"] = str(EntityType.INDIVIDUAL.label)
    upload = workbook([row("导入个人承包", values.pop("credit_code"), **values)])
    response = client_for("hr").post("/vendors/import/", {"file": upload})
    errors = [str(e) for e in response.context["errors"]]
    assert len(errors) == 1 and errors[0].startswith("第2行") and says_the_law(errors[0]), errors
    assert not Vendor.objects.filter(name="导入个人承包").exists()
