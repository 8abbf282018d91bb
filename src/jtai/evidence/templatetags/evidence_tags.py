"""The evidence row on an inspection's page: inspectorate staff only, once notified."""

from __future__ import annotations

from typing import Any

from django import template

from jtai.accounts.policy import is_inspectorate_staff
from jtai.inspections.models import Inspection

register = template.Library()


@register.inclusion_tag("evidence/_inspection_row.html", takes_context=True)
def evidence_row(context: dict[str, Any], inspection: Inspection) -> dict[str, Any]:
    user = context.get("user")
    return {
        "inspection": inspection,
        "show": user is not None
        and is_inspectorate_staff(user)
        and inspection.notified_at is not None,
    }
