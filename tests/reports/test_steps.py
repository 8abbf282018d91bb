"""The pages that take one step on the letter after asking to confirm it (send for QA,
send to the area, submit the area's comments, finalise): who may open them, the
service's refusal shown above the button with nothing changed, and on success the
message on the page the step leads to."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.contrib.messages import get_messages
from django.http import HttpResponse
from django.test import Client
from django.urls import reverse

from jtai.inspections.models import Status
from jtai.reports import services
from jtai.reports.models import Letter

from .factories import (
    at,
    comment,
    drafting_letter,
    fill_required,
    leeds,
    person,
    sent_letter,
    walk_to_drafting,
)

pytestmark = pytest.mark.django_db
ClientFor = Callable[[str | None], Client]


def _url(reference: str, name: str) -> str:
    return reverse(name, kwargs={"reference": reference})


def _said(response: HttpResponse) -> list[str]:
    return [str(m) for m in get_messages(response.wsgi_request)]  # type: ignore[attr-defined]


def _status(letter: Letter) -> str:
    return str(Letter.objects.select_related("inspection").get(pk=letter.pk).inspection.status)


def test_sending_for_qa_is_the_lead_s_and_is_refused_until_the_draft_is_complete(
    client_for: ClientFor,
) -> None:
    letter = drafting_letter()
    url = _url(letter.inspection.reference, "reports:submit")
    assert client_for("inspector").post(url).status_code == 403
    lead = client_for("lead_inspector")
    page = lead.get(url).content.decode()
    assert "These required sections are empty: Headline findings, Main findings" in page

    refused = lead.post(url)
    assert refused.status_code == 400
    assert "Write the Headline findings and Main findings sections" in refused.content.decode()
    assert _status(letter) == Status.DRAFTING

    fill_required(letter)
    sent = lead.post(url)
    assert sent.status_code == 302
    assert sent["Location"] == _url(letter.inspection.reference, "reports:letter")
    assert _said(sent) == ["Draft sent for quality assurance."]
    assert _status(letter) == Status.QUALITY_ASSURANCE


def test_a_step_needing_a_letter_says_so_or_is_not_found_before_it_is_started(
    client_for: ClientFor,
) -> None:
    reference = walk_to_drafting(leeds()).reference
    lead = client_for("lead_inspector")
    assert "Start the letter first." in lead.get(_url(reference, "reports:submit")).content.decode()
    response = lead.post(_url(reference, "reports:submit"))
    assert response.status_code == 400
    assert "Start the letter before sending it for quality assurance." in response.content.decode()
    # Sending to the area has nothing to say without a letter: the page is not there.
    assert client_for("qa_manager").get(_url(reference, "reports:send")).status_code == 404
    # The QA manager is not the lead: refused before the letter is looked for.
    assert client_for("qa_manager").get(_url(reference, "reports:submit")).status_code == 403


def test_the_qa_manager_sends_the_signed_off_draft_to_the_area(client_for: ClientFor) -> None:
    letter = fill_required(drafting_letter())
    services.submit_for_qa(actor=person("lead"), letter=letter)
    services.sign_off(actor=person("qa"), letter=letter)
    url = _url(letter.inspection.reference, "reports:send")
    assert client_for("lead_inspector").post(url).status_code == 403
    assert _status(letter) == Status.QUALITY_ASSURANCE
    response = client_for("qa_manager").post(url)
    assert response.status_code == 302
    assert response["Location"] == _url(letter.inspection.reference, "reports:letter")
    assert _said(response) == ["Draft sent to Leeds for factual accuracy."]
    assert _status(letter) == Status.FACTUAL_ACCURACY


def test_the_coordinator_submits_the_area_s_comments_and_hears_how_many_went(
    client_for: ClientFor,
) -> None:
    letter = sent_letter()
    comment(letter, "leeds.police", 1)
    comment(letter, "leeds.health", 2, "The designated nurse post was filled in May.")
    url = _url(letter.inspection.reference, "reports:comments-submit")
    assert client_for("kent_coordinator").get(url).status_code == 404
    coordinator = client_for("leeds_coordinator")
    assert "2 comments will go to the inspectors" in coordinator.get(url).content.decode()
    response = coordinator.post(url)
    assert response.status_code == 302
    assert response["Location"] == _url(letter.inspection.reference, "reports:accuracy")
    assert _said(response) == ["2 comments submitted to the inspectors."]
    # Submitted once: a second go is refused with the reason on the page.
    again = coordinator.post(url)
    assert again.status_code == 400
    assert "have been submitted to the inspectors" in again.content.decode()


def test_finalising_shows_the_service_s_refusal_then_leads_to_the_inspection(
    client_for: ClientFor,
) -> None:
    letter = sent_letter()
    police = comment(letter, "leeds.police", 1)
    services.comments_submit(
        actor=person("leeds.coordinator"),
        letter=letter,
        now=at(letter.inspection, "draft_report", 16),
    )
    url = _url(letter.inspection.reference, "reports:finalise")
    assert client_for("inspector").get(url).status_code == 403
    lead = client_for("lead_inspector")
    refused = lead.post(url)
    assert refused.status_code == 400
    assert "Answer the area&#x27;s 1 remaining" in refused.content.decode()
    assert _status(letter) == Status.FACTUAL_ACCURACY

    police.refresh_from_db()
    services.comment_respond(
        actor=person("lead"), comment=police, accept=True, response="Corrected."
    )
    response = lead.post(url)
    assert response.status_code == 302
    assert response["Location"] == _url(letter.inspection.reference, "inspections:detail")
    assert _said(response) == ["Final report sent to the area's leaders, embargoed."]
    assert _status(letter) == Status.FINALISED
