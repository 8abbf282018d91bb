"""The public site: published reports, for anyone, signed in or not."""

from django.urls import path

from . import public_views

app_name = "public"
urlpatterns = [
    path("", public_views.report_list, name="list"),
    path("overviews/<slug:slug>/", public_views.overview_detail, name="overview"),
    path("overviews/<slug:slug>/pdf/", public_views.overview_pdf, name="overview-pdf"),
    path("<slug:slug>/", public_views.report_detail, name="report"),
    path("<slug:slug>/pdf/", public_views.report_pdf, name="pdf"),
]
