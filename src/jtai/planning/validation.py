"""Checks across a problem's parts, and messages that name what is wrong.

Field-level rules (types, negative numbers, unknown regions, a missing inspectorate) are
pydantic's; the rules here need several parts of the problem at once. Each message starts
with where the mistake is, e.g. "themes[0] 'csa-family': ...".
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from datetime import timedelta
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from jtai.planning.weeks import blocked_reason, week_label

if TYPE_CHECKING:
    from jtai.planning.problem import Problem, Revisit, Slot, Theme

MAX_PERIOD_DAYS = 366


class ProblemError(ValueError):
    """A problem that does not match the schema or contradicts itself."""

    def __init__(self, messages: list[str]) -> None:
        super().__init__("\n".join(messages))
        self.messages = messages


def load_problem(source: str | bytes | Mapping[str, Any]) -> Problem:
    """Read and validate a problem from JSON text or already-parsed data."""
    from jtai.planning.problem import Problem

    if isinstance(source, str | bytes):
        try:
            data = json.loads(source)
        except json.JSONDecodeError as exc:
            raise ProblemError(
                [f"not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"]
            ) from exc
    else:
        data = source
    try:
        return Problem.model_validate(data)
    except ValidationError as exc:
        raise ProblemError(format_errors(exc, data)) from exc


def format_errors(exc: ValidationError, data: object) -> list[str]:
    messages = []
    for error in exc.errors():
        where = _location(error["loc"], data)
        text = str(error["msg"]).removeprefix("Value error, ")
        for line in text.splitlines():
            messages.append(f"{where}: {line}" if where else line)
    return messages


def _location(loc: tuple[int | str, ...], data: object) -> str:
    """'inspectors[3] (id 'cqc-7').inspectorate' from pydantic's location tuple."""
    parts: list[str] = []
    node = data
    for step in loc:
        if isinstance(step, int):
            parts[-1:] = [f"{parts[-1] if parts else ''}[{step}]"]
            node = node[step] if isinstance(node, list) and step < len(node) else None
            name = _name_of(node)
            if name:
                parts[-1] += f" ({name})"
        else:
            parts.append(step)
            node = node.get(step) if isinstance(node, dict) else None
    return ".".join(parts)


def _name_of(node: object) -> str | None:
    if isinstance(node, dict):
        for field in ("id", "key", "slot", "ons_code"):
            if isinstance(node.get(field), str):
                return f"{field} '{node[field]}'"
    return None


def problem_errors(problem: Problem) -> list[str]:
    errors: list[str] = []
    if (problem.period.end - problem.period.start).days >= MAX_PERIOD_DAYS:
        errors.append("period: longer than a year; plan one programme year at a time")
    errors += _duplicates("compositions", [c.key for c in problem.compositions])
    streams = [t.key for t in problem.themes] + [r.key for r in problem.revisits]
    errors += _duplicates("themes and revisits", streams)
    errors += _duplicates("inspectors", [i.id for i in problem.inspectors])
    errors += _duplicates("areas", [a.ons_code for a in problem.areas])
    slots = problem.slots()
    errors += _duplicates("slots", [s.id for s in slots])
    errors += _stream_errors(problem)
    errors += _count_errors(problem, slots)
    errors += _area_reference_errors(problem)
    errors += _pin_errors(problem, {s.id: s for s in slots})
    return errors


def _duplicates(what: str, keys: list[str]) -> list[str]:
    repeated = sorted(key for key, n in Counter(keys).items() if n > 1)
    return [f"{what}: '{key}' is used more than once" for key in repeated]


def _stream_errors(problem: Problem) -> list[str]:
    errors = []
    teams = {c.key for c in problem.compositions}
    streams: list[tuple[str, int, Theme | Revisit]] = [
        ("themes", i, s) for i, s in enumerate(problem.themes)
    ]
    streams += [("revisits", i, s) for i, s in enumerate(problem.revisits)]
    for field, index, stream in streams:
        where = f"{field}[{index}] '{stream.key}'"
        if stream.team not in teams:
            errors.append(f"{where}: team '{stream.team}' is not one of the compositions")
        window = stream.window or problem.period
        if window.start < problem.period.start or window.end > problem.period.end:
            errors.append(f"{where}: window {window.label()} is outside the period")
            continue
        weeks = problem.candidate_weeks(window)
        capacity = len(weeks) * problem.max_inspections_per_week
        if stream.inspections > capacity:
            errors.append(
                f"{where}: needs {stream.inspections} inspections but only {len(weeks)}"
                f" candidate weeks fall in its window {window.label()}"
                f" (at most {problem.max_inspections_per_week} a week, no bank holiday"
                " or blackout in the fieldwork week)"
            )
    return errors


def _count_errors(problem: Problem, slots: list[Slot]) -> list[str]:
    errors = []
    if not slots:
        errors.append("themes: nothing to plan (no theme and no revisit)")
    if len(slots) > problem.max_inspections_per_year:
        errors.append(
            f"themes: {len(slots)} inspections asked for, more than"
            f" max_inspections_per_year ({problem.max_inspections_per_year})"
        )
    revisits = sum(1 for slot in slots if slot.revisit)
    if revisits > problem.max_revisits_per_year:
        errors.append(
            f"revisits: {revisits} revisits asked for, more than"
            f" max_revisits_per_year ({problem.max_revisits_per_year})"
        )
    return errors


def _area_reference_errors(problem: Problem) -> list[str]:
    known = {area.ons_code for area in problem.areas}
    references = [(f"last_inspected['{code}']", code) for code in problem.last_inspected]
    references += [(f"excluded_areas[{i}]", code) for i, code in enumerate(problem.excluded_areas)]
    for i, revisit in enumerate(problem.revisits):
        references += [(f"revisits[{i}] '{revisit.key}'.areas", code) for code in revisit.areas]
    for i, inspector in enumerate(problem.inspectors):
        where = f"inspectors[{i}] '{inspector.id}'.conflicts"
        references += [(where, code) for code in inspector.conflicts]
    return [f"{where}: unknown area {code}" for where, code in references if code not in known]


def _pin_errors(problem: Problem, slots: dict[str, Slot]) -> list[str]:
    errors = []
    inspectors = {inspector.id: inspector for inspector in problem.inspectors}
    areas = {area.ons_code for area in problem.areas}
    teams = {c.key: c for c in problem.compositions}
    blackouts = problem.resolved_blackouts()
    for i, pin in enumerate(problem.pins):
        where = f"pins[{i}]"
        slot = slots.get(pin.slot)
        if slot is None:
            errors.append(f"{where}: unknown slot '{pin.slot}' (slots: {', '.join(slots)})")
            continue
        if pin.area is not None:
            errors += [f"{where}: {e}" for e in _pinned_area_errors(problem, slot, pin.area, areas)]
        if pin.week is not None:
            week = pin.week
            first, last = week, week + timedelta(days=4)
            blocked = blocked_reason(week, problem.bank_holidays, blackouts)
            if week.weekday() != 0:
                errors.append(f"{where}: week {week} is not a Monday")
            elif not (slot.window.start <= first and last <= slot.window.end):
                errors.append(f"{where}: {week_label(week)} is outside the window of {slot.id}")
            elif blocked:
                errors.append(f"{where}: {week_label(week)} cannot have fieldwork: {blocked}")
        if pin.inspector is not None:
            inspector = inspectors.get(pin.inspector)
            team = teams.get(slot.team)
            if inspector is None:
                errors.append(f"{where}: unknown inspector '{pin.inspector}'")
            elif team is not None:
                roles = [r for r in team.roles if pin.role is None or r.key == pin.role]
                if not roles:
                    errors.append(f"{where}: team '{team.key}' has no role '{pin.role}'")
                elif not any(inspector.qualifies(role) for role in roles):
                    errors.append(
                        f"{where}: inspector '{inspector.id}' cannot take role"
                        f" '{pin.role or 'any'}' on {slot.id}"
                    )
    return errors


def _pinned_area_errors(problem: Problem, slot: Slot, code: str, areas: set[str]) -> list[str]:
    if code not in areas:
        return [f"unknown area {code}"]
    if code in problem.excluded_areas:
        return [f"area {code} is in excluded_areas"]
    if slot.candidate_areas is not None:
        if code not in slot.candidate_areas:
            return [f"area {code} is not a candidate area of revisit {slot.id}"]
        return []
    last = problem.last_inspected.get(code)
    if last is not None and last >= problem.recent_cutoff():
        return [f"area {code} was inspected recently ({last})"]
    return []
