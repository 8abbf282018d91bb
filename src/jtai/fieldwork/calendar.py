"""A person's timetable as an iCalendar feed (RFC 5545), with times in Europe/London
and the VTIMEZONE that calendar apps need to convert them to UTC correctly."""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from zoneinfo import ZoneInfo

import icalendar
from django.conf import settings
from django.utils import timezone

from .models import Activity, ActivityStatus

PRODID = "-//jtai//Fieldwork timetable//EN"


def _description(activity: Activity) -> str:
    lines = [activity.get_kind_display()]
    if activity.case_reference:
        lines.append(f"Case reference: {activity.case_reference}")
    inspectors = ", ".join(m.user.full_name for m in activity.inspectors.all())
    if inspectors:
        lines.append(f"Inspectors: {inspectors}")
    people = "; ".join(
        f"{p.name}{', ' + p.job_title if p.job_title else ''} ({p.agency.name})"
        for p in activity.participants.all()
    )
    if people:
        lines.append(f"With: {people}")
    if activity.video_link:
        lines.append(f"Video link: {activity.video_link}")
    if activity.status == ActivityStatus.PROPOSED and not activity.is_internal:
        lines.append("Not yet confirmed by the area.")
    return "\n".join(lines)


def calendar_for(
    *, name: str, activities: Sequence[Activity], now: dt.datetime | None = None
) -> bytes:
    zone = ZoneInfo(settings.TIME_ZONE)
    stamp = (now or timezone.now()).astimezone(dt.UTC)
    calendar = icalendar.Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", name)
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    for activity in activities:
        event = icalendar.Event()
        event.add("uid", f"activity-{activity.pk}@jtai")
        event.add("dtstamp", stamp)
        event.add("last-modified", activity.updated_at.astimezone(dt.UTC))
        event.add("sequence", activity.version)
        event.add("dtstart", activity.starts_at.astimezone(zone))
        event.add("dtend", activity.ends_at.astimezone(zone))
        event.add("summary", f"{activity.title} ({activity.inspection.area.name})")
        location = activity.place or activity.video_link
        if location:
            event.add("location", location)
        if activity.video_link:
            event.add("url", activity.video_link)
        event.add("description", _description(activity))
        event.add(
            "status",
            "CONFIRMED"
            if activity.status == ActivityStatus.CONFIRMED or activity.is_internal
            else "TENTATIVE",
        )
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return bytes(calendar.to_ical())
