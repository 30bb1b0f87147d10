from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.operations import api

router = DefaultRouter()
router.register("instructions", api.InstructionViewSet, basename="instruction")
router.register("kickoffs", api.KickOffViewSet, basename="kickoff")
router.register("meetings", api.MeetingViewSet, basename="meeting")
router.register("action-items", api.ActionItemViewSet, basename="action-item")

urlpatterns = [path("", include(router.urls))]
