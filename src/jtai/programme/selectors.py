from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from django.db.models import QuerySet

from jtai.timelines import compute_timeline
from jtai.workdays import WorkingCalendar

from .models import ClosureDay, FrameworkVersion, Theme


def working_calendar() -> WorkingCalendar:
    """Bank holidays plus the closure days administrators have added."""
    closures = dict(ClosureDay.objects.values_list("date", "reason"))
    return _calendar(tuple(sorted(closures.items())))


@functools.lru_cache(maxsize=8)
def _calendar(closures: tuple[tuple[dt.date, str], ...]) -> WorkingCalendar:
    # A calendar builds its working-day index lazily; reusing one per set of closure
    # days keeps that work out of every request.
    return WorkingCalendar(
        closures=frozenset(d for d, _ in closures), closure_reasons=dict(closures)
    )


def current_framework() -> FrameworkVersion:
    return FrameworkVersion.objects.get(is_current=True)


def active_themes() -> QuerySet[Theme]:
    return Theme.objects.filter(is_active=True)


class UnknownFramework(LookupError):
    pass


def framework_by_key(key: str | None) -> FrameworkVersion:
    if not key:
        return current_framework()
    try:
        return FrameworkVersion.objects.get(key=key)
    except FrameworkVersion.DoesNotExist as error:
        known = ", ".join(FrameworkVersion.objects.values_list("key", flat=True))
        raise UnknownFramework(f"There is no framework version {key!r}. Known: {known}.") from error


def timeline_document(
    *, fieldwork_start: dt.date, framework_key: str | None = None, published: dt.date | None = None
) -> dict[str, Any]:
    """The key dates for a fieldwork start, as the CLI and the API both print them."""
    framework = framework_by_key(framework_key)
    timeline = compute_timeline(
        framework.compiled_rules(), fieldwork_start, working_calendar(), published=published
    )
    return {
        "framework": framework.key,
        "fieldwork_start": fieldwork_start.isoformat(),
        "published": published.isoformat() if published else None,
        "dates": {name: day.isoformat() for name, day in timeline.dates.items()},
        "warnings": list(timeline.warnings),
    }
