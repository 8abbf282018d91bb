"""GOV.UK Design System forms: a renderer whose templates produce the design system's
markup, and the date field it recommends (separate day, month and year boxes)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Any

from django import forms
from django.forms.renderers import DjangoTemplates

from .refusals import Refusal


class GovukFormRenderer(DjangoTemplates):
    form_template_name = "govuk/forms/form.html"
    field_template_name = "govuk/forms/field.html"
    # Django's own widget templates, replaced by ours where they are too slow.
    replacements = {"django/forms/widgets/select.html": "govuk/forms/select.html"}

    def get_template(self, template_name: str) -> Any:
        return super().get_template(self.replacements.get(template_name, template_name))


class GovukDateWidget(forms.MultiWidget):
    template_name = "govuk/forms/date_widget.html"

    def __init__(self, attrs: dict[str, Any] | None = None) -> None:
        widgets: dict[str, forms.Widget | type[forms.Widget]] = {
            "day": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            "month": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-2",
                }
            ),
            "year": forms.TextInput(
                attrs={
                    "inputmode": "numeric",
                    "class": "govuk-input govuk-date-input__input govuk-input--width-4",
                }
            ),
        }
        super().__init__(widgets, attrs)

    def decompress(self, value: Any) -> list[Any]:
        if isinstance(value, dt.date):
            return [value.day, value.month, value.year]
        return [None, None, None]


class GovukDateField(forms.MultiValueField):
    """A date typed as day, month and year, with the design system's error messages."""

    widget = GovukDateWidget

    def __init__(self, **kwargs: Any) -> None:
        fields = (
            forms.CharField(required=False),
            forms.CharField(required=False),
            forms.CharField(required=False),
        )
        super().__init__(fields=fields, require_all_fields=False, **kwargs)

    def compress(self, data_list: list[Any]) -> dt.date | None:
        label = str(self.label or "The date")
        if not data_list or not any(data_list):
            return None
        day, month, year = (str(part or "").strip() for part in data_list)
        missing = [
            name for name, part in (("day", day), ("month", month), ("year", year)) if not part
        ]
        if missing:
            raise forms.ValidationError(f"{label} must include a {' and '.join(missing)}")
        if not (day.isdigit() and month.isdigit() and year.isdigit()) or len(year) != 4:
            raise forms.ValidationError(f"{label} must be a real date, for example 27 3 2026")
        try:
            return dt.date(int(year), int(month), int(day))
        except ValueError as error:
            raise forms.ValidationError(
                f"{label} must be a real date, for example 27 3 2026"
            ) from error

    def clean(self, value: Any) -> dt.date | None:
        result = super().clean(value)
        if result is None and self.required:
            raise forms.ValidationError(self.error_messages["required"], code="required")
        return result  # type: ignore[no-any-return]


def show_refusal(
    form: forms.BaseForm,
    refusal: Refusal,
    *,
    renamed: Mapping[str, str | None] | None = None,
) -> None:
    """Show a service's refusal on the form that asked for the change: beside the field it
    is about when the form has that field, otherwise in the error summary above it.
    ``renamed`` maps the service's field names to the form's where they differ (None: the
    summary)."""
    field = refusal.field
    if field is not None and renamed is not None:
        field = renamed.get(field, field)
    target = field if field is not None and field in form.fields else None
    for message in refusal.messages:
        form.add_error(target, message)
