"""Full-text search across every letter's passages (paragraphs and bullet points).

On PostgreSQL: English full-text search over a stored, GIN-indexed search vector
(``websearch`` syntax: "quoted phrases", or, -exclusions), ranked by ts_rank, with the
passage from ts_headline. Elsewhere (SQLite): every term must appear in the section text
(case-insensitive substring), ranked by how often the terms occur, with the passage cut
and highlighted in Python. Either way a page of results costs the same few queries however
large the library grows.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.postgres.search import SearchHeadline, SearchQuery, SearchRank
from django.db import connection
from django.db.models import F, IntegerField, QuerySet, Value
from django.db.models.expressions import CombinedExpression, Expression
from django.db.models.functions import Length, Lower, Replace
from django.utils.safestring import SafeString

from .highlight import (
    START_MARK,
    STOP_MARK,
    best_passage,
    headline_html,
    highlight,
    search_terms,
)
from .models import LetterPassage, LetterSection, PublishedLetter
from .sections import GROUPS_BY_SLUG
from .services import SEARCH_CONFIG


@dataclass(frozen=True)
class SearchHit:
    passage: LetterPassage
    html: SafeString  # the passage, matches marked

    @property
    def section(self) -> LetterSection:
        return self.passage.section

    @property
    def letter(self) -> PublishedLetter:
        return self.passage.section.letter


def uses_postgres() -> bool:
    return connection.vendor == "postgresql"


def _occurrences(term: str) -> Expression:
    """How many times ``term`` occurs in a section's text, computed by the database."""
    removed = Length(Replace(Lower("text"), Value(term), Value("")))
    return CombinedExpression(
        CombinedExpression(Length("text"), "-", removed, output_field=IntegerField()),
        "/",
        Value(len(term)),
        output_field=IntegerField(),
    )


def search_passages(
    *,
    query: str,
    theme: str = "",
    region: str = "",
    year: int | None = None,
    section: str = "",
) -> QuerySet[LetterPassage]:
    """Passages that match ``query``, best first, narrowed by the letter's theme, region
    and publication year and by section group (see jtai.library.sections)."""
    queryset = LetterPassage.objects.select_related(
        "section", "section__letter", "section__letter__area", "section__letter__theme"
    ).defer("search_vector", "section__text")
    if theme:
        queryset = queryset.filter(section__letter__theme__key=theme)
    if region:
        queryset = queryset.filter(section__letter__area__region=region)
    if year:
        queryset = queryset.filter(section__letter__published__year=year)
    if section in GROUPS_BY_SLUG:
        queryset = queryset.filter(section__key__in=GROUPS_BY_SLUG[section].keys)
    order = ("-rank", "-section__letter__published", "section__letter_id", "section__position")
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
                    max_words=60,
                    min_words=25,
                    max_fragments=2,
                    fragment_delimiter=" … ",
                ),
            )
            .order_by(*order, "position")
        )
    terms = search_terms(query)
    if not terms:
        return queryset.none()
    score: Expression = Value(0, output_field=IntegerField())
    for term in terms:
        queryset = queryset.filter(text__icontains=term)
        score = CombinedExpression(score, "+", _occurrences(term), output_field=IntegerField())
    return queryset.annotate(rank=score).order_by(*order, "position")


def hits(passages: list[LetterPassage], query: str) -> list[SearchHit]:
    """A page of matching passages, each as HTML with its matches marked."""
    if uses_postgres():
        return [
            SearchHit(passage, headline_html(getattr(passage, "headline", "")))
            for passage in passages
        ]
    terms = search_terms(query)
    return [
        SearchHit(passage, highlight(best_passage(passage.text, terms), terms))
        for passage in passages
    ]
