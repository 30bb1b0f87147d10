"""Vendor pool pages: the pool and each vendor, their records, the portal, the administrator's lists."""

from django.urls import path

from outsourcing.vendors import views, views_admission, views_catalogue, views_portal

app_name = "vendors"
urlpatterns = [
    path("", views.vendor_list, name="list"),
    path("new/", views.vendor_create, name="create"),
    path("import/", views_catalogue.vendor_import, name="import"),
    path("import/template/", views_catalogue.vendor_import_template, name="import_template"),
    path("<int:pk>/", views.vendor_detail, name="detail"),
    path("<int:pk>/edit/", views.vendor_edit, name="edit"),
    path("<int:pk>/status/", views.vendor_status, name="status"),
    path("<int:pk>/documents/new/", views_admission.document_create, name="document_create"),
    path("<int:pk>/diligence/new/", views_admission.diligence_create, name="diligence_create"),
    path("<int:pk>/reviews/new/", views_admission.review_create, name="review_create"),
    path("<int:pk>/accounts/new/", views_portal.account_create, name="account_create"),
    path("documents/<int:pk>/", views_admission.document_detail, name="document_detail"),
    path("documents/<int:pk>/edit/", views_admission.document_edit, name="document_edit"),
    path("documents/<int:pk>/verify/", views_admission.document_verify, name="document_verify"),
    path("reviews/<int:pk>/", views_admission.review_detail, name="review_detail"),
    path("change-requests/", views_portal.change_request_list, name="change_requests"),
    path("documents/to-verify/", views_portal.documents_to_verify, name="documents_to_verify"),
    path("change-requests/<int:pk>/decide/", views_portal.change_request_decide, name="change_request_decide"),
    path("portal/", views_portal.portal, name="portal"),
    path("portal/profile/", views_portal.portal_profile, name="portal_profile"),
    path("catalogue/", views_catalogue.catalogue_page, name="catalogue"),
    path("catalogue/categories/new/", views_catalogue.category_edit, name="category_create"),
    path("catalogue/categories/<int:pk>/", views_catalogue.category_edit, name="category_edit"),
    path("catalogue/licence-types/new/", views_catalogue.licence_type_edit, name="licence_type_create"),
    path("catalogue/licence-types/<int:pk>/", views_catalogue.licence_type_edit, name="licence_type_edit"),
    path("catalogue/affiliates/new/", views_catalogue.affiliate_edit, name="affiliate_create"),
    path("catalogue/affiliates/<int:pk>/", views_catalogue.affiliate_edit, name="affiliate_edit"),
    path("catalogue/affiliates/<int:pk>/remove/", views_catalogue.affiliate_remove, name="affiliate_remove"),
]
