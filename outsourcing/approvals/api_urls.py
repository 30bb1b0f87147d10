from django.urls import include, path
from rest_framework.routers import DefaultRouter

from outsourcing.approvals import api

router = DefaultRouter()
router.register("approvals/tasks", api.ApprovalTaskViewSet, basename="approval-task")

urlpatterns = [path("", include(router.urls))]
