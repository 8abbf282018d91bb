from django.urls import path

from . import views

app_name = "inspections"
urlpatterns = [
    path("", views.inspection_list, name="list"),
    path("new/", views.inspection_create, name="create"),
    path("<str:reference>/", views.inspection_detail, name="detail"),
    path("<str:reference>/reschedule/", views.inspection_reschedule, name="reschedule"),
    path("<str:reference>/team/add/", views.team_add, name="team-add"),
    path("<str:reference>/team/<int:member_id>/remove/", views.team_remove, name="team-remove"),
    path(
        "<str:reference>/steps/<slug:transition>/", views.inspection_transition, name="transition"
    ),
]
