"""URL arguments and realistic extra data for the publication tests, made through the
same services users go through."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import Agency, AgencyKind
from jtai.publication import statements
from jtai.publication.models import ActionPlanItem, Report, ThematicOverview

from .helpers import kent_report


def kent_action(report: Report | None = None) -> ActionPlanItem:
    report = report or kent_report()
    assert report.inspection is not None
    existing = ActionPlanItem.objects.filter(report=report).first()
    if existing is not None:
        return existing
    return statements.action_add(
        actor=User.objects.get(email="kent.coordinator@demo.jtai.example"),
        report=report,
        action="Hold strategy discussions out of hours within the same day",
        agency=Agency.objects.get(area_id=report.inspection.area_id, kind=AgencyKind.POLICE),
        due_on=timezone.localdate() + dt.timedelta(days=60),
    )


def url_kwargs(name: str) -> dict[str, Any]:
    """Arguments for this app's URLs: Kent's published front-door report (so Leeds's
    users are refused with 404 and the Leeds-only inspector too)."""
    report = kent_report()
    assert report.inspection is not None
    if name.startswith("publication:"):
        kwargs: dict[str, Any] = {"reference": report.inspection.reference}
        if name == "publication:action-edit":
            kwargs["item_id"] = kent_action(report).pk
        return kwargs
    if name in {"public:report", "public:pdf"}:
        return {"slug": report.slug}
    if name == "api:report":
        return {"slug": report.slug}
    if name in {"overviews:detail", "overviews:edit", "overviews:step"}:
        return {"overview_id": ThematicOverview.objects.get(theme__key="front-door").pk}
    if name in {"public:overview", "public:overview-pdf"}:
        overview = Report.objects.filter(kind="overview").first()
        return {"slug": overview.slug if overview else "no-overview-yet"}
    return {}
