"""What the planner answers: a plan, its quality, and why when there is none."""

from __future__ import annotations

from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field


class Assignment(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    role: str = Field(description="role key from the team composition, e.g. 'lead'")
    inspector: str = Field(description="inspector id")


class PlannedInspection(BaseModel):
    model_config = ConfigDict(extra="forbid")

    slot: str = Field(description="slot id: '<theme or revisit key>-<n>'")
    week: date = Field(description="Monday of the fieldwork week")
    area: str = Field(description="ONS code of the area inspected")
    team: list[Assignment]
    theme: str = Field(default="", description="informative only: the theme key")
    area_name: str = Field(default="", description="informative only")


class Plan(BaseModel):
    model_config = ConfigDict(extra="forbid")

    inspections: list[PlannedInspection]

    def by_slot(self) -> dict[str, PlannedInspection]:
        return {inspection.slot: inspection for inspection in self.inspections}


class Objective(BaseModel):
    """The objective, term by term: raw counts and the weighted total."""

    model_config = ConfigDict(frozen=True)

    region_pairs: int = Field(description="pairs of inspections in the same region")
    theme_region_pairs: int = Field(description="pairs in one theme in the same region")
    authority_type_pairs: int = Field(description="pairs with the same type of authority")
    population_band_pairs: int = Field(description="pairs in the same population band")
    workload_pairs: int = Field(description="pairs of inspections given to one inspector")
    travel: int = Field(description="half-hours of travel, summed over team members")
    total: int = Field(description="weighted sum, the value minimised")


class Change(BaseModel):
    model_config = ConfigDict(frozen=True)

    slot: str
    what: str = Field(description="'area', 'week', 'inspector' or 'removed'")
    before: str
    after: str


class Reason(BaseModel):
    """One reason no plan exists, in a planner's words."""

    model_config = ConfigDict(frozen=True)

    kind: str = Field(description="'staffing', 'weeks', 'areas' or 'pin'")
    message: str
    slot: str | None = None
    week: date | None = None


class Violation(BaseModel):
    """A hard rule a plan breaks, as found by the independent checker."""

    model_config = ConfigDict(frozen=True)

    rule: str
    message: str
    slot: str | None = None


class Status(StrEnum):
    OPTIMAL = "OPTIMAL"
    FEASIBLE = "FEASIBLE"
    INFEASIBLE = "INFEASIBLE"
    UNKNOWN = "UNKNOWN"


class PlanResult(BaseModel):
    status: Status
    plan: Plan | None = None
    objective: int | None = Field(default=None, description="weighted objective of the plan")
    bound: float | None = Field(default=None, description="proven lower bound on it")
    gap: float | None = Field(default=None, description="(objective - bound) / objective")
    wall_time: float = Field(description="seconds spent solving")
    breakdown: Objective | None = None
    change_count: int | None = Field(
        default=None, description="changes to previous_plan (None without one)"
    )
    changes: list[Change] = Field(default_factory=list)
    reasons: list[Reason] = Field(default_factory=list, description="why INFEASIBLE")
    notes: list[str] = Field(default_factory=list)
