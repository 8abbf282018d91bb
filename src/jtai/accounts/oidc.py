"""Optional single sign-on for inspectorate staff (OpenID Connect, mozilla-django-oidc).

Off unless OIDC_RP_CLIENT_ID is set (see the settings and the README). The identity
provider only proves who someone is: it signs in an existing, active inspectorate
account with the same email address and never creates one, and never a local-area
user's. The service's own two-factor code is still asked for afterwards."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import QuerySet
from mozilla_django_oidc.auth import (  # type: ignore[import-untyped]
    OIDCAuthenticationBackend,
)
from mozilla_django_oidc.views import (  # type: ignore[import-untyped]
    OIDCAuthenticationCallbackView,
    OIDCAuthenticationRequestView,
)

from .models import User
from .policy import Audience, allow
from .roles import INSPECTORATE_ROLES


def oidc_enabled() -> bool:
    return bool(getattr(settings, "OIDC_RP_CLIENT_ID", ""))


def _verified_email(claims: dict[str, Any]) -> str | None:
    email = claims.get("email")
    if not isinstance(email, str) or not email.strip():
        return None
    # A provider that says it has not verified the address is not trusted with it.
    if claims.get("email_verified") is False:
        return None
    return email.strip().lower()


class StaffOIDCBackend(OIDCAuthenticationBackend):  # type: ignore[misc]
    """Matches the provider's verified email address to one active inspectorate
    account; anything else (no address, an unverified one, no such account, a
    deactivated one, a local-area user) signs nobody in."""

    def verify_claims(self, claims: dict[str, Any]) -> bool:
        return _verified_email(claims) is not None

    def filter_users_by_claims(self, claims: dict[str, Any]) -> QuerySet[User]:
        email = _verified_email(claims)
        if email is None:
            return User.objects.none()
        return User.objects.filter(
            email__iexact=email, is_active=True, role__in=sorted(INSPECTORATE_ROLES)
        )

    def create_user(self, claims: dict[str, Any]) -> None:
        return None  # accounts are made by administrators, never by signing in

    def update_user(self, user: User, claims: dict[str, Any]) -> User:
        return user  # the provider does not change names, roles or scope here

    def get_user(self, user_id: int) -> User | None:
        # The package's own returns deactivated users too; Django's does not.
        user = User.objects.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None


@allow(Audience.PUBLIC)
class SignInWithProvider(OIDCAuthenticationRequestView):  # type: ignore[misc]
    """Sends the browser to the identity provider."""


@allow(Audience.PUBLIC)
class ProviderCallback(OIDCAuthenticationCallbackView):  # type: ignore[misc]
    """The provider's answer; the package signs the matched account in, after which the
    middleware asks for the two-factor code as after a password."""
