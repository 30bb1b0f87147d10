"""The resident identity card number (公民身份号码, GB 11643-1999): 18 characters, the 18th a check
character (ISO 7064 MOD 11-2), the 7th–14th the birth date (WRK-9)."""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
CHECK = "10X98765432"


def check_character(first17: str) -> str:
    return CHECK[sum(int(d) * w for d, w in zip(first17, WEIGHTS, strict=True)) % 11]


def with_check_character(first17: str) -> str:
    """Complete 17 digits into a valid number (demo data and tests)."""
    return first17 + check_character(first17)


@dataclass(frozen=True)
class Parsed:
    number: str
    birth_date: dt.date


class Invalid(ValueError):
    """Why the number is not a valid resident ID number (the message is the reason's code)."""


def parse(value: str, *, today: dt.date) -> Parsed:
    number = (value or "").strip().upper()
    if len(number) != 18:
        raise Invalid("length")
    if not number[:17].isdigit() or not (number[17].isdigit() or number[17] == "X"):
        raise Invalid("characters")
    if check_character(number[:17]) != number[17]:
        raise Invalid("check")
    try:
        birth = dt.date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise Invalid("birth_date") from exc
    if birth > today or birth.year < today.year - 100:
        raise Invalid("birth_date")
    return Parsed(number, birth)


def age_on(birth: dt.date, day: dt.date) -> int:
    return day.year - birth.year - ((day.month, day.day) < (birth.month, birth.day))


# 15 digits (the first-generation card) or 17 digits and a check character, anywhere in a text.
_SHAPED = re.compile(r"(?<!\d)(\d{17}[\dXx]|\d{15})(?!\d)")


IN_URL_CODE = "id_number_in_url"
IN_URL_MESSAGE = _(
    "This looks like an ID number: ID numbers are not searched through the address bar, where logs and the "
    "browser history keep them. Use the exact ID number search on this page instead."
)


def looks_like_one(text: str) -> bool:
    """True when `text` carries something shaped like an ID number (security finding 9): such a text must not
    travel in a URL, where access logs and browser history keep it."""
    return bool(_SHAPED.search(text or ""))
