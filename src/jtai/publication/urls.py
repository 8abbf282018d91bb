"""An inspection's report inside the service: /inspections/<reference>/report/."""

from django.urls import path

from . import views

app_name = "publication"
urlpatterns = [
    path("", views.report_detail, name="report"),
    path("pdf/", views.report_pdf, name="pdf"),
    path("publish/", views.report_publish, name="publish"),
    path("statement/", views.statement_upload, name="statement"),
    path("statement/download/", views.statement_download, name="statement-download"),
    path("actions/", views.action_plan, name="actions"),
    path("actions/<int:item_id>/", views.action_edit, name="action-edit"),
]
