from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.http import HttpRequest

from .models import Inspectorate, User


class UserCreateForm(UserCreationForm[User]):
    class Meta:
        model = User
        fields = ("email", "full_name", "role", "inspectorate", "area", "agency")


class UserEditForm(UserChangeForm[User]):
    class Meta:
        model = User
        fields = "__all__"


@admin.register(User)
class UserAdmin(BaseUserAdmin[User]):  # type: ignore[type-var]  # email-based user, same admin
    add_form = UserCreateForm
    form = UserEditForm
    ordering = ("email",)
    list_display = ("email", "full_name", "role", "inspectorate", "area", "is_active")
    list_filter = ("role", "inspectorate", "is_active")
    search_fields = ("email", "full_name")
    autocomplete_fields = ("area",)
    fieldsets = (
        (None, {"fields": ("email", "password")}),
        ("Person", {"fields": ("full_name", "job_title")}),
        ("Role and scope", {"fields": ("role", "inspectorate", "area", "agency")}),
        ("Access", {"fields": ("is_active", "is_staff", "is_superuser")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "fields": (
                    "email",
                    "full_name",
                    "role",
                    "inspectorate",
                    "area",
                    "agency",
                    "password1",
                    "password2",
                )
            },
        ),
    )
    filter_horizontal = ()


@admin.register(Inspectorate)
class InspectorateAdmin(admin.ModelAdmin[Inspectorate]):
    list_display = ("short_name", "code", "signatory_title")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the four inspectorates are fixed
