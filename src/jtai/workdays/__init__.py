"""Working days in England: Monday to Friday, less bank holidays and closure days.

Pure Python (no Django). Bank holidays are England and Wales's, from the ``holidays``
library, one-off days included; administrators add closure days per calendar::

    calendar = WorkingCalendar(closures=frozenset({date(2024, 12, 23)}))
    calendar.add_working_days(date(2023, 5, 22), -10)  # date(2023, 5, 5): 8 May was a holiday

See :class:`WorkingCalendar` for exactly how days are counted.
"""

from jtai.workdays.bank_holidays import bank_holidays_in
from jtai.workdays.working_calendar import DEFAULT_CLOSURE_NAME, DayOff, WorkingCalendar

__all__ = ["DEFAULT_CLOSURE_NAME", "DayOff", "WorkingCalendar", "bank_holidays_in"]
