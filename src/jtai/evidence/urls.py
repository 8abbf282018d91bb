from django.urls import path

from . import views

app_name = "evidence"
urlpatterns = [
    path("", views.note_list, name="list"),
    path("new/", views.note_create, name="create"),
    path("summary/", views.summary, name="summary"),
    path("feedback/", views.feedback, name="feedback"),
    path("<int:note_id>/", views.note_detail, name="detail"),
    path("<int:note_id>/edit/", views.note_edit, name="edit"),
    path("<int:note_id>/history/", views.note_history, name="history"),
]
