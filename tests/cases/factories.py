"""Helpers for children's cases tests: lists as CSV or workbook bytes, uploads through
the real service, a second notified area, and URL arguments for the access table."""

from __future__ import annotations

import csv
import datetime as dt
import io
from collections.abc import Sequence
from typing import Any

from django.utils import timezone
from openpyxl import Workbook

from jtai.accounts.models import User
from jtai.areas.models import Area
from jtai.cases import services
from jtai.cases.models import (
    AuditSection,
    AuditStatus,
    ListedChild,
    ListKind,
    SelectedChild,
    Stage,
)
from jtai.inspections import services as inspection_services
from jtai.inspections.models import Inspection, Status, TeamRole
from jtai.programme.models import FrameworkVersion, InspectionType, Theme

HEADINGS = ("Child ID", "Gender", "Ethnicity", "Date of birth", "Agencies involved", "Status")


def leeds() -> Inspection:
    return Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)


def notified_on(inspection: Inspection) -> dt.date:
    return services.uploads.notification_day(inspection)  # type: ignore[attr-defined]


def csv_bytes(headings: Sequence[str], rows: Sequence[Sequence[Any]], *, bom: bool = True) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(headings)
    writer.writerows(rows)
    return (("\ufeff" if bom else "") + out.getvalue()).encode("utf-8")


def xlsx_bytes(headings: Sequence[str], rows: Sequence[Sequence[Any]]) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(list(headings))
    for row in rows:
        sheet.append(list(row))
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def child_rows(count: int, *, prefix: str = "T", born: dt.date | None = None) -> list[list[str]]:
    """``count`` valid rows for HEADINGS."""
    born = born or dt.date(2018, 3, 14)
    return [
        [
            f"{prefix}{n:05d}",
            ("Female", "Male")[n % 2],
            ("White British", "Pakistani", "Black African", "White and Asian")[n % 4],
            f"{born:%d/%m/%Y}",
            ("Police; Health", "Health", "Police; Probation", "Education")[n % 4],
            ("Child in need", "Child protection plan", "Child in care")[n % 3],
        ]
        for n in range(count)
    ]


def upload(
    actor: User,
    inspection: Inspection,
    data: bytes,
    *,
    name: str = "list.csv",
    kind: str = ListKind.THEME,
) -> services.UploadResult:
    return services.case_list_upload(
        actor=actor, inspection=inspection, data=data, source_name=name, kind=kind
    )


def notify_second_area(users: dict[str, User], area: str = "Kent") -> Inspection:
    """A second area, notified with fieldwork in two weeks, staffed like Leeds: the demo
    lead and inspector choose, so one team works on two areas at once."""
    today = timezone.localdate()
    fieldwork = today - dt.timedelta(days=today.weekday()) + dt.timedelta(weeks=2)
    planned_at = timezone.make_aware(
        dt.datetime.combine(fieldwork - dt.timedelta(weeks=8), dt.time(10))
    )
    programme = users["programme_manager"]
    inspection = inspection_services.inspection_create(
        actor=programme,
        area=Area.objects.get(name=area),
        theme=Theme.objects.get(key="csa-family"),
        inspection_type=InspectionType.THEMATIC,
        framework=FrameworkVersion.objects.get(is_current=True),
        fieldwork_start=fieldwork,
        now=planned_at,
    )
    for key, role in (
        ("lead_inspector", TeamRole.LEAD_INSPECTOR),
        ("inspector", TeamRole.INSPECTOR),
    ):
        inspection_services.team_member_add(
            actor=programme, inspection=inspection, user=users[key], team_role=role, now=planned_at
        )
    notification = inspection.planned("notification")
    assert notification is not None
    assert notification <= today
    for step in ("notify", "request_information"):
        inspection = inspection_services.inspection_transition(
            actor=users["lead_inspector"],
            inspection=inspection,
            transition=step,
            now=timezone.make_aware(dt.datetime.combine(notification, dt.time(9))),
        )
    return inspection


def sample_rejection(inspection: Inspection) -> int:
    """A refused upload by the coordinator with more problems than a page shows."""
    coordinator = User.objects.get(email="leeds.coordinator@demo.jtai.example")
    rows = [[f"R{n:04d}", "", "White British", "01/01/2015", "", ""] for n in range(120)]
    result = upload(coordinator, inspection, csv_bytes(HEADINGS, rows), name="bad.csv")
    assert result.rejection is not None
    return result.rejection.pk


def url_kwargs(name: str, inspection: Inspection) -> dict[str, Any]:
    """The arguments of each children's cases URL, from the demo's Leeds inspection."""
    kwargs: dict[str, Any] = {"reference": inspection.reference}
    section = (
        AuditSection.objects.filter(
            audit__inspection=inspection,
            audit__status=AuditStatus.REQUESTED,
            agency__kind="police",
        )
        .order_by("id")
        .first()
    )
    assert section is not None
    chosen = SelectedChild.objects.filter(inspection=inspection)
    needs: dict[str, Any] = {
        "rejection_id": lambda: sample_rejection(inspection),
        "child_id": lambda: (
            ListedChild.objects.filter(inspection=inspection)
            .exclude(case_reference__in=chosen.values("case_reference"))
            .order_by("id")
            .first()
            .pk
        ),
        "selection_id": lambda: chosen.filter(stage=Stage.LONG_LIST).order_by("id").first().pk,
        "audit_id": lambda: section.audit_id,
        "section_id": lambda: section.pk,
    }
    wanted = {
        "cases:problems": ("rejection_id",),
        "cases:child": ("child_id",),
        "cases:long-list-add": ("child_id",),
        "cases:short-list": ("selection_id",),
        "cases:remove": ("selection_id",),
        "cases:audit": ("audit_id",),
        "cases:submit": ("audit_id",),
        "cases:section": ("audit_id", "section_id"),
    }.get(name, ())
    kwargs.update({key: needs[key]() for key in wanted})
    return kwargs
