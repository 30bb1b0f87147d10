from django.urls import path

from outsourcing.org import views, views_lockouts, views_screening

app_name = "org"
urlpatterns = [
    path("departments/", views.department_list, name="department_list"),
    path("departments/new/", views.department_create, name="department_create"),
    path("departments/<int:pk>/", views.department_detail, name="department_detail"),
    path("departments/<int:pk>/edit/", views.department_edit, name="department_edit"),
    path("users/", views.user_list, name="user_list"),
    path("users/new/", views.user_create, name="user_create"),
    path("users/<int:pk>/edit/", views.user_edit, name="user_edit"),
    path("users/<int:pk>/password/", views.user_password, name="user_password"),
    path("authority-matrix/", views.authority_matrix, name="authority_matrix"),
    path("authority-matrix/edit/", views.authority_matrix_edit, name="authority_matrix_edit"),
    path("authority-matrix/v<int:number>/", views.authority_matrix, name="authority_matrix_version"),
    path("lockouts/", views_lockouts.lockout_list, name="lockout_list"),
    path("lockouts/<int:pk>/unlock/", views_lockouts.lockout_unlock, name="lockout_unlock"),
    path("screened-terms/", views_screening.screen_terms, name="screen_terms"),
    path("screened-terms/<int:pk>/use/", views_screening.screen_term_use, name="screen_term_use"),
]
