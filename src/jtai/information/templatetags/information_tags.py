"""The information request's place on an inspection's page."""

from __future__ import annotations

from typing import Any

from django import template

from jtai.inspections.models import Inspection

from .. import selectors

register = template.Library()


@register.inclusion_tag("information/_inspection_row.html", takes_context=True)
def information_request_row(context: dict[str, Any], inspection: Inspection) -> dict[str, Any]:
    """A summary-list row linking to the request, when there is one the user may see."""
    summary = selectors.request_summary(user=context["user"], inspection=inspection)
    return {"inspection": inspection, "summary": summary}
