"""A problem compiled into indexes: who and what each slot may take, week by week.

Shared by the CP-SAT model, the greedy baseline and the explanations; the independent
checker deliberately does not use it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, timedelta

from jtai.planning.areas import (
    Area,
    AuthorityType,
    Region,
    population_band,
    population_band_limits,
)
from jtai.planning.problem import Inspector, Pin, Problem, Role, Slot
from jtai.planning.weeks import fieldwork_days, monday_of


@dataclass(frozen=True)
class RoleSpec:
    role: Role
    eligible: tuple[int, ...]  # inspector indexes qualified and free in some slot week

    @property
    def window(self) -> tuple[int, int]:
        return self.role.active_weeks_before_fieldwork, self.role.active_weeks_after_fieldwork


@dataclass
class SlotData:
    index: int
    slot: Slot
    weeks: list[int]  # candidate fieldwork weeks, as week indexes
    areas: list[int]  # eligible area indexes
    roles: list[RoleSpec]
    pins: list[tuple[int, Pin]] = field(default_factory=list)  # (index in problem.pins, pin)

    @property
    def team_size(self) -> int:
        return sum(spec.role.count for spec in self.roles)


@dataclass
class Instance:
    problem: Problem
    base: date  # Monday of week index 0
    areas: list[Area]
    area_index: dict[str, int]
    area_region: list[Region]
    area_type: list[AuthorityType]
    area_band: list[int]
    inspectors: list[Inspector]
    inspector_index: dict[str, int]
    available: list[set[int]]  # week indexes where each inspector can do fieldwork
    conflicts: list[set[int]]  # area indexes where each inspector has a conflict
    slots: list[SlotData]

    def monday(self, week: int) -> date:
        return self.base + timedelta(weeks=week)

    def week_of(self, monday: date) -> int:
        return (monday - self.base).days // 7


def build_instance(problem: Problem) -> Instance:
    base = monday_of(problem.period.start)
    areas = list(problem.areas)
    limits = population_band_limits(areas)
    area_index = {a.ons_code: j for j, a in enumerate(areas)}
    inspectors = list(problem.inspectors)
    slots = problem.slots()
    all_weeks = sorted({w for s in slots for w in problem.candidate_weeks(s.window)})
    week_numbers = {monday: (monday - base).days // 7 for monday in all_weeks}

    available = []
    for inspector in inspectors:
        free = set()
        for monday, number in week_numbers.items():
            first, last = fieldwork_days(monday)
            if not any(r.overlaps(first, last) for r in inspector.unavailable):
                free.add(number)
        available.append(free)

    recent = problem.recent_cutoff()
    excluded = set(problem.excluded_areas)
    compositions = {c.key: c for c in problem.compositions}
    pins_by_slot: dict[str, list[tuple[int, Pin]]] = defaultdict(list)
    for n, pin in enumerate(problem.pins):
        pins_by_slot[pin.slot].append((n, pin))

    slot_data = []
    for s, slot in enumerate(slots):
        weeks = [week_numbers[m] for m in problem.candidate_weeks(slot.window)]
        if slot.candidate_areas is not None:
            eligible_areas = [area_index[c] for c in slot.candidate_areas if c not in excluded]
        else:
            eligible_areas = [
                j
                for j, a in enumerate(areas)
                if a.ons_code not in excluded
                and not (
                    a.ons_code in problem.last_inspected
                    and problem.last_inspected[a.ons_code] >= recent
                )
            ]
        roles = [
            RoleSpec(
                role=role,
                eligible=tuple(
                    i
                    for i, inspector in enumerate(inspectors)
                    if inspector.qualifies(role)
                    and inspector.max_inspections > 0
                    and any(w in available[i] for w in weeks)
                ),
            )
            for role in compositions[slot.team].roles
        ]
        slot_data.append(
            SlotData(
                index=s,
                slot=slot,
                weeks=weeks,
                areas=sorted(set(eligible_areas)),
                roles=roles,
                pins=pins_by_slot.get(slot.id, []),
            )
        )

    return Instance(
        problem=problem,
        base=base,
        areas=areas,
        area_index=area_index,
        area_region=[a.region for a in areas],
        area_type=[a.authority_type for a in areas],
        area_band=[population_band(a.population_0_25, limits) for a in areas],
        inspectors=inspectors,
        inspector_index={inspector.id: i for i, inspector in enumerate(inspectors)},
        available=available,
        conflicts=[{area_index[c] for c in inspector.conflicts} for inspector in inspectors],
        slots=slot_data,
    )
