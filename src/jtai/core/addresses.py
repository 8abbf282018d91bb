"""Where a request came from, for the access log and the sign-in lock alike."""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_address(request: HttpRequest) -> str | None:
    """The address the request came from. Behind ``JTAI_TRUSTED_PROXY_COUNT`` proxies of
    our own, it is the entry they appended to X-Forwarded-For; entries further left were
    written by the client and could be anything, so they are never believed."""
    trusted = settings.JTAI_TRUSTED_PROXY_COUNT
    candidate: str | None = request.META.get("REMOTE_ADDR") or None
    if trusted > 0:
        hops = [
            hop.strip() for hop in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",") if hop
        ]
        if len(hops) >= trusted:
            candidate = hops[-trusted]
    if candidate is None:
        return None
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return None
