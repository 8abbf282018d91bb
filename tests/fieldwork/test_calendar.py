"""Each person's calendar feed: their own activities only, read back with icalendar,
times converted to UTC correctly, and a wrong or reset token finds nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from zoneinfo import ZoneInfo

import icalendar
from django.test import Client
from django.urls import reverse

from jtai.accounts.models import User
from jtai.fieldwork import services
from jtai.fieldwork.models import ActivityKind
from tests.fieldwork.factories import activity_data, demo_activity, leeds

ClientFor = Callable[[str | None], Client]
LONDON = ZoneInfo("Europe/London")


def feed(client: Client, user: User) -> icalendar.Calendar:
    token = services.calendar_feed_get(user=user).token
    response = client.get(reverse("calendar:feed", args=[token]))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return icalendar.Calendar.from_ical(response.content)


def summaries(calendar: icalendar.Calendar) -> set[str]:
    return {str(e["summary"]) for e in calendar.walk("VEVENT")}


def test_an_inspector_gets_their_own_activities_with_correct_times(
    users: dict[str, User],
) -> None:
    inspection = leeds()
    calendar = feed(Client(), users["inspector"])
    titles = summaries(calendar)
    assert "Conversation with a family (Leeds)" in titles
    assert "Daily team meeting (Leeds)" in titles
    assert "Observation of the MARAC (Leeds)" not in titles  # Tom is not in it
    assert calendar.walk("VTIMEZONE")[0]["tzid"] == "Europe/London"
    family = demo_activity(inspection, "Conversation with a family")
    [event] = [e for e in calendar.walk("VEVENT") if e["uid"] == f"activity-{family.pk}@jtai"]
    start = event.decoded("dtstart")
    assert start.utcoffset() == family.starts_at.astimezone(LONDON).utcoffset()
    assert start.astimezone(dt.UTC) == family.starts_at.astimezone(dt.UTC)
    assert "Case reference: LDS-DA-0417" in str(event["description"])
    assert str(event["status"]) == "TENTATIVE"  # not yet confirmed by the area


def test_a_local_user_gets_only_confirmed_activities_they_are_in(
    users: dict[str, User],
) -> None:
    inspection = leeds()
    police = users["leeds_police"]
    titles = summaries(feed(Client(), police))
    assert titles == {
        "Introductory meeting with the partnership's leaders (Leeds)",
        "Observation of the MARAC (Leeds)",
        "Feedback to the partnership (Leeds)",
    }
    # A proposed activity with the coordinator stays out of her calendar until confirmed.
    proposed = services.activity_create(
        actor=users["lead_inspector"],
        inspection=inspection,
        data=activity_data(
            inspection,
            kind=ActivityKind.LEADERS,
            participants=(
                services.ParticipantData(
                    "Sarah Whitaker",
                    "Director of children's services",
                    users["leeds_coordinator"].agency_id or 0,
                    users["leeds_coordinator"].pk,
                ),
            ),
        ),
    )
    coordinator_titles = summaries(feed(Client(), users["leeds_coordinator"]))
    assert f"{proposed.title} (Leeds)" not in coordinator_titles
    services.activity_respond(actor=users["leeds_coordinator"], activity=proposed, confirm=True)
    assert f"{proposed.title} (Leeds)" in summaries(feed(Client(), users["leeds_coordinator"]))


def test_a_wrong_or_reset_token_finds_nothing(
    client_for: ClientFor, users: dict[str, User]
) -> None:
    old = services.calendar_feed_get(user=users["lead_inspector"]).token
    client = client_for("lead_inspector")  # signing in does not help
    assert client.get(reverse("calendar:feed", args=["not-the-token"])).status_code == 404
    page = client.get(reverse("calendar:subscribe"))
    assert old in page.content.decode()
    assert client.post(reverse("calendar:subscribe")).status_code == 302
    assert client.get(reverse("calendar:feed", args=[old])).status_code == 404
    new = services.calendar_feed_get(user=users["lead_inspector"]).token
    assert new != old
    assert new in client.get(reverse("calendar:subscribe")).content.decode()


def test_a_deactivated_persons_feed_stops(users: dict[str, User]) -> None:
    token = services.calendar_feed_get(user=users["inspector"]).token
    users["inspector"].is_active = False
    users["inspector"].save(update_fields=["is_active"])
    assert Client().get(reverse("calendar:feed", args=[token])).status_code == 404
