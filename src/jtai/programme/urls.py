from django.urls import path

from . import views

app_name = "programme"
urlpatterns = [
    path("", views.year_list, name="years"),
    path("<int:year_id>/", views.year_detail, name="year"),
    path("<int:year_id>/plan/", views.year_plan, name="year-plan"),
    path("<int:year_id>/pins/new/", views.pin_add, name="pin-add"),
    path("<int:year_id>/pins/<int:pin_id>/remove/", views.pin_remove, name="pin-remove"),
    path("<int:year_id>/unavailability/new/", views.unavailability_add, name="unavailability-add"),
    path("plans/<int:plan_id>/", views.plan_detail, name="plan"),
    path("plans/<int:plan_id>/replan/", views.plan_replan, name="plan-replan"),
    path("plans/<int:plan_id>/pin/", views.plan_pin, name="plan-pin"),
    path("plans/<int:plan_id>/publish/", views.plan_publish, name="plan-publish"),
    path("plans/<int:plan_id>/accept/", views.plan_accept, name="plan-accept"),
]
