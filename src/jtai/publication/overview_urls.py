"""Thematic overviews for programme managers and QA managers: /programme/overviews/."""

from django.urls import URLPattern

app_name = "overviews"
urlpatterns: list[URLPattern] = []
