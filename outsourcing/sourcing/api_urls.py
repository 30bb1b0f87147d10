from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.sourcing import api

router = DefaultRouter()
router.register("sourcing-events", api.EventViewSet, basename="sourcing-event")
router.register("bids", api.BidViewSet, basename="bid")

urlpatterns = [path("", include(router.urls))]
