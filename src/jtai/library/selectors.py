"""Every read of the library.

Published letters are public documents and hold no child-level data, so everyone who may
open the library (inspectorate staff and local-area users, see the views) sees every
letter: unlike the inspection selectors, these need no acting user to narrow by.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field

from django.db.models import Count, Max, Prefetch, QuerySet
from django.db.models.functions import Coalesce
from django.http import Http404

from jtai.areas.models import Area, StatisticalNeighbour
from jtai.inspections.models import Inspection, Status
from jtai.programme.models import Theme

from .learning import Learning, learning_from
from .models import LetterSection, PublishedLetter
from .sections import IMPROVEMENT_KEYS, STRENGTH_KEYS


def letters() -> QuerySet[PublishedLetter]:
    return PublishedLetter.objects.select_related("area", "theme")


def letter_list(
    *, theme: str = "", region: str = "", year: int | None = None
) -> QuerySet[PublishedLetter]:
    """The register: every letter, newest first, optionally narrowed."""
    queryset = letters()
    if theme:
        queryset = queryset.filter(theme__key=theme)
    if region:
        queryset = queryset.filter(area__region=region)
    if year:
        queryset = queryset.filter(published__year=year)
    return queryset.order_by("-published", "area_name", "pk")


def letter_get(*, letter_id: int) -> PublishedLetter:
    try:
        return letters().prefetch_related("sections").get(pk=letter_id)
    except PublishedLetter.DoesNotExist as error:
        raise Http404("No such letter.") from error


def letter_years() -> list[int]:
    """Years in which letters were published, newest first."""
    return [day.year for day in PublishedLetter.objects.dates("published", "year", order="DESC")]


def theme_choices() -> list[tuple[str, str]]:
    return list(Theme.objects.order_by("name").values_list("key", "name"))


@dataclass(frozen=True)
class ThemeCount:
    key: str
    name: str
    letters: int


def theme_counts() -> list[ThemeCount]:
    """Themes that have letters in the library, with how many."""
    rows = (
        Theme.objects.annotate(letters=Count("published_letters"))
        .filter(letters__gt=0)
        .order_by("name")
        .values_list("key", "name", "letters")
    )
    return [ThemeCount(key, name, count) for key, name, count in rows]


# --- an area and its statistical neighbours --------------------------------------------


@dataclass(frozen=True)
class NeighbourLetters:
    rank: int
    area: Area
    letters: list[PublishedLetter]


@dataclass
class AreaLibrary:
    ons_code: str
    name: str
    area: Area | None  # None for a former authority known only from its letters
    letters: list[PublishedLetter]
    neighbours: list[NeighbourLetters] = field(default_factory=list)
    former_area_note: str = ""
    last_inspected: dt.date | None = None


def area_library(*, ons_code: str) -> AreaLibrary:
    """An area's own published JTAIs, and its statistical neighbours' in rank order."""
    area = (
        Area.objects.prefetch_related(
            Prefetch(
                "neighbour_links",
                queryset=StatisticalNeighbour.objects.select_related("neighbour").order_by("rank"),
            )
        )
        .filter(ons_code=ons_code)
        .first()
    )
    own = list(letters().filter(ons_code=ons_code).order_by("-published"))
    if area is None:
        if not own:
            raise Http404("No such area.")
        return AreaLibrary(
            ons_code, own[0].area_name, None, own, former_area_note=own[0].former_area_note
        )
    links = list(area.neighbour_links.all())
    by_area: dict[int, list[PublishedLetter]] = defaultdict(list)
    for letter in (
        letters().filter(area__in=[link.neighbour_id for link in links]).order_by("-published")
    ):
        by_area[letter.area_id or 0].append(letter)
    return AreaLibrary(
        ons_code=area.ons_code,
        name=area.name,
        area=area,
        letters=own,
        neighbours=[
            NeighbourLetters(link.rank, link.neighbour, by_area[link.neighbour_id])
            for link in links
        ],
        last_inspected=last_inspected(area),
    )


# --- a theme ----------------------------------------------------------------------------


@dataclass
class ThemeLibrary:
    theme: Theme
    letters: list[PublishedLetter]
    strengths: Learning[PublishedLetter]
    improvements: Learning[PublishedLetter]


def theme_library(*, key: str) -> ThemeLibrary:
    """A theme's letters and what they say, together, about strengths and improvement."""
    theme = Theme.objects.filter(key=key).first()
    if theme is None:
        raise Http404("No such theme.")
    theme_letters = list(letters().filter(theme=theme).order_by("-published", "area_name"))
    by_id = {letter.pk: letter for letter in theme_letters}
    sections = LetterSection.objects.filter(
        letter__theme=theme, key__in=(*STRENGTH_KEYS, *IMPROVEMENT_KEYS)
    ).order_by("letter_id", "position")
    strengths: list[tuple[PublishedLetter, str]] = []
    improvements: list[tuple[PublishedLetter, str]] = []
    for section in sections.only("letter_id", "key", "text"):
        target = strengths if section.key in STRENGTH_KEYS else improvements
        target.append((by_id[section.letter_id], section.text))
    return ThemeLibrary(
        theme=theme,
        letters=theme_letters,
        strengths=learning_from(strengths),
        improvements=learning_from(improvements),
    )


# --- when an area was last inspected (for programme planning) --------------------------

# Inspections in the service that count as done: the findings are out.
INSPECTED_STATUSES = (Status.PUBLISHED, Status.ACTION_PLAN_RECEIVED, Status.CLOSED)


def last_inspected_by_area() -> dict[str, dt.date]:
    """Every current area's last JTAI, by ONS code: the latest date fieldwork began.

    Two sources count: the library's published letters (fieldwork start; the fieldwork end
    or the letter date when the reader could not find it) and the service's own
    inspections once published (status published, action plan received or closed). Areas
    never inspected are absent. Letters of former authorities (no current area) do not
    count for any area. Two queries, whatever the size of the library.
    """
    latest: dict[str, dt.date] = {}
    letter_rows = (
        PublishedLetter.objects.filter(area__isnull=False)
        .values("area__ons_code")
        .annotate(day=Max(Coalesce("fieldwork_start", "fieldwork_end", "letter_date")))
        .values_list("area__ons_code", "day")
    )
    inspection_rows = (
        Inspection.objects.filter(status__in=INSPECTED_STATUSES)
        .values("area__ons_code")
        .annotate(day=Max("fieldwork_start"))
        .values_list("area__ons_code", "day")
    )
    for ons_code, day in (*letter_rows, *inspection_rows):
        if day is not None and (ons_code not in latest or day > latest[ons_code]):
            latest[ons_code] = day
    return latest


def last_inspected(area: Area) -> dt.date | None:
    """The date fieldwork began at ``area``'s last JTAI, or None if it has had none (see
    :func:`last_inspected_by_area` for what counts)."""
    from_letters = (
        PublishedLetter.objects.filter(area=area)
        .annotate(day=Coalesce("fieldwork_start", "fieldwork_end", "letter_date"))
        .aggregate(latest=Max("day"))["latest"]
    )
    from_inspections = Inspection.objects.filter(
        area=area, status__in=INSPECTED_STATUSES
    ).aggregate(latest=Max("fieldwork_start"))["latest"]
    days = [day for day in (from_letters, from_inspections) if day is not None]
    return max(days, default=None)
