"""The public site: published reports, for anyone, signed in or not."""

from django.urls import URLPattern

app_name = "public"
urlpatterns: list[URLPattern] = []
