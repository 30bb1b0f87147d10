"""X-4: amounts in CNY with two decimals, never floats."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from outsourcing.core.money import MoneyField, format_cny, percent_of, to_money


def test_amounts_are_two_place_decimals_rounded_half_up():
    """X-4"""
    assert to_money("1234.565") == Decimal("1234.57")
    assert to_money("1,000") == Decimal("1000.00")
    assert to_money(Decimal("0.005")) == Decimal("0.01")
    assert to_money(7) == Decimal("7.00")


@pytest.mark.parametrize("bad", ["abc", "", "NaN", "Infinity", None])
def test_junk_is_not_an_amount(bad):
    """X-4, X-8"""
    with pytest.raises(ValueError):
        to_money(bad)


def test_floats_are_refused():
    """X-4: a float never becomes money."""
    with pytest.raises(TypeError):
        to_money(0.1)


def test_cny_format():
    """X-4"""
    assert format_cny(Decimal("1234567.8")) == "¥1,234,567.80"
    assert format_cny("-5") == "-¥5.00"
    assert format_cny(None) == ""


def test_percent_of_rounds_to_the_cent():
    """X-4: a 3 % bonus on 10,000.55 is 300.02 (300.0165 rounded)."""
    assert percent_of("10000.55", 3) == Decimal("300.02")
    assert percent_of("200", "-5") == Decimal("-10.00")


def test_money_field_is_a_two_place_decimal():
    field = MoneyField()
    assert field.decimal_places == 2 and field.max_digits == 15


@given(st.decimals(min_value=-(10**12), max_value=10**12, allow_nan=False, allow_infinity=False, places=4))
def test_to_money_is_idempotent_and_exact_to_the_cent(value):
    """X-4: rounding twice changes nothing and never moves an amount by a cent or more."""
    once = to_money(value)
    assert to_money(once) == once
    assert abs(once - value) <= Decimal("0.005")
    assert once.as_tuple().exponent == -2
