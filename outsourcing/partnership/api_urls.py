from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.partnership import api

router = DefaultRouter()
router.register("proposals", api.ProposalViewSet, basename="proposal")
router.register("awards", api.AwardViewSet, basename="award")
router.register("tiers", api.TierChangeViewSet, basename="tier-change")

urlpatterns = [path("", include(router.urls))]
