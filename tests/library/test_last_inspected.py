"""When each area was last inspected: the library's letters and the service's inspections."""

from __future__ import annotations

import datetime as dt

import pytest

from jtai.areas.models import Area
from jtai.inspections.models import Inspection, Status
from jtai.library.models import PublishedLetter
from jtai.library.selectors import last_inspected, last_inspected_by_area

from .factories import make_letter

pytestmark = pytest.mark.django_db


def fieldwork_of(area: str, status: str) -> dt.date:
    return Inspection.objects.get(area__name=area, status=status).fieldwork_start


def code(name: str) -> str:
    return Area.objects.get(name=name).ons_code


def test_published_and_closed_inspections_count_and_unfinished_ones_do_not() -> None:
    latest = last_inspected_by_area()
    assert latest[code("Kent")] == fieldwork_of("Kent", Status.PUBLISHED)
    assert latest[code("Leeds")] == fieldwork_of("Leeds", Status.CLOSED)
    for unfinished in ("Birmingham", "Cornwall", "Manchester", "Sheffield"):
        assert code(unfinished) not in latest


def test_letters_count_by_fieldwork_start_and_the_latest_source_wins() -> None:
    harrow = make_letter("Harrow", dt.date(2023, 5, 24), theme="early-help")
    older_leeds = make_letter("Leeds", dt.date(2017, 6, 1))
    cornwall = make_letter("Cornwall", dt.date(2018, 2, 6))
    PublishedLetter.objects.filter(pk=cornwall.pk).update(fieldwork_start=None, fieldwork_end=None)
    latest = last_inspected_by_area()
    assert latest[code("Harrow")] == harrow.fieldwork_start
    assert latest[code("Leeds")] == fieldwork_of("Leeds", Status.CLOSED)
    assert older_leeds.fieldwork_start is not None
    assert older_leeds.fieldwork_start < latest[code("Leeds")]
    assert latest[code("Cornwall")] == dt.date(2018, 2, 6)  # no fieldwork dates read


def test_a_newer_letter_beats_an_older_inspection() -> None:
    inspected = fieldwork_of("Leeds", Status.CLOSED)
    letter = make_letter("Leeds", inspected + dt.timedelta(weeks=20))
    assert letter.fieldwork_start is not None
    assert last_inspected_by_area()[code("Leeds")] == letter.fieldwork_start
    assert last_inspected(Area.objects.get(name="Leeds")) == letter.fieldwork_start


def test_one_area_agrees_with_the_table_and_a_former_area_counts_for_none() -> None:
    make_letter("Harrow", dt.date(2019, 4, 2))
    former = make_letter("Kent", dt.date(2030, 1, 8))
    PublishedLetter.objects.filter(pk=former.pk).update(area=None, ons_code="E10000021")
    latest = last_inspected_by_area()
    assert "E10000021" not in latest
    for area in Area.objects.filter(name__in=["Harrow", "Kent", "Leeds", "Cornwall"]):
        assert last_inspected(area) == latest.get(area.ons_code)
    assert last_inspected(Area.objects.get(name="Cornwall")) is None
