"""Operations pages: work instructions (OPS-1), meetings and action items (OPS-3), kick-offs (OPS-4)."""

from django.urls import path

from outsourcing.operations import views, views_meetings

app_name = "operations"
urlpatterns = [
    path("", views.instruction_list, name="instruction_list"),
    path("instructions/new/", views.instruction_create, name="instruction_create"),
    path("instructions/<int:pk>/", views.instruction_detail, name="instruction_detail"),
    path("instructions/<int:pk>/acknowledge/", views.instruction_acknowledge, name="instruction_acknowledge"),
    path("instructions/<int:pk>/complete/", views.instruction_complete, name="instruction_complete"),
    path("kickoffs/", views_meetings.kickoff_list, name="kickoff_list"),
    path("kickoffs/new/", views_meetings.kickoff_create, name="kickoff_create"),
    path("kickoffs/<int:pk>/", views_meetings.kickoff_detail, name="kickoff_detail"),
    path("kickoffs/<int:pk>/interface-persons/<int:person_pk>/replace/", views_meetings.interface_person_replace,
         name="interface_person_replace"),
    path("meetings/", views_meetings.meeting_list, name="meeting_list"),
    path("meetings/new/", views_meetings.meeting_create, name="meeting_create"),
    path("meetings/<int:pk>/", views_meetings.meeting_detail, name="meeting_detail"),
    path("meetings/<int:pk>/minutes/", views_meetings.meeting_minutes, name="meeting_minutes"),
    path("meetings/<int:pk>/action-items/", views_meetings.meeting_action_item, name="meeting_action_item"),
    path("action-items/", views_meetings.action_item_list, name="action_item_list"),
    path("action-items/<int:pk>/close/", views_meetings.action_item_close, name="action_item_close"),
]
