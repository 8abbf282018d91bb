"""Signing in: the password, then the second factor (setting up an authenticator app the
first time), recovery codes, the account page and administrators' two-factor resets.

A password alone signs nobody in: the middleware holds such a session on the two-factor
pages. Wrong codes count towards the same lock as wrong passwords (django-axes, per
account and address), and the failures are forgiven only once both factors are given."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from axes.handlers.proxy import AxesProxyHandler
from axes.helpers import get_client_username, get_cool_off
from axes.models import AccessAttempt
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.signals import user_login_failed
from django.core.paginator import Paginator
from django.db.models import Max
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render, resolve_url
from django.urls import reverse
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from jtai.core.http import AuthenticatedRequest

from . import selectors, services
from .codes import recovery_code_for_display
from .forms import AppCodeForm, SecurityCodeForm, SignInForm, UserSearchForm
from .models import User
from .oidc import oidc_enabled
from .policy import Audience, allow
from .two_factor import (
    NEW_CODES_SESSION_KEY,
    demo_code,
    is_verified,
    mark_verified,
    qr_code_svg,
    secret_text,
)

USERS_PER_PAGE = 50


def _next_url(request: HttpRequest) -> str:
    """Where to go once signed in: the page asked for, if it is one of ours."""
    candidate = request.POST.get("next") or request.GET.get("next") or ""
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return resolve_url(settings.LOGIN_REDIRECT_URL)


def _with_next(url_name: str, next_url: str) -> str:
    url = reverse(url_name)
    default = resolve_url(settings.LOGIN_REDIRECT_URL)
    return url if next_url == default else f"{url}?{urlencode({'next': next_url})}"


@allow(Audience.PUBLIC)
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs: Any) -> dict[str, Any]:
        context = super().get_context_data(**kwargs)
        context["oidc_enabled"] = oidc_enabled()
        context["oidc_provider_name"] = getattr(settings, "OIDC_PROVIDER_NAME", "")
        return context

    def get_success_url(self) -> str:
        # The password is only the first factor: the code comes next.
        return _with_next("accounts:two-factor", _next_url(self.request))


@allow(Audience.PUBLIC, Audience.SIGNING_IN)
class SignOutView(auth_views.LogoutView):
    pass


@allow(Audience.PUBLIC)
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")


def locked_out(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """The page for an account locked after too many wrong passwords or codes, saying
    when it can try again (django-axes calls this for a locked sign-in)."""
    cool_off = get_cool_off(request)
    username = get_client_username(request, credentials) or ""
    last_failure = AccessAttempt.objects.filter(username=username).aggregate(
        last=Max("attempt_time")
    )["last"]
    until = (last_failure or timezone.now()) + cool_off if cool_off else None
    return render(
        request,
        "accounts/locked_out.html",
        {
            "until": timezone.localtime(until) if until else None,
            "minutes": int(cool_off.total_seconds() // 60) if cool_off else None,
        },
        status=429,
    )


def _credentials(user: User) -> dict[str, str]:
    return {"username": user.email}


def _count_failure(request: HttpRequest, user: User) -> bool:
    """Record a wrong code against the account's lock; True if it is now locked."""
    user_login_failed.send(sender=__name__, credentials=_credentials(user), request=request)
    return bool(getattr(request, "axes_locked_out", False))


def _signed_in(request: HttpRequest, user: User, device: Any) -> None:
    mark_verified(request, user, device)
    AxesProxyHandler.update_request(request)
    AxesProxyHandler.reset_attempts(
        ip_address=getattr(request, "axes_ip_address", None), username=user.email
    )


def _locked(request: HttpRequest, user: User) -> HttpResponse:
    credentials = _credentials(user)
    logout(request)
    return locked_out(request, None, credentials)


@allow(Audience.SIGNING_IN)
@never_cache
def two_factor(request: AuthenticatedRequest) -> HttpResponse:
    """The code from the authenticator app (or a recovery code) after the password."""
    user = request.user
    next_url = _next_url(request)
    if is_verified(request):
        return redirect(next_url)
    device = services.app_device(user)
    if device is None:
        return redirect(_with_next("accounts:two-factor-set-up", next_url))
    if AxesProxyHandler.is_locked(request, _credentials(user)):
        return _locked(request, user)
    form = SecurityCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            verified = services.two_factor_verify(user=user, code=form.cleaned_data["code"])
        except services.CodeRefused as refusal:
            form.add_error("code", refusal.message)
            if refusal.counts_as_failure and _count_failure(request, user):
                return _locked(request, user)
            device = services.app_device(user) or device
        else:
            _signed_in(request, user, verified.device)
            if verified.recovery_codes_left is not None:
                left = verified.recovery_codes_left
                messages.warning(
                    request,
                    f"You used a recovery code: you have {left} left. If you no longer have "
                    "your authenticator app, ask an administrator to reset it.",
                )
            return redirect(next_url)
    return render(
        request,
        "accounts/two_factor.html",
        {"form": form, "next": next_url, "demo_code": demo_code(device)},
        status=400 if form.errors else 200,
    )


@allow(Audience.SIGNING_IN)
@never_cache
def two_factor_set_up(request: AuthenticatedRequest) -> HttpResponse:
    """First sign-in (or after a reset): scan a QR code, then confirm with a code."""
    user = request.user
    next_url = _next_url(request)
    if services.app_device(user) is not None:
        return redirect(_with_next("accounts:two-factor", next_url))
    device = services.enrolment_device(user=user)
    form = AppCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            confirmed, codes = services.two_factor_enrol(user=user, code=form.cleaned_data["code"])
        except services.CodeRefused as refusal:
            form.add_error("code", refusal.message)
        else:
            _signed_in(request, user, confirmed)
            request.session[NEW_CODES_SESSION_KEY] = codes
            return redirect(_with_next("accounts:recovery-codes", next_url))
    return render(
        request,
        "accounts/two_factor_set_up.html",
        {
            "form": form,
            "next": next_url,
            "qr_code": qr_code_svg(device, label="QR code to add this service to your app"),
            "secret": secret_text(device),
        },
        status=400 if form.errors else 200,
    )


@allow(Audience.SIGNED_IN)
@never_cache
def recovery_codes(request: AuthenticatedRequest) -> HttpResponse:
    """New recovery codes, shown once: opening the page again shows nothing."""
    codes = request.session.pop(NEW_CODES_SESSION_KEY, None)
    if not codes:
        messages.info(
            request,
            "Recovery codes are shown only once. If you did not keep them, get new ones.",
        )
        return redirect("accounts:account")
    return render(
        request,
        "accounts/recovery_codes.html",
        {
            "codes": [recovery_code_for_display(code) for code in codes],
            "next": _next_url(request),
        },
    )


@allow(Audience.SIGNED_IN)
@require_POST
def recovery_codes_new(request: AuthenticatedRequest) -> HttpResponse:
    try:
        codes = services.recovery_codes_regenerate(user=request.user)
    except services.TwoFactorError as error:
        messages.error(request, error.message)
        return redirect("accounts:account")
    request.session[NEW_CODES_SESSION_KEY] = codes
    return redirect(_with_next("accounts:recovery-codes", reverse("accounts:account")))


@allow(Audience.SIGNED_IN)
def account(request: AuthenticatedRequest) -> HttpResponse:
    user = request.user
    return render(
        request,
        "accounts/account.html",
        {
            "app_device": services.app_device(user),
            "codes_left": services.recovery_codes_left(user),
            "is_administrator": user.role == "administrator",
        },
    )


@allow(Audience.ADMINISTRATOR)
def users(request: AuthenticatedRequest) -> HttpResponse:
    """Administrators: every account's two-factor set-up, to reset it for someone who
    lost their authenticator app."""
    form = UserSearchForm(request.GET or None)
    search = form.cleaned_data["q"] if form.is_valid() else ""
    found = selectors.users_with_two_factor(actor=request.user, search=search)
    page = Paginator(found, USERS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        "accounts/users.html",
        {"search_form": form, "page": page, "search": search},
    )


@allow(Audience.ADMINISTRATOR)
def user_two_factor_reset(request: AuthenticatedRequest, user_id: int) -> HttpResponse:
    person = selectors.user_get(actor=request.user, user_id=user_id)
    refusal = None
    if request.method == "POST":
        try:
            services.two_factor_reset(actor=request.user, user=person)
        except services.TwoFactorResetRefused as error:
            refusal = error.message
        else:
            messages.success(
                request,
                f"Two-factor authentication reset for {person.full_name}. They will set up "
                "an authenticator app when they next sign in.",
            )
            return HttpResponseRedirect(reverse("accounts:users"))
    return render(
        request,
        "accounts/user_two_factor_reset.html",
        {"person": person, "is_self": person.pk == request.user.pk, "refusal": refusal},
        status=400 if refusal else 200,
    )
