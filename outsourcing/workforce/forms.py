"""Forms of the worker pages: only the filing fields are asked (WRK-10)."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.core.errors import RuleViolation
from outsourcing.core.forms import DateInput, PlausibleDateField, ScreenedFormMixin
from outsourcing.core.money import to_money
from outsourcing.core.timeutil import today
from outsourcing.workforce import idnumber
from outsourcing.workforce.filing import ErrorCode, WorkerData
from outsourcing.workforce.models import (
    AccessKind,
    BriefingTopic,
    ExitReason,
    IssuedItem,
    LawfulBasis,
    RefusalGround,
    WorkerStatus,
)
from outsourcing.workforce.proofs import LineData
from outsourcing.workforce.selectors import filing_contracts, vendor_projects

TEXTAREA = forms.Textarea(attrs={"rows": 3})


class _KnownContractField(forms.ModelChoiceField):
    """A contract field that, given the vendor's contracts already loaded (a roster's rows), picks from them
    without a query per row; otherwise a plain ModelChoiceField."""

    known: dict | None = None

    def to_python(self, value):
        if self.known is None or value in self.empty_values:
            return super().to_python(value)
        try:
            return self.known[int(value)]
        except (KeyError, TypeError, ValueError) as exc:
            raise forms.ValidationError(
                self.error_messages["invalid_choice"], code="invalid_choice", params={"value": value}
            ) from exc


class WorkerForm(forms.Form):
    name = forms.CharField(label=_("Full name"), max_length=50)
    id_number = forms.CharField(label=_("ID number"), max_length=30, widget=forms.TextInput(attrs={
        "autocomplete": "off", "inputmode": "text", "spellcheck": "false"}))  # fmt: skip
    phone = forms.CharField(
        label=_("Phone"), max_length=30, widget=forms.TextInput(attrs={"autocomplete": "off", "inputmode": "tel"})
    )
    post = forms.CharField(label=_("Post"), max_length=100)
    contract = _KnownContractField(label=_("Contract"), queryset=None)
    planned_start = PlausibleDateField(label=_("Planned start"), widget=DateInput())
    planned_end = PlausibleDateField(label=_("Planned end"), widget=DateInput())
    lawful_basis = forms.ChoiceField(label=_("Lawful basis"), choices=LawfulBasis.choices)
    consent_reference = forms.CharField(
        label=_("Notice and consent reference"), max_length=200,
        help_text=_("Your notice to the worker and the worker's separate consent to pass the data to us (PIPL art. "
                    "23), or the registration duty."),
    )  # fmt: skip

    def __init__(self, *args, vendor_id: int | None, contracts: dict | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["contract"]
        if contracts is None:
            field.queryset = filing_contracts(vendor_id)
            field.label_from_instance = lambda c: f"{c.number} {c.title}"
        else:  # the vendor's contracts by id, loaded once for a whole roster (a form that is never shown)
            field.known = contracts

    def to_data(self) -> WorkerData:
        return WorkerData(**self.cleaned_data)


class FilterForm(forms.Form):
    q = forms.CharField(label=_("Badge number, name or post"), required=False)
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), ("active", _("Active filings"))] + WorkerStatus.choices,
    )
    # The dashboard's headcount links to the list of one vendor's or one project's workers.
    vendor = forms.IntegerField(required=False, widget=forms.HiddenInput)
    project = forms.IntegerField(required=False, widget=forms.HiddenInput)

    def clean_q(self) -> str:
        if idnumber.looks_like_one(self.cleaned_data["q"]):
            raise forms.ValidationError(idnumber.IN_URL_MESSAGE, code=idnumber.IN_URL_CODE)
        return self.cleaned_data["q"]

    def filters(self) -> dict | None:
        """The list's filters; None when the search was refused (nothing is listed then)."""
        if not self.is_valid():
            return None if "q" in self.errors else {}
        data = self.cleaned_data
        return {"search": data["q"].strip(), "status": data["status"], "vendor_id": data["vendor"],
                "project_id": data["project"]}


class NoEchoInput(forms.TextInput):
    """A text box that never writes the typed value back into the page (the answer page is not a copy of it)."""

    def format_value(self, value):
        return None


class IdSearchForm(forms.Form):
    """The exact ID-number search, sent by POST so the number never lands in a URL, a history or a log."""

    id_number = forms.CharField(
        label=_("Exact ID number"), min_length=18, max_length=18,
        widget=NoEchoInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
        error_messages={"min_length": _("Enter all 18 characters: the search finds exact numbers only.")},
    )  # fmt: skip


class ImportForm(forms.Form):
    file = forms.FileField(label=_("Roster (.xlsx)"))


class DecisionForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Decision"), choices=[("approve", _("Approve the entry")), ("refuse", _("Refuse the entry"))],
        widget=forms.RadioSelect,
    )  # fmt: skip
    ground = forms.ChoiceField(
        label=_("Ground for refusing"), required=False, choices=[("", "—"), *RefusalGround.choices],
        help_text=_("A refusal names one of the documented grounds: papers, age or a failed legal check, never a "
                    "judgement of the person (OPS-2)."),
    )  # fmt: skip
    note = forms.CharField(label=_("Note to the vendor"), required=False, widget=TEXTAREA,
                           help_text=_("With “another legal ground”, name the law and its article."))  # fmt: skip


class RealnameForm(forms.Form):
    reference = forms.CharField(label=_("Real-name registration number"), max_length=100)


class EntryForm(forms.Form):
    briefing_on = PlausibleDateField(label=_("Briefed on"), widget=DateInput(), initial=today)
    topics = forms.MultipleChoiceField(
        label=_("Briefing topics"), choices=BriefingTopic.choices, widget=forms.CheckboxSelectMultiple,
        help_text=_("Safety, confidentiality and the workplace only: the vendor trains its own people."),
    )  # fmt: skip
    undertaking_signed_on = PlausibleDateField(label=_("Confidentiality undertaking signed on"), widget=DateInput(),
                                            initial=today)  # fmt: skip
    workplace_conditions = forms.CharField(label=_("Workplace conditions provided"), widget=TEXTAREA)


class GrantForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=AccessKind.choices)
    resource = forms.CharField(label=_("System, network or area"), max_length=200)
    reason = forms.CharField(label=_("Why the work needs it"), widget=TEXTAREA)
    valid_from = PlausibleDateField(label=_("From"), widget=DateInput(), initial=today)
    valid_until = PlausibleDateField(label=_("Until"), widget=DateInput())


class ItemForm(forms.Form):
    kind = forms.ChoiceField(label=_("Kind"), choices=IssuedItem.Kind.choices)
    description = forms.CharField(label=_("Card, key or device"), max_length=200)
    issued_on = PlausibleDateField(label=_("Handed over on"), widget=DateInput(), initial=today)


class ExitForm(forms.Form):
    exited_on = PlausibleDateField(label=_("Exit day"), widget=DateInput(), initial=today)


class ExitAskForm(forms.Form):
    reason = forms.ChoiceField(label=_("Reason from the contract"), choices=[("", "—"), *ExitReason.choices],
                               required=False)  # fmt: skip
    evidence = forms.CharField(
        label=_("Evidence of the breach"), required=False, widget=TEXTAREA,
        help_text=_("For a breach of the site rules: what happened, when, and the record of it."),
    )  # fmt: skip


class RequestForm(ScreenedFormMixin, forms.Form):
    subject = forms.CharField(label=_("Subject"), max_length=200)
    description = forms.CharField(
        label=_("What the vendor's site manager should look at"),
        widget=TEXTAREA,
        help_text=_("Describe the service issue for the vendor to resolve. Leave, attendance, pay, discipline, hiring "
                    "and dismissal are the vendor's to manage: such a text is warned about before it is sent."),
    )  # fmt: skip


class AnswerForm(forms.Form):
    response = forms.CharField(label=_("Your reply"), widget=TEXTAREA)


class RevealForm(forms.Form):
    field = forms.ChoiceField(label=_("Show"), choices=[("id_number", _("ID number")), ("phone", _("Phone"))])
    reason = forms.CharField(label=_("Why you need it"), max_length=200)
    legal_claim = forms.CharField(
        label=_("Legal claim"), max_length=300, required=False, widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Storage only (PIPL art. 47): the dispute, case or authority's request the data is needed for."),
    )  # fmt: skip

    def __init__(self, *args, storage_only: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not storage_only:  # asked only of a record in storage only (loophole 5)
            del self.fields["legal_claim"]


class CertificateForm(forms.Form):
    """A worker's special-operation certificate (CON-9), with its scan."""

    operation = forms.CharField(
        label=_("Type of operation"), max_length=100,
        help_text=_("As printed on the certificate, e.g. 电工作业, 高处作业, 焊接与热切割作业."),
    )  # fmt: skip
    certificate_number = forms.CharField(label=_("Certificate number"), max_length=50)
    issuer = forms.CharField(label=_("Issued by"), max_length=100)
    valid_until = PlausibleDateField(label=_("Valid until"), widget=DateInput())
    scan = forms.FileField(label=_("Scan of the certificate (PDF, JPG or PNG)"), required=False)


class DayForm(forms.Form):
    day = PlausibleDateField(label=_("On"), widget=DateInput(), initial=today)


# ---------------------------------------------------------------------------------------------------
# Monthly proofs


class MonthInput(forms.DateInput):
    input_type = "month"

    def __init__(self, **kwargs):
        kwargs.setdefault("format", "%Y-%m")
        super().__init__(**kwargs)


class MonthField(forms.DateField):
    widget = MonthInput

    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%Y-%m", "%Y-%m-%d"])
        super().__init__(**kwargs)

    def to_python(self, value):
        day = super().to_python(value)
        return day.replace(day=1) if isinstance(day, dt.date) else day


class ProofStartForm(forms.Form):
    project = forms.ModelChoiceField(label=_("Project"), queryset=None)
    month = MonthField(label=_("Month"))

    def __init__(self, *args, vendor_id: int | None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["project"].queryset = vendor_projects(vendor_id)
        self.fields["project"].label_from_instance = lambda p: f"{p.number} {p.name}"


ROSTER_COLUMNS = [
    ("listed", _("On the roster")),
    ("wage_paid", _("Wage paid")),
    ("own_account", _("To the worker's own account")),
    ("social_insurance", _("Social insurance")),
    ("housing_fund", _("Housing fund")),
    ("tax_filed", _("Tax filed")),
]
ITEMS = tuple(key for key, _label in ROSTER_COLUMNS[1:])  # what is paid or filed per worker


def roster_rows(workers, existing: dict) -> list[dict]:
    """The roster page's rows: each worker with the boxes ticked and the wage as last sent (all listed on a first
    sending)."""
    rows = []
    for worker in workers:
        line = existing.get(worker.pk)
        ticked = {"listed": line is not None or not existing}
        ticked.update({item: bool(line and getattr(line, item)) for item in ITEMS})
        amount = line.wage_amount if line is not None and line.wage_amount is not None else ""
        cells = [(f"w{worker.pk}-{key}", label, ticked[key]) for key, label in ROSTER_COLUMNS]
        rows.append({"worker": worker, "amount": (f"w{worker.pk}-wage_amount", amount), "cells": cells})
    return rows


def proof_lines(data, workers) -> list[LineData]:
    """The roster as filled on the page: a worker is on it when any box is ticked, 'listed' is, or a wage amount
    is given. A wage amount that is not an amount is refused (wage_amount)."""
    lines = []
    for worker in workers:
        ticked = {item: data.get(f"w{worker.pk}-{item}") == "on" for item in ITEMS}
        text = (data.get(f"w{worker.pk}-wage_amount") or "").strip()
        try:
            amount = to_money(text) if text else None
        except ValueError as exc:
            raise RuleViolation(
                ErrorCode.WAGE_AMOUNT,
                _("“%(value)s” is not an amount in yuan (%(badge)s).") % {"value": text[:30],
                                                                        "badge": worker.badge_number},
                field="wage_amount",
            ) from exc  # fmt: skip
        if data.get(f"w{worker.pk}-listed") == "on" or any(ticked.values()) or amount is not None:
            lines.append(LineData(worker_id=worker.pk, wage_amount=amount, **ticked))
    return lines


class InsuranceListForm(forms.Form):
    file = forms.FileField(label=_("Social-insurance list (.xlsx)"),
                           help_text=_("The office's detail of the month as downloaded; only the ID numbers are read, "
                                       "hashed and masked, and the file is not kept."))  # fmt: skip


class CheckForm(forms.Form):
    decision = forms.ChoiceField(
        label=_("Result"), widget=forms.RadioSelect,
        choices=[("accept", _("Complete: accept")), ("gaps", _("Gaps found: return to the vendor"))],
    )  # fmt: skip
    note = forms.CharField(label=_("Note"), required=False, widget=TEXTAREA)


class StabilityForm(forms.Form):
    start = MonthField(label=_("From month"))
    end = MonthField(label=_("To month"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise forms.ValidationError(_("The last month is before the first."))
        if (
            data.get("start")
            and data.get("end")
            and (data["end"].year - data["start"].year) * 12 + (data["end"].month - data["start"].month) >= 36
        ):
            raise forms.ValidationError(_("Show at most 36 months at once."))
        return data
