from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from jtai.core.forms import GovukDateField

from .models import AccessKind


class AccessLogFilterForm(forms.Form):
    user = forms.CharField(
        label="User's email", required=False, max_length=254, help_text="All or part of it."
    )
    inspection = forms.CharField(label="Inspection reference", required=False, max_length=32)
    kind = forms.ChoiceField(
        label="What was seen", choices=[("", "Anything"), *AccessKind.choices], required=False
    )
    text = forms.CharField(
        label="Words in the description, page address or request id",
        required=False,
        max_length=100,
    )
    date_from = GovukDateField(label="From", required=False, help_text="For example, 27 3 2026")
    date_to = GovukDateField(label="To", required=False, help_text="For example, 27 3 2026")

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        start: dt.date | None = cleaned.get("date_from")
        end: dt.date | None = cleaned.get("date_to")
        if start and end and end < start:
            self.add_error("date_to", "The 'to' date must be the same as or after the 'from' date")
        return cleaned
