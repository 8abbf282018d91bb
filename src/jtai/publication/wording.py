"""Moments in plain English, in UK time: "9:30am on Friday 13 March 2026"."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jtai.timelines.wording import long_date


def clock(value: dt.time) -> str:
    hour = value.hour % 12 or 12
    suffix = "am" if value.hour < 12 else "pm"
    if value.hour == 12 and value.minute == 0:
        return "midday"
    return f"{hour}:{value.minute:02d}{suffix}" if value.minute else f"{hour}{suffix}"


def moment(value: dt.datetime) -> str:
    local = timezone.localtime(value)
    return f"{clock(local.time())} on {long_date(local.date())}"
