"""The contract's text screened in co-review (issue 15, loophole 8; CON-3, OPS-2): scope, SLA, acceptance and
payment text that has the company keep the workers' attendance or rosters or replace named people, and an
invoice item of 劳务派遣 / 人力资源外包, are warned about with the reason; HR's reviewer answers the warning
(recorded: text, who, when) before HR's approval goes through (`text_warning_unanswered`).

The matching is the direct-management screen's (core.screening.screen); the attendance words are the screen's
own terms of that category, which HR extends on 受监测用语. The contract-only words (rosters, replacing
people, dispatch invoice items) are declared here: in a request to a vendor they are harmless (docs/decisions.md).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.contracts.errors import ErrorCode
from outsourcing.contracts.models import Contract, ContractStatus, TextWarningAnswer
from outsourcing.core import screening
from outsourcing.core.errors import Conflict, RuleViolation
from outsourcing.core.models import ScreenCategory, ScreenTerm
from outsourcing.org.models import User

# Words that name the company in a contract; a clause about attendance or replacing people warns only when the
# company is its actor ("乙方负责考勤" is the vendor keeping its own people's attendance, as it should).
COMPANY = ("甲方", "发包方", "发包人", "委托方", "采购方", "用工单位", "party a", "the client", "the company")
PEOPLE = ("人员", "员工", "工人", "人选", "personnel", "staff", "worker", "employee", "people")
INVOICE = ("发票", "开票", "invoice")
ROSTER = ("花名册", "人员名册", "排班", "roster", "rota", "shift schedule")
REPLACEMENT = ("更换", "替换", "撤换", "调换", "退回", "退换", "换人", "replace", "remove", "send back")
DISPATCH = ("劳务派遣", "人力资源外包", "人力外包", "人事外包", "派遣服务", "labour dispatch", "labor dispatch",
            "staff dispatch", "staffing service")  # fmt: skip
TERMS_FIELDS = ("scope", "sla", "acceptance", "payment_terms")


@dataclass(frozen=True)
class Rule:
    code: str
    label: str
    reason: str
    fields: tuple[str, ...]
    needs: tuple[tuple[str, ...], ...]  # each group: one of its words in the same clause


RULES = (
    Rule(
        "attendance_roster",
        gettext_lazy("the company keeps the workers' attendance or rosters"),
        gettext_lazy(
            "attendance and rosters of the vendor's people are the vendor's to keep; the company keeping them "
            "manages the workers as their employer, and using workers in dispatch form under the name of "
            "outsourcing counts as dispatch (劳务派遣暂行规定 art. 27)"
        ),
        TERMS_FIELDS,
        (COMPANY,),
    ),
    Rule(
        "replacement",
        gettext_lazy("the company replaces or rejects named people"),
        gettext_lazy(
            "choosing, rejecting and replacing named people is the employer's: only a user of dispatched workers "
            "may send a worker back (劳动合同法 art. 65), and using workers in dispatch form under the name of "
            "outsourcing counts as dispatch (劳务派遣暂行规定 art. 27)"
        ),
        TERMS_FIELDS,
        (COMPANY, PEOPLE),
    ),
    Rule(
        "dispatch_invoice",
        gettext_lazy("an invoice item of labour dispatch or HR outsourcing on an outsourcing contract"),
        gettext_lazy(
            "an outsourcing contract is invoiced for the service delivered; an invoice for labour dispatch or HR "
            "outsourcing bills people supplied, which is dispatch and needs a dispatch licence (劳动合同法 arts. 57, "
            "58; 劳务派遣暂行规定 art. 27)"
        ),
        ("invoice_type", "payment_terms"),
        (),
    ),
)
_RULES = {rule.code: rule for rule in RULES}
_CLAUSE_BREAK = re.compile(r"[。；;！!？?，,\n]+")


@dataclass(frozen=True)
class TextWarning:
    """One clause of the contract that speaks of managing the vendor's people, with the rule and its reason."""

    rule: str
    field: str
    term: str
    clause: str

    @property
    def label(self) -> str:
        return str(_RULES[self.rule].label)

    @property
    def reason(self) -> str:
        return str(_RULES[self.rule].reason)

    @property
    def field_label(self) -> str:
        return str(Contract._meta.get_field(self.field).verbose_name)

    def as_dict(self) -> dict:
        return {"rule": self.rule, "label": self.label, "reason": self.reason, "field": self.field,
                "field_label": self.field_label, "term": self.term, "clause": self.clause}  # fmt: skip


def _terms(rule: Rule) -> list[tuple[str, str]]:
    if rule.code == "attendance_roster":
        kept = ScreenTerm.objects.filter(is_active=True, category=ScreenCategory.ATTENDANCE)
        return [(term, rule.code) for term in kept.values_list("term", flat=True)] + [(t, rule.code) for t in ROSTER]
    words = REPLACEMENT if rule.code == "replacement" else DISPATCH
    return [(term, rule.code) for term in words]


def _words(words: tuple[str, ...]) -> list[tuple[str, str]]:
    return [(word, "") for word in words]


def warnings_for(contract: Contract) -> list[TextWarning]:
    """The clauses of the contract's current text that the co-review warns about, in reading order."""
    found: list[TextWarning] = []
    for rule in RULES:
        terms = _terms(rule)
        for field in rule.fields:
            needs = rule.needs
            if rule.code == "dispatch_invoice" and field == "payment_terms":
                needs = (INVOICE,)  # payment terms speak of much else: only where they speak of the invoice
            for clause in _CLAUSE_BREAK.split(getattr(contract, field) or ""):
                hits = screening.screen(clause, terms=terms)
                if hits and all(screening.screen(clause, terms=_words(group)) for group in needs):
                    found.extend(TextWarning(rule.code, field, hit.term, clause.strip()) for hit in hits[:1])
    return found


def answers_for(contract: Contract):
    return contract.text_warning_answers.select_related("answered_by")


def is_answered(contract: Contract) -> bool:
    """The warnings of the current version are answered (the text under review does not change)."""
    return contract.text_warning_answers.filter(version=contract.version).exists()


def unanswered(contract: Contract) -> list[TextWarning]:
    """The warnings HR's reviewer has still to answer before approving (empty when answered or clean)."""
    found = warnings_for(contract)
    return found if found and not is_answered(contract) else []


def unanswered_violation(contract: Contract) -> RuleViolation | None:
    """The refusal of HR's approval while the warning is unanswered (approval blockers raise it)."""
    found = unanswered(contract)
    if not found:
        return None
    return RuleViolation(
        ErrorCode.UNANSWERED,
        _("The contract's text is warned about: %(warnings)s. HR's reviewer answers the warning on the contract's "
          "page before approving.") % {"warnings": describe(found)},
    )  # fmt: skip


def describe(found: list[TextWarning]) -> str:
    return "；".join(f"{w.field_label}“{w.clause}”：{w.label}（{w.reason}）" for w in found)


def may_answer(user: User, contract: Contract) -> bool:
    """HR's reviewer of this contract, in co-review, not its drafter."""
    return (
        user.has_perm("contracts.answer_text_warning", contract)
        and contract.status == ContractStatus.IN_REVIEW
        and user.pk != contract.created_by_id
    )


@transaction.atomic
def answer_warning(*, actor: User, contract: Contract, answer: str) -> TextWarningAnswer:
    """HR's reviewer answers the text warning of the contract's current version (CON-3, OPS-2)."""
    contract = Contract.objects.select_for_update().get(pk=contract.pk)
    if not actor.has_perm("contracts.answer_text_warning", contract) or actor.pk == contract.created_by_id:
        raise RuleViolation(ErrorCode.NOT_ALLOWED, _("HR's reviewer of this contract answers its text warning."),
                            status=403)  # fmt: skip
    if contract.status != ContractStatus.IN_REVIEW:
        raise Conflict(ErrorCode.NOT_IN_REVIEW, _("The text warning is answered while the contract is in co-review."))
    found = warnings_for(contract)
    if not found:
        raise Conflict(ErrorCode.NOTHING_TO_ANSWER, _("The contract's text is not warned about: there is nothing to "
                                                      "answer."))  # fmt: skip
    answer = (answer or "").strip()
    if not answer:
        raise RuleViolation(ErrorCode.REQUIRED, _("Write your answer to the warning: why the text may stand, or what "
                                                  "is to change."), field="answer")  # fmt: skip
    return TextWarningAnswer.objects.create(
        contract=contract, version=contract.version, warnings=[w.as_dict() for w in found], answer=answer,
        answered_by=actor,
    )  # fmt: skip
