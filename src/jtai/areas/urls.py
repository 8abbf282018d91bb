from django.urls import path

from . import views

app_name = "areas"
urlpatterns = [
    path("", views.area_list, name="list"),
    path("<str:ons_code>/", views.area_detail, name="detail"),
]
