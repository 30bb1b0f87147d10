"""Admission reviews, annual re-reviews and due diligence (VEN-3, VEN-4, VEN-5 re-review)."""

from __future__ import annotations


def approval_blockers(*, review, role: str) -> list[str]:
    return []


def approval_finished(*, review, outcome: str, actor) -> None:
    raise NotImplementedError("filled in by the admission work")
