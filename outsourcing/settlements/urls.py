"""Settlement pages: the list with its Excel export, the detail with each step's action, the tax-rule table."""

from django.urls import path

from outsourcing.settlements import views, views_actions, views_construction, views_incentives

app_name = "settlements"
urlpatterns = [
    path("", views.settlement_list, name="list"),
    path("open/<int:contract_pk>/", views_actions.settlement_open, name="open"),
    path("<int:pk>/", views.settlement_detail, name="detail"),
    path("<int:pk>/accept/", views_actions.settlement_accept, name="accept"),
    path("<int:pk>/confirm/", views_actions.settlement_confirm, name="confirm"),
    path("<int:pk>/request/", views_actions.settlement_request, name="request"),
    path("<int:pk>/line/", views_actions.settlement_line, name="line"),
    path("<int:pk>/pay/", views_actions.settlement_pay, name="pay"),
    path("<int:pk>/waive/", views_actions.settlement_waive, name="waive"),
    path("<int:pk>/pdf/", views_actions.settlement_print, name="pdf"),
    path("project/<int:project_pk>/hidden-cost/", views_actions.hidden_cost_record, name="hidden_cost"),
    path("construction/<int:project_pk>/", views_construction.construction_page, name="construction"),
    path("construction/<int:project_pk>/role/", views_construction.company_role, name="company_role"),
    path("construction/<int:project_pk>/evidence/", views_construction.record_evidence, name="evidence"),
    path("construction/contract/<int:contract_pk>/terms/", views_construction.contract_terms, name="terms"),
    path("construction/contract/<int:contract_pk>/schedule/", views_construction.schedule, name="schedule"),
    path("construction/transfer/<int:pk>/", views_construction.record_transfer, name="transfer"),
    path("incentives/<int:contract_pk>/", views_incentives.incentive_tables, name="incentives"),
    path("incentives/sla/<int:sla_pk>/", views_incentives.incentive_table_edit, name="incentive_edit"),
    path("tax-rules/", views_actions.tax_rule_list, name="tax_rules"),
]
