"""The access log for administrators: search it, page through it, export it as CSV.
Looking at the log is itself logged."""

from __future__ import annotations

import csv
from collections.abc import Iterator

from django.core.paginator import Paginator
from django.http import HttpResponse, StreamingHttpResponse
from django.shortcuts import render
from django.utils import timezone

from jtai.accounts.policy import Audience, allow
from jtai.core.http import AuthenticatedRequest

from . import selectors
from .forms import AccessLogFilterForm
from .models import AccessAction, AccessEvent, AccessEventQuerySet, AccessKind
from .services import record_access

PAGE_SIZE = 50
CSV_HEADINGS = (
    "When",
    "User",
    "Role",
    "What",
    "Action",
    "Description",
    "Records shown",
    "Inspection",
    "Record",
    "Page address",
    "IP address",
    "Request id",
)


def _filters(form: AccessLogFilterForm) -> selectors.AccessFilters:
    if not form.is_bound or not form.is_valid():
        return selectors.AccessFilters()
    return selectors.AccessFilters(**{k: v for k, v in form.cleaned_data.items() if v})


@allow(Audience.ADMINISTRATOR)
def access_log(request: AuthenticatedRequest) -> HttpResponse:
    form = AccessLogFilterForm(request.GET or None)
    filters = _filters(form)
    record_access(
        request,
        user=request.user,
        kind=AccessKind.ACCESS_LOG,
        description=f"Searched the access log: {filters.describe()}",
    )
    events = selectors.access_events(user=request.user, filters=filters)
    page = Paginator(events, PAGE_SIZE).get_page(request.GET.get("page"))
    return render(
        request,
        "audit/log.html",
        {"form": form, "page": page, "filtered": filters != selectors.AccessFilters()},
        status=400 if form.errors else 200,
    )


# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _cell(value: object) -> str:
    text = "" if value is None else str(value)
    return f"'{text}" if text.startswith(_FORMULA_STARTS) else text


class _Echo:
    def write(self, value: str) -> str:
        return value


def _csv_rows(events: AccessEventQuerySet) -> Iterator[str]:
    writer = csv.writer(_Echo())
    yield "\ufeff" + writer.writerow(CSV_HEADINGS)  # the BOM: Excel then reads UTF-8
    event: AccessEvent
    for event in events.iterator(chunk_size=2000):
        yield writer.writerow(
            [
                _cell(timezone.localtime(event.occurred_at).isoformat(timespec="seconds")),
                _cell(event.user.email),
                _cell(event.user.get_role_display()),
                _cell(event.get_kind_display()),
                _cell(event.action),
                _cell(event.description),
                _cell(event.detail),
                _cell(event.inspection.reference if event.inspection else ""),
                _cell(f"{event.object_type} {event.object_id}" if event.object_type else ""),
                _cell(event.path),
                _cell(event.ip_address),
                _cell(event.request_id),
            ]
        )


@allow(Audience.ADMINISTRATOR)
def access_log_export(request: AuthenticatedRequest) -> HttpResponse | StreamingHttpResponse:
    form = AccessLogFilterForm(request.GET or None)
    if form.is_bound and not form.is_valid():
        return render(request, "audit/log.html", {"form": form, "page": None}, status=400)
    filters = _filters(form)
    record_access(
        request,
        user=request.user,
        kind=AccessKind.ACCESS_LOG,
        action=AccessAction.DOWNLOAD,
        description=f"Exported the access log: {filters.describe()}",
    )
    events = selectors.access_events(user=request.user, filters=filters)
    response = StreamingHttpResponse(_csv_rows(events), content_type="text/csv; charset=utf-8")
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    response["Content-Disposition"] = f'attachment; filename="access-log-{stamp}.csv"'
    return response
