"""The access policy: the one place that says who may see and do what.

Every view declares an audience with :func:`allow` (the middleware refuses any view that
does not), and every selector narrows its queryset with the ``*_q`` functions here, so an
object outside a user's scope is simply not found. Rules, in short:

- deny by default: an anonymous or deactivated user sees only public pages, and so does
  someone who has given their password but not yet their two-factor code (who can reach
  only the two-factor pages and sign-out);
- programme managers and administrators see every inspection; other inspectorate staff
  see the inspections whose team they are on;
- a local-area user sees only their own area's inspections, and only once the area has
  been notified; an agency contact sees only their own agency's items within them;
- the public sees only what is published, and only after its publication time.
"""

from __future__ import annotations

import enum
from collections.abc import Callable
from functools import wraps
from typing import TYPE_CHECKING, Any, TypeVar

from django.db.models import Q

from .roles import INSPECTORATE_ROLES, LOCAL_AREA_ROLES, PROGRAMME_WIDE_ROLES, Role

if TYPE_CHECKING:
    from django.contrib.auth.models import AnonymousUser

    from .models import User

    AnyUser = User | AnonymousUser

NOTHING = Q(pk__in=[])


class Audience(enum.Enum):
    """Who may open a view at all. Object-level scoping happens in the selectors."""

    PUBLIC = "anyone, signed in or not"
    # The two-factor pages: reachable between the password and the code, and after.
    SIGNING_IN = "anyone who has given their password, with or without their code yet"
    SIGNED_IN = "any signed-in user"
    INSPECTORATE = "inspectorate staff"
    PROGRAMME = "programme managers and administrators"
    ADMINISTRATOR = "administrators"
    LOCAL_AREA = "local-area users"
    COORDINATOR = "partnership coordinators"


_AUDIENCE_ROLES: dict[Audience, frozenset[str]] = {
    Audience.SIGNED_IN: frozenset(Role.values),
    Audience.INSPECTORATE: frozenset(INSPECTORATE_ROLES),
    Audience.PROGRAMME: frozenset(PROGRAMME_WIDE_ROLES),
    Audience.ADMINISTRATOR: frozenset({Role.ADMINISTRATOR}),
    Audience.LOCAL_AREA: frozenset(LOCAL_AREA_ROLES),
    Audience.COORDINATOR: frozenset({Role.PARTNERSHIP_COORDINATOR}),
}


def signed_in(user: AnyUser) -> User | None:
    """The user if they are signed in and active; None for everyone else, including a
    request's user who has not yet given their two-factor code (the middleware marks
    them ``two_factor_pending``)."""
    if not user.is_authenticated or not user.is_active:
        return None
    if getattr(user, "two_factor_pending", False):
        return None
    return user


def role_of(user: AnyUser) -> str | None:
    member = signed_in(user)
    return None if member is None else str(member.role)


def in_audience(user: AnyUser, *audiences: Audience) -> bool:
    if Audience.PUBLIC in audiences:
        return True
    if Audience.SIGNING_IN in audiences and user.is_authenticated and user.is_active:
        return True
    role = role_of(user)
    return role is not None and any(role in _AUDIENCE_ROLES.get(a, ()) for a in audiences)


def has_role(user: AnyUser, *roles: str) -> bool:
    return role_of(user) in roles


def is_programme_wide(user: AnyUser) -> bool:
    return role_of(user) in PROGRAMME_WIDE_ROLES


def is_inspectorate_staff(user: AnyUser) -> bool:
    return role_of(user) in INSPECTORATE_ROLES


def is_local_area_user(user: AnyUser) -> bool:
    return role_of(user) in LOCAL_AREA_ROLES


# --- querysets -------------------------------------------------------------------------


def inspection_q(user: AnyUser, prefix: str = "") -> Q:
    """Inspections ``user`` may see; ``prefix`` reaches them from another model, e.g.
    ``inspection_q(user, "inspection__")`` for a model with an ``inspection`` key."""
    member = signed_in(user)
    if member is None:
        return NOTHING
    if member.role in PROGRAMME_WIDE_ROLES:
        return Q()
    if member.role in INSPECTORATE_ROLES:
        return Q(**{f"{prefix}team_members__user": member})
    # A local area learns of an inspection only when it is notified, and never of
    # another area's.
    return Q(**{f"{prefix}area_id": member.area_id, f"{prefix}notified_at__isnull": False})


def agency_item_q(user: AnyUser, agency_field: str) -> Q:
    """Among objects already limited by :func:`inspection_q`, those owned by an agency
    that ``user`` may see: agency contacts see only their own agency's."""
    member = signed_in(user)
    if member is None:
        return NOTHING
    if member.role == Role.AGENCY_CONTACT:
        return Q(**{f"{agency_field}_id": member.agency_id})
    return Q()


# --- views -----------------------------------------------------------------------------

ViewFunc = TypeVar("ViewFunc", bound=Callable[..., Any])
ACCESS_ATTRIBUTE = "jtai_audiences"


def allow(*audiences: Audience) -> Callable[[ViewFunc], ViewFunc]:
    """Declare who may open a view. The middleware enforces it and refuses any view that
    declares nothing, so a new view without a rule cannot be reached."""
    if not audiences:
        raise ValueError("Name at least one audience.")

    def decorate(view: ViewFunc) -> ViewFunc:
        if isinstance(view, type):  # a class-based view: as_view() keeps view_class
            setattr(view, ACCESS_ATTRIBUTE, frozenset(audiences))
            return view

        @wraps(view)
        def wrapper(*args: Any, **kwargs: Any) -> Any:
            return view(*args, **kwargs)

        setattr(wrapper, ACCESS_ATTRIBUTE, frozenset(audiences))
        return wrapper  # type: ignore[return-value]

    return decorate


def audiences_of(view: Callable[..., Any]) -> frozenset[Audience] | None:
    declared = getattr(view, ACCESS_ATTRIBUTE, None)
    if declared is None and hasattr(view, "view_class"):
        declared = getattr(view.view_class, ACCESS_ATTRIBUTE, None)
    return declared
