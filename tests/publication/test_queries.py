"""Pages keep a constant number of queries as published reports grow."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jtai.publication.demo import many_published_reports


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def test_the_public_list_search_and_api_keep_their_query_counts(
    client_for: Callable[[str | None], Client],
) -> None:
    urls = [
        "/reports/",
        "/reports/?q=strategy+discussions&region=London",
        "/reports/?page=2",
        "/api/v1/reports?limit=50",
    ]
    client = client_for(None)
    many_published_reports(25)
    few = {url: _queries(client, url) for url in urls}
    many_published_reports(250)
    many = {url: _queries(client, url) for url in urls}
    assert many == few
    assert max(few.values()) <= 8


def test_an_area_s_report_page_keeps_its_query_count(
    client_for: Callable[[str | None], Client],
) -> None:
    from .factories import kent_action
    from .helpers import kent_report

    report = kent_report()
    assert report.inspection is not None
    url = f"/inspections/{report.inspection.reference}/report/actions/"
    client = client_for("kent_coordinator")
    kent_action(report)
    few = _queries(client, url)
    for _ in range(10):
        from jtai.publication.models import ActionPlanItem

        item = ActionPlanItem.objects.get(pk=kent_action(report).pk)
        item.pk = None
        item.save()
    assert _queries(client, url) == few
