from django.urls import path

from outsourcing.dashboard import views, views_reports

app_name = "dashboard"
urlpatterns = [path("", views.home, name="home"), path("dashboard/", views_reports.reports, name="reports")]
