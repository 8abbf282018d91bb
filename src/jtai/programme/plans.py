"""Reading a stored plan for people: the year as a calendar of inspections and teams, each
inspector's workload, what changed since the plan it re-plans, and warnings.

Everything is read from the plan's own problem and result documents (names, regions and
maxima as they were when it was planned), so the plan page costs the same few queries
however large the year is.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from typing import Any

from jtai import planning
from jtai.timelines import compute_timeline

from .models import PlanPin, PlanStatus, ProgrammePlan, Theme
from .planning_inputs import user_pk_of
from .selectors import current_framework, working_calendar

ROLE_NAMES = {
    "lead": "Lead inspector",
    "qa": "QA manager",
    "social-care": "Social care",
    "education": "Education",
    "police": "Police",
    "health": "Health",
    "probation": "Probation",
}
INSPECTORATE_NAMES = {"ofsted": "Ofsted", "cqc": "CQC", "hmicfrs": "HMICFRS", "hmip": "HMIP"}
STATUS_LABELS = {
    planning.Status.OPTIMAL: "Proven optimal",
    planning.Status.FEASIBLE: "Feasible",
    planning.Status.INFEASIBLE: "No plan meets every rule",
    planning.Status.UNKNOWN: "No plan found in the time allowed",
}


def week_label(monday: dt.date) -> str:
    return f"week of {monday.day} {monday:%B %Y}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%B %Y}"


@dataclass(frozen=True)
class Stream:
    """What a slot is: a theme's inspection or a revisit, and its team."""

    key: str
    theme: str
    name: str
    revisit: bool
    inspection_type: str  # jtai.programme InspectionType value
    framework: str
    roles: dict[str, dict[str, Any]]


def slot_streams(problem: dict[str, Any]) -> dict[str, Stream]:
    """Each slot of a problem document (``<key>-<n>``) and the stream it belongs to."""
    teams = {c["key"]: c for c in problem.get("compositions", [])}
    streams: dict[str, Stream] = {}
    for revisit, field_name in ((False, "themes"), (True, "revisits")):
        for entry in problem.get(field_name, []):
            team = teams.get(entry["team"], {})
            kind = "revisit" if revisit else str(team.get("inspection_type", "thematic"))
            stream = Stream(
                key=entry["key"],
                theme=entry["theme"] if revisit else entry["key"],
                name=entry.get("name") or entry["key"],
                revisit=revisit,
                inspection_type=kind,
                framework=str(team.get("framework_version", "")),
                roles={role["key"]: role for role in team.get("roles", [])},
            )
            for n in range(1, int(entry.get("inspections", 1 if revisit else 6)) + 1):
                streams[f"{entry['key']}-{n}"] = stream
    return streams


@dataclass(frozen=True)
class Member:
    role: str
    role_name: str
    inspector: str
    name: str
    inspectorate: str
    pinned: bool


@dataclass(frozen=True)
class CalendarRow:
    slot: str
    week: dt.date
    week_end: dt.date
    area_code: str
    area_name: str
    region: str
    theme: str
    revisit: bool
    team: list[Member]
    area_pinned: bool
    week_pinned: bool
    changed: list[str]


@dataclass(frozen=True)
class Month:
    label: str
    rows: list[CalendarRow]


@dataclass(frozen=True)
class Workload:
    inspector: str
    name: str
    inspectorate: str
    specialism: str
    home_region: str
    inspections: int
    maximum: int
    away: int  # inspections outside their home region
    travel: int  # half-hours, as the objective counts it
    weeks: list[dt.date]


@dataclass(frozen=True)
class ChangeLine:
    slot: str
    what: str
    before: str
    after: str


@dataclass
class PlanView:
    plan: ProgrammePlan
    result: planning.PlanResult
    headline: str
    gap_percent: float | None
    improvement_percent: float | None
    months: list[Month] = field(default_factory=list)
    workload: list[Workload] = field(default_factory=list)
    idle: int = 0
    changes: list[ChangeLine] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    pins: list[PlanPin] = field(default_factory=list)

    @property
    def has_plan(self) -> bool:
        return self.result.plan is not None

    @property
    def can_publish(self) -> bool:
        return self.plan.status == PlanStatus.DRAFT and self.has_plan and not self.plan.violations

    @property
    def can_accept(self) -> bool:
        return self.plan.status == PlanStatus.PUBLISHED

    @property
    def can_replan(self) -> bool:
        return self.has_plan and self.plan.status != PlanStatus.ACCEPTED


def _headline(result: planning.PlanResult) -> str:
    text = STATUS_LABELS[result.status]
    if result.status == planning.Status.FEASIBLE and result.gap is not None:
        text += f", within {100 * result.gap:.1f}% of the proven best"
    return text


def plan_view(plan: ProgrammePlan, pins: list[PlanPin], theme_names: dict[str, str]) -> PlanView:
    result = planning.PlanResult.model_validate(plan.result)
    improvement = None
    if result.objective is not None and plan.greedy_objective:
        improvement = 100 * (plan.greedy_objective - result.objective) / plan.greedy_objective
    view = PlanView(
        plan=plan,
        result=result,
        headline=_headline(result),
        gap_percent=None if result.gap is None else 100 * result.gap,
        improvement_percent=improvement,
        pins=pins,
    )
    problem = plan.problem
    areas = {a["ons_code"]: a for a in problem.get("areas", [])}
    people = {i["id"]: i for i in problem.get("inspectors", [])}
    view.changes = [_change_line(c, areas, people) for c in result.changes]
    if result.plan is not None:
        streams = slot_streams(problem)
        view.months = _calendar(result.plan, streams, areas, people, pins, theme_names, view)
        view.workload, view.idle = _workload(result.plan, areas, people, plan.problem)
        view.warnings = _warnings(result.plan, plan, people)
    view.warnings = list(result.notes) + view.warnings
    return view


def theme_names() -> dict[str, str]:
    return dict(Theme.objects.values_list("key", "name"))


def _name_of_area(code: str, areas: dict[str, dict[str, Any]]) -> str:
    return str(areas.get(code, {}).get("name", code))


def _name_of_person(inspector: str, people: dict[str, dict[str, Any]]) -> str:
    return str(people.get(inspector, {}).get("name") or inspector)


def _change_line(
    change: planning.Change, areas: dict[str, dict[str, Any]], people: dict[str, dict[str, Any]]
) -> ChangeLine:
    def show(value: str) -> str:
        if not value:
            return "nobody" if change.what == "inspector" else "–"
        if change.what == "week":
            return week_label(dt.date.fromisoformat(value))
        if change.what in {"area", "removed"}:
            return _name_of_area(value, areas)
        role, _, inspector = value.partition(": ")
        return f"{_name_of_person(inspector, people)} ({ROLE_NAMES.get(role, role).lower()})"

    what = {"removed": "inspection removed", "inspector": "team"}.get(change.what, change.what)
    return ChangeLine(change.slot, what, show(change.before), show(change.after))


def _calendar(
    plan: planning.Plan,
    streams: dict[str, Stream],
    areas: dict[str, dict[str, Any]],
    people: dict[str, dict[str, Any]],
    pins: list[PlanPin],
    names: dict[str, str],
    view: PlanView,
) -> list[Month]:
    pinned_areas = {p.slot for p in pins if p.area_id is not None}
    pinned_weeks = {p.slot for p in pins if p.week is not None}
    pinned_people = {(p.slot, p.inspector.user_id) for p in pins if p.inspector is not None}
    changed: dict[str, list[str]] = defaultdict(list)
    for line in view.changes:
        changed[line.slot].append(line.what)
    months: dict[tuple[int, int], list[CalendarRow]] = defaultdict(list)
    for inspection in sorted(plan.inspections, key=lambda i: (i.week, i.slot)):
        stream = streams.get(inspection.slot)
        area = areas.get(inspection.area, {})
        team = [
            Member(
                role=a.role,
                role_name=ROLE_NAMES.get(a.role, a.role),
                inspector=a.inspector,
                name=_name_of_person(a.inspector, people),
                inspectorate=INSPECTORATE_NAMES.get(
                    str(people.get(a.inspector, {}).get("inspectorate")), ""
                ),
                pinned=(inspection.slot, user_pk_of(a.inspector)) in pinned_people,
            )
            for a in inspection.team
        ]
        theme_key = stream.theme if stream else inspection.theme
        months[inspection.week.year, inspection.week.month].append(
            CalendarRow(
                slot=inspection.slot,
                week=inspection.week,
                week_end=inspection.week + dt.timedelta(days=4),
                area_code=inspection.area,
                area_name=str(area.get("name", inspection.area)),
                region=str(area.get("region", "")),
                theme=names.get(theme_key, theme_key),
                revisit=bool(stream and stream.revisit),
                team=team,
                area_pinned=inspection.slot in pinned_areas,
                week_pinned=inspection.slot in pinned_weeks,
                changed=changed.get(inspection.slot, []),
            )
        )
    return [
        Month(label=f"{dt.date(year, month, 1):%B %Y}", rows=rows)
        for (year, month), rows in sorted(months.items())
    ]


def _travel(problem: dict[str, Any], plan: planning.Plan) -> dict[str, int]:
    """Each person's travel, in half-hours, from the package's own evaluator: their part
    of the plan, scored alone."""
    try:
        model = planning.load_problem(problem)
    except planning.ProblemError:
        return {}  # a plan stored from a problem that no longer reads: no figure
    mine: dict[str, list[planning.PlannedInspection]] = defaultdict(list)
    for inspection in plan.inspections:
        for member in inspection.team:
            mine[member.inspector].append(inspection.model_copy(update={"team": [member]}))
    return {
        inspector: planning.evaluate(model, planning.Plan(inspections=inspections)).travel
        for inspector, inspections in mine.items()
    }


def _workload(
    plan: planning.Plan,
    areas: dict[str, dict[str, Any]],
    people: dict[str, dict[str, Any]],
    problem: dict[str, Any],
) -> tuple[list[Workload], int]:
    travel = _travel(problem, plan)
    weeks: dict[str, list[dt.date]] = defaultdict(list)
    away: dict[str, int] = defaultdict(int)
    for inspection in plan.inspections:
        region = areas.get(inspection.area, {}).get("region")
        for member in inspection.team:
            weeks[member.inspector].append(inspection.week)
            if people.get(member.inspector, {}).get("home_region") != region:
                away[member.inspector] += 1
    rows = [
        Workload(
            inspector=inspector,
            name=_name_of_person(inspector, people),
            inspectorate=INSPECTORATE_NAMES.get(
                str(people.get(inspector, {}).get("inspectorate")), ""
            ),
            specialism=str(people.get(inspector, {}).get("specialism", "")).replace("-", " "),
            home_region=str(people.get(inspector, {}).get("home_region", "")),
            inspections=len(days),
            maximum=int(people.get(inspector, {}).get("max_inspections", 0)),
            away=away[inspector],
            travel=travel.get(inspector, 0),
            weeks=sorted(days),
        )
        for inspector, days in weeks.items()
    ]
    rows.sort(key=lambda w: (-w.inspections, w.inspectorate, w.name))
    return rows, len(people) - len(rows)


def _warnings(
    planned: planning.Plan, plan: ProgrammePlan, people: dict[str, dict[str, Any]]
) -> list[str]:
    warnings = [f"The checker found a broken rule: {v['message']}" for v in plan.violations]
    framework = current_framework()
    calendar = working_calendar()
    for inspection in sorted(planned.inspections, key=lambda i: (i.week, i.slot)):
        timeline = compute_timeline(framework.compiled_rules(), inspection.week, calendar)
        warnings += [f"{inspection.slot}: {text}" for text in timeline.warnings]
        # Leave in the notification weeks is allowed; the planner arranges cover for it.
        first, last = (
            inspection.week - dt.timedelta(weeks=2),
            inspection.week - dt.timedelta(days=1),
        )
        for member in inspection.team:
            person = people.get(member.inspector, {})
            for span in person.get("unavailable", []):
                start, end = (
                    dt.date.fromisoformat(span["start"]),
                    dt.date.fromisoformat(span["end"]),
                )
                if start <= last and first <= end:
                    warnings.append(
                        f"{inspection.slot}: {person.get('name')} is away"
                        f" ({span.get('reason') or 'unavailable'}) in the notification weeks"
                        f" before {week_label(inspection.week)}: arrange cover."
                    )
                    break
    counts: dict[str, int] = defaultdict(int)
    for inspection in planned.inspections:
        for member in inspection.team:
            counts[member.inspector] += 1
    for inspector, count in sorted(counts.items()):
        person = people.get(inspector, {})
        if count >= int(person.get("max_inspections", 0)) > 0:
            warnings.append(
                f"{person.get('name')} is at their yearly maximum of {count} inspections."
            )
    return warnings
