"""Uploading a children's case list: validated in full, imported whole or not at all.

Validation runs before any transaction opens (on SQLite a write transaction locks the
database, and a large list takes a second or two to check); the import is then one
transaction, so a failure part-way leaves nothing behind and the same file can simply be
uploaded again. A file already imported for the inspection (same SHA-256) is refused.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
from dataclasses import dataclass, field
from itertools import islice
from typing import TYPE_CHECKING, Any

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from jtai.inspections.events import record_event
from jtai.inspections.models import EventKind, Inspection

from ..access import CaseError, may_upload
from ..columns import DATE_KEYS
from ..models import IMPLIED_STATUS, CaseList, ListedChild, ListKind, RejectedUpload, pack
from ..validation import CaseRecord, Problem, long_date, validate_case_list
from ..values import ETHNIC_GROUP_OF

if TYPE_CHECKING:
    from jtai.accounts.models import User

SHOWN_PROBLEMS = 100  # on the page; the rest are in the CSV download
BATCH_SIZE = 2000


@dataclass(frozen=True)
class UploadResult:
    case_list: CaseList | None = None
    problems: list[Problem] = field(default_factory=list)  # the first SHOWN_PROBLEMS
    problem_count: int = 0
    rejection: RejectedUpload | None = None  # kept when there are more than are shown

    @property
    def imported(self) -> bool:
        return self.case_list is not None


def checksum(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def notification_day(inspection: Inspection) -> dt.date:
    """The day ages are counted on: when the area was notified."""
    if inspection.notified_at is not None:
        return timezone.localdate(inspection.notified_at)
    return inspection.planned("notification") or timezone.localdate()


def _refuse_duplicate(inspection: Inspection, digest: str) -> None:
    earlier = (
        CaseList.objects.filter(inspection=inspection, sha256=digest)
        .select_related("uploaded_by")
        .first()
    )
    if earlier is not None:
        when = timezone.localtime(earlier.uploaded_at)
        raise CaseError(
            f"This file was already uploaded on {long_date(when.date())} by "
            f"{earlier.uploaded_by.full_name}, as '{earlier.source_name}' "
            f"({earlier.row_count:,} children). Nothing new was imported.",
            "file",
        )


def case_list_upload(
    *,
    actor: User,
    inspection: Inspection,
    data: bytes,
    source_name: str,
    kind: str,
    now: dt.datetime | None = None,
) -> UploadResult:
    """Check every row of a list and import it if, and only if, nothing is wrong."""
    if not may_upload(actor, inspection):
        raise CaseError(
            "Only the inspected area's coordinator and agency contacts can upload case "
            "lists, and only while the inspectors are gathering information."
        )
    if kind not in ListKind.values:
        raise CaseError("Choose which list this is", "kind")
    now = now or timezone.now()
    digest = checksum(data)
    _refuse_duplicate(inspection, digest)
    validation = validate_case_list(
        data,
        source_name,
        notified_on=notification_day(inspection),
        implied_status=IMPLIED_STATUS.get(kind),
    )
    if not validation.ok:
        return _reject(
            actor=actor,
            inspection=inspection,
            source_name=source_name,
            problems=validation.problems,
            problem_count=validation.problem_count,
            now=now,
        )
    try:
        case_list = _import(
            actor=actor,
            inspection=inspection,
            records=validation.records,
            source_name=source_name,
            kind=kind,
            digest=digest,
            file_format=validation.file_format,
            ignored=validation.ignored_columns,
            now=now,
        )
    except IntegrityError:
        # The same file, submitted twice at once: the other request imported it.
        _refuse_duplicate(inspection, digest)
        raise
    return UploadResult(case_list=case_list)


@transaction.atomic
def _import(
    *,
    actor: User,
    inspection: Inspection,
    records: list[CaseRecord],
    source_name: str,
    kind: str,
    digest: str,
    file_format: str,
    ignored: list[str],
    now: dt.datetime,
) -> CaseList:
    # One upload at a time per inspection (PostgreSQL); SQLite writers queue anyway.
    Inspection.objects.select_for_update().filter(pk=inspection.pk).first()
    _refuse_duplicate(inspection, digest)
    case_list = CaseList.objects.create(
        inspection=inspection,
        kind=kind,
        source_name=source_name[:200],
        file_format=file_format,
        sha256=digest,
        row_count=len(records),
        ignored_columns=ignored,
        uploaded_by=actor,
        agency=actor.agency,
        uploaded_at=now,
    )
    _insert_children(case_list, records)
    record_event(
        occurred_at=now,
        inspection=inspection,
        kind=EventKind.CASE_LIST_UPLOADED,
        actor=actor,
        summary=(
            f"Case list uploaded: {case_list.get_kind_display().lower()}, {len(records):,} children"
        ),
        data={"case_list": case_list.pk, "children": len(records)},
    )
    return case_list


# The children are inserted with executemany rather than bulk_create. bulk_create spends
# most of a 50,000-row import preparing values field by field (over a million calls) and
# sends SQLite 45 rows a statement; these values are already the plain types the database
# drivers adapt (text, integers, booleans, dates), so they go straight in, named by the
# model's own table and columns, a batch at a time, in the import's transaction.
_COLUMNS = [f for f in ListedChild._meta.concrete_fields if not f.primary_key]


def _row(case_list: CaseList, record: CaseRecord) -> dict[str, Any]:
    return {
        "case_list_id": case_list.pk,
        "inspection_id": case_list.inspection_id,
        "row_number": record.row_number,
        "case_reference": record.case_reference,
        "gender": record.gender,
        "ethnicity": record.ethnicity,
        "ethnic_group": ETHNIC_GROUP_OF[record.ethnicity],
        "age_years": record.age_years,
        "is_unborn": record.unborn,
        "birth_year": record.birth_year,
        "birth_month": record.birth_month,
        "disability": record.disability,
        "allocated_team": record.allocated_team,
        "agency_codes": pack(record.agencies),
        "status_codes": pack(record.statuses),
        **dict(zip(DATE_KEYS, record.dates, strict=True)),
    }


def _insert_children(case_list: CaseList, records: list[CaseRecord]) -> None:
    quote = connection.ops.quote_name
    # Names from the model's own metadata, quoted; every value is a parameter.
    sql = (
        f"INSERT INTO {quote(ListedChild._meta.db_table)} "  # noqa: S608
        f"({', '.join(quote(f.column) for f in _COLUMNS)}) "
        f"VALUES ({', '.join(['%s'] * len(_COLUMNS))})"
    )
    attnames = [f.attname for f in _COLUMNS]
    rows = (tuple(map(_row(case_list, r).__getitem__, attnames)) for r in records)
    with connection.cursor() as cursor:
        while batch := list(islice(rows, BATCH_SIZE)):
            cursor.executemany(sql, batch)


def problems_csv(problems: list[Problem], problem_count: int) -> bytes:
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(("Row", "Column", "Problem"))
    writer.writerows((p.row or "", p.column, p.message) for p in problems)
    if problem_count > len(problems):
        writer.writerow(("", "", f"... and {problem_count - len(problems):,} more problems"))
    return ("\ufeff" + out.getvalue()).encode("utf-8")  # a BOM, so Excel reads it as UTF-8


@transaction.atomic
def _reject(
    *,
    actor: User,
    inspection: Inspection,
    source_name: str,
    problems: list[Problem],
    problem_count: int,
    now: dt.datetime,
) -> UploadResult:
    # Problems quote what the cells said: keep them only as long as someone may fix a file.
    RejectedUpload.objects.filter(
        created_at__lt=now - dt.timedelta(days=RejectedUpload.RETENTION_DAYS)
    ).delete()
    rejection = None
    if problem_count > SHOWN_PROBLEMS:
        rejection = RejectedUpload.objects.create(
            inspection=inspection,
            uploaded_by=actor,
            created_at=now,
            source_name=source_name[:200],
            problem_count=problem_count,
            problems_csv=gzip.compress(problems_csv(problems, problem_count)),
        )
    return UploadResult(
        problems=problems[:SHOWN_PROBLEMS], problem_count=problem_count, rejection=rejection
    )
