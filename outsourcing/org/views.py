"""Organisation pages: the department tree, users and roles, the authority matrix."""

from __future__ import annotations

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from outsourcing.core.excel import Column, xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.views import require_perm
from outsourcing.org import selectors, services
from outsourcing.org.forms import (
    AuthorityMatrixNoteForm,
    AuthorityRuleFormSet,
    DepartmentForm,
    PasswordResetByAdminForm,
    UserForm,
)
from outsourcing.org.models import AuthorityMatrixVersion, Department, Role, User, UserKind
from outsourcing.org.services import RuleDraft


@require_perm("org.view_organisation")
def department_list(request):
    return render(request, "org/department_list.html", {"nodes": selectors.department_tree()})


@require_perm("org.view_organisation")
def department_detail(request, pk: int):
    department = get_object_or_404(Department.objects.select_related("parent"), pk=pk)
    return render(
        request,
        "org/department_detail.html",
        {
            "department": department,
            "members": selectors.department_members(department=department),
            "role_holders": selectors.department_role_holders(department=department),
        },
    )


@require_perm("org.manage_organisation")
def department_create(request):
    form = DepartmentForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        department = call_service(
            form,
            services.create_department,
            actor=request.user,
            name=form.cleaned_data["name"],
            code=form.cleaned_data["code"],
            parent=form.cleaned_parent(),
            sort_order=form.cleaned_data["sort_order"],
        )
        if department:
            messages.success(request, _("Department %(name)s created.") % {"name": department.name})
            return redirect("org:department_list")
    return render(request, "org/department_form.html", {"form": form})


@require_perm("org.manage_organisation")
def department_edit(request, pk: int):
    department = get_object_or_404(Department, pk=pk)
    initial = {
        "name": department.name,
        "code": department.code,
        "parent": department.parent_id,
        "sort_order": department.sort_order,
        "is_active": department.is_active,
    }
    form = DepartmentForm(request.POST or None, initial=initial, department=department)
    if request.method == "POST" and form.is_valid():
        updated = call_service(
            form,
            services.update_department,
            actor=request.user,
            department=department,
            name=form.cleaned_data["name"],
            code=form.cleaned_data["code"],
            parent=form.cleaned_parent(),
            sort_order=form.cleaned_data["sort_order"],
            is_active=form.cleaned_data["is_active"],
        )
        if updated:
            messages.success(request, _("Department %(name)s saved.") % {"name": updated.name})
            return redirect("org:department_list")
    return render(request, "org/department_form.html", {"form": form, "department": department})


USER_COLUMNS = [
    Column(gettext_lazy("Username"), lambda u: u.username, 16),
    Column(gettext_lazy("Full name"), lambda u: u.full_name, 14),
    Column(gettext_lazy("Account type"), lambda u: u.get_kind_display(), 12),
    Column(gettext_lazy("Department"), lambda u: str(u.department or ""), 20),
    Column(gettext_lazy("Roles"), lambda u: "、".join(str(a) for a in u.role_assignments.all()), 36),
    Column(gettext_lazy("E-mail"), lambda u: u.email, 24),
    Column(gettext_lazy("Status"), lambda u: _("Active") if u.is_active else _("Inactive"), 10),
    Column(gettext_lazy("Last login"), lambda u: u.last_login, 18),
]


@require_perm("org.manage_organisation")
def user_list(request):
    filters = {
        "search": request.GET.get("q", "").strip(),
        "role": request.GET.get("role", "") if request.GET.get("role") in Role.values else "",
        "kind": request.GET.get("kind", "") if request.GET.get("kind") in UserKind.values else "",
    }
    found = selectors.users_list(**filters)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Users"), sheet=_("Users"), columns=USER_COLUMNS, rows=found)
    page = Paginator(found, 50).get_page(request.GET.get("page"))
    return render(
        request,
        "org/user_list.html",
        {"page": page, "filters": filters, "roles": Role.choices, "kinds": UserKind.choices},
    )


@require_perm("org.manage_organisation")
def user_create(request):
    form = UserForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = call_service(
            form,
            services.create_user,
            actor=request.user,
            username=data["username"],
            full_name=data["full_name"],
            password=data["password"],
            kind=data["kind"],
            email=data["email"],
            department=form.cleaned_department(),
            phone=data["phone"],
            title=data["title"],
            roles=form.role_grants(),
        )
        if user:
            messages.success(request, _("User %(name)s created.") % {"name": user.get_full_name()})
            return redirect("org:user_list")
    return render(request, "org/user_form.html", {"form": form})


@require_perm("org.manage_organisation")
def user_edit(request, pk: int):
    target = get_object_or_404(User, pk=pk)
    form = UserForm(request.POST or None, user=target)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        user = call_service(
            form,
            services.update_user,
            actor=request.user,
            user=target,
            full_name=data["full_name"],
            email=data["email"],
            department=form.cleaned_department(),
            phone=data["phone"],
            title=data["title"],
            is_active=data["is_active"],
            roles=form.role_grants(),
        )
        if user:
            messages.success(request, _("User %(name)s saved.") % {"name": user.get_full_name()})
            return redirect("org:user_list")
    return render(request, "org/user_form.html", {"form": form, "target": target})


@require_perm("org.manage_organisation")
def user_password(request, pk: int):
    target = get_object_or_404(User, pk=pk)
    form = PasswordResetByAdminForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = call_service(
            form, services.reset_password, actor=request.user, user=target, password=form.cleaned_data["password"]
        )
        if done is None and not form.errors:
            messages.success(request, _("The password of %(name)s was reset.") % {"name": target.get_full_name()})
            return redirect("org:user_list")
    return render(request, "org/user_password.html", {"form": form, "target": target})


@require_perm("org.view_authority_matrix")
def authority_matrix(request, number: int | None = None):
    if number is None:
        version = selectors.current_authority_matrix()
    else:
        try:
            version = selectors.authority_matrix_version(number=number)
        except AuthorityMatrixVersion.DoesNotExist as exc:
            raise Http404 from exc
    current = selectors.current_authority_matrix()
    return render(
        request,
        "org/authority_matrix.html",
        {
            "version": version,
            "is_current": version is not None and current is not None and version.pk == current.pk,
            "versions": selectors.authority_matrix_versions(),
        },
    )


@require_perm("org.manage_authority_matrix")
def authority_matrix_edit(request):
    current = selectors.current_authority_matrix()
    initial = [
        {
            "document_type": rule.document_type,
            "approval_level": rule.approval_level,
            "min_amount": rule.min_amount,
            "max_amount": rule.max_amount,
        }
        for rule in (current.rules.all() if current else [])
    ]
    formset = AuthorityRuleFormSet(request.POST or None, initial=initial, prefix="rules")
    note_form = AuthorityMatrixNoteForm(request.POST or None)
    if request.method == "POST" and formset.is_valid() and note_form.is_valid():
        drafts = [
            RuleDraft(
                document_type=form.cleaned_data["document_type"],
                approval_level=form.cleaned_data["approval_level"],
                min_amount=form.cleaned_data["min_amount"],
                max_amount=form.cleaned_data.get("max_amount"),
            )
            for form in formset.filled_forms()
        ]
        version = call_service(
            note_form,
            services.publish_authority_matrix,
            actor=request.user,
            rules=drafts,
            note=note_form.cleaned_data["note"],
        )
        if version:
            messages.success(request, _("Authority matrix version %(n)s published.") % {"n": version.number})
            return redirect("org:authority_matrix")
    return render(
        request, "org/authority_matrix_form.html", {"formset": formset, "note_form": note_form, "current": current}
    )
