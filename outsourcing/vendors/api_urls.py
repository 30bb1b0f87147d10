from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.vendors import api

router = DefaultRouter()
router.register("vendors", api.VendorViewSet, basename="vendor")

urlpatterns = [path("", include(router.urls))]
