"""A thematic overview from published inspections to the public site: assembled, edited
(stale saves refused), signed off by its QA manager, embargoed and published on time."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
import time_machine
from django.core import mail
from django.test import Client
from django.utils import timezone

from jtai.accounts.models import User
from jtai.programme.models import Theme
from jtai.programme.selectors import working_calendar
from jtai.publication import overviews, services
from jtai.publication.models import OverviewStatus, ReportStatus, ThematicOverview

from .helpers import MINUTE


def _demo_overview() -> ThematicOverview:
    return ThematicOverview.objects.get(theme__key="front-door")


def test_the_draft_draws_on_the_theme_s_published_inspections(users: dict[str, User]) -> None:
    overview = _demo_overview()
    assert overview.findings["inspections"] == 2
    areas = sorted(i.area.name for i in overview.inspections.all())
    assert areas == ["Kent", "Leeds"]  # Birmingham's report is still embargoed
    text = {s.key: s.paragraphs for s in overview.letter.sections}
    assert any(p.startswith("In Kent: ") for p in text["strengths"])
    assert any(p.startswith("In Leeds: ") for p in text["areas_for_improvement"])
    with pytest.raises(services.PublicationError, match="already being prepared"):
        overviews.overview_create(
            actor=users["programme_manager"], theme=Theme.objects.get(key="front-door")
        )
    with pytest.raises(services.PublicationError, match="No inspection of"):
        overviews.overview_create(
            actor=users["programme_manager"], theme=Theme.objects.get(key="neglect")
        )


def test_from_draft_to_the_public_site(
    users: dict[str, User],
    client_for: Callable[[str | None], Client],
    django_capture_on_commit_callbacks: Any,
) -> None:
    pm, qa = users["programme_manager"], users["qa_manager"]
    overview = _demo_overview()
    url = f"/programme/overviews/{overview.pk}/"
    # The QA manager returns it; the programme manager edits and sends it again.
    returned = client_for("qa_manager").post(
        url + "step/", {"step": "return", "reason": "Say more about early help."}
    )
    assert returned.status_code == 302
    overview.refresh_from_db()
    assert overview.status == OverviewStatus.DRAFT
    letter = overview.letter
    form = {"title": overview.title, "version": overview.version}
    form.update({s.key: "\n\n".join(s.paragraphs) for s in letter.sections})
    form["next_steps"] = "Partnerships should review early help.\n\nAnd their front doors."
    assert client_for("programme_manager").post(url + "edit/", form).status_code == 302
    stale = client_for("programme_manager").post(url + "edit/", {**form, "next_steps": "Mine"})
    assert stale.status_code == 400
    assert "after you opened it" in stale.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        overviews.overview_submit(actor=pm, overview=overview, qa_manager=qa)
    assert [m.to for m in mail.outbox] == [[qa.email]]
    assert f"/programme/overviews/{overview.pk}/" in mail.outbox[0].body
    assert client_for("lead_inspector").post(url + "step/", {"step": "sign_off"}).status_code == 403
    assert client_for("qa_manager").post(url + "step/", {"step": "sign_off"}).status_code == 302
    # Publication: a date in the past is refused; then embargoed until a working day.
    past = client_for("programme_manager").post(
        url + "step/",
        {
            "step": "embargo",
            "publish_on_day": "1",
            "publish_on_month": "1",
            "publish_on_year": "2020",
        },
    )
    assert "must be in the future" in past.content.decode()
    day = working_calendar().add_working_days(timezone.localdate(), 5)
    response = client_for("programme_manager").post(
        url + "step/",
        {
            "step": "embargo",
            "publish_on_day": str(day.day),
            "publish_on_month": str(day.month),
            "publish_on_year": str(day.year),
        },
    )
    assert response.status_code == 302
    report = overview.report
    assert report.letter.sections[-1].paragraphs == (
        "Partnerships should review early help.",
        "And their front doors.",
    )
    public = f"/reports/overviews/{report.slug}/"
    with time_machine.travel(report.publish_at - MINUTE, tick=False):
        assert client_for(None).get(public).status_code == 404
        assert report.slug not in client_for(None).get("/reports/").content.decode()
    assert report.pk in [r.pk for r in services.publish_due(report.publish_at + MINUTE)]
    report.refresh_from_db()
    assert report.status == ReportStatus.PUBLISHED
    with time_machine.travel(report.publish_at + MINUTE, tick=False):
        page = client_for(None).get(public)
        assert page.status_code == 200
        assert "Partnerships should review early help." in page.content.decode()
        assert client_for(None).get(public + "pdf/").content.startswith(b"%PDF-")
        listed = client_for(None).get("/reports/", {"theme": "front-door"}).content.decode()
        assert public in listed


@pytest.mark.parametrize("role", ["lead_inspector", "inspector", "kent_coordinator"])
def test_only_programme_and_qa_managers_see_overviews(
    client_for: Callable[[str | None], Client], role: str
) -> None:
    overview = _demo_overview()
    assert client_for(role).get(f"/programme/overviews/{overview.pk}/").status_code == 403


def test_a_qa_manager_it_was_not_sent_to_cannot_sign_it_off(users: dict[str, User]) -> None:
    other = User.objects.filter(role="qa_manager").exclude(pk=users["qa_manager"].pk).first()
    assert other is not None
    overview = _demo_overview()
    with pytest.raises(services.PublicationError, match="Only the quality assurance manager"):
        overviews.overview_sign_off(actor=other, overview=overview)
    overview.refresh_from_db()
    assert overview.status == OverviewStatus.QUALITY_ASSURANCE
