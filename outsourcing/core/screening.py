"""The text screen for direct management (OPS-2): texts the company sends to a vendor are checked for words
about managing the vendor's people — leave, attendance, overtime, pay, deductions, bonuses, discipline,
warnings, dismissal, hiring, interviews — so the writer is warned BEFORE sending and, if the text is sent
anyway, the sending is recorded as a sign for the disguised-dispatch score (RSK-3).

Why: 劳务派遣暂行规定 art. 27 — using workers in dispatch form under the name of outsourcing counts as
dispatch; the vendor manages its own people (docs/LEGAL.md, /work/shared/LEGAL.md §1). The terms are data
(ScreenTerm) HR extends on the organisation pages; `install_default_terms` seeds the list after migrate.

How another app uses it (docs/decisions.md, "The text screen"):
    hits = screening.check(subject, body, confirmed=send_anyway)   # raises ScreenWarning when not confirmed
    ... save the document ...
    screening.record_sign(document=doc, purpose="…", texts=[subject, body], hits=hits, actor=actor, vendor_id=…)
and its form inherits `core.forms.ScreenedFormMixin` (the "send anyway" box appears with the warning).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from django.db import transaction
from django.db.models import QuerySet
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core.errors import RuleViolation
from outsourcing.core.models import ScreenCategory, ScreenSign, ScreenTerm

C = ScreenCategory
# The terms every install starts with (Chinese and English); HR disables or adds terms, never loses its own.
DEFAULT_TERMS: tuple[tuple[str, str], ...] = (
    *((t, C.LEAVE) for t in ("请假", "休假", "准假", "批假", "年假", "病假", "事假", "调休", "销假",
                             "leave", "vacation", "day off", "days off", "time off")),
    *((t, C.ATTENDANCE) for t in ("考勤", "打卡", "签到", "迟到", "早退", "旷工", "缺勤",
                                  "attendance", "clock in", "clock-in", "absent", "absence", "timesheet")),
    *((t, C.OVERTIME) for t in ("加班", "overtime")),
    *((t, C.PAY) for t in ("工资", "薪资", "薪酬", "薪水", "发薪", "定薪", "调薪", "涨薪", "降薪",
                           "salary", "wage", "payroll", "pay rise", "pay cut")),
    *((t, C.DEDUCTION) for t in ("扣款", "扣工资", "扣薪", "扣钱", "扣除", "克扣", "罚款", "扣发",
                                 "deduct", "docked", "fined")),
    *((t, C.BONUS) for t in ("奖金", "奖励", "提成", "绩效工资", "bonus", "commission")),
    *((t, C.DISCIPLINE) for t in ("处分", "处罚", "纪律处分", "惩罚", "discipline", "disciplinary", "penalty",
                                  "punish")),
    *((t, C.WARNING) for t in ("警告", "记过", "通报批评", "warning", "written warning")),
    *((t, C.DISMISSAL) for t in ("辞退", "开除", "解雇", "劝退", "解除劳动合同", "清退", "dismiss", "fired",
                                 "sack", "terminate his", "terminate her", "let go")),
    *((t, C.HIRING) for t in ("招聘", "录用", "聘用", "招人", "hire", "hiring", "recruit")),
    *((t, C.INTERVIEW) for t in ("面试", "interview")),
)  # fmt: skip

WARNING_CODE = "direct_management_terms"
REASON = gettext_lazy(
    "leave, attendance, pay, discipline, hiring and dismissal of the vendor's people are the vendor's to manage: "
    "using workers in dispatch form under the name of outsourcing counts as dispatch (劳务派遣暂行规定 art. 27)"
)


@dataclass(frozen=True)
class Hit:
    """One screened term found in a text."""

    term: str
    category: str

    @property
    def category_label(self) -> str:
        return str(ScreenCategory(self.category).label)

    def as_dict(self) -> dict:
        return {"term": self.term, "category": self.category, "category_label": self.category_label}


class ScreenWarning(RuleViolation):
    """The text speaks of managing the vendor's people and the writer has not confirmed sending it anyway.

    Pages show the message beside the form's "send anyway" box; the API answers 400 with the code and `hits`.
    """

    def __init__(self, hits: list[Hit], *, field: str = "send_anyway"):
        super().__init__(WARNING_CODE, warning_message(hits), field=field)
        self.hits = hits
        self.extra = {"hits": [hit.as_dict() for hit in hits]}


def normalise_term(term: str) -> str:
    return " ".join((term or "").split()).lower()


def _pattern(term: str) -> re.Pattern:
    """Chinese terms match anywhere (no word breaks); Latin ones at the start of a word (leave → leaves,
    dismiss → dismissed, not "repay" for "pay"), spaces matching any run of spaces."""
    body = r"\s+".join(re.escape(part) for part in term.split())
    return re.compile((r"(?<![a-z0-9])" if term[:1].isascii() else "") + body, re.IGNORECASE)


def active_terms() -> list[tuple[str, str]]:
    return list(ScreenTerm.objects.filter(is_active=True).values_list("term", "category"))


def screen(*texts: str, terms: Iterable[tuple[str, str]] | None = None) -> list[Hit]:
    """The active terms found in `texts`, each once, in the order they first appear."""
    text = "\n".join(t for t in texts if t)
    if not text.strip():
        return []
    found = []
    for term, category in active_terms() if terms is None else terms:
        match = _pattern(term).search(text)
        if match:
            found.append((match.start(), -len(term), Hit(term, category)))
    return [hit for _start, _length, hit in sorted(found, key=lambda f: (f[0], f[1]))]


def warning_message(hits: list[Hit]) -> str:
    terms = "、".join(f"“{hit.term}”（{hit.category_label}）" for hit in hits)
    return _(
        "This text speaks of %(terms)s: %(reason)s. Describe the service issue for the vendor to resolve instead, "
        "or tick “send anyway” to send it as written; the sending is then recorded as a sign of direct management."
    ) % {"terms": terms, "reason": REASON}


def check(*texts: str, confirmed: bool) -> list[Hit]:
    """Screen `texts`; refuse with ScreenWarning unless the writer confirmed. Returns the hits (to record)."""
    hits = screen(*texts)
    if hits and not confirmed:
        raise ScreenWarning(hits)
    return hits


def record_sign(*, document, purpose: str, texts: Iterable[str], hits: list[Hit], actor, vendor_id=None):
    """Record that `actor` sent `texts` with `hits` in `document` (a saved record of any app). No hits, no sign."""
    if not hits:
        return None
    return ScreenSign.objects.create(
        document=document, purpose=purpose, vendor_id=vendor_id, text="\n\n".join(t for t in texts if t),
        hits=[{"term": hit.term, "category": hit.category} for hit in hits], recorded_by=actor,
    )  # fmt: skip


def signs(*, vendor_id: int | None = None, purpose: str | None = None, since=None) -> QuerySet:
    """The recorded signs, for the disguised-dispatch score and the pages that show them."""
    found = ScreenSign.objects.all()
    if vendor_id is not None:
        found = found.filter(vendor_id=vendor_id)
    if purpose:
        found = found.filter(purpose=purpose)
    if since is not None:
        found = found.filter(recorded_at__gte=since)
    return found


# ---------------------------------------------------------------------------------------------------
# The list of terms, kept by HR


class TermError:
    NOT_ALLOWED = "not_allowed"
    REQUIRED = "required"
    DUPLICATE = "duplicate_term"


@transaction.atomic
def add_term(*, actor, term: str, category: str) -> ScreenTerm:
    """HR adds a term (or takes a disabled one back into use with the category given)."""
    if not actor.has_perm("core.manage_screen_terms"):
        raise RuleViolation(TermError.NOT_ALLOWED, _("HR keeps the list of screened terms."), status=403)
    term = normalise_term(term)
    if len(term) < 2 or len(term) > ScreenTerm._meta.get_field("term").max_length:
        raise RuleViolation(TermError.REQUIRED, _("A term has 2 to 60 characters."), field="term")
    if category not in ScreenCategory.values:
        raise RuleViolation(TermError.REQUIRED, _("Choose what the term speaks of."), field="category")
    existing = ScreenTerm.objects.select_for_update().filter(term=term).first()
    if existing is not None and existing.is_active:
        raise RuleViolation(TermError.DUPLICATE, _("“%(term)s” is already screened.") % {"term": term}, field="term",
                            status=409)  # fmt: skip
    record = existing or ScreenTerm(term=term)
    record.category, record.is_active = category, True
    record.stamp(actor)
    record.save()
    return record


@transaction.atomic
def set_term_in_use(*, actor, term: ScreenTerm, in_use: bool) -> ScreenTerm:
    """HR takes a term out of use (texts are no longer screened for it) or back into use; terms are never
    deleted, so the signs recorded with them still read."""
    if not actor.has_perm("core.manage_screen_terms"):
        raise RuleViolation(TermError.NOT_ALLOWED, _("HR keeps the list of screened terms."), status=403)
    term = ScreenTerm.objects.select_for_update().get(pk=term.pk)
    term.is_active = in_use
    term.stamp(actor)
    term.save()
    return term


def install_default_terms() -> None:
    """Create the default terms that are missing (after every migrate; idempotent). A term HR took out of use
    stays out of use."""
    existing = set(ScreenTerm.objects.values_list("term", flat=True))
    ScreenTerm.objects.bulk_create(
        [ScreenTerm(term=normalise_term(term), category=category) for term, category in DEFAULT_TERMS
         if normalise_term(term) not in existing]
    )  # fmt: skip
