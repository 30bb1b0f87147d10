from django.urls import include, path
from rest_framework.routers import SimpleRouter

from outsourcing.audit import api

router = SimpleRouter()
router.register("audit-events", api.AuditEventViewSet, basename="audit-event")

urlpatterns = [
    path("", include(router.urls)),
]
