"""The disguised-dispatch self-check (DEM-3): the questions that tell outsourcing from labor dispatch.

Under 劳务派遣暂行规定 and the policy's "四不直接", outsourcing means the vendor organises and directs its
own people and the company buys a result; dispatch means the company directs the people. Each answer
that points to dispatch raises the demand's risk level; HR sees which answers did.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

HIGH, MEDIUM = "high", "medium"


@dataclass(frozen=True)
class Question:
    key: str
    text: str
    choices: tuple[tuple[str, str], ...]
    risky: dict[str, str]  # answer -> weight (high/medium)


QUESTIONS: tuple[Question, ...] = (
    Question(
        "direction",
        _("Who assigns and directs the outsourced people's daily work?"),
        (("vendor", _("The vendor's site manager")), ("company", _("Our staff, directly"))),
        {"company": HIGH},
    ),
    Question(
        "pricing",
        _("How is the service priced?"),
        (
            ("result", _("By results, workload or milestones")),
            ("fixed", _("A fixed fee per period for a defined service")),
            ("headcount", _("By headcount × hours or per person per month")),
        ),
        {"headcount": HIGH},
    ),
    Question(
        "deliverable",
        _("What does the company receive and accept?"),
        (("result", _("Defined deliverables accepted against a standard")), ("people", _("People to fill posts"))),
        {"people": HIGH},
    ),
    Question(
        "attendance",
        _("Who keeps attendance, leave and overtime of the outsourced people?"),
        (("vendor", _("The vendor")), ("company", _("Our company"))),
        {"company": HIGH},
    ),
    Question(
        "selection",
        _("Who recruits, interviews and replaces the outsourced people?"),
        (("vendor", _("The vendor decides")), ("company", _("Our company chooses or interviews them"))),
        {"company": HIGH},
    ),
    Question(
        "rules",
        _("Are the outsourced people appraised, rewarded or disciplined under our own staff rules?"),
        (("no", _("No, the vendor manages its staff")), ("yes", _("Yes"))),
        {"yes": MEDIUM},
    ),
    Question(
        "mixed_posts",
        _("Will they work in the same posts, mixed with our own employees?"),
        (("no", _("No, a separate team or scope")), ("yes", _("Yes, mixed in the same posts"))),
        {"yes": MEDIUM},
    ),
)
QUESTION_KEYS = tuple(q.key for q in QUESTIONS)
# The answers of genuine outsourcing: no sign of dispatch (the first choice of every question).
NO_SIGNS = {q.key: q.choices[0][0] for q in QUESTIONS}


@dataclass(frozen=True)
class RiskSign:
    question: str
    answer: str
    weight: str


@dataclass(frozen=True)
class SelfCheckResult:
    level: str  # low, medium, high
    signs: tuple[RiskSign, ...]

    @property
    def level_label(self) -> str:
        return str(RISK_LEVEL_LABELS[self.level])


RISK_LEVEL_LABELS = {"low": _("Low"), "medium": _("Medium"), "high": _("High")}


def validate_answers(answers: dict) -> dict[str, str]:
    """Every question answered with one of its choices; raises ValueError naming the first that is not."""
    clean = {}
    for question in QUESTIONS:
        answer = answers.get(question.key)
        if answer not in dict(question.choices):
            raise ValueError(question.key)
        clean[question.key] = answer
    return clean


def assess(answers: dict) -> SelfCheckResult:
    """The risk level and the answers that raised it: any high sign → high; two medium signs → high;
    one medium → medium; none → low."""
    signs = []
    for question in QUESTIONS:
        answer = answers.get(question.key)
        weight = question.risky.get(answer)
        if weight:
            signs.append(RiskSign(str(question.text), str(dict(question.choices)[answer]), weight))
    highs = sum(1 for s in signs if s.weight == HIGH)
    mediums = sum(1 for s in signs if s.weight == MEDIUM)
    level = "high" if highs or mediums >= 2 else "medium" if mediums else "low"
    return SelfCheckResult(level, tuple(signs))
