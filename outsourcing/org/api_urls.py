from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.org import api

router = DefaultRouter()
router.register("departments", api.DepartmentViewSet, basename="department")
router.register("users", api.UserViewSet, basename="user")

urlpatterns = [
    path("me/", api.MeView.as_view(), name="api-me"),
    path("", include(router.urls)),
]
