"""`jtai plan`: what-if problems from a JSON file, with the planning package's own output,
messages and exit status; every plan it prints passes the independent checker."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from jtai import planning
from jtai.__main__ import main as jtai
from jtai.programme.models import ProgrammeYear
from jtai.programme.planning_inputs import problem_data


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[str, str]:
    call_command("plan", *args)
    captured = capsys.readouterr()
    return captured.out, captured.err


def example(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> planning.Problem:
    out, _ = run(capsys, "example", *args)
    path.write_text(out, encoding="utf-8")
    return planning.load_problem(out)


def solved(capsys: pytest.CaptureFixture[str], path: Path, *args: str) -> planning.PlanResult:
    out, _ = run(capsys, "solve", str(path), "--json", *args)
    return planning.PlanResult.model_validate_json(out)


def test_a_what_if_problem_is_solved_and_printed_as_json(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "problem.json"
    problem = example(capsys, path, "--inspections", "6", "--inspectors", "50", "--seed", "1")
    result = solved(capsys, path, "--time-limit", "10")
    assert result.status in {planning.Status.OPTIMAL, planning.Status.FEASIBLE}
    assert result.plan is not None
    assert planning.check(problem, result.plan) == []
    assert len(result.plan.inspections) == 6
    text, _ = run(capsys, "solve", str(path), "--time-limit", "10")
    assert text.splitlines()[0].startswith(str(result.status))
    assert "lead" in text


def test_a_generated_larger_year_passes_the_checker(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "larger.json"
    problem = example(capsys, path, "--inspections", "20", "--inspectors", "170")
    result = solved(capsys, path, "--time-limit", "3")
    assert result.status in {planning.Status.OPTIMAL, planning.Status.FEASIBLE}
    assert result.plan is not None
    assert len(result.plan.inspections) == 20
    assert planning.check(problem, result.plan) == []


def test_the_demo_year_from_the_database_solves_on_the_command_line(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, year: ProgrammeYear
) -> None:
    path = tmp_path / "demo-year.json"
    path.write_text(json.dumps(problem_data(year, today=timezone.localdate())), encoding="utf-8")
    result = solved(capsys, path, "--time-limit", "20")
    assert result.status in {planning.Status.OPTIMAL, planning.Status.FEASIBLE}
    assert result.plan is not None
    assert planning.check(planning.load_problem(path.read_text()), result.plan) == []


def test_an_infeasible_problem_is_an_answer(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "problem.json"
    problem = example(capsys, path, "--inspections", "3", "--inspectors", "40")
    data = json.loads(path.read_text())
    for inspector in data["inspectors"]:
        if inspector["specialism"] == "education":
            inspector["unavailable"] = [
                {"start": str(problem.period.start), "end": str(problem.period.end)}
            ]
    path.write_text(json.dumps(data))
    result = solved(capsys, path, "--time-limit", "5")
    assert result.status is planning.Status.INFEASIBLE
    assert result.reasons
    assert all("education" in reason.message for reason in result.reasons)


BAD = [
    ("{", "not valid JSON: Expecting property name enclosed in double quotes"),
    ('{"period": {"start": "2026-01-01", "end": "2026-12-31"}}', "compositions: Field required"),
]


@pytest.mark.parametrize(("text", "message"), BAD)
def test_a_file_that_is_not_a_problem_is_refused_by_name(
    text: str, message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "bad.json"
    path.write_text(text)
    with pytest.raises(CommandError) as refused:
        call_command("plan", "solve", str(path), "--json")
    assert refused.value.returncode == 2
    err = capsys.readouterr().err
    assert f"{path}: the problem is not valid:" in err
    assert message in err


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            lambda d: d["inspectors"][0].update(max_inspections=-1),
            ".max_inspections: Input should be greater than or equal to 0",
        ),
        (lambda d: d["inspectors"][3].pop("inspectorate"), ".inspectorate: Field required"),
        (
            lambda d: d["themes"][0].update(
                window={"start": "2026-03-02", "end": "2026-03-27"}, inspections=6
            ),
            "needs 6 inspections but only",
        ),
    ],
    ids=["negative maximum", "no inspectorate", "more inspections than weeks"],
)
def test_impossible_numbers_are_named(
    change: Any, message: str, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    path = tmp_path / "problem.json"
    example(capsys, path)
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))
    with pytest.raises(CommandError):
        call_command("plan", "solve", str(path))
    assert message in capsys.readouterr().err


def test_the_console_script_exits_with_the_package_status(
    capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    missing = tmp_path / "missing.json"
    with pytest.raises(SystemExit) as exited:
        jtai(["plan", "solve", str(missing)])
    assert exited.value.code == 2
    assert f"cannot read {missing}" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exited:
        jtai(["plan", "schema"])
    assert exited.value.code == 0
    assert json.loads(capsys.readouterr().out)["title"] == "Problem"
