"""Partnership pages: proposals and gain sharing (PTN-1, PTN-2), joint projects (PTN-3), awards (PTN-4), the
strategic tier and relationship plans (PTN-5, VEN-5)."""

from django.urls import path

from outsourcing.partnership import views, views_partners

app_name = "partnership"
urlpatterns = [
    path("", views.proposal_list, name="proposal_list"),
    path("proposals/new/", views.proposal_create, name="proposal_create"),
    path("proposals/<int:pk>/", views.proposal_detail, name="proposal_detail"),
    path("proposals/<int:pk>/stage/", views.proposal_stage, name="proposal_stage"),
    path("proposals/<int:pk>/decline/", views.proposal_decline, name="proposal_decline"),
    path("proposals/<int:pk>/adopt/", views.proposal_adopt, name="proposal_adopt"),
    path("proposals/<int:pk>/benefits/", views.benefit_record, name="benefit_record"),
    path("proposals/<int:pk>/benefits/<int:benefit_pk>/confirm/", views.benefit_confirm, name="benefit_confirm"),
    path("joint-projects/", views_partners.joint_list, name="joint_list"),
    path("joint-projects/<int:pk>/", views_partners.joint_detail, name="joint_detail"),
    path("awards/", views_partners.award_list, name="award_list"),
    path("awards/new/", views_partners.award_create, name="award_create"),
    path("awards/<int:pk>/", views_partners.award_detail, name="award_detail"),
    path("awards/<int:pk>/certificate.pdf", views_partners.award_certificate, name="award_certificate"),
    path("tiers/", views_partners.tier_list, name="tier_list"),
    path("tiers/<int:pk>/", views_partners.tier_detail, name="tier_detail"),
    path("tiers/propose/<int:vendor_pk>/", views_partners.tier_create, name="tier_create"),
    path("plans/<int:vendor_pk>/", views_partners.plan, name="plan"),
    path("plans/activities/<int:pk>/record/", views_partners.activity_record, name="activity_record"),
]
