"""The letter's pages through the HTTP client: who sees what (another area nothing, an
agency only its own comments, the area nothing before the draft is sent and never the
QA comments or evidence), bad input kept and explained, and flat query counts."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from django.utils.html import escape

from jtai.reports import services
from jtai.reports.models import Letter

from .factories import (
    STRENGTH,
    at,
    comment,
    drafting_letter,
    fill_required,
    person,
    sent_letter,
)

pytestmark = pytest.mark.django_db
ClientFor = Callable[[str | None], Client]


def _url(letter: Letter, name: str = "reports:letter", **kwargs: object) -> str:
    return reverse(name, kwargs={"reference": letter.inspection.reference, **kwargs})


def test_the_team_sees_the_draft_with_evidence_and_qa_comments_the_area_nothing(
    client_for: ClientFor,
) -> None:
    letter = fill_required(drafting_letter())
    services.submit_for_qa(actor=person("lead"), letter=letter)
    services.qa_comment_add(
        actor=person("qa"), section=letter.sections.get(key="strengths"), text="Say which team."
    )
    page = client_for("inspector").get(_url(letter)).content.decode()
    assert escape(STRENGTH) in page
    assert "Drawn from evidence" in page
    assert "Say which team." in page
    for role in ("leeds_coordinator", "leeds_police", "kent_coordinator"):
        assert client_for(role).get(_url(letter)).status_code == 404
        assert client_for(role).get(_url(letter, "reports:accuracy")).status_code == 404


def test_once_sent_the_area_sees_the_text_as_sent_and_nothing_internal(
    client_for: ClientFor,
) -> None:
    letter = sent_letter()
    strengths = letter.sections.get(key="strengths")
    # QA comments are made during quality assurance: lay one down as if it had been.
    strengths.qa_comments.create(
        author=person("qa"), text="Internal QA remark.", created_at=timezone.now()
    )
    services.section_save(
        actor=person("lead"),
        section=strengths,
        text="A later working edit.",
        version=strengths.version,
    )
    for role in ("leeds_coordinator", "leeds_police"):
        response = client_for(role).get(_url(letter))
        page = response.content.decode()
        assert response.status_code == 200
        assert escape(STRENGTH) in page
        assert "A later working edit." not in page
        assert "Internal QA remark." not in page
        assert "Drawn from evidence" not in page
    assert client_for("kent_coordinator").get(_url(letter)).status_code == 404
    assert client_for("kent_health").get(_url(letter, "reports:accuracy")).status_code == 404


def test_an_agency_sees_only_its_own_comments_and_inspectors_only_submitted_ones(
    client_for: ClientFor,
) -> None:
    letter = sent_letter()
    comment(letter, "leeds.police", 1, "Police remark on the context.")
    comment(letter, "leeds.health", 2, "Health remark on the context.")
    police = client_for("leeds_police").get(_url(letter, "reports:accuracy")).content.decode()
    assert "Police remark" in police
    assert "Health remark" not in police
    coordinator = (
        client_for("leeds_coordinator").get(_url(letter, "reports:accuracy")).content.decode()
    )
    assert "Police remark" in coordinator
    assert "Health remark" in coordinator
    inspector = client_for("inspector").get(_url(letter, "reports:accuracy")).content.decode()
    assert "Police remark" not in inspector
    services.comments_submit(
        actor=person("leeds.coordinator"),
        letter=letter,
        now=at(letter.inspection, "draft_report", 16),
    )
    inspector = client_for("inspector").get(_url(letter, "reports:accuracy")).content.decode()
    assert "Police remark" in inspector
    assert "Health remark" in inspector
    health_id = letter.accuracy_comments.get(agency__kind="health").pk
    assert (
        client_for("leeds_police")
        .get(_url(letter, "reports:comment", comment_id=health_id))
        .status_code
        == 404
    )


def test_a_concurrent_edit_is_refused_and_the_second_editor_keeps_their_text(
    client_for: ClientFor,
) -> None:
    letter = drafting_letter()
    url = _url(letter, "reports:section", key="headline_findings")
    lead, inspector = client_for("lead_inspector"), client_for("inspector")
    assert lead.post(url, {"text": "The lead's headline.", "version": 0}).status_code == 302
    response = inspector.post(url, {"text": "The inspector's headline.", "version": 0})
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this section since you opened it" in page
    assert "The inspector&#x27;s headline." in page  # still in the box
    assert "The lead&#x27;s headline." in page  # and theirs shown beside it
    assert letter.sections.get(key="headline_findings").text == "The lead's headline."
    # Saving again, having seen theirs, is deliberate and works.
    assert inspector.post(url, {"text": "Both headlines.", "version": 1}).status_code == 302


def test_versions_can_be_compared(client_for: ClientFor) -> None:
    letter = drafting_letter()
    section = letter.sections.get(key="headline_findings")
    services.section_save(
        actor=person("lead"), section=section, text="Leaders act quickly.", version=0
    )
    services.section_save(
        actor=person("inspector"), section=section, text="Leaders act very quickly.", version=1
    )
    page = (
        client_for("qa_manager")
        .get(_url(letter, "reports:history", key="headline_findings") + "?older=1&newer=2")
        .content.decode()
    )
    assert (
        '<ins class="jtai-diff-ins"><span class="govuk-visually-hidden">[added: </span>very<'
        in page
    )
    assert "Changes from version 1 to version 2" in page


def test_bad_input_is_explained_and_kept(client_for: ClientFor) -> None:
    letter = sent_letter()
    response = client_for("leeds_police").post(
        _url(letter, "reports:accuracy"), {"paragraph": "2", "text": "  "}
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter your comment on the paragraph" in page
    assert '<option value="2" selected>' in page
    assert not letter.accuracy_comments.exists()


def test_sending_an_unsigned_draft_is_refused_with_the_reason(client_for: ClientFor) -> None:
    letter = fill_required(drafting_letter())
    services.submit_for_qa(actor=person("lead"), letter=letter)
    response = client_for("qa_manager").post(_url(letter, "reports:send"))
    assert response.status_code == 400
    assert "Sign off the draft before sending it" in response.content.decode()
    assert Letter.objects.get(pk=letter.pk).sent_at is None


def test_the_lifecycle_steps_open_the_letter_pages(client_for: ClientFor) -> None:
    letter = drafting_letter()
    response = client_for("lead_inspector").get(
        reverse(
            "inspections:transition",
            kwargs={"reference": letter.inspection.reference, "transition": "submit_for_qa"},
        )
    )
    assert response.status_code == 302
    assert response["Location"] == _url(letter, "reports:submit")


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_counts_stay_flat_as_comments_and_versions_grow(client_for: ClientFor) -> None:
    letter = sent_letter()
    strengths = letter.sections.get(key="strengths")
    pages = {
        "inspector": [
            _url(letter),
            _url(letter, "reports:accuracy"),
            _url(letter, "reports:history", key="strengths"),
        ],
        "leeds_coordinator": [_url(letter), _url(letter, "reports:accuracy")],
    }

    def grow(times: int) -> None:
        for n in range(times):
            comment(letter, "leeds.police", 1 + n % 3, f"Police comment {n}.")
            strengths.qa_comments.create(
                author=person("qa"), text=f"QA {n}", created_at=timezone.now()
            )
            strengths.refresh_from_db()
            services.section_save(
                actor=person("lead"),
                section=strengths,
                text=f"Strengths {n}.",
                version=strengths.version,
            )

    grow(1)
    clients = {role: client_for(role) for role in pages}
    before = {
        (role, url): _queries(clients[role], url) for role, urls in pages.items() for url in urls
    }
    grow(9)
    after = {
        (role, url): _queries(clients[role], url) for role, urls in pages.items() for url in urls
    }
    assert after == before


def test_evidence_links_open_the_notes_and_the_inspection_page_links_the_letter(
    client_for: ClientFor,
) -> None:
    letter = drafting_letter()
    link = next(e for e in letter.sections.get(key="strengths").evidence if e["text"] == STRENGTH)
    note_url = reverse(
        "evidence:detail",
        kwargs={"reference": letter.inspection.reference, "note_id": link["note"]},
    )
    assert f'href="{note_url}"' in client_for("inspector").get(_url(letter)).content.decode()
    detail = reverse("inspections:detail", kwargs={"reference": letter.inspection.reference})
    assert "Findings letter" in client_for("inspector").get(detail).content.decode()
    assert "Findings letter" not in client_for("leeds_coordinator").get(detail).content.decode()
