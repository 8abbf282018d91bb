"""England and Wales bank holidays, one cached table per year."""

from __future__ import annotations

import functools
from calendar import SATURDAY
from collections.abc import Mapping
from datetime import date
from types import MappingProxyType

from holidays.countries.united_kingdom import UnitedKingdom


@functools.cache
def bank_holidays_in(year: int) -> Mapping[date, str]:
    """The bank holidays of ``year`` that fall on a weekday, in date order, with their names.

    England and Wales share one list, the ``holidays`` library's United Kingdom with
    ``subdiv="ENG"``. One-off days such as the Queen's state funeral (19 September 2022)
    and the coronation (8 May 2023) are included. A holiday whose fixed date falls at a
    weekend (Christmas Day on a Saturday) is left out: the substitute weekday, listed as
    "(observed)", is the day offices close.

    The library's country data is imported with this module rather than on first use, so
    the first request does not pay for it; each year's table is then built once.
    """
    table = UnitedKingdom(subdiv="ENG", years=year)  # type: ignore[no-untyped-call]
    return MappingProxyType(
        {day: str(name) for day, name in sorted(table.items()) if day.weekday() < SATURDAY}
    )
