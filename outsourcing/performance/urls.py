"""Performance pages: evaluations (PRF-6), the KPI library (PRF-1), SLA versions (PRF-2), values (PRF-3),
rectification plans and PIPs (PRF-7), dashboards (PRF-4)."""

from django.urls import path

from outsourcing.performance import views, views_evaluations, views_reports, views_rollups

app_name = "performance"
urlpatterns = [
    path("", views_evaluations.evaluation_list, name="evaluation_list"),
    path("evaluations/new/", views_evaluations.evaluation_create, name="evaluation_create"),
    path("evaluations/<int:pk>/", views_evaluations.evaluation_detail, name="evaluation_detail"),
    path("evaluations/<int:pk>/publish/", views_evaluations.evaluation_publish, name="evaluation_publish"),
    path("evaluations/<int:pk>/discard/", views_evaluations.evaluation_discard, name="evaluation_discard"),
    path("evaluations/<int:pk>/answer/", views_evaluations.evaluation_answer, name="evaluation_answer"),
    path("evaluations/<int:pk>/resolve/", views_evaluations.evaluation_resolve, name="evaluation_resolve"),
    path("kpis/", views.kpi_list, name="kpi_list"),
    path("kpis/new/", views.kpi_form, name="kpi_create"),
    path("kpis/<int:pk>/", views.kpi_detail, name="kpi_detail"),
    path("kpis/<int:pk>/edit/", views.kpi_form, name="kpi_edit"),
    path("slas/", views.sla_list, name="sla_list"),
    path("slas/new/", views.sla_create, name="sla_create"),
    path("slas/<int:pk>/", views.sla_detail, name="sla_detail"),
    path("slas/<int:pk>/resubmit/", views.sla_resubmit, name="sla_resubmit"),
    path("values/", views.value_list, name="value_list"),
    path("values/new/", views.value_create, name="value_create"),
    path("values/import/", views.value_import, name="value_import"),
    path("values/template/", views.value_template, name="value_template"),
    path("values/<int:pk>/", views.value_detail, name="value_detail"),
    path("improvement/", views_evaluations.improvement_list, name="improvement_list"),
    path("plans/<int:pk>/", views_evaluations.plan_detail, name="plan_detail"),
    path("pips/<int:pk>/", views_evaluations.pip_detail, name="pip_detail"),
    path("reports/", views_reports.report_list, name="report_list"),
    path("reports/new/", views_reports.report_create, name="report_create"),
    path("reports/<int:pk>/", views_reports.report_detail, name="report_detail"),
    path("feedback/new/", views_reports.feedback_create, name="feedback_create"),
    path("rollups/", views_rollups.rollup_list, name="rollup_list"),
    path("rollups/proposals/<int:pk>/", views_rollups.proposal_decide, name="proposal_decide"),
    path("dashboards/", views_evaluations.dashboards, name="dashboards"),
    path("dashboards/<int:pk>/", views_evaluations.dashboard, name="dashboard"),
    path("scorecards/<int:pk>/", views_rollups.scorecard, name="scorecard"),
]
