"""Pages of a list too long to count (issue 20): the audit trail holds millions of rows, and COUNT(*) of all of
them on every page buys nothing. Each page reads one row more than it shows, to know whether a next page exists."""

from __future__ import annotations

from django.core.paginator import InvalidPage, Page, Paginator
from django.utils.functional import cached_property


class UncountedPage(Page):
    def __init__(self, object_list, number, paginator, has_next: bool):
        super().__init__(object_list, number, paginator)
        self._has_next = has_next

    def has_next(self) -> bool:
        return self._has_next

    def start_index(self) -> int:
        return self.paginator.per_page * (self.number - 1) + 1 if self.object_list else 0

    def end_index(self) -> int:
        return self.start_index() + len(self.object_list) - 1 if self.object_list else 0


class UncountedPaginator(Paginator):
    """A Paginator that never counts: `page.has_next()` comes from reading `per_page + 1` rows; the page number
    asked past the end gives an empty page (nothing to list), not an error. `uncounted` tells the template not to
    say "of N"."""

    uncounted = True

    def page(self, number) -> UncountedPage:
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        rows = list(self.object_list[bottom : bottom + self.per_page + 1])
        return UncountedPage(rows[: self.per_page], number, self, has_next=len(rows) > self.per_page)

    def get_page(self, number) -> UncountedPage:
        try:
            return self.page(number)
        except InvalidPage:
            return self.page(1)

    def validate_number(self, number) -> int:
        try:
            number = int(number or 1)
        except (TypeError, ValueError) as exc:
            raise InvalidPage from exc
        if number < 1:
            raise InvalidPage
        return number

    @cached_property
    def count(self):  # never asked by the page: the list is not counted
        raise NotImplementedError("an uncounted list has no count")

    @cached_property
    def num_pages(self):
        raise NotImplementedError("an uncounted list has no number of pages")
