from __future__ import annotations

import datetime as dt
import functools
import json
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MinValueValidator
from django.db import models

from jtai.areas.models import Region
from jtai.timelines import FrameworkRules, FrameworkRulesError, rules_from_dict

if TYPE_CHECKING:
    from django.db.models.fields.related_descriptors import RelatedManager


class InspectionType(models.TextChoices):
    FRONT_DOOR = "front-door", "Front door"
    THEMATIC = "thematic", "Thematic (deep dive)"
    REVISIT = "revisit", "Revisit"


class Theme(models.Model):
    """A deep-dive theme (or the front door), with the years it was inspected. Themes are
    data: the inspectorates announce new ones and an administrator adds them."""

    key = models.SlugField(max_length=40, unique=True)
    name = models.CharField(max_length=200)
    description = models.TextField(blank=True)
    years = models.CharField(max_length=60, blank=True, help_text="For example 2016–17, 2024–25")
    is_front_door = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True, help_text="Offered for new inspections.")

    class Meta:
        ordering = ("name",)

    def __str__(self) -> str:
        return self.name


class FrameworkVersion(models.Model):
    """A version of the inspection framework, stored as data an administrator can edit:
    the rules that turn a fieldwork start into every key date, and which inspectorates
    take part in each type of inspection (the format of jtai.timelines.rules_to_dict)."""

    key = models.SlugField(max_length=20, unique=True)
    rules = models.JSONField(help_text="Framework rules; checked in full when saved.")
    is_current = models.BooleanField(default=False, help_text="Used for new inspections.")

    class Meta:
        ordering = ("-key",)
        constraints = [
            models.UniqueConstraint(
                fields=("is_current",), condition=models.Q(is_current=True), name="one_current"
            )
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def title(self) -> str:
        return str(self.rules.get("title", self.key))

    def clean(self) -> None:
        try:
            compiled = rules_from_dict(self.rules)
        except FrameworkRulesError as error:
            raise ValidationError({"rules": str(error)}) from error
        if compiled.key != self.key:
            raise ValidationError({"rules": f"The rules' key must be {self.key!r}."})

    def compiled_rules(self) -> FrameworkRules:
        return _compile(json.dumps(self.rules, sort_keys=True))

    def inspectorate_codes(self, inspection_type: str) -> tuple[str, ...]:
        return self.compiled_rules().inspectorates_for(inspection_type)


@functools.lru_cache(maxsize=32)
def _compile(rules_json: str) -> FrameworkRules:
    # Many inspections share a handful of framework versions: parse each one once.
    return rules_from_dict(json.loads(rules_json))


class ClosureDay(models.Model):
    """A day the inspectorates do not work beyond the bank holidays (added by an
    administrator); working-day arithmetic skips it."""

    date = models.DateField(unique=True)
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ("date",)

    def __str__(self) -> str:
        return f"{self.date:%-d %B %Y}: {self.reason}"


class ProgrammeYear(models.Model):
    """A year of inspections, from April to March as the inspectorates plan them."""

    label = models.CharField(max_length=20, unique=True, help_text="For example 2026 to 2027")
    starts_on = models.DateField()
    ends_on = models.DateField()

    class Meta:
        ordering = ("-starts_on",)
        constraints = [
            models.CheckConstraint(
                name="programme_year_ends_after_start",
                condition=models.Q(ends_on__gt=models.F("starts_on")),
            )
        ]

    def __str__(self) -> str:
        return self.label


# --- programme planning inputs (see docs/planning.md for what the planner makes of them) --


class Specialism(models.TextChoices):
    """An inspector's specialism; the values are the planning package's."""

    SOCIAL_CARE = "social-care", "Social care"
    EDUCATION = "education", "Education"
    HEALTH = "health", "Health"
    POLICE = "police", "Police"
    PROBATION = "probation", "Probation"


# Which specialisms each inspectorate provides (jtai.accounts' inspectorate codes).
SPECIALISMS_BY_INSPECTORATE: dict[str, tuple[str, ...]] = {
    "ofsted": (Specialism.SOCIAL_CARE, Specialism.EDUCATION),
    "cqc": (Specialism.HEALTH,),
    "hmicfrs": (Specialism.POLICE,),
    "hmip": (Specialism.PROBATION,),
}
# Roles whose holders inspect, and so can be planned onto a team.
INSPECTING_ROLES = frozenset({"lead_inspector", "inspector", "qa_manager"})


class InspectorProfile(models.Model):
    """What the planner needs to know of an inspector. Their inspectorate is their
    user's; accreditation follows the role, since only a lead inspector may lead and only
    a QA manager may quality-assure an inspection's team."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="inspector_profile"
    )
    specialism = models.CharField(max_length=20, choices=Specialism.choices)
    can_lead = models.BooleanField("Can lead", default=False)
    can_qa = models.BooleanField("Can quality-assure", default=False)
    home_region = models.CharField(max_length=32, choices=Region.choices)
    max_inspections_per_year = models.PositiveSmallIntegerField(
        default=4, help_text="The most inspections they may join in a programme year."
    )

    if TYPE_CHECKING:
        user_id: int
        unavailability: RelatedManager[Unavailability]
        conflicts: RelatedManager[ConflictOfInterest]

    class Meta:
        ordering = ("user__full_name",)

    def __str__(self) -> str:
        return str(self.user)

    def clean(self) -> None:
        user = self.user
        if user.role not in INSPECTING_ROLES:
            raise ValidationError({"user": f"{user} does not inspect: choose an inspector."})
        if user.inspectorate is None:
            raise ValidationError({"user": f"{user} has no inspectorate."})
        provided = SPECIALISMS_BY_INSPECTORATE[user.inspectorate.code]
        if self.specialism not in provided:
            names = ", ".join(Specialism(s).label.lower() for s in provided)
            raise ValidationError(
                {"specialism": f"{user.inspectorate} inspectors specialise in {names}."}
            )
        if self.can_lead and user.role != "lead_inspector":
            raise ValidationError({"can_lead": "Only a lead inspector can lead an inspection."})
        if self.can_qa and user.role != "qa_manager":
            raise ValidationError({"can_qa": "Only a QA manager can quality-assure."})


class UnavailabilityKind(models.TextChoices):
    LEAVE = "leave", "Leave"
    COMMITMENT = "commitment", "Other commitment"


class Unavailability(models.Model):
    """Days an inspector cannot do fieldwork: leave or another commitment."""

    profile = models.ForeignKey(
        InspectorProfile, on_delete=models.CASCADE, related_name="unavailability"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    kind = models.CharField(max_length=12, choices=UnavailabilityKind.choices)
    note = models.CharField(max_length=200, blank=True)

    class Meta:
        ordering = ("starts_on",)
        verbose_name_plural = "unavailability"
        constraints = [
            models.CheckConstraint(
                name="unavailability_ends_after_start",
                condition=models.Q(ends_on__gte=models.F("starts_on")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.get_kind_display().lower()} {self.starts_on}–{self.ends_on}"

    @property
    def reason(self) -> str:
        return self.note or self.get_kind_display().lower()


class ConflictOfInterest(models.Model):
    """An area an inspector must never inspect, for example because they worked there."""

    profile = models.ForeignKey(
        InspectorProfile, on_delete=models.CASCADE, related_name="conflicts"
    )
    area = models.ForeignKey("areas.Area", on_delete=models.CASCADE, related_name="+")
    reason = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name_plural = "conflicts of interest"
        constraints = [
            models.UniqueConstraint(fields=("profile", "area"), name="one_conflict_per_area")
        ]

    def __str__(self) -> str:
        return f"{self.profile}: {self.area}"


class ThemeQuota(models.Model):
    """How many inspections of a theme a programme year holds, and in which weeks."""

    programme_year = models.ForeignKey(
        ProgrammeYear, on_delete=models.CASCADE, related_name="theme_quotas"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    inspection_type = models.CharField(
        max_length=16,
        choices=[(t.value, t.label) for t in InspectionType if t != InspectionType.REVISIT],
        default=InspectionType.THEMATIC,
    )
    inspections = models.PositiveSmallIntegerField(
        default=6, validators=[MinValueValidator(1)], help_text="Usually 6 for a theme."
    )
    window_start = models.DateField(
        null=True, blank=True, help_text="First day fieldwork may start; empty: the year's start."
    )
    window_end = models.DateField(
        null=True, blank=True, help_text="Last day of fieldwork; empty: the year's end."
    )

    class Meta:
        ordering = ("programme_year", "theme__name")
        constraints = [
            models.UniqueConstraint(
                fields=("programme_year", "theme"), name="one_quota_per_theme_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_year}: {self.inspections} × {self.theme}"

    def clean(self) -> None:
        _check_window(self.window_start, self.window_end)
        _check_theme(self.theme_id, self.inspection_type)


class RevisitQuota(models.Model):
    """Revisits on an earlier theme (up to 4 a year), each to one of the candidate areas."""

    programme_year = models.ForeignKey(
        ProgrammeYear, on_delete=models.CASCADE, related_name="revisit_quotas"
    )
    theme = models.ForeignKey(Theme, on_delete=models.PROTECT, related_name="+")
    inspections = models.PositiveSmallIntegerField(default=1, validators=[MinValueValidator(1)])
    areas = models.ManyToManyField("areas.Area", related_name="+", help_text="Candidate areas.")
    window_start = models.DateField(null=True, blank=True)
    window_end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ("programme_year", "theme__name")
        constraints = [
            models.UniqueConstraint(
                fields=("programme_year", "theme"), name="one_revisit_quota_per_theme_and_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.programme_year}: {self.inspections} revisit(s) on {self.theme}"

    def clean(self) -> None:
        _check_window(self.window_start, self.window_end)
        _check_theme(self.theme_id, InspectionType.REVISIT)


def _check_theme(theme_id: int | None, inspection_type: str) -> None:
    """What creating the inspections will ask of the theme, checked when it is chosen."""
    theme = Theme.objects.filter(pk=theme_id).first() if theme_id is not None else None
    if theme is None:
        return
    if not theme.is_active:
        raise ValidationError({"theme": f"{theme} is no longer offered for new inspections."})
    if theme.is_front_door != (inspection_type == InspectionType.FRONT_DOOR):
        raise ValidationError(
            {"theme": "A front door inspection must use the front door theme, and only it."}
        )


def _check_window(start: dt.date | None, end: dt.date | None) -> None:
    if start is not None and end is not None and end < start:
        raise ValidationError({"window_end": "The window must end after it starts."})


class TeamComposition(models.Model):
    """The team for one framework version and type of inspection, as the planning
    package's roles: e.g. the current thematic team is 3 Ofsted social care inspectors
    (one the lead), 1 Ofsted education, 3 HMICFRS, 3 CQC, 2 HMIP and a QA manager."""

    framework = models.ForeignKey(
        FrameworkVersion, on_delete=models.CASCADE, related_name="team_compositions"
    )
    inspection_type = models.CharField(max_length=16, choices=InspectionType.choices)
    roles = models.JSONField(
        help_text='A list of roles, e.g. {"key": "police", "inspectorate": "hmicfrs", "count": 3}'
        " (see docs/planning.md). Checked in full when saved."
    )

    class Meta:
        ordering = ("framework", "inspection_type")
        constraints = [
            models.UniqueConstraint(
                fields=("framework", "inspection_type"), name="one_team_per_framework_and_type"
            )
        ]

    def __str__(self) -> str:
        return f"{self.framework.key}, {self.get_inspection_type_display().lower()}"

    @property
    def key(self) -> str:
        """The composition's key in a planning problem, e.g. 'thematic-2022'."""
        return f"{self.inspection_type}-{self.framework.key}"

    def clean(self) -> None:
        from .teams import composition_errors  # the planning package's own checks

        errors = composition_errors(self)
        if errors:
            raise ValidationError({"roles": errors})


class BlackoutPeriod(models.Model):
    """Weeks with no fieldwork (August, Christmas and New Year by default)."""

    programme_year = models.ForeignKey(
        ProgrammeYear, on_delete=models.CASCADE, related_name="blackouts"
    )
    starts_on = models.DateField()
    ends_on = models.DateField()
    reason = models.CharField(max_length=200)

    class Meta:
        ordering = ("programme_year", "starts_on")
        constraints = [
            models.CheckConstraint(
                name="blackout_ends_after_start",
                condition=models.Q(ends_on__gte=models.F("starts_on")),
            )
        ]

    def __str__(self) -> str:
        return f"{self.reason} ({self.starts_on}–{self.ends_on})"


# --- plans ------------------------------------------------------------------------------


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "Draft"
    PUBLISHED = "published", "Published"
    SUPERSEDED = "superseded", "Superseded"
    ACCEPTED = "accepted", "Accepted"


class ProgrammePlan(models.Model):
    """One answer of the planner for a programme year: the problem it was given and the
    result, as the planning package's JSON. A re-plan keeps a link to the plan it
    changes as little as possible. Publishing makes a plan the year's plan; accepting it
    creates its inspections."""

    programme_year = models.ForeignKey(
        ProgrammeYear, on_delete=models.CASCADE, related_name="plans"
    )
    status = models.CharField(max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    previous = models.ForeignKey(
        "self", on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()
    published_at = models.DateTimeField(null=True, blank=True)
    accepted_at = models.DateTimeField(null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    solver_status = models.CharField(max_length=12)
    objective = models.IntegerField(null=True, blank=True)
    greedy_objective = models.IntegerField(null=True, blank=True)
    problem = models.JSONField(help_text="The planning problem, as docs/planning.md describes.")
    result = models.JSONField(help_text="The planner's result (PlanResult).")
    violations = models.JSONField(default=list, help_text="What the checker found: none.")
    created_references = models.JSONField(
        default=dict, blank=True, help_text="Slot to inspection reference, once accepted."
    )

    class Meta:
        ordering = ("-created_at", "-id")
        constraints = [
            models.UniqueConstraint(
                fields=("programme_year",),
                condition=models.Q(status="published"),
                name="one_published_plan_per_year",
            ),
            models.UniqueConstraint(
                fields=("programme_year",),
                condition=models.Q(status="accepted"),
                name="one_accepted_plan_per_year",
            ),
        ]

    def __str__(self) -> str:
        return f"Plan {self.pk} for {self.programme_year}"


class PlanPin(models.Model):
    """Something a planner fixed for the next plan of a year: a slot's area, its week,
    or an inspector on it (in a role, or in any)."""

    programme_year = models.ForeignKey(ProgrammeYear, on_delete=models.CASCADE, related_name="pins")
    slot = models.CharField(max_length=80, help_text="e.g. csa-family-1")
    area = models.ForeignKey(
        "areas.Area", on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    week = models.DateField(null=True, blank=True, help_text="Monday of the fieldwork week")
    inspector = models.ForeignKey(
        InspectorProfile, on_delete=models.CASCADE, null=True, blank=True, related_name="+"
    )
    role = models.CharField(max_length=60, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField()

    class Meta:
        ordering = ("slot", "id")
        constraints = [
            models.CheckConstraint(
                name="pin_fixes_something",
                condition=models.Q(area__isnull=False)
                | models.Q(week__isnull=False)
                | models.Q(inspector__isnull=False),
            )
        ]

    def __str__(self) -> str:
        return f"Pin on {self.slot}"
