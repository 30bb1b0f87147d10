"""Money is Decimal in CNY with two places; never float."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

from django.db import models
from django.utils.translation import gettext_lazy as _

CENT = Decimal("0.01")


def to_money(value) -> Decimal:
    """Parse an amount (str, int or Decimal) into a two-place Decimal; refuse floats and junk."""
    if isinstance(value, float):
        raise TypeError("money must not be a float; pass a str or Decimal")
    try:
        amount = value if isinstance(value, Decimal) else Decimal(str(value).replace(",", "").strip())
    except (InvalidOperation, ValueError) as exc:
        raise ValueError(f"not an amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not an amount: {value!r}")
    return amount.quantize(CENT, rounding=ROUND_HALF_UP)


def format_cny(value) -> str:
    """¥1,234,567.80, the way amounts are shown everywhere."""
    if value is None or value == "":
        return ""
    amount = to_money(value)
    sign = "-" if amount < 0 else ""
    return f"{sign}¥{abs(amount):,.2f}"


def percent_of(amount, rate) -> Decimal:
    """`rate` percent of `amount`, rounded to the cent (e.g. a 3 % bonus)."""
    return to_money(to_money(amount) * Decimal(str(rate)) / Decimal(100))


class MoneyField(models.DecimalField):
    """DecimalField fixed to CNY with two places and up to a trillion yuan."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_digits", 15)
        kwargs.setdefault("decimal_places", 2)
        kwargs.setdefault("help_text", _("CNY, two decimals"))
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "outsourcing.core.money.MoneyField", args, kwargs
