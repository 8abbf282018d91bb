"""Helpers for the programme planning tests: the demo's planning year, plans stored
without solving (the greedy baseline's, for pages and access tests) and the independent
checker run on every plan a test produces."""

from __future__ import annotations

import datetime as dt
import json

from django.utils import timezone

from jtai import planning
from jtai.accounts.models import User
from jtai.programme.models import PlanPin, PlanStatus, ProgrammePlan, ProgrammeYear
from jtai.programme.planning_inputs import problem_for


def planning_year() -> ProgrammeYear:
    """The demo year with themes and revisits to plan."""
    return ProgrammeYear.objects.filter(theme_quotas__isnull=False).distinct().get()


def checked(plan: ProgrammePlan) -> planning.Plan:
    """The stored plan, after the independent checker found it breaks no hard rule."""
    problem = planning.load_problem(plan.problem)
    planned = planning.Plan.model_validate(plan.result["plan"])
    violations = planning.check(problem, planned)
    assert violations == [], violations
    assert plan.violations == []
    return planned


def stored_plan(
    actor: User,
    year: ProgrammeYear | None = None,
    *,
    status: str = PlanStatus.DRAFT,
    inspections: int | None = None,
) -> ProgrammePlan:
    """A plan stored as if the planner had made it, from the greedy baseline (instant and
    deterministic); ``inspections`` keeps only the first few (for query counts: such a
    plan no longer passes the checker)."""
    year = year or planning_year()
    problem = problem_for(year, today=timezone.localdate())
    baseline = planning.greedy_plan(problem)
    assert baseline.plan is not None
    assert baseline.objective is not None
    assert planning.check(problem, baseline.plan) == []
    plan = baseline.plan
    if inspections is not None:
        plan = planning.Plan(inspections=plan.inspections[:inspections])
    result = planning.PlanResult(
        status=planning.Status.FEASIBLE,
        plan=plan,
        objective=baseline.objective.total,
        breakdown=baseline.objective,
        wall_time=0.0,
    )
    now = timezone.now()
    return ProgrammePlan.objects.create(
        programme_year=year,
        status=status,
        created_by=actor,
        created_at=now - dt.timedelta(minutes=5),
        published_at=now if status == PlanStatus.PUBLISHED else None,
        solver_status=result.status,
        objective=result.objective,
        greedy_objective=baseline.objective.total,
        problem=json.loads(planning.problem_to_json(problem)),
        result=result.model_dump(mode="json"),
    )


def planning_pin(year: ProgrammeYear) -> PlanPin:
    """A pin on the year's first inspection's week."""
    monday = year.starts_on + dt.timedelta(days=(7 - year.starts_on.weekday()) % 7)
    return PlanPin.objects.create(
        programme_year=year,
        slot="csa-family-1",
        week=monday + dt.timedelta(weeks=20),
        created_by=User.objects.get(role="programme_manager"),
        created_at=timezone.now(),
    )
