"""Vendor selection pages: events and their stages, the panel, the award and its letters, the portal."""

from django.urls import path

from outsourcing.sourcing import views, views_panel, views_portal

app_name = "sourcing"
urlpatterns = [
    path("", views.event_list, name="list"),
    path("new/", views.event_create, name="create"),
    path("<int:pk>/", views.event_detail, name="detail"),
    path("<int:pk>/edit/", views.event_edit, name="edit"),
    path("<int:pk>/candidates/", views.candidate_add, name="candidate_add"),
    path("<int:pk>/candidates/<int:candidate_pk>/remove/", views.candidate_remove, name="candidate_remove"),
    path("<int:pk>/single-source/", views.single_source_submit, name="single_source"),
    path("<int:pk>/invite/", views.invite, name="invite"),
    path("<int:pk>/open/", views.open_answers, name="open"),
    path("<int:pk>/candidates/<int:candidate_pk>/stage/", views.stage_result, name="stage_result"),
    path("<int:pk>/advance/", views.advance, name="advance"),
    path("<int:pk>/cancel/", views.cancel, name="cancel"),
    path("<int:pk>/panel/", views.panel_add, name="panel_add"),
    path("<int:pk>/declare/", views_panel.declare, name="declare"),
    path("<int:pk>/score/", views_panel.score_sheet, name="score"),
    path("<int:pk>/negotiation/", views_panel.negotiation_add, name="negotiation_add"),
    path("<int:pk>/award/", views_panel.award_propose, name="award"),
    path("<int:pk>/award-notice.pdf", views_panel.award_notice_pdf, name="award_notice"),
    path("<int:pk>/letters/<int:candidate_pk>.pdf", views_panel.result_letter_pdf, name="result_letter"),
    path("<int:pk>/report.pdf", views_panel.evaluation_report_pdf, name="report"),
    path("answers/<int:pk>/", views_panel.bid_detail, name="bid_detail"),
    path("portal/", views_portal.invitations, name="portal"),
    path("portal/<int:pk>/", views_portal.invitation, name="portal_event"),
    path("portal/<int:pk>/letter.pdf", views_portal.invitation_letter, name="portal_letter"),
]
