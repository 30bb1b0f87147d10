from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.compliance import api, api_audits

router = DefaultRouter()
router.register("risks", api.RiskViewSet, basename="risk")
router.register("risk-indicators", api.RiskIndicatorViewSet, basename="risk-indicator")
router.register("incidents", api.IncidentViewSet, basename="incident")
router.register("audits", api_audits.AuditViewSet, basename="audit")

urlpatterns = [
    path("projects/<int:pk>/dispatch-score/", api.dispatch_score, name="project-dispatch-score"),
    path("", include(router.urls)),
]
