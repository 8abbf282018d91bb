"""The timetable's rules, through its services: the fieldwork week, clashes by name with
an override that keeps them flagged, safe concurrent edits, and who may change what."""

from __future__ import annotations

import datetime as dt

import pytest

from jtai.accounts.models import User
from jtai.fieldwork import services
from jtai.fieldwork.models import Activity, ActivityKind, ActivityStatus, TimetableEvent
from jtai.fieldwork.services import ClashError, ParticipantData, TimetableError
from tests.fieldwork.factories import (
    account,
    activity_data,
    agency,
    at,
    cornwall,
    demo_activity,
    leeds,
    member,
)


def test_an_activity_is_added_as_proposed_with_its_people(users: dict[str, User]) -> None:
    inspection = leeds()
    activity = services.activity_create(
        actor=users["inspector"], inspection=inspection, data=activity_data(inspection)
    )
    assert activity.status == ActivityStatus.PROPOSED
    assert activity.version == 1
    assert [p.name for p in activity.participants.all()] == ["Priya Natarajan"]
    assert TimetableEvent.objects.filter(activity=activity, kind="added").count() == 1


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        (
            {"starts_at": "day-before", "ends_at": "day-before-end"},
            "day",
            "The activity must be in the fieldwork week",
        ),
        ({"ends_at": "earlier"}, "ends_at", "The end time must be after the start time"),
        ({"place": "", "video_link": ""}, "place", "Enter a room or place, or a video link"),
        (
            {"kind": ActivityKind.FAMILY, "case_reference": ""},
            "case_reference",
            "Enter the case reference of the family: never a child's name",
        ),
        ({"inspector_ids": frozenset()}, "inspectors", "Choose at least one inspector"),
    ],
)
def test_what_cannot_be_right_is_refused_and_nothing_is_written(
    users: dict[str, User], changes: dict[str, object], field: str, message: str
) -> None:
    inspection = leeds()
    monday = at(inspection, 0, "10:00")
    times = {
        "day-before": monday - dt.timedelta(days=3),
        "day-before-end": monday - dt.timedelta(days=3, hours=-1),
        "earlier": at(inspection, 2, "15:00"),
    }
    resolved = {k: times.get(v, v) if isinstance(v, str) else v for k, v in changes.items()}
    before = Activity.objects.count()
    with pytest.raises(TimetableError) as refused:
        services.activity_create(
            actor=users["lead_inspector"],
            inspection=inspection,
            data=activity_data(inspection, **resolved),
        )
    assert refused.value.field == field
    assert refused.value.message.startswith(message)
    assert Activity.objects.count() == before


def test_a_clash_names_the_person_and_the_other_activity(users: dict[str, User]) -> None:
    inspection = leeds()
    # Tom Okafor is in the conversation with a family on Wednesday, 14:00 to 15:00.
    data = activity_data(
        inspection, starts_at=at(inspection, 2, "14:30"), ends_at=at(inspection, 2, "15:30")
    )
    with pytest.raises(ClashError) as refused:
        services.activity_create(actor=users["inspector"], inspection=inspection, data=data)
    [clash] = refused.value.clashes
    assert str(clash).startswith("Tom Okafor is also in Conversation with a family (Wednesday")
    assert "14:00 to 15:00" in str(clash)
    assert not Activity.objects.filter(title=data.title).exists()


def test_rooms_and_the_areas_people_clash_too(users: dict[str, User]) -> None:
    inspection = leeds()
    # The MARAC on Thursday 10:00-11:30: James Booth (police) and its briefing room.
    data = activity_data(
        inspection,
        starts_at=at(inspection, 3, "11:00"),
        ends_at=at(inspection, 3, "12:00"),
        inspector_ids=frozenset({member(inspection, "probation").pk}),
        place="Elland Road police station, Briefing Room",
        participants=(
            ParticipantData(
                name="James Booth",
                job_title="Detective superintendent",
                agency_id=agency(inspection, "police").pk,
                user_id=account("leeds.police").pk,
            ),
        ),
    )
    with pytest.raises(ClashError) as refused:
        services.activity_create(actor=users["lead_inspector"], inspection=inspection, data=data)
    messages = [str(c) for c in refused.value.clashes]
    assert any(m.startswith("James Booth is also in Observation of the MARAC") for m in messages)
    assert any(
        m.startswith(
            "the room Elland Road police station, Briefing Room is booked for "
            "Observation of the MARAC"
        )
        for m in messages
    )


def test_an_override_keeps_the_clash_with_its_reason(users: dict[str, User]) -> None:
    inspection = leeds()
    data = activity_data(
        inspection, starts_at=at(inspection, 2, "14:30"), ends_at=at(inspection, 2, "15:30")
    )
    activity = services.activity_create(
        actor=users["inspector"],
        inspection=inspection,
        data=data,
        override_reason="Tom joins the family conversation for its first half only.",
    )
    assert activity.clash_override_reason.startswith("Tom joins")
    # Moved away from the clash, the reason is no longer needed and goes.
    moved = services.activity_update(
        actor=users["inspector"],
        activity=activity,
        data=activity_data(inspection),
        version=activity.version,
        override_reason="Tom joins the family conversation for its first half only.",
    )
    assert moved.clash_override_reason == ""


def test_the_second_of_two_editors_is_told_and_nothing_of_theirs_is_saved(
    users: dict[str, User],
) -> None:
    inspection = leeds()
    activity = services.activity_create(
        actor=users["inspector"], inspection=inspection, data=activity_data(inspection)
    )
    opened = activity.version
    services.activity_update(
        actor=users["lead_inspector"],
        activity=activity,
        data=activity_data(inspection, title="Interview with senior social workers"),
        version=opened,
    )
    with pytest.raises(TimetableError) as refused:
        services.activity_update(
            actor=users["inspector"],
            activity=activity,
            data=activity_data(inspection, title="Interview with newly qualified social workers"),
            version=opened,
        )
    assert refused.value.field == services.STALE
    activity.refresh_from_db()
    assert activity.title == "Interview with senior social workers"
    assert activity.version == opened + 1


def test_changing_a_confirmed_activity_asks_the_area_again(users: dict[str, User]) -> None:
    inspection = leeds()
    feedback = demo_activity(inspection, "Feedback to the partnership")
    assert feedback.status == ActivityStatus.CONFIRMED
    data = activity_data(
        inspection,
        kind=ActivityKind.LEADERS,
        title=feedback.title,
        starts_at=at(inspection, 4, "15:00"),
        ends_at=at(inspection, 4, "16:00"),
        inspector_ids=frozenset(m.pk for m in feedback.inspectors.all()),
        participants=tuple(
            ParticipantData(p.name, p.job_title, p.agency_id, p.user_id)
            for p in feedback.participants.all()
        ),
        place=feedback.place,
    )
    changed = services.activity_update(
        actor=users["lead_inspector"], activity=feedback, data=data, version=feedback.version
    )
    assert changed.status == ActivityStatus.PROPOSED
    assert changed.responded_by is None


def test_the_coordinator_confirms_or_says_why_not(users: dict[str, User]) -> None:
    inspection = leeds()
    proposed = demo_activity(inspection, "Observation of a strategy meeting")
    with pytest.raises(TimetableError, match="Say why the activity cannot go ahead"):
        services.activity_respond(
            actor=users["leeds_coordinator"], activity=proposed, confirm=False
        )
    declined = services.activity_respond(
        actor=users["leeds_coordinator"],
        activity=proposed,
        confirm=False,
        reason="The meeting has moved to Friday morning.",
    )
    assert declined.status == ActivityStatus.CANNOT_GO_AHEAD
    assert declined.area_response == "The meeting has moved to Friday morning."
    confirmed = services.activity_respond(
        actor=users["leeds_coordinator"], activity=proposed, confirm=True
    )
    assert confirmed.status == ActivityStatus.CONFIRMED
    assert confirmed.area_response == ""


@pytest.mark.parametrize("who", ["leeds_police", "kent_coordinator", "lead_inspector"])
def test_only_the_areas_coordinator_answers(users: dict[str, User], who: str) -> None:
    proposed = demo_activity(leeds(), "Observation of a strategy meeting")
    with pytest.raises(TimetableError, match="Only the area's partnership coordinator"):
        services.activity_respond(actor=users[who], activity=proposed, confirm=True)


def test_internal_activities_are_not_for_the_area_to_confirm(users: dict[str, User]) -> None:
    review = demo_activity(leeds(), "Inspectors' evidence review")
    with pytest.raises(TimetableError, match="involves nobody from the area"):
        services.activity_respond(actor=users["leeds_coordinator"], activity=review, confirm=True)


@pytest.mark.parametrize("who", ["qa_manager", "leeds_coordinator", "kent_coordinator"])
def test_only_the_team_and_programme_managers_change_the_timetable(
    users: dict[str, User], who: str
) -> None:
    inspection = leeds()
    with pytest.raises(TimetableError, match="Only the lead inspector"):
        services.activity_create(
            actor=users[who], inspection=inspection, data=activity_data(inspection)
        )


def test_a_past_fieldwork_week_is_a_record(users: dict[str, User]) -> None:
    inspection = cornwall()
    with pytest.raises(TimetableError, match="quality assurance: its timetable can no longer"):
        services.team_meetings_add(
            actor=users["programme_manager"],
            inspection=inspection,
            starts=dt.time(8, 30),
            ends=dt.time(9),
            place="Base room",
        )


def test_team_meetings_are_added_once_a_day(users: dict[str, User]) -> None:
    inspection = leeds()
    Activity.objects.filter(inspection=inspection, kind=ActivityKind.TEAM_MEETING).first().delete()  # type: ignore[union-attr]
    added = services.team_meetings_add(
        actor=users["lead_inspector"],
        inspection=inspection,
        starts=dt.time(8, 30),
        ends=dt.time(9, 15),
        place="Inspectors' base room, Merrion House",
    )
    assert len(added) == 1
    assert {m.pk for m in added[0].inspectors.all()} == {
        m.pk for m in inspection.team_members.all()
    }
    again = services.team_meetings_add(
        actor=users["lead_inspector"],
        inspection=inspection,
        starts=dt.time(8, 30),
        ends=dt.time(9, 15),
        place="Inspectors' base room, Merrion House",
    )
    assert again == []


def test_a_subgroups_activity_involves_its_members(users: dict[str, User]) -> None:
    inspection = leeds()
    group = inspection.subgroups.get(name__startswith="Subgroup B")
    activity = services.activity_create(
        actor=users["inspector"],
        inspection=inspection,
        data=activity_data(
            inspection,
            inspector_ids=frozenset(),
            subgroup_id=group.pk,
            starts_at=at(inspection, 4, "11:30"),
            ends_at=at(inspection, 4, "12:30"),
        ),
    )
    assert {m.pk for m in activity.inspectors.all()} == {m.pk for m in group.members.all()}


def test_subgroup_names_are_unique(users: dict[str, User]) -> None:
    inspection = leeds()
    with pytest.raises(TimetableError, match="There is already a subgroup called"):
        services.subgroup_save(
            actor=users["lead_inspector"],
            inspection=inspection,
            name="subgroup a: front door and early decisions",
            member_ids=frozenset(),
        )


def test_a_calendar_token_is_long_random_and_resettable(users: dict[str, User]) -> None:
    feed = services.calendar_feed_get(user=users["inspector"])
    assert len(feed.token) >= 40
    assert services.calendar_feed_get(user=users["inspector"]).token == feed.token
    reset = services.calendar_feed_reset(user=users["inspector"])
    assert reset.token != feed.token
