"""Top-level URL map: pages per app, the REST API under /api/, accounts under /accounts/."""

from django.contrib import admin
from django.contrib.auth.decorators import login_required
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView, SpectacularSwaggerSplitView

api_patterns = [
    path("schema/", SpectacularAPIView.as_view(), name="api-schema"),
    # Split view: Swagger UI's start-up script is a separate response, not inline (Content-Security-Policy).
    path("docs/", login_required(SpectacularSwaggerSplitView.as_view(url_name="api-schema")), name="api-docs"),
    path("", include("outsourcing.org.api_urls")),
    path("", include("outsourcing.approvals.api_urls")),
    path("", include("outsourcing.audit.api_urls")),
    path("", include("outsourcing.notifications.api_urls")),
    path("", include("outsourcing.attachments.api_urls")),
    path("", include("outsourcing.vendors.api_urls")),
    path("", include("outsourcing.demands.api_urls")),
    path("", include("outsourcing.sourcing.api_urls")),
    path("", include("outsourcing.contracts.api_urls")),
    path("", include("outsourcing.workforce.api_urls")),
    path("", include("outsourcing.operations.api_urls")),
    path("", include("outsourcing.performance.api_urls")),
    path("", include("outsourcing.settlements.api_urls")),
    path("", include("outsourcing.partnership.api_urls")),
    path("", include("outsourcing.compliance.api_urls")),
    path("", include("outsourcing.dashboard.api_urls")),
]

urlpatterns = [
    path("", include("outsourcing.dashboard.urls")),
    path("accounts/", include("outsourcing.org.account_urls")),
    path("org/", include("outsourcing.org.urls")),
    path("approvals/", include("outsourcing.approvals.urls")),
    path("audit/", include("outsourcing.audit.urls")),
    path("notifications/", include("outsourcing.notifications.urls")),
    path("attachments/", include("outsourcing.attachments.urls")),
    path("vendors/", include("outsourcing.vendors.urls")),
    path("demands/", include("outsourcing.demands.urls")),
    path("sourcing/", include("outsourcing.sourcing.urls")),
    path("contracts/", include("outsourcing.contracts.urls")),
    path("workers/", include("outsourcing.workforce.urls")),
    path("operations/", include("outsourcing.operations.urls")),
    path("performance/", include("outsourcing.performance.urls")),
    path("settlements/", include("outsourcing.settlements.urls")),
    path("partnership/", include("outsourcing.partnership.urls")),
    path("compliance/", include("outsourcing.compliance.urls")),
    path("api/", include(api_patterns)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("django-admin/", admin.site.urls),
]

handler400 = "outsourcing.core.views.bad_request"
handler403 = "outsourcing.core.views.permission_denied"
handler404 = "outsourcing.core.views.page_not_found"
handler500 = "outsourcing.core.views.server_error"
