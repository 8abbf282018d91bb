"""Choosing children: the long list with reasons, the short list's rules, the suggestion,
and the request for audits, once, with a section for each agency involved."""

from __future__ import annotations

import pytest

from jtai.accounts.models import User
from jtai.cases import selectors, services
from jtai.cases.models import (
    Audit,
    AuditRequest,
    AuditSection,
    ListedChild,
    Purpose,
    SectionStatus,
    SelectedChild,
    Stage,
)
from jtai.cases.rules import Counts, selection_warnings
from jtai.inspections.models import EventKind, Inspection, InspectionEvent

from .factories import HEADINGS, child_rows, csv_bytes, upload


@pytest.fixture
def children(users: dict[str, User], kent: Inspection) -> list[ListedChild]:
    upload(users["kent_coordinator"], kent, csv_bytes(HEADINGS, child_rows(40, prefix="K")))
    return list(ListedChild.objects.filter(inspection=kent).order_by("case_reference"))


def long_list(
    users: dict[str, User], kent: Inspection, children: list[ListedChild], count: int
) -> list[SelectedChild]:
    return [
        services.long_list_add(
            actor=users["inspector"], inspection=kent, child=child, reason="Police involvement"
        )
        for child in children[:count]
    ]


def short_list(users: dict[str, User], chosen: list[SelectedChild], purpose: str) -> None:
    for selection in chosen:
        services.short_list_set(
            actor=users["lead_inspector"], selection=selection, purpose=purpose, reason="Spread"
        )


def test_a_child_joins_the_long_list_once_with_a_reason(
    users: dict[str, User], kent: Inspection, children: list[ListedChild]
) -> None:
    child = children[0]
    with pytest.raises(services.CaseError, match="Enter why you chose this child"):
        services.long_list_add(actor=users["inspector"], inspection=kent, child=child, reason=" ")
    chosen = services.long_list_add(
        actor=users["inspector"], inspection=kent, child=child, reason="Unborn, police"
    )
    assert (chosen.stage, chosen.purpose, chosen.case_reference) == (Stage.LONG_LIST, "", "K00000")
    # The same form sent twice: refused, still one.
    with pytest.raises(services.CaseError, match="K00000 is already on the long list"):
        services.long_list_add(actor=users["inspector"], inspection=kent, child=child, reason="x")
    assert SelectedChild.objects.filter(inspection=kent).count() == 1


@pytest.mark.parametrize("who", ["programme_manager", "administrator", "qa_manager"])
def test_only_inspectors_on_the_team_choose(
    users: dict[str, User], kent: Inspection, children: list[ListedChild], who: str
) -> None:
    with pytest.raises(services.CaseError, match="Only inspectors on this inspection's team"):
        services.long_list_add(actor=users[who], inspection=kent, child=children[0], reason="x")


def test_a_child_from_another_inspection_cannot_be_chosen(
    users: dict[str, User], kent: Inspection
) -> None:
    leeds_child = ListedChild.objects.exclude(inspection=kent).first()
    assert leeds_child is not None
    with pytest.raises(services.CaseError, match="not on this inspection's lists"):
        services.long_list_add(
            actor=users["inspector"], inspection=kent, child=leeds_child, reason="x"
        )


def test_the_short_list_for_local_audit_stops_at_seven(
    users: dict[str, User], kent: Inspection, children: list[ListedChild]
) -> None:
    chosen = long_list(users, kent, children, 9)
    short_list(users, chosen[:7], Purpose.LOCAL_AUDIT)
    with pytest.raises(services.CaseError) as refusal:
        short_list(users, chosen[7:8], Purpose.LOCAL_AUDIT)
    assert refusal.value.message == (
        "The short list for local audit already has 7 children, the most the area is asked to "
        "audit. Move one back to the long list first."
    )
    assert refusal.value.field == "purpose"
    # Case tracking has no upper limit; changing the reason of one already there is fine.
    short_list(users, chosen[7:9], Purpose.CASE_TRACKING)
    short_list(users, chosen[:1], Purpose.LOCAL_AUDIT)
    assert services.selection_counts(kent) == Counts(9, 7, 2, 0)


def test_a_short_list_needs_a_purpose_and_a_reason(
    users: dict[str, User], kent: Inspection, children: list[ListedChild]
) -> None:
    (chosen,) = long_list(users, kent, children, 1)
    with pytest.raises(services.CaseError, match="Enter why this child is on the short list"):
        services.short_list_set(
            actor=users["inspector"], selection=chosen, purpose=Purpose.CASE_SAMPLING, reason=""
        )
    with pytest.raises(services.CaseError, match="Choose what the child is short-listed for"):
        services.short_list_set(actor=users["inspector"], selection=chosen, purpose="x", reason="y")


def test_warnings_say_what_is_unusual() -> None:
    assert selection_warnings(Counts(20, 6, 5, 2)) == []
    assert selection_warnings(Counts(1, 1, 1, 0)) == [
        "The long list has 1 child: it is usually around 20 (15 to 25).",
        "The short list for local audit has 1 child: the area is usually asked to audit 5 to 7.",
        "1 child chosen for case tracking: at least 5 are tracked on site.",
    ]
    assert selection_warnings(Counts(26, 5, 5, 0)) == [
        "The long list has 26 children: it is usually around 20 (15 to 25)."
    ]


def test_audits_are_requested_once_with_a_section_for_each_agency_involved(
    users: dict[str, User], kent: Inspection, children: list[ListedChild]
) -> None:
    lead = users["lead_inspector"]
    with pytest.raises(services.CaseError, match="at least one child on the short list"):
        services.audits_request(actor=lead, inspection=kent)
    chosen = long_list(users, kent, children, 4)
    short_list(users, chosen[:4], Purpose.LOCAL_AUDIT)
    with pytest.raises(services.CaseError) as refusal:
        services.audits_request(actor=lead, inspection=kent)
    assert refusal.value.field == "accept_warnings"
    assert not Audit.objects.filter(inspection=kent).exists()

    request = services.audits_request(actor=lead, inspection=kent, accept_warnings=True)
    assert len(request.warnings) == 3
    audits = Audit.objects.filter(inspection=kent).order_by("selection__case_reference")
    assert audits.count() == 4
    first = audits[0]  # K00000: police and health involved
    assert first.due_on == kent.planned("audit_due")
    assert first.title == "Child sexual abuse in the family environment: multi-agency audit"
    sections = {s.agency.kind: s for s in first.sections.select_related("agency")}
    assert set(sections) == {"local_authority", "police", "health"}
    police_questions = [q["key"] for q in sections["police"].questions]
    assert "police_investigation" in police_questions
    assert "medical" not in police_questions
    assert "medical" in [q["key"] for q in sections["health"].questions]
    assert all(s.status == SectionStatus.NOT_STARTED for s in sections.values())
    event = InspectionEvent.objects.get(inspection=kent, kind=EventKind.CASES_SELECTED)
    assert event.summary.startswith("4 children chosen for multi-agency audit, due ")
    assert event.data["children"] == ["K00000", "K00001", "K00002", "K00003"]

    # Asked again (a form sent twice): refused, nothing doubled.
    with pytest.raises(services.CaseError, match="already requested"):
        services.audits_request(actor=lead, inspection=kent, accept_warnings=True)
    assert AuditRequest.objects.filter(inspection=kent).count() == 1
    assert Audit.objects.filter(inspection=kent).count() == 4


def test_the_short_list_can_change_after_the_request_without_losing_work(
    users: dict[str, User], kent: Inspection, children: list[ListedChild]
) -> None:
    chosen = long_list(users, kent, children, 6)
    short_list(users, chosen[:5], Purpose.LOCAL_AUDIT)
    services.audits_request(actor=users["lead_inspector"], inspection=kent, accept_warnings=True)
    # One more child for local audit gets an audit at once.
    short_list(users, chosen[5:6], Purpose.LOCAL_AUDIT)
    assert Audit.objects.filter(inspection=kent).count() == 6
    # An audit the area has not started is withdrawn when its child moves back.
    assert (
        services.selection_remove(actor=users["inspector"], selection=chosen[5]) == Stage.SHORT_LIST
    )
    assert Audit.objects.filter(inspection=kent).count() == 5
    assert SelectedChild.objects.get(pk=chosen[5].pk).stage == Stage.LONG_LIST
    # An audit the area has started stays, and so does its child.
    section = AuditSection.objects.filter(audit__selection=chosen[0]).first()
    assert section is not None
    services.section_save(
        actor=users["kent_coordinator"],
        section=section,
        answers={"involvement": "Seen weekly"},
        version=section.version,
        complete=False,
    )
    with pytest.raises(services.CaseError, match="already started the audit of K00000"):
        services.selection_remove(actor=users["inspector"], selection=chosen[0])
    with pytest.raises(services.CaseError, match="already started"):
        services.short_list_set(
            actor=users["inspector"],
            selection=chosen[0],
            purpose=Purpose.CASE_TRACKING,
            reason="x",
        )
    assert Audit.objects.filter(selection=chosen[0]).exists()
    # A long-listed child is simply taken off.
    assert (
        services.selection_remove(actor=users["inspector"], selection=chosen[5]) == Stage.LONG_LIST
    )
    assert not SelectedChild.objects.filter(pk=chosen[5].pk).exists()


def test_the_suggestion_spreads_the_short_list_and_is_accepted_whole(
    users: dict[str, User], kent: Inspection, children: list[ListedChild]
) -> None:
    long_list(users, kent, children, 20)
    suggestion = selectors.suggestion_get(inspection=kent, size=6)
    assert suggestion.from_long_list
    assert len(suggestion.picks) == 6
    assert suggestion.picks[0][1].startswith("adds ")
    genders = {child.gender for child, _ in suggestion.picks}
    assert genders == {"female", "male"}
    services.suggestion_accept(
        actor=users["inspector"], inspection=kent, chosen=suggestion.picks[:4]
    )
    chosen = SelectedChild.objects.filter(inspection=kent, stage=Stage.SHORT_LIST)
    assert chosen.count() == 4
    assert all(
        c.short_list_reason.startswith("Suggested for the spread of the list: adds ")
        for c in chosen
    )
    # Suggested again, it completes the list around the four already chosen.
    again = selectors.suggestion_get(inspection=kent, size=6)
    assert len(again.picks) == 2
    assert not {c.case_reference for c, _ in again.picks} & {c.case_reference for c in chosen}
    # Accepting more than the short list can take changes nothing.
    too_many = selectors.suggestion_get(inspection=kent, size=7).picks + again.picks[:1]
    with pytest.raises(services.CaseError):
        services.suggestion_accept(actor=users["inspector"], inspection=kent, chosen=too_many)
    assert chosen.count() == 4


def test_with_too_few_on_the_long_list_the_suggestion_comes_from_every_list(
    users: dict[str, User], kent: Inspection, children: list[ListedChild]
) -> None:
    long_list(users, kent, children, 2)
    suggestion = selectors.suggestion_get(inspection=kent, size=5)
    assert not suggestion.from_long_list
    assert len(suggestion.picks) == 5
    services.suggestion_accept(actor=users["inspector"], inspection=kent, chosen=suggestion.picks)
    assert services.selection_counts(kent).local_audit == 5
