"""Quality assurance, the draft sent to the area, factual accuracy comments and the
final letter: each step's rules hold in the services, and a refusal changes nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import pytest
from django.test import Client

from jtai.inspections.models import EventKind, InspectionEvent, Status
from jtai.letters.document import LetterDocument
from jtai.programme.selectors import working_calendar
from jtai.publication.models import Report
from jtai.reports import services
from jtai.reports.access import LetterError
from jtai.reports.models import AccuracyComment, CommentStatus, Letter

from .factories import at, comment, drafting_letter, fill_required, person, sent_letter

pytestmark = pytest.mark.django_db


def _reload(letter: Letter) -> Letter:
    return Letter.objects.select_related("inspection").get(pk=letter.pk)


def test_qa_is_refused_while_a_required_section_is_empty() -> None:
    letter = drafting_letter()
    with pytest.raises(
        LetterError, match=r"Write the Headline findings and Main findings sections"
    ):
        services.submit_for_qa(actor=person("lead"), letter=letter)
    assert _reload(letter).inspection.status == Status.DRAFTING


def test_only_the_lead_sends_for_qa() -> None:
    letter = fill_required(drafting_letter())
    with pytest.raises(LetterError, match="Only the lead inspector"):
        services.submit_for_qa(actor=person("inspector"), letter=letter)
    services.submit_for_qa(actor=person("lead"), letter=letter)
    assert _reload(letter).inspection.status == Status.QUALITY_ASSURANCE


def test_qa_comments_return_sign_off_and_an_edit_withdraws_the_sign_off() -> None:
    letter = fill_required(drafting_letter())
    services.submit_for_qa(actor=person("lead"), letter=letter)
    section = letter.sections.get(key="strengths")
    with pytest.raises(LetterError, match="quality assurance manager"):
        services.qa_comment_add(actor=person("lead"), section=section, text="Fine.")
    services.qa_comment_add(actor=person("qa"), section=section, text="Name the agency.")
    with pytest.raises(LetterError, match="Enter what the team needs to change"):
        services.return_draft(actor=person("qa"), letter=letter, reason="  ")
    services.return_draft(actor=person("qa"), letter=letter, reason="Strengths need evidence.")
    letter = _reload(letter)
    assert letter.inspection.status == Status.DRAFTING
    # Nothing can be signed off outside quality assurance, nor sent unsigned.
    services.submit_for_qa(actor=person("lead"), letter=letter)
    with pytest.raises(LetterError, match="Sign off the draft before sending it"):
        services.send_draft(actor=person("qa"), letter=letter)
    services.sign_off(actor=person("qa"), letter=letter)
    assert _reload(letter).is_signed_off
    section.refresh_from_db()
    services.section_save(
        actor=person("inspector"),
        section=section,
        text=section.text + " More.",
        version=section.version,
    )
    letter = _reload(letter)
    assert not letter.is_signed_off
    kinds = list(
        InspectionEvent.objects.filter(inspection=letter.inspection)
        .order_by("id")
        .values_list("kind", flat=True)
    )
    assert kinds[-2:] == [EventKind.LETTER_SIGNED_OFF, EventKind.SIGN_OFF_WITHDRAWN]
    with pytest.raises(LetterError, match="Sign off the draft before sending it"):
        services.send_draft(actor=person("qa"), letter=letter)
    assert _reload(letter).inspection.status == Status.QUALITY_ASSURANCE


def test_sending_freezes_the_text_and_sets_the_due_date() -> None:
    letter = sent_letter()
    inspection = letter.inspection
    assert inspection.status == Status.FACTUAL_ACCURACY
    assert letter.accuracy_due == inspection.planned("factual_accuracy_due")
    document = LetterDocument.from_dict(letter.sent_document)
    assert document.title.startswith("Joint targeted area inspection")
    strengths = letter.sections.get(key="strengths")
    services.section_save(
        actor=person("lead"), section=strengths, text="Rewritten.", version=strengths.version
    )
    # The snapshot the area comments on stays as sent.
    assert _reload(letter).sent_document == document.to_dict()


def test_a_late_draft_gives_the_area_the_same_number_of_working_days() -> None:
    letter = sent_letter()
    inspection = letter.inspection
    planned_draft = inspection.planned("draft_report")
    planned_due = inspection.planned("factual_accuracy_due")
    assert planned_draft is not None
    assert planned_due is not None
    calendar = working_calendar()
    allowed = calendar.count_working_days(planned_draft, planned_due)
    assert allowed == 9
    late = planned_draft + dt.timedelta(days=7)
    due = services.accuracy_due_for(inspection, late)
    assert due > planned_due
    assert calendar.count_working_days(late, due) == allowed


def test_agency_comments_then_coordinator_consolidates_and_submits() -> None:
    letter = sent_letter()
    police = comment(letter, "leeds.police", 2)
    health = comment(letter, "leeds.health", 3, "The designated nurse post was filled in May.")
    when = at(letter.inspection, "draft_report", 16)
    # An agency contact cannot change another agency's comment; the coordinator can.
    with pytest.raises(LetterError, match="your own agency's"):
        services.comment_edit(
            actor=person("leeds.police"), comment=health, text="x", version=1, now=when
        )
    services.comment_edit(
        actor=person("leeds.coordinator"),
        comment=health,
        text="Filled in May 2025.",
        version=1,
        now=when,
    )
    services.comment_withdraw(actor=person("leeds.coordinator"), comment=police, now=when)
    with pytest.raises(LetterError, match="Only the partnership coordinator"):
        services.comments_submit(actor=person("leeds.police"), letter=letter, now=when)
    assert services.comments_submit(actor=person("leeds.coordinator"), letter=letter, now=when) == 1
    statuses = dict(AccuracyComment.objects.filter(letter=letter).values_list("pk", "status"))
    assert statuses == {police.pk: CommentStatus.WITHDRAWN, health.pk: CommentStatus.SUBMITTED}
    with pytest.raises(LetterError, match="submitted to the inspectors"):
        comment(letter, "leeds.police", 1)


def test_comments_point_at_a_paragraph_that_exists() -> None:
    letter = sent_letter()
    with pytest.raises(LetterError, match="Choose a paragraph"):
        comment(letter, "leeds.police", 999)
    with pytest.raises(LetterError, match="Only the area's coordinator"):
        services.comment_propose(actor=person("kent.health"), letter=letter, paragraph=1, text="x")
    with pytest.raises(LetterError, match="Only the area's coordinator"):
        services.comment_propose(actor=person("inspector"), letter=letter, paragraph=1, text="x")


def test_late_comments_are_refused_until_the_lead_extends_the_deadline() -> None:
    letter = sent_letter()
    due = letter.accuracy_due
    assert due is not None
    late = at(letter.inspection, "factual_accuracy_due", 10) + dt.timedelta(days=1)
    with pytest.raises(LetterError, match="Comments were due by"):
        services.comment_propose(
            actor=person("leeds.police"), letter=letter, paragraph=1, text="Late.", now=late
        )
    with pytest.raises(LetterError, match="Only the lead inspector"):
        services.extension_grant(
            actor=person("inspector"), letter=letter, until=due + dt.timedelta(days=5), reason="x"
        )
    with pytest.raises(LetterError, match="must be after the current deadline"):
        services.extension_grant(
            actor=person("lead"), letter=letter, until=due, reason="Sickness.", now=late
        )
    services.extension_grant(
        actor=person("lead"),
        letter=letter,
        until=due + dt.timedelta(days=5),
        reason="The DCS was away.",
        now=late,
    )
    services.comment_propose(
        actor=person("leeds.police"), letter=letter, paragraph=1, text="Late but allowed.", now=late
    )
    assert InspectionEvent.objects.filter(
        inspection=letter.inspection, kind=EventKind.ACCURACY_EXTENDED
    ).exists()


def test_answers_and_finalising_hand_the_letter_to_publication() -> None:
    letter = sent_letter()
    first = comment(letter, "leeds.police", 1)
    second = comment(letter, "leeds.health", 2, "Wrong date.")
    when = at(letter.inspection, "draft_report", 16)
    services.comments_submit(actor=person("leeds.coordinator"), letter=letter, now=when)
    first.refresh_from_db()
    second.refresh_from_db()
    with pytest.raises(LetterError, match="Answer the area's 2 remaining"):
        services.letter_finalise(actor=person("lead"), letter=letter)
    with pytest.raises(LetterError, match="Enter why the comment is not accepted"):
        services.comment_respond(actor=person("lead"), comment=second, accept=False, response="")
    services.comment_respond(
        actor=person("inspector"), comment=first, accept=True, response="Corrected."
    )
    services.comment_respond(
        actor=person("lead"), comment=second, accept=False, response="The date is right."
    )
    with pytest.raises(LetterError, match="nothing to answer"):
        services.comment_respond(actor=person("lead"), comment=second, accept=True, response="x")
    with pytest.raises(LetterError, match="Your role cannot"):
        services.letter_finalise(actor=person("inspector"), letter=letter)
    services.letter_finalise(actor=person("lead"), letter=letter)
    letter = _reload(letter)
    assert letter.inspection.status == Status.FINALISED
    report = Report.objects.get(inspection=letter.inspection)
    assert report.document == letter.final_document
    assert LetterDocument.from_dict(letter.final_document).sections


def test_finalising_waits_for_the_area_until_its_deadline() -> None:
    letter = sent_letter()
    with pytest.raises(LetterError, match="Wait for the area's factual accuracy comments"):
        services.letter_finalise(
            actor=person("lead"), letter=letter, now=at(letter.inspection, "draft_report", 16)
        )
    after = at(letter.inspection, "factual_accuracy_due", 10) + dt.timedelta(days=1)
    services.letter_finalise(actor=person("lead"), letter=letter, now=after)
    assert _reload(letter).inspection.status == Status.FINALISED


def test_the_area_sees_the_letter_row_once_sent_but_none_of_the_internal_history(
    client_for: Callable[[str | None], Client],
) -> None:
    letter = sent_letter()
    client = client_for("leeds_coordinator")
    page = client.get(f"/inspections/{letter.inspection.reference}/").content.decode()
    assert "The draft sent to the area" in page
    assert "Draft letter signed off" not in page  # QA's own steps stay with the team


def test_a_draft_goes_nowhere_until_every_signatory_is_named() -> None:
    letter = fill_required(drafting_letter())
    # As a letter starts when the inspectorates have no signatory names recorded.
    letter.signatories = [dict(s, name="") for s in letter.signatories]
    letter.save(update_fields=["signatories"])
    with pytest.raises(LetterError, match="Give the name of the Ofsted, CQC, HMICFRS and HMI"):
        services.submit_for_qa(actor=person("lead"), letter=letter)
    assert _reload(letter).inspection.status == Status.DRAFTING
