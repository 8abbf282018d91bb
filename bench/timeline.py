"""Time full timelines for 10,000 inspections with fieldwork from 2016 to 2030.

The budget is one second in all, from a cold calendar: a fresh calendar with closure days,
no year's bank holidays built yet, each inspection under the framework in force for its
start, a third of them with an actual publication date. Importing the packages, which
loads the ``holidays`` library's country data, happens at process start and is not timed.
A second run, with the year tables built, shows what the arithmetic alone costs.
"""

from __future__ import annotations

import random
import sys
import time
from datetime import date, timedelta

from jtai.timelines import SHIPPED_FRAMEWORKS, compute_timeline, framework_in_force
from jtai.workdays import WorkingCalendar

INSPECTIONS = 10_000
BUDGET_SECONDS = 1.0


def fieldwork_plans(count: int) -> list[tuple[date, int | None]]:
    """Starts spread over 2016-2030, mostly Mondays, with days to actual publication."""
    rng = random.Random(2016)
    first, last = date(2016, 1, 4).toordinal(), date(2030, 12, 30).toordinal()
    plans = []
    for _ in range(count):
        start = date.fromordinal(rng.randint(first, last))
        if rng.random() < 0.9:
            start -= timedelta(days=start.weekday())
        published_after = rng.randint(25, 90) if rng.random() < 1 / 3 else None
        plans.append((start, published_after))
    return plans


def run(plans: list[tuple[date, int | None]]) -> tuple[float, int]:
    """Seconds to compute every plan's timeline with a fresh calendar, and the warnings."""
    began = time.perf_counter()
    calendar = WorkingCalendar(closures=frozenset({date(2024, 12, 23), date(2027, 6, 14)}))
    frameworks = list(SHIPPED_FRAMEWORKS.values())
    warnings = 0
    for start, published_after in plans:
        rules = framework_in_force(start, frameworks)
        published = start + timedelta(days=published_after) if published_after else None
        warnings += len(compute_timeline(rules, start, calendar, published).warnings)
    return time.perf_counter() - began, warnings


def main() -> None:
    plans = fieldwork_plans(INSPECTIONS)
    cold, warnings = run(plans)
    # Again, with each year's bank holidays already built in this process.
    warm, _ = run(plans)
    print(
        f"timeline: {INSPECTIONS} inspections in {cold:.2f} s "
        f"({warm:.2f} s with bank holidays built; {warnings} warnings)"
    )
    if cold >= BUDGET_SECONDS:
        sys.exit(f"timeline: over the {BUDGET_SECONDS:.0f} s budget")


if __name__ == "__main__":
    main()
