"""The direct-management screen's terms (OPS-2): every staff member sees what texts to the vendor are screened
for; HR adds terms and takes them out of use, and reads the signs recorded when a text was sent anyway."""

from __future__ import annotations

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from outsourcing.core import screening
from outsourcing.core.forms import call_service
from outsourcing.core.models import ScreenCategory, ScreenTerm
from outsourcing.core.views import require_perm


class ScreenTermForm(forms.Form):
    term = forms.CharField(label=gettext_lazy("Screened term"), max_length=60)
    category = forms.ChoiceField(label=gettext_lazy("Speaks of"), choices=ScreenCategory.choices)


@require_perm("core.view_screen_terms")
def screen_terms(request):
    may_manage = request.user.has_perm("core.manage_screen_terms")
    form = ScreenTermForm(request.POST or None)
    if request.method == "POST":
        if not may_manage:
            raise PermissionDenied
        if form.is_valid() and call_service(form, screening.add_term, actor=request.user, **form.cleaned_data):
            messages.success(request, _("“%(term)s” is screened from now on.") % {"term": form.cleaned_data["term"]})
            return redirect("org:screen_terms")
    context = {
        "terms": ScreenTerm.objects.all(),
        "form": form if may_manage else None,
        "may_manage": may_manage,
        "signs": screening.signs().select_related("recorded_by", "content_type")[:50] if may_manage else [],
        "reason": screening.REASON,
        "tab": "screening",
    }
    return render(request, "org/screen_terms.html", context)


@require_POST
@require_perm("core.manage_screen_terms")
def screen_term_use(request, pk: int):
    term = get_object_or_404(ScreenTerm, pk=pk)
    in_use = request.POST.get("in_use") == "1"
    screening.set_term_in_use(actor=request.user, term=term, in_use=in_use)
    messages.success(request, (_("“%(term)s” is screened again.") if in_use
                               else _("“%(term)s” is no longer screened.")) % {"term": term.term})  # fmt: skip
    return redirect("org:screen_terms")
