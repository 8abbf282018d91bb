"""Local areas, the nine English regions and how far apart they are.

Everything here is reference data or a pure function of it, so the CP-SAT model, the
greedy baseline, the objective evaluator and the checker all read the same facts.
"""

from __future__ import annotations

import csv
from enum import StrEnum
from functools import cache
from importlib.resources import files

from pydantic import BaseModel, ConfigDict, Field


class Region(StrEnum):
    NORTH_EAST = "North East"
    NORTH_WEST = "North West"
    YORKSHIRE = "Yorkshire and the Humber"
    EAST_MIDLANDS = "East Midlands"
    WEST_MIDLANDS = "West Midlands"
    EAST = "East of England"
    LONDON = "London"
    SOUTH_EAST = "South East"
    SOUTH_WEST = "South West"


class AuthorityType(StrEnum):
    UNITARY = "unitary"
    METROPOLITAN = "metropolitan borough"
    LONDON_BOROUGH = "London borough"
    COUNTY = "county"


_TYPE_BY_PREFIX = {
    "E06": AuthorityType.UNITARY,
    "E08": AuthorityType.METROPOLITAN,
    "E09": AuthorityType.LONDON_BOROUGH,
    "E10": AuthorityType.COUNTY,
}

# Typical door-to-door travel between regional centres (Newcastle, Manchester, Leeds,
# Nottingham, Birmingham, Cambridge, London, Reading, Bristol) in half-hours. Coarse on
# purpose: it only has to rank "local" above "next region" above "across the country".
_TRAVEL_HALF_HOURS: dict[tuple[Region, Region], int] = {}


def _fill_travel() -> None:
    order = list(Region)
    rows = [
        # NE NW  YH  EM  WM  EE  LDN SE  SW
        [0, 5, 3, 5, 7, 7, 6, 7, 9],
        [5, 0, 2, 4, 3, 6, 4, 5, 5],
        [3, 2, 0, 3, 4, 5, 4, 5, 6],
        [5, 4, 3, 0, 2, 4, 3, 4, 5],
        [7, 3, 4, 2, 0, 5, 3, 3, 3],
        [7, 6, 5, 4, 5, 0, 2, 3, 6],
        [6, 4, 4, 3, 3, 2, 0, 2, 3],
        [7, 5, 5, 4, 3, 3, 2, 0, 3],
        [9, 5, 6, 5, 3, 6, 3, 3, 0],
    ]
    for a, row in zip(order, rows, strict=True):
        for b, cost in zip(order, row, strict=True):
            _TRAVEL_HALF_HOURS[a, b] = cost


_fill_travel()


def travel(home: Region, area_region: Region) -> int:
    """Travel cost, in half-hours, from an inspector's home region to an area's region."""
    return _TRAVEL_HALF_HOURS[home, area_region]


def authority_type(ons_code: str) -> AuthorityType:
    """Type of authority from the ONS code prefix (E06, E08, E09, E10)."""
    return _TYPE_BY_PREFIX[ons_code[:3]]


ONS_CODE_PATTERN = r"^E(06|08|09|10)\d{6}$"


class Area(BaseModel):
    """An upper-tier local authority area that can be inspected."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    ons_code: str = Field(pattern=ONS_CODE_PATTERN, description="e.g. E08000035 (Leeds)")
    name: str = Field(min_length=1)
    region: Region
    population_0_25: int = Field(ge=0, description="ONS estimate of residents aged 0-25")

    @property
    def authority_type(self) -> AuthorityType:
        return authority_type(self.ons_code)


@cache
def reference_areas() -> tuple[Area, ...]:
    """The 153 English areas with children's services, from jtai/data."""
    text = files("jtai").joinpath("data/local_authorities.csv").read_text(encoding="utf-8")
    return tuple(
        Area(
            ons_code=row["ons_code"],
            name=row["name"],
            region=Region(row["region"]),
            population_0_25=int(row["population_0_25"]),
        )
        for row in csv.DictReader(text.splitlines())
    )


POPULATION_BANDS = 4


def population_band_limits(areas: list[Area] | tuple[Area, ...]) -> tuple[int, ...]:
    """Quartile limits of the 0-25 population over the areas of one problem.

    Bands are relative to the problem's own areas, so the same area always falls in the
    same band for the model, the greedy baseline and the evaluator.
    """
    populations = sorted(a.population_0_25 for a in areas)
    n = len(populations)
    return tuple(populations[(n * k) // POPULATION_BANDS] for k in range(1, POPULATION_BANDS))


def population_band(population: int, limits: tuple[int, ...]) -> int:
    """Band 0 (smallest quarter) to 3 (largest quarter)."""
    return sum(1 for limit in limits if population >= limit)
