"""Every read of evidence and case tracking, narrowed by the access policy: inspectorate
staff who may see the inspection; never a local-area user (evidence_q). Pages cost the
same few queries however much evidence an inspection has."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import (
    Count,
    F,
    Prefetch,
    Q,
    QuerySet,
    Window,
)
from django.db.models.functions import RowNumber
from django.http import Http404
from django.utils import timezone
from django.utils.safestring import SafeString

from jtai.accounts.models import Inspectorate
from jtai.areas.models import Agency
from jtai.cases.models import Purpose, SelectedChild, Stage
from jtai.fieldwork.models import Activity
from jtai.information.models import Document
from jtai.inspections.models import Inspection, TeamMember
from jtai.library.highlight import (
    START_MARK,
    STOP_MARK,
    headline_html,
    highlight,
    search_terms,
)
from jtai.library.services import SEARCH_CONFIG

from .access import evidence_q
from .models import (
    AgencyJudgement,
    EvaluationCriterion,
    EvidenceNote,
    EvidenceNoteVersion,
    Polarity,
    TrackingRecord,
)

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser

# The children the inspectors look at in depth: those short-listed for the area's
# multi-agency audit and those case-tracked on site.
TRACKED_PURPOSES = (Purpose.LOCAL_AUDIT, Purpose.CASE_TRACKING)
NEWEST_PER_CRITERION = 3


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def inspection_get(*, user: AnyUser, reference: str) -> Inspection:
    """The inspection, if ``user`` may read its evidence; otherwise 404."""
    try:
        return (
            Inspection.objects.filter(evidence_q(user))
            .select_related("area", "theme")
            .prefetch_related(
                Prefetch("team_members", queryset=TeamMember.objects.select_related("user"))
            )
            .get(reference=reference)
        )
    except Inspection.DoesNotExist as error:
        raise Http404("No such inspection.") from error


# --- what a note can refer to -------------------------------------------------------------


def criteria_for(
    inspection: Inspection, *, include: Iterable[int] = ()
) -> list[EvaluationCriterion]:
    """The inspection's criteria in order: its theme's, for every type or for its own
    type, active ones (and any in ``include``, so an old note keeps its criterion)."""
    return list(
        EvaluationCriterion.objects.filter(
            Q(is_active=True) | Q(pk__in=list(include)),
            Q(inspection_type="") | Q(inspection_type=inspection.inspection_type),
            theme_id=inspection.theme_id,
        ).order_by("position", "id")
    )


def agencies_for(inspection: Inspection) -> list[Agency]:
    return list(Agency.objects.filter(area_id=inspection.area_id).order_by("kind", "name"))


def tracked_children(inspection: Inspection) -> QuerySet[SelectedChild]:
    return SelectedChild.objects.filter(
        inspection=inspection, stage=Stage.SHORT_LIST, purpose__in=TRACKED_PURPOSES
    ).order_by("case_reference")


def activities_for(inspection: Inspection) -> QuerySet[Activity]:
    return Activity.objects.filter(inspection=inspection).order_by("starts_at", "id")


def documents_for(inspection: Inspection) -> QuerySet[Document]:
    return (
        Document.objects.filter(item__inspection=inspection)
        .select_related("item")
        .order_by("item__position", "filename", "-version")
    )


@dataclass(frozen=True)
class Sources:
    """What a note may cite, as choices for a form: (group label, [(value, label)])."""

    activities: list[Activity]
    children: list[SelectedChild]
    documents: list[Document]

    def choices(self) -> list[tuple[str, list[tuple[str, str]]]]:
        groups = [
            (
                "Fieldwork activities",
                [(f"activity:{a.pk}", activity_label(a)) for a in self.activities],
            ),
            (
                "Tracked children's cases",
                [(f"child:{c.pk}", f"Child {c.case_reference}") for c in self.children],
            ),
            (
                "Documents from the information request",
                [(f"document:{d.pk}", document_label(d)) for d in self.documents],
            ),
        ]
        return [(label, options) for label, options in groups if options]


def activity_label(activity: Activity) -> str:
    local = timezone.localtime(activity.starts_at)
    return f"{local:%a} {local.day} {local:%b}, {local:%H:%M}: {activity.title}"


def document_label(document: Document) -> str:
    version = f", version {document.version}" if document.version > 1 else ""
    return f"{document.filename}{version} ({document.item.title})"


def sources_for(inspection: Inspection) -> Sources:
    return Sources(
        activities=list(activities_for(inspection)),
        children=list(tracked_children(inspection)),
        documents=list(documents_for(inspection)),
    )


# --- notes --------------------------------------------------------------------------------


def notes_for(user: AnyUser) -> QuerySet[EvidenceNote]:
    return EvidenceNote.objects.filter(evidence_q(user, "inspection__"))


def _with_details(
    queryset: QuerySet[EvidenceNote], *, sources: bool = True
) -> QuerySet[EvidenceNote]:
    """Notes with what their pages show, in a fixed number of queries. Lists leave out
    the sources (``sources=False``): fewer joins for a page that does not show them."""
    related = ["criterion", "author", "author__inspectorate"]
    if sources:
        related += ["updated_by", "activity", "child", "document", "document__item"]
    return (
        queryset.select_related(*related)
        .prefetch_related(Prefetch("agencies", queryset=Agency.objects.order_by("kind", "name")))
        .defer("search_vector")
    )


@dataclass(frozen=True)
class NoteFilters:
    criterion: int | None = None
    agency: int | None = None
    inspectorate: str = ""
    polarity: str = ""
    key_only: bool = False
    query: str = ""


def note_list(
    *, user: AnyUser, inspection: Inspection, filters: NoteFilters
) -> QuerySet[EvidenceNote]:
    """The inspection's notes that match ``filters``, newest first (best match first
    when searching). On PostgreSQL the search is English full-text search over the
    GIN-indexed vector (websearch syntax); elsewhere every term must appear in the text."""
    queryset = _with_details(notes_for(user).filter(inspection=inspection), sources=False)
    if filters.criterion:
        queryset = queryset.filter(criterion_id=filters.criterion)
    if filters.agency:
        queryset = queryset.filter(agencies=filters.agency)
    if filters.inspectorate:
        queryset = queryset.filter(author__inspectorate__code=filters.inspectorate)
    if filters.polarity:
        queryset = queryset.filter(polarity=filters.polarity)
    if filters.key_only:
        queryset = queryset.filter(is_key=True)
    newest = ("-created_at", "-id")
    query = filters.query.strip()
    if not query:
        return queryset.order_by(*newest)
    if uses_postgres():
        search = SearchQuery(query, search_type="websearch", config=SEARCH_CONFIG)
        return (
            queryset.filter(search_vector=search)
            .annotate(
                rank=SearchRank(F("search_vector"), search),
                headline=SearchHeadline(
                    "text",
                    search,
                    config=SEARCH_CONFIG,
                    start_sel=START_MARK,
                    stop_sel=STOP_MARK,
                    highlight_all=True,
                ),
            )
            .order_by("-rank", *newest)
        )
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    for term in terms:
        queryset = queryset.filter(text__icontains=term)
    return queryset.order_by(*newest)


def note_html(note: EvidenceNote, query: str) -> SafeString:
    """The note's text with the search's matches marked (everything escaped)."""
    headline = getattr(note, "headline", None)
    if headline is not None:
        return headline_html(headline)
    return highlight(note.text, search_terms(query)) if query.strip() else highlight(note.text, [])


def note_get(*, user: AnyUser, inspection: Inspection, note_id: int) -> EvidenceNote:
    try:
        return _with_details(notes_for(user).filter(inspection=inspection)).get(pk=note_id)
    except EvidenceNote.DoesNotExist as error:
        raise Http404("No such evidence.") from error


def note_versions(note: EvidenceNote) -> list[EvidenceNoteVersion]:
    return list(note.versions.select_related("saved_by").order_by("-version"))


def inspectorates() -> list[Inspectorate]:
    return list(Inspectorate.objects.order_by("ordering", "code"))


# --- the morning summary ------------------------------------------------------------------


@dataclass
class Counts:
    strength: int = 0
    improvement: int = 0
    context: int = 0

    @property
    def total(self) -> int:
        return self.strength + self.improvement + self.context

    def add(self, polarity: str, count: int) -> None:
        setattr(self, polarity, getattr(self, polarity) + count)


@dataclass
class CriterionSummary:
    criterion: EvaluationCriterion
    counts: Counts = field(default_factory=Counts)
    newest: list[EvidenceNote] = field(default_factory=list)


@dataclass
class AgencySummary:
    agency: Agency
    counts: Counts = field(default_factory=Counts)


@dataclass
class Summary:
    criteria: list[CriterionSummary]
    agencies: list[AgencySummary]
    totals: Counts


def summary(*, user: AnyUser, inspection: Inspection) -> Summary:
    """Counts of strengths, areas for improvement and context by criterion and by
    agency, and the newest notes under each criterion: five queries in all."""
    notes = notes_for(user).filter(inspection=inspection)
    used = notes.values_list("criterion_id", flat=True).distinct()
    by_criterion = {
        c.pk: CriterionSummary(c)
        for c in EvaluationCriterion.objects.filter(
            Q(pk__in=used)
            | Q(is_active=True, theme_id=inspection.theme_id)
            & (Q(inspection_type="") | Q(inspection_type=inspection.inspection_type))
        ).order_by("position", "id")
    }
    totals = Counts()
    for row in notes.values("criterion_id", "polarity").annotate(n=Count("id")).order_by():
        by_criterion[row["criterion_id"]].counts.add(row["polarity"], row["n"])
        totals.add(row["polarity"], row["n"])
    by_agency = {a.pk: AgencySummary(a) for a in agencies_for(inspection)}
    through = EvidenceNote.agencies.through.objects.filter(evidencenote__in=notes.values("pk"))
    for row in (
        through.values("agency_id", "evidencenote__polarity").annotate(n=Count("id")).order_by()
    ):
        if row["agency_id"] in by_agency:
            by_agency[row["agency_id"]].counts.add(row["evidencenote__polarity"], row["n"])
    newest = (
        _with_details(notes, sources=False)
        .annotate(
            row=Window(
                RowNumber(),
                partition_by=F("criterion_id"),
                order_by=(F("created_at").desc(), F("id").desc()),
            )
        )
        .filter(row__lte=NEWEST_PER_CRITERION)
        .order_by("criterion_id", "row")
    )
    for note in newest:
        by_criterion[note.criterion_id].newest.append(note)
    return Summary(list(by_criterion.values()), list(by_agency.values()), totals)


# --- the Friday feedback ------------------------------------------------------------------


@dataclass
class FeedbackGroup:
    """The findings under one heading (a criterion or an agency)."""

    title: str
    strengths: list[EvidenceNote] = field(default_factory=list)
    improvements: list[EvidenceNote] = field(default_factory=list)

    def add(self, note: EvidenceNote) -> None:
        if note.polarity == Polarity.STRENGTH:
            self.strengths.append(note)
        else:
            self.improvements.append(note)


@dataclass
class Feedback:
    by_criterion: list[FeedbackGroup]
    by_agency: list[FeedbackGroup]
    key_only: bool  # False when no note is marked as a key finding yet: every finding shown


def feedback(*, user: AnyUser, inspection: Inspection) -> Feedback:
    """The key strengths and areas for improvement by criterion and by agency, for the
    lead inspector's feedback to the partnership on the Friday. Until someone marks key
    findings, every strength and area for improvement is shown."""
    findings = notes_for(user).filter(
        inspection=inspection, polarity__in=(Polarity.STRENGTH, Polarity.AREA_FOR_IMPROVEMENT)
    )
    key_only = findings.filter(is_key=True).exists()
    if key_only:
        findings = findings.filter(is_key=True)
    notes = list(
        _with_details(findings, sources=False).order_by(
            "criterion__position", "criterion_id", "created_at", "id"
        )
    )
    by_criterion: dict[int, FeedbackGroup] = {}
    by_agency: dict[int, FeedbackGroup] = {
        a.pk: FeedbackGroup(a.name) for a in agencies_for(inspection)
    }
    for note in notes:
        by_criterion.setdefault(note.criterion_id, FeedbackGroup(note.criterion.title)).add(note)
        for agency in note.agencies.all():
            by_agency.setdefault(agency.pk, FeedbackGroup(agency.name)).add(note)
    return Feedback(
        by_criterion=list(by_criterion.values()),
        by_agency=[g for g in by_agency.values() if g.strengths or g.improvements],
        key_only=key_only,
    )


# --- case tracking ------------------------------------------------------------------------


@dataclass(frozen=True)
class TrackedChild:
    selection: SelectedChild
    record: TrackingRecord | None
    note_count: int = 0


def tracking_list(*, user: AnyUser, inspection: Inspection) -> list[TrackedChild]:
    """The tracked children with their records (``inspection`` already checked)."""
    records = {
        r.selection_id: r
        for r in TrackingRecord.objects.filter(inspection=inspection)
        .select_related("updated_by")
        .prefetch_related(
            Prefetch("judgements", queryset=AgencyJudgement.objects.select_related("agency"))
        )
    }
    counts = note_counts_by_child(inspection)
    return [
        TrackedChild(s, records.get(s.pk), counts.get(s.pk, 0))
        for s in tracked_children(inspection).select_related("child", "audit")
    ]


def tracked_child_get(*, inspection: Inspection, selection_id: int) -> TrackedChild:
    """One tracked child of an inspection already checked with :func:`inspection_get`."""
    try:
        selection = (
            tracked_children(inspection).select_related("child", "audit").get(pk=selection_id)
        )
    except SelectedChild.DoesNotExist as error:
        raise Http404("No such child.") from error
    record = (
        TrackingRecord.objects.filter(selection=selection)
        .select_related("updated_by")
        .prefetch_related(
            Prefetch("judgements", queryset=AgencyJudgement.objects.select_related("agency"))
        )
        .first()
    )
    return TrackedChild(selection, record)


def note_counts_by_child(inspection: Inspection) -> dict[int, int]:
    return dict(
        EvidenceNote.objects.filter(inspection=inspection, child__isnull=False)
        .values_list("child_id")
        .annotate(n=Count("id"))
        .order_by()
    )


def notes_about_child(*, user: AnyUser, selection: SelectedChild) -> list[EvidenceNote]:
    return list(
        _with_details(notes_for(user).filter(child=selection), sources=False).order_by(
            "-created_at", "-id"
        )
    )
