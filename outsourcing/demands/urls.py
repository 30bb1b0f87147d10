from django.urls import path

from outsourcing.demands import views

app_name = "demands"
urlpatterns = [
    path("", views.demand_list, name="list"),
    path("new/", views.demand_create, name="create"),
    path("<int:pk>/", views.demand_detail, name="detail"),
    path("<int:pk>/edit/", views.demand_edit, name="edit"),
    path("<int:pk>/submit/", views.demand_submit, name="submit"),
    path("<int:pk>/confirm-nature/", views.demand_confirm_nature, name="confirm_nature"),
    path("projects/", views.project_list, name="project_list"),
    path("projects/<int:pk>/", views.project_detail, name="project_detail"),
]
