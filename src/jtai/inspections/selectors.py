"""Every read of inspections goes through here and through the access policy."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, QuerySet
from django.http import Http404
from django.utils import timezone

from jtai.accounts.policy import inspection_q, is_local_area_user
from jtai.programme.selectors import working_calendar
from jtai.workdays import WorkingCalendar

from .lifecycle import key_dates_met
from .models import ACTIVE_STATUSES, Inspection, InspectionEvent, TeamMember

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser

# What a local area may see of an inspection's history: never the inspectorates'
# planning before notification, nor their internal quality assurance.
AREA_VISIBLE_TRANSITIONS = frozenset(
    {
        "notify",
        "request_information",
        "start_fieldwork",
        "close_fieldwork",
        "send_draft",
        "finalise",
        "publish",
        "receive_action_plan",
        "close",
        "withdraw",
    }
)


def inspections_for(user: AnyUser) -> QuerySet[Inspection]:
    return Inspection.objects.filter(inspection_q(user)).select_related(
        "area", "theme", "framework"
    )


def inspection_list(
    *,
    user: AnyUser,
    status: str = "",
    theme: str = "",
    region: str = "",
    year: int | None = None,
) -> QuerySet[Inspection]:
    queryset = inspections_for(user)
    if status:
        queryset = queryset.filter(status=status)
    if theme:
        queryset = queryset.filter(theme__key=theme)
    if region:
        queryset = queryset.filter(area__region=region)
    if year:
        queryset = queryset.filter(fieldwork_start__year=year)
    return queryset.order_by("fieldwork_start", "reference")


def inspection_get(*, user: AnyUser, reference: str) -> Inspection:
    """The inspection, if ``user`` may see it; otherwise 404, so that its existence is
    not revealed either."""
    try:
        return (
            inspections_for(user)
            .prefetch_related(
                Prefetch(
                    "team_members",
                    queryset=TeamMember.objects.select_related("user", "user__inspectorate"),
                ),
                "inspectorates",
            )
            .get(reference=reference)
        )
    except Inspection.DoesNotExist as error:
        raise Http404("No such inspection.") from error


def inspection_events(*, user: AnyUser, inspection: Inspection) -> list[InspectionEvent]:
    events = InspectionEvent.objects.filter(inspection=inspection).select_related("actor")
    if is_local_area_user(user):
        return [e for e in events if e.data.get("transition") in AREA_VISIBLE_TRANSITIONS]
    return list(events)


@dataclass(frozen=True)
class KeyDateRow:
    name: str
    label: str
    owner: str
    planned: dt.date | None
    actual: dt.date | None
    met: bool
    overdue: bool
    slippage: int | None  # working days late (+) or early (-), once it has happened


def key_date_rows(
    inspection: Inspection, calendar: WorkingCalendar, today: dt.date
) -> list[KeyDateRow]:
    rows = []
    rules = inspection.framework.compiled_rules().rules
    met_flags = key_dates_met([r.name for r in rules], inspection.status, inspection.actual_dates)
    for rule, met in zip(rules, met_flags, strict=True):
        planned = inspection.planned(rule.name)
        actual = inspection.actual(rule.name)
        slippage = calendar.count_working_days(planned, actual) if planned and actual else None
        rows.append(
            KeyDateRow(
                name=rule.name,
                label=rule.label,
                owner=rule.owner,
                planned=planned,
                actual=actual,
                met=met,
                overdue=(
                    not met
                    and not inspection.is_terminal
                    and planned is not None
                    and planned < today
                ),
                slippage=slippage,
            )
        )
    return rows


def next_due(rows: list[KeyDateRow]) -> KeyDateRow | None:
    pending = [r for r in rows if not r.met and r.planned is not None]
    return min(pending, key=lambda r: r.planned or dt.date.max, default=None)


@dataclass
class DashboardEntry:
    inspection: Inspection
    next_due: KeyDateRow | None
    overdue: list[KeyDateRow] = field(default_factory=list)


@dataclass
class Dashboard:
    entries: list[DashboardEntry]

    @property
    def overdue(self) -> list[tuple[Inspection, KeyDateRow]]:
        return [(e.inspection, row) for e in self.entries for row in e.overdue]


def dashboard_for(*, user: AnyUser, today: dt.date | None = None) -> Dashboard:
    today = today or timezone.localdate()
    calendar = working_calendar()
    entries = []
    for inspection in inspections_for(user).filter(status__in=ACTIVE_STATUSES):
        rows = key_date_rows(inspection, calendar, today)
        entries.append(
            DashboardEntry(
                inspection=inspection,
                next_due=next_due(rows),
                overdue=[r for r in rows if r.overdue],
            )
        )
    return Dashboard(entries=entries)
