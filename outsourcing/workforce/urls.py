"""Worker pages."""

from django.urls import path

from outsourcing.workforce import views, views_batch, views_proofs

app_name = "workforce"
urlpatterns = [
    path("", views.worker_list, name="list"),
    path("new/", views.worker_create, name="create"),
    path("roster/import/", views.roster_import, name="roster_import"),
    path("entries/", views_batch.entry_batch_page, name="entry_batch"),
    path("roster/template/", views.roster_template, name="roster_template"),
    path("proofs/", views_proofs.proof_list, name="proof_list"),
    path("proofs/send/", views_proofs.proof_submit, name="proof_submit"),
    path("proofs/<int:pk>/", views_proofs.proof_detail, name="proof_detail"),
    path("proofs/<int:pk>/check/", views_proofs.proof_check, name="proof_check"),
    path("proofs/<int:pk>/insurance-list/", views_proofs.proof_insurance_list, name="proof_insurance_list"),
    path("stability/", views_proofs.stability, name="stability"),
    path("<int:pk>/", views.worker_detail, name="detail"),
    path("<int:pk>/badge.pdf", views.badge, name="badge"),
    path("<int:pk>/reveal/", views.reveal, name="reveal"),
    path("<int:pk>/confirm-minor/", views.confirm_minor, name="confirm_minor"),
    path("<int:pk>/<slug:action>/<int:part_pk>/", views.part_action, name="part_action"),
    path("<int:pk>/<slug:action>/", views.worker_action, name="action"),
]
