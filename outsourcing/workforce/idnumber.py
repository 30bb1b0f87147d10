"""The resident identity card number (公民身份号码, GB 11643-1999): 18 characters, the 18th a check
character (ISO 7064 MOD 11-2), the 7th–14th the birth date (WRK-9)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

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
