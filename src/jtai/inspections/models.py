from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.db import models
from django.db.models import Q

from jtai.programme.models import InspectionType

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class Status(models.TextChoices):
    PLANNED = "planned", "Planned"
    NOTIFIED = "notified", "Notified"
    INFORMATION_GATHERING = "information_gathering", "Information gathering"
    FIELDWORK = "fieldwork", "Fieldwork"
    DRAFTING = "drafting", "Drafting"
    QUALITY_ASSURANCE = "quality_assurance", "Quality assurance"
    FACTUAL_ACCURACY = "factual_accuracy", "Factual accuracy check"
    FINALISED = "finalised", "Finalised (embargoed)"
    PUBLISHED = "published", "Published"
    ACTION_PLAN_RECEIVED = "action_plan_received", "Action plan received"
    CLOSED = "closed", "Closed"
    WITHDRAWN = "withdrawn", "Withdrawn"


# The main line of the lifecycle, in order; WITHDRAWN stands beside it.
STATUS_ORDER: tuple[str, ...] = (
    Status.PLANNED,
    Status.NOTIFIED,
    Status.INFORMATION_GATHERING,
    Status.FIELDWORK,
    Status.DRAFTING,
    Status.QUALITY_ASSURANCE,
    Status.FACTUAL_ACCURACY,
    Status.FINALISED,
    Status.PUBLISHED,
    Status.ACTION_PLAN_RECEIVED,
    Status.CLOSED,
)
TERMINAL_STATUSES = frozenset({Status.CLOSED, Status.WITHDRAWN})
ACTIVE_STATUSES = frozenset(set(Status) - TERMINAL_STATUSES)


class TeamRole(models.TextChoices):
    LEAD_INSPECTOR = "lead_inspector", "Lead inspector"
    INSPECTOR = "inspector", "Inspector"
    QA_MANAGER = "qa_manager", "Quality assurance manager"


class Inspection(models.Model):
    """The aggregate at the heart of the service: one JTAI of one area."""

    reference = models.CharField(max_length=32, unique=True)
    area = models.ForeignKey("areas.Area", on_delete=models.PROTECT, related_name="inspections")
    inspection_type = models.CharField(max_length=16, choices=InspectionType.choices)
    theme = models.ForeignKey(
        "programme.Theme", on_delete=models.PROTECT, related_name="inspections"
    )
    framework = models.ForeignKey(
        "programme.FrameworkVersion", on_delete=models.PROTECT, related_name="inspections"
    )
    programme_year = models.ForeignKey(
        "programme.ProgrammeYear",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="inspections",
    )
    inspectorates = models.ManyToManyField("accounts.Inspectorate", related_name="inspections")
    status = models.CharField(max_length=24, choices=Status.choices, default=Status.PLANNED)
    fieldwork_start = models.DateField()
    # Key dates by their stable names (see jtai.timelines), as ISO strings: the plan from
    # the framework, and what actually happened.
    planned_dates = models.JSONField(default=dict)
    actual_dates = models.JSONField(default=dict)
    timeline_warnings = models.JSONField(default=list)
    notified_at = models.DateTimeField(null=True, blank=True)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    if TYPE_CHECKING:
        team_members: RelatedManager[TeamMember]
        events: RelatedManager[InspectionEvent]

    class Meta:
        ordering = ("fieldwork_start", "reference")
        indexes = [
            models.Index(fields=("status", "fieldwork_start")),
            models.Index(fields=("area", "notified_at")),
        ]
        constraints = [
            models.CheckConstraint(
                name="notified_inspection_has_notification_time",
                condition=Q(status__in=[Status.PLANNED])
                | Q(notified_at__isnull=False)
                | Q(status=Status.WITHDRAWN),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.reference}: {self.area}"

    def planned(self, name: str) -> dt.date | None:
        value = self.planned_dates.get(name)
        return dt.date.fromisoformat(value) if value else None

    def actual(self, name: str) -> dt.date | None:
        value = self.actual_dates.get(name)
        return dt.date.fromisoformat(value) if value else None

    @property
    def is_terminal(self) -> bool:
        return self.status in TERMINAL_STATUSES


class TeamMember(models.Model):
    """A person on an inspection's team; the membership that scopes what they see."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.CASCADE, related_name="team_members"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="team_memberships"
    )
    team_role = models.CharField(max_length=16, choices=TeamRole.choices)
    subgroup = models.CharField(max_length=60, blank=True)

    class Meta:
        ordering = ("inspection", "team_role", "user__full_name")
        constraints = [
            models.UniqueConstraint(
                fields=("inspection", "user"), name="one_membership_per_person"
            ),
            models.UniqueConstraint(
                fields=("inspection",),
                condition=Q(team_role=TeamRole.LEAD_INSPECTOR),
                name="one_lead_inspector",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_team_role_display()})"


class EventKind(models.TextChoices):
    CREATED = "created", "Inspection planned"
    RESCHEDULED = "rescheduled", "Fieldwork rescheduled"
    TEAM_CHANGED = "team_changed", "Team changed"
    TRANSITION = "transition", "Status changed"
    REMINDER_SENT = "reminder_sent", "Reminder sent"
    NOTIFICATION_SENT = "notification_sent", "Notification emailed to the area"
    # Children's cases (jtai.cases): week 1 and 2 of the inspection.
    CASE_LIST_UPLOADED = "case_list_uploaded", "Children's case list uploaded"
    CASES_SELECTED = "cases_selected", "Children chosen for multi-agency audit"
    AUDIT_SUBMITTED = "audit_submitted", "Multi-agency audit submitted"
    # The findings letter (jtai.reports): drafting, quality assurance, factual accuracy.
    LETTER_STARTED = "letter_started", "Findings letter started"
    LETTER_SIGNED_OFF = "letter_signed_off", "Draft letter signed off"
    SIGN_OFF_WITHDRAWN = "sign_off_withdrawn", "Sign-off withdrawn by an edit"
    ACCURACY_SUBMITTED = "accuracy_submitted", "Factual accuracy comments submitted"
    ACCURACY_EXTENDED = "accuracy_extended", "Factual accuracy deadline extended"
    ACCURACY_ANSWERED = "accuracy_answered", "Factual accuracy comment answered"


class InspectionEvent(models.Model):
    """One thing that happened to an inspection. Rows are only ever added, so together
    they are the inspection's complete, ordered history."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="events")
    kind = models.CharField(max_length=20, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        help_text="Empty when the service itself acted (a scheduled job).",
    )
    occurred_at = models.DateTimeField()
    from_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    to_status = models.CharField(max_length=24, choices=Status.choices, blank=True)
    summary = models.CharField(max_length=300)
    reason = models.TextField(blank=True)
    data: models.JSONField[Any, Any] = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ("occurred_at", "id")

    def __str__(self) -> str:
        return self.summary


class Reminder(models.Model):
    """A reminder email about a key date. The unique constraint makes sending idempotent:
    a retried or concurrent run finds the row and does not send again."""

    inspection = models.ForeignKey(Inspection, on_delete=models.CASCADE, related_name="reminders")
    key_date = models.CharField(max_length=40)
    due_on = models.DateField()
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=("inspection", "key_date", "due_on", "recipient"), name="one_reminder_each"
            )
        ]

    def __str__(self) -> str:
        return f"Reminder of {self.key_date} for {self.inspection}"
