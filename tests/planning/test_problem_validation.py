"""Bad input gives messages that name what is wrong."""

import json
from datetime import date

import pytest

from jtai.planning import Pin, ProblemError, generate_problem, load_problem, problem_to_json

from .builders import theme


@pytest.fixture(scope="module")
def demo_data() -> dict[str, object]:
    data: dict[str, object] = json.loads(problem_to_json(generate_problem()))
    return data


def errors_for(data: object) -> list[str]:
    with pytest.raises(ProblemError) as caught:
        load_problem(json.dumps(data, default=str) if not isinstance(data, str) else data)
    return caught.value.messages


def changed(data: dict[str, object], **fields: object) -> dict[str, object]:
    return {**json.loads(json.dumps(data, default=str)), **fields}


def test_the_demo_json_round_trips(demo_data: dict[str, object]) -> None:
    problem = load_problem(json.dumps(demo_data))
    assert len(problem.inspectors) >= 80
    assert {i.inspectorate for i in problem.inspectors} == {"ofsted", "cqc", "hmicfrs", "hmip"}


def test_not_json() -> None:
    assert errors_for("{not json") == [
        "not valid JSON: Expecting property name enclosed in double quotes at line 1 column 2"
    ]


def test_unknown_field_is_named(demo_data: dict[str, object]) -> None:
    assert errors_for(changed(demo_data, risk_rating=3)) == [
        "risk_rating: Extra inputs are not permitted"
    ]


def test_inspector_without_inspectorate(demo_data: dict[str, object]) -> None:
    data = changed(demo_data)
    del data["inspectors"][3]["inspectorate"]  # type: ignore[index]
    assert errors_for(data) == [
        "inspectors[3] (id 'ofsted-social-care-004').inspectorate: Field required"
    ]


def test_negative_numbers_and_unknown_regions(demo_data: dict[str, object]) -> None:
    data = changed(demo_data, max_inspections_per_week=-1)
    data["inspectors"][0]["max_inspections"] = -2  # type: ignore[index]
    data["inspectors"][1]["home_region"] = "Wales"  # type: ignore[index]
    messages = errors_for(data)
    assert "max_inspections_per_week: Input should be greater than or equal to 1" in messages
    assert (
        "inspectors[0] (id 'ofsted-social-care-001').max_inspections:"
        " Input should be greater than or equal to 0"
    ) in messages
    assert any(
        m.startswith(
            "inspectors[1] (id 'ofsted-social-care-002').home_region: Input should be 'North East'"
        )
        for m in messages
    )


def test_specialism_the_inspectorate_does_not_provide(demo_data: dict[str, object]) -> None:
    data = changed(demo_data)
    data["inspectors"][-1]["specialism"] = "police"  # type: ignore[index]
    (message,) = errors_for(data)
    assert message.endswith(
        "specialism 'police' is not provided by inspectorate 'hmip' (it provides: probation)"
    )


def test_theme_needing_more_inspections_than_its_weeks_allow(demo_data: dict[str, object]) -> None:
    too_many = theme("domestic-abuse", 6, date(2026, 3, 2), date(2026, 4, 10)).model_dump(
        mode="json"
    )
    data = changed(demo_data, themes=[too_many], revisits=[])
    assert errors_for(data) == [
        "themes[0] 'domestic-abuse': needs 6 inspections but only 4 candidate weeks fall in its"
        " window 2 March 2026 to 10 April 2026 (at most 1 a week, no bank holiday or blackout in"
        " the fieldwork week)"
    ]


def test_more_inspections_than_the_year_allows(demo_data: dict[str, object]) -> None:
    messages = errors_for(changed(demo_data, max_inspections_per_year=8, max_revisits_per_year=2))
    assert "themes: 10 inspections asked for, more than max_inspections_per_year (8)" in messages
    assert "revisits: 4 revisits asked for, more than max_revisits_per_year (2)" in messages


def test_unknown_references(demo_data: dict[str, object]) -> None:
    data = changed(demo_data, excluded_areas=["E06999999"])
    data["themes"][0]["team"] = "front-door-2099"  # type: ignore[index]
    data["inspectors"][0]["conflicts"] = ["E09999999"]  # type: ignore[index]
    messages = errors_for(data)
    assert (
        "themes[0] 'csa-family': team 'front-door-2099' is not one of the compositions" in messages
    )
    assert "excluded_areas[0]: unknown area E06999999" in messages
    assert "inspectors[0] 'ofsted-social-care-001'.conflicts: unknown area E09999999" in messages


def test_pins_that_cannot_hold(demo_data: dict[str, object]) -> None:
    pins = [
        Pin(slot="csa-family-9", week=date(2026, 3, 9)),
        Pin(slot="csa-family-1", week=date(2026, 4, 6)),
        Pin(slot="csa-family-1", week=date(2026, 3, 10)),
        Pin(slot="csa-family-1", inspector="cqc-health-001", role="lead"),
    ]
    data = changed(demo_data, pins=[p.model_dump(mode="json", exclude_none=True) for p in pins])
    messages = errors_for(data)
    assert messages[0].startswith("pins[0]: unknown slot 'csa-family-9'")
    assert messages[1:] == [
        "pins[1]: week of 6 April 2026 cannot have fieldwork: bank holiday on 6 April 2026",
        "pins[2]: week 2026-03-10 is not a Monday",
        "pins[3]: inspector 'cqc-health-001' cannot take role 'lead' on csa-family-1",
    ]
