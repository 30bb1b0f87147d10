"""Sections a later app adds to an earlier app's page, without the earlier app importing it.

The vendor's page (VEN-6) shows everything known about a vendor, but the vendors app comes before
sourcing, contracts and workers in the lifecycle and may not import them. Each later app registers a
section in its AppConfig.ready(); the page renders `{% page_sections "vendor" vendor %}`. A section whose
context function returns None (nothing to show, or not for this viewer) is left out: no empty boxes.

Each section decides who may see it: the vendor's page is also the vendor's own page in the portal, where a
vendor user sees the sections that scope to its own company (its contracts, its workers) and no internal one.
A section belongs to the app whose templates it renders (`app`), so a test can ask that every app holding
vendor data has its section on the vendor's page (VEN-6).
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

    @property
    def app(self) -> str:
        return self.template.split("/", 1)[0]


_sections: list[Section] = []


def register_section(page: str, *, order: int, template: str, context: Callable) -> None:
    if not any(s.page == page and s.template == template for s in _sections):
        _sections.append(Section(page, order, template, context))


def sections_for(page: str) -> list[Section]:
    return sorted((s for s in _sections if s.page == page), key=lambda s: s.order)
