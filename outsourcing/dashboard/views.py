"""Home page per role."""

from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from outsourcing.core.todos import waiting_items
from outsourcing.dashboard.home import role_cards


@login_required
def home(request):
    return render(
        request,
        "dashboard/home.html",
        {"waiting": waiting_items(request.user), "role_cards": role_cards(request.user)},
    )
