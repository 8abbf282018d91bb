"""Who finds a report inside the service, and the log of every look at one under
embargo; the inspectorates' dashboard shows overdue written statements."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import time_machine
from django.test import Client

from jtai.audit.models import AccessEvent, AccessKind
from jtai.inspections.models import Inspection, Status

from .helpers import MINUTE, birmingham_report, kent_report


def _report_url(reference: str, suffix: str = "") -> str:
    return f"/inspections/{reference}/report/{suffix}"


def _logged(reference: str) -> list[tuple[str, str]]:
    return list(
        AccessEvent.objects.filter(
            kind=AccessKind.EMBARGOED_REPORT, inspection__reference=reference
        )
        .order_by("id")
        .values_list("user__email", "action")
    )


def test_the_team_reads_the_embargoed_report_and_each_look_is_logged(
    client_for: Callable[[str | None], Client],
) -> None:
    report = birmingham_report()
    assert report.inspection is not None
    reference = report.inspection.reference
    page = client_for("lead_inspector").get(_report_url(reference))
    html = page.content.decode()
    assert page.status_code == 200
    assert "Embargoed until 9:30am on" in html
    assert "govuk-tag--orange" in html
    pdf = client_for("qa_manager").get(_report_url(reference, "pdf/"))
    assert pdf["Content-Type"] == "application/pdf"
    assert pdf["Content-Disposition"].endswith('-embargoed.pdf"')
    assert _logged(reference) == [
        ("lead@demo.jtai.example", "view"),
        ("qa@demo.jtai.example", "download"),
    ]


def test_a_published_report_is_not_logged_as_embargoed(
    client_for: Callable[[str | None], Client],
) -> None:
    report = kent_report()
    assert report.inspection is not None
    assert (
        client_for("kent_coordinator").get(_report_url(report.inspection.reference)).status_code
        == 200
    )
    assert _logged(report.inspection.reference) == []


def test_after_the_moment_viewing_is_no_longer_logged(
    client_for: Callable[[str | None], Client],
) -> None:
    report = birmingham_report()
    assert report.inspection is not None
    with time_machine.travel(report.publish_at + MINUTE, tick=False):
        response = client_for("lead_inspector").get(_report_url(report.inspection.reference))
    assert "Embargoed until" not in response.content.decode()
    assert _logged(report.inspection.reference) == []


@pytest.mark.parametrize("role", ["leeds_coordinator", "kent_health", "inspector"])
def test_another_area_or_team_does_not_find_the_embargoed_report(
    client_for: Callable[[str | None], Client], role: str
) -> None:
    report = birmingham_report()
    assert report.inspection is not None
    for suffix in ("", "pdf/"):
        assert (
            client_for(role).get(_report_url(report.inspection.reference, suffix)).status_code
            == 404
        )
    assert _logged(report.inspection.reference) == []


def test_the_area_finds_the_report_from_the_inspection_page(
    client_for: Callable[[str | None], Client],
) -> None:
    kent = Inspection.objects.get(area__name="Kent", status=Status.PUBLISHED)
    html = client_for("kent_coordinator").get(f"/inspections/{kent.reference}/").content.decode()
    assert _report_url(kent.reference) in html
    assert "Written statement and action plan" in html


def test_overdue_written_statements_show_on_the_dashboard(
    client_for: Callable[[str | None], Client],
) -> None:
    kent = Inspection.objects.get(area__name="Kent", status=Status.PUBLISHED)
    html = client_for("programme_manager").get("/").content.decode()
    assert kent.reference in html
    assert "Written statement of action due" in html
