"""The real URL map plus the test document's pages."""

from django.urls import include, path

from outsourcing.urls import handler403, handler404, handler500  # noqa: F401
from outsourcing.urls import urlpatterns as real_urlpatterns

urlpatterns = [*real_urlpatterns, path("testapp/", include("tests.testapp.urls"))]
