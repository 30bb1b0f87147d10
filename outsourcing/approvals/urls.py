from django.urls import path

from outsourcing.approvals import views

app_name = "approvals"
urlpatterns = [
    path("inbox/", views.inbox, name="inbox"),
    path("decided/", views.decided, name="decided"),
    path("submitted/", views.submitted, name="submitted"),
    path("tasks/<int:pk>/decide/", views.decide, name="decide"),
    path("tasks/batch-approve/", views.batch_approve, name="batch_approve"),
    path("flows/", views.flow_list, name="flow_list"),
    path("flows/<int:pk>/edit/", views.flow_edit, name="flow_edit"),
    path("delegations/", views.delegations, name="delegations"),
    path("delegations/<int:pk>/cancel/", views.delegation_cancel, name="delegation_cancel"),
]
