"""Every read of information requests, narrowed by the access policy: inspectorate staff
see the inspections they may see; a local area sees its own inspection only once
notified; an agency contact sees only their own agency's items and documents."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Count, Max, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from jtai.accounts.policy import agency_item_q, inspection_q
from jtai.areas.models import Agency, AgencyKind
from jtai.programme.selectors import working_calendar

from .models import (
    OUTSTANDING_STATUSES,
    RECEIVED_STATUSES,
    Document,
    InformationItem,
    ItemStatus,
    RequestTemplateItem,
)

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser
    from jtai.inspections.models import Inspection


def items_for(user: AnyUser) -> QuerySet[InformationItem]:
    return InformationItem.objects.filter(
        inspection_q(user, "inspection__"), agency_item_q(user, "agency")
    )


def documents_for(user: AnyUser) -> QuerySet[Document]:
    return Document.objects.filter(
        inspection_q(user, "item__inspection__"), agency_item_q(user, "item__agency")
    )


# --- planning a request ------------------------------------------------------------------


@dataclass(frozen=True)
class PlannedItem:
    """A template item as it would be sent to this inspection's area."""

    template: RequestTemplateItem | None
    title: str
    description: str
    agency: Agency
    due_on: dt.date
    agency_note: str = ""


def notification_day(inspection: Inspection) -> dt.date:
    day = inspection.actual("notification") or inspection.planned("notification")
    if day is not None:
        return day
    return (
        timezone.localdate(inspection.notified_at)
        if inspection.notified_at
        else (timezone.localdate())
    )


def template_items_for(theme_id: int) -> QuerySet[RequestTemplateItem]:
    return RequestTemplateItem.objects.filter(
        Q(theme__isnull=True) | Q(theme_id=theme_id), is_active=True
    ).order_by("position", "id")


def planned_items(inspection: Inspection) -> list[PlannedItem]:
    """The items a request for ``inspection`` asks for: its theme's template items and
    those every inspection asks for, each owned by the area's agency of the template's
    kind and due that many working days after notification."""
    agencies: dict[str, Agency] = {}
    for agency in Agency.objects.filter(area_id=inspection.area_id).order_by("kind", "name"):
        agencies.setdefault(agency.kind, agency)
    fallback = agencies.get(AgencyKind.LOCAL_AUTHORITY)
    calendar = working_calendar()
    start = notification_day(inspection)
    plan = []
    for template in template_items_for(inspection.theme_id):
        owner, note = agencies.get(template.agency_kind), ""
        if owner is None:
            if fallback is None:
                continue
            owner = fallback
            note = (
                f"No {template.get_agency_kind_display().lower()} agency is recorded for "
                f"the area, so this goes to {fallback.name}."
            )
        plan.append(
            PlannedItem(
                template=template,
                title=template.title,
                description=template.description,
                agency=owner,
                due_on=calendar.add_working_days(start, template.due_working_days),
                agency_note=note,
            )
        )
    return plan


# --- the request and its progress --------------------------------------------------------


@dataclass
class Progress:
    """Counts of items, for one agency or (with no agency) the whole request."""

    agency: Agency | None = None
    total: int = 0
    received: int = 0  # submitted or accepted
    accepted: int = 0
    returned: int = 0
    outstanding: int = 0
    late: int = 0

    def add(self, item: InformationItem, *, late: bool) -> None:
        self.total += 1
        self.received += item.status in RECEIVED_STATUSES
        self.accepted += item.status == ItemStatus.ACCEPTED
        self.returned += item.status == ItemStatus.RETURNED
        self.outstanding += item.status in OUTSTANDING_STATUSES
        self.late += late


@dataclass(frozen=True)
class ItemRow:
    item: InformationItem
    late: bool
    document_count: int
    last_uploaded_at: dt.datetime | None


@dataclass
class RequestOverview:
    rows: list[ItemRow]
    totals: Progress
    by_agency: list[Progress] = field(default_factory=list)

    @property
    def sent_at(self) -> dt.datetime | None:
        return min((r.item.requested_at for r in self.rows), default=None)

    @property
    def last_due(self) -> dt.date | None:
        return max((r.item.due_on for r in self.rows), default=None)


def request_overview(
    *, user: AnyUser, inspection: Inspection, today: dt.date | None = None
) -> RequestOverview:
    """The items of ``inspection`` that ``user`` may see, with progress by agency."""
    today = today or timezone.localdate()
    items = (
        items_for(user)
        .filter(inspection=inspection)
        .select_related("agency")
        .annotate(
            document_count=Count("documents", distinct=True),
            last_uploaded_at=Max("documents__uploaded_at"),
        )
        .order_by("position")
    )
    overview = RequestOverview(rows=[], totals=Progress())
    by_agency: dict[int, Progress] = {}
    for item in items:
        late = item.is_late_on(today)
        overview.rows.append(
            ItemRow(
                item=item,
                late=late,
                document_count=item.document_count,
                last_uploaded_at=item.last_uploaded_at,
            )
        )
        overview.totals.add(item, late=late)
        by_agency.setdefault(item.agency_id, Progress(agency=item.agency)).add(item, late=late)
    overview.by_agency = sorted(
        by_agency.values(), key=lambda p: (p.agency.kind if p.agency else "", str(p.agency))
    )
    return overview


def request_summary(
    *, user: AnyUser, inspection: Inspection, today: dt.date | None = None
) -> dict[str, int]:
    """Counts for the inspection's page (one query): items, received and late."""
    today = today or timezone.localdate()
    return (
        items_for(user)
        .filter(inspection=inspection)
        .aggregate(
            total=Count("pk", distinct=True),
            received=Count("pk", distinct=True, filter=Q(status__in=RECEIVED_STATUSES)),
            late=Count(
                "pk", distinct=True, filter=Q(status__in=OUTSTANDING_STATUSES, due_on__lt=today)
            ),
        )
    )


# --- one item and its documents ----------------------------------------------------------


def item_get(*, user: AnyUser, reference: str, item_id: int) -> InformationItem:
    """The item, if ``user`` may see it; otherwise 404, revealing nothing."""
    try:
        return (
            items_for(user)
            .select_related(
                "inspection", "inspection__area", "inspection__theme", "agency", "reviewed_by"
            )
            .get(pk=item_id, inspection__reference=reference)
        )
    except InformationItem.DoesNotExist as error:
        raise Http404("No such item.") from error


@dataclass(frozen=True)
class DocumentGroup:
    """Every version of one file name, newest first."""

    filename: str
    versions: list[Document]

    @property
    def latest(self) -> Document:
        return self.versions[0]


def document_groups(item: InformationItem) -> list[DocumentGroup]:
    groups: dict[str, list[Document]] = {}
    for document in Document.objects.filter(item=item).select_related("uploaded_by"):
        groups.setdefault(document.filename, []).append(document)
    return [
        DocumentGroup(name, sorted(versions, key=lambda d: -d.version))
        for name, versions in sorted(groups.items(), key=lambda pair: pair[0].casefold())
    ]


def document_get(*, user: AnyUser, reference: str, document_id: int) -> Document:
    """The document, if ``user`` may see its item; otherwise 404."""
    try:
        return (
            documents_for(user)
            .select_related("item", "item__inspection")
            .get(pk=document_id, item__inspection__reference=reference)
        )
    except Document.DoesNotExist as error:
        raise Http404("No such document.") from error
