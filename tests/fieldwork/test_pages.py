"""The timetable's pages, signed in as the demo's people: what each sees, the messages a
refused save gives (keeping what was typed), and query counts that do not grow."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jtai.accounts.models import User
from jtai.fieldwork import services
from jtai.fieldwork.models import Activity, ActivityKind, ActivityStatus, Participant
from jtai.inspections.models import Inspection, Status
from tests.fieldwork.factories import (
    activity_data,
    agency,
    at,
    demo_activity,
    form_post,
    leeds,
    member,
)

ClientFor = Callable[[str | None], Client]


def timetable_url(inspection: Inspection) -> str:
    return reverse("fieldwork:timetable", args=[inspection.reference])


def page(client: Client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_team_sees_the_week_with_its_clash_flagged(client_for: ClientFor) -> None:
    inspection = leeds()
    html = page(client_for("lead_inspector"), timetable_url(inspection))
    first = services.fieldwork_days(inspection)[0]
    assert f"Monday {first.day} {first:%B %Y}</caption>" in html
    assert html.count('">Daily team meeting</a>') == 5
    assert "Inspectors only" in html
    assert "Clash</strong>" in html
    assert "Kept because: Grace and Fatima leave the MARAC at 11:00" in html
    assert "Grace Lee is also in Observation of the MARAC" in html
    assert "Add an activity" in html
    assert "Fill the timetable" in html


def test_filters_show_one_inspectors_or_one_subgroups_activities(
    client_for: ClientFor,
) -> None:
    inspection = leeds()
    client = client_for("inspector")
    grace = member(inspection, "cqc")
    html = page(client, f"{timetable_url(inspection)}?inspector={grace.pk}")
    assert "Interview with the designated nurse" in html
    assert "Conversation with a family" not in html
    group = inspection.subgroups.get(name__startswith="Subgroup B")
    html = page(client, f"{timetable_url(inspection)}?subgroup={group.pk}")
    assert "Conversation with a family" in html
    assert "Visit to the front door and MASH" not in html
    assert "Add an activity" in html  # Tom Okafor is an inspector on the team


def test_the_qa_manager_reads_but_does_not_change(client_for: ClientFor) -> None:
    inspection = leeds()
    client = client_for("qa_manager")
    assert "Add an activity" not in page(client, timetable_url(inspection))
    response = client.get(reverse("fieldwork:activity-add", args=[inspection.reference]))
    assert response.status_code == 403
    assert "Only the lead inspector, inspectors on the team" in response.content.decode()


def test_another_area_finds_nothing(client_for: ClientFor) -> None:
    inspection = leeds()
    activity = demo_activity(inspection, "Feedback to the partnership")
    for who in ("kent_coordinator", "kent_health"):
        client = client_for(who)
        assert client.get(timetable_url(inspection)).status_code == 404
        url = reverse("fieldwork:activity", args=[inspection.reference, activity.pk])
        assert client.get(url).status_code == 404


def test_an_area_sees_nothing_before_it_is_notified(client_for: ClientFor) -> None:
    planned = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    assert client_for("kent_coordinator").get(timetable_url(planned)).status_code == 404


def test_an_agency_contact_sees_only_confirmed_activities_with_their_agency(
    client_for: ClientFor,
) -> None:
    inspection = leeds()
    client = client_for("leeds_police")
    html = page(client, timetable_url(inspection))
    for shown in (
        "Observation of the MARAC",
        "Feedback to the partnership",
        "Visit to the front door and MASH",
        "Case discussion",
    ):
        assert shown in html
    for hidden in (
        "Observation of a strategy meeting",  # police, but only proposed
        "Interview with health visitors",  # health only
        "Daily team meeting",
        "Inspectors' evidence review",
        "Clash",
    ):
        assert hidden not in html
    for title in ("Observation of a strategy meeting", "Daily team meeting"):
        hidden_activity = Activity.objects.filter(inspection=inspection, title=title).first()
        assert hidden_activity is not None
        url = reverse("fieldwork:activity", args=[inspection.reference, hidden_activity.pk])
        assert client.get(url).status_code == 404


def test_the_coordinator_sees_proposals_but_never_internal_activities(
    client_for: ClientFor,
) -> None:
    html = page(client_for("leeds_coordinator"), timetable_url(leeds()))
    assert "Observation of a strategy meeting" in html
    assert "Proposed" in html
    assert "Daily team meeting" not in html
    assert "Inspectors' evidence review" not in html
    assert "Add an activity" not in html


def test_the_coordinator_confirms_and_says_why_not(client_for: ClientFor) -> None:
    inspection = leeds()
    client = client_for("leeds_coordinator")
    proposed = demo_activity(inspection, "Observation of a strategy meeting")
    url = reverse("fieldwork:activity-respond", args=[inspection.reference, proposed.pk])
    refused = client.post(url, {"decision": "decline", "reason": "", "version": proposed.version})
    assert refused.status_code == 400
    assert "Say why the activity cannot go ahead" in refused.content.decode()
    done = client.post(url, {"decision": "confirm", "version": proposed.version})
    assert done.status_code == 302
    proposed.refresh_from_db()
    assert proposed.status == ActivityStatus.CONFIRMED
    # Now confirmed, the police contact sees it.
    assert "Observation of a strategy meeting" in page(
        client_for("leeds_police"), timetable_url(inspection)
    )


def test_a_clash_is_refused_by_name_then_saved_with_a_reason(client_for: ClientFor) -> None:
    inspection = leeds()
    client = client_for("inspector")
    url = reverse("fieldwork:activity-add", args=[inspection.reference])
    clashing = form_post(inspection, starts="14:30", ends="15:30", title="Talk to the IRO")
    refused = client.post(url, clashing)
    assert refused.status_code == 400
    html = refused.content.decode()
    assert "There is a problem" in html
    assert "Tom Okafor is also in Conversation with a family" in html
    assert 'value="Talk to the IRO"' in html  # what they typed is kept
    assert 'value="Priya Natarajan"' in html
    assert not Activity.objects.filter(title="Talk to the IRO").exists()

    no_reason = client.post(url, {**clashing, "override": "on"})
    assert "Say why the activity must stay despite the clash" in no_reason.content.decode()

    kept = client.post(
        url, {**clashing, "override": "on", "override_reason": "The IRO can only do 14:30."}
    )
    assert kept.status_code == 302
    html = page(client, timetable_url(inspection))
    assert "Kept because: The IRO can only do 14:30." in html


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"day_day": "1", "day_month": "1", "day_year": "2020"}, "must be in the fieldwork week"),
        ({"ends": "15:00"}, "The end time must be after the start time"),
        ({"starts": "half past"}, "Enter a time like 09:30 or 14:00"),
        ({"people-1-name": "Sam Ellis"}, "Choose the person&#x27;s agency"),
        ({"title": ""}, "Enter a title for the activity"),
    ],
)
def test_bad_input_gets_a_plain_message(
    client_for: ClientFor, changes: dict[str, str], message: str
) -> None:
    inspection = leeds()
    url = reverse("fieldwork:activity-add", args=[inspection.reference])
    response = client_for("lead_inspector").post(url, form_post(inspection, **changes))
    assert response.status_code == 400
    assert message in response.content.decode()


def test_the_second_editor_is_told_and_keeps_what_they_typed(
    client_for: ClientFor, users: dict[str, User]
) -> None:
    inspection = leeds()
    activity = services.activity_create(
        actor=users["inspector"], inspection=inspection, data=activity_data(inspection)
    )
    url = reverse("fieldwork:activity-edit", args=[inspection.reference, activity.pk])
    client = client_for("inspector")
    assert f'name="version" value="{activity.version}"' in page(client, url)
    services.activity_update(
        actor=users["lead_inspector"],
        activity=activity,
        data=activity_data(inspection, title="Interview with senior social workers"),
        version=activity.version,
    )
    mine = form_post(inspection, title="Interview with student social workers", version="1")
    response = client.post(url, mine)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Someone else changed this activity after you opened it" in html
    assert "Interview with senior social workers" in html  # their version, shown
    assert 'value="Interview with student social workers"' in html  # mine, kept
    assert 'name="version" value="2"' in html  # saving again is a knowing choice
    activity.refresh_from_db()
    assert activity.title == "Interview with senior social workers"
    assert client.post(url, {**mine, "version": "2"}).status_code == 302


def test_removing_an_activity(client_for: ClientFor) -> None:
    inspection = leeds()
    activity = demo_activity(inspection, "Inspectors' evidence review")
    url = reverse("fieldwork:activity-remove", args=[inspection.reference, activity.pk])
    client = client_for("lead_inspector")
    assert "Remove Inspectors&#x27; evidence review?" in page(client, url)
    assert client.post(url, {"version": activity.version}).status_code == 302
    assert not Activity.objects.filter(pk=activity.pk).exists()


def test_team_meetings_and_subgroups_pages(client_for: ClientFor) -> None:
    inspection = leeds()
    client = client_for("lead_inspector")
    Activity.objects.filter(inspection=inspection, kind=ActivityKind.TEAM_MEETING).delete()
    url = reverse("fieldwork:team-meetings", args=[inspection.reference])
    response = client.post(url, {"starts": "08:30", "ends": "09:00", "place": "Base room"})
    assert response.status_code == 302
    assert inspection.activities.filter(kind=ActivityKind.TEAM_MEETING).count() == 5
    url = reverse("fieldwork:subgroups", args=[inspection.reference])
    grace = member(inspection, "cqc")
    response = client.post(url, {"name": "Subgroup C: leaders", "members": [str(grace.pk)]})
    assert response.status_code == 302
    assert "Subgroup C: leaders" in page(client, url)
    duplicate = client.post(url, {"name": "Subgroup C: leaders"})
    assert "There is already a subgroup called Subgroup C: leaders" in duplicate.content.decode()


def test_filling_the_timetable_places_requests(client_for: ClientFor) -> None:
    inspection = leeds()
    url = reverse("fieldwork:fill", args=[inspection.reference])
    client = client_for("lead_inspector")
    assert client_for("inspector").get(url).status_code == 403
    group = inspection.subgroups.get(name__startswith="Subgroup A")
    friday = services.fieldwork_days(inspection)[4]
    data = {
        "requests-TOTAL_FORMS": "2",
        "requests-INITIAL_FORMS": "0",
        "requests-MIN_NUM_FORMS": "0",
        "requests-MAX_NUM_FORMS": "10",
        "requests-0-kind": "managers",
        "requests-0-title": "Interview with the head of the MASH",
        "requests-0-duration": "90",
        "requests-0-subgroup": str(group.pk),
        "requests-0-person": "Karen Holt",
        "requests-0-job_title": "MASH team manager",
        "requests-0-agency": str(agency(inspection, "local_authority").pk),
        "requests-0-place": "Merrion House, meeting room 9",
        "requests-0-day": friday.isoformat(),
        "requests-1-title": "",
        "requests-1-duration": "60",
    }
    response = client.post(url, data)
    assert response.status_code == 200, response.content.decode()
    placed = Activity.objects.get(title="Interview with the head of the MASH")
    assert placed.starts_at.date() == friday or placed.starts_at.astimezone().date() == friday
    assert placed.status == ActivityStatus.PROPOSED
    assert {m.pk for m in placed.inspectors.all()} == {m.pk for m in group.members.all()}
    assert "Placed" in response.content.decode()


def test_the_inspection_page_links_the_timetable(client_for: ClientFor) -> None:
    inspection = leeds()
    html = page(
        client_for("leeds_police"), reverse("inspections:detail", args=[inspection.reference])
    )
    assert timetable_url(inspection) in html


def _add_activities(inspection: Inspection, count: int, users: dict[str, User]) -> None:
    """``count`` more activities, each with an inspector and a person from the area, in
    the evenings of the week (the page groups by day, whatever the time)."""
    tom = member(inspection, "inspector")
    police = agency(inspection, "police")
    days = services.fieldwork_days(inspection)
    activities = Activity.objects.bulk_create(
        Activity(
            inspection=inspection,
            kind=ActivityKind.CASE_TRACKING,
            title=f"Case discussion {n}",
            case_reference=f"LDS-DA-{n:04d}",
            starts_at=at(inspection, n % len(days), "18:00") + dt.timedelta(minutes=n),
            ends_at=at(inspection, n % len(days), "19:00") + dt.timedelta(minutes=n),
            place=f"Room {n}",
            status=ActivityStatus.CONFIRMED,
            created_by=users["lead_inspector"],
        )
        for n in range(count)
    )
    Activity.inspectors.through.objects.bulk_create(
        Activity.inspectors.through(activity_id=a.pk, teammember_id=tom.pk) for a in activities
    )
    Participant.objects.bulk_create(
        Participant(activity=a, name=f"DC Officer {a.pk}", job_title="Detective", agency=police)
        for a in activities
    )


@pytest.mark.parametrize("who", ["lead_inspector", "leeds_coordinator", "leeds_police"])
def test_the_timetable_page_keeps_a_constant_number_of_queries(
    client_for: ClientFor, users: dict[str, User], who: str
) -> None:
    inspection = leeds()
    client = client_for(who)
    url = timetable_url(inspection)
    _add_activities(inspection, 20, users)
    with CaptureQueriesContext(connection) as few:
        assert client.get(url).status_code == 200
    _add_activities(inspection, 180, users)
    with CaptureQueriesContext(connection) as many:
        response = client.get(url)
    assert response.status_code == 200
    assert response.content.decode().count("Case discussion 1") >= 100
    assert len(many) == len(few), [q["sql"] for q in many.captured_queries]


def test_an_activitys_history_is_for_the_inspectors(client_for: ClientFor) -> None:
    inspection = leeds()
    activity = demo_activity(inspection, "Observation of the MARAC")
    url = reverse("fieldwork:activity", args=[inspection.reference, activity.pk])
    html = page(client_for("qa_manager"), url)
    assert "Added Observation of the MARAC" in html
    assert "Confirmed: Observation of the MARAC" in html
    assert "History</caption>" not in page(client_for("leeds_police"), url)
