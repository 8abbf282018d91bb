"""A plan result as text for people: one block per inspection, then the reasons."""

from __future__ import annotations

from jtai.planning.problem import Problem
from jtai.planning.result import PlanResult
from jtai.planning.weeks import week_label


def render(problem: Problem, result: PlanResult) -> str:
    lines = [_headline(result)]
    if result.breakdown is not None:
        b, w = result.breakdown, problem.weights
        lines.append(
            f"  region pairs {b.region_pairs} x{w.region_pairs}, same-theme region pairs"
            f" {b.theme_region_pairs} x{w.theme_region_pairs}, authority type pairs"
            f" {b.authority_type_pairs} x{w.authority_type_pairs}, population band pairs"
            f" {b.population_band_pairs} x{w.population_band_pairs}, workload pairs"
            f" {b.workload_pairs} x{w.workload_pairs}, travel {b.travel} half-hours x{w.travel}"
        )
    areas = {area.ons_code: area for area in problem.areas}
    names = {inspector.id: inspector.name for inspector in problem.inspectors}
    for inspection in result.plan.inspections if result.plan else []:
        area = areas[inspection.area]
        lines.append("")
        lines.append(
            f"{week_label(inspection.week)}  {inspection.slot}: {area.name}"
            f" ({area.region}, {area.authority_type})"
        )
        for member in inspection.team:
            name = names.get(member.inspector) or ""
            lines.append(f"    {member.role:<12} {member.inspector} {name}".rstrip())
    if result.change_count is not None:
        lines.append("")
        lines.append(f"Changes to the published plan: {result.change_count}")
        lines += [f"  - {c.slot} {c.what}: {c.before} -> {c.after}" for c in result.changes]
    if result.reasons:
        lines.append("")
        lines.append("No plan meets every rule:")
        lines += [f"  - {reason.message}" for reason in result.reasons]
    lines += [f"Note: {note}" for note in result.notes]
    return "\n".join(lines)


def _headline(result: PlanResult) -> str:
    text = f"{result.status}"
    if result.objective is not None and result.bound is not None and result.gap is not None:
        text += (
            f": objective {result.objective}, bound {result.bound:g}, gap {100 * result.gap:.2f}%"
        )
    return f"{text} in {result.wall_time:.1f} s"
