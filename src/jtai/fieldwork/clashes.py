"""Clashes on a timetable: a person or a room in two overlapping activities.

Pure Python over plain records, so the services (checking one activity before it is
saved) and the timetable page (flagging every clash at once) use the same rule.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field


def person_key(*, user_id: int | None, name: str = "", agency_id: int | None = None) -> str:
    """The same person in two activities: by account when there is one, otherwise by
    name within their agency."""
    if user_id is not None:
        return f"user:{user_id}"
    return f"name:{agency_id}:{' '.join(name.split()).casefold()}"


def room_key(place: str) -> str:
    return " ".join(place.split()).casefold()


@dataclass(frozen=True)
class Booking:
    """One activity as the clash rule sees it; ``people`` maps person keys to names."""

    id: int | None
    title: str
    start: dt.datetime
    end: dt.datetime
    people: Mapping[str, str] = field(default_factory=dict)
    place: str = ""


@dataclass(frozen=True)
class Clash:
    who: str  # a person's name, or "the room ..."
    other_id: int | None
    other_title: str
    other_start: dt.datetime
    other_end: dt.datetime

    def __str__(self) -> str:
        when = (
            f"{self.other_start:%A} {self.other_start.day} {self.other_start:%B}, "
            f"{self.other_start:%H:%M} to {self.other_end:%H:%M}"
        )
        verb = "is booked for" if self.who.startswith("the room") else "is also in"
        return f"{self.who} {verb} {self.other_title} ({when})"


def _overlap(a: Booking, b: Booking) -> bool:
    return a.start < b.end and b.start < a.end


def clashes_between(booking: Booking, other: Booking) -> list[Clash]:
    if (booking.id is not None and booking.id == other.id) or not _overlap(booking, other):
        return []
    found = [
        Clash(name, other.id, other.title, other.start, other.end)
        for key, name in sorted(booking.people.items(), key=lambda kv: kv[1])
        if key in other.people
    ]
    if booking.place and room_key(booking.place) == room_key(other.place):
        found.append(
            Clash(f"the room {booking.place}", other.id, other.title, other.start, other.end)
        )
    return found


def clashes_with(booking: Booking, others: Iterable[Booking]) -> list[Clash]:
    return [clash for other in others for clash in clashes_between(booking, other)]


def all_clashes(bookings: Sequence[Booking]) -> dict[int | None, list[Clash]]:
    """Every booking's clashes, by booking id: a sweep in start order, so a week of
    hundreds of activities compares each only with those still running."""
    ordered = sorted(bookings, key=lambda b: (b.start, b.end))
    result: dict[int | None, list[Clash]] = {}
    running: list[Booking] = []
    for booking in ordered:
        running = [b for b in running if b.end > booking.start]
        for other in running:
            for clash in clashes_between(booking, other):
                result.setdefault(booking.id, []).append(clash)
            for clash in clashes_between(other, booking):
                result.setdefault(other.id, []).append(clash)
        running.append(booking)
    return result
