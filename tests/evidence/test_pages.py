"""The evidence page (filters, search, pages), the morning summary and the Friday
feedback: what they show, and that they cost the same few queries for ten times the
evidence."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jtai.accounts.models import User
from jtai.areas.models import AgencyKind
from jtai.evidence import services
from jtai.evidence.models import EvidenceNote, Polarity
from jtai.evidence.selectors import tracked_children
from jtai.inspections.models import Inspection

from .factories import agency, cornwall, criterion, leeds, note_input

ClientFor = Callable[[str | None], Client]

WORDS = ("health visitors", "strategy meetings", "school nurses", "police notifications")


def add_notes(inspection: Inspection, authors: list[User], count: int) -> None:
    children = list(tracked_children(inspection))
    start = timezone.now() - dt.timedelta(days=1)
    for n in range(count):
        services.note_record(
            author=authors[n % len(authors)],
            inspection=inspection,
            data=note_input(
                inspection,
                text=f"Note {n}: {WORDS[n % len(WORDS)]} were seen to work well together.",
                key=("identification", "assessment", "protection")[n % 3],
                polarity=(Polarity.STRENGTH, Polarity.AREA_FOR_IMPROVEMENT, Polarity.CONTEXT)[
                    n % 3
                ],
                kinds=((AgencyKind.POLICE,), (AgencyKind.HEALTH, AgencyKind.LOCAL_AUTHORITY))[
                    n % 2
                ],
                source=services.Source("child", children[n % len(children)].pk),
                is_key=n % 5 == 0,
            ),
            now=start + dt.timedelta(minutes=n),
        )


def list_url(inspection: Inspection, query: str = "") -> str:
    return reverse("evidence:list", kwargs={"reference": inspection.reference}) + query


def test_filters_narrow_the_evidence(client_for: ClientFor, users: dict[str, User]) -> None:
    inspection = cornwall()
    client = client_for("lead_inspector")
    everything = EvidenceNote.objects.filter(inspection=inspection)
    page = client.get(list_url(inspection)).content.decode()
    assert f"{everything.count()} notes" in page
    chosen = criterion(inspection, "prevention")
    police = agency(inspection, AgencyKind.POLICE)
    cases = {
        f"?criterion={chosen.pk}": everything.filter(criterion=chosen),
        f"?agency={police.pk}": everything.filter(agencies=police),
        "?polarity=improvement": everything.filter(polarity="improvement"),
        "?inspectorate=cqc": everything.filter(author__inspectorate__code="cqc"),
        f"?criterion={chosen.pk}&polarity=strength": everything.filter(
            criterion=chosen, polarity="strength"
        ),
        "?key=on": everything.filter(is_key=True),
    }
    for query, expected in cases.items():
        count = expected.count()
        assert count, query
        page = client.get(list_url(inspection, query)).content.decode()
        assert f"{count} note{'s' if count != 1 else ''} match" in page, query
        for note in expected[:3]:
            assert f"evidence {note.pk}<" in page, query


def test_search_finds_words_and_marks_them(client_for: ClientFor) -> None:
    inspection = cornwall()
    client = client_for("lead_inspector")
    page = client.get(list_url(inspection, "?q=midwives")).content.decode()
    expected = EvidenceNote.objects.filter(
        inspection=inspection, text__icontains="midwives"
    ).count()
    assert expected
    assert f"{expected} note{'s' if expected != 1 else ''} match" in page
    assert "<mark>" in page
    nothing = client.get(list_url(inspection, "?q=zebracrossing")).content.decode()
    assert "No evidence matches" in nothing
    assert "Try fewer or different words" in nothing


def test_search_with_a_filter(client_for: ClientFor) -> None:
    inspection = cornwall()
    police = agency(inspection, AgencyKind.POLICE)
    expected = EvidenceNote.objects.filter(
        inspection=inspection, agencies=police, text__icontains="notifications"
    ).count()
    assert expected
    page = (
        client_for("lead_inspector")
        .get(list_url(inspection, f"?q=notifications&agency={police.pk}"))
        .content.decode()
    )
    assert f"{expected} note{'s' if expected != 1 else ''} match" in page


def test_pages_of_twenty_five(client_for: ClientFor) -> None:
    inspection = cornwall()
    client = client_for("lead_inspector")
    total = EvidenceNote.objects.filter(inspection=inspection).count()
    first = client.get(list_url(inspection)).content.decode()
    assert first.count('class="jtai-evidence-note"') == 25
    assert "Page 1 of 2" in first
    second = client.get(list_url(inspection, "?page=2")).content.decode()
    assert second.count('class="jtai-evidence-note"') == total - 25


def _queries(client: Client, url: str) -> int:
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


@pytest.mark.parametrize(
    "page",
    ["list", "search", "filtered", "summary", "feedback", "tracking"],
)
def test_queries_stay_flat_with_ten_times_the_evidence(
    client_for: ClientFor, users: dict[str, User], page: str
) -> None:
    inspection = leeds()
    authors = [users["inspector"], users["lead_inspector"]]
    police = agency(inspection, AgencyKind.POLICE)
    url = {
        "list": list_url(inspection),
        "search": list_url(inspection, "?q=health+visitors"),
        "filtered": list_url(
            inspection, f"?agency={police.pk}&polarity=strength&inspectorate=ofsted"
        ),
        "summary": reverse("evidence:summary", kwargs={"reference": inspection.reference}),
        "feedback": reverse("evidence:feedback", kwargs={"reference": inspection.reference}),
        "tracking": reverse("tracking:list", kwargs={"reference": inspection.reference}),
    }[page]
    client = client_for("inspector")
    client.get(url)  # the session and caches warmed
    add_notes(inspection, authors, 6)
    once = _queries(client, url)
    add_notes(inspection, authors, 60)
    tenfold = _queries(client, url)
    assert tenfold == once


def test_the_summary_counts_by_criterion_and_agency(
    client_for: ClientFor, users: dict[str, User]
) -> None:
    inspection = cornwall()
    notes = EvidenceNote.objects.filter(inspection=inspection)
    page = (
        client_for("lead_inspector")
        .get(reverse("evidence:summary", kwargs={"reference": inspection.reference}))
        .content.decode()
    )
    strengths = notes.filter(polarity="strength").count()
    assert f"{notes.count()} notes: {strengths} strengths" in page
    assert '<caption class="govuk-table__caption govuk-table__caption--m">By criterion' in page
    assert "By agency" in page
    newest = notes.filter(criterion=criterion(inspection, "prevention")).order_by(
        "-created_at", "-id"
    )[0]
    assert (
        reverse("evidence:detail", kwargs={"reference": inspection.reference, "note_id": newest.pk})
        in page
    )


def test_the_friday_feedback_gives_the_key_findings_by_criterion_and_agency(
    client_for: ClientFor,
) -> None:
    inspection = cornwall()
    url = reverse("evidence:feedback", kwargs={"reference": inspection.reference})
    page = client_for("lead_inspector").get(url).content.decode()
    key = EvidenceNote.objects.filter(inspection=inspection, is_key=True)
    not_key = EvidenceNote.objects.filter(
        inspection=inspection, is_key=False, polarity="strength"
    ).exclude(text__in=key.values("text"))
    assert key.exists()
    for note in key:
        assert note.text.replace("'", "&#x27;") in page
    assert not_key.first().text.replace("'", "&#x27;") not in page  # type: ignore[union-attr]
    assert "By criterion" in page
    assert "By agency" in page
    assert "evidence/evidence.css" in page  # its print stylesheet
    assert "<script>" not in page


def test_the_feedback_shows_every_finding_until_key_findings_are_marked(
    client_for: ClientFor, users: dict[str, User]
) -> None:
    inspection = leeds()
    EvidenceNote.objects.filter(inspection=inspection).update(is_key=False)
    services.note_create(
        actor=users["inspector"],
        inspection=inspection,
        data=note_input(inspection, text="Health visitors share concerns promptly."),
    )
    url = reverse("evidence:feedback", kwargs={"reference": inspection.reference})
    page = client_for("lead_inspector").get(url).content.decode()
    assert "No evidence is marked as a key finding yet" in page
    assert "Health visitors share concerns promptly." in page
