from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.performance import api

router = DefaultRouter()
router.register("kpis", api.KpiViewSet, basename="kpi")
router.register("sla-versions", api.SlaVersionViewSet, basename="sla-version")
router.register("kpi-values", api.KpiValueViewSet, basename="kpi-value")
router.register("evaluations", api.EvaluationViewSet, basename="evaluation")

urlpatterns = [path("", include(router.urls))]
