from __future__ import annotations

import functools
import json

from django.core.exceptions import ValidationError
from django.db import models

from jtai.timelines import FrameworkRules, FrameworkRulesError, rules_from_dict


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
