from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.org import api

router = DefaultRouter()
router.register("auth/tokens", api.ApiTokenViewSet, basename="api-token-owned")
router.register("departments", api.DepartmentViewSet, basename="department")
router.register("users", api.UserViewSet, basename="user")

urlpatterns = [
    path("auth/token/", api.ObtainTokenView.as_view(), name="api-token"),
    path("me/", api.MeView.as_view(), name="api-me"),
    path("", include(router.urls)),
]
