"""Recording and changing evidence through the pages: one short form, plain-English
messages that keep what was typed, nothing half-written, every version kept, and a save
made over someone else's newer one refused."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jtai.accounts.models import User
from jtai.areas.models import Agency, AgencyKind
from jtai.evidence import services
from jtai.evidence.models import EvidenceNote, EvidenceNoteVersion, Polarity
from jtai.evidence.selectors import tracked_children
from jtai.inspections.models import Inspection

from .factories import activity, agency, cornwall, form_data, leeds, note_input

ClientFor = Callable[[str | None], Client]


def create_url(inspection: Inspection) -> str:
    return reverse("evidence:create", kwargs={"reference": inspection.reference})


def edit_url(note: EvidenceNote) -> str:
    return reverse(
        "evidence:edit", kwargs={"reference": note.inspection.reference, "note_id": note.pk}
    )


def test_an_inspector_records_evidence_from_an_activity(client_for: ClientFor) -> None:
    inspection = leeds()
    session = activity(inspection)
    data = note_input(
        inspection,
        text="Social workers described strong joint working with the police.",
        kinds=(AgencyKind.LOCAL_AUTHORITY, AgencyKind.POLICE),
        source=services.Source("activity", session.pk),
        is_key=True,
    )
    response = client_for("inspector").post(create_url(inspection), form_data(data))
    assert response.status_code == 302
    note = EvidenceNote.objects.get(text=data.text)
    assert note.activity == session
    assert note.source_kind == "activity"
    assert note.polarity == Polarity.STRENGTH
    assert note.is_key
    assert {a.kind for a in note.agencies.all()} == {"local_authority", "police"}
    assert note.author.email.startswith("inspector@")
    assert [v.version for v in note.versions.all()] == [1]


def test_the_form_offers_the_areas_agencies_and_every_kind_of_source(
    client_for: ClientFor,
) -> None:
    inspection = leeds()
    activity(inspection)
    page = client_for("inspector").get(create_url(inspection)).content.decode()
    for agency_row in Agency.objects.filter(area_id=inspection.area_id):
        assert agency_row.name in page
    assert "Fieldwork activities" in page
    assert "Tracked children&#x27;s cases" in page
    assert "Documents from the information request" in page
    assert "Kent Police" not in page
    assert "<script>" not in page  # no inline script: works without JavaScript


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("text", "Enter the evidence"),
        ("criterion", "Choose the evaluation criterion this evidence is about"),
        ("agencies", "Choose at least one agency this evidence is about"),
        (
            "source",
            "Choose where the evidence comes from: an activity, a tracked child&#x27;s case "
            "or a document",
        ),
        (
            "polarity",
            "Choose whether this is a strength, an area for improvement or context",
        ),
    ],
)
def test_bad_input_is_explained_and_what_was_typed_is_kept(
    client_for: ClientFor, missing: str, message: str
) -> None:
    inspection = leeds()
    data = note_input(inspection, text="Managers' oversight was visible on every file read.")
    post = form_data(data, **{missing: None})
    before = EvidenceNote.objects.count()
    response = client_for("inspector").post(create_url(inspection), post)
    page = response.content.decode()
    assert response.status_code == 400
    assert "govuk-error-summary" in page
    assert message in page
    assert page.count(message) == 2  # in the summary and by the field
    if missing != "text":
        assert "Managers&#x27; oversight was visible on every file read." in page
    assert EvidenceNote.objects.count() == before


def test_whitespace_only_evidence_is_empty(client_for: ClientFor) -> None:
    inspection = leeds()
    post = form_data(note_input(inspection), text="   \n ")
    response = client_for("inspector").post(create_url(inspection), post)
    assert response.status_code == 400
    assert "Enter the evidence" in response.content.decode()


def test_sources_and_agencies_of_another_inspection_are_refused(users: dict[str, User]) -> None:
    inspection, other = leeds(), cornwall()
    elsewhere = activity(other)
    with pytest.raises(services.EvidenceError) as refused:
        services.note_create(
            actor=users["inspector"],
            inspection=inspection,
            data=note_input(inspection, source=services.Source("activity", elsewhere.pk)),
        )
    assert refused.value.field == "source"
    foreign = note_input(inspection)
    foreign = services.NoteInput(
        **{**foreign.__dict__, "agency_ids": [agency(other).pk]},
    )
    with pytest.raises(services.EvidenceError) as refused:
        services.note_create(actor=users["inspector"], inspection=inspection, data=foreign)
    assert refused.value.field == "agencies"
    # A child on the long list only is not a tracked child.
    assert EvidenceNote.objects.filter(inspection=inspection, activity=elsewhere).count() == 0


def test_editing_keeps_every_version_and_the_history_says_what_changed(
    client_for: ClientFor, users: dict[str, User]
) -> None:
    inspection = leeds()
    note = services.note_create(
        actor=users["inspector"], inspection=inspection, data=note_input(inspection)
    )
    changed = form_data(
        note_input(inspection, polarity=Polarity.AREA_FOR_IMPROVEMENT),
        text="Strategy discussions were late for two of the five children.",
        version="1",
    )
    response = client_for("lead_inspector").post(edit_url(note), changed)
    assert response.status_code == 302
    note.refresh_from_db()
    assert note.version == 2
    assert note.polarity == Polarity.AREA_FOR_IMPROVEMENT
    versions = list(EvidenceNoteVersion.objects.filter(note=note).order_by("version"))
    assert [v.version for v in versions] == [1, 2]
    assert versions[0].snapshot["text"].startswith("Strategy discussions reached")
    assert versions[1].changed == ["Evidence", "Strength or area for improvement"]
    assert versions[1].saved_by.email.startswith("lead@")
    history = client_for("qa_manager").get(
        reverse("evidence:history", kwargs={"reference": inspection.reference, "note_id": note.pk})
    )
    page = history.content.decode()
    assert "Version 2: Hannah Clarke" in page
    assert "Version 1: Tom Okafor" in page
    assert "Strategy discussions reached clear decisions about risk." in page
    # Saving the same again changes nothing and adds no version.
    again = {**changed, "version": "2"}
    assert client_for("lead_inspector").post(edit_url(note), again).status_code == 302
    assert EvidenceNoteVersion.objects.filter(note=note).count() == 2


def test_a_second_save_of_the_same_version_is_refused_and_keeps_its_text(
    client_for: ClientFor, users: dict[str, User]
) -> None:
    inspection = leeds()
    note = services.note_create(
        actor=users["inspector"], inspection=inspection, data=note_input(inspection)
    )
    first = form_data(note_input(inspection), text="First inspector's wording.", version="1")
    second = form_data(note_input(inspection), text="Second inspector's wording.", version="1")
    assert client_for("inspector").post(edit_url(note), first).status_code == 302
    response = client_for("lead_inspector").post(edit_url(note), second)
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this evidence since you opened it." in page
    assert "Second inspector&#x27;s wording." in page  # what they typed, in the form
    assert "First inspector&#x27;s wording." in page  # what was saved meanwhile
    assert 'name="version" value="2"' in page  # saving again is a knowing choice
    note.refresh_from_db()
    assert note.text == "First inspector's wording."
    assert note.version == 2


def test_the_qa_manager_reads_but_does_not_record(client_for: ClientFor) -> None:
    inspection = leeds()
    qa = client_for("qa_manager")
    assert qa.get(create_url(inspection)).status_code == 403
    assert qa.post(create_url(inspection), form_data(note_input(inspection))).status_code == 403
    list_url = reverse("evidence:list", kwargs={"reference": inspection.reference})
    assert qa.get(list_url).status_code == 200


def test_after_fieldwork_only_the_lead_inspector_may_correct(users: dict[str, User]) -> None:
    inspection = cornwall()
    note = (
        EvidenceNote.objects.filter(inspection=inspection)
        .exclude(author=users["lead_inspector"])
        .first()
    )
    assert note is not None
    author = note.author
    data = services.NoteInput(
        text=note.text + " Corrected.",
        criterion_id=note.criterion_id,
        polarity=note.polarity,
        agency_ids=[a.pk for a in note.agencies.all()],
        source=services.Source(note.source_kind, note.activity_id or note.document_id or 0),
    )
    with pytest.raises(services.EvidenceError, match="only the lead inspector can correct"):
        services.note_update(actor=author, note=note, data=data, version=note.version)
    with pytest.raises(services.EvidenceError, match="only the lead inspector"):
        services.note_create(actor=author, inspection=inspection, data=data)
    updated = services.note_update(
        actor=users["lead_inspector"], note=note, data=data, version=note.version
    )
    assert updated.text.endswith("Corrected.")


def test_a_withdrawn_or_planned_inspection_takes_no_evidence(users: dict[str, User]) -> None:
    for status in ("planned", "withdrawn"):
        inspection = Inspection.objects.filter(status=status).first()
        assert inspection is not None
        with pytest.raises(services.EvidenceError):
            services.note_create(
                actor=users["programme_manager"],
                inspection=inspection,
                data=note_input(leeds()),
            )


def test_who_can_open_another_teams_evidence(client_for: ClientFor) -> None:
    """The demo inspector is on the Leeds team only: Cornwall's evidence is not found.
    The area's users are refused every evidence page, their own area's included."""
    other = cornwall()
    note = EvidenceNote.objects.filter(inspection=other).first()
    assert note is not None
    urls = [
        reverse("evidence:list", kwargs={"reference": other.reference}),
        reverse("evidence:detail", kwargs={"reference": other.reference, "note_id": note.pk}),
        reverse("evidence:feedback", kwargs={"reference": other.reference}),
        reverse("tracking:list", kwargs={"reference": other.reference}),
    ]
    for url in urls:
        assert client_for("inspector").get(url).status_code == 404
        assert client_for("lead_inspector").get(url).status_code == 200
        assert client_for("kent_coordinator").get(url).status_code == 403
    # A Leeds note is not found through Cornwall's address either.
    leeds_note = EvidenceNote.objects.filter(inspection=leeds()).first()
    assert leeds_note is not None
    crossed = reverse(
        "evidence:detail", kwargs={"reference": other.reference, "note_id": leeds_note.pk}
    )
    assert client_for("lead_inspector").get(crossed).status_code == 404


def test_local_users_never_see_evidence_even_through_the_selectors(
    users: dict[str, User],
) -> None:
    from jtai.evidence.selectors import notes_for

    for key in ("leeds_coordinator", "leeds_police"):
        assert not notes_for(users[key]).exists()
    assert notes_for(users["lead_inspector"]).exists()


def test_a_tracked_child_can_be_the_source(client_for: ClientFor) -> None:
    inspection = leeds()
    child = tracked_children(inspection).last()
    assert child is not None
    data = note_input(inspection, source=services.Source("child", child.pk))
    response = client_for("inspector").post(create_url(inspection), form_data(data))
    assert response.status_code == 302
    note = EvidenceNote.objects.filter(inspection=inspection).order_by("-pk").first()
    assert note is not None
    assert note.child == child
    detail: Any = client_for("inspector").get(
        reverse("evidence:detail", kwargs={"reference": inspection.reference, "note_id": note.pk})
    )
    assert f"Tracked child {child.case_reference}" in detail.content.decode()
