"""Case tracking: each chosen child's experience and a judgement of each agency's practice,
beside the area's own audit; every view of a child's record is in the access log."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from django.test import Client
from django.urls import reverse

from jtai.accounts.models import User
from jtai.areas.models import AgencyKind
from jtai.audit.models import AccessEvent, AccessKind
from jtai.cases.models import Audit, SelectedChild, Stage
from jtai.evidence import services
from jtai.evidence.models import AgencyJudgement, PracticeQuality, TrackingRecord
from jtai.evidence.selectors import tracked_children

from .factories import agency, leeds

ClientFor = Callable[[str | None], Client]


def detail_url(selection: SelectedChild) -> str:
    return reverse(
        "tracking:detail",
        kwargs={"reference": selection.inspection.reference, "selection_id": selection.pk},
    )


def edit_url(selection: SelectedChild) -> str:
    return reverse(
        "tracking:edit",
        kwargs={"reference": selection.inspection.reference, "selection_id": selection.pk},
    )


def untracked_yet() -> SelectedChild:
    child = tracked_children(leeds()).filter(tracking__isnull=True).first()
    assert child is not None
    return child


def test_the_list_shows_every_tracked_child_by_case_reference_only(
    client_for: ClientFor,
) -> None:
    inspection = leeds()
    page = (
        client_for("qa_manager")
        .get(reverse("tracking:list", kwargs={"reference": inspection.reference}))
        .content.decode()
    )
    children = list(tracked_children(inspection))
    assert len(children) >= 5
    for child in children:
        assert child.case_reference in page
    assert "Recorded" in page
    assert "Not started" in page


def test_viewing_a_childs_record_is_logged(client_for: ClientFor, users: dict[str, User]) -> None:
    record = TrackingRecord.objects.filter(inspection=leeds()).first()
    assert record is not None
    before = AccessEvent.objects.filter(kind=AccessKind.CHILD_DATA).count()
    response = client_for("qa_manager").get(detail_url(record.selection))
    assert response.status_code == 200
    event = AccessEvent.objects.filter(kind=AccessKind.CHILD_DATA).order_by("-id").first()
    assert AccessEvent.objects.filter(kind=AccessKind.CHILD_DATA).count() == before + 1
    assert event is not None
    assert event.user == users["qa_manager"]
    assert record.selection.case_reference in event.description
    assert event.inspection == record.inspection


def test_the_record_links_to_the_local_audit(client_for: ClientFor) -> None:
    audit = Audit.objects.filter(inspection=leeds()).select_related("selection").first()
    assert audit is not None
    page = client_for("lead_inspector").get(detail_url(audit.selection)).content.decode()
    assert (
        reverse(
            "cases:audit", kwargs={"reference": audit.inspection.reference, "audit_id": audit.pk}
        )
        in page
    )


def test_an_inspector_records_a_childs_experience_and_each_agencys_practice(
    client_for: ClientFor,
) -> None:
    child = untracked_yet()
    inspection = child.inspection
    police, health = agency(inspection, AgencyKind.POLICE), agency(inspection, AgencyKind.HEALTH)
    response = client_for("inspector").post(
        edit_url(child),
        {
            "version": "0",
            "experience": "Seen at every incident; the plan made a difference.",
            f"quality_{police.pk}": PracticeQuality.EFFECTIVE,
            f"note_{police.pk}": "Prompt notifications with the child's view.",
            f"quality_{health.pk}": PracticeQuality.MIXED,
            f"note_{health.pk}": "Not invited to the strategy discussion.",
        },
    )
    assert response.status_code == 302
    record = TrackingRecord.objects.get(selection=child)
    assert record.version == 1
    judgements = {j.agency.kind: j.quality for j in record.judgements.select_related("agency")}
    assert judgements == {"police": "effective", "health": "mixed"}


def test_a_judgement_needs_both_its_quality_and_a_note(client_for: ClientFor) -> None:
    child = untracked_yet()
    police = agency(child.inspection, AgencyKind.POLICE)
    response = client_for("inspector").post(
        edit_url(child),
        {
            "version": "0",
            "experience": "Kept when the page comes back.",
            f"quality_{police.pk}": PracticeQuality.EFFECTIVE,
        },
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Enter a short note on West Yorkshire Police&#x27;s practice" in page
    assert "Kept when the page comes back." in page
    assert not TrackingRecord.objects.filter(selection=child).exists()
    assert not AgencyJudgement.objects.filter(agency=police, record__selection=child).exists()


def test_an_empty_record_is_refused(client_for: ClientFor) -> None:
    child = untracked_yet()
    response = client_for("inspector").post(edit_url(child), {"version": "0"})
    assert response.status_code == 400
    assert "Enter the child&#x27;s experience" in response.content.decode()


def test_a_stale_save_is_refused_and_keeps_what_was_typed(
    client_for: ClientFor, users: dict[str, User]
) -> None:
    record = TrackingRecord.objects.filter(inspection=leeds()).first()
    assert record is not None
    opened = record.version
    services.tracking_save(
        actor=users["lead_inspector"],
        inspection=record.inspection,
        selection=record.selection,
        experience="The lead inspector's account.",
        judgements={},
        version=opened,
    )
    response = client_for("inspector").post(
        edit_url(record.selection),
        {"version": str(opened), "experience": "The inspector's own account."},
    )
    page = response.content.decode()
    assert response.status_code == 400
    assert "Someone else saved this child&#x27;s case tracking" in page
    assert "The inspector&#x27;s own account." in page
    assert "The lead inspector&#x27;s account." in page
    record.refresh_from_db()
    assert record.experience == "The lead inspector's account."


def test_only_tracked_children_of_the_inspection_are_found(client_for: ClientFor) -> None:
    inspection = leeds()
    long_listed = SelectedChild.objects.filter(inspection=inspection, stage=Stage.LONG_LIST).first()
    assert long_listed is not None
    assert client_for("lead_inspector").get(detail_url(long_listed)).status_code == 404


@pytest.mark.parametrize("key", ["leeds_coordinator", "leeds_police", "kent_coordinator"])
def test_the_area_never_sees_case_tracking(client_for: ClientFor, key: str) -> None:
    record = TrackingRecord.objects.filter(inspection=leeds()).first()
    assert record is not None
    assert client_for(key).get(detail_url(record.selection)).status_code == 403
