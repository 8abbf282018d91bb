"""The matching passage of a search hit, as safe HTML: everything escaped, matches marked.

Two sources of passages: PostgreSQL's ts_headline, which marks the matches it found with
two control characters (import strips them from letter text, so they cannot come from a
letter), and, on other databases, the paragraph that best matches the search terms,
found here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString

START_MARK = "\x02"
STOP_MARK = "\x03"
PASSAGE_CHARS = 320
MAX_TERMS = 10
_TERM_RE = re.compile(r'"([^"]+)"|(\S+)')
_BULLET_RE = re.compile("[\u25fc\u25aa\u2022\u25cf\u25a0]\\s*")
# Words the PostgreSQL search treats as operators; the portable search ignores them.
_OPERATORS = frozenset({"or", "and", "not"})


def search_terms(query: str) -> list[str]:
    """The terms of a query, lower-cased: "quoted phrases" stay whole, other words split.
    A leading "-" (exclusion) and operators are dropped, as are one-letter terms."""
    terms: list[str] = []
    for phrase, word in _TERM_RE.findall(query):
        term = " ".join((phrase or word.strip("\"'.,;:!?()")).lower().split())
        if word.startswith("-") or term in _OPERATORS or len(term) < 2:
            continue
        if term not in terms:
            terms.append(term)
    return terms[:MAX_TERMS]


def _pattern(terms: Iterable[str]) -> re.Pattern[str] | None:
    ordered = sorted(set(terms), key=len, reverse=True)
    if not ordered:
        return None
    return re.compile("|".join(r"\s+".join(map(re.escape, t.split())) for t in ordered), re.I)


def best_passage(text: str, terms: list[str], width: int = PASSAGE_CHARS) -> str:
    """The paragraph with the most distinct terms (then the most matches), cut to about
    ``width`` characters around its first match, with an ellipsis where it was cut."""
    paragraphs = [_BULLET_RE.sub("", line.strip()) for line in text.split("\n") if line.strip()]
    if not paragraphs:
        return ""
    pattern = _pattern(terms)
    if pattern is None:
        return _cut(paragraphs[0], 0, width)

    def score(paragraph: str) -> tuple[int, int]:
        found = [match.group(0).lower() for match in pattern.finditer(paragraph)]
        return len(set(found)), len(found)

    best = max(paragraphs, key=score)
    first = pattern.search(best)
    return _cut(best, first.start() if first else 0, width)


def _cut(paragraph: str, at: int, width: int) -> str:
    if len(paragraph) <= width:
        return paragraph
    start = max(0, at - width // 3)
    if start:
        space = paragraph.find(" ", start)
        start = space + 1 if 0 <= space < at else start
    end = min(len(paragraph), start + width)
    if end < len(paragraph):
        space = paragraph.rfind(" ", start, end)
        end = space if space > at else end
    before = "… " if start else ""
    after = " …" if end < len(paragraph) else ""
    return f"{before}{paragraph[start:end].strip()}{after}"


def _html(pieces: Iterable[tuple[str, bool]]) -> SafeString:
    """Pieces of plain text, each either marked or not, as HTML with all text escaped."""
    parts = [
        format_html("<mark>{}</mark>", text) if marked else escape(text)
        for text, marked in pieces
        if text
    ]
    return format_html_join("", "{}", ((part,) for part in parts))


def highlight(passage: str, terms: list[str]) -> SafeString:
    """``passage`` as HTML with every occurrence of a term in <mark>."""
    pattern = _pattern(terms)
    if pattern is None:
        return escape(passage)
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in pattern.finditer(passage):
        pieces += [(passage[position : match.start()], False), (match.group(0), True)]
        position = match.end()
    pieces.append((passage[position:], False))
    return _html(pieces)


def headline_html(headline: str) -> SafeString:
    """A ts_headline result (matches between START_MARK and STOP_MARK) as HTML."""
    pieces: list[tuple[str, bool]] = []
    for chunk in re.split(f"({START_MARK}[^{STOP_MARK}]*{STOP_MARK})", headline or ""):
        marked = chunk.startswith(START_MARK) and chunk.endswith(STOP_MARK)
        text = chunk.replace(START_MARK, "").replace(STOP_MARK, "")
        pieces.append((_BULLET_RE.sub("", text), marked))
    return _html(pieces)
