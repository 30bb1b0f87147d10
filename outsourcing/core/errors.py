"""The one business-rule error every service raises, shown as a page message or API JSON."""

from __future__ import annotations


class RuleViolation(Exception):
    """A business rule refused the action. `code` is stable for API clients; `message` is for people.

    `status` is 400 for input the rules refuse and 409 for a conflict with the current state
    (already decided, wrong status, duplicate).
    """

    def __init__(self, code: str, message, *, status: int = 400, field: str | None = None):
        super().__init__(str(message))
        self.code = code
        self.message = message
        self.status = status
        self.field = field

    def __str__(self) -> str:
        return str(self.message)


class Conflict(RuleViolation):
    """A rule violation caused by the record's current state (HTTP 409)."""

    def __init__(self, code: str, message, *, field: str | None = None):
        super().__init__(code, message, status=409, field=field)


class Reason(str):
    """One reason an action cannot go on yet (a blocker list's line): reads as its message, carries its stable
    code, so a page can list the reasons and the API answer with the same codes."""

    code: str

    def __new__(cls, code: str, message) -> Reason:
        reason = super().__new__(cls, str(message))
        reason.code = code
        return reason


class Blocked(RuleViolation):
    """An action refused for one or more reasons (a `*_blockers` list): it answers with the code of the first reason,
    and the API lists every reason with its code in `blockers`, so a client can tell exactly what is missing.
    A plain-text reason (no code of its own) takes `code`. `overall` gives the refusal a code of its own instead
    of its first reason's (a batch refused for its rows' reasons)."""

    def __init__(
        self, reasons: list, *, code: str = "blocked", message=None, status: int = 400, field=None, overall=None
    ):
        from outsourcing.core.text import join_reasons  # core.text reads the active language; errors stay import-light

        first = overall or getattr(reasons[0], "code", code)
        super().__init__(first, message if message is not None else join_reasons(reasons), status=status, field=field)
        self.reasons = list(reasons)
        self.extra = {"blockers": [{"code": getattr(r, "code", code), "message": str(r)} for r in reasons]}
