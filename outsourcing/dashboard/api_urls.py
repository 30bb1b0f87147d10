from django.urls import path

from outsourcing.dashboard import api

urlpatterns = [path("dashboard/", api.dashboard, name="dashboard")]
