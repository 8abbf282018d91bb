"""Purging an inspection's evidence also removes the copies kept beside the letter."""

from __future__ import annotations

import pytest
from django.conf import settings

from jtai.reports.retention import LetterEvidencePurger
from jtai.retention.registry import purgers

from .factories import drafting_letter

pytestmark = pytest.mark.django_db


def test_the_letters_evidence_copies_are_purged_and_the_letter_stays() -> None:
    letter = drafting_letter()
    purger = LetterEvidencePurger()
    links = purger.count(letter.inspection)["letter_evidence_links"]
    assert links >= 2
    assert purger.purge(letter.inspection).counts == {"letter_evidence_links": links}
    assert not [s for s in letter.sections.all() if s.evidence]
    assert letter.sections.get(key="strengths").text
    assert purger.count(letter.inspection) == {"letter_evidence_links": 0}


def test_it_is_registered() -> None:
    assert "jtai.reports.retention.LetterEvidencePurger" in settings.JTAI_RETENTION_PURGERS
    assert any(isinstance(p, LetterEvidencePurger) for p in purgers())
