"""Forms of the operations pages; the services check every rule again (the API comes in through them too)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.core.forms import DateInput, PlausibleDateField, ScreenedFormMixin
from outsourcing.core.timeutil import today
from outsourcing.operations.instructions import InstructionData
from outsourcing.operations.models import ActionStatus, InstructionStatus, MeetingKind
from outsourcing.org.models import User

TEXTAREA = forms.Textarea(attrs={"rows": 4})


def contract_label(contract) -> str:
    return f"{contract.number} {contract.title}（{contract.vendor.name}）"


class ContractChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, contract) -> str:
        return contract_label(contract)


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        title = f" · {user.title}" if user.title else ""
        return f"{user.get_full_name()}{title}"


class InstructionForm(ScreenedFormMixin, forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    addressee = PersonChoiceField(label=_("To the vendor's site manager"), queryset=User.objects.none(),
                                  help_text=_("Instructions go to the site manager, never to a worker."))  # fmt: skip
    subject = forms.CharField(label=_("Subject"), max_length=200)
    content = forms.CharField(label=_("Instruction"), widget=TEXTAREA,
                              help_text=_("What the service needs: the result, not how the vendor's people work."))
    issued_on = PlausibleDateField(label=_("Instruction date"), widget=DateInput())
    due_date = PlausibleDateField(label=_("Due date"), widget=DateInput())

    def __init__(self, *args, contracts, addressees, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("issued_on", today())
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
        self.fields["addressee"].queryset = addressees

    def to_data(self) -> InstructionData:
        return InstructionData(**self.cleaned_data)


class CompletionForm(forms.Form):
    report = forms.CharField(label=_("What was done"), widget=TEXTAREA)


class InstructionFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or subject"), required=False)
    contract = forms.IntegerField(required=False, widget=forms.HiddenInput)
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), ("overdue", _("Overdue"))]
                               + InstructionStatus.choices)  # fmt: skip

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        status = self.cleaned_data["status"]
        return {"search": self.cleaned_data["q"].strip(), "status": "" if status == "overdue" else status,
                "overdue": status == "overdue", "on": today(),
                "contract_id": self.cleaned_data["contract"]}  # fmt: skip


class MeetingFilterForm(forms.Form):
    q = forms.CharField(label=_("Number or agenda"), required=False)
    kind = forms.ChoiceField(label=_("Kind"), required=False, choices=[("", _("All kinds")), *MeetingKind.choices])

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        return {"search": self.cleaned_data["q"].strip(), "kind": self.cleaned_data["kind"]}


class ActionItemFilterForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), required=False,
                               choices=[("", _("All statuses")), ("overdue", _("Overdue")), *ActionStatus.choices])

    def filters(self) -> dict:
        if not self.is_valid():
            return {}
        status = self.cleaned_data["status"]
        return {"status": "" if status == "overdue" else status, "overdue_on": today() if status == "overdue" else None}


class KickOffForm(forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    held_on = PlausibleDateField(label=_("Held on"), widget=DateInput())
    goals = forms.CharField(label=_("Goals of the service"), widget=TEXTAREA)
    communication_plan = forms.CharField(label=_("Communication plan"), widget=TEXTAREA,
                                         help_text=_("Channels, meeting rhythm, reports and escalation."))
    attendees = forms.CharField(label=_("Attendees"), required=False, widget=forms.Textarea(attrs={"rows": 2}))
    company_person = PersonChoiceField(label=_("The company's interface person"), queryset=None)
    company_responsibility = forms.CharField(label=_("Responsible for (company)"), max_length=200)
    vendor_person = PersonChoiceField(label=_("The vendor's interface person"), queryset=None)
    vendor_responsibility = forms.CharField(label=_("Responsible for (vendor)"), max_length=200)

    def __init__(self, *args, contracts, company_people, vendor_people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
        self.fields["company_person"].queryset = company_people
        self.fields["vendor_person"].queryset = vendor_people

    def arguments(self) -> dict:
        from outsourcing.operations.kickoff import InterfacePersonData

        data = self.cleaned_data
        return {"contract": data["contract"], "held_on": data["held_on"], "goals": data["goals"],
                "communication_plan": data["communication_plan"], "attendees": data["attendees"],
                "interface_persons": [
                    InterfacePersonData(person=data["company_person"], responsibility=data["company_responsibility"]),
                    InterfacePersonData(person=data["vendor_person"], responsibility=data["vendor_responsibility"]),
                ]}  # fmt: skip


class ReplacePersonForm(forms.Form):
    successor = PersonChoiceField(label=_("Successor"), queryset=None)
    responsibility = forms.CharField(label=_("Responsible for"), max_length=200)
    since = PlausibleDateField(label=_("From"), widget=DateInput())

    def __init__(self, *args, people, **kwargs):
        kwargs.setdefault("initial", {}).setdefault("since", today())
        super().__init__(*args, **kwargs)
        self.fields["successor"].queryset = people


def lines(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


class MeetingForm(forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    kind = forms.ChoiceField(label=_("Kind"), choices=MeetingKind.choices)
    held_on = PlausibleDateField(label=_("Date"), widget=DateInput())
    quarter = forms.ChoiceField(label=_("Quarter reviewed (QBR)"), required=False)
    agenda = forms.CharField(label=_("Agenda"), widget=TEXTAREA)
    company_attendees = forms.CharField(label=_("The company's attendees"), widget=forms.Textarea(attrs={"rows": 2}),
                                        help_text=_("One per line."))
    vendor_attendees = forms.CharField(label=_("The vendor's attendees"), widget=forms.Textarea(attrs={"rows": 2}),
                                       help_text=_("One per line."))

    def __init__(self, *args, contracts, **kwargs):
        import datetime as dt

        from outsourcing.operations.meetings import quarter_start

        kwargs.setdefault("initial", {}).setdefault("held_on", today())
        super().__init__(*args, **kwargs)
        self.fields["contract"].queryset = contracts
        starts, day = [], quarter_start(today())
        for _step in range(6):
            starts.append(day)
            day = quarter_start(day - dt.timedelta(days=1))
        self.fields["quarter"].choices = [("", "—")] + [
            (d.isoformat(), f"{d.year}Q{(d.month - 1) // 3 + 1}") for d in starts
        ]

    def arguments(self) -> dict:
        import datetime as dt

        data = self.cleaned_data
        return {"contract": data["contract"], "kind": data["kind"], "held_on": data["held_on"],
                "quarter": dt.date.fromisoformat(data["quarter"]) if data["quarter"] else None,
                "agenda": data["agenda"], "company_attendees": lines(data["company_attendees"]),
                "vendor_attendees": lines(data["vendor_attendees"])}  # fmt: skip


class MinutesForm(forms.Form):
    minutes = forms.CharField(label=_("Minutes"), widget=forms.Textarea(attrs={"rows": 6}))


class ActionItemForm(forms.Form):
    description = forms.CharField(label=_("Action"), max_length=300)
    owner = PersonChoiceField(label=_("Owner"), queryset=None, required=False)
    due_date = PlausibleDateField(label=_("Due date"), widget=DateInput(), required=False)

    def __init__(self, *args, people, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = people


class CloseItemForm(forms.Form):
    outcome = forms.CharField(label=_("Outcome"), widget=forms.Textarea(attrs={"rows": 2}))
