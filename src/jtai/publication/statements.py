"""After publication: the principal authority's written statement of action, uploaded by
the area's coordinator (checked and stored the way the information request's documents
are), and the area's action plan.

The statement's type is judged from its content (a PDF or a Word document), its size
against ``JTAI_MAX_UPLOAD_BYTES``; a PDF must also open. Receiving it records the
inspection's ``receive_action_plan`` step in the same transaction, and the file stored
for a refused or rolled-back upload is removed again."""

from __future__ import annotations

import datetime as dt
import logging
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import Storage
from django.db import transaction
from django.utils import timezone
from pypdf import PdfReader
from pypdf.errors import PyPdfError

from jtai.accounts.roles import Role
from jtai.information.clamd import ScannerUnavailable, configured_scan
from jtai.information.filetypes import extension_of, refusal
from jtai.information.services import document_storage
from jtai.information.uploads import InspectedFile, clean_filename, inspect_file
from jtai.inspections.lifecycle import TRANSITIONS
from jtai.inspections.models import Status
from jtai.inspections.services import InspectionError, inspection_transition, may_make

from .models import ActionPlanItem, ActionStatus, Report, WrittenStatement
from .services import PublicationError
from .wording import moment

if TYPE_CHECKING:
    from django.core.files.uploadedfile import UploadedFile

    from jtai.accounts.models import User
    from jtai.areas.models import Agency

logger = logging.getLogger(__name__)

STATEMENT_KINDS = frozenset({"pdf", "docx"})
RECEIVE = TRANSITIONS["receive_action_plan"]


def statement_refusal(actor: User, report: Report) -> str | None:
    """Why ``actor`` may not upload the written statement for ``report`` now, or None."""
    inspection = report.inspection
    if inspection is None:
        return "Only an inspection's report has a written statement of action."
    if not may_make(actor, inspection, RECEIVE):
        return "Only the area's partnership coordinator can send the written statement."
    received = WrittenStatement.objects.filter(report_id=report.pk).first()
    if received is not None:
        return (
            f"The written statement of action was already received on "
            f"{moment(received.uploaded_at)} ({received.filename})."
        )
    if inspection.status != Status.PUBLISHED:
        return (
            f"This inspection is {inspection.get_status_display().lower()}: the written "
            "statement of action is sent once the report has been published."
        )
    return None


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


def _check(inspected: InspectedFile, limit: int) -> str | None:
    name = inspected.filename
    if inspected.size == 0:
        return f"{name} is empty"
    if inspected.size > limit:
        return f"{name} must be {_megabytes(limit)} or smaller"
    if inspected.scan is not None and inspected.scan.infected:
        return f"{name} contains a virus ({inspected.scan.signature}) and has not been uploaded"
    reason = refusal(name, inspected.identified)
    if reason is not None:
        return reason
    kind = inspected.identified.allowed
    if kind is None or kind.key not in STATEMENT_KINDS:
        described = kind.described if kind else "not a document"
        return f"{name} is {described}: the written statement must be a PDF or a Word document"
    if kind.key == "pdf":
        try:
            inspected.upload.seek(0)
            if not PdfReader(inspected.upload).pages:
                return f"{name} is a PDF with no pages"
        except (PyPdfError, ValueError, OSError):
            return f"{name} is damaged and cannot be opened: save it again and upload it"
        finally:
            inspected.upload.seek(0)
    return None


def _store(storage: Storage, name: str, upload: UploadedFile) -> bool:
    if storage.exists(name):
        return False
    upload.seek(0)
    saved = storage.save(name, upload)
    if saved != name:
        storage.delete(saved)
        return False
    return True


def statement_upload(
    *, actor: User, report: Report, upload: UploadedFile | None, now: dt.datetime | None = None
) -> WrittenStatement:
    """Receive the written statement of action: check the file, store it, record it and
    move the inspection to "action plan received", all or nothing."""
    refused = statement_refusal(actor, report)
    if refused:
        raise PublicationError(refused)
    if upload is None:
        raise PublicationError("Select the written statement to upload", field="document")
    limit = settings.JTAI_MAX_UPLOAD_BYTES
    if upload.size is not None and upload.size > limit:
        raise PublicationError(
            f"{clean_filename(upload.name or '')} must be {_megabytes(limit)} or smaller",
            field="document",
        )
    try:
        inspected = inspect_file(upload, scanner=configured_scan())
    except ScannerUnavailable as error:
        logger.error("Virus scan failed: %s", error)
        raise PublicationError(
            "The file could not be checked for viruses just now, so it was not uploaded. "
            "Try again in a few minutes.",
            field="document",
        ) from error
    problem = _check(inspected, limit)
    if problem:
        raise PublicationError(problem, field="document")
    kind = inspected.identified.allowed
    assert kind is not None  # noqa: S101 - _check refused anything else
    now = now or timezone.now()
    storage = document_storage()
    name = f"statements/{report.slug}/{inspected.sha256}"
    created = _store(storage, name, inspected.upload)
    try:
        with transaction.atomic():
            locked = (
                Report.objects.select_for_update(of=("self",))
                .select_related("inspection", "inspection__area")
                .get(pk=report.pk)
            )
            refused = statement_refusal(actor, locked)
            if refused:
                raise PublicationError(refused)
            statement = WrittenStatement.objects.create(
                report=locked,
                filename=inspected.filename,
                file_kind=kind.key,
                content_type=kind.content_type_for(extension_of(inspected.filename)),
                size=inspected.size,
                sha256=inspected.sha256,
                storage_name=name,
                scan_status="not_scanned" if inspected.scan is None else "clean",
                uploaded_by=actor,
                uploaded_at=now,
            )
            assert locked.inspection is not None  # noqa: S101 - checked by the refusal
            try:
                inspection_transition(
                    actor=actor,
                    inspection=locked.inspection,
                    transition="receive_action_plan",
                    now=now,
                )
            except InspectionError as error:
                raise PublicationError(error.message) from error
    except BaseException:
        if created and not WrittenStatement.objects.filter(storage_name=name).exists():
            storage.delete(name)
        raise
    return statement


# --- the action plan ---------------------------------------------------------------------


def _plan_refusal(actor: User, report: Report, now: dt.datetime) -> str | None:
    inspection = report.inspection
    if inspection is None or actor.role != Role.PARTNERSHIP_COORDINATOR:
        return "Only the area's partnership coordinator can change the action plan."
    if actor.area_id != inspection.area_id:
        return "Only the area's partnership coordinator can change the action plan."
    if not report.is_public_at(now):
        return "The action plan starts once the report has been published."
    return None


def _check_item(report: Report, action: str, agency: Agency, due_on: dt.date) -> str:
    action = " ".join(action.split())
    if not action:
        raise PublicationError("Enter the action", field="action")
    if len(action) > 500:
        raise PublicationError("The action must be 500 characters or fewer", field="action")
    if report.inspection is None or agency.area_id != report.inspection.area_id:
        raise PublicationError("Choose one of the area's agencies", field="agency")
    published = timezone.localdate(report.publish_at)
    if due_on < published:
        raise PublicationError(
            "The due date must be on or after the report's publication", field="due_on"
        )
    return action


@transaction.atomic
def action_add(
    *,
    actor: User,
    report: Report,
    action: str,
    agency: Agency,
    due_on: dt.date,
    now: dt.datetime | None = None,
) -> ActionPlanItem:
    now = now or timezone.now()
    refused = _plan_refusal(actor, report, now)
    if refused:
        raise PublicationError(refused)
    text = _check_item(report, action, agency, due_on)
    return ActionPlanItem.objects.create(
        report=report,
        action=text,
        agency=agency,
        due_on=due_on,
        updated_at=now,
        updated_by=actor,
    )


@transaction.atomic
def action_update(
    *,
    actor: User,
    item: ActionPlanItem,
    version: int,
    action: str,
    agency: Agency,
    due_on: dt.date,
    status: str,
    now: dt.datetime | None = None,
) -> ActionPlanItem:
    """Change an action; refused if someone else saved it since ``version`` was read."""
    locked = (
        ActionPlanItem.objects.select_for_update(of=("self",))
        .select_related("report", "report__inspection", "updated_by")
        .get(pk=item.pk)
    )
    now = now or timezone.now()
    refused = _plan_refusal(actor, locked.report, now)
    if refused:
        raise PublicationError(refused)
    if locked.version != version:
        raise PublicationError(
            f"{locked.updated_by.full_name} changed this action at "
            f"{moment(locked.updated_at)}, after you opened it. Your changes have not been "
            "saved: check the action as it is now and make them again."
        )
    if status not in ActionStatus.values:
        raise PublicationError("Choose the action's status", field="status")
    locked.action = _check_item(locked.report, action, agency, due_on)
    locked.agency = agency
    locked.due_on = due_on
    locked.status = status
    locked.version += 1
    locked.updated_at = now
    locked.updated_by = actor
    locked.save()
    return locked
