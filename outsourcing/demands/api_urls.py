from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.demands import api

router = DefaultRouter()
router.register("demands", api.DemandViewSet, basename="demand")
router.register("projects", api.ProjectViewSet, basename="project")

urlpatterns = [path("", include(router.urls))]
