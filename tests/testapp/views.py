from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render

from outsourcing.approvals import services as approvals
from outsourcing.core.views import require_perm

from .models import SampleDocument


@require_perm("testapp.view_sampledocument")
def detail(request, pk):
    document = get_object_or_404(SampleDocument, pk=pk)
    can_submit = document.status in ("draft", "returned") and request.user.has_perm(
        "testapp.change_sampledocument", document
    )
    return render(request, "testapp/detail.html", {"document": document, "can_submit": can_submit})


def submit(request, pk):
    document = get_object_or_404(SampleDocument, pk=pk)
    if request.method != "POST" or not request.user.has_perm("testapp.change_sampledocument", document):
        raise PermissionDenied
    if request.POST.get("title"):
        document.title = request.POST["title"]
    document.status = "in_approval"
    document.save()
    approvals.submit(document=document, actor=request.user)
    messages.success(request, "已提交审批")
    return redirect(document.get_absolute_url())
