"""Joining the words of a message the way the reader's language punctuates them."""

from __future__ import annotations

from collections.abc import Iterable

from django.utils.translation import get_language

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
