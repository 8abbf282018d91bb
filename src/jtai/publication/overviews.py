"""Thematic overviews: assembled by a programme manager from the published inspections
of a theme, edited, signed off by a quality assurance manager and published through the
same embargo and publication moment as any report (:mod:`.services`).

Every step checks the actor, runs in one transaction and refuses with a reason; edits
carry the version they were made from, so a save over someone else's is refused."""

from __future__ import annotations

import datetime as dt
from functools import partial
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify

from jtai.accounts.models import Inspectorate
from jtai.accounts.policy import is_programme_wide, signed_in
from jtai.accounts.roles import Role
from jtai.areas.models import AgencyKind
from jtai.evidence.models import EvidenceNote
from jtai.inspections.models import Inspection, Status
from jtai.letters.document import LetterDocument, LetterSection, Signatory, split_paragraphs
from jtai.programme.models import Theme

from .models import (
    OVERVIEW_EDITABLE,
    OverviewStatus,
    Report,
    ReportKind,
    ThematicOverview,
)
from .overview_draft import (
    LETTER_SECTIONS,
    LetterFinding,
    NoteFinding,
    count_findings,
    draft_overview,
)
from .selectors import public_q
from .services import PublicationError, publication_moment, search_text_of
from .wording import moment

if TYPE_CHECKING:
    from jtai.accounts.models import User
    from jtai.accounts.policy import AnyUser

PUBLISHED_STATUSES = (Status.PUBLISHED, Status.ACTION_PLAN_RECEIVED, Status.CLOSED)


# --- reads -------------------------------------------------------------------------------


def overviews_for(user: AnyUser) -> QuerySet[ThematicOverview]:
    """Programme managers see every overview; a QA manager those sent to them."""
    queryset = ThematicOverview.objects.select_related("theme", "qa_manager", "created_by")
    member = signed_in(user)
    if member is None:
        return queryset.none()
    if is_programme_wide(member):
        return queryset
    if member.role == Role.QA_MANAGER:
        return queryset.filter(qa_manager=member)
    return queryset.none()


def overview_get(*, user: AnyUser, overview_id: int) -> ThematicOverview:
    try:
        return overviews_for(user).get(pk=overview_id)
    except ThematicOverview.DoesNotExist as error:
        raise Http404("No such overview.") from error


def published_inspections(theme: Theme, now: dt.datetime | None = None) -> QuerySet[Inspection]:
    """The theme's inspections whose reports are public."""
    now = now or timezone.now()
    public = Report.objects.filter(public_q(now), kind=ReportKind.INSPECTION)
    return (
        Inspection.objects.filter(theme=theme, status__in=PUBLISHED_STATUSES, report__in=public)
        .select_related("area", "report")
        .order_by("report__publish_at")
    )


def themes_ready(now: dt.datetime | None = None) -> list[tuple[Theme, int]]:
    """Themes with published inspections and how many, for starting an overview."""
    now = now or timezone.now()
    counts: dict[int, int] = {}
    for theme_id in published_inspections_all(now).values_list("theme_id", flat=True):
        counts[theme_id] = counts.get(theme_id, 0) + 1
    themes = Theme.objects.filter(pk__in=counts).order_by("name")
    return [(theme, counts[theme.pk]) for theme in themes]


def published_inspections_all(now: dt.datetime) -> QuerySet[Inspection]:
    public = Report.objects.filter(public_q(now), kind=ReportKind.INSPECTION)
    return Inspection.objects.filter(status__in=PUBLISHED_STATUSES, report__in=public)


# --- assembling --------------------------------------------------------------------------


def _note_findings(inspections: list[Inspection]) -> list[NoteFinding]:
    notes = EvidenceNote.objects.filter(inspection__in=inspections).values_list(
        "criterion__title", "criterion__position", "polarity", "agencies__kind", "inspection_id"
    )
    area_of = {i.pk: i.area.name for i in inspections}
    labels = dict(AgencyKind.choices)
    return [
        NoteFinding(
            criterion=title,
            position=position,
            polarity=polarity,
            agency=labels.get(kind, "") if kind else "",
            area=area_of[inspection_id],
        )
        for title, position, polarity, kind, inspection_id in notes
    ]


def _letter_findings(inspections: list[Inspection]) -> list[LetterFinding]:
    findings: list[LetterFinding] = []
    for inspection in inspections:
        letter = inspection.report.letter
        for section in letter.sections:
            polarity = LETTER_SECTIONS.get(section.key)
            if polarity is None:
                continue
            findings.extend(
                LetterFinding(inspection.area.name, polarity, text) for text in section.paragraphs
            )
    return findings


def _signatories() -> list[Signatory]:
    return [
        Signatory(i.signatory_name or i.short_name, i.signatory_title, i.short_name)
        for i in Inspectorate.objects.order_by("ordering")
        if i.signatory_title
    ]


@transaction.atomic
def overview_create(
    *, actor: User, theme: Theme, now: dt.datetime | None = None
) -> ThematicOverview:
    """Assemble a draft overview of ``theme`` from its published inspections."""
    if not is_programme_wide(actor):
        raise PublicationError("Only a programme manager can start a thematic overview.")
    now = now or timezone.now()
    inspections = list(published_inspections(theme, now))
    if not inspections:
        raise PublicationError(
            f"No inspection of {theme.name} has been published yet: an overview draws on "
            "published inspections.",
            "theme",
        )
    open_draft = ThematicOverview.objects.filter(theme=theme, report__isnull=True).first()
    if open_draft is not None:
        raise PublicationError(
            f"An overview of {theme.name} is already being prepared; carry on with it.", "theme"
        )
    notes = _note_findings(inspections)
    counts = count_findings(notes)
    document = draft_overview(
        theme=theme.name,
        areas=[i.area.name for i in inspections],
        first_published=timezone.localdate(inspections[0].report.publish_at),
        last_published=timezone.localdate(inspections[-1].report.publish_at),
        counts=counts,
        letters=_letter_findings(inspections),
        signatories=_signatories(),
    )
    overview = ThematicOverview.objects.create(
        theme=theme,
        title=document.title,
        document=document.to_dict(),
        findings={
            "inspections": len(inspections),
            "evidence_notes": len({(n.area, n.criterion, n.polarity) for n in notes}),
            "counts": [c.to_dict() for c in counts],
        },
        created_by=actor,
        created_at=now,
        updated_at=now,
    )
    overview.inspections.set(inspections)
    return overview


def _locked(overview: ThematicOverview) -> ThematicOverview:
    return ThematicOverview.objects.select_for_update().get(pk=overview.pk)


@transaction.atomic
def overview_edit(
    *,
    actor: User,
    overview: ThematicOverview,
    version: int,
    title: str,
    sections: dict[str, str],
    now: dt.datetime | None = None,
) -> ThematicOverview:
    """Replace the draft's title and each section's text (blank lines between
    paragraphs). Refused once sent for QA, and when someone saved since ``version``."""
    if not is_programme_wide(actor):
        raise PublicationError("Only a programme manager can edit an overview.")
    locked = _locked(overview)
    if locked.status not in OVERVIEW_EDITABLE:
        raise PublicationError(
            f"This overview is {locked.get_status_display().lower()}: it can only be edited "
            "as a draft."
        )
    if locked.version != version:
        raise PublicationError(
            f"Someone saved this overview at {moment(locked.updated_at)}, after you opened "
            "it. Your changes have not been saved: they are below, beside the newer text."
        )
    title = " ".join(title.split())
    if not title:
        raise PublicationError("Enter the overview's title", "title")
    current = locked.letter
    new_sections = []
    for section in current.sections:
        paragraphs = split_paragraphs(sections.get(section.key, ""))
        if not paragraphs:
            raise PublicationError(f"Enter the text of {section.heading}", section.key)
        new_sections.append(LetterSection(section.key, section.heading, paragraphs))
    document = LetterDocument(
        title=title,
        area_name=current.area_name,
        letter_date=current.letter_date,
        addressees=current.addressees,
        sections=tuple(new_sections),
        signatories=current.signatories,
    )
    locked.title = title
    locked.document = document.to_dict()
    locked.version += 1
    locked.updated_at = now or timezone.now()
    locked.save()
    return locked


@transaction.atomic
def overview_submit(
    *, actor: User, overview: ThematicOverview, qa_manager: User, now: dt.datetime | None = None
) -> ThematicOverview:
    if not is_programme_wide(actor):
        raise PublicationError("Only a programme manager can send an overview for sign-off.")
    if qa_manager.role != Role.QA_MANAGER or not qa_manager.is_active:
        raise PublicationError("Choose a quality assurance manager", "qa_manager")
    locked = _locked(overview)
    if locked.status != OverviewStatus.DRAFT:
        raise PublicationError("Only a draft can be sent for sign-off.")
    locked.status = OverviewStatus.QUALITY_ASSURANCE
    locked.qa_manager = qa_manager
    locked.return_reason = ""
    locked.updated_at = now or timezone.now()
    locked.save()
    transaction.on_commit(partial(_email_qa_manager, locked.pk))
    return locked


def _email_qa_manager(overview_id: int) -> None:
    """Tell the QA manager an overview waits for them: the link is how they find it."""
    overview = ThematicOverview.objects.select_related("qa_manager", "created_by").get(
        pk=overview_id
    )
    if overview.qa_manager is None:
        return
    link = settings.JTAI_BASE_URL.rstrip("/") + reverse("overviews:detail", args=[overview.pk])
    send_mail(
        subject=f"For sign-off: {overview.title}",
        message=(
            f"Dear {overview.qa_manager.full_name},\n\n"
            f"{overview.created_by.full_name} has sent you the thematic overview "
            f'"{overview.title}" to sign off or return.\n\n{link}\n\n'
            "Joint targeted area inspections\n"
        ),
        from_email=None,
        recipient_list=[overview.qa_manager.email],
    )


def _require_qa(actor: User, overview: ThematicOverview) -> ThematicOverview:
    locked = _locked(overview)
    if locked.status != OverviewStatus.QUALITY_ASSURANCE:
        raise PublicationError("This overview is not waiting for sign-off.")
    if locked.qa_manager_id != actor.pk:
        raise PublicationError("Only the quality assurance manager it was sent to can do this.")
    return locked


@transaction.atomic
def overview_return(
    *, actor: User, overview: ThematicOverview, reason: str, now: dt.datetime | None = None
) -> ThematicOverview:
    locked = _require_qa(actor, overview)
    if not reason.strip():
        raise PublicationError("Enter what needs to change", "reason")
    locked.status = OverviewStatus.DRAFT
    locked.return_reason = reason.strip()
    locked.updated_at = now or timezone.now()
    locked.save()
    return locked


@transaction.atomic
def overview_sign_off(
    *, actor: User, overview: ThematicOverview, now: dt.datetime | None = None
) -> ThematicOverview:
    locked = _require_qa(actor, overview)
    now = now or timezone.now()
    locked.status = OverviewStatus.SIGNED_OFF
    locked.signed_off_at = now
    locked.updated_at = now
    locked.save()
    return locked


@transaction.atomic
def overview_embargo(
    *,
    actor: User,
    overview: ThematicOverview,
    publish_on: dt.date,
    now: dt.datetime | None = None,
) -> Report:
    """Keep the signed-off overview as it stands, embargoed until ``publish_on`` at the
    publication time; from then the scheduled job publishes it like any report."""
    if not is_programme_wide(actor):
        raise PublicationError("Only a programme manager can set an overview's publication.")
    now = now or timezone.now()
    locked = _locked(overview)
    if Report.objects.filter(overview=locked).exists():
        raise PublicationError("This overview already has its publication set.")
    if locked.status != OverviewStatus.SIGNED_OFF:
        raise PublicationError("An overview is published once the QA manager has signed it off.")
    publish_at = publication_moment(publish_on)
    if publish_at <= now:
        raise PublicationError(
            f"The publication moment, {moment(publish_at)}, must be in the future.", "publish_on"
        )
    letter = locked.letter
    slug = slugify(f"{locked.theme.name} overview {publish_on.year}")[:110]
    if Report.objects.filter(slug=slug).exists():
        slug = slugify(f"{slug} {publish_on.isoformat()}")[:120]
    report = Report.objects.create(
        kind=ReportKind.OVERVIEW,
        slug=slug,
        title=letter.title,
        overview=locked,
        theme=locked.theme,
        document=letter.to_dict(),
        search_text=search_text_of(letter, locked.theme.name),
        embargoed_at=now,
        embargoed_by=actor,
        publish_at=publish_at,
    )
    locked.status = OverviewStatus.EMBARGOED
    locked.updated_at = now
    locked.save()
    return report
