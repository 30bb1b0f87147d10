"""Risk and compliance pages: the indicators and their findings (RSK-2), the risk register (RSK-1)."""

from django.urls import path

from outsourcing.compliance import views, views_audits, views_incidents

app_name = "compliance"
urlpatterns = [
    path("", views.risk_list, name="risk_list"),
    path("risks/new/", views.risk_create, name="risk_create"),
    path("risks/<int:pk>/", views.risk_detail, name="risk_detail"),
    path("risks/<int:pk>/edit/", views.risk_edit, name="risk_edit"),
    path("risks/<int:pk>/move/", views.risk_move, name="risk_move"),
    path("projects/", views.score_list, name="score_list"),
    path("projects/<int:pk>/", views.project_score, name="project_score"),
    path("incidents/", views_incidents.incident_list, name="incident_list"),
    path("incidents/new/", views_incidents.incident_create, name="incident_create"),
    path("incidents/<int:pk>/", views_incidents.incident_detail, name="incident_detail"),
    path("incidents/<int:pk>/<slug:action>/", views_incidents.incident_action, name="incident_action"),
    path("incident-actions/<int:pk>/done/", views_incidents.action_done, name="action_done"),
    path("audits/", views_audits.audit_list, name="audit_list"),
    path("audits/new/", views_audits.audit_create, name="audit_create"),
    path("audits/<int:pk>/", views_audits.audit_detail, name="audit_detail"),
    path("audits/<int:pk>/<slug:action>/", views_audits.audit_action, name="audit_action"),
    path("departments/", views_audits.department_reports, name="department_reports"),
    path("departments/<int:pk>/", views_audits.department_report_page, name="department_report"),
    path("critical-services/", views_audits.critical_services, name="critical_services"),
    path("knowledge/", views_audits.knowledge_inventory, name="knowledge"),
    path("dispatch-ratio/", views_audits.dispatch_ratio, name="dispatch_ratio"),
    path("indicators/", views.indicator_list, name="indicator_list"),
    path("indicators/<slug:code>/", views.indicator_detail, name="indicator_detail"),
    path("findings/<int:pk>/", views.finding_detail, name="finding_detail"),
]
