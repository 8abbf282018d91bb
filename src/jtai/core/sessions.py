"""Sessions end after a period without activity. Rather than writing the session on
every request (a database write and commit for each page), activity refreshes the
session's expiry at most once every ``SESSION_REFRESH_SECONDS``: a session then lasts
between the idle timeout and the idle timeout less that interval after the last page."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

REFRESHED_AT = "_jtai_refreshed_at"


class SessionRefreshMiddleware:
    """Inside Django's SessionMiddleware: marks a live session as changed when its last
    refresh is older than the interval, so that SessionMiddleware saves it (and so pushes
    its expiry on)."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        session = request.session
        # No session cookie, or a session ended by this request: nothing to keep alive.
        if session.session_key is None or session.is_empty():
            return response
        now = time.time()
        if now - session.get(REFRESHED_AT, 0) >= settings.SESSION_REFRESH_SECONDS:
            session[REFRESHED_AT] = now
        return response


@receiver(user_logged_in)
def _refreshed_on_sign_in(request: HttpRequest | None, **kwargs: object) -> None:
    # Signing in writes the session anyway: the next minute's pages need not.
    if request is not None:
        request.session[REFRESHED_AT] = time.time()
