"""Every write to information requests: sending the request, uploading documents,
reviewing what arrived. Downloads are logged by jtai.audit. Each checks the acting user, runs in one
transaction and refuses with a plain-English reason."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Collection, Sequence
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.files.storage import Storage, storages
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils import timezone

from jtai.core.refusals import MultiRefusal
from jtai.inspections.models import Inspection, Status
from jtai.inspections.services import InspectionError, inspection_transition

from .access import may_send, review_refusal, upload_refusal
from .clamd import ScannerUnavailable, configured_scan
from .filetypes import extension_of, refusal
from .models import Document, InformationItem, ItemStatus, ScanStatus
from .selectors import PlannedItem, planned_items
from .uploads import InspectedFile, clean_filename, inspect_file

if TYPE_CHECKING:
    from jtai.accounts.models import User

logger = logging.getLogger(__name__)

MAX_FILES_PER_UPLOAD = 20


class InformationError(MultiRefusal):
    """A refused change; ``messages`` say why (one per file for an upload)."""


def document_storage() -> Storage:
    return storages["documents"]


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"


# --- the request -------------------------------------------------------------------------


def request_items_create(
    *, inspection: Inspection, plan: Sequence[PlannedItem], now: dt.datetime
) -> list[InformationItem]:
    """Lay down an inspection's items from its plan. Only :func:`information_request_send`
    (and the demo, for an inspection it walked past that step) call this."""
    return InformationItem.objects.bulk_create(
        InformationItem(
            inspection=inspection,
            template=planned.template,
            position=position,
            title=planned.title,
            description=planned.description,
            agency=planned.agency,
            due_on=planned.due_on,
            requested_at=now,
        )
        for position, planned in enumerate(plan, start=1)
    )


@transaction.atomic
def information_request_send(
    *,
    actor: User,
    inspection: Inspection,
    template_ids: Collection[int] | None = None,
    now: dt.datetime | None = None,
) -> list[InformationItem]:
    """Send the information request: the chosen template items (all of them when
    ``template_ids`` is None) become the inspection's items, and the inspection moves to
    information gathering, together or not at all. A second send (a double-submitted
    form) is refused because the inspection has moved on."""
    now = now or timezone.now()
    locked = (
        Inspection.objects.select_for_update().select_related("area", "theme").get(pk=inspection.pk)
    )
    if locked.status != Status.NOTIFIED:
        if InformationItem.objects.filter(inspection=locked).exists():
            raise InformationError("The information request has already been sent.")
        raise InformationError(
            f"This inspection is {locked.get_status_display().lower()}: the information "
            "request goes to the area once it has been notified."
        )
    if not may_send(actor, locked):
        raise InformationError("Only the lead inspector can send the information request.")
    plan = planned_items(locked)
    if template_ids is not None:
        chosen = set(template_ids)
        unknown = chosen - {p.template.pk for p in plan if p.template is not None}
        if unknown:
            raise InformationError("Choose items from the list.", field="items")
        plan = [p for p in plan if p.template is not None and p.template.pk in chosen]
    if not plan:
        raise InformationError("Choose at least one item to ask for", field="items")
    items = request_items_create(inspection=locked, plan=plan, now=now)
    try:
        inspection_transition(
            actor=actor, inspection=locked, transition="request_information", now=now
        )
    except InspectionError as error:
        raise InformationError(error.message) from error
    return items


# --- documents ---------------------------------------------------------------------------


def _file_problems(files: Sequence[InspectedFile], limit: int) -> list[str]:
    problems: list[str] = []
    names = Counter(f.filename.casefold() for f in files)
    contents: dict[str, str] = {}
    for f in files:
        if f.size == 0:
            problems.append(f"{f.filename} is empty")
        elif f.size > limit:
            problems.append(f"{f.filename} must be {_megabytes(limit)} or smaller")
        elif f.scan is not None and f.scan.infected:
            problems.append(
                f"{f.filename} contains a virus ({f.scan.signature}) and has not been uploaded"
            )
        elif (reason := refusal(f.filename, f.identified)) is not None:
            problems.append(reason)
        if names[f.filename.casefold()] > 1:
            problems.append(
                f"You chose more than one file called {f.filename}: rename one, or upload "
                "them separately"
            )
            names[f.filename.casefold()] = 1  # say it once
        if f.sha256 in contents and f.size:
            problems.append(f"{contents[f.sha256]} and {f.filename} are the same file")
        contents.setdefault(f.sha256, f.filename)
    return problems


def _already_here(item: InformationItem, files: Sequence[InspectedFile]) -> list[str]:
    existing = {
        d.sha256: d
        for d in Document.objects.filter(
            item=item, sha256__in=[f.sha256 for f in files]
        ).select_related("uploaded_by")
    }
    return [
        f"{f.filename} has already been uploaded to this item: it is version {d.version} "
        f"of {d.filename}, uploaded by {d.uploaded_by.full_name} on "
        f"{timezone.localtime(d.uploaded_at):%-d %B %Y}"
        for f in files
        if (d := existing.get(f.sha256)) is not None
    ]


def _store(storage: Storage, name: str, upload: UploadedFile) -> bool:
    """Store ``upload`` under ``name`` (streamed in chunks by the storage); True if this
    call created the file. The name comes from the checksum, so a file already there
    has this very content and is shared rather than written twice."""
    if storage.exists(name):
        return False
    upload.seek(0)
    saved = storage.save(name, upload)
    if saved != name:  # another upload stored the same content a moment ago
        storage.delete(saved)
        return False
    return True


def _discard(storage: Storage, names: list[str]) -> None:
    for name in names:
        if Document.objects.filter(storage_name=name).exists():
            continue  # committed by another upload in the meantime: keep it
        try:
            storage.delete(name)
        except OSError:
            logger.exception("Could not remove %s after a failed upload.", name)


def documents_upload(
    *,
    actor: User,
    item: InformationItem,
    files: Sequence[UploadedFile],
    now: dt.datetime | None = None,
) -> list[Document]:
    """Upload ``files`` against ``item``: all of them or none. Each is checked (size,
    type from its content, duplicates, viruses when a scanner is configured), stored
    under a name made from its checksum, and recorded as the next version of its name.

    Not one big @transaction.atomic: reading and scanning files is slow, so it happens
    before the item is locked, and files already stored are removed if the transaction
    that records them rolls back."""
    refused = upload_refusal(actor, item)
    if refused:
        raise InformationError(refused)
    if not files:
        raise InformationError("Select at least one file to upload", field="documents")
    if len(files) > MAX_FILES_PER_UPLOAD:
        raise InformationError(
            f"Upload up to {MAX_FILES_PER_UPLOAD} files at a time", field="documents"
        )
    limit = settings.JTAI_MAX_UPLOAD_BYTES
    oversized = [f for f in files if f.size is not None and f.size > limit]
    if oversized:  # refused before reading: no need to checksum what cannot be kept
        raise InformationError(
            *(
                f"{clean_filename(f.name or '')} must be {_megabytes(limit)} or smaller"
                for f in oversized
            ),
            field="documents",
        )
    try:
        inspected = [inspect_file(f, scanner=configured_scan()) for f in files]
    except ScannerUnavailable as error:
        logger.error("Virus scan failed: %s", error)
        raise InformationError(
            "The files could not be checked for viruses just now, so nothing was uploaded. "
            "Try again in a few minutes.",
            field="documents",
        ) from error
    problems = _file_problems(inspected, limit)
    if problems:
        raise InformationError(*problems, field="documents")

    now = now or timezone.now()
    storage = document_storage()
    created: list[str] = []
    try:
        with transaction.atomic():
            # Lock the item: uploads to it happen one at a time, so versions and the
            # duplicate check cannot race.
            locked = (
                InformationItem.objects.select_for_update()
                .select_related("inspection", "agency")
                .get(pk=item.pk)
            )
            refused = upload_refusal(actor, locked)
            if refused:
                raise InformationError(refused)
            duplicates = _already_here(locked, inspected)
            if duplicates:
                raise InformationError(*duplicates, field="documents")
            documents = [_record(locked, f, actor, now, storage, created) for f in inspected]
            if locked.status != ItemStatus.SUBMITTED:
                locked.status = ItemStatus.SUBMITTED
            locked.submitted_at = now
            locked.save(update_fields=["status", "submitted_at"])
    except IntegrityError as error:
        _discard(storage, created)
        raise InformationError(
            "Someone uploaded to this item at the same moment. Nothing was uploaded: "
            "check the files below and try again.",
            field="documents",
        ) from error
    except BaseException:
        _discard(storage, created)
        raise
    return documents


def _record(
    item: InformationItem,
    inspected: InspectedFile,
    actor: User,
    now: dt.datetime,
    storage: Storage,
    created: list[str],
) -> Document:
    kind = inspected.identified.allowed
    if kind is None:  # refused files never get this far
        raise RuntimeError(f"{inspected.filename} was not checked before recording.")
    name = f"information/{item.inspection.reference}/{inspected.sha256}"
    if _store(storage, name, inspected.upload):
        created.append(name)
    latest = (
        Document.objects.filter(item=item, filename=inspected.filename)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return Document.objects.create(
        item=item,
        filename=inspected.filename,
        version=(latest or 0) + 1,
        file_kind=kind.key,
        content_type=kind.content_type_for(extension_of(inspected.filename)),
        size=inspected.size,
        sha256=inspected.sha256,
        storage_name=name,
        scan_status=ScanStatus.NOT_SCANNED if inspected.scan is None else ScanStatus.CLEAN,
        uploaded_by=actor,
        uploaded_at=now,
    )


# --- review and downloads ----------------------------------------------------------------


@transaction.atomic
def item_review(
    *,
    actor: User,
    item: InformationItem,
    accept: bool,
    note: str = "",
    now: dt.datetime | None = None,
) -> InformationItem:
    """An inspector accepts what arrived for an item, or returns it saying what is
    missing (the agency then uploads more)."""
    locked = (
        InformationItem.objects.select_for_update()
        .select_related("inspection", "agency")
        .get(pk=item.pk)
    )
    refused = review_refusal(actor, locked)
    if refused:
        raise InformationError(refused)
    if not accept and not note.strip():
        raise InformationError("Enter what is missing or needs to change", field="note")
    locked.status = ItemStatus.ACCEPTED if accept else ItemStatus.RETURNED
    locked.review_note = "" if accept else note.strip()
    locked.reviewed_at = now or timezone.now()
    locked.reviewed_by = actor
    locked.save(update_fields=["status", "review_note", "reviewed_at", "reviewed_by"])
    return locked
