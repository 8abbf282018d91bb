"""The full CP-SAT model of a programme year (or part of one).

Decisions are booleans: slot s in week k, slot s in area j, inspector i in role r of slot
s; each inspector's active windows are optional intervals that may not overlap. It is
used with the regions fixed inside the decomposition (decompose.py), on windows of a
large year (lns.py), for re-planning, and whole when the decomposition cannot decide.

With ``relaxed=True`` the same rules are built with slack: a slot may stay unplaced, a
role may be short of people and a pin may be broken, each at a price. The cheapest
relaxed plan shows what must give when no plan exists (see explain.py).
"""

from __future__ import annotations

import itertools
from collections import defaultdict
from dataclasses import dataclass, field

from ortools.sat.python import cp_model

from jtai.planning.areas import Region, travel
from jtai.planning.instance import Instance, SlotData
from jtai.planning.pairs import Expr, add_pairs
from jtai.planning.problem import Pin
from jtai.planning.result import Plan

Lit = cp_model.IntVar


@dataclass(frozen=True)
class Context:
    """Inspections outside the model, kept as they are: they still take weeks, areas,
    people's time and yearly allowances (used when improving a large plan in parts)."""

    load: dict[int, int] = field(default_factory=dict)  # inspector -> inspections
    busy: dict[int, list[tuple[int, int]]] = field(default_factory=dict)  # active weeks
    week_use: dict[int, int] = field(default_factory=dict)
    used_areas: frozenset[int] = frozenset()


class PlanModel:
    def __init__(
        self,
        inst: Instance,
        *,
        relaxed: bool = False,
        symmetry: bool = True,
        context: Context | None = None,
    ) -> None:
        self.inst = inst
        self.relaxed = relaxed
        self.context = context or Context()
        self.model = cp_model.CpModel()
        self.placed: dict[int, Lit | int] = {}
        self.week_lit: dict[tuple[int, int], Lit] = {}
        self.week_var: dict[int, cp_model.IntVar] = {}
        self.area_lit: dict[tuple[int, int], Lit] = {}
        self.x: dict[tuple[int, int, int], Lit] = {}  # (slot, role index, inspector)
        self.on_team: dict[tuple[int, int], Lit] = {}
        self.shortfall: dict[tuple[int, int], cp_model.IntVar] = {}
        self.pin_kept: dict[int, Lit] = {}
        self.terms: dict[str, Expr] = {}
        for data in inst.slots:
            self._slot(data)
        self._shared_limits()
        self._no_overlap()
        for data in inst.slots:
            for n, pin in data.pins:
                self._pin(data, n, pin)
        if not relaxed:
            # The relaxed model only prices slack: no soft goals, and no ordering, which
            # could clash with slots left unplaced.
            if symmetry:
                self._order_interchangeable_slots()
            self._objective_terms()

    # --- one slot: a week, an area, a team -------------------------------------------
    def _slot(self, data: SlotData) -> None:
        m, s = self.model, data.index
        placed: Lit | int = m.new_bool_var(f"placed_{s}") if self.relaxed else 1
        self.placed[s] = placed
        for k in data.weeks:
            self.week_lit[s, k] = m.new_bool_var(f"w_{s}_{k}")
        m.add(sum(self.week_lit[s, k] for k in data.weeks) == placed)
        low, high = (min(data.weeks), max(data.weeks)) if data.weeks else (0, 0)
        week = m.new_int_var(low, high, f"week_{s}")
        unplaced_default = low * (1 - placed) if self.relaxed else 0
        m.add(week == sum(k * self.week_lit[s, k] for k in data.weeks) + unplaced_default)
        self.week_var[s] = week
        for j in data.areas:
            self.area_lit[s, j] = m.new_bool_var(f"a_{s}_{j}")
        m.add(sum(self.area_lit[s, j] for j in data.areas) == placed)

        roles_of: dict[int, list[Lit]] = defaultdict(list)
        for r, spec in enumerate(data.roles):
            for i in spec.eligible:
                self.x[s, r, i] = m.new_bool_var(f"x_{s}_{r}_{i}")
            chosen = [self.x[s, r, i] for i in spec.eligible]
            for i, lit in zip(spec.eligible, chosen, strict=True):
                roles_of[i].append(lit)
            if self.relaxed:
                short = m.new_int_var(0, spec.role.count, f"short_{s}_{r}")
                self.shortfall[s, r] = short
                m.add(sum(chosen) + short == spec.role.count * placed)
            else:
                m.add(sum(chosen) == spec.role.count)

        for i, lits in roles_of.items():
            member = lits[0] if len(lits) == 1 else m.new_bool_var(f"u_{s}_{i}")
            if len(lits) > 1:
                m.add(sum(lits) == member)
            self.on_team[s, i] = member
            free_weeks = [self.week_lit[s, k] for k in data.weeks if k in self.inst.available[i]]
            if len(free_weeks) < len(data.weeks):
                m.add(member <= sum(free_weeks))  # leave intersects the fieldwork week
            for j in self.inst.conflicts[i]:
                if (s, j) in self.area_lit:
                    m.add_bool_or([self.area_lit[s, j].Not(), member.Not()])

    # --- limits across slots ----------------------------------------------------------
    def _shared_limits(self) -> None:
        m, problem, ctx = self.model, self.inst.problem, self.context
        by_week: dict[int, list[Lit]] = defaultdict(list)
        for (_, k), lit in self.week_lit.items():
            by_week[k].append(lit)
        for k, lits in by_week.items():
            room = problem.max_inspections_per_week - ctx.week_use.get(k, 0)
            if len(lits) > room:
                m.add(sum(lits) <= room)
        by_area: dict[int, list[Lit]] = defaultdict(list)
        for (_, j), lit in self.area_lit.items():
            by_area[j].append(lit)
        for j, lits in by_area.items():
            if j in ctx.used_areas:
                m.add(sum(lits) == 0)
            elif len(lits) > 1:
                m.add_at_most_one(lits)
        by_inspector: dict[int, list[Lit]] = defaultdict(list)
        for (_, i), lit in self.on_team.items():
            by_inspector[i].append(lit)
        for i, lits in by_inspector.items():
            room = self.inst.inspectors[i].max_inspections - ctx.load.get(i, 0)
            if len(lits) > room:
                m.add(sum(lits) <= room)

    def _no_overlap(self) -> None:
        """No inspector in two inspections whose active windows (per role) overlap."""
        m = self.model
        intervals: dict[int, list[cp_model.IntervalVar]] = defaultdict(list)
        for data in self.inst.slots:
            s = data.index
            by_window: dict[tuple[int, int, int], list[Lit]] = defaultdict(list)
            for r, spec in enumerate(data.roles):
                for i in spec.eligible:
                    by_window[(i, *spec.window)].append(self.x[s, r, i])
            for (i, before, after), lits in by_window.items():
                present = lits[0] if len(lits) == 1 else m.new_bool_var(f"p_{s}_{i}_{before}")
                if len(lits) > 1:
                    m.add(sum(lits) == present)
                start = self.week_var[s] - before
                size = before + after + 1
                intervals[i].append(
                    m.new_optional_fixed_size_interval_var(start, size, present, f"busy_{s}_{i}")
                )
        for i, spans in self.context.busy.items():
            if i in intervals:
                intervals[i] += [
                    m.new_fixed_size_interval_var(first, last - first + 1, f"fixed_{i}_{first}")
                    for first, last in spans
                ]
        for busy in intervals.values():
            if len(busy) > 1:
                m.add_no_overlap(busy)

    def _pin(self, data: SlotData, n: int, pin: Pin) -> None:
        m, s, inst = self.model, data.index, self.inst
        wanted: list[Expr] = []
        if pin.week is not None:
            wanted.append(self.week_lit.get((s, inst.week_of(pin.week)), 0))
        if pin.area is not None:
            wanted.append(self.area_lit.get((s, inst.area_index[pin.area]), 0))
        if pin.inspector is not None:
            i = inst.inspector_index[pin.inspector]
            wanted.append(
                sum(
                    self.x.get((s, r, i), 0)
                    for r, spec in enumerate(data.roles)
                    if pin.role is None or spec.role.key == pin.role
                )
            )
        for expr in wanted:
            constraint = m.add(expr == 1)
            if self.relaxed:
                kept = self.pin_kept.setdefault(n, m.new_bool_var(f"pin_{n}"))
                constraint.only_enforce_if(kept)

    def _order_interchangeable_slots(self) -> None:
        """Slots of one stream are alike: order them by area so the solver sees one
        arrangement of each plan. Areas are ranked by region first, which also fixes
        which slot goes to which region once the regions are chosen."""
        inst = self.inst
        previous = inst.problem.previous_plan
        published = set(previous.by_slot()) if previous else set()
        rank = {j: (inst.area_region[j], j) for j in range(len(inst.areas))}
        position = {j: n for n, j in enumerate(sorted(rank, key=rank.__getitem__))}
        by_stream: dict[str, list[SlotData]] = defaultdict(list)
        for data in inst.slots:
            if not data.pins and data.slot.id not in published:
                by_stream[data.slot.stream].append(data)
        for slots in by_stream.values():
            for a, b in itertools.pairwise(slots):
                self.model.add(
                    sum(position[j] * self.area_lit[a.index, j] for j in a.areas)
                    < sum(position[j] * self.area_lit[b.index, j] for j in b.areas)
                )

    # --- objective --------------------------------------------------------------------
    def _objective_terms(self) -> None:
        inst = self.inst
        groups: dict[str, dict[object, list[tuple[int, Lit]]]] = {
            name: defaultdict(list) for name in ("region", "stream", "type", "band")
        }
        for (s, j), lit in self.area_lit.items():
            region = inst.area_region[j]
            groups["region"][region].append((s, lit))
            groups["stream"][inst.slots[s].slot.stream, region].append((s, lit))
            groups["type"][inst.area_type[j]].append((s, lit))
            groups["band"][inst.area_band[j]].append((s, lit))
        self.terms["region_pairs"] = self._pairs_of_groups(groups["region"], "region")
        self.terms["theme_region_pairs"] = self._pairs_of_groups(groups["stream"], "stream")
        self.terms["authority_type_pairs"] = self._pairs_of_groups(groups["type"], "type")
        self.terms["population_band_pairs"] = self._pairs_of_groups(groups["band"], "band")
        # Loads count role places, not team memberships: the same total, but presolve
        # keeps the link to each role's demand, and the workload bound stays exact.
        loads: dict[int, list[tuple[int, Lit]]] = defaultdict(list)
        for (s, _, i), lit in self.x.items():
            loads[i].append((s, lit))
        already = self.context.load
        self.terms["workload_pairs"] = sum(
            self._pairs(
                sum(lit for _, lit in lits) + already.get(i, 0),
                min(
                    len({s for s, _ in lits}) + already.get(i, 0),
                    inst.inspectors[i].max_inspections,
                ),
                f"load{i}",
            )
            for i, lits in loads.items()
        )
        self.terms["travel"] = sum(self._travel(data) for data in inst.slots)

    def _pairs_of_groups(self, groups: dict[object, list[tuple[int, Lit]]], name: str) -> Expr:
        """Pairs of slots within each group; a slot counts once in a group at most."""
        return sum(
            self._pairs(sum(lit for _, lit in members), len({s for s, _ in members}), f"{name}{n}")
            for n, members in enumerate(groups.values())
        )

    def _pairs(self, count: Expr, most: int, name: str) -> Expr:
        return add_pairs(self.model, count, most, name)

    def _travel(self, data: SlotData) -> Expr:
        """Team travel to the slot's area, role by role.

        For each role, members are counted per home region and the count is routed to
        the one region the area is in. Routing role by role (not the team as a whole)
        lets the linear relaxation see that scarce specialists live in few regions,
        which keeps the bound of the whole model strong. With one region the cost is
        simply linear.
        """
        m, s, inst = self.model, data.index, self.inst
        regions = sorted({inst.area_region[j] for j in data.areas})
        if len(regions) == 1:
            return sum(
                travel(inst.inspectors[i].home_region, regions[0]) * self.x[s, r, i]
                for r, spec in enumerate(data.roles)
                for i in spec.eligible
            )
        in_region = {}
        for g in regions:
            in_region[g] = m.new_bool_var(f"region_{s}_{g}")
            m.add(
                sum(self.area_lit[s, j] for j in data.areas if inst.area_region[j] == g)
                == in_region[g]
            )
        cost: list[Expr] = []
        for r, spec in enumerate(data.roles):
            from_home: dict[Region, list[Lit]] = defaultdict(list)
            for i in spec.eligible:
                from_home[inst.inspectors[i].home_region].append(self.x[s, r, i])
            arriving: dict[Region, list[Expr]] = defaultdict(list)
            for home, lits in from_home.items():
                most = min(len(lits), spec.role.count)
                routed = {g: m.new_int_var(0, most, f"t_{s}_{r}_{home}_{g}") for g in regions}
                m.add(sum(routed.values()) == sum(lits))
                for g, var in routed.items():
                    m.add(var <= most * in_region[g])
                    arriving[g].append(var)
                    cost.append(travel(home, g) * var)
            for g in regions:
                m.add(sum(arriving[g]) == spec.role.count * in_region[g])
        return sum(cost)

    def changes(self, previous: Plan) -> Expr:
        """Count of published decisions not kept: a week, an area, a team member."""
        inst = self.inst
        slots = {data.slot.id: data for data in inst.slots}
        kept: list[Expr] = []
        decisions = 0
        for inspection in previous.inspections:
            data = slots.get(inspection.slot)
            if data is None:
                decisions += 1  # the slot is no longer asked for: one change, whatever it held
                continue
            decisions += 2 + len(inspection.team)
            s = data.index
            kept.append(self.week_lit.get((s, inst.week_of(inspection.week)), 0))
            kept.append(self.area_lit.get((s, inst.area_index.get(inspection.area, -1)), 0))
            roles = {spec.role.key: r for r, spec in enumerate(data.roles)}
            for member in inspection.team:
                r = roles.get(member.role, -1)
                i = inst.inspector_index.get(member.inspector, -1)
                kept.append(self.x.get((s, r, i), 0))
        return decisions - sum(kept)

    def total(self) -> Expr:
        weights = self.inst.problem.weights
        return sum(weights.of(name) * term for name, term in self.terms.items())
