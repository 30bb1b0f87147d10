"""Sections a later app adds to an earlier app's page, without the earlier app importing it.

The vendor's page (VEN-6) shows everything known about a vendor, but the vendors app comes before
sourcing, contracts and workers in the lifecycle and may not import them. Each later app registers a
section in its AppConfig.ready(); the page renders `{% page_sections "vendor" vendor %}`. A section whose
context function returns None (nothing to show, or not for this viewer) is left out: no empty boxes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    page: str
    order: int
    template: str
    context: Callable  # (request, obj) -> dict | None


_sections: list[Section] = []


def register_section(page: str, *, order: int, template: str, context: Callable) -> None:
    if not any(s.page == page and s.template == template for s in _sections):
        _sections.append(Section(page, order, template, context))


def sections_for(page: str) -> list[Section]:
    return sorted((s for s in _sections if s.page == page), key=lambda s: s.order)
