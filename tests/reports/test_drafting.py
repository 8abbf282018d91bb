"""Starting the letter from the evidence, drafting one section at a time with every
version kept, and no silent overwrite."""

from __future__ import annotations

import pytest

from jtai.inspections.models import EventKind, InspectionEvent
from jtai.letters.document import headings_for, split_paragraphs
from jtai.reports import services
from jtai.reports.access import LetterError
from jtai.reports.models import Letter, SectionVersion

from .factories import IMPROVEMENT, STRENGTH, drafting_letter, leeds, person, walk_to_drafting

pytestmark = pytest.mark.django_db


def test_the_letter_starts_from_the_evidence_under_the_framework_headings() -> None:
    letter = drafting_letter()
    sections = list(letter.sections.order_by("position"))
    assert [s.key for s in sections] == [
        h.key for h in headings_for(letter.inspection.framework.key)
    ]
    by_key = {s.key: s for s in sections}
    # Each note is a starting paragraph (the demo's own Leeds evidence is there too).
    strengths = split_paragraphs(by_key["strengths"].text)
    assert STRENGTH in strengths
    assert IMPROVEMENT in split_paragraphs(by_key["what_needs_to_improve"].text)
    link = next(e for e in by_key["strengths"].evidence if e["text"] == STRENGTH)
    assert link["polarity"] == "strength"
    assert link["polarity_label"] == "Strength"
    assert strengths[link["paragraph"] - 1] == STRENGTH
    assert link["agencies"] == ["West Yorkshire Police"]
    assert "Leeds" in by_key["context"].text
    assert "written statement" in by_key["next_steps"].text
    assert by_key["headline_findings"].text == ""
    assert by_key["headline_findings"].version == 0
    assert any("Director of children's services" in a for a in letter.addressees)
    assert next(s["inspectorate"] for s in letter.signatories) == "Ofsted"
    assert SectionVersion.objects.filter(section__letter=letter).count() == len(
        [s for s in sections if s.text]
    )
    assert InspectionEvent.objects.filter(
        inspection=letter.inspection, kind=EventKind.LETTER_STARTED
    ).exists()


def test_only_the_drafting_team_starts_it_and_only_once() -> None:
    inspection = walk_to_drafting(leeds())
    for who in ("qa", "leeds.coordinator"):
        with pytest.raises(LetterError, match="lead inspector and inspectors"):
            services.letter_start(actor=person(who), inspection=inspection)
    services.letter_start(actor=person("lead"), inspection=inspection)
    with pytest.raises(LetterError, match="already been started"):
        services.letter_start(actor=person("inspector"), inspection=inspection)


def test_not_before_fieldwork_has_closed() -> None:
    with pytest.raises(LetterError, match="once fieldwork closes"):
        services.letter_start(actor=person("lead"), inspection=leeds())


def test_every_save_is_a_version_and_a_stale_save_is_refused_keeping_nothing() -> None:
    letter = drafting_letter()
    section = letter.sections.get(key="headline_findings")
    services.section_save(actor=person("inspector"), section=section, text="First.", version=0)
    services.section_save(
        actor=person("lead"), section=section, text="First.\n\nSecond.", version=1
    )
    # The inspector saves from the version they opened, before the lead's save.
    with pytest.raises(LetterError) as refused:
        services.section_save(actor=person("inspector"), section=section, text="Mine.", version=1)
    assert refused.value.field == services.STALE
    section.refresh_from_db()
    assert section.text == "First.\n\nSecond."
    assert section.version == 2
    versions = list(
        section.versions.order_by("number").values_list("number", "author__email", "text")
    )
    assert versions == [
        (1, "inspector@demo.jtai.example", "First."),
        (2, "lead@demo.jtai.example", "First.\n\nSecond."),
    ]


def test_saving_the_same_text_adds_no_version() -> None:
    letter = drafting_letter()
    section = letter.sections.get(key="strengths")
    services.section_save(actor=person("lead"), section=section, text=section.text, version=1)
    assert section.versions.count() == 1


def test_only_the_drafting_team_edits() -> None:
    letter = drafting_letter()
    section = letter.sections.get(key="strengths")
    for who in ("qa", "programme", "leeds.coordinator"):
        with pytest.raises(LetterError, match="Only the lead inspector and inspectors"):
            services.section_save(actor=person(who), section=section, text="x", version=1)


def test_addressees_and_signatories_are_editable_with_a_version_check() -> None:
    letter = drafting_letter()
    signatories = [dict(s, name=f"Named {s['inspectorate']}") for s in letter.signatories]
    services.details_save(
        actor=person("lead"),
        letter=letter,
        addressees=["Chief executive, Leeds City Council", "  "],
        signatories=signatories,
        version=1,
    )
    letter = Letter.objects.get(pk=letter.pk)
    assert letter.addressees == ["Chief executive, Leeds City Council"]
    assert letter.signatories[0]["name"] == "Named Ofsted"
    with pytest.raises(LetterError) as stale:
        services.details_save(
            actor=person("inspector"),
            letter=letter,
            addressees=["X"],
            signatories=signatories,
            version=1,
        )
    assert stale.value.field == services.STALE
    with pytest.raises(LetterError, match="at least one addressee"):
        services.details_save(
            actor=person("inspector"),
            letter=letter,
            addressees=[],
            signatories=signatories,
            version=2,
        )
