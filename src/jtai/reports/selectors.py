"""Every read of findings letters, narrowed by the access policy.

Inspectorate staff who may see the inspection see the working draft, its evidence links
and the QA manager's comments. A local area sees nothing of the letter until the draft
is sent to it, then only the text as sent (never the working draft, QA comments or
evidence) and the comments its policy allows: the coordinator all of the area's, an
agency contact only their own agency's. Inspectors see the area's comments only once the
coordinator has submitted them."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404

from jtai.accounts.policy import agency_item_q, inspection_q, is_local_area_user
from jtai.letters.document import DiffParagraph, LetterDocument, NumberedParagraph, compare_texts

from .models import (
    SUBMITTED_STATUSES,
    AccuracyComment,
    CommentStatus,
    Letter,
    QAComment,
    Section,
    SectionVersion,
)

if TYPE_CHECKING:
    from jtai.accounts.policy import AnyUser
    from jtai.inspections.models import Inspection


def letters_for(user: AnyUser) -> QuerySet[Letter]:
    queryset = Letter.objects.filter(inspection_q(user, "inspection__"))
    if is_local_area_user(user):
        queryset = queryset.filter(sent_at__isnull=False)
    return queryset


def letter_for(*, user: AnyUser, inspection: Inspection) -> Letter | None:
    """The inspection's letter if it exists and ``user`` may see it."""
    letter = (
        letters_for(user)
        .select_related("signed_off_by", "sent_by", "accuracy_submitted_by")
        .filter(inspection=inspection)
        .first()
    )
    if letter is not None:
        letter.inspection = inspection  # already read, with its team
    return letter


def letter_get(*, user: AnyUser, inspection: Inspection) -> Letter:
    letter = letter_for(user=user, inspection=inspection)
    if letter is None:
        raise Http404("No letter.")
    return letter


def sections_of(letter: Letter, *, with_qa: bool) -> list[Section]:
    queryset = Section.objects.filter(letter=letter).select_related("updated_by")
    if with_qa:
        queryset = queryset.prefetch_related(
            Prefetch("qa_comments", queryset=QAComment.objects.select_related("author"))
        )
    sections = list(queryset.order_by("position"))
    for section in sections:
        section.letter = letter
    return sections


def section_get(*, letter: Letter, key: str) -> Section:
    try:
        section = Section.objects.select_related("updated_by").get(letter=letter, key=key)
    except Section.DoesNotExist as error:
        raise Http404("No such section.") from error
    section.letter = letter
    return section


def versions_of(section: Section) -> list[SectionVersion]:
    return list(section.versions.select_related("author").order_by("-number"))


@dataclass(frozen=True)
class Comparison:
    older: SectionVersion
    newer: SectionVersion
    paragraphs: tuple[DiffParagraph, ...]

    @property
    def changed(self) -> bool:
        return any(p.kind != "same" for p in self.paragraphs)


def compare(versions: list[SectionVersion], older: int, newer: int) -> Comparison | None:
    by_number = {v.number: v for v in versions}
    if older not in by_number or newer not in by_number:
        return None
    if older > newer:
        older, newer = newer, older
    a, b = by_number[older], by_number[newer]
    return Comparison(a, b, compare_texts(a.text, b.text))


# --- factual accuracy --------------------------------------------------------------------


def comments_for(user: AnyUser, letter: Letter) -> QuerySet[AccuracyComment]:
    queryset = AccuracyComment.objects.filter(
        inspection_q(user, "letter__inspection__"), letter=letter
    )
    if is_local_area_user(user):
        return queryset.filter(agency_item_q(user, "agency"))
    return queryset.filter(status__in=SUBMITTED_STATUSES)


def comment_get(*, user: AnyUser, letter: Letter, comment_id: int) -> AccuracyComment:
    try:
        comment = (
            comments_for(user, letter)
            .select_related("agency", "author", "updated_by", "responded_by")
            .get(pk=comment_id)
        )
    except AccuracyComment.DoesNotExist as error:
        raise Http404("No such comment.") from error
    comment.letter = letter
    return comment


@dataclass
class ParagraphRow:
    paragraph: NumberedParagraph
    heading: str
    first_of_section: bool
    comments: list[AccuracyComment] = field(default_factory=list)


@dataclass
class AccuracyView:
    """The draft as sent, paragraph by paragraph, with the comments ``user`` may see."""

    document: LetterDocument
    rows: list[ParagraphRow]
    counts: dict[str, int]

    @property
    def comment_count(self) -> int:
        return sum(len(r.comments) for r in self.rows)


def accuracy_view(*, user: AnyUser, letter: Letter) -> AccuracyView | None:
    if not letter.sent_document:
        return None
    document = LetterDocument.from_dict(letter.sent_document)
    headings = {s.key: s.heading for s in document.sections}
    rows: list[ParagraphRow] = []
    by_number: dict[int, ParagraphRow] = {}
    seen: set[str] = set()
    for paragraph in document.numbered_paragraphs():
        row = ParagraphRow(
            paragraph, headings[paragraph.section_key], paragraph.section_key not in seen
        )
        seen.add(paragraph.section_key)
        rows.append(row)
        by_number[paragraph.number] = row
    counts = dict.fromkeys(CommentStatus.values, 0)
    comments = comments_for(user, letter).select_related("agency", "author", "responded_by")
    for comment in comments:
        comment.letter = letter
        counts[comment.status] += 1
        if comment.paragraph in by_number:
            by_number[comment.paragraph].comments.append(comment)
    return AccuracyView(document, rows, counts)


def has_open_comments(letter: Letter) -> bool:
    return AccuracyComment.objects.filter(
        Q(letter=letter), Q(status=CommentStatus.SUBMITTED)
    ).exists()
