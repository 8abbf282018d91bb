"""The public site, its API and its search: a report appears at its publication moment
and not a second earlier, whether or not the publishing job has run."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import time_machine
from django.test import Client

from jtai.publication.models import ReportStatus

from .helpers import MINUTE, birmingham_report, kent_report


def _visible(client: Client, slug: str) -> dict[str, bool]:
    api_list = client.get("/api/v1/reports", {"limit": 100}).json()
    searched = client.get("/api/v1/reports", {"q": "Birmingham"}).json()
    page = client.get("/reports/", {"q": "Birmingham"}).content.decode()
    return {
        "list": slug in client.get("/reports/").content.decode(),
        "search": f"/reports/{slug}/" in page,
        "page": client.get(f"/reports/{slug}/").status_code == 200,
        "pdf": client.get(f"/reports/{slug}/pdf/").status_code == 200,
        "api list": any(r["slug"] == slug for r in api_list["items"]),
        "api search": any(r["slug"] == slug for r in searched["items"]),
        "api detail": client.get(f"/api/v1/reports/{slug}").status_code == 200,
    }


@pytest.mark.parametrize("role", [None, "kent_coordinator"])
def test_a_report_is_invisible_a_minute_before_its_moment_and_visible_a_minute_after(
    client_for: Callable[[str | None], Client], role: str | None
) -> None:
    report = birmingham_report()
    # Signed in at each moment: sessions end after half an hour idle.
    with time_machine.travel(report.publish_at - MINUTE, tick=False):
        before = _visible(client_for(role), report.slug)
    with time_machine.travel(report.publish_at + MINUTE, tick=False):
        after = _visible(client_for(role), report.slug)
    assert before == dict.fromkeys(before, False)
    assert after == dict.fromkeys(after, True)
    # The job has not run: the moment is the clock's, not the worker's.
    report.refresh_from_db()
    assert report.status == ReportStatus.EMBARGOED


def test_published_report_reads_as_numbered_html_with_its_pdf(
    client_for: Callable[[str | None], Client],
) -> None:
    report = kent_report()
    response = client_for(None).get(f"/reports/{report.slug}/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Joint targeted area inspection of Kent" in html
    assert 'id="paragraph-1"' in html
    assert "Headline findings" in html
    assert "Next steps" in html
    assert "Director of Children&#x27;s Services, Kent Council" in html
    assert "Yvette Stanley" in html
    pdf = client_for(None).get(f"/reports/{report.slug}/pdf/")
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF-")


def test_the_api_gives_the_report_with_numbered_paragraphs(
    client_for: Callable[[str | None], Client],
) -> None:
    report = kent_report()
    assert report.area is not None
    body = client_for(None).get(f"/api/v1/reports/{report.slug}").json()
    assert body["title"] == "Joint targeted area inspection of Kent"
    assert body["area_code"] == report.area.ons_code
    assert body["pdf_url"] == f"/reports/{report.slug}/pdf/"
    numbers = [p["number"] for s in body["sections"] for p in s["paragraphs"]]
    assert numbers == list(range(1, len(numbers) + 1))
    assert body["signatories"][0]["inspectorate"] == "Ofsted"
    assert client_for(None).get("/api/v1/reports/no-such-report").status_code == 404


def test_the_list_filters_by_area_region_theme_and_year(
    client_for: Callable[[str | None], Client],
) -> None:
    kent = kent_report()
    assert kent.area is not None
    client = client_for(None)
    year = kent.publish_at.year

    def listed(**params: str | int) -> bool:
        return f"/reports/{kent.slug}/" in client.get("/reports/", params).content.decode()

    assert listed(area=kent.area.ons_code)
    assert listed(region="South East", theme="front-door", year=year)
    assert not listed(region="London")
    assert not listed(q="Birmingham")
    refused = client.get("/reports/", {"year": "1999"})
    assert refused.status_code == 400
    assert "Choose a year from the list" in refused.content.decode()
