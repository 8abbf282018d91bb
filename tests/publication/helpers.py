"""Shared helpers for the publication tests: the demo's reports and moments around them."""

from __future__ import annotations

import datetime as dt

from jtai.inspections.models import Inspection, Status
from jtai.publication.models import Report


def birmingham_report() -> Report:
    """The demo's embargoed report, due out in a few days."""
    return Report.objects.select_related("inspection").get(
        inspection__area__name="Birmingham", inspection__status=Status.FINALISED
    )


def kent_report() -> Report:
    """The demo's published Kent front-door report, its written statement overdue."""
    return Report.objects.get(inspection__area__name="Kent", inspection__status=Status.PUBLISHED)


def leeds_report() -> Report:
    """The demo's closed Leeds inspection's report: statement received, plan under way."""
    return Report.objects.get(inspection__area__name="Leeds", inspection__status=Status.CLOSED)


def manchester() -> Inspection:
    return Inspection.objects.get(area__name="Manchester", status=Status.FACTUAL_ACCURACY)


MINUTE = dt.timedelta(minutes=1)
