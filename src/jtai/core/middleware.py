"""Deny by default: a view is reachable only if it declares its audience, and a signed-in
session reaches nothing but the two-factor pages and sign-out until its second factor
has been given."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from django.contrib.auth.models import AnonymousUser
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.urls import reverse

from jtai.accounts.policy import Audience, audiences_of, in_audience
from jtai.accounts.two_factor import is_pending

logger = logging.getLogger(__name__)

# The admin site checks staff status itself; the API checks each endpoint's auth itself.
SELF_GUARDED_PREFIXES = ("/admin/", "/api/")
API_PREFIX = "/api/"


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
        audiences = audiences_of(view_func)
        if is_pending(request):
            refused = self._hold_until_verified(request, audiences)
            if refused is not None:
                return refused
        if request.path.startswith(SELF_GUARDED_PREFIXES):
            return None
        if audiences is None:
            logger.error("View %s declares no audience; refusing.", view_func.__qualname__)
            raise PermissionDenied("This page has no access rule.")
        if in_audience(request.user, *audiences):
            return None
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path())
        raise PermissionDenied

    @staticmethod
    def _hold_until_verified(
        request: HttpRequest, audiences: frozenset[Audience] | None
    ) -> HttpResponse | None:
        """A password without a code: the policy treats the user as not signed in, the
        API sees an anonymous caller, and every page but the two-factor ones and
        sign-out sends them to enter their code."""
        request.user.two_factor_pending = True  # type: ignore[union-attr]
        if request.path.startswith(API_PREFIX):
            request.user = AnonymousUser()
            return None
        if audiences is not None and Audience.SIGNING_IN in audiences:
            return None
        url = reverse("accounts:two-factor")
        if request.method == "GET":
            url += "?" + urlencode({"next": request.get_full_path()})
        return HttpResponseRedirect(url)
