"""Every read of children's cases, narrowed by the access policy: the inspection first
(inspection_q: nothing before notification, never another area's), then the agency
(an agency contact sees only their own agency's lists and audit sections)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from django.db.models import F, Prefetch, Q, QuerySet
from django.http import Http404

from jtai.accounts.policy import agency_item_q, inspection_q, is_inspectorate_staff
from jtai.inspections.models import Inspection

from .access import case_list_q, is_coordinator_of, section_q
from .models import (
    Audit,
    AuditRequest,
    AuditSection,
    CaseList,
    ListedChild,
    Purpose,
    RejectedUpload,
    SelectedChild,
    Stage,
)
from .rules import Counts, selection_warnings
from .services.selection import selection_counts
from .suggest import Candidate, suggest
from .values import AGE_BANDS, AGENCIES, ETHNIC_GROUPS, STATUSES, age_band

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser


def inspection_get(*, user: AnyUser, reference: str) -> Inspection:
    """The inspection if ``user`` may see it; 404 otherwise, revealing nothing."""
    try:
        return (
            Inspection.objects.filter(inspection_q(user))
            .select_related("area", "theme")
            .distinct()
            .get(reference=reference)
        )
    except Inspection.DoesNotExist as error:
        raise Http404("No such inspection.") from error


def case_lists(*, user: AnyUser, inspection: Inspection) -> QuerySet[CaseList]:
    return (
        CaseList.objects.filter(inspection=inspection)
        .filter(case_list_q(user))
        .select_related("uploaded_by", "agency")
    )


def _children(user: AnyUser, inspection: Inspection) -> QuerySet[ListedChild]:
    return ListedChild.objects.filter(inspection=inspection).filter(
        agency_item_q(user, "case_list__agency")
    )


# --- browsing the lists ------------------------------------------------------------------

# Sort keys for the children table -> the columns they sort by; ties go by reference.
SORTS: dict[str, str] = {
    "reference": "case_reference",
    "age": "age_years",
    "gender": "gender",
    "ethnicity": "ethnic_group",
    "disability": "disability",
    "team": "allocated_team",
    "referral": "referral_date",
    "plan": "plan_start_date",
}


def _ordering(sort: str, descending: bool) -> list[Any]:
    column = SORTS.get(sort, "case_reference")
    # Empty values go last, except that the unborn (no age) are the youngest.
    youngest_first = column == "age_years" and not descending
    nulls = {"nulls_first": True} if youngest_first else {"nulls_last": True}
    primary = F(column).desc(**nulls) if descending else F(column).asc(**nulls)
    return [primary, "case_reference", "id"]


@dataclass(frozen=True)
class ChildFilters:
    case_list: int | None = None
    status: str = ""
    age_band: str = ""
    gender: str = ""
    ethnic_group: str = ""
    disability: str = ""
    agency: str = ""
    team: str = ""
    reference: str = ""
    sort: str = "reference"
    descending: bool = False


def child_list(
    *, user: AnyUser, inspection: Inspection, filters: ChildFilters
) -> QuerySet[ListedChild]:
    queryset = _children(user, inspection).select_related("case_list")
    if filters.case_list:
        queryset = queryset.filter(case_list_id=filters.case_list)
    if filters.status:
        queryset = queryset.filter(status_codes__contains=f",{filters.status},")
    if filters.agency:
        queryset = queryset.filter(agency_codes__contains=f",{filters.agency},")
    if filters.age_band == "unborn":
        queryset = queryset.filter(is_unborn=True)
    elif filters.age_band in AGE_BANDS:
        _, youngest, oldest = AGE_BANDS[filters.age_band]
        queryset = queryset.filter(age_years__gte=youngest)
        if oldest is not None:
            queryset = queryset.filter(age_years__lte=oldest)
    for name in ("gender", "ethnic_group", "disability"):
        if value := getattr(filters, name):
            queryset = queryset.filter(**{name: value})
    if filters.team:
        queryset = queryset.filter(allocated_team=filters.team)
    if filters.reference:
        queryset = queryset.filter(case_reference__icontains=filters.reference)
    return queryset.order_by(*_ordering(filters.sort, filters.descending))


def team_choices(*, user: AnyUser, inspection: Inspection) -> list[str]:
    return list(
        _children(user, inspection)
        .exclude(allocated_team="")
        .order_by("allocated_team")
        .values_list("allocated_team", flat=True)
        .distinct()
    )


def child_get(*, user: AnyUser, inspection: Inspection, child_id: int) -> ListedChild:
    try:
        return _children(user, inspection).select_related("case_list").get(pk=child_id)
    except ListedChild.DoesNotExist as error:
        raise Http404("No such child.") from error


def selections_by_reference(
    *, inspection: Inspection, references: list[str]
) -> dict[str, SelectedChild]:
    """The choice made of each child on a page of rows: one query, however many rows."""
    chosen = SelectedChild.objects.filter(inspection=inspection, case_reference__in=references)
    return {s.case_reference: s for s in chosen}


def rejection_get(*, user: AnyUser, inspection: Inspection, rejection_id: int) -> RejectedUpload:
    """A refused upload's problems: for the person who uploaded it and the coordinator."""
    rejections = RejectedUpload.objects.filter(inspection=inspection, pk=rejection_id)
    if not is_coordinator_of(user, inspection):
        rejections = rejections.filter(uploaded_by_id=getattr(user, "pk", None))
    rejection = rejections.first()
    if rejection is None:
        raise Http404("No such upload.")
    return rejection


# --- choosing children ---------------------------------------------------------------------


@dataclass
class Selection:
    long_list: list[SelectedChild]  # not (yet) on the short list
    short_list: dict[str, list[SelectedChild]]  # by purpose, in Purpose order
    counts: Counts
    warnings: list[str]
    request: AuditRequest | None


def selection_get(*, inspection: Inspection) -> Selection:
    chosen = list(
        SelectedChild.objects.filter(inspection=inspection)
        .select_related("child", "added_by", "promoted_by")
        .order_by("case_reference")
    )
    short: dict[str, list[SelectedChild]] = {p: [] for p in Purpose.values}
    for selection in chosen:
        if selection.stage == Stage.SHORT_LIST:
            short[selection.purpose].append(selection)
    counts = selection_counts(inspection)
    return Selection(
        long_list=[s for s in chosen if s.stage == Stage.LONG_LIST],
        short_list=short,
        counts=counts,
        warnings=selection_warnings(counts),
        request=AuditRequest.objects.filter(inspection=inspection)
        .select_related("requested_by")
        .first(),
    )


def selected_get(*, inspection: Inspection, selection_id: int) -> SelectedChild:
    try:
        return SelectedChild.objects.select_related("child", "inspection").get(
            inspection=inspection, pk=selection_id
        )
    except SelectedChild.DoesNotExist as error:
        raise Http404("No such child on the lists.") from error


# What a child brings to the spread of a short list.
_DIMENSIONS = ("age", "gender", "ethnicity", "disability", "status", "agency")


def features(
    *,
    age_years: int | None,
    is_unborn: bool,
    gender: str,
    ethnic_group: str,
    disability: str,
    agency_codes: str,
    status_codes: str,
) -> frozenset[str]:
    found = {f"status:{s}" for s in status_codes.split(",") if s}
    # Every child on these lists has children's social care involved: it tells nothing.
    found |= {f"agency:{a}" for a in agency_codes.split(",") if a and a != "local_authority"}
    if band := age_band(age_years, is_unborn):
        found.add(f"age:{band}")
    if gender in ("female", "male", "other"):
        found.add(f"gender:{gender}")
    if ethnic_group and ethnic_group != "unknown":
        found.add(f"ethnicity:{ethnic_group}")
    if disability == "yes":
        found.add("disability")
    return frozenset(found)


def feature_label(feature: str) -> str:
    kind, _, value = feature.partition(":")
    if kind == "age":
        return "unborn" if value == "unborn" else f"age {AGE_BANDS[value][0]}"
    if kind == "gender":
        return {"female": "a girl", "male": "a boy"}.get(value, "gender other than girl or boy")
    if kind == "ethnicity":
        return ETHNIC_GROUPS[value]
    if kind == "status":
        return STATUSES[value].lower()
    if kind == "agency":
        return f"{AGENCIES[value].lower()} involvement"
    return feature  # disability


def describe(adds: tuple[str, ...] | list[str]) -> str:
    ordered = sorted(adds, key=lambda f: (_DIMENSIONS.index(f.partition(":")[0]), f))
    if not ordered:
        return "no characteristic the list does not already have; it keeps the list balanced"
    return "adds " + ", ".join(feature_label(f) for f in ordered)


# The columns a child's features are made from, read without building model instances.
FEATURE_FIELDS = (
    "id",
    "case_reference",
    "age_years",
    "is_unborn",
    "gender",
    "ethnic_group",
    "disability",
    "agency_codes",
    "status_codes",
)


def candidate(row: dict[str, Any]) -> Candidate:
    """A child, read as FEATURE_FIELDS values, as the suggestion sees them."""
    return Candidate(
        row["case_reference"],
        features(**{k: v for k, v in row.items() if k not in ("id", "case_reference")}),
    )


@dataclass
class Suggestion:
    picks: list[tuple[ListedChild, str]] = field(default_factory=list)  # child, what it adds
    from_long_list: bool = True
    size: int = 6


def suggestion_get(*, inspection: Inspection, size: int) -> Suggestion:
    """A short list for local audit that widens the spread of the children already on it:
    from the long list, or from every list when the long list has too few children."""
    chosen_rows = SelectedChild.objects.filter(
        inspection=inspection, stage=Stage.SHORT_LIST, purpose=Purpose.LOCAL_AUDIT
    ).values(*(f"child__{f}" for f in FEATURE_FIELDS))
    chosen = [candidate({k[len("child__") :]: v for k, v in r.items()}) for r in chosen_rows]
    wanted = max(size - len(chosen), 0)
    on_long_list = SelectedChild.objects.filter(inspection=inspection, stage=Stage.LONG_LIST)
    rows = list(
        ListedChild.objects.filter(
            inspection=inspection,
            id__in=on_long_list.values("child_id"),
        ).values(*FEATURE_FIELDS)
    )
    from_long_list = len(rows) >= wanted
    if not from_long_list:
        taken = SelectedChild.objects.filter(inspection=inspection, stage=Stage.SHORT_LIST)
        rows = list(
            ListedChild.objects.filter(inspection=inspection)
            .exclude(case_reference__in=taken.values("case_reference"))
            .order_by("case_reference", "id")
            .values(*FEATURE_FIELDS)
        )
    first_row: dict[str, int] = {}
    for row in rows:  # a child on two lists is one candidate
        first_row.setdefault(row["case_reference"], row["id"])
    candidates = [candidate(r) for r in rows if first_row[r["case_reference"]] == r["id"]]
    picks = suggest(candidates, size=wanted, chosen=chosen)
    children = ListedChild.objects.in_bulk([first_row[p.key] for p in picks])
    return Suggestion(
        picks=[(children[first_row[p.key]], describe(p.adds)) for p in picks],
        from_long_list=from_long_list,
        size=size,
    )


# --- audits -------------------------------------------------------------------------------


def _audits(user: AnyUser, inspection: Inspection) -> QuerySet[Audit]:
    audits = Audit.objects.filter(inspection=inspection)
    visible_sections = section_q(user)
    if visible_sections != Q():
        audits = audits.filter(sections__in=AuditSection.objects.filter(visible_sections))
    return audits.select_related("selection__child", "submitted_by").prefetch_related(
        Prefetch(
            "sections",
            queryset=AuditSection.objects.filter(visible_sections)
            .select_related("agency", "updated_by")
            .order_by("agency__kind"),
        )
    )


def _known(audits: list[Audit], inspection: Inspection) -> list[Audit]:
    # The inspection is already in hand: spare a query per audit and section.
    for audit in audits:
        audit.inspection = inspection
        for section in audit.sections.all():
            section.audit = audit
    return audits


def audit_list(*, user: AnyUser, inspection: Inspection) -> list[Audit]:
    return _known(list(_audits(user, inspection).order_by("selection__case_reference")), inspection)


def audit_get(*, user: AnyUser, inspection: Inspection, audit_id: int) -> Audit:
    audits = _known(list(_audits(user, inspection).filter(pk=audit_id)), inspection)
    if not audits:
        raise Http404("No such audit.")
    return audits[0]


def section_get(*, user: AnyUser, audit: Audit, section_id: int) -> AuditSection:
    for section in audit.sections.all():  # already narrowed to what the user may see
        if section.pk == section_id:
            return section
    raise Http404("No such section.")


def answers_visible(user: AnyUser, audit: Audit) -> bool:
    """The area sees its own drafts; the inspectors see an audit once it is submitted."""
    return not is_inspectorate_staff(user) or audit.is_submitted
