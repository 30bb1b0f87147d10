from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.workforce import api

router = DefaultRouter()
# The proofs first: /api/workers/monthly-proofs/ must not be read as the worker "monthly-proofs".
router.register("workers/monthly-proofs", api.MonthlyProofViewSet, basename="monthly-proof")
router.register("workers", api.WorkerViewSet, basename="worker")

urlpatterns = [path("", include(router.urls))]
