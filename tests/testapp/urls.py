from django.urls import path

from . import views

app_name = "testapp"
urlpatterns = [
    path("<int:pk>/", views.detail, name="detail"),
    path("<int:pk>/submit/", views.submit, name="submit"),
]
