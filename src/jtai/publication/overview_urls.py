"""Thematic overviews for programme managers and QA managers: /programme/overviews/."""

from django.urls import path

from . import overview_views

app_name = "overviews"
urlpatterns = [
    path("", overview_views.overview_list, name="list"),
    path("new/", overview_views.overview_create, name="create"),
    path("<int:overview_id>/", overview_views.overview_detail, name="detail"),
    path("<int:overview_id>/edit/", overview_views.overview_edit, name="edit"),
    path("<int:overview_id>/step/", overview_views.overview_step, name="step"),
]
