from django.urls import path

from . import views

app_name = "information"
urlpatterns = [
    path("", views.request_overview, name="request"),
    path("send/", views.request_send, name="send"),
    path("items/<int:item_id>/", views.item_detail, name="item"),
    path("items/<int:item_id>/upload/", views.document_upload, name="upload"),
    path("items/<int:item_id>/review/", views.item_review, name="review"),
    path("documents/<int:document_id>/", views.document_download, name="download"),
]
