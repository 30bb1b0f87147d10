from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.attachments import api

router = DefaultRouter()
router.register("attachments", api.AttachmentViewSet, basename="attachment")

urlpatterns = [path("", include(router.urls))]
