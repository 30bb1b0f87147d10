"""Vendor pool pages: master data (views), documents and admission (views_admission), vendor portal."""

from django.urls import include, path

app_name = "vendors"
urlpatterns = [
    path("", include("outsourcing.vendors.urls_pool")),
    path("", include("outsourcing.vendors.urls_admission")),
    path("portal/", include("outsourcing.vendors.urls_portal")),
]
