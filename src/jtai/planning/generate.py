"""Realistic planning problems: the demo year and larger ones for benchmarks.

The inspector pool follows the current thematic team (3 Ofsted social care incl. the lead,
1 Ofsted education, 3 HMICFRS, 3 CQC, 2 HMIP, an Ofsted QA manager): each specialism is
staffed in proportion to what the teams need, with leave, other commitments and
conflicts of interest drawn at random from a seed, so every run gives the same problem.
"""

from __future__ import annotations

import math
import random
from datetime import date, timedelta

import holidays

from jtai.planning.areas import Area, Region, reference_areas
from jtai.planning.problem import (
    Accreditation,
    InspectionType,
    Inspector,
    Inspectorate,
    Period,
    Problem,
    Revisit,
    Role,
    Specialism,
    TeamComposition,
    Theme,
)
from jtai.planning.weeks import DateRange, monday_of

THEME_KEYS = (
    "csa-family",
    "serious-youth-violence",
    "early-help",
    "criminal-exploitation",
    "mental-health",
    "neglect",
    "child-exploitation",
    "cse-missing",
)
REVISITED = ("domestic-abuse", "serious-youth-violence", "early-help", "csa-family")
FIRST = ("Alex", "Sam", "Priya", "Tom", "Aisha", "Gareth", "Helen", "Imran", "Joanne", "Kwame")
LAST = ("Ahmed", "Brown", "Clarke", "Davies", "Evans", "Fraser", "Green", "Hughes", "Khan", "Lee")

# Share of the pool per specialism, from the thematic team of 13 (lead and QA included).
POOL_SHARES = (
    (Inspectorate.OFSTED, Specialism.SOCIAL_CARE, 4),
    (Inspectorate.OFSTED, Specialism.EDUCATION, 1),
    (Inspectorate.HMICFRS, Specialism.POLICE, 3),
    (Inspectorate.CQC, Specialism.HEALTH, 3),
    (Inspectorate.HMIP, Specialism.PROBATION, 2),
)


# The lead inspector and the QA manager stay busy until the draft report (week 6).
DRAFTING_WEEKS = 3


def _role(
    key: str,
    inspectorate: Inspectorate,
    count: int,
    specialism: Specialism | None = None,
    requires: Accreditation | None = None,
) -> Role:
    return Role(
        key=key,
        inspectorate=inspectorate,
        specialism=specialism,
        count=count,
        requires=requires,
        active_weeks_after_fieldwork=DRAFTING_WEEKS if requires else 0,
    )


def thematic_team() -> TeamComposition:
    """Current thematic JTAI team (framework 2023, HMIP rejoined)."""
    ofsted, care = Inspectorate.OFSTED, Specialism.SOCIAL_CARE
    return TeamComposition(
        key="thematic-2023",
        framework_version="2023",
        inspection_type=InspectionType.THEMATIC,
        roles=[
            _role("lead", ofsted, 1, care, Accreditation.LEAD),
            _role("social-care", ofsted, 2, care),
            _role("education", ofsted, 1, Specialism.EDUCATION),
            _role("police", Inspectorate.HMICFRS, 3),
            _role("health", Inspectorate.CQC, 3),
            _role("probation", Inspectorate.HMIP, 2),
            _role("qa", ofsted, 1, requires=Accreditation.QA),
        ],
    )


def front_door_team() -> TeamComposition:
    """Front-door JTAI team (2022): Ofsted, CQC and HMICFRS only."""
    ofsted, care = Inspectorate.OFSTED, Specialism.SOCIAL_CARE
    return TeamComposition(
        key="front-door-2022",
        framework_version="2022",
        inspection_type=InspectionType.FRONT_DOOR,
        roles=[
            _role("lead", ofsted, 1, care, Accreditation.LEAD),
            _role("social-care", ofsted, 1, care),
            _role("education", ofsted, 1, Specialism.EDUCATION),
            _role("health", Inspectorate.CQC, 2),
            _role("police", Inspectorate.HMICFRS, 2),
            _role("qa", ofsted, 1, requires=Accreditation.QA),
        ],
    )


def england_bank_holidays(year: int) -> list[date]:
    """England and Wales bank holidays of ``year``, one-off days included."""
    days = holidays.country_holidays("GB", subdiv="ENG", years=[year])
    return sorted(day for day in days if day.weekday() < 5)


def generate_problem(
    n_inspections: int = 10, n_inspectors: int = 84, year: int = 2026, seed: int = 0
) -> Problem:
    """A programme year of ``n_inspections`` (6 per theme, 40% revisits) for a pool of
    ``n_inspectors``. The demo is the default; (100, 800) is the benchmark's large year."""
    if n_inspections < 1 or n_inspectors < 13:
        raise ValueError("need at least 1 inspection and 13 inspectors (one thematic team)")
    rng = random.Random(seed)  # noqa: S311 - reproducible demo data, not a secret
    period = Period(start=date(year, 1, 1), end=date(year, 12, 31))
    areas = list(reference_areas())
    n_revisits = round(0.4 * n_inspections)
    n_themed = n_inspections - n_revisits
    recent, older = _inspection_history(rng, areas, year, n_revisits, n_themed)
    themes = _themes(n_themed, year)
    revisits = _revisits(rng, n_revisits, recent, year)
    per_week = max(1, math.ceil(n_inspections / 30))
    return Problem(
        name=f"Programme {year}: {n_inspections} inspections, {n_inspectors} inspectors",
        period=period,
        bank_holidays=england_bank_holidays(year),
        max_inspections_per_week=per_week,
        max_inspections_per_year=n_inspections,
        max_revisits_per_year=max(4, n_revisits),
        compositions=[thematic_team(), front_door_team()],
        themes=themes,
        revisits=revisits,
        last_inspected={**recent, **older},
        excluded_areas=rng.sample(sorted(a.ons_code for a in areas if a.ons_code not in recent), 2),
        inspectors=_inspectors(rng, n_inspectors, areas, year),
    )


def _inspection_history(
    rng: random.Random, areas: list[Area], year: int, n_revisits: int, n_themed: int
) -> tuple[dict[str, date], dict[str, date]]:
    """Areas inspected in the last 3 years (revisit candidates) and longer ago."""
    codes = [a.ons_code for a in areas]
    rng.shuffle(codes)
    n_recent = min(max(12, 2 * n_revisits), len(codes) - n_themed - 10)
    recent = {c: date(year - rng.randint(1, 2), rng.randint(1, 12), 15) for c in codes[:n_recent]}
    rest = codes[n_recent:]
    older = {c: date(year - rng.randint(4, 9), rng.randint(1, 12), 15) for c in rest[::3]}
    return recent, older


def _themes(n_themed: int, year: int) -> list[Theme]:
    """Themes of 6, each running over about seven months, staggered through the year."""
    n_themes = math.ceil(n_themed / 6)
    themes = []
    for t in range(n_themes):
        size = min(6, n_themed - 6 * t)
        start_month = 1 + (5 * t) % 6 if n_themes > 1 else 1
        end = date(year, min(12, start_month + 6), 1) - timedelta(days=1)
        if n_themes == 1:
            end = date(year, 7, 31)
        key = THEME_KEYS[t % len(THEME_KEYS)] + (f"-{t // len(THEME_KEYS) + 1}" if t >= 8 else "")
        themes.append(
            Theme(
                key=key,
                name=key.replace("-", " "),
                inspections=size,
                window=Period(start=date(year, start_month, 1), end=end),
                team="front-door-2022" if t % 4 == 3 else "thematic-2023",
            )
        )
    return themes


def _revisits(
    rng: random.Random, n_revisits: int, recent: dict[str, date], year: int
) -> list[Revisit]:
    """Revisits in the autumn, four at a time, each choosing among twice as many areas."""
    pool = sorted(recent)
    rng.shuffle(pool)
    revisits = []
    for n, first in enumerate(range(0, n_revisits, 4)):
        size = min(4, n_revisits - first)
        candidates = pool[2 * first : 2 * first + 2 * size]
        theme = REVISITED[n % len(REVISITED)]
        revisits.append(
            Revisit(
                key=f"revisit-{theme}" + (f"-{n // len(REVISITED) + 1}" if n >= 4 else ""),
                theme=theme,
                inspections=size,
                areas=candidates,
                window=Period(start=date(year, 9, 1), end=date(year, 12, 18)),
                team="thematic-2023",
            )
        )
    return revisits


def _inspectors(rng: random.Random, n: int, areas: list[Area], year: int) -> list[Inspector]:
    regions = list(Region)
    weights = [sum(1 for a in areas if a.region == region) for region in regions]
    by_region = {r: [a.ons_code for a in areas if a.region == r] for r in regions}
    total = sum(share for *_, share in POOL_SHARES)
    counts = [n * share // total for *_, share in POOL_SHARES]
    counts[0] += n - sum(counts)  # social care takes the rounding: leads and QA come from it
    inspectors = []
    for (inspectorate, specialism, _), count in zip(POOL_SHARES, counts, strict=True):
        for k in range(count):
            home = rng.choices(regions, weights)[0]
            senior = specialism is Specialism.SOCIAL_CARE
            inspectors.append(
                Inspector(
                    id=f"{inspectorate}-{specialism}-{k + 1:03d}",
                    name=f"{rng.choice(FIRST)} {rng.choice(LAST)}",
                    inspectorate=inspectorate,
                    specialism=specialism,
                    can_lead=senior and k % 3 == 0,
                    can_qa=senior and k % 5 == 1,
                    home_region=home,
                    max_inspections=rng.choice((2, 3, 4, 4, 5, 6)),
                    unavailable=_absences(rng, year),
                    conflicts=rng.sample(by_region[home], k=rng.choice((0, 0, 0, 1, 2))),
                )
            )
    return inspectors


def _absences(rng: random.Random, year: int) -> list[DateRange]:
    """About five weeks of leave in blocks, and the odd week of other commitments."""
    absences = []
    for _ in range(rng.randint(2, 4)):
        start = monday_of(date(year, 1, 1) + timedelta(days=rng.randint(0, 350)))
        weeks = rng.choice((1, 1, 2))
        absences.append(
            DateRange(start=start, end=start + timedelta(weeks=weeks, days=-1), reason="leave")
        )
    for _ in range(rng.randint(0, 2)):
        start = monday_of(date(year, 1, 1) + timedelta(days=rng.randint(0, 350)))
        absences.append(
            DateRange(start=start, end=start + timedelta(days=4), reason="other commitment")
        )
    return sorted(absences, key=lambda r: r.start)
