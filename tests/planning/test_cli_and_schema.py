"""`python -m jtai.planning` and the committed JSON schema."""

import json
from pathlib import Path

import pytest

from jtai.planning import (
    Plan,
    Problem,
    Status,
    check,
    load_problem,
    main,
    problem_json_schema,
    solve,
)

from .builders import pool, small_problem, theme

DOCS = Path(__file__).resolve().parents[2] / "docs"
SCHEMA = DOCS / "planning-problem.schema.json"


def test_committed_schema_is_the_generated_one() -> None:
    assert json.loads(SCHEMA.read_text(encoding="utf-8")) == problem_json_schema()


def test_the_example_in_the_docs_solves_as_documented() -> None:
    text = (DOCS / "planning.md").read_text(encoding="utf-8")
    example = text.split("```json\n", 1)[1].split("```", 1)[0]
    problem = load_problem(example)
    result = solve(problem, time_limit_s=30)  # proofs need room on a loaded machine
    assert result.status is Status.OPTIMAL
    assert result.plan is not None
    assert check(problem, result.plan) == []
    assert result.objective == 147
    areas = {p.slot: p.area for p in result.plan.inspections}
    assert areas["front-door-1"] == "E06000014"  # pinned: York
    assert areas["revisit-domestic-abuse-1"] == "E06000023"  # Bristol, not Leeds
    assert areas["front-door-2"].startswith("E09")  # London boroughs tie; any will do


def test_solve_prints_the_result_as_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    problem = small_problem([theme("csa-family", 2)], pool(spare=4, cqc=8))
    path = tmp_path / "problem.json"
    path.write_text(problem.model_dump_json(), encoding="utf-8")
    assert main(["solve", str(path), "--json", "--time-limit", "5"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["status"] == Status.OPTIMAL
    assert {"objective", "bound", "gap", "wall_time"} <= set(result)
    assert check(problem, Plan.model_validate(result["plan"])) == []


def test_solve_prints_a_readable_plan(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "problem.json"
    path.write_text(small_problem([theme("a", 1)], pool()).model_dump_json(), encoding="utf-8")
    assert main(["solve", str(path), "--time-limit", "5"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("OPTIMAL: objective")
    assert "lead         lead-" in out


def test_infeasible_is_an_answer(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "problem.json"
    path.write_text(small_problem([theme("a", 1)], pool(cqc=2)).model_dump_json(), encoding="utf-8")
    assert main(["solve", str(path)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("INFEASIBLE")
    assert "2 CQC inspectors available, 3 needed" in out


def test_bad_problem_file_names_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data = json.loads(small_problem([theme("a", 1)]).model_dump_json())
    data["inspectors"][0]["max_inspections"] = -1
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(data), encoding="utf-8")
    assert main(["solve", str(path)]) == 2
    err = capsys.readouterr().err
    assert (
        "inspectors[0] (id 'lead-0').max_inspections: Input should be greater than or equal to 0"
        in err
    )
    assert main(["solve", str(tmp_path / "missing.json")]) == 2
    assert "cannot read" in capsys.readouterr().err
    with pytest.raises(SystemExit) as usage:
        main(["solve", str(path), "--time-limit", "0"])
    assert usage.value.code == 2
    assert "must be a positive number of seconds, not 0" in capsys.readouterr().err


def test_example_prints_a_valid_demo_problem(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["example", "--inspections", "4", "--inspectors", "40"]) == 0
    problem = load_problem(capsys.readouterr().out)
    assert isinstance(problem, Problem)
    assert len(problem.slots()) == 4
    assert len(problem.inspectors) == 40


def test_greedy_prints_its_objective(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "problem.json"
    path.write_text(small_problem([theme("a", 1)], pool()).model_dump_json(), encoding="utf-8")
    assert main(["greedy", str(path), "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["objective"] == result["breakdown"]["total"]
    assert result["bound"] is None
