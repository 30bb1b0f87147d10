from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.contracts import api

router = DefaultRouter()
router.register("contracts", api.ContractViewSet, basename="contract")

urlpatterns = [path("", include(router.urls))]
