"""Forms of the operations pages; the services check every rule again (the API comes in through them too)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.core.forms import DateInput
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


class InstructionForm(forms.Form):
    contract = ContractChoiceField(label=_("Contract"), queryset=None)
    addressee = PersonChoiceField(label=_("To the vendor's site manager"), queryset=User.objects.none(),
                                  help_text=_("Instructions go to the site manager, never to a worker."))  # fmt: skip
    subject = forms.CharField(label=_("Subject"), max_length=200)
    content = forms.CharField(label=_("Instruction"), widget=TEXTAREA,
                              help_text=_("What the service needs: the result, not how the vendor's people work."))
    issued_on = forms.DateField(label=_("Instruction date"), widget=DateInput())
    due_date = forms.DateField(label=_("Due date"), widget=DateInput())

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
