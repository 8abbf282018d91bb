"""The problem's JSON schema (docs/planning-problem.schema.json) and JSON output."""

from __future__ import annotations

from typing import Any

from jtai.planning.areas import reference_areas
from jtai.planning.problem import Problem

SCHEMA_ID = "https://jtai.example/schemas/planning-problem.schema.json"


def problem_json_schema() -> dict[str, Any]:
    schema = Problem.model_json_schema()
    return {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": SCHEMA_ID, **schema}


def problem_to_json(problem: Problem) -> str:
    """The problem as JSON, leaving out the areas when they are the reference ones."""
    exclude = {"areas"} if tuple(problem.areas) == reference_areas() else set()
    return problem.model_dump_json(indent=2, exclude=exclude, exclude_none=True)
