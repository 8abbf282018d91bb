"""Helpers that plan realistic extra inspections through the real services."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Area
from jtai.inspections import services
from jtai.inspections.models import Inspection
from jtai.programme.models import FrameworkVersion, InspectionType, Theme


def at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))


def plan(
    actor: User,
    area: str | Area,
    fieldwork_start: dt.date,
    *,
    theme: str = "domestic-abuse",
    inspection_type: str = InspectionType.THEMATIC,
    framework: str = "2022",
    planned_on: dt.date | None = None,
) -> Inspection:
    return services.inspection_create(
        actor=actor,
        area=area if isinstance(area, Area) else Area.objects.get(name=area),
        theme=Theme.objects.get(key=theme),
        inspection_type=inspection_type,
        framework=FrameworkVersion.objects.get(key=framework),
        fieldwork_start=fieldwork_start,
        now=at(planned_on or fieldwork_start - dt.timedelta(weeks=8)),
    )
