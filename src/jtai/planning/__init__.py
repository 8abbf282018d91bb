"""Programme planning and team scheduling for JTAIs, with OR-Tools CP-SAT.

Pure Python, no Django: the web apps call these functions with data and store what comes
back. See docs/planning.md for the problem format, the rules and the objective.
"""

from jtai.planning.areas import Area, AuthorityType, Region
from jtai.planning.checker import check
from jtai.planning.cli import main
from jtai.planning.evaluate import evaluate
from jtai.planning.generate import generate_problem
from jtai.planning.greedy import GreedyResult, greedy_plan
from jtai.planning.planner import solve
from jtai.planning.problem import (
    Accreditation,
    InspectionType,
    Inspector,
    Inspectorate,
    Period,
    Pin,
    Problem,
    Revisit,
    Role,
    Specialism,
    TeamComposition,
    Theme,
    Weights,
)
from jtai.planning.result import (
    Assignment,
    Change,
    Objective,
    Plan,
    PlannedInspection,
    PlanResult,
    Reason,
    Status,
    Violation,
)
from jtai.planning.schema import problem_json_schema, problem_to_json
from jtai.planning.validation import ProblemError, load_problem
from jtai.planning.weeks import DateRange, default_blackouts

__all__ = [
    "Accreditation",
    "Area",
    "Assignment",
    "AuthorityType",
    "Change",
    "DateRange",
    "GreedyResult",
    "InspectionType",
    "Inspector",
    "Inspectorate",
    "Objective",
    "Period",
    "Pin",
    "Plan",
    "PlanResult",
    "PlannedInspection",
    "Problem",
    "ProblemError",
    "Reason",
    "Region",
    "Revisit",
    "Role",
    "Specialism",
    "Status",
    "TeamComposition",
    "Theme",
    "Violation",
    "Weights",
    "check",
    "default_blackouts",
    "evaluate",
    "generate_problem",
    "greedy_plan",
    "load_problem",
    "main",
    "problem_json_schema",
    "problem_to_json",
    "solve",
]
