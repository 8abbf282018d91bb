"""Children's case lists, the inspectors' choice of children, and the multi-agency audits
of the children chosen: weeks 1 and 2 of an inspection.

No model holds a child's name or full date of birth (see validation.py): a child is the
area's own case reference and the characteristics the inspectors choose by.
"""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from jtai.areas.models import AgencyKind

from .columns import COLUMN_BY_KEY, DATE_KEYS
from .values import AGE_BANDS, AGENCIES, DISABILITY, ETHNICITIES, GENDERS, age_band
from .values import STATUSES as STATUS_LABELS

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class ListKind(models.TextChoices):
    """Which of the inspection's lists a file is: the shapes of Annex A's child-level lists."""

    THEME = "theme", "Children identified with the theme's risk"
    CONTACTS = "contacts", "Contacts"
    EARLY_HELP = "early_help", "Early help"
    REFERRALS = "referrals", "Referrals"
    ASSESSMENTS = "assessments", "Assessments"
    SECTION_47 = "section_47", "Section 47 enquiries and initial child protection conferences"
    CHILD_IN_NEED = "child_in_need", "Children in need"
    CHILD_PROTECTION = "child_protection", "Children with a child protection plan"
    LOOKED_AFTER = "looked_after", "Children in care"


# A child on one of these lists has the status even where the file has no status column.
IMPLIED_STATUS: dict[str, str] = {
    ListKind.EARLY_HELP: "early_help",
    ListKind.CHILD_IN_NEED: "child_in_need",
    ListKind.CHILD_PROTECTION: "child_protection",
    ListKind.LOOKED_AFTER: "looked_after",
}


class CaseList(models.Model):
    """One uploaded list. Imported whole or not at all; the same file is refused twice."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="case_lists"
    )
    kind = models.CharField(max_length=20, choices=ListKind.choices)
    source_name = models.CharField(max_length=200)
    file_format = models.CharField(max_length=4)
    sha256 = models.CharField(max_length=64)
    row_count = models.PositiveIntegerField()
    ignored_columns = models.JSONField(default=list, blank=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    # The uploader's agency: an agency contact sees only its own agency's lists.
    agency = models.ForeignKey(
        "areas.Agency", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    uploaded_at = models.DateTimeField()

    class Meta:
        ordering = ("inspection", "uploaded_at", "id")
        constraints = [
            models.UniqueConstraint(fields=("inspection", "sha256"), name="one_upload_per_file")
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.source_name})"


def codes_field(max_length: int) -> models.CharField[str, str]:
    """Several codes in one column as ',police,health,': filtered with a portable
    `contains` on ',police,' (SQLite has no JSON containment lookup)."""
    return models.CharField(max_length=max_length, blank=True, default="")


def pack(codes: tuple[str, ...] | list[str]) -> str:
    return f",{','.join(codes)}," if codes else ""


def unpack(packed: str) -> list[str]:
    return [code for code in packed.split(",") if code]


class ListedChild(models.Model):
    """A child as one list shows them. The same child (case reference) may be on several
    of an inspection's lists; choosing them chooses the child, not the row."""

    case_list = models.ForeignKey(CaseList, on_delete=models.CASCADE, related_name="children")
    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="+"
    )
    row_number = models.PositiveIntegerField()
    case_reference = models.CharField(max_length=40)
    gender = models.CharField(max_length=8, choices=list(GENDERS.items()))
    ethnicity = models.CharField(max_length=4, choices=list(ETHNICITIES.items()))
    ethnic_group = models.CharField(max_length=8)
    age_years = models.PositiveSmallIntegerField(null=True, blank=True)
    is_unborn = models.BooleanField(default=False)
    birth_year = models.PositiveSmallIntegerField(null=True, blank=True)
    birth_month = models.PositiveSmallIntegerField(null=True, blank=True)
    disability = models.CharField(max_length=8, choices=list(DISABILITY.items()))
    referral_date = models.DateField(null=True, blank=True)
    assessment_date = models.DateField(null=True, blank=True)
    strategy_date = models.DateField(null=True, blank=True)
    s47_date = models.DateField(null=True, blank=True)
    icpc_date = models.DateField(null=True, blank=True)
    plan_start_date = models.DateField(null=True, blank=True)
    looked_after_date = models.DateField(null=True, blank=True)
    allocated_team = models.CharField(max_length=120, blank=True)
    agency_codes = codes_field(120)
    status_codes = codes_field(80)

    class Meta:
        ordering = ("case_list", "row_number")
        indexes = [
            models.Index(fields=("inspection", "case_reference")),
            models.Index(fields=("inspection", "age_years")),
        ]

    def __str__(self) -> str:
        return self.case_reference

    @property
    def age_band(self) -> str:
        return age_band(self.age_years, self.is_unborn)

    @property
    def age_label(self) -> str:
        if self.is_unborn:
            return "Unborn"
        return "" if self.age_years is None else str(self.age_years)

    @property
    def agencies(self) -> list[str]:
        return unpack(self.agency_codes)

    @property
    def statuses(self) -> list[str]:
        return unpack(self.status_codes)

    @property
    def agency_labels(self) -> list[str]:
        return [AGENCIES[code] for code in self.agencies if code in AGENCIES]

    @property
    def status_labels(self) -> list[str]:
        return [STATUS_LABELS[code] for code in self.statuses if code in STATUS_LABELS]

    @property
    def ethnicity_label(self) -> str:
        return ETHNICITIES.get(self.ethnicity, self.ethnicity)

    def key_dates(self) -> list[tuple[str, dt.date]]:
        return [
            (COLUMN_BY_KEY[key].label, day)
            for key in DATE_KEYS
            if (day := getattr(self, key)) is not None
        ]


AGE_BAND_CHOICES = [(key, label) for key, (label, _, _) in AGE_BANDS.items()]


class Stage(models.TextChoices):
    LONG_LIST = "long", "Long list"
    SHORT_LIST = "short", "Short list"


class Purpose(models.TextChoices):
    LOCAL_AUDIT = "local_audit", "Local multi-agency audit"
    CASE_TRACKING = "case_tracking", "Case tracking on site"
    CASE_SAMPLING = "case_sampling", "Case sampling on site"


class SelectedChild(models.Model):
    """A child the inspectors chose, with why: on the long list, then perhaps promoted to
    the short list for a purpose."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="selected_children"
    )
    child = models.ForeignKey(ListedChild, on_delete=models.PROTECT, related_name="+")
    case_reference = models.CharField(max_length=40)
    stage = models.CharField(max_length=8, choices=Stage.choices, default=Stage.LONG_LIST)
    purpose = models.CharField(max_length=16, choices=Purpose.choices, blank=True)
    long_list_reason = models.TextField()
    short_list_reason = models.TextField(blank=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    added_at = models.DateTimeField()
    promoted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    promoted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("inspection", "added_at", "id")
        constraints = [
            models.UniqueConstraint(
                fields=("inspection", "case_reference"), name="choose_a_child_once"
            ),
            models.CheckConstraint(
                name="short_list_has_purpose_and_reason",
                condition=Q(stage=Stage.LONG_LIST, purpose="")
                | (Q(stage=Stage.SHORT_LIST) & ~Q(purpose="") & ~Q(short_list_reason="")),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case_reference} ({self.get_stage_display().lower()})"


class AuditRequest(models.Model):
    """The inspectors asked the area to audit the short-listed children: once, with any
    warnings they accepted when they did."""

    inspection = models.OneToOneField(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="audit_request"
    )
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    requested_at = models.DateTimeField()
    warnings = models.JSONField(default=list, blank=True)

    def __str__(self) -> str:
        return f"Audits requested for {self.inspection}"


class AuditTemplate(models.Model):
    """The questions of a theme's multi-agency audit; the one with no theme is used for
    themes that have none of their own."""

    theme = models.OneToOneField(
        "programme.Theme", on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    title = models.CharField(max_length=200)
    introduction = models.TextField(blank=True)

    if TYPE_CHECKING:
        questions: RelatedManager[AuditQuestion]

    class Meta:
        ordering = ("title",)

    def __str__(self) -> str:
        return self.title


class AuditQuestion(models.Model):
    template = models.ForeignKey(AuditTemplate, on_delete=models.CASCADE, related_name="questions")
    # Blank: asked of every agency; otherwise only of agencies of this kind.
    agency_kind = models.CharField(max_length=20, blank=True, choices=AgencyKind.choices)
    key = models.SlugField(max_length=40)
    text = models.CharField(max_length=300)
    hint = models.CharField(max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ("template", "order", "id")
        constraints = [
            models.UniqueConstraint(fields=("template", "key"), name="question_key_once"),
        ]

    def __str__(self) -> str:
        return self.text


class AuditStatus(models.TextChoices):
    REQUESTED = "requested", "With the area"
    SUBMITTED = "submitted", "Submitted to the inspectors"


class SectionStatus(models.TextChoices):
    NOT_STARTED = "not_started", "Not started"
    IN_PROGRESS = "in_progress", "In progress"
    COMPLETED = "completed", "Completed"


class Audit(models.Model):
    """The multi-agency audit of one short-listed child: a section for each agency
    involved, reviewed and submitted to the inspectors by the partnership coordinator."""

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="audits"
    )
    selection = models.OneToOneField(SelectedChild, on_delete=models.CASCADE, related_name="audit")
    title = models.CharField(max_length=200)
    status = models.CharField(
        max_length=12, choices=AuditStatus.choices, default=AuditStatus.REQUESTED
    )
    due_on = models.DateField(null=True, blank=True)
    summary = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField()

    if TYPE_CHECKING:
        sections: RelatedManager[AuditSection]

    class Meta:
        ordering = ("inspection", "selection__case_reference")

    def __str__(self) -> str:
        return f"Audit of {self.selection.case_reference}"

    @property
    def is_submitted(self) -> bool:
        return self.status == AuditStatus.SUBMITTED

    def is_late(self, today: dt.date) -> bool:
        return not self.is_submitted and self.due_on is not None and today > self.due_on


class AuditSection(models.Model):
    """One agency's part of an audit. Its questions are copied from the template when the
    audit is requested, so a template edited later never changes an audit under way.
    ``version`` goes up with every save: a save made from an older version is refused."""

    audit = models.ForeignKey(Audit, on_delete=models.CASCADE, related_name="sections")
    agency = models.ForeignKey("areas.Agency", on_delete=models.PROTECT, related_name="+")
    status = models.CharField(
        max_length=12, choices=SectionStatus.choices, default=SectionStatus.NOT_STARTED
    )
    questions: models.JSONField[Any, Any] = models.JSONField(default=list)
    answers: models.JSONField[Any, Any] = models.JSONField(default=dict, blank=True)
    version = models.PositiveIntegerField(default=1)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    updated_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ("audit", "agency__kind")
        constraints = [
            models.UniqueConstraint(fields=("audit", "agency"), name="one_section_per_agency"),
        ]

    def __str__(self) -> str:
        return f"{self.agency} section of {self.audit}"

    @property
    def is_completed(self) -> bool:
        return self.status == SectionStatus.COMPLETED

    def is_late(self, today: dt.date) -> bool:
        return not self.is_completed and self.audit.is_late(today)

    def completed_late(self) -> bool:
        due = self.audit.due_on
        return bool(self.completed_at and due and self.completed_at.date() > due)

    def answered(self) -> list[tuple[dict[str, str], str]]:
        return [(q, str(self.answers.get(q["key"], ""))) for q in self.questions]


class RejectedUpload(models.Model):
    """A list that was refused, kept only so its uploader can download every problem as
    CSV. Kept for a short time (RETENTION_DAYS): the problems quote cell values."""

    RETENTION_DAYS = 14

    inspection = models.ForeignKey(
        "inspections.Inspection", on_delete=models.CASCADE, related_name="+"
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField()
    source_name = models.CharField(max_length=200)
    problem_count = models.PositiveIntegerField()
    problems_csv = models.BinaryField(help_text="The problems as gzip-compressed CSV.")

    class Meta:
        ordering = ("-created_at",)

    def __str__(self) -> str:
        return f"{self.source_name}: {self.problem_count} problems"
