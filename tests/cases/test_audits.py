"""The audits: each agency completes only its own section, saves made from an old version
are refused, late sections are flagged, and the coordinator submits once, complete."""

from __future__ import annotations

import datetime as dt

import pytest
from django.http import Http404
from django.utils import timezone

from jtai.accounts.models import User
from jtai.cases import access, selectors, services
from jtai.cases.models import Audit, AuditSection, AuditStatus, Purpose, SectionStatus
from jtai.inspections.models import EventKind, Inspection, InspectionEvent

from .factories import HEADINGS, child_rows, csv_bytes, upload


@pytest.fixture
def audits(users: dict[str, User], kent: Inspection) -> list[Audit]:
    upload(users["kent_coordinator"], kent, csv_bytes(HEADINGS, child_rows(10, prefix="K")))
    children = selectors.child_list(
        user=users["inspector"], inspection=kent, filters=selectors.ChildFilters()
    )
    for child in children[:5]:
        chosen = services.long_list_add(
            actor=users["inspector"], inspection=kent, child=child, reason="x"
        )
        services.short_list_set(
            actor=users["inspector"], selection=chosen, purpose=Purpose.LOCAL_AUDIT, reason="y"
        )
    services.audits_request(actor=users["lead_inspector"], inspection=kent, accept_warnings=True)
    return list(Audit.objects.filter(inspection=kent).order_by("selection__case_reference"))


def section_of(audit: Audit, kind: str) -> AuditSection:
    return AuditSection.objects.select_related("audit__inspection", "agency").get(
        audit=audit, agency__kind=kind
    )


def answer_all(section: AuditSection, text: str = "Checked") -> dict[str, str]:
    return {q["key"]: text for q in section.questions}


def save(
    who: User, section: AuditSection, *, complete: bool = False, **answers: str
) -> AuditSection:
    return services.section_save(
        actor=who,
        section=section,
        answers=answers or answer_all(section),
        version=section.version,
        complete=complete,
    )


def test_an_agency_saves_a_draft_then_completes_its_section(
    users: dict[str, User], audits: list[Audit]
) -> None:
    health = users["kent_health"]
    section = section_of(audits[0], "health")
    section = save(health, section, involvement="Health visitor saw the family twice")
    assert section.status == SectionStatus.IN_PROGRESS
    assert (section.version, section.updated_by) == (2, health)
    with pytest.raises(services.CaseError) as refusal:
        save(health, section, complete=True, involvement="x")
    assert refusal.value.field.startswith("answer_")  # type: ignore[union-attr]
    section = save(health, section, complete=True)
    assert section.status == SectionStatus.COMPLETED
    assert section.completed_at is not None


def test_an_agency_contact_completes_only_their_own_agency_s_sections(
    users: dict[str, User], kent: Inspection, audits: list[Audit]
) -> None:
    health = users["kent_health"]
    council = section_of(audits[0], "local_authority")
    with pytest.raises(services.CaseError, match="only complete your own agency's sections"):
        save(health, council)
    # The coordinator may complete any section, for agencies with no contact here.
    assert save(users["kent_coordinator"], council).status == SectionStatus.IN_PROGRESS
    # The agency contact sees only audits with a health section, and only that section.
    seen = selectors.audit_list(user=health, inspection=kent)
    assert seen
    assert {s.agency.kind for a in seen for s in a.sections.all()} == {"health"}
    with_health = {a.pk for a in audits if a.sections.filter(agency__kind="health").exists()}
    assert {a.pk for a in seen} == with_health
    without = next(a for a in audits if a.pk not in with_health)
    with pytest.raises(Http404):
        selectors.audit_get(user=health, inspection=kent, audit_id=without.pk)
    audit = selectors.audit_get(user=health, inspection=kent, audit_id=audits[0].pk)
    with pytest.raises(Http404):
        selectors.section_get(user=health, audit=audit, section_id=council.pk)


def test_another_area_never_sees_the_audits(users: dict[str, User], audits: list[Audit]) -> None:
    kent = audits[0].inspection
    with pytest.raises(Http404):
        selectors.inspection_get(user=users["leeds_coordinator"], reference=kent.reference)
    with pytest.raises(services.CaseError):
        save(users["leeds_coordinator"], section_of(audits[0], "local_authority"))


def test_a_save_from_an_older_version_is_refused_and_changes_nothing(
    users: dict[str, User], audits: list[Audit]
) -> None:
    opened = section_of(audits[0], "health")
    coordinator_copy = section_of(audits[0], "health")
    save(users["kent_coordinator"], coordinator_copy, involvement="Saved first")
    with pytest.raises(services.CaseError) as refusal:
        save(users["kent_health"], opened, involvement="Saved second")
    assert refusal.value.field == services.STALE
    assert refusal.value.message.startswith("Someone else saved this section since you opened it")
    assert section_of(audits[0], "health").answers["involvement"] == "Saved first"


def test_late_sections_are_flagged(users: dict[str, User], audits: list[Audit]) -> None:
    audit = audits[0]
    due = audit.due_on
    assert due is not None
    section = section_of(audit, "health")
    assert not section.is_late(due)
    assert section.is_late(due + dt.timedelta(days=1))
    assert audit.is_late(due + dt.timedelta(days=1))
    section = save(users["kent_health"], section, complete=True)
    assert not section.is_late(due + dt.timedelta(days=1))
    Audit.objects.filter(pk=audit.pk).update(due_on=timezone.localdate() - dt.timedelta(days=3))
    assert section_of(audit, "health").completed_late()


def test_the_coordinator_submits_a_complete_audit_once(
    users: dict[str, User], kent: Inspection, audits: list[Audit]
) -> None:
    coordinator = users["kent_coordinator"]
    audit = audits[0]
    with pytest.raises(services.CaseError) as refusal:
        services.audit_submit(actor=coordinator, audit=audit, summary="Done")
    names = ", ".join(
        s.agency.name for s in audit.sections.select_related("agency").order_by("agency__kind")
    )
    assert refusal.value.message == (
        f"These sections are not complete yet: {names}. Every agency's section must be "
        "complete before the audit goes to the inspectors."
    )
    for section in audit.sections.select_related("agency"):
        who = users["kent_health"] if section.agency.kind == "health" else coordinator
        save(who, section_of(audit, section.agency.kind), complete=True)
    with pytest.raises(services.CaseError, match="Enter the partnership's overall findings"):
        services.audit_submit(actor=coordinator, audit=audit, summary="  ")
    with pytest.raises(services.CaseError, match="Only the partnership coordinator"):
        services.audit_submit(actor=users["kent_health"], audit=audit, summary="Done")
    inspector = users["inspector"]
    assert not selectors.answers_visible(inspector, audit)

    audit = services.audit_submit(actor=coordinator, audit=audit, summary="Agencies worked well")
    assert (audit.status, audit.submitted_by) == (AuditStatus.SUBMITTED, coordinator)
    assert selectors.answers_visible(inspector, audit)
    event = InspectionEvent.objects.get(inspection=kent, kind=EventKind.AUDIT_SUBMITTED)
    assert event.summary == f"Multi-agency audit of {audit.selection.case_reference} submitted"
    # Sent twice: refused; and a submitted audit can no longer be changed.
    with pytest.raises(services.CaseError, match="already submitted to the inspectors"):
        services.audit_submit(actor=coordinator, audit=audit, summary="Again")
    with pytest.raises(services.CaseError, match="can no longer be changed"):
        save(coordinator, section_of(audit, "local_authority"))
    assert (
        InspectionEvent.objects.filter(kind=EventKind.AUDIT_SUBMITTED, inspection=kent).count() == 1
    )


def test_who_may_edit_and_submit(users: dict[str, User], audits: list[Audit]) -> None:
    section = section_of(audits[0], "health")
    assert access.may_edit_section(users["kent_health"], section)
    assert access.may_edit_section(users["kent_coordinator"], section)
    for who in ("inspector", "lead_inspector", "leeds_coordinator", "leeds_police"):
        assert not access.may_edit_section(users[who], section)
    assert access.may_submit(users["kent_coordinator"], audits[0])
    assert not access.may_submit(users["kent_health"], audits[0])
    assert not access.may_submit(users["lead_inspector"], audits[0])
