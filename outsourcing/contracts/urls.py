"""Contract pages."""

from django.urls import path

from outsourcing.contracts import views

app_name = "contracts"
urlpatterns = [
    path("", views.contract_list, name="list"),
    path("templates/", views.template_list, name="templates"),
    path("templates/<int:pk>/approve/", views.template_approve, name="template_approve"),
    path("new/<int:award_pk>/", views.contract_create, name="create"),
    path("<int:pk>/", views.contract_detail, name="detail"),
    path("<int:pk>/edit/", views.contract_edit, name="edit"),
    path("<int:pk>/submit/", views.contract_submit, name="submit"),
    path("<int:pk>/justification/", views.justification_approve, name="justification"),
    path("<int:pk>/vendor-signature/", views.vendor_signature, name="vendor_signature"),
    path("<int:pk>/close/", views.contract_close, name="close"),
    path("<int:pk>/exit/<int:item_pk>/done/", views.exit_item_done, name="exit_item_done"),
    path("<int:pk>/notices/<int:notice_pk>.pdf", views.notice_pdf, name="notice_pdf"),
    path("<int:pk>/non-renewal/<int:notice_pk>.pdf", views.non_renewal_pdf, name="non_renewal_pdf"),
    path("<int:pk>/notices/<int:notice_pk>/answer/", views.notice_answer, name="notice_answer"),
    path("<int:pk>/<slug:action>/", views.contract_action, name="action"),
]
