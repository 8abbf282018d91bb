"""A URL configuration for the tests: an API built the way jtai.api.urls builds the real
one (signed-in sessions by default, the same refusals) with one operation that keeps the
default. Every real operation today is open to anyone, so none of them can answer 401."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import path
from ninja import NinjaAPI, Schema
from ninja.security import django_auth

from jtai.api.errors import ErrorOut, install_error_handlers

api = NinjaAPI(auth=django_auth, urls_namespace="signed-in-api", docs_url=None)
install_error_handlers(api)


class WhoOut(Schema):
    email: str


@api.get("/who", response={200: WhoOut, 401: ErrorOut})
def who(request: HttpRequest) -> dict[str, str]:
    return {"email": request.user.email}  # type: ignore[union-attr]


urlpatterns = [path("api/signed-in/", api.urls)]
