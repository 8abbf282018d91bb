from django.urls import URLPattern, path

from . import views
from .oidc import ProviderCallback, SignInWithProvider, oidc_enabled

app_name = "accounts"
urlpatterns: list[URLPattern] = [
    path("sign-in/", views.SignInView.as_view(), name="login"),
    path("sign-out/", views.SignOutView.as_view(), name="logout"),
    path("signed-out/", views.signed_out, name="signed-out"),
    path("two-factor/", views.two_factor, name="two-factor"),
    path("two-factor/set-up/", views.two_factor_set_up, name="two-factor-set-up"),
    path("two-factor/recovery-codes/", views.recovery_codes, name="recovery-codes"),
    path("two-factor/recovery-codes/new/", views.recovery_codes_new, name="recovery-codes-new"),
    path("", views.account, name="account"),
    path("users/", views.users, name="users"),
    path(
        "users/<int:user_id>/reset-two-factor/",
        views.user_two_factor_reset,
        name="user-two-factor-reset",
    ),
]

# Single sign-on exists only when configured: otherwise these addresses are not found.
if oidc_enabled():
    urlpatterns += [
        path("sso/", SignInWithProvider.as_view(), name="oidc-sign-in"),
        path("sso/callback/", ProviderCallback.as_view(), name="oidc-callback"),
    ]
