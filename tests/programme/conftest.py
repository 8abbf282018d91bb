from __future__ import annotations

import pytest

from jtai.programme.models import ProgrammeYear

from .factories import planning_year


@pytest.fixture
def year(db: None) -> ProgrammeYear:
    """The demo's programme year with planning inputs (next April to March)."""
    return planning_year()


@pytest.fixture(autouse=True)
def _planner_time_limit(settings: pytest.FixtureRequest) -> None:
    # An upper bound for the pages: the demo year is proven optimal, and re-planned, in a
    # few seconds, but a re-plan's first stage (fewest changes) needs half of a generous limit.
    settings.JTAI_PLAN_TIME_LIMIT_S = 20  # type: ignore[attr-defined]
