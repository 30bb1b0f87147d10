from django.urls import include, path
from rest_framework.routers import SimpleRouter

from outsourcing.notifications import api

router = SimpleRouter()  # the API root view comes from org's router
router.register("notifications", api.NotificationViewSet, basename="notification")

urlpatterns = [path("", include(router.urls))]
