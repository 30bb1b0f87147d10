"""Joining the words of a message the way the reader's language punctuates them; the one check of a required
text and its length that every service applies to what pages, the API and imports bring."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from outsourcing.core.errors import RuleViolation

_ENDS = "。．.；;，, "


def _chinese() -> bool:
    return (get_language() or "").startswith("zh")


def join_reasons(reasons: Iterable) -> str:
    """Several reasons as one sentence: "A；B。" in Chinese, "A; B." in English (no "。；" seams)."""
    parts = [str(r).strip().rstrip(_ENDS) for r in reasons]
    parts = [p for p in parts if p]
    if not parts:
        return ""
    return ("；".join(parts) + "。") if _chinese() else ("; ".join(parts) + ".")


def join_names(names: Iterable) -> str:
    """A list of names: "甲、乙" in Chinese, "A, B" in English."""
    return ("、" if _chinese() else ", ").join(str(n) for n in names)


def plain_number(value) -> str:
    """A Decimal as people write it: 30, 12.5, 120 (no trailing zeros, never 3E+1)."""
    return f"{value.normalize():f}"


def within_length(value, *, field: str, max_length: int | None, label=None, code: str = "too_long") -> str:
    """The text stripped; refused with `code` when longer than `max_length` (None: no limit)."""
    text = str(value or "").strip()
    if max_length and len(text) > max_length:
        raise RuleViolation(
            code,
            _("“%(part)s” can be at most %(n)s characters.") % {"part": label or field, "n": max_length},
            field=field,
        )
    return text


def required_text(
    value,
    *,
    field: str,
    message,
    code: str = "required",
    max_length: int | None = None,
    label=None,
    too_long_code: str = "too_long",
) -> str:
    """The text stripped; refused with `code` and `message` when empty (blank counts as empty), and with
    `too_long_code` when longer than `max_length`."""
    text = str(value or "").strip()
    if not text:
        raise RuleViolation(code, message, field=field)
    return within_length(text, field=field, max_length=max_length, label=label, code=too_long_code)
