"""Demonstration data for children's cases, written through the same services users use:
the Leeds inspection (information gathering) has two uploaded lists of invented children,
a long list, a short list chosen with the suggestion, audits requested, agencies' sections
at every stage, and one audit submitted to the inspectors."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jtai.accounts.models import User
from jtai.inspections.models import Inspection, Status

from . import selectors, services
from .models import Audit, ListedChild, ListKind, Purpose, SectionStatus, SelectedChild, Stage
from .suggest import suggest
from .synthetic import synthetic_csv, synthetic_xlsx

LONG_LIST_SIZE = 20
CASE_TRACKING = 5

# What an inspector writes when choosing a child, by what the child's record shows.
_WHY = {
    "police": "Police attended incidents at home: follow how the notification reached "
    "children's social care, health and school.",
    "health": "Health visiting and midwifery were involved: see whether routine enquiry "
    "about domestic abuse led to action.",
    "probation": "A parent is on probation for domestic abuse offences: test how probation "
    "and children's social care shared risk.",
    "education": "The school has raised concerns: see what it knew and how it was told.",
    "youth_justice": "Known to youth justice: see whether the child's experience of abuse at "
    "home is understood.",
}
_ANSWERS = {
    "involvement": "{agency} has been involved since the referral in the spring: contacts, "
    "home visits and attendance at the strategy discussion and review meetings.",
    "identification": "Practitioners recognised that the child was living with domestic abuse "
    "after the second incident; earlier signs were recorded but not connected.",
    "risk": "Risk was assessed with DASH at each incident (medium, then high) and the family "
    "was referred to MARAC. The review after the second incident was late.",
    "perpetrator": "The father was arrested and bailed with conditions; there was no "
    "perpetrator programme offer until the child protection plan began.",
    "voice": "The child was seen alone twice; their worries about their mother were recorded "
    "in their own words and shaped the plan.",
    "information_sharing": "Information was shared within a day at the front door, but "
    "{agency} was not invited to the first strategy discussion.",
    "impact": "The child is safer: incidents have stopped and they are attending school more.",
    "quality": "Requires improvement: timely and caring, but the plan did not address the "
    "father's behaviour early enough.",
    "learning": "We will check that every strategy discussion includes {agency} when it "
    "holds relevant information.",
}
_DEFAULT_ANSWER = "{agency} shared notifications the next working day and attended meetings."


def _at(day: dt.date, hour: int) -> dt.datetime:
    moment = timezone.make_aware(dt.datetime.combine(day, dt.time(hour)))
    return min(moment, timezone.now())


def _long_list(inspection: Inspection, inspector: User, when: dt.datetime) -> None:
    rows = list(
        ListedChild.objects.filter(inspection=inspection)
        .order_by("case_reference", "id")
        .values(*selectors.FEATURE_FIELDS)
    )
    picks = suggest([selectors.candidate(r) for r in rows], size=LONG_LIST_SIZE)
    children = {c.case_reference: c for c in ListedChild.objects.filter(inspection=inspection)}
    for n, pick in enumerate(picks):
        child = children[pick.key]
        agency = next((a for a in child.agencies if a in _WHY), "police")
        services.long_list_add(
            actor=inspector,
            inspection=inspection,
            child=child,
            reason=f"{selectors.describe(pick.adds).capitalize()}. {_WHY[agency]}",
            now=when + dt.timedelta(minutes=n),
        )


def _answers(section_questions: list[dict[str, str]], agency: str) -> dict[str, str]:
    return {
        q["key"]: _ANSWERS.get(q["key"], _DEFAULT_ANSWER).format(agency=agency)
        for q in section_questions
    }


def _work_on_audits(inspection: Inspection, users: dict[str, User], start: dt.datetime) -> None:
    """Every section of the first audit completed and the audit submitted; in the others,
    the police and health contacts and the coordinator at different stages."""
    audits = list(
        Audit.objects.filter(inspection=inspection)
        .prefetch_related("sections__agency")
        .order_by("selection__case_reference")
    )
    author_by_kind = {"police": users["leeds.police"], "health": users["leeds.health"]}
    coordinator = users["leeds.coordinator"]
    for n, audit in enumerate(audits):
        for m, section in enumerate(audit.sections.all()):
            author = author_by_kind.get(section.agency.kind, coordinator)
            complete = n == 0 or (n < 3 and section.agency.kind in ("police", "local_authority"))
            if not complete and (n + m) % 3 == 2:
                continue  # not started yet
            answers = _answers(section.questions, section.agency.name)
            if not complete:  # a draft: the first half answered
                answers = dict(list(answers.items())[: len(answers) // 2])
            services.section_save(
                actor=author,
                section=section,
                answers=answers,
                version=section.version,
                complete=complete,
                now=min(start + dt.timedelta(hours=n * 3 + m), timezone.now()),
            )
    if audits:
        services.audit_submit(
            actor=coordinator,
            audit=audits[0],
            summary=(
                "Agencies recognised the domestic abuse and shared information quickly, "
                "but the father was not engaged until the child protection plan. The "
                "partnership will add perpetrator work to its domestic abuse pathway."
            ),
            now=min(start + dt.timedelta(hours=2, minutes=30), timezone.now()),
        )


def load_demo(*, users: dict[str, User]) -> None:
    """Children's cases for the demo's Leeds inspection (information gathering)."""
    inspection = Inspection.objects.get(area__name="Leeds", status=Status.INFORMATION_GATHERING)
    assert inspection.notified_at is not None  # noqa: S101 - the demo walked it past notification
    notified = timezone.localdate(inspection.notified_at)
    coordinator = users["leeds.coordinator"]
    services.case_list_upload(
        actor=coordinator,
        inspection=inspection,
        data=synthetic_csv(300, notified_on=notified, prefix="LDS", seed=7),
        source_name="Leeds children living with domestic abuse.csv",
        kind=ListKind.THEME,
        now=_at(notified, 15),
    )
    services.case_list_upload(
        actor=coordinator,
        inspection=inspection,
        data=synthetic_xlsx(40, notified_on=notified, prefix="LCP", seed=11),
        source_name="Leeds child protection plans.xlsx",
        kind=ListKind.CHILD_PROTECTION,
        now=_at(notified, 16),
    )
    selection_day = min(inspection.planned("case_selection") or notified, timezone.localdate())
    _long_list(inspection, users["inspector"], _at(selection_day, 9))
    lead = users["lead"]
    suggestion = selectors.suggestion_get(inspection=inspection, size=6)
    services.suggestion_accept(
        actor=lead, inspection=inspection, chosen=suggestion.picks, now=_at(selection_day, 11)
    )
    others = SelectedChild.objects.filter(inspection=inspection, stage=Stage.LONG_LIST)
    for n, chosen in enumerate(others.order_by("case_reference")[: CASE_TRACKING + 1]):
        purpose = Purpose.CASE_TRACKING if n < CASE_TRACKING else Purpose.CASE_SAMPLING
        services.short_list_set(
            actor=lead,
            selection=chosen,
            purpose=purpose,
            reason="Shows the response from the first incident to a plan; track it on site "
            "with the social worker and the police officer."
            if purpose == Purpose.CASE_TRACKING
            else "A recent referral: sample the front door's decision.",
            now=_at(selection_day, 12),
        )
    services.audits_request(
        actor=lead, inspection=inspection, accept_warnings=True, now=_at(selection_day, 16)
    )
    _work_on_audits(inspection, users, _at(selection_day + dt.timedelta(days=1), 9))
    assert Audit.objects.filter(  # noqa: S101 - the demo leaves audits in progress
        inspection=inspection, sections__status=SectionStatus.IN_PROGRESS
    ).exists()
