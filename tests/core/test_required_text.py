"""X-8: the one required-text and length check the services share (core.text.required_text, within_length)."""

import pytest

from outsourcing.core.errors import RuleViolation
from outsourcing.core.text import required_text, within_length


@pytest.mark.parametrize("value", [None, "", "   ", "\n\t"])
def test_x8_an_empty_or_blank_text_is_refused_with_the_callers_code_and_field(value):
    with pytest.raises(RuleViolation) as refused:
        required_text(value, field="goals", code="required", message="Write the goals.")
    assert (refused.value.code, refused.value.field, str(refused.value.message)) == (
        "required",
        "goals",
        "Write the goals.",
    )


def test_x8_the_text_comes_back_stripped_and_a_too_long_one_is_refused():
    assert required_text("  目标  ", field="goals", message="-") == "目标"
    assert required_text("12345", field="code", message="-", max_length=5) == "12345"
    with pytest.raises(RuleViolation) as refused:
        required_text("123456", field="code", message="-", max_length=5, label="Code", too_long_code="too_long")
    assert (refused.value.code, refused.value.field) == ("too_long", "code") and "5" in str(refused.value.message)
    assert within_length("  ", field="note", max_length=3) == ""  # optional text: empty is fine
    assert within_length("abcd", field="note", max_length=None) == "abcd"
    with pytest.raises(RuleViolation):
        within_length("abcd", field="note", max_length=3)
