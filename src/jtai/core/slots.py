"""When a scheduled job is due: pure arithmetic on aware datetimes, no Django.

A job that runs every N minutes has one due slot per N minutes, counted from the Unix
epoch in UTC. Every worker computes the same slot for the same moment, so the slot is the
key that lets exactly one of them claim each run."""

from __future__ import annotations

import datetime as dt

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)


def due_slot(now: dt.datetime, every: dt.timedelta) -> dt.datetime:
    """The latest slot boundary at or before `now` (in UTC)."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    if every <= dt.timedelta(0):
        raise ValueError("every must be positive")
    elapsed = now.astimezone(dt.UTC) - EPOCH
    return EPOCH + (elapsed // every) * every


def next_slot(now: dt.datetime, every: dt.timedelta) -> dt.datetime:
    return due_slot(now, every) + every
