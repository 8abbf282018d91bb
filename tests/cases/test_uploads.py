"""Uploading lists through the service: all or nothing, refused twice, retried after a
failure, and only for the area's own people after notification."""

from __future__ import annotations

import datetime as dt
import gzip

import pytest
from django.utils import timezone

from jtai.accounts.models import User
from jtai.cases import selectors, services
from jtai.cases.models import CaseList, ListedChild, ListKind, RejectedUpload
from jtai.cases.services import uploads
from jtai.cases.validation import validate_case_list
from jtai.inspections.models import EventKind, Inspection, InspectionEvent, Status

from .factories import HEADINGS, child_rows, csv_bytes, upload, xlsx_bytes


def test_a_valid_list_is_imported_whole_with_an_event(
    users: dict[str, User], kent: Inspection
) -> None:
    coordinator = users["kent_coordinator"]
    result = upload(coordinator, kent, csv_bytes(HEADINGS, child_rows(30, prefix="KNT")))
    case_list = result.case_list
    assert case_list is not None
    assert result.problem_count == 0
    assert case_list.row_count == 30
    assert ListedChild.objects.filter(case_list=case_list).count() == 30
    assert case_list.agency == coordinator.agency
    child = ListedChild.objects.get(case_list=case_list, case_reference="KNT00001")
    assert (child.gender, child.ethnicity, child.ethnic_group) == ("male", "APKN", "asian")
    assert child.agencies == ["health"]
    assert child.statuses == ["child_protection"]
    assert child.inspection_id == kent.pk
    # No name, and no full date of birth, is ever stored.
    fields = {f.name for f in ListedChild._meta.get_fields()}
    assert not {"name", "first_name", "surname", "date_of_birth"} & fields
    assert (child.birth_year, child.birth_month) == (2018, 3)
    event = InspectionEvent.objects.get(inspection=kent, kind=EventKind.CASE_LIST_UPLOADED)
    assert event.summary == (
        "Case list uploaded: children identified with the theme's risk, 30 children"
    )
    assert event.actor == coordinator


def test_a_workbook_is_imported_and_its_list_kind_gives_a_status(
    users: dict[str, User], kent: Inspection
) -> None:
    rows = [[f"CP{n}", "F", "Chinese", dt.date(2015, 1, n + 1), "Police", ""] for n in range(5)]
    result = upload(
        users["kent_health"],
        kent,
        xlsx_bytes(HEADINGS, rows),
        name="cp.xlsx",
        kind=ListKind.CHILD_PROTECTION,
    )
    assert result.case_list is not None
    assert result.case_list.file_format == "xlsx"
    assert {tuple(c.statuses) for c in ListedChild.objects.filter(case_list=result.case_list)} == {
        ("child_protection",)
    }


def test_a_refused_list_stores_nothing_and_keeps_every_problem_for_download(
    users: dict[str, User], kent: Inspection
) -> None:
    rows = child_rows(3_200)
    for row in rows[:3_000]:
        row[2] = "Martian"
    result = upload(users["kent_coordinator"], kent, csv_bytes(HEADINGS, rows))
    assert result.case_list is None
    assert result.problem_count == 3_000
    assert len(result.problems) == services.SHOWN_PROBLEMS
    assert not CaseList.objects.filter(inspection=kent).exists()
    assert not ListedChild.objects.filter(inspection=kent).exists()
    assert not InspectionEvent.objects.filter(inspection=kent, kind=EventKind.CASE_LIST_UPLOADED)
    assert result.rejection is not None
    text = gzip.decompress(bytes(result.rejection.problems_csv)).decode("utf-8-sig")
    lines = text.splitlines()
    assert lines[0] == "Row,Column,Problem"
    assert len(lines) == 3_001
    assert lines[-1].startswith("3001,Ethnicity,\"'Martian' is not recognised")


def test_a_few_problems_are_all_on_the_page_and_not_kept(
    users: dict[str, User], kent: Inspection
) -> None:
    rows = child_rows(5)
    rows[2][1] = "?"
    result = upload(users["kent_coordinator"], kent, csv_bytes(HEADINGS, rows))
    assert [str(p) for p in result.problems] == [
        "Row 4, Gender: '?' is not recognised: write female, male, other or not known"
    ]
    assert result.rejection is None


def test_the_same_file_twice_is_refused_and_nothing_changes(
    users: dict[str, User], kent: Inspection
) -> None:
    data = csv_bytes(HEADINGS, child_rows(30))
    upload(users["kent_coordinator"], kent, data, name="children.csv")
    with pytest.raises(services.CaseError) as refusal:
        upload(users["kent_health"], kent, data, name="again.csv")
    today = timezone.localdate()
    assert refusal.value.message == (
        f"This file was already uploaded on {today.day} {today:%B %Y} by Oliver Grant, as "
        "'children.csv' (30 children). Nothing new was imported."
    )
    assert ListedChild.objects.filter(inspection=kent).count() == 30
    # The same file is welcome at another inspection.
    leeds = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    assert upload(users["leeds_coordinator"], leeds, data).case_list is not None


def test_an_import_that_fails_part_way_leaves_nothing_and_can_be_retried(
    users: dict[str, User], kent: Inspection, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(uploads, "BATCH_SIZE", 10)
    real = uploads._row
    rows_made = []

    def failing(case_list: CaseList, record: object) -> dict[str, object]:
        rows_made.append(record)
        if len(rows_made) == 15:  # in the second batch, after the first went in
            raise OSError("the disk is full")
        return real(case_list, record)  # type: ignore[arg-type]

    monkeypatch.setattr(uploads, "_row", failing)
    data = csv_bytes(HEADINGS, child_rows(30))
    with pytest.raises(OSError, match="disk is full"):
        upload(users["kent_coordinator"], kent, data)
    assert not CaseList.objects.filter(inspection=kent).exists()
    assert not ListedChild.objects.filter(inspection=kent).exists()
    assert not InspectionEvent.objects.filter(inspection=kent, kind=EventKind.CASE_LIST_UPLOADED)
    monkeypatch.setattr(uploads, "_row", real)
    result = upload(users["kent_coordinator"], kent, data)
    assert result.case_list is not None
    assert ListedChild.objects.filter(inspection=kent).count() == 30


def test_every_column_of_a_listed_child_is_written(kent: Inspection) -> None:
    """The import names the columns itself: a field added to the model must be added
    there too, or this fails."""
    record = validate_case_list(
        csv_bytes(HEADINGS, child_rows(1)), "list.csv", notified_on=kent.fieldwork_start
    ).records[0]
    case_list = CaseList(pk=1, inspection=kent)
    assert set(uploads._row(case_list, record)) == {f.attname for f in uploads._COLUMNS}
    assert len(uploads._COLUMNS) == len(ListedChild._meta.concrete_fields) - 1


@pytest.mark.parametrize(
    "who", ["inspector", "lead_inspector", "programme_manager", "leeds_coordinator"]
)
def test_only_the_area_s_own_people_upload(
    users: dict[str, User], kent: Inspection, who: str
) -> None:
    with pytest.raises(services.CaseError, match="Only the inspected area's coordinator"):
        upload(users[who], kent, csv_bytes(HEADINGS, child_rows(3)))


def test_nothing_is_uploaded_before_notification(users: dict[str, User]) -> None:
    planned = Inspection.objects.get(area__name="Kent", status=Status.PLANNED)
    with pytest.raises(services.CaseError):
        upload(users["kent_coordinator"], planned, csv_bytes(HEADINGS, child_rows(3)))


def test_an_agency_contact_sees_only_its_own_agency_s_lists(
    users: dict[str, User], kent: Inspection
) -> None:
    health = upload(users["kent_health"], kent, csv_bytes(HEADINGS, child_rows(3, prefix="H")))
    council = upload(
        users["kent_coordinator"], kent, csv_bytes(HEADINGS, child_rows(4, prefix="C"))
    )
    assert health.case_list is not None
    assert council.case_list is not None

    def seen(who: str) -> set[int]:
        return {c.pk for c in selectors.case_lists(user=users[who], inspection=kent)}

    assert seen("kent_health") == {health.case_list.pk}
    assert (
        seen("kent_coordinator") == seen("inspector") == {health.case_list.pk, council.case_list.pk}
    )
    children = selectors.child_list(
        user=users["kent_health"], inspection=kent, filters=selectors.ChildFilters()
    )
    assert {c.case_reference for c in children} == {"H00000", "H00001", "H00002"}


def test_a_refused_upload_s_problems_are_for_its_uploader_and_the_coordinator(
    users: dict[str, User], kent: Inspection
) -> None:
    rows = [[f"B{n}", "?", "White British", "01/01/2015", "", ""] for n in range(150)]
    result = upload(users["kent_health"], kent, csv_bytes(HEADINGS, rows))
    assert result.rejection is not None
    for who in ("kent_health", "kent_coordinator"):
        assert (
            selectors.rejection_get(
                user=users[who], inspection=kent, rejection_id=result.rejection.pk
            )
            == result.rejection
        )
    from django.http import Http404

    with pytest.raises(Http404):
        selectors.rejection_get(
            user=users["inspector"], inspection=kent, rejection_id=result.rejection.pk
        )


def test_refused_uploads_are_forgotten_after_two_weeks(
    users: dict[str, User], kent: Inspection
) -> None:
    rows = [[f"B{n}", "?", "White British", "01/01/2015", "", ""] for n in range(150)]
    data = csv_bytes(HEADINGS, rows)
    old = services.case_list_upload(
        actor=users["kent_coordinator"],
        inspection=kent,
        data=data,
        source_name="old.csv",
        kind=ListKind.THEME,
        now=dt.datetime.now(tz=dt.UTC) - dt.timedelta(days=15),
    )
    assert old.rejection is not None
    upload(users["kent_coordinator"], kent, data)
    assert not RejectedUpload.objects.filter(pk=old.rejection.pk).exists()
