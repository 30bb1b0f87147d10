"""Operations pages: work instructions (OPS-1)."""

from django.urls import path

from outsourcing.operations import views

app_name = "operations"
urlpatterns = [
    path("", views.instruction_list, name="instruction_list"),
    path("instructions/new/", views.instruction_create, name="instruction_create"),
    path("instructions/<int:pk>/", views.instruction_detail, name="instruction_detail"),
    path("instructions/<int:pk>/acknowledge/", views.instruction_acknowledge, name="instruction_acknowledge"),
    path("instructions/<int:pk>/complete/", views.instruction_complete, name="instruction_complete"),
]
