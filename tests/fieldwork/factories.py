"""Helpers for timetable tests: the demo's Leeds inspection, its team and agencies, and
activities built as the services take them."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency
from jtai.fieldwork.models import Activity
from jtai.fieldwork.services import ActivityData, ParticipantData, fieldwork_days
from jtai.inspections.models import Inspection, Status, TeamMember


def leeds() -> Inspection:
    return Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)


def cornwall() -> Inspection:
    return Inspection.objects.get(area__name="Cornwall", status=Status.QUALITY_ASSURANCE)


def member(inspection: Inspection, email_local: str) -> TeamMember:
    return TeamMember.objects.select_related("user").get(
        inspection=inspection, user__email__startswith=f"{email_local}@"
    )


def agency(inspection: Inspection, kind: str) -> Agency:
    return Agency.objects.get(area_id=inspection.area_id, kind=kind)


def account(email_local: str) -> User:
    return User.objects.get(email__startswith=f"{email_local}@")


def at(inspection: Inspection, day: int, clock: str) -> dt.datetime:
    return timezone.make_aware(
        dt.datetime.combine(fieldwork_days(inspection)[day], dt.time.fromisoformat(clock))
    )


def activity_data(inspection: Inspection, **changes: Any) -> ActivityData:
    """A Wednesday afternoon interview free of the demo timetable, with one inspector,
    one practitioner and a room; ``changes`` replace any part."""
    fields: dict[str, Any] = {
        "kind": "practitioners",
        "title": "Interview with social workers",
        "starts_at": at(inspection, 2, "15:30"),
        "ends_at": at(inspection, 2, "16:30"),
        "place": "Merrion House, meeting room 7",
        "inspector_ids": frozenset({member(inspection, "inspector").pk}),
        "participants": (
            ParticipantData(
                name="Priya Natarajan",
                job_title="Senior social worker",
                agency_id=agency(inspection, "local_authority").pk,
            ),
        ),
    }
    fields.update(changes)
    return ActivityData(**fields)


def demo_activity(inspection: Inspection, title: str) -> Activity:
    return Activity.objects.get(inspection=inspection, title=title)


def url_kwargs(name: str, inspection: Inspection) -> dict[str, Any]:
    """Arguments for the access table: a confirmed activity with the police in it (the
    MARAC), and a subgroup; the calendar feed of the lead inspector."""
    from jtai.fieldwork.services import calendar_feed_get

    if name == "calendar:feed":
        return {"token": calendar_feed_get(user=account("lead")).token}
    if name == "calendar:subscribe":
        return {}
    kwargs: dict[str, Any] = {"reference": inspection.reference}
    if (name.startswith("fieldwork:activity-") and name != "fieldwork:activity-add") or (
        name == "fieldwork:activity"
    ):
        kwargs["activity_id"] = demo_activity(inspection, "Observation of the MARAC").pk
    if name == "fieldwork:subgroup":
        kwargs["subgroup_id"] = inspection.subgroups.order_by("name").first().pk  # type: ignore[union-attr]
    return kwargs


def form_post(inspection: Inspection, **changes: Any) -> dict[str, Any]:
    """The activity form as a browser posts it: the Wednesday interview of
    :func:`activity_data`, with ``changes`` (form field names) applied."""
    day = fieldwork_days(inspection)[2]
    data: dict[str, Any] = {
        "kind": "practitioners",
        "title": "Interview with social workers",
        "case_reference": "",
        "day_day": str(day.day),
        "day_month": str(day.month),
        "day_year": str(day.year),
        "starts": "15:30",
        "ends": "16:30",
        "place": "Merrion House, meeting room 7",
        "video_link": "",
        "inspectors": [str(member(inspection, "inspector").pk)],
        "subgroup": "",
        "notes": "",
        "override_reason": "",
        "version": "",
        "people-TOTAL_FORMS": "3",
        "people-INITIAL_FORMS": "0",
        "people-MIN_NUM_FORMS": "0",
        "people-MAX_NUM_FORMS": "1000",
        "people-0-name": "Priya Natarajan",
        "people-0-job_title": "Senior social worker",
        "people-0-agency": str(agency(inspection, "local_authority").pk),
        "people-0-user": "",
    }
    for n in (1, 2):
        data.update({f"people-{n}-{k}": "" for k in ("name", "job_title", "agency", "user")})
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}
