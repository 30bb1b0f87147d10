from django.urls import path

from outsourcing.attachments import views

app_name = "attachments"
urlpatterns = [
    path("upload/", views.upload, name="upload"),
    path("<uuid:uuid>/download/", views.download, name="download"),
    path("<uuid:uuid>/delete/", views.delete, name="delete"),
]
