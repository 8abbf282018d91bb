"""Template helpers for GOV.UK Design System markup and the service's date style."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms, template
from django.core.exceptions import NON_FIELD_ERRORS
from django.forms.boundfield import BoundField
from django.utils import timezone
from django.utils.safestring import SafeString

register = template.Library()

_INPUT_CLASSES = {
    "textarea": "govuk-textarea",
    "select": "govuk-select",
    "selectmultiple": "govuk-select",
    "checkbox": "govuk-checkboxes__input",
    "clearablefile": "govuk-file-upload",
    "file": "govuk-file-upload",
}


@register.filter
def govuk_widget(field: BoundField) -> SafeString:
    """Render a field's widget with the design system's classes, its error state and
    aria-describedby pointing at its hint and error message."""
    wtype = field.widget_type
    attrs: dict[str, Any] = {}
    if wtype == "govukdate":
        attrs["has_error"] = bool(field.errors)
        return field.as_widget(attrs=attrs)
    css = _INPUT_CLASSES.get(wtype, "govuk-input")
    if field.errors and css in {
        "govuk-input",
        "govuk-textarea",
        "govuk-select",
        "govuk-file-upload",
    }:
        css += f" {css}--error"
    existing = field.field.widget.attrs.get("class", "")
    attrs["class"] = f"{css} {existing}".strip()
    described_by = []
    if field.help_text:
        described_by.append(f"{field.auto_id}-hint")
    if field.errors:
        described_by.append(f"{field.auto_id}-error")
    if described_by:
        attrs["aria-describedby"] = " ".join(described_by)
    return field.as_widget(attrs=attrs)


@register.inclusion_tag("govuk/error_summary.html")
def error_summary(*forms_to_summarise: forms.BaseForm | None) -> dict[str, Any]:
    """The error summary at the top of a page: one link per error, to the field."""
    errors: list[tuple[str, str]] = []
    for form in forms_to_summarise:
        if form is None or not form.errors:
            continue
        for error in form.non_field_errors():
            errors.append((f"{form.prefix or 'form'}-non-field-error", str(error)))
        for name, messages in form.errors.items():
            if name == NON_FIELD_ERRORS:
                continue
            bound = form[name]
            anchor = bound.auto_id
            if bound.widget_type == "govukdate":
                anchor = f"{bound.auto_id}_0"  # the day box: Django numbers subwidget ids
            elif bound.widget_type in {"radioselect", "checkboxselectmultiple"}:
                anchor = f"{bound.auto_id}_0"
            errors.extend((anchor, str(message)) for message in messages)
    return {"errors": errors}


@register.filter
def govuk_date(value: dt.date | dt.datetime | str | None, style: str = "long") -> str:
    """'Friday 5 May 2023' (long) or '5 May 2023' (short): the GOV.UK date style."""
    if not value:
        return ""
    if isinstance(value, str):
        value = dt.date.fromisoformat(value)
    if isinstance(value, dt.datetime):
        value = timezone.localdate(value)
    text = f"{value.day} {value:%B %Y}"
    return f"{value:%A} {text}" if style == "long" else text


@register.simple_tag
def query_string(request: Any, **changes: Any) -> str:
    """The current query string with some parameters changed (for filters and pages)."""
    params = request.GET.copy()
    for key, value in changes.items():
        if value in (None, ""):
            params.pop(key, None)
        else:
            params[key] = value
    encoded = params.urlencode()
    return f"?{encoded}" if encoded else ""
