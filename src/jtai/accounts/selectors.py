"""Reads about accounts, narrowed by the access policy: only administrators see other
people's accounts."""

from __future__ import annotations

from typing import TYPE_CHECKING

from django.db.models import Exists, OuterRef, Q, QuerySet, Subquery
from django.http import Http404
from django_otp.plugins.otp_totp.models import TOTPDevice

from .models import TwoFactorReset, User
from .policy import has_role
from .roles import Role

if TYPE_CHECKING:
    from .policy import AnyUser


def _users_for(actor: AnyUser) -> QuerySet[User]:
    if not has_role(actor, Role.ADMINISTRATOR):
        return User.objects.none()
    return User.objects.all()


def users_with_two_factor(*, actor: AnyUser, search: str = "") -> QuerySet[User]:
    """Accounts with whether their authenticator app is set up and their latest reset
    (who and when), in one query however many there are."""
    users = _users_for(actor).select_related("inspectorate", "area", "agency")
    if search:
        users = users.filter(Q(full_name__icontains=search) | Q(email__icontains=search))
    latest_reset = TwoFactorReset.objects.filter(user=OuterRef("pk")).order_by("-reset_at", "-pk")
    return users.annotate(
        has_app=Exists(TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)),
        last_reset_at=Subquery(latest_reset.values("reset_at")[:1]),
        last_reset_by=Subquery(latest_reset.values("reset_by__full_name")[:1]),
    ).order_by("full_name", "email")


def user_get(*, actor: AnyUser, user_id: int) -> User:
    user = users_with_two_factor(actor=actor).filter(pk=user_id).first()
    if user is None:
        raise Http404("No such account.")
    return user
