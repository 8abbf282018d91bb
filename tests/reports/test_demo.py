"""The demo's letters: one for each inspection past fieldwork, at its stage."""

from __future__ import annotations

import pytest
from django.test import Client
from django_otp.plugins.otp_totp.models import TOTPDevice

from jtai.accounts.models import User
from jtai.inspections.models import Status
from jtai.letters.document import LetterDocument
from jtai.publication.models import Report
from jtai.reports.models import CommentStatus, Letter
from tests.accounts.factories import sign_in_fully

pytestmark = pytest.mark.django_db


def _letter(area: str, status: str) -> Letter:
    return Letter.objects.select_related("inspection").get(
        inspection__area__name=area, inspection__status=status
    )


def test_cornwall_is_with_quality_assurance_with_a_comment() -> None:
    letter = _letter("Cornwall", Status.QUALITY_ASSURANCE)
    assert letter.sent_at is None
    assert not letter.is_signed_off
    assert letter.sections.filter(qa_comments__isnull=False).exists()
    assert not [s for s in letter.sections.filter(required=True) if s.is_empty]
    assert any(s.evidence for s in letter.sections.all()), "drawn from the evidence demo"


def test_manchester_is_in_factual_accuracy_with_the_areas_comments() -> None:
    letter = _letter("Manchester", Status.FACTUAL_ACCURACY)
    assert letter.sent_document
    assert letter.accuracy_due == letter.inspection.planned("factual_accuracy_due")
    statuses = sorted(letter.accuracy_comments.values_list("status", flat=True))
    assert statuses == [CommentStatus.PROPOSED, CommentStatus.PROPOSED, CommentStatus.WITHDRAWN]
    areas = {c.author.area_id for c in letter.accuracy_comments.select_related("author")}
    assert areas == {letter.inspection.area_id}


def test_finalised_and_published_letters_are_the_ones_publication_holds() -> None:
    for area, status in (("Birmingham", Status.FINALISED), ("Kent", Status.PUBLISHED)):
        letter = _letter(area, status)
        final = LetterDocument.from_dict(letter.final_document)
        report = Report.objects.get(inspection=letter.inspection)
        published = LetterDocument.from_dict(report.document)
        assert final.sections == published.sections
    kent = _letter("Kent", Status.PUBLISHED)
    assert kent.accuracy_comments.get().status == CommentStatus.ACCEPTED


def test_manchesters_people_sign_in_like_every_demo_account_and_see_its_comments() -> None:
    coordinator = User.objects.get(email="manchester.coordinator@demo.jtai.example")
    assert TOTPDevice.objects.filter(user=coordinator, confirmed=True).exists()
    letter = _letter("Manchester", Status.FACTUAL_ACCURACY)
    client = sign_in_fully(Client(), coordinator)
    page = client.get(f"/inspections/{letter.inspection.reference}/letter/factual-accuracy/")
    assert page.status_code == 200
    assert "six months at the time of the inspection" in page.content.decode()
