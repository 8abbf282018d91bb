"""Deny by default: a view is reachable only if it declares its audience."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse

from jtai.accounts.policy import audiences_of, in_audience

logger = logging.getLogger(__name__)

# The admin site checks staff status itself; the API checks each endpoint's auth itself.
SELF_GUARDED_PREFIXES = ("/admin/", "/api/")


class AccessPolicyMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_view(
        self,
        request: HttpRequest,
        view_func: Callable[..., Any],
        view_args: tuple[Any, ...],
        view_kwargs: dict[str, Any],
    ) -> HttpResponse | None:
        if request.path.startswith(SELF_GUARDED_PREFIXES):
            return None
        audiences = audiences_of(view_func)
        if audiences is None:
            logger.error("View %s declares no audience; refusing.", view_func.__qualname__)
            raise PermissionDenied("This page has no access rule.")
        if in_audience(request.user, *audiences):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied
