from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.operations import api

router = DefaultRouter()
router.register("instructions", api.InstructionViewSet, basename="instruction")

urlpatterns = [path("", include(router.urls))]
