"""Small hand-made problems for tests that need to control every number."""

from __future__ import annotations

from datetime import date

from jtai.planning import Inspector, Period, Problem, Theme
from jtai.planning.generate import england_bank_holidays, thematic_team

YEAR = 2026


def people(
    prefix: str, inspectorate: str, specialism: str, n: int, **extra: object
) -> list[Inspector]:
    return [
        Inspector.model_validate(
            {
                "id": f"{prefix}-{k}",
                "inspectorate": inspectorate,
                "specialism": specialism,
                "home_region": "Yorkshire and the Humber",
                "max_inspections": 4,
                **extra,
            }
        )
        for k in range(n)
    ]


def pool(cqc: int = 4, spare: int = 0) -> list[Inspector]:
    """Just enough people for one thematic team, plus ``spare`` of each kind."""
    return (
        people("lead", "ofsted", "social-care", 2 + spare, can_lead=True)
        + people("sc", "ofsted", "social-care", 3 + spare)
        + people("qa", "ofsted", "social-care", 2 + spare, can_qa=True)
        + people("ed", "ofsted", "education", 2 + spare)
        + people("pol", "hmicfrs", "police", 4 + spare)
        + people("cqc", "cqc", "health", cqc)
        + people("hmip", "hmip", "probation", 3 + spare)
    )


def window(first: date, last: date) -> Period:
    return Period(start=first, end=last)


def small_problem(
    themes: list[Theme], inspectors: list[Inspector] | None = None, **extra: object
) -> Problem:
    """A hand-made problem: the given themes, the thematic team, a pool from ``pool``."""
    return Problem.model_validate(
        {
            "period": {"start": date(YEAR, 1, 1), "end": date(YEAR, 12, 31)},
            "bank_holidays": england_bank_holidays(YEAR),
            "compositions": [thematic_team()],
            "themes": themes,
            "inspectors": inspectors if inspectors is not None else pool(),
            **extra,
        }
    )


def theme(key: str, inspections: int, first: date | None = None, last: date | None = None) -> Theme:
    span = window(first, last) if first and last else None
    return Theme(key=key, inspections=inspections, window=span, team="thematic-2023")
