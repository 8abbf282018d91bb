"""A programme year's inputs, read from the database and turned into a planning problem.

The problem is built as the JSON document of docs/planning.md and read back with
``planning.load_problem``, so a mistake in the inputs is refused with the package's own
messages (each naming where it is), exactly as ``jtai plan solve`` would refuse the file.
Areas are chosen for a mix of geography and demographics: nothing here reads a risk or
concern about an area.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from django.db.models import Prefetch

from jtai import planning
from jtai.areas.models import Area
from jtai.inspections.models import ACTIVE_STATUSES, Inspection, TeamMember, TeamRole
from jtai.library.selectors import last_inspected_by_area
from jtai.timelines import earliest_fieldwork_start

from .models import (
    BlackoutPeriod,
    ClosureDay,
    ConflictOfInterest,
    FrameworkVersion,
    InspectorProfile,
    PlanPin,
    ProgrammePlan,
    ProgrammeYear,
    RevisitQuota,
    Specialism,
    TeamComposition,
    ThemeQuota,
    Unavailability,
)
from .selectors import current_framework, working_calendar
from .teams import planning_composition

INSPECTOR_PREFIX = "user-"
INSPECTORATE_SHORT_NAMES = {"ofsted": "Ofsted", "cqc": "CQC", "hmicfrs": "HMICFRS", "hmip": "HMIP"}


def inspector_id(user_pk: int) -> str:
    """An inspector's id in a problem: their user's, so a plan maps back to people."""
    return f"{INSPECTOR_PREFIX}{user_pk}"


def user_pk_of(inspector: str) -> int | None:
    rest = inspector.removeprefix(INSPECTOR_PREFIX)
    return int(rest) if rest != inspector and rest.isdigit() else None


def revisit_key(theme_key: str) -> str:
    return f"revisit-{theme_key}"


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date


def planning_period(programme_year: ProgrammeYear, today: dt.date) -> Period:
    """The weeks still open for fieldwork: from the first Monday whose notification day is
    not in the past (inspections cannot be created earlier) to the year's end."""
    framework = current_framework()
    earliest = earliest_fieldwork_start(today, framework.compiled_rules(), working_calendar())
    return Period(max(programme_year.starts_on, earliest), programme_year.ends_on)


def _window(
    start: dt.date | None, end: dt.date | None, year: ProgrammeYear, period: Period
) -> dict[str, str] | None:
    if start is None and end is None:
        return None
    first = start or year.starts_on
    # Weeks already past close silently; a window outside the year stays an error.
    if year.starts_on <= first < period.start:
        first = period.start
    return {"start": first.isoformat(), "end": (end or year.ends_on).isoformat()}


def _blackouts(year: ProgrammeYear, period: Period) -> list[dict[str, str]]:
    stored = [
        {"start": b.starts_on.isoformat(), "end": b.ends_on.isoformat(), "reason": b.reason}
        for b in BlackoutPeriod.objects.filter(programme_year=year)
    ]
    if not stored:
        years = range(period.start.year, period.end.year + 1)
        stored = [b.model_dump(mode="json") for y in years for b in planning.default_blackouts(y)]
    # Closure days: nobody works, so no fieldwork week may contain one.
    closures = ClosureDay.objects.filter(date__range=(period.start, period.end))
    return stored + [
        {"start": c.date.isoformat(), "end": c.date.isoformat(), "reason": c.reason}
        for c in closures
    ]


def _areas() -> list[dict[str, Any]]:
    return [
        {
            "ons_code": code,
            "name": name,
            "region": region,
            # An area without a population estimate counts as the smallest band.
            "population_0_25": population or 0,
        }
        for code, name, region, population in Area.objects.order_by("ons_code").values_list(
            "ons_code", "name", "region", "population_0_25"
        )
    ]


def _inspection_commitments(period: Period) -> dict[int, list[dict[str, str]]]:
    """People already on a live inspection are busy from its notification to the end of
    fieldwork (the lead and QA manager until the draft report)."""
    busy: dict[int, list[dict[str, str]]] = {}
    members = TeamMember.objects.filter(
        inspection__status__in=ACTIVE_STATUSES,
        inspection__fieldwork_start__gte=period.start - dt.timedelta(weeks=8),
        inspection__fieldwork_start__lte=period.end,
    ).values_list("user_id", "team_role", "inspection__reference", "inspection__planned_dates")
    for user_pk, team_role, reference, dates in members:
        last = "draft_report" if team_role != TeamRole.INSPECTOR else "fieldwork_end"
        start, end = dates.get("notification"), dates.get(last) or dates.get("fieldwork_end")
        if start and end:
            busy.setdefault(user_pk, []).append(
                {"start": start, "end": end, "reason": f"on inspection {reference}"}
            )
    return busy


def _inspectors(period: Period) -> list[dict[str, Any]]:
    leave = Unavailability.objects.filter(starts_on__lte=period.end, ends_on__gte=period.start)
    profiles = (
        InspectorProfile.objects.filter(user__is_active=True)
        .select_related("user__inspectorate")
        .prefetch_related(Prefetch("unavailability", queryset=leave), "conflicts__area")
        .order_by("user__full_name", "user_id")
    )
    busy = _inspection_commitments(period)
    inspectors = []
    for profile in profiles:
        user = profile.user
        unavailable = [
            {"start": u.starts_on.isoformat(), "end": u.ends_on.isoformat(), "reason": u.reason}
            for u in profile.unavailability.all()
        ]
        record: dict[str, Any] = {
            "id": inspector_id(user.pk),
            "name": user.full_name,
            "specialism": profile.specialism,
            "can_lead": profile.can_lead,
            "can_qa": profile.can_qa,
            "home_region": profile.home_region,
            "max_inspections": profile.max_inspections_per_year,
            "unavailable": unavailable + busy.get(user.pk, []),
            "conflicts": sorted(c.area.ons_code for c in profile.conflicts.all()),
        }
        # No inspectorate: left out, so the package names the inspector and the field.
        if user.inspectorate is not None:
            record["inspectorate"] = user.inspectorate.code
        inspectors.append(record)
    return inspectors


def _pins(year: ProgrammeYear) -> list[dict[str, Any]]:
    pins = []
    for pin in PlanPin.objects.filter(programme_year=year).select_related("area", "inspector"):
        record: dict[str, Any] = {"slot": pin.slot}
        if pin.area is not None:
            record["area"] = pin.area.ons_code
        if pin.week is not None:
            record["week"] = pin.week.isoformat()
        if pin.inspector is not None:
            record["inspector"] = inspector_id(pin.inspector.user_id)
            if pin.role:
                record["role"] = pin.role
        pins.append(record)
    return pins


def _team_keys(framework: FrameworkVersion) -> dict[str, str]:
    """Composition key by inspection type; revisits use the thematic team if they have
    none of their own."""
    keys = {
        c.inspection_type: c.key
        for c in TeamComposition.objects.filter(framework=framework).select_related("framework")
    }
    keys.setdefault("revisit", keys.get("thematic", f"thematic-{framework.key}"))
    return keys


def problem_data(
    programme_year: ProgrammeYear, *, today: dt.date, previous: ProgrammePlan | None = None
) -> dict[str, Any]:
    """The problem document for a programme year (docs/planning.md)."""
    framework = current_framework()
    period = planning_period(programme_year, today)
    compositions = TeamComposition.objects.filter(framework=framework).select_related("framework")
    teams = _team_keys(framework)
    themes = [
        {
            "key": quota.theme.key,
            "name": quota.theme.name,
            "inspections": quota.inspections,
            "window": _window(quota.window_start, quota.window_end, programme_year, period),
            "team": teams.get(quota.inspection_type, f"{quota.inspection_type}-{framework.key}"),
        }
        for quota in ThemeQuota.objects.filter(programme_year=programme_year).select_related(
            "theme"
        )
    ]
    revisits = [
        {
            "key": revisit_key(quota.theme.key),
            "theme": quota.theme.key,
            "inspections": quota.inspections,
            "areas": sorted(area.ons_code for area in quota.areas.all()),
            "window": _window(quota.window_start, quota.window_end, programme_year, period),
            "team": teams["revisit"],
        }
        for quota in RevisitQuota.objects.filter(programme_year=programme_year)
        .select_related("theme")
        .prefetch_related("areas")
    ]
    calendar = working_calendar()
    excluded = Inspection.objects.filter(status__in=ACTIVE_STATUSES).values_list(
        "area__ons_code", flat=True
    )
    data: dict[str, Any] = {
        "name": f"Programme {programme_year.label}",
        "period": {"start": period.start.isoformat(), "end": period.end.isoformat()},
        "bank_holidays": [
            day.day.isoformat() for day in calendar.bank_holidays_between(period.start, period.end)
        ],
        "blackouts": _blackouts(programme_year, period),
        "compositions": [
            {
                "key": c.key,
                "framework_version": framework.key,
                "inspection_type": c.inspection_type,
                "roles": c.roles,
            }
            for c in compositions
        ],
        "themes": [{k: v for k, v in t.items() if v is not None} for t in themes],
        "revisits": [{k: v for k, v in r.items() if v is not None} for r in revisits],
        "areas": _areas(),
        "last_inspected": {code: day.isoformat() for code, day in last_inspected_by_area().items()},
        "excluded_areas": sorted(set(excluded)),
        "inspectors": _inspectors(period),
        "pins": _pins(programme_year),
    }
    for composition in data["compositions"]:
        # The planning package knows thematic and front-door teams; a revisit's is thematic.
        if composition["inspection_type"] == "revisit":
            composition["inspection_type"] = "thematic"
    if previous is not None and previous.result.get("plan"):
        data["previous_plan"] = previous.result["plan"]
    return data


def problem_for(
    programme_year: ProgrammeYear, *, today: dt.date, previous: ProgrammePlan | None = None
) -> planning.Problem:
    """The planning problem; ``planning.ProblemError`` names whatever is wrong with it."""
    data = problem_data(programme_year, today=today, previous=previous)
    try:
        return planning.load_problem(data)
    except planning.ProblemError as error:
        raise planning.ProblemError(readable_messages(error.messages, data)) from error


_INDEXED = re.compile(r"^(pins|inspectors)\[(\d+)\](?: \([^)]*\))?")


def readable_messages(messages: list[str], data: dict[str, Any]) -> list[str]:
    """'pins[1]: ...' and "inspectors[3] (id 'user-12').max_inspections: ..." name the pin
    or the person, as the pages show them."""

    def name(match: re.Match[str]) -> str:
        field, index = match.group(1), int(match.group(2))
        items = data.get(field) or []
        if index >= len(items):
            return match.group(0)
        item = items[index]
        if field == "pins":
            return f"The pin on {item.get('slot')}"
        return f"{item.get('name') or item.get('id')}'s profile"

    return [_INDEXED.sub(name, message) for message in messages]


@dataclass(frozen=True)
class PoolLine:
    inspectorate: str
    specialism: str
    people: int
    can_lead: int
    can_qa: int
    places: int  # the most inspections they may take between them


def pool_summary() -> list[PoolLine]:
    """The inspector pool by inspectorate and specialism, for the inputs page."""
    counts: Counter[tuple[str, str, str]] = Counter()
    for inspectorate, specialism, can_lead, can_qa, most in InspectorProfile.objects.filter(
        user__is_active=True
    ).values_list(
        "user__inspectorate__short_name",
        "specialism",
        "can_lead",
        "can_qa",
        "max_inspections_per_year",
    ):
        key = (inspectorate or "No inspectorate", Specialism(specialism).label)
        counts[(*key, "people")] += 1
        counts[(*key, "lead")] += int(can_lead)
        counts[(*key, "qa")] += int(can_qa)
        counts[(*key, "places")] += most
    keys = sorted({(i, s) for i, s, _ in counts})
    return [
        PoolLine(
            inspectorate=i,
            specialism=s,
            people=counts[i, s, "people"],
            can_lead=counts[i, s, "lead"],
            can_qa=counts[i, s, "qa"],
            places=counts[i, s, "places"],
        )
        for i, s in keys
    ]


def slot_choices(programme_year: ProgrammeYear) -> list[tuple[str, str]]:
    """The year's slots as the planner names them, '<theme>-<n>' and
    'revisit-<theme>-<n>', with words for people."""
    choices = []
    for quota in ThemeQuota.objects.filter(programme_year=programme_year).select_related("theme"):
        choices += [
            (f"{quota.theme.key}-{n}", f"{quota.theme.name}, inspection {n}")
            for n in range(1, quota.inspections + 1)
        ]
    for revisit in RevisitQuota.objects.filter(programme_year=programme_year).select_related(
        "theme"
    ):
        choices += [
            (f"{revisit_key(revisit.theme.key)}-{n}", f"Revisit on {revisit.theme.name}, {n}")
            for n in range(1, revisit.inspections + 1)
        ]
    return choices


@dataclass(frozen=True)
class TeamLine:
    inspection_type: str
    roles: list[str]


@dataclass
class InputsSummary:
    """What a programme year will be planned from, as the year's page shows it."""

    period: Period
    framework: FrameworkVersion
    themes: list[ThemeQuota]
    revisits: list[RevisitQuota]
    teams: list[TeamLine]
    blackouts: list[dict[str, str]]
    blackouts_are_default: bool
    pool: list[PoolLine]
    unavailable: int
    conflicts: int
    errors: list[str]


def _team_lines(framework: FrameworkVersion) -> list[TeamLine]:
    lines = []
    for composition in TeamComposition.objects.filter(framework=framework).select_related(
        "framework"
    ):
        try:
            team = planning_composition(composition)
        except ValueError:
            lines.append(TeamLine(composition.get_inspection_type_display(), ["not valid"]))
            continue
        lines.append(
            TeamLine(composition.get_inspection_type_display(), [_role_text(r) for r in team.roles])
        )
    return lines


def _role_text(role: planning.Role) -> str:
    """'3 HMICFRS inspectors', '1 Ofsted social care lead inspector'."""
    words = [str(role.count), INSPECTORATE_SHORT_NAMES[role.inspectorate]]
    if role.specialism is not None:
        words.append(Specialism(role.specialism).label.lower())
    if role.requires is planning.Accreditation.LEAD:
        words.append("lead inspector")
    elif role.requires is planning.Accreditation.QA:
        words.append("quality assurance manager")
    else:
        words.append("inspector")
    return " ".join(words) + ("s" if role.count != 1 else "")


def inputs_summary(programme_year: ProgrammeYear, *, today: dt.date) -> InputsSummary:
    period = planning_period(programme_year, today)
    try:
        problem_for(programme_year, today=today)
        errors: list[str] = []
    except planning.ProblemError as error:
        errors = error.messages
    return InputsSummary(
        period=period,
        framework=current_framework(),
        themes=list(
            ThemeQuota.objects.filter(programme_year=programme_year).select_related("theme")
        ),
        revisits=list(
            RevisitQuota.objects.filter(programme_year=programme_year)
            .select_related("theme")
            .prefetch_related("areas")
        ),
        teams=_team_lines(current_framework()),
        blackouts=_blackouts(programme_year, period),
        blackouts_are_default=not BlackoutPeriod.objects.filter(
            programme_year=programme_year
        ).exists(),
        pool=pool_summary(),
        unavailable=Unavailability.objects.filter(
            starts_on__lte=period.end, ends_on__gte=period.start
        ).count(),
        conflicts=ConflictOfInterest.objects.count(),
        errors=errors,
    )
