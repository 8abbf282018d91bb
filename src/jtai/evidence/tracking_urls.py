from django.urls import path

from . import views

app_name = "tracking"
urlpatterns = [
    path("", views.tracking_list, name="list"),
    path("<int:selection_id>/", views.tracking_detail, name="detail"),
    path("<int:selection_id>/edit/", views.tracking_edit, name="edit"),
]
