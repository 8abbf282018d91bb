"""The fieldwork timetable in a real browser: an inspector adds part of the week, a clash
is refused by name and then kept with a reason, the coordinator confirms an activity, and
the police contact sees only their confirmed one. Every page is checked with axe-core."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass

import pytest
from playwright.sync_api import Page, expect

from .helpers import (
    DemoFacts,
    assert_accessible,
    assert_assets_loaded,
    expect_error_summary,
    heading,
    sign_in,
    success_message,
    visit,
)

pytestmark = pytest.mark.browser


@dataclass(frozen=True)
class Week:
    """What the test needs of the Leeds timetable, read before the browser opens."""

    reference: str
    wednesday: dt.date
    thursday: dt.date
    tom: int  # Tom Okafor's team membership
    police: str  # the police agency's name


@pytest.fixture
def week(demo: DemoFacts) -> Week:
    from jtai.fieldwork.services import fieldwork_days
    from tests.fieldwork.factories import agency, leeds, member

    inspection = leeds()
    days = fieldwork_days(inspection)
    return Week(
        reference=inspection.reference,
        wednesday=days[2],
        thursday=days[3],
        tom=member(inspection, "inspector").pk,
        police=agency(inspection, "police").name,
    )


def fill_activity(
    page: Page,
    week: Week,
    *,
    kind: str,
    title: str,
    day: dt.date,
    starts: str,
    ends: str,
    place: str,
    person: tuple[str, str, str] | None = None,
) -> None:
    page.get_by_label("Kind of activity").select_option(label=kind)
    page.get_by_label("Title", exact=True).fill(title)
    page.locator("[name=day_day]").fill(str(day.day))
    page.locator("[name=day_month]").fill(str(day.month))
    page.locator("[name=day_year]").fill(str(day.year))
    page.get_by_label("Start time").fill(starts)
    page.get_by_label("End time").fill(ends)
    page.get_by_label("Room or place").fill(place)
    page.locator(f"input[name=inspectors][value='{week.tom}']").check()
    if person is not None:
        name, job, agency = person
        page.locator("[name=people-0-name]").fill(name)
        page.locator("[name=people-0-job_title]").fill(job)
        page.locator("[name=people-0-agency]").select_option(label=agency)


def check(page: Page, *, javascript: bool) -> None:
    """axe-core needs JavaScript; without it the same pages are checked for their assets
    (and checked with axe in the JavaScript run)."""
    if javascript:
        assert_accessible(page)
    else:
        assert_assets_loaded(page)


@pytest.mark.parametrize("javascript", [True, False], ids=["javascript", "no-javascript"])
def test_an_inspector_builds_the_week_and_the_area_confirms(
    javascript: bool, week: Week, new_page: Callable[..., Page]
) -> None:
    def page_as(key: str) -> Page:
        page = new_page(javascript=javascript)
        sign_in(page, key)
        return page

    timetable = f"/inspections/{week.reference}/timetable/"
    tom = page_as("inspector")
    visit(tom, f"/inspections/{week.reference}/")
    tom.get_by_role("link", name="Activities of the fieldwork week").click()
    assert heading(tom) == "Fieldwork timetable"
    check(tom, javascript=javascript)

    tom.get_by_role("link", name="Add an activity").click()
    assert heading(tom) == "Add an activity"
    check(tom, javascript=javascript)
    fill_activity(
        tom,
        week,
        kind="Interview with practitioners",
        title="Interview with police officers in the child abuse team",
        day=week.thursday,
        starts="15:45",
        ends="16:45",
        place="Elland Road police station, room 3",
        person=("DC Sam Ellis", "Detective constable", week.police),
    )
    tom.get_by_role("button", name="Save the activity").click()
    assert success_message(tom) == ("Interview with police officers in the child abuse team saved.")

    # Tom is in the conversation with a family on Wednesday, 14:00 to 15:00.
    tom.get_by_role("link", name="Add an activity").click()
    fill_activity(
        tom,
        week,
        kind="Case-tracking discussion",
        title="Case discussion with the independent reviewing officer",
        day=week.wednesday,
        starts="14:30",
        ends="15:30",
        place="Merrion House, meeting room 6",
    )
    tom.get_by_role("button", name="Save the activity").click()
    expect_error_summary(
        tom,
        re.compile(
            r"This activity clashes: Tom Okafor is also in Conversation with a family "
            r"\(Wednesday \d+ \w+, 14:00 to 15:00\)\. Change it, or tick 'Keep it despite "
            r"the clash' and say why\."
        ),
    )
    expect(tom.get_by_label("Title", exact=True)).to_have_value(
        "Case discussion with the independent reviewing officer"
    )
    check(tom, javascript=javascript)
    tom.get_by_label("Keep it despite the clash").check()
    tom.get_by_label("Why it must stay (if it clashes)").fill(
        "The reviewing officer is free only then; Tom leaves the family conversation early."
    )
    tom.get_by_role("button", name="Save the activity").click()
    assert success_message(tom).startswith(
        "Case discussion with the independent reviewing officer saved. It clashes"
    )
    expect(tom.get_by_text("Kept because: The reviewing officer is free only then")).to_be_visible()
    check(tom, javascript=javascript)

    coordinator = page_as("leeds_coordinator")
    visit(coordinator, timetable)
    expect(coordinator.get_by_text("Daily team meeting")).to_have_count(0)
    check(coordinator, javascript=javascript)
    coordinator.get_by_role(
        "link", name="Interview with police officers in the child abuse team"
    ).click()
    check(coordinator, javascript=javascript)
    coordinator.get_by_label("Yes, confirm it").check()
    coordinator.get_by_role("button", name="Send the answer").click()
    assert success_message(coordinator) == (
        "Interview with police officers in the child abuse team: confirmed."
    )

    police = page_as("leeds_police")
    visit(police, timetable)
    expect(
        police.get_by_role("link", name="Interview with police officers in the child abuse team")
    ).to_be_visible()
    expect(police.get_by_role("link", name="Observation of the MARAC")).to_be_visible()
    for hidden in (
        "Case discussion with the independent reviewing officer",  # nobody from the area
        "Observation of a strategy meeting",  # not yet confirmed
        "Daily team meeting",
    ):
        expect(police.get_by_role("link", name=hidden)).to_have_count(0)
    check(police, javascript=javascript)

    police.get_by_role("link", name="Add your own timetable to your calendar").click()
    assert heading(police) == "Your timetable in your calendar"
    expect(police.get_by_label("Your calendar address")).to_have_value(
        re.compile(r"^http://[^/]+/calendar/[A-Za-z0-9_-]{40,}\.ics$")
    )
    check(police, javascript=javascript)
