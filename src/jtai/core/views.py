from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jtai.accounts.policy import Audience, allow, is_inspectorate_staff, is_local_area_user
from jtai.inspections import selectors as inspection_selectors


@allow(Audience.PUBLIC)
def home(request: HttpRequest) -> HttpResponse:
    if is_inspectorate_staff(request.user) or is_local_area_user(request.user):
        dashboard = inspection_selectors.dashboard_for(user=request.user)
        return render(request, "core/dashboard.html", {"dashboard": dashboard})
    return render(request, "core/start.html")


@allow(Audience.PUBLIC)
def accessibility(request: HttpRequest) -> HttpResponse:
    return render(request, "core/accessibility.html")


@allow(Audience.PUBLIC)
def privacy(request: HttpRequest) -> HttpResponse:
    return render(request, "core/privacy.html")


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "core/csrf_failure.html", status=403)


def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/400.html", status=400)


def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/403.html", status=403)


def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "core/404.html", status=404)


def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request context: whatever failed may be in a context processor.
    return render(None, "core/500.html", status=500)
