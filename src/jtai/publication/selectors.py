"""Every read of reports. The public sees a report only from its publication moment;
inside the service an embargoed report is seen by those who may see its inspection (the
area's leaders once notified, the inspection's team, programme managers), through the
access policy, so anyone else simply does not find it."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jtai.accounts.policy import inspection_q
from jtai.areas.models import Agency, AgencyKind
from jtai.inspections.models import Status

from .models import ActionPlanItem, Report, ReportKind

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser
    from jtai.inspections.models import Inspection

# An inspection report stays hidden if its inspection was withdrawn before publication
# (the scheduled job then leaves it embargoed for ever).
PUBLISHABLE_INSPECTION_STATUSES = frozenset(
    {Status.FINALISED, Status.PUBLISHED, Status.ACTION_PLAN_RECEIVED, Status.CLOSED}
)


def public_q(now: dt.datetime) -> Q:
    return Q(publish_at__lte=now) & (
        Q(kind=ReportKind.OVERVIEW)
        | Q(inspection__status__in=sorted(PUBLISHABLE_INSPECTION_STATUSES))
    )


def public_reports(*, now: dt.datetime | None = None) -> QuerySet[Report]:
    """Reports anyone may read at ``now``: those whose moment has come, whether or not
    the publishing job has recorded it yet."""
    return (
        Report.objects.filter(public_q(now or timezone.now()))
        .select_related("area", "theme")
        .order_by("-publish_at", "slug")
    )


@dataclass(frozen=True)
class ReportFilters:
    query: str = ""
    area: str = ""  # ONS code
    region: str = ""
    theme: str = ""  # theme key
    year: int | None = None
    kind: str = ""


def public_report_list(
    filters: ReportFilters, *, now: dt.datetime | None = None
) -> QuerySet[Report]:
    queryset = public_reports(now=now).defer("document", "search_text")
    if filters.area:
        queryset = queryset.filter(area__ons_code=filters.area)
    if filters.region:
        queryset = queryset.filter(area__region=filters.region)
    if filters.theme:
        queryset = queryset.filter(theme__key=filters.theme)
    if filters.year:
        queryset = queryset.filter(publish_at__year=filters.year)
    if filters.kind in ReportKind.values:
        queryset = queryset.filter(kind=filters.kind)
    # search_text holds the title, the area and the whole letter (see search_text_of).
    for word in filters.query.split()[:10]:
        queryset = queryset.filter(search_text__icontains=word)
    return queryset


def public_report_get(
    *, slug: str, kind: str | None = None, now: dt.datetime | None = None
) -> Report:
    queryset = public_reports(now=now)
    if kind:
        queryset = queryset.filter(kind=kind)
    try:
        return queryset.get(slug=slug)
    except Report.DoesNotExist as error:
        raise Http404("No such published report.") from error


def public_years(*, now: dt.datetime | None = None) -> list[int]:
    dates = public_reports(now=now).dates("publish_at", "year", order="DESC")
    return [d.year for d in dates]


def report_for(*, user: AnyUser, reference: str) -> Report:
    """An inspection's report for a signed-in user who may see the inspection; 404 for
    anyone else, and before the report has been sent."""
    try:
        return (
            Report.objects.filter(inspection_q(user, "inspection__"))
            .select_related(
                "inspection",
                "inspection__area",
                "inspection__theme",
                "inspection__framework",
                "area",
                "theme",
                "statement",
                "statement__uploaded_by",
            )
            .get(inspection__reference=reference)
        )
    except Report.DoesNotExist as error:
        raise Http404("No report for this inspection.") from error


def report_moment_for(*, user: AnyUser, reference: str) -> Report | None:
    """Only when an inspection's report is (or was) embargoed until, for a link to it from
    the inspection's page: not its text, which is the larger part of the row."""
    return (
        Report.objects.filter(inspection_q(user, "inspection__"))
        .filter(inspection__reference=reference)
        .only("publish_at")
        .first()
    )


def principal_authority(inspection: Inspection) -> Agency | None:
    """The local authority of the area: it sends the written statement of action."""
    return (
        Agency.objects.filter(area_id=inspection.area_id, kind=AgencyKind.LOCAL_AUTHORITY)
        .order_by("name")
        .first()
    )


def action_items(report: Report) -> QuerySet[ActionPlanItem]:
    return ActionPlanItem.objects.filter(report=report).select_related("agency", "updated_by")


def overdue_statements(*, user: AnyUser, today: dt.date | None = None) -> QuerySet[Report]:
    """Published inspection reports whose written statement of action is past due and
    has not arrived, among the inspections ``user`` may see."""
    today = today or timezone.localdate()
    return (
        Report.objects.filter(
            inspection_q(user, "inspection__"),
            kind=ReportKind.INSPECTION,
            inspection__status=Status.PUBLISHED,
            wsoa_due__lt=today,
            statement__isnull=True,
        )
        .select_related("inspection", "area")
        .order_by("wsoa_due")
    )


def public_filter_choices(
    *, now: dt.datetime | None = None
) -> tuple[list[tuple[str, str]], list[tuple[str, str]], list[int]]:
    """Areas and themes that have public reports, and the years they were published."""
    reports = public_reports(now=now)
    areas = sorted(
        set(reports.filter(area__isnull=False).values_list("area__ons_code", "area__name")),
        key=lambda pair: pair[1],
    )
    themes = sorted(set(reports.values_list("theme__key", "theme__name")), key=lambda p: p[1])
    return areas, themes, public_years(now=now)
