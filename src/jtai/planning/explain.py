"""Why no plan exists, in a planner's words, found from the model rather than guessed.

The relaxed model (model.py) lets a slot stay unplaced, a role run short and a pin break,
each at a price: people short cost 1 each, an unplaced slot more than its whole team, a
broken pin more than everything else. Its cheapest plan therefore shows the least that
must give. Each slack it needs becomes a sentence, with counts taken from that plan and
the input (who is on leave, conflicted, or busy on another inspection at the time).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date

from ortools.sat.python import cp_model

from jtai.planning.instance import Instance, SlotData
from jtai.planning.model import PlanModel
from jtai.planning.problem import INSPECTORATE_NAMES, Pin
from jtai.planning.result import Plan, PlannedInspection, Reason
from jtai.planning.solver import SolverSettings, extract_plan
from jtai.planning.weeks import day_label, fieldwork_days, week_label


def explain(
    inst: Instance, settings: SolverSettings, time_limit_s: float
) -> tuple[list[Reason], list[str]]:
    pm = PlanModel(inst, relaxed=True)
    unplaced_cost = {d.index: d.team_size + 1 for d in inst.slots}
    pin_cost = sum(unplaced_cost.values()) + 1
    pm.model.minimize(
        sum(pm.shortfall.values())
        + sum(cost * (1 - pm.placed[s]) for s, cost in unplaced_cost.items())
        + sum(pin_cost * (1 - kept) for kept in pm.pin_kept.values())
    )
    solver = settings.solver(time_limit_s)
    status = solver.solve(pm.model)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return [], ["the reasons could not be worked out within the time limit"]
    notes = []
    if status != cp_model.OPTIMAL:
        notes.append("reasons from the best relaxed plan found in the time limit: maybe not all")
    plan = extract_plan(pm, solver)
    reasons = _yearly_capacity(inst)
    reasons += _broken_pins(pm, solver)
    reasons += _unplaced(inst, pm, solver, plan)
    reasons += _shortfalls(inst, pm, solver, plan)
    return reasons, notes


def _yearly_capacity(inst: Instance) -> list[Reason]:
    """Places the year needs against all that qualified people may take in it.

    Each person fills at most one place per inspection and ``max_inspections`` in all, so
    when a role (or an inspectorate, over all its roles) needs more places than that, no
    choice of weeks or areas can help: it is said first.
    """
    demand: Counter[str] = Counter()
    qualified: dict[str, set[int]] = defaultdict(set)
    for data in inst.slots:
        for spec in data.roles:
            role = spec.role
            people = {i for i, p in enumerate(inst.inspectors) if p.qualifies(role)}
            for group in (
                f"{role.describe()}s",
                f"{INSPECTORATE_NAMES[role.inspectorate]} inspectors in all roles",
            ):
                demand[group] += role.count
                qualified[group] |= people
    reasons: list[Reason] = []
    seen: set[tuple[int, frozenset[int]]] = set()
    for group, needed in demand.items():
        who = frozenset(qualified[group])
        most = sum(inst.inspectors[i].max_inspections for i in who)
        if who and needed > most and (needed, who) not in seen:
            seen.add((needed, who))
            reasons.append(
                Reason(
                    kind="staffing",
                    message=f"{group}: the year needs {needed} places but the {len(who)}"
                    f" qualified can take at most {most} between them (their yearly maximums)",
                )
            )
    return reasons


def _broken_pins(pm: PlanModel, solver: cp_model.CpSolver) -> list[Reason]:
    inst = pm.inst
    pins = inst.problem.pins
    reasons = []
    for n, kept in sorted(pm.pin_kept.items()):
        if solver.boolean_value(kept):
            continue
        pin = pins[n]
        message = f"pins[{n}] ({_describe_pin(pin)} for {pin.slot}) cannot be kept"
        clash = next(
            (
                (m, why)
                for m, other in enumerate(pins)
                if m != n and other.slot == pin.slot and (why := _clash(inst, pin, other))
            ),
            None,
        )
        if clash is not None:
            m, why = clash
            message += f" together with pins[{m}] ({_describe_pin(pins[m])}): {why}"
        else:
            message += " with the other pins and rules (leave, conflicts of interest, overlaps)"
        reasons.append(Reason(kind="pin", slot=pin.slot, week=pin.week, message=message))
    return reasons


def _describe_pin(pin: Pin) -> str:
    parts = [
        f"area {pin.area}" if pin.area else "",
        week_label(pin.week) if pin.week else "",
        f"inspector {pin.inspector}" + (f" as {pin.role}" if pin.role else "")
        if pin.inspector
        else "",
    ]
    return ", ".join(part for part in parts if part)


def _clash(inst: Instance, pin: Pin, other: Pin) -> str | None:
    """Why two pins on one slot cannot hold together, when the input says so directly."""
    person = pin.inspector or other.inspector
    if person is None:
        return None
    i = inst.inspector_index[person]
    week = pin.week or other.week
    area = pin.area or other.area
    if week is not None and inst.week_of(week) not in inst.available[i]:
        first, last = fieldwork_days(week)
        why = next(r.reason for r in inst.inspectors[i].unavailable if r.overlaps(first, last))
        return f"{person} is unavailable that week ({why or 'no reason given'})"
    if area is not None and inst.area_index[area] in inst.conflicts[i]:
        return f"{person} has a conflict of interest in {inst.areas[inst.area_index[area]].name}"
    return None


def _unplaced(inst: Instance, pm: PlanModel, solver: cp_model.CpSolver, plan: Plan) -> list[Reason]:
    missing: dict[str, list[SlotData]] = defaultdict(list)
    for data in inst.slots:
        if not solver.boolean_value(pm.placed[data.index]):
            missing[data.slot.stream].append(data)
    placed_weeks: dict[date, list[str]] = defaultdict(list)
    for inspection in plan.inspections:
        placed_weeks[inspection.week].append(inspection.slot)
    streams = {d.slot.id: d.slot.stream for d in inst.slots}
    cap = inst.problem.max_inspections_per_week
    reasons = []
    for stream, lost in missing.items():
        sample = lost[0]
        asked = sum(1 for d in inst.slots if d.slot.stream == stream)
        kind = "revisit" if sample.slot.revisit else "theme"
        head = (
            f"{kind} {stream} needs {asked} inspection{_s(asked)}"
            f" but only {asked - len(lost)} can be placed"
        )
        window = sample.slot.window
        weeks = [inst.monday(k) for k in sample.weeks]
        others = Counter(streams[s] for w in weeks for s in placed_weeks[w] if streams[s] != stream)
        if sum(len(placed_weeks[w]) for w in weeks) >= len(weeks) * cap:
            detail = (
                f"its window ({day_label(window.start)} to {day_label(window.end)}) has"
                f" {len(weeks)} candidate weeks (at most {cap} inspection{_s(cap)} a week, none"
                " with a bank holiday or in a blackout)"
            )
            if others:
                taken = ", ".join(f"{name} takes {n}" for name, n in sorted(others.items()))
                detail += f" and {taken}"
            reasons.append(Reason(kind="weeks", slot=sample.slot.id, message=f"{head}: {detail}"))
        elif len(sample.areas) < asked or _areas_used_up(sample, plan, inst):
            what = "candidate areas" if sample.slot.revisit else "eligible areas"
            reasons.append(
                Reason(
                    kind="areas",
                    slot=sample.slot.id,
                    message=f"{head}: only {len(sample.areas)} {what} (not excluded"
                    + ("" if sample.slot.revisit else ", not inspected recently")
                    + ") and each area is inspected at most once",
                )
            )
        else:
            detail = "no week and area are left for it once the other inspections are placed"
            reasons.append(Reason(kind="weeks", slot=sample.slot.id, message=f"{head}: {detail}"))
    return reasons


def _areas_used_up(data: SlotData, plan: Plan, inst: Instance) -> bool:
    used = {inst.area_index[p.area] for p in plan.inspections}
    return all(j in used for j in data.areas)


def _shortfalls(
    inst: Instance, pm: PlanModel, solver: cp_model.CpSolver, plan: Plan
) -> list[Reason]:
    by_slot = plan.by_slot()
    reasons = []
    nobody: dict[str, list[str]] = defaultdict(list)  # role nobody qualifies for -> slots
    for (s, r), short in sorted(pm.shortfall.items()):
        missing = solver.value(short)
        data = inst.slots[s]
        inspection = by_slot.get(data.slot.id)
        if missing == 0 or inspection is None:
            continue
        role = data.roles[r].role
        pool = _pool(inst, data, r, inspection, plan)
        if pool["qualified"] == 0:
            nobody[role.describe()].append(data.slot.id)
            continue
        found = role.count - missing
        detail = ", ".join(f"{n} {why}" for why, n in pool.items() if n and why != "qualified")
        area = inst.areas[inst.area_index[inspection.area]].name
        message = (
            f"{week_label(inspection.week)}: {found} {role.describe()}{_s(found)} available,"
            f" {role.count} needed for {data.slot.id} in {area}"
            f" (of {pool['qualified']} qualified{': ' + detail if detail else ''})"
        )
        reasons.append(
            Reason(kind="staffing", slot=data.slot.id, week=inspection.week, message=message)
        )
    for what, slots in nobody.items():
        message = f"no inspector in the pool can be the {what}, needed by {', '.join(slots)}"
        reasons.insert(0, Reason(kind="staffing", slot=slots[0], message=message))
    return reasons


def _s(n: int) -> str:
    return "" if n == 1 else "s"


def _pool(
    inst: Instance, data: SlotData, r: int, inspection: PlannedInspection, plan: Plan
) -> dict[str, int]:
    """Why each inspector qualified for the role is not on it, first reason that applies."""
    role = data.roles[r].role
    week = inst.week_of(inspection.week)
    mine = (week - role.active_weeks_before_fieldwork, week + role.active_weeks_after_fieldwork)
    roles = {(d.slot.id, spec.role.key): spec.window for d in inst.slots for spec in d.roles}
    busy: dict[str, list[tuple[int, int]]] = defaultdict(list)
    load: dict[str, int] = defaultdict(int)
    for other in plan.inspections:
        k = inst.week_of(other.week)
        for member in other.team:
            load[member.inspector] += 1
            if other.slot != inspection.slot:
                before, after = roles[other.slot, member.role]
                busy[member.inspector].append((k - before, k + after))
    in_role = {m.inspector for m in inspection.team if m.role == role.key}
    other_role = {m.inspector for m in inspection.team} - in_role
    conflicted = f"with a conflict of interest in {inspection.area_name}"
    reasons = (
        "on leave or other commitments",
        conflicted,
        "on this team in another role",
        "on another inspection at the same time",
        "at their yearly maximum",
    )
    counts = dict.fromkeys(("qualified", *reasons), 0)
    area = inst.area_index[inspection.area]
    for i, inspector in enumerate(inst.inspectors):
        if not inspector.qualifies(role):
            continue
        counts["qualified"] += 1
        if inspector.id in in_role:
            continue
        if week not in inst.available[i]:
            counts["on leave or other commitments"] += 1
        elif area in inst.conflicts[i]:
            counts[conflicted] += 1
        elif inspector.id in other_role:
            counts["on this team in another role"] += 1
        elif any(a <= mine[1] and mine[0] <= b for a, b in busy[inspector.id]):
            counts["on another inspection at the same time"] += 1
        elif load[inspector.id] >= inspector.max_inspections:
            counts["at their yearly maximum"] += 1
    return counts
