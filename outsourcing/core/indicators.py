"""Risk indicators (RSK-2) and disguised-dispatch signs (RSK-3): checks contributed by the app that owns the data.

The compliance app sits on top of the lifecycle and runs every check each day, but it should not know how a
vendor document expires or when a worker's access should have ended: the vendors, contracts, workforce and
performance apps each register their own checks in their `AppConfig.ready()` (from their `indicators.py`), and a
later app (settlements) adds its own the same way. A check is `compute(day) -> findings`, answered by a few
set-based queries, never a loop of queries over rows: the daily job runs them all at the reference scale.

A finding names the record it is about (`key`, stable from one day to the next, so a second run the same day
changes nothing), the evidence in words, a link to the record and a link to where it is fixed, and the vendor,
contract and project it concerns (for the pages of those, and for the score per project).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    """One record an indicator or sign found, with its evidence."""

    key: str  # stable identity within the check ("worker:12"), the same every day while it lasts
    subject: str  # what it is about, for the list ("W-0012 王小明")
    evidence: str  # why, in words
    url: str = ""  # the record that is the evidence
    fix_url: str = ""  # where it is fixed
    vendor_id: int | None = None
    contract_id: int | None = None
    project_id: int | None = None


Compute = Callable[[dt.date], Iterable[Finding]]


@dataclass(frozen=True)
class Indicator:
    code: str
    label: object  # lazy text
    owner_app: str
    compute: Compute
    description: object = ""


@dataclass(frozen=True)
class Sign:
    """A sign of disguised labour dispatch (RSK-3): a check per project with a weight taken from a setting."""

    code: str
    label: object
    owner_app: str
    compute: Compute
    weight_setting: str  # the name of the setting holding the weight (documented with its legal source)
    default_weight: int
    legal_source: str = ""
    legal_duty_in_general_contracting: bool = False  # CST-5: attendance and payroll-on-behalf are not signs there


_indicators: dict[str, Indicator] = {}
_signs: dict[str, Sign] = {}


def register_indicator(code: str, label, owner_app: str, compute: Compute, *, description="") -> None:
    """Register (or replace, on a second `ready()`) the daily check `code`; its findings are opened and cleared by
    the compliance app's daily job."""
    _indicators[code] = Indicator(code, label, owner_app, compute, description)


def indicators() -> list[Indicator]:
    return list(_indicators.values())


def indicator(code: str) -> Indicator | None:
    return _indicators.get(code)


def register_sign(code: str, label, owner_app: str, compute: Compute, *, weight_setting: str, default_weight: int,
                  legal_source: str = "", legal_duty_in_general_contracting: bool = False) -> None:  # fmt: skip
    """Register the disguised-dispatch sign `code`; each finding must name its project (`project_id`)."""
    _signs[code] = Sign(code, label, owner_app, compute, weight_setting, default_weight, legal_source,
                        legal_duty_in_general_contracting)  # fmt: skip


def signs() -> list[Sign]:
    return list(_signs.values())


def sign(code: str) -> Sign | None:
    return _signs.get(code)


_general_contractor_sources: list[Callable[[], set[int]]] = []


def register_general_contractor_projects(source: Callable[[], set[int]]) -> None:
    """CST-5: the app that records a project's role registers `source() -> project ids` run in general-contractor
    mode; there, signs marked `legal_duty_in_general_contracting` (attendance, payroll on behalf) never count."""
    if source not in _general_contractor_sources:
        _general_contractor_sources.append(source)


def general_contractor_project_ids() -> set[int]:
    found: set[int] = set()
    for source in _general_contractor_sources:
        found |= set(source())
    return found


def screen_signs_of(model, day: dt.date) -> dict[int, list]:
    """The text screen's signs (core ScreenSign) kept with `model`'s documents within DISPATCH_SIGN_LOOKBACK_DAYS
    before `day`, by document id (one query): the signs an app's check turns into findings."""
    from django.conf import settings
    from django.contrib.contenttypes.models import ContentType

    from outsourcing.core.models import ScreenSign
    from outsourcing.core.timeutil import SHANGHAI

    since = dt.datetime.combine(day - dt.timedelta(days=settings.DISPATCH_SIGN_LOOKBACK_DAYS), dt.time(), SHANGHAI)
    found: dict[int, list] = {}
    for entry in ScreenSign.objects.filter(content_type=ContentType.objects.get_for_model(model),
                                           recorded_at__gte=since).order_by("recorded_at", "pk"):  # fmt: skip
        found.setdefault(entry.object_id, []).append(entry)
    return found


def weight_of(entry: Sign) -> int:
    from django.conf import settings

    return int(getattr(settings, "DISPATCH_SIGN_WEIGHTS", {}).get(entry.code, entry.default_weight))
