"""Reading the access log: administrators only, narrowed by the search form's filters."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q
from django.utils import timezone

from jtai.accounts.policy import has_role
from jtai.accounts.roles import Role

from .models import AccessEvent, AccessEventQuerySet

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser


@dataclass(frozen=True)
class AccessFilters:
    user: str = ""
    inspection: str = ""
    kind: str = ""
    text: str = ""
    date_from: dt.date | None = None
    date_to: dt.date | None = None

    def describe(self) -> str:
        """The filters in words, for the log's record of its own searches."""
        parts = [
            f"{label} {value}"
            for label, value in (
                ("user", self.user),
                ("inspection", self.inspection),
                ("kind", self.kind),
                ("text", self.text),
                ("from", self.date_from.isoformat() if self.date_from else ""),
                ("to", self.date_to.isoformat() if self.date_to else ""),
            )
            if value
        ]
        return ", ".join(parts) or "no filters"


def _start_of(day: dt.date) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time.min))


def access_events(*, user: AnyUser, filters: AccessFilters) -> AccessEventQuerySet:
    """The events matching ``filters``, newest first, for an administrator; nothing for
    anyone else."""
    events = AccessEvent.objects.select_related("user", "inspection").order_by(
        "-occurred_at", "-id"
    )
    if not has_role(user, Role.ADMINISTRATOR):
        return events.none()
    if filters.user:
        events = events.filter(user__email__icontains=filters.user.strip())
    if filters.inspection:
        events = events.filter(inspection__reference__iexact=filters.inspection.strip())
    if filters.kind:
        events = events.filter(kind=filters.kind)
    if filters.text:
        text = filters.text.strip()
        events = events.filter(
            Q(description__icontains=text)
            | Q(detail__icontains=text)
            | Q(path__icontains=text)
            | Q(request_id=text)
        )
    if filters.date_from:
        events = events.filter(occurred_at__gte=_start_of(filters.date_from))
    if filters.date_to:
        events = events.filter(occurred_at__lt=_start_of(filters.date_to + dt.timedelta(days=1)))
    return events
