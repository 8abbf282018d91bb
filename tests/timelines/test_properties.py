"""Properties of timelines for every fieldwork start, and of rules read from any data."""

import copy
import json
from datetime import date, timedelta
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jtai.timelines import (
    SHIPPED_FRAMEWORKS,
    FrameworkRulesError,
    compute_timeline,
    earliest_fieldwork_start,
    rules_from_dict,
    rules_to_dict,
)
from jtai.workdays import WorkingCalendar

CALENDAR = WorkingCalendar()
CURRENT = SHIPPED_FRAMEWORKS["2022"]

days = st.dates(min_value=date(2016, 1, 1), max_value=date(2030, 12, 31))
mondays = days.map(lambda d: d - timedelta(days=d.weekday())).filter(CALENDAR.is_working_day)


def on_or_before(day: date) -> date:
    return day if CALENDAR.is_working_day(day) else CALENDAR.previous_working_day(day)


@given(mondays, st.sampled_from(sorted(SHIPPED_FRAMEWORKS)))
def test_every_key_date_is_a_working_day_in_order(start: date, key: str) -> None:
    rules = SHIPPED_FRAMEWORKS[key]
    timeline = compute_timeline(rules, start, CALENDAR)
    dates = list(timeline.dates.values())
    assert all(CALENDAR.is_working_day(day) for day in dates)
    assert dates == sorted(dates)
    assert not any(warning.startswith("Key dates out of order") for warning in timeline.warnings)


@given(mondays)
def test_current_framework_follows_its_rules(start: date) -> None:
    t = compute_timeline(CURRENT, start, CALENDAR)
    assert CALENDAR.count_working_days(t["notification"], start) == 10
    assert start <= t["fieldwork_end"] <= start + timedelta(days=4)
    assert t["feedback"] == t["fieldwork_end"]
    assert CALENDAR.count_working_days(t["fieldwork_end"], t["draft_report"]) == 15
    assert CALENDAR.count_working_days(t["draft_report"], t["factual_accuracy_due"]) == 9
    week_10 = start + timedelta(weeks=7)
    assert t["final_report"] == on_or_before(week_10)
    assert t["publication"] == on_or_before(week_10 + timedelta(days=4))
    assert CALENDAR.count_working_days(t["publication"], t["wsoa_due"]) == 70


@given(mondays)
def test_notification_moves_earlier_only_for_days_off_and_says_so(start: date) -> None:
    t = compute_timeline(CURRENT, start, CALENDAR)
    usual = start - timedelta(weeks=2)
    moved = [w for w in t.warnings if w.startswith("Notification moves earlier")]
    assert (t["notification"] < usual) == bool(moved)
    assert t["notification"] <= usual


@given(mondays, st.integers(min_value=0, max_value=120))
def test_post_publication_dates_count_from_the_actual_date(start: date, late: int) -> None:
    planned = compute_timeline(CURRENT, start, CALENDAR)
    published = planned["fieldwork_end"] + timedelta(days=late)
    actual = compute_timeline(CURRENT, start, CALENDAR, published=published)
    assert actual["wsoa_due"] == CALENDAR.add_working_days(published, 70)
    assert {k: v for k, v in actual.dates.items() if k != "wsoa_due"} == {
        k: v for k, v in planned.dates.items() if k != "wsoa_due"
    }


@given(days)
def test_to_dict_round_trips_through_json(start: date) -> None:
    timeline = compute_timeline(CURRENT, start, CALENDAR)
    exported = json.loads(json.dumps(timeline.to_dict()))
    assert {k: date.fromisoformat(v) for k, v in exported["dates"].items()} == timeline.dates


@given(days)
def test_earliest_fieldwork_start_is_the_first_monday_notice_allows(today: date) -> None:
    start = earliest_fieldwork_start(today, CURRENT, CALENDAR)
    assert start.weekday() == 0
    assert CALENDAR.is_working_day(start)
    assert compute_timeline(CURRENT, start, CALENDAR)["notification"] >= today
    earlier = start - timedelta(weeks=1)
    while earlier >= today and not CALENDAR.is_working_day(earlier):
        earlier -= timedelta(weeks=1)
    if earlier >= today:
        assert compute_timeline(CURRENT, earlier, CALENDAR)["notification"] < today


json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**6), 10**6) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner),
    max_leaves=6,
)
field_names = st.sampled_from(
    (
        *("key", "valid_from", "fieldwork_week", "rules", "inspectorates", "name", "anchor"),
        *("working_days", "week", "weekday", "owner", "label", "colour"),
    )
)
small_values = (
    st.integers(-30, 120)
    | st.sampled_from(["monday", "friday", "saturday", "publication", "fieldwork_start"])
    | st.sampled_from(["notification", "fieldwork_end", "draft_report", "local area", ""])
    | json_values
)


@given(st.lists(st.tuples(st.integers(-1, 13), field_names, small_values), max_size=4))
def test_edited_rules_either_round_trip_or_fail_with_a_named_field(
    edits: list[tuple[int, str, Any]],
) -> None:
    data: dict[str, Any] = copy.deepcopy(dict(rules_to_dict(CURRENT)))
    for position, name, value in edits:
        rules = data.get("rules")
        if isinstance(rules, list) and 0 <= position < len(rules):
            if isinstance(rules[position], dict):
                rules[position][name] = value
        else:
            data[name] = value
    try:
        rules = rules_from_dict(data)
    except FrameworkRulesError as error:
        field = error.field
    else:
        assert rules_from_dict(rules_to_dict(rules)) == rules
        compute_timeline(rules, date(2024, 3, 4), CALENDAR)
        return
    assert field
