"""Worker pages: the list (masked, exact ID search, Excel export), filing and roster import in the portal, and
the worker's page, where every step of the worker's time here is an action: HR's entry decision, the
real-name registration, the entry record, access and items, the exit, requests to the vendor, the reveal
of personal data, the badge PDF."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django.views.decorators.http import require_POST

from outsourcing.core.excel import template_response, xlsx_response
from outsourcing.core.forms import call_service
from outsourcing.core.pdf import pdf_response
from outsourcing.core.timeutil import today
from outsourcing.core.views import require_perm
from outsourcing.vendors.permissions import vendor_id_of
from outsourcing.workforce import access, badges, certificates, exits, filing, selectors, spreadsheets
from outsourcing.workforce import entry as worker_entry
from outsourcing.workforce import requests as worker_requests
from outsourcing.workforce.forms import (
    AnswerForm,
    CertificateForm,
    DayForm,
    DecisionForm,
    EntryForm,
    ExitAskForm,
    ExitForm,
    FilterForm,
    GrantForm,
    IdSearchForm,
    ImportForm,
    ItemForm,
    RealnameForm,
    RequestForm,
    RevealForm,
    WorkerForm,
)
from outsourcing.workforce.models import GrantStatus, Worker, WorkerStatus


def worker_or_404(request, pk: int) -> Worker:
    try:
        return selectors.worker_for(request.user, pk)
    except Worker.DoesNotExist as exc:
        raise Http404 from exc


@never_cache  # the answer to an ID-number search is not kept by the browser or a proxy (security finding 9)
@sensitive_post_parameters("id_number")
@require_perm("workforce.view_workers")
def worker_list(request):
    filter_form = FilterForm(request.GET or None)
    id_form = IdSearchForm(request.POST or None)
    if request.method == "POST":  # the exact search by ID number (WRK-2): by POST, never in the URL
        found = (selectors.workers_for(request.user, id_number=id_form.cleaned_data["id_number"])
                 if id_form.is_valid() else Worker.objects.none())  # fmt: skip
        context = {"page": Paginator(found, 30).get_page(1), "filter_form": FilterForm(), "id_form": id_form,
                   "searched": True}  # fmt: skip
        return render(request, "workforce/worker_list.html", context)
    filters = filter_form.filters()
    found = Worker.objects.none() if filters is None else selectors.workers_for(request.user, **filters)
    if request.GET.get("export") == "xlsx":
        return xlsx_response(filename=_("Outsourced workers"), sheet=_("Outsourced workers"),
                             columns=spreadsheets.EXPORT_COLUMNS, rows=found)  # fmt: skip
    page = Paginator(found, 30).get_page(request.GET.get("page"))
    context = {"page": page, "filter_form": filter_form, "id_form": IdSearchForm()}
    return render(request, "workforce/worker_list.html", context)


@sensitive_post_parameters("id_number", "phone")
@require_perm("workforce.file_workers")
def worker_create(request):
    vendor_id = vendor_id_of(request.user)
    form = WorkerForm(request.POST or None, vendor_id=vendor_id)
    if request.method == "POST" and form.is_valid():
        worker = call_service(form, filing.file_worker, actor=request.user, data=form.to_data())
        if worker:
            messages.success(
                request,
                _("%(badge)s filed. Attach the labor contract, the social-insurance proof and the worker's consent, "
                  "then HR decides.") % {"badge": worker.badge_number},
            )  # fmt: skip
            minor = worker_entry.minor_waiting(worker)
            if minor:
                messages.warning(request, minor)
            return redirect(worker.get_absolute_url())
    return render(request, "workforce/worker_form.html", {"form": form})


@require_perm("workforce.file_workers")
def roster_template(request):
    return template_response(filename=_("Roster import template"), sheet=_("Roster"),
                             columns=spreadsheets.IMPORT_COLUMNS, notes=spreadsheets.template_notes())  # fmt: skip


@require_perm("workforce.file_workers")
def roster_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        result = call_service(form, spreadsheets.import_roster, actor=request.user, upload=form.cleaned_data["file"])
        if result is not None:
            saved, errors = result
            if not errors:
                messages.success(request, _("%(count)s workers filed from the roster.") % {"count": len(saved)})
                # The minors among them wait for HR, as when filed one by one: the result page names them.
                minors = [(worker, reason) for worker in saved if (reason := worker_entry.minor_waiting(worker))]
                if not minors:
                    return redirect("workforce:list")
                return render(request, "workforce/roster_import.html", {"form": ImportForm(), "minors": minors})
    return render(request, "workforce/roster_import.html", {"form": form, "errors": errors})


def page_context(request, worker: Worker, **forms) -> dict:
    user = request.user
    active = worker.status in (WorkerStatus.APPROVED, WorkerStatus.ON_SITE)
    grants, items = access.open_access(worker)
    context = {
        "worker": worker,
        "internal": not user.is_vendor_user,
        "blockers": worker_entry.entry_blockers(worker) if worker.status == WorkerStatus.FILED else [],
        "construction": filing.is_construction(worker.contract),
        "open_grants": grants,
        "open_items": items,
        "may_manage_items": user.has_perm("workforce.manage_items", worker),
        "may_answer": user.has_perm("workforce.answer_request", worker),
        "may_print_badge": user.has_perm("workforce.print_badge", worker),
        "exit_asked": any(r.answered_at is None for r in worker.exit_requests.all()),
        "certificates": list(worker.certificates.all()),
        "today": today(),
    }
    wanted = {
        "decision_form": user.has_perm("workforce.decide_entry") and worker.status == WorkerStatus.FILED,
        "realname_form": user.has_perm("workforce.decide_entry") and context["construction"]
        and not worker.realname_reference and worker.status in (WorkerStatus.FILED, *access.WORKING),
        "entry_form": user.has_perm("workforce.record_entry", worker) and worker.status == WorkerStatus.APPROVED,
        "grant_form": user.has_perm("workforce.request_access", worker) and active,
        "item_form": context["may_manage_items"] and active,
        "exit_form": user.has_perm("workforce.record_exit", worker) and active,
        "exit_ask_form": user.has_perm("workforce.ask_exit", worker) and active and not context["exit_asked"],
        "request_form": user.has_perm("workforce.raise_request", worker) and not worker.is_storage_only,
        "certificate_form": bool(worker.contract.special_work) and user.has_perm("workforce.add_certificate", worker),
        "reveal_form": not worker.anonymised_at and user.has_perm(
            "workforce.reveal_for_legal_claim" if worker.is_storage_only else "workforce.reveal_personal_data", worker),
    }  # fmt: skip
    builders = {
        "decision_form": DecisionForm,
        "realname_form": RealnameForm,
        "entry_form": EntryForm,
        "grant_form": lambda: GrantForm(initial={"valid_until": worker.planned_end}),
        "item_form": ItemForm,
        "exit_form": ExitForm,
        "exit_ask_form": ExitAskForm,
        "request_form": RequestForm,
        "certificate_form": CertificateForm,
        "reveal_form": lambda: RevealForm(storage_only=worker.is_storage_only),
    }
    for name, shown in wanted.items():
        if shown:
            context[name] = forms.get(name) or builders[name]()
    return context


@require_perm("workforce.view_workers")
def worker_detail(request, pk: int):
    worker = worker_or_404(request, pk)
    return render(request, "workforce/worker_detail.html", page_context(request, worker))


@dataclass(frozen=True)
class Action:
    """One thing done on the worker's page: its form, the service, how the form feeds it, what to say."""

    form_name: str
    form: type
    service: Callable
    arguments: Callable  # (worker, cleaned_data) -> kwargs for the service
    done: str


ACTIONS = {
    "decide": Action("decision_form", DecisionForm, worker_entry.decide_entry,
                     lambda w, d: {"worker": w, "approve": d["decision"] == "approve", "note": d["note"],
                                   "ground": d["ground"]},
                     gettext_lazy("The decision is recorded and the vendor told.")),
    "realname": Action("realname_form", RealnameForm, worker_entry.register_realname,
                       lambda w, d: {"worker": w, **d}, gettext_lazy("Real-name registration recorded.")),
    "entry": Action("entry_form", EntryForm, worker_entry.record_entry, lambda w, d: {"worker": w, **d},
                    gettext_lazy("The entry is recorded: the worker is on site.")),
    "access": Action("grant_form", GrantForm, access.request_grant, lambda w, d: {"worker": w, **d},
                     gettext_lazy("The access request is with the department head.")),
    "item": Action("item_form", ItemForm, access.issue_item, lambda w, d: {"worker": w, **d},
                   gettext_lazy("Item recorded.")),
    "exit": Action("exit_form", ExitForm, worker_entry.record_exit, lambda w, d: {"worker": w, **d},
                   gettext_lazy("Exit recorded: close every access and take back every item today.")),
    "ask-exit": Action("exit_ask_form", ExitAskForm, exits.ask_for_exit, lambda w, d: {"worker": w, **d},
                       gettext_lazy("The vendor's site manager is asked for the exit.")),
    "certificate": Action("certificate_form", CertificateForm, certificates.record_certificate,
                          lambda w, d: {"worker": w, **d}, gettext_lazy("Certificate recorded.")),
    "request": Action("request_form", RequestForm, worker_requests.raise_request, lambda w, d: {"worker": w, **d},
                      gettext_lazy("The request is sent to the vendor's site manager.")),
}  # fmt: skip


@require_POST
@require_perm("workforce.view_workers")
def worker_action(request, pk: int, action: str):
    if action not in ACTIONS:
        raise Http404
    worker = worker_or_404(request, pk)
    step = ACTIONS[action]
    form = step.form(request.POST, request.FILES)
    if form.is_valid() and call_service(form, step.service, actor=request.user,
                                        **step.arguments(worker, form.cleaned_data)):  # fmt: skip
        messages.success(request, str(step.done))
        return redirect(worker.get_absolute_url())
    context = page_context(request, worker, **{step.form_name: form})
    if step.form_name not in context:  # the form is not offered to this user: say why the rules refused
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    context[step.form_name] = form  # the refusal stays beside its form, with its code, even where not offered
    return render(request, "workforce/worker_detail.html", context)


@require_POST
@require_perm("workforce.decide_entry")
def confirm_minor(request, pk: int):
    worker = worker_or_404(request, pk)
    filing.confirm_minor(actor=request.user, worker=worker)
    messages.success(request, _("The filing of a minor is confirmed: no forbidden work, special protection."))
    return redirect(worker.get_absolute_url())


@never_cache
@require_POST
@require_perm("workforce.view_workers")
def reveal(request, pk: int):
    """Show the number once on this response (never stored in the page's URL or cache); audited."""
    worker = worker_or_404(request, pk)
    form = RevealForm(request.POST, storage_only=worker.is_storage_only)
    revealed = None
    if form.is_valid():
        value = call_service(form, filing.reveal, actor=request.user, worker=worker, **form.cleaned_data)
        if value is not None:
            revealed = {"label": dict(form.fields["field"].choices)[form.cleaned_data["field"]], "value": value}
    context = page_context(request, worker, reveal_form=form if revealed is None else None)
    if revealed is None:  # the refusal stays beside the form, even for someone the page offers no form
        context["reveal_form"] = form
    context["revealed"] = revealed
    return render(request, "workforce/worker_detail.html", context)


@dataclass(frozen=True)
class PartAction:
    """An action on one grant, item or request of the worker's page."""

    parts: Callable  # worker -> the open parts this action applies to
    form: type
    service: Callable
    arguments: Callable  # (part, cleaned_data) -> kwargs for the service
    done: str
    anchor: str


PART_ACTIONS = {
    "revoke": PartAction(lambda w: [g for g in w.grants.all() if g.status == GrantStatus.APPROVED], DayForm,
                         access.revoke_grant, lambda g, d: {"grant": g, "revoked_on": d["day"]},
                         gettext_lazy("Access closed."), "#access"),
    "return": PartAction(lambda w: [i for i in w.items.all() if i.returned_on is None], DayForm, access.return_item,
                         lambda i, d: {"item": i, "returned_on": d["day"]}, gettext_lazy("Item returned."), "#access"),
    "answer": PartAction(lambda w: list(w.requests.all()), AnswerForm, worker_requests.answer_request,
                         lambda r, d: {"request": r, "response": d["response"]},
                         gettext_lazy("Your answer is recorded."), "#requests"),
}  # fmt: skip


@require_POST
@require_perm("workforce.view_workers")
def part_action(request, pk: int, action: str, part_pk: int):
    if action not in PART_ACTIONS:
        raise Http404
    step = PART_ACTIONS[action]
    worker = worker_or_404(request, pk)
    part = next((p for p in step.parts(worker) if p.pk == part_pk), None)
    if part is None:
        raise Http404
    form = step.form(request.POST)
    if form.is_valid() and call_service(form, step.service, actor=request.user,
                                        **step.arguments(part, form.cleaned_data)):  # fmt: skip
        messages.success(request, str(step.done))
    else:
        messages.error(request, " ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(worker.get_absolute_url() + step.anchor)


@require_perm("workforce.view_workers")
def badge(request, pk: int):
    worker = worker_or_404(request, pk)
    if not request.user.has_perm("workforce.print_badge", worker):
        raise Http404
    return pdf_response(badges.badge_pdf(worker), filename=f"工牌-{worker.badge_number}", inline=True)
