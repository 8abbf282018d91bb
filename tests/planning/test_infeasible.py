"""No plan is an answer, with reasons a planner understands, taken from the model."""

from datetime import date

from jtai.planning import DateRange, Pin, Status, solve

from .builders import pool, small_problem, theme

MARCH_9 = date(2026, 3, 9)


def test_too_few_cqc_inspectors_in_the_week() -> None:
    leave = DateRange(start=MARCH_9, end=date(2026, 3, 13), reason="leave")
    people = [
        p.model_copy(update={"unavailable": [leave]}) if p.id in ("cqc-0", "cqc-1") else p
        for p in pool(cqc=3)
    ]
    problem = small_problem([theme("csa-family", 1, MARCH_9, date(2026, 3, 13))], people)
    result = solve(problem, time_limit_s=5)
    assert result.status is Status.INFEASIBLE
    assert result.plan is None
    (reason,) = result.reasons
    assert reason.kind == "staffing"
    assert reason.week == MARCH_9
    assert reason.message.startswith("week of 9 March 2026: 1 CQC inspector available, 3 needed")
    assert reason.message.endswith("(of 3 qualified: 2 on leave or other commitments)")


def test_staff_busy_on_another_inspection_the_same_weeks() -> None:
    problem = small_problem(
        [
            theme("a", 1, MARCH_9, date(2026, 3, 13)),
            theme("b", 1, date(2026, 3, 16), date(2026, 3, 20)),
        ],
        pool(spare=3, cqc=4),
    )
    result = solve(problem, time_limit_s=5)
    assert result.status is Status.INFEASIBLE
    assert [r.week for r in result.reasons] == [MARCH_9, date(2026, 3, 16)]
    for reason in result.reasons:
        assert ": 2 CQC inspectors available, 3 needed for " in reason.message
        assert reason.message.endswith("(of 4 qualified: 2 on another inspection at the same time)")


def test_themes_needing_more_weeks_than_their_windows_have() -> None:
    march = (date(2026, 3, 2), date(2026, 3, 27))
    problem = small_problem([theme("a", 3, *march), theme("b", 3, *march)], pool(cqc=24, spare=18))
    result = solve(problem, time_limit_s=5)
    assert result.status is Status.INFEASIBLE
    (reason,) = result.reasons
    assert reason.kind == "weeks"
    assert (
        " needs 3 inspections but only 1 can be placed: its window (2 March 2026 to 27 March"
        in reason.message
    )
    assert "has 4 candidate weeks (at most 1 inspection a week" in reason.message
    assert reason.message.endswith("takes 3")


def test_no_one_can_take_a_role() -> None:
    people = [p for p in pool() if not p.id.startswith("ed-")]
    result = solve(small_problem([theme("a", 1)], people), time_limit_s=5)
    assert result.status is Status.INFEASIBLE
    assert [r.message for r in result.reasons] == [
        "no inspector in the pool can be the Ofsted education inspector, needed by a-1"
    ]


def test_a_pin_that_clashes_with_leave() -> None:
    leave = DateRange(start=MARCH_9, end=date(2026, 3, 13), reason="training")
    people = [
        p.model_copy(update={"unavailable": [leave]}) if p.id == "pol-0" else p
        for p in pool(spare=2)
    ]
    pins = [Pin(slot="a-1", week=MARCH_9), Pin(slot="a-1", inspector="pol-0")]
    result = solve(small_problem([theme("a", 1)], people, pins=pins), time_limit_s=5)
    assert result.status is Status.INFEASIBLE
    assert [r.kind for r in result.reasons] == ["pin"]
    (reason,) = result.reasons
    assert reason.message.endswith("pol-0 is unavailable that week (training)")
    assert "pins[0] (week of 9 March 2026" in reason.message
    assert "pins[1] (inspector pol-0" in reason.message


def test_a_revisit_whose_areas_are_all_taken() -> None:
    revisit = {
        "key": "revisit-da",
        "theme": "domestic-abuse",
        "areas": ["E08000035"],
        "team": "thematic-2023",
    }
    problem = small_problem(
        [theme("a", 1)], pool(), revisits=[revisit], excluded_areas=["E08000035"]
    )
    result = solve(problem, time_limit_s=5)
    assert result.status is Status.INFEASIBLE
    assert [r.message for r in result.reasons] == [
        "revisit revisit-da needs 1 inspection but only 0 can be placed: only 0 candidate"
        " areas (not excluded) and each area is inspected at most once"
    ]


def test_more_places_in_the_year_than_people_may_take() -> None:
    people = [
        p.model_copy(update={"max_inspections": 1}) if p.id.startswith("pol") else p for p in pool()
    ]
    problem = small_problem([theme("a", 2, MARCH_9, date(2026, 6, 26))], people)
    result = solve(problem, time_limit_s=5)
    assert result.status is Status.INFEASIBLE
    assert result.reasons[0].message == (
        "HMICFRS inspectors: the year needs 6 places but the 4 qualified can take at most 4"
        " between them (their yearly maximums)"
    )
