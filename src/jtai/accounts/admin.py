from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.contrib.auth.forms import UserChangeForm, UserCreationForm
from django.db.models import QuerySet
from django.http import HttpRequest
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import Inspectorate, TwoFactorReset, User
from .services import TwoFactorResetRefused, two_factor_reset


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
    actions = ("reset_two_factor",)

    @admin.action(description="Reset two-factor authentication (set up again at next sign-in)")
    def reset_two_factor(self, request: HttpRequest, queryset: QuerySet[User]) -> None:
        done = 0
        for person in queryset:
            try:
                two_factor_reset(actor=request.user, user=person)  # type: ignore[arg-type]
            except TwoFactorResetRefused as refusal:
                self.message_user(request, f"{person}: {refusal.message}", messages.ERROR)
            else:
                done += 1
        if done:
            self.message_user(
                request,
                f"Two-factor authentication reset for {done} account{'s' if done != 1 else ''}.",
                messages.SUCCESS,
            )


@admin.register(Inspectorate)
class InspectorateAdmin(admin.ModelAdmin[Inspectorate]):
    list_display = ("short_name", "code", "signatory_title")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # the four inspectorates are fixed


@admin.register(TwoFactorReset)
class TwoFactorResetAdmin(admin.ModelAdmin[TwoFactorReset]):
    """The record of resets: read only, made by the reset itself."""

    list_display = ("user", "reset_by", "reset_at")
    list_select_related = ("user", "reset_by")
    search_fields = ("user__email", "user__full_name")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


# django-otp's own admin pages show each device's secret key (and the static plugin's
# codes, which it keeps in clear; ours are hashed and not in the administration site at
# all): nobody needs to read those. Resetting is done through the action above (or the
# service's page), which also records who did it.
for _model in (TOTPDevice, StaticDevice):
    if admin.site.is_registered(_model):
        admin.site.unregister(_model)
