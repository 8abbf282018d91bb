from django.urls import path

from .views import audits, lists, selection

app_name = "cases"
urlpatterns = [
    path("", lists.index, name="index"),
    path("lists/upload/", lists.upload, name="upload"),
    path("lists/problems/<int:rejection_id>/", lists.problems, name="problems"),
    path("children/", lists.children, name="children"),
    path("children/<int:child_id>/", lists.child, name="child"),
    path("children/<int:child_id>/long-list/", selection.long_list_add, name="long-list-add"),
    path("selection/", selection.selection, name="selection"),
    path("selection/suggest/", selection.suggest, name="suggest"),
    path("selection/request-audits/", selection.request_audits, name="request-audits"),
    path("selection/<int:selection_id>/short-list/", selection.short_list, name="short-list"),
    path("selection/<int:selection_id>/remove/", selection.remove, name="remove"),
    path("audits/", audits.audit_list, name="audits"),
    path("audits/<int:audit_id>/", audits.audit_detail, name="audit"),
    path("audits/<int:audit_id>/submit/", audits.audit_submit, name="submit"),
    path("audits/<int:audit_id>/sections/<int:section_id>/", audits.section_edit, name="section"),
]
