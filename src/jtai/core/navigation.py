"""The service navigation, which depends on the user's role."""

from __future__ import annotations

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import reverse

from jtai.accounts.policy import Audience, in_audience


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str
    active: bool


# (label, url name, audiences); the first item whose URL prefixes the path is active.
NAVIGATION: tuple[tuple[str, str, tuple[Audience, ...]], ...] = (
    ("Home", "core:home", (Audience.SIGNED_IN,)),
    ("Inspections", "inspections:list", (Audience.INSPECTORATE,)),
    ("Your inspections", "inspections:list", (Audience.LOCAL_AREA,)),
    ("Local areas", "areas:list", (Audience.INSPECTORATE,)),
    ("Programme", "programme:years", (Audience.PROGRAMME,)),
    ("Learning library", "library:register", (Audience.INSPECTORATE, Audience.LOCAL_AREA)),
    ("Access log", "audit:log", (Audience.ADMINISTRATOR,)),
    ("Your account", "accounts:account", (Audience.SIGNED_IN,)),
)


def navigation_for(request: HttpRequest) -> list[NavItem]:
    items: list[NavItem] = []
    for label, url_name, audiences in NAVIGATION:
        if not in_audience(request.user, *audiences):
            continue
        items.append(NavItem(label=label, url=reverse(url_name), active=False))
    active = max(
        (
            i
            for i in items
            if request.path.startswith(i.url) and (i.url != "/" or request.path == "/")
        ),
        key=lambda i: len(i.url),
        default=None,
    )
    return [NavItem(i.label, i.url, i is active) for i in items]
