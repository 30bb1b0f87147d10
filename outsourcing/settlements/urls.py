"""Settlement pages: the list with its Excel export, the detail with each step's action, the tax-rule table."""

from django.urls import path

from outsourcing.settlements import views

app_name = "settlements"
urlpatterns = [
    path("", views.settlement_list, name="list"),
    path("<int:pk>/", views.settlement_detail, name="detail"),
]
