"""Forms of the organisation pages. Field checks live here; business rules in services."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from outsourcing.core.forms import MoneyFormField
from outsourcing.org.document_types import document_type_choices
from outsourcing.org.models import (
    APPROVAL_LEVEL_ROLES,
    DEPARTMENT_SCOPED_ROLES,
    Department,
    Role,
    User,
    UserKind,
)
from outsourcing.org.selectors import department_choices
from outsourcing.org.services import RoleGrant


class DepartmentForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=100)
    code = forms.RegexField(
        label=_("Code"),
        max_length=30,
        regex=r"^[A-Za-z0-9-]+$",
        error_messages={"invalid": _("Use letters, digits and dashes only.")},
        help_text=_("Short unique code, letters, digits and dashes, e.g. OPS-CS."),
    )
    parent = forms.TypedChoiceField(label=_("Parent department"), required=False, coerce=int, empty_value=None)
    sort_order = forms.IntegerField(label=_("Sort order"), min_value=0, initial=0)
    is_active = forms.BooleanField(label=_("Active"), required=False, initial=True)

    def __init__(self, *args, department: Department | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        # Every active department is offered, the one being edited included: the service refuses a
        # move under itself or its own sub-tree with a message the user can read.
        self.fields["parent"].choices = [("", _("— top level —"))] + department_choices()
        if department is None:
            del self.fields["is_active"]

    def cleaned_parent(self) -> Department | None:
        parent_id = self.cleaned_data.get("parent")
        return Department.objects.get(pk=parent_id) if parent_id else None


class UserForm(forms.Form):
    """Create or edit a user with their roles: company-wide roles as boxes, scoped ones by department."""

    username = forms.RegexField(
        label=_("Username"),
        max_length=150,
        regex=r"^[\w.@+-]+$",
        error_messages={"invalid": _("Letters, digits and @/./+/-/_ only.")},
    )
    full_name = forms.CharField(label=_("Full name"), max_length=100)
    kind = forms.ChoiceField(label=_("Account type"), choices=UserKind.choices, initial=UserKind.INTERNAL)
    email = forms.EmailField(label=_("E-mail"), required=False)
    department = forms.TypedChoiceField(label=_("Department"), required=False, coerce=int, empty_value=None)
    title = forms.CharField(label=_("Job title"), max_length=100, required=False)
    phone = forms.CharField(label=_("Office phone"), max_length=30, required=False)
    password = forms.CharField(
        label=_("Initial password"),
        widget=forms.PasswordInput(render_value=False),
        help_text=_("The user should change it after the first login."),
    )
    roles = forms.MultipleChoiceField(
        label=_("Company-wide roles"),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        choices=[(r.value, r.label) for r in Role if r not in DEPARTMENT_SCOPED_ROLES],
    )
    requester_departments = forms.TypedMultipleChoiceField(
        label=_("Project owner for departments"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_("Hold Ctrl (⌘ on a Mac) to choose several departments."),
    )
    dept_head_departments = forms.TypedMultipleChoiceField(
        label=_("Department head of"),
        required=False,
        coerce=int,
        widget=forms.SelectMultiple(attrs={"size": 6}),
        help_text=_(
            "A department head approves only for these departments and those under them. "
            "Hold Ctrl (⌘ on a Mac) to choose several."
        ),
    )
    is_active = forms.BooleanField(label=_("Active (may log in)"), required=False, initial=True)

    def __init__(self, *args, user: User | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = department_choices()
        self.fields["department"].choices = [("", "—")] + choices
        self.fields["requester_departments"].choices = choices
        self.fields["dept_head_departments"].choices = choices
        self.editing = user
        if user is None:
            del self.fields["is_active"]
        else:
            for name in ("username", "kind", "password"):
                del self.fields[name]
            scoped = {Role.REQUESTER: [], Role.DEPT_HEAD: []}
            company_wide = []
            for assignment in user.role_assignments.all():
                if assignment.role in scoped:
                    scoped[assignment.role].append(assignment.department_id)
                else:
                    company_wide.append(assignment.role)
            self.initial.update(
                full_name=user.full_name,
                email=user.email,
                department=user.department_id,
                title=user.title,
                phone=user.phone,
                roles=company_wide,
                requester_departments=scoped[Role.REQUESTER],
                dept_head_departments=scoped[Role.DEPT_HEAD],
                is_active=user.is_active,
            )

    def role_grants(self) -> list[RoleGrant]:
        data = self.cleaned_data
        departments = Department.objects.in_bulk(
            list(data.get("requester_departments", [])) + list(data.get("dept_head_departments", []))
        )
        grants = [RoleGrant(role=role) for role in data.get("roles", [])]
        grants += [RoleGrant(Role.REQUESTER, departments[pk]) for pk in data.get("requester_departments", [])]
        grants += [RoleGrant(Role.DEPT_HEAD, departments[pk]) for pk in data.get("dept_head_departments", [])]
        return grants

    def cleaned_department(self) -> Department | None:
        pk = self.cleaned_data.get("department")
        return Department.objects.get(pk=pk) if pk else None


class PasswordResetByAdminForm(forms.Form):
    password = forms.CharField(label=_("New password"), widget=forms.PasswordInput)
    password_again = forms.CharField(label=_("New password again"), widget=forms.PasswordInput)

    def clean(self):
        data = super().clean()
        if data.get("password") and data.get("password") != data.get("password_again"):
            self.add_error("password_again", _("The two passwords differ."))
        return data


class AuthorityRuleForm(forms.Form):
    document_type = forms.ChoiceField(label=_("Document type"), choices=lambda: [("", "—"), *document_type_choices()])
    approval_level = forms.ChoiceField(
        label=_("Approval level"), choices=[("", "—")] + [(r.value, r.label) for r in APPROVAL_LEVEL_ROLES]
    )
    min_amount = MoneyFormField(label=_("From amount (CNY, inclusive)"))
    max_amount = MoneyFormField(
        label=_("Up to amount (CNY, exclusive)"), required=False, help_text=_("Empty means no upper limit.")
    )

    def clean(self):
        data = super().clean()
        low, high = data.get("min_amount"), data.get("max_amount")
        if low is not None and high is not None and high <= low:
            self.add_error("max_amount", _("The upper amount must be greater than the lower amount."))
        return data


class BaseAuthorityRuleFormSet(forms.BaseFormSet):
    def filled_forms(self) -> list[AuthorityRuleForm]:
        """The rows that make the new version: every row with content, pre-filled ones included
        (unchanged rows carry over from the version in force), less the rows marked for removal."""
        return [
            form
            for form in self.forms
            if getattr(form, "cleaned_data", None)
            and form.cleaned_data.get("document_type")
            and not self._should_delete_form(form)
        ]

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        if not self.filled_forms():
            raise forms.ValidationError(_("The authority matrix needs at least one rule."))


AuthorityRuleFormSet = forms.formset_factory(
    AuthorityRuleForm, formset=BaseAuthorityRuleFormSet, extra=3, can_delete=True
)


class AuthorityMatrixNoteForm(forms.Form):
    note = forms.CharField(
        label=_("Reason for the change"),
        max_length=300,
        help_text=_("Kept with the new version, e.g. the board resolution that changed the limits."),
    )


class ApiTokenForm(forms.Form):
    name = forms.CharField(
        label=_("What the token is for"),
        max_length=100,
        required=False,
        help_text=_("For example the HR system that reads the roster."),
    )
