"""What a file is (营业执照, 劳动合同, 社保缴纳证明 …), contributed by the apps whose documents carry it.

The engine knows no domain paper: each app registers its kinds in `AppConfig.ready()` as a TextChoices
class, saying which of them are a scan or photo of a signed or stamped paper (PDF, JPG or PNG only — a
Word or Excel file is not proof of anything); the other kinds also take .docx and .xlsx (a roster, a wage
list, minutes). The engine itself offers only the kinds any document may carry: a report and "other".
Adding an app adds no line and no migration here.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from django.db import models
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Kind:
    code: str
    label: Promise | str
    scanned: bool


_kinds: dict[str, Kind] = {}


def register_kinds(choices: type[models.TextChoices], *, scanned: Iterable[str] = ()) -> None:
    scans = set(scanned)
    for code, label in zip(choices.values, choices.labels, strict=True):
        _kinds[code] = Kind(code, label, code in scans)


class GeneralKind(models.TextChoices):
    REPORT = "report", _("Report")
    OTHER = "other", _("Other")


register_kinds(GeneralKind)


def is_kind(code: str) -> bool:
    return code in _kinds


def is_scanned(code: str) -> bool:
    return code in _kinds and _kinds[code].scanned


def kind_choices() -> list[tuple[str, str]]:
    """Every registered kind, the general ones last."""
    general = set(GeneralKind.values)
    ordered = [k for k in _kinds.values() if k.code not in general] + [_kinds[c] for c in GeneralKind.values]
    return [(k.code, str(k.label)) for k in ordered]


def kind_label(code: str) -> str:
    """The kind's name in the reader's language; a kind no app registers any more shows its code."""
    kind = _kinds.get(code)
    return str(kind.label) if kind else code
