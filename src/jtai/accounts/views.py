from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .forms import SignInForm
from .policy import Audience, allow


@allow(Audience.PUBLIC)
class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "accounts/sign_in.html"
    redirect_authenticated_user = True


@allow(Audience.PUBLIC)
class SignOutView(auth_views.LogoutView):
    pass


@allow(Audience.PUBLIC)
def signed_out(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/signed_out.html")
