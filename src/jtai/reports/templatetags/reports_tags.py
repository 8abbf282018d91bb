"""The findings letter's place on an inspection's page."""

from __future__ import annotations

from typing import Any

from django import template

from jtai.accounts.policy import is_inspectorate_staff
from jtai.inspections.lifecycle import status_rank
from jtai.inspections.models import Inspection, Status

from .. import selectors

register = template.Library()


@register.inclusion_tag("reports/_inspection_row.html", takes_context=True)
def letter_row(context: dict[str, Any], inspection: Inspection) -> dict[str, Any]:
    """A summary-list row linking to the letter: for the inspectorates once fieldwork has
    closed, for the area once the draft has been sent to it."""
    user = context["user"]
    letter = selectors.letter_for(user=user, inspection=inspection)
    drafting = inspection.status != Status.WITHDRAWN and status_rank(
        inspection.status
    ) >= status_rank(Status.DRAFTING)
    return {
        "inspection": inspection,
        "letter": letter,
        "show": letter is not None or (drafting and is_inspectorate_staff(user)),
    }
