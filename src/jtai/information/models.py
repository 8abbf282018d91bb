"""The information request (Annex A) and the documents agencies send in answer.

An inspection's request is a list of items, each owned by one of the area's agencies and
due a number of working days after notification. Agencies upload documents against their
items; a document is never changed or overwritten: a new upload with the same name is the
next version. Every download is logged in the access log (jtai.audit).
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings
from django.db import models
from django.utils import timezone

from jtai.areas.models import AgencyKind

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class RequestTemplateItem(models.Model):
    """One line of the Annex A information request an administrator keeps for a theme
    (or, with no theme, for every inspection). Sending a request copies these lines onto
    the inspection, so editing the template never changes a request already sent."""

    theme = models.ForeignKey(
        "programme.Theme",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="request_template_items",
        help_text="Leave empty for an item every inspection asks for.",
    )
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    agency_kind = models.CharField(
        "owning agency",
        max_length=20,
        choices=AgencyKind.choices,
        default=AgencyKind.LOCAL_AUTHORITY,
    )
    due_working_days = models.PositiveSmallIntegerField(
        "due (working days after notification)",
        help_text="0 is the notification day itself, 1 the next working day.",
    )
    position = models.PositiveSmallIntegerField(default=0, help_text="Lower comes first.")
    is_active = models.BooleanField(default=True, help_text="Asked for in new requests.")

    class Meta:
        ordering = ("position", "id")
        verbose_name = "information request template item"

    def __str__(self) -> str:
        return self.title


class ItemStatus(models.TextChoices):
    REQUESTED = "requested", "Requested"
    SUBMITTED = "submitted", "Submitted"
    ACCEPTED = "accepted", "Accepted"
    RETURNED = "returned", "Returned for more"


# The area still owes something for an item in these statuses ("late" once past due).
OUTSTANDING_STATUSES = frozenset({ItemStatus.REQUESTED, ItemStatus.RETURNED})
# Documents have arrived and wait for (or have had) an inspector's look.
RECEIVED_STATUSES = frozenset({ItemStatus.SUBMITTED, ItemStatus.ACCEPTED})


class InformationItem(models.Model):
    """One thing the inspectors asked an agency for."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="information_items"
    )
    template = models.ForeignKey(
        RequestTemplateItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text="The template line it was copied from.",
    )
    position = models.PositiveSmallIntegerField()
    title = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    agency = models.ForeignKey(
        "areas.Agency", on_delete=models.PROTECT, related_name="information_items"
    )
    due_on = models.DateField()
    status = models.CharField(
        max_length=12, choices=ItemStatus.choices, default=ItemStatus.REQUESTED
    )
    requested_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    review_note = models.TextField(blank=True, help_text="Why it was returned.")

    if TYPE_CHECKING:
        documents: RelatedManager[Document]

    class Meta:
        ordering = ("inspection", "position")
        indexes = [models.Index(fields=("inspection", "agency"))]
        constraints = [
            models.UniqueConstraint(
                fields=("inspection", "position"), name="unique_information_item_position"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_outstanding(self) -> bool:
        return self.status in OUTSTANDING_STATUSES

    def is_late_on(self, today: dt.date) -> bool:
        return self.is_outstanding and self.due_on < today

    @property
    def is_late(self) -> bool:
        return self.is_late_on(timezone.localdate())


class ScanStatus(models.TextChoices):
    NOT_SCANNED = "not_scanned", "Not scanned"
    CLEAN = "clean", "Scanned: no virus found"
    # No INFECTED: a file the scanner flags is refused and never stored.


class FileKind(models.TextChoices):
    """What a document is, as its content (not its name) says: the keys of
    :data:`jtai.information.filetypes.ALLOWED_TYPES`."""

    PDF = "pdf", "PDF"
    DOCX = "docx", "Word document"
    XLSX = "xlsx", "Excel spreadsheet"
    PPTX = "pptx", "PowerPoint presentation"
    TEXT = "text", "CSV or text file"
    PNG = "png", "PNG image"
    JPEG = "jpeg", "JPEG image"


class Document(models.Model):
    """One uploaded file, exactly as it arrived. Documents are never edited or deleted
    through the service; uploading a file with the same name adds the next version."""

    item = models.ForeignKey(InformationItem, on_delete=models.PROTECT, related_name="documents")
    filename = models.CharField(max_length=255, help_text="The name it was uploaded with.")
    version = models.PositiveIntegerField()
    file_kind = models.CharField(max_length=8, choices=FileKind.choices)
    content_type = models.CharField(max_length=120)
    size = models.PositiveBigIntegerField(help_text="Bytes.")
    sha256 = models.CharField("SHA-256", max_length=64)
    # Generated by the service from the checksum, never from anything the user typed.
    storage_name = models.CharField(max_length=255)
    scan_status = models.CharField(max_length=12, choices=ScanStatus.choices)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="uploaded_documents"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ("item", "filename", "-version")
        constraints = [
            # The same content twice on one item is a double submission, never a version.
            models.UniqueConstraint(
                fields=("item", "sha256"), name="document_content_once_per_item"
            ),
            models.UniqueConstraint(
                fields=("item", "filename", "version"), name="unique_document_version"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.filename} (version {self.version})"
