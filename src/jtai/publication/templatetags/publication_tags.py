"""The final report's place on an inspection's page."""

from __future__ import annotations

from typing import Any

from django import template
from django.utils import timezone

from jtai.inspections.models import Inspection

from .. import selectors
from ..wording import moment

register = template.Library()


@register.inclusion_tag("publication/_inspection_row.html", takes_context=True)
def final_report_row(context: dict[str, Any], inspection: Inspection) -> dict[str, Any]:
    """A summary-list row linking to the final report, once it has been sent."""
    report = selectors.report_moment_for(user=context["user"], reference=inspection.reference)
    if report is None:
        return {"report": None}
    return {
        "report": report,
        "inspection": inspection,
        "embargoed": not report.is_public_at(timezone.now()),
        "until": moment(report.publish_at),
    }
