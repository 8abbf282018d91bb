"""The independent checker: every hard rule, verified on any plan.

Written apart from the model on purpose: it reads the problem as given and loops over the
plan with dates, not week indexes, and shares no eligibility tables with the solver or
the greedy baseline. A bug would have to be made twice, differently, to go unnoticed.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, timedelta

from jtai.planning.problem import Accreditation, Inspector, Problem, Role
from jtai.planning.result import Plan, PlannedInspection, Violation


def check(problem: Problem, plan: Plan) -> list[Violation]:
    """Every hard rule the plan breaks; an empty list means the plan is valid."""
    found: list[Violation] = []
    slots = {slot.id: slot for slot in problem.slots()}

    def add(rule: str, message: str, slot: str | None = None) -> None:
        found.append(Violation(rule=rule, message=message, slot=slot))

    counted = Counter(inspection.slot for inspection in plan.inspections)
    for slot_id in slots:
        if counted[slot_id] == 0:
            add("slot-missing", f"{slot_id} is not planned", slot_id)
    for planned_id, n in counted.items():
        if planned_id not in slots:
            add("slot-unknown", f"{planned_id} is not a slot of this problem", planned_id)
        elif n > 1:
            add("slot-repeated", f"{planned_id} is planned {n} times", planned_id)

    for inspection in plan.inspections:
        if inspection.slot in slots:
            for rule, message in _inspection_errors(problem, inspection):
                add(rule, message, inspection.slot)

    for rule, message in _programme_errors(problem, plan):
        add(rule, message)
    for rule, message, where in _people_errors(problem, plan):
        add(rule, message, where)
    planned = plan.by_slot()
    for n, pin in enumerate(problem.pins):
        pinned = planned.get(pin.slot)
        if pinned is None:
            continue
        if pin.area is not None and pinned.area != pin.area:
            add("pin", f"pins[{n}]: area {pin.area} wanted, {pinned.area} planned", pin.slot)
        if pin.week is not None and pinned.week != pin.week:
            add("pin", f"pins[{n}]: week {pin.week} wanted, {pinned.week} planned", pin.slot)
        if pin.inspector is not None and not any(
            m.inspector == pin.inspector and pin.role in (None, m.role) for m in pinned.team
        ):
            add("pin", f"pins[{n}]: {pin.inspector} is not on the team as pinned", pin.slot)
    return found


def _inspection_errors(problem: Problem, inspection: PlannedInspection) -> list[tuple[str, str]]:
    errors = []
    slot = next(s for s in problem.slots() if s.id == inspection.slot)
    monday, friday = inspection.week, inspection.week + timedelta(days=4)
    if monday.weekday() != 0:
        errors.append(("week-not-monday", f"week {monday} is not a Monday"))
    if monday < slot.window.start or friday > slot.window.end:
        errors.append(("week-outside-window", f"week {monday} is outside the slot's window"))
    for holiday in problem.bank_holidays:
        if monday <= holiday <= friday:
            errors.append(("bank-holiday", f"bank holiday {holiday} in fieldwork week {monday}"))
    for blackout in problem.resolved_blackouts():
        if blackout.start <= friday and monday <= blackout.end:
            errors.append(("blackout", f"week {monday} is in blackout '{blackout.reason}'"))

    areas = {area.ons_code for area in problem.areas}
    code = inspection.area
    if code not in areas:
        errors.append(("area-unknown", f"area {code} is not in the problem"))
    if code in problem.excluded_areas:
        errors.append(("area-excluded", f"area {code} is in another inspection"))
    if slot.candidate_areas is not None:
        if code not in slot.candidate_areas:
            errors.append(("area-not-candidate", f"area {code} is not a candidate of {slot.id}"))
    else:
        last = problem.last_inspected.get(code)
        if last is not None and last >= problem.recent_cutoff():
            errors.append(("area-recent", f"area {code} was inspected on {last}"))

    composition = next(c for c in problem.compositions if c.key == slot.team)
    roles = {role.key: role for role in composition.roles}
    per_role = Counter(member.role for member in inspection.team)
    for needed in composition.roles:
        if per_role[needed.key] != needed.count:
            errors.append(
                (
                    "team-size",
                    f"role {needed.key}: {per_role[needed.key]} planned, {needed.count} needed",
                )
            )
    inspectors = {inspector.id: inspector for inspector in problem.inspectors}
    for person_id, n in Counter(m.inspector for m in inspection.team).items():
        if n > 1:
            errors.append(("team-repeat", f"{person_id} holds {n} places in one team"))
    for member in inspection.team:
        person = inspectors.get(member.inspector)
        role = roles.get(member.role)
        if role is None:
            errors.append(("role-unknown", f"role {member.role} is not in team {slot.team}"))
        if person is None:
            errors.append(("inspector-unknown", f"inspector {member.inspector} is unknown"))
            continue
        if role is not None and not _qualified(person, role):
            errors.append(("not-qualified", f"{person.id} cannot be {role.key}"))
        for absence in person.unavailable:
            if absence.start <= friday and monday <= absence.end:
                errors.append(("unavailable", f"{person.id} is away in week {monday}"))
        if code in person.conflicts:
            errors.append(("conflict-of-interest", f"{person.id} has a conflict in {code}"))
    return errors


def _qualified(person: Inspector, role: Role) -> bool:
    if person.inspectorate != role.inspectorate:
        return False
    if role.specialism is not None and person.specialism != role.specialism:
        return False
    if role.requires == Accreditation.LEAD and not person.can_lead:
        return False
    return not (role.requires == Accreditation.QA and not person.can_qa)


def _programme_errors(problem: Problem, plan: Plan) -> list[tuple[str, str]]:
    errors = []
    for week, n in Counter(i.week for i in plan.inspections).items():
        if n > problem.max_inspections_per_week:
            errors.append(("week-capacity", f"{n} inspections in week {week}"))
    if len(plan.inspections) > problem.max_inspections_per_year:
        errors.append(("year-capacity", f"{len(plan.inspections)} inspections in the year"))
    revisit_slots = {slot.id for slot in problem.slots() if slot.revisit}
    revisits = sum(1 for i in plan.inspections if i.slot in revisit_slots)
    if revisits > problem.max_revisits_per_year:
        errors.append(("revisit-capacity", f"{revisits} revisits in the year"))
    for area, n in Counter(i.area for i in plan.inspections).items():
        if n > 1:
            errors.append(("area-repeated", f"area {area} is inspected {n} times"))
    return errors


def _people_errors(problem: Problem, plan: Plan) -> list[tuple[str, str, str | None]]:
    errors: list[tuple[str, str, str | None]] = []
    slots = {slot.id: slot for slot in problem.slots()}
    compositions = {c.key: c for c in problem.compositions}
    active: dict[str, list[tuple[date, date, str]]] = defaultdict(list)
    for inspection in plan.inspections:
        slot = slots.get(inspection.slot)
        if slot is None:
            continue
        roles = {role.key: role for role in compositions[slot.team].roles}
        for member in inspection.team:
            role = roles.get(member.role)
            if role is None:
                continue
            first = inspection.week - timedelta(weeks=role.active_weeks_before_fieldwork)
            last = inspection.week + timedelta(weeks=role.active_weeks_after_fieldwork, days=6)
            active[member.inspector].append((first, last, inspection.slot))
    limits = {inspector.id: inspector.max_inspections for inspector in problem.inspectors}
    for person, spans in active.items():
        if len(spans) > limits.get(person, 0):
            errors.append(("yearly-maximum", f"{person} has {len(spans)} inspections", None))
        spans.sort()
        for n, (_, last, slot_id) in enumerate(spans):
            for other_first, _, other in spans[n + 1 :]:
                if other_first <= last and other != slot_id:
                    errors.append(
                        ("overlap", f"{person} is on {slot_id} and {other} at once", slot_id)
                    )
    return errors
