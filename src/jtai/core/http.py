from __future__ import annotations

from django.http import HttpRequest

from jtai.accounts.models import User


class AuthenticatedRequest(HttpRequest):
    """The request of a view whose audience is signed in: the middleware has already
    refused anyone else, so ``user`` is a real, active user."""

    user: User
