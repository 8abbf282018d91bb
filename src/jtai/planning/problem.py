"""The planning problem as data: what a programme manager gives the planner.

Every number that has changed between framework versions (team sizes, active weeks,
blackouts, yearly caps) is a field here, never a constant in the model.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator

from jtai.planning.areas import ONS_CODE_PATTERN, Area, Region, reference_areas
from jtai.planning.result import Plan
from jtai.planning.validation import problem_errors
from jtai.planning.weeks import (
    DateRange,
    blocked_reason,
    day_label,
    default_blackouts,
    weeks_within,
)

Key = Annotated[str, Field(pattern=r"^[a-z0-9][a-z0-9-]*$", max_length=60)]
OnsCode = Annotated[str, Field(pattern=ONS_CODE_PATTERN)]


class Inspectorate(StrEnum):
    OFSTED = "ofsted"
    CQC = "cqc"
    HMICFRS = "hmicfrs"
    HMIP = "hmip"


class Specialism(StrEnum):
    SOCIAL_CARE = "social-care"
    EDUCATION = "education"
    HEALTH = "health"
    POLICE = "police"
    PROBATION = "probation"


SPECIALISMS: dict[Inspectorate, tuple[Specialism, ...]] = {
    Inspectorate.OFSTED: (Specialism.SOCIAL_CARE, Specialism.EDUCATION),
    Inspectorate.CQC: (Specialism.HEALTH,),
    Inspectorate.HMICFRS: (Specialism.POLICE,),
    Inspectorate.HMIP: (Specialism.PROBATION,),
}

INSPECTORATE_NAMES: dict[Inspectorate, str] = {
    Inspectorate.OFSTED: "Ofsted",
    Inspectorate.CQC: "CQC",
    Inspectorate.HMICFRS: "HMICFRS",
    Inspectorate.HMIP: "HMIP",
}


class Accreditation(StrEnum):
    LEAD = "lead"
    QA = "qa"


class InspectionType(StrEnum):
    THEMATIC = "thematic"
    FRONT_DOOR = "front-door"


def _check_specialism(inspectorate: Inspectorate, specialism: Specialism | None) -> None:
    provided = SPECIALISMS[inspectorate]
    if specialism is not None and specialism not in provided:
        raise ValueError(
            f"specialism '{specialism}' is not provided by inspectorate '{inspectorate}'"
            f" (it provides: {', '.join(provided)})"
        )


class Period(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    start: date
    end: date

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end < self.start:
            raise ValueError(f"ends ({self.end}) before it starts ({self.start})")
        return self

    def label(self) -> str:
        return f"{day_label(self.start)} to {day_label(self.end)}"


class Role(BaseModel):
    """One line of a team composition, e.g. '3 HMICFRS police inspectors'."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key = Field(description="e.g. 'lead', 'police', 'qa'")
    inspectorate: Inspectorate
    specialism: Specialism | None = Field(
        default=None, description="None: any specialism of the inspectorate"
    )
    count: int = Field(ge=1)
    requires: Accreditation | None = Field(default=None, description="lead or QA accreditation")
    active_weeks_before_fieldwork: int = Field(
        default=2, ge=0, le=10, description="weeks busy before fieldwork (notification: 2)"
    )
    active_weeks_after_fieldwork: int = Field(
        default=0, ge=0, le=12, description="weeks busy after fieldwork (e.g. drafting)"
    )

    @model_validator(mode="after")
    def _specialism_matches(self) -> Role:
        _check_specialism(self.inspectorate, self.specialism)
        return self

    def describe(self) -> str:
        what = f"{INSPECTORATE_NAMES[self.inspectorate]} {self.specialism or ''}".strip()
        if self.requires is Accreditation.LEAD:
            return f"{what} lead inspector"
        if self.requires is Accreditation.QA:
            return f"{what} QA manager"
        return f"{what} inspector"


class TeamComposition(BaseModel):
    """The team for one framework version and type of inspection."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key = Field(description="referred to by themes and revisits")
    framework_version: str = Field(min_length=1)
    inspection_type: InspectionType
    roles: list[Role] = Field(min_length=1)

    @model_validator(mode="after")
    def _unique_roles(self) -> TeamComposition:
        keys = [role.key for role in self.roles]
        if len(keys) != len(set(keys)):
            raise ValueError(f"role keys repeat: {', '.join(keys)}")
        return self

    def size(self) -> int:
        return sum(role.count for role in self.roles)


class Theme(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key = Field(description="e.g. 'csa-family'")
    name: str = ""
    inspections: int = Field(default=6, ge=1)
    window: Period | None = Field(default=None, description="fieldwork weeks; None: period")
    team: Key = Field(description="key of a team composition")


class Revisit(BaseModel):
    """Revisits on an earlier theme, to one of a list of candidate areas each."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    key: Key = Field(description="e.g. 'revisit-domestic-abuse'")
    theme: str = Field(min_length=1, description="the earlier theme revisited")
    inspections: int = Field(default=1, ge=1)
    areas: list[OnsCode] = Field(min_length=1, description="candidate areas")
    window: Period | None = None
    team: Key


class Inspector(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)

    id: str = Field(min_length=1, max_length=60)
    name: str = ""
    inspectorate: Inspectorate
    specialism: Specialism
    can_lead: bool = False
    can_qa: bool = False
    home_region: Region
    max_inspections: int = Field(ge=0, description="most inspections in the period")
    unavailable: list[DateRange] = Field(
        default_factory=list, description="leave and other commitments"
    )
    conflicts: list[OnsCode] = Field(
        default_factory=list, description="areas with a conflict of interest"
    )

    @model_validator(mode="after")
    def _specialism_matches(self) -> Inspector:
        _check_specialism(self.inspectorate, self.specialism)
        return self

    def qualifies(self, role: Role) -> bool:
        if self.inspectorate is not role.inspectorate:
            return False
        if role.specialism is not None and self.specialism is not role.specialism:
            return False
        if role.requires is Accreditation.LEAD:
            return self.can_lead
        if role.requires is Accreditation.QA:
            return self.can_qa
        return True


class Pin(BaseModel):
    """Keep something of a slot fixed: its area, its week, or an inspector on it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    slot: str
    area: OnsCode | None = None
    week: date | None = Field(default=None, description="Monday of the fieldwork week")
    inspector: str | None = None
    role: str | None = Field(default=None, description="with inspector; None: any role")

    @model_validator(mode="after")
    def _something(self) -> Pin:
        if self.area is None and self.week is None and self.inspector is None:
            raise ValueError("a pin needs an area, a week or an inspector")
        if self.role is not None and self.inspector is None:
            raise ValueError("a pinned role needs an inspector")
        return self


class Weights(BaseModel):
    """Weights of the soft goals (see docs/planning.md, 'Objective')."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    region_pairs: int = Field(default=30, ge=0)
    theme_region_pairs: int = Field(default=30, ge=0)
    authority_type_pairs: int = Field(default=10, ge=0)
    population_band_pairs: int = Field(default=10, ge=0)
    workload_pairs: int = Field(default=6, ge=0)
    travel: int = Field(default=1, ge=0)

    def of(self, term: str) -> int:
        """The weight of an objective term, by its name in Objective."""
        return int(getattr(self, term))


@dataclass(frozen=True)
class Slot:
    """One inspection to place: an area, a week and a team."""

    id: str
    stream: str
    theme: str
    revisit: bool
    window: Period
    team: str
    candidate_areas: tuple[str, ...] | None


class Problem(BaseModel):
    """A year of JTAIs to plan. See docs/planning.md."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    name: str = ""
    period: Period = Field(description="the programme year; fieldwork weeks lie within it")
    bank_holidays: list[date] = Field(default_factory=list)
    blackouts: list[DateRange] | None = Field(
        default=None, description="None: August and the Christmas and New Year weeks"
    )
    max_inspections_per_week: int = Field(default=1, ge=1)
    max_inspections_per_year: int = Field(default=10, ge=1)
    max_revisits_per_year: int = Field(default=4, ge=0)
    recent_inspection_years: int = Field(
        default=3, ge=0, description="areas inspected this recently are not chosen"
    )
    compositions: list[TeamComposition] = Field(min_length=1)
    themes: list[Theme] = Field(default_factory=list)
    revisits: list[Revisit] = Field(default_factory=list)
    areas: list[Area] = Field(
        default_factory=lambda: list(reference_areas()),
        description="default: the 153 English areas in jtai/data/local_authorities.csv",
    )
    last_inspected: dict[OnsCode, date] = Field(default_factory=dict)
    excluded_areas: list[OnsCode] = Field(
        default_factory=list, description="areas already in another inspection"
    )
    inspectors: list[Inspector]
    pins: list[Pin] = Field(default_factory=list)
    previous_plan: Plan | None = Field(default=None, description="the published plan")
    weights: Weights = Field(default_factory=Weights)

    def resolved_blackouts(self) -> list[DateRange]:
        if self.blackouts is not None:
            return list(self.blackouts)
        years = range(self.period.start.year, self.period.end.year + 1)
        return [b for year in years for b in default_blackouts(year)]

    def recent_cutoff(self) -> date:
        """Areas last inspected on or after this day count as inspected recently."""
        start = self.period.start
        day = 28 if (start.month, start.day) == (2, 29) else start.day
        return start.replace(year=start.year - self.recent_inspection_years, day=day)

    def slots(self) -> list[Slot]:
        slots = [
            Slot(
                id=f"{theme.key}-{n}",
                stream=theme.key,
                theme=theme.key,
                revisit=False,
                window=theme.window or self.period,
                team=theme.team,
                candidate_areas=None,
            )
            for theme in self.themes
            for n in range(1, theme.inspections + 1)
        ]
        slots += [
            Slot(
                id=f"{revisit.key}-{n}",
                stream=revisit.key,
                theme=revisit.theme,
                revisit=True,
                window=revisit.window or self.period,
                team=revisit.team,
                candidate_areas=tuple(revisit.areas),
            )
            for revisit in self.revisits
            for n in range(1, revisit.inspections + 1)
        ]
        return slots

    def candidate_weeks(self, window: Period) -> list[date]:
        blackouts = self.resolved_blackouts()
        return [
            monday
            for monday in weeks_within(window.start, window.end)
            if blocked_reason(monday, self.bank_holidays, blackouts) is None
        ]

    @model_validator(mode="after")
    def _consistent(self) -> Problem:
        errors = problem_errors(self)
        if errors:
            raise ValueError("\n".join(errors))
        return self
