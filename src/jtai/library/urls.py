from django.urls import path

from . import views

app_name = "library"
urlpatterns = [
    path("", views.register, name="register"),
    path("search/", views.search, name="search"),
    path("letters/<int:letter_id>/", views.letter_detail, name="letter"),
    path("letters/<int:letter_id>/pdf/", views.letter_download, name="letter-pdf"),
    path("areas/<str:ons_code>/", views.area, name="area"),
    path("themes/<slug:key>/", views.theme, name="theme"),
]
