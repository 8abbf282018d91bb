from django.urls import path

from . import views

app_name = "fieldwork"
urlpatterns = [
    path("", views.timetable, name="timetable"),
    path("activities/add/", views.activity_add, name="activity-add"),
    path("activities/<int:activity_id>/", views.activity_detail, name="activity"),
    path("activities/<int:activity_id>/edit/", views.activity_edit, name="activity-edit"),
    path("activities/<int:activity_id>/remove/", views.activity_remove, name="activity-remove"),
    path("activities/<int:activity_id>/respond/", views.activity_respond, name="activity-respond"),
    path("subgroups/", views.subgroups, name="subgroups"),
    path("subgroups/<int:subgroup_id>/", views.subgroup_edit, name="subgroup"),
    path("team-meetings/", views.team_meetings, name="team-meetings"),
    path("fill/", views.fill, name="fill"),
]
