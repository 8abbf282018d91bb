"""Read a published JTAI findings letter (PDF) into a LetterRecord.

The letters share a structure across eras: a date line, the addressees, a title line
"Joint targeted area inspection of ...", an opening that states the fieldwork dates and the
inspectorates, then headed sections. Everything here keys on that structure, never on
particular files.
"""

from __future__ import annotations

import os
import re
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

from jtai.letters.areas import AreaMatch, match_area, most_mentioned_area
from jtai.letters.dates import find_deadline, find_fieldwork, find_letter_date
from jtai.letters.pdftext import UnreadableLetterError, extract_pages
from jtai.letters.record import LetterRecord, Status
from jtai.letters.sections import heading_key, split_sections
from jtai.letters.themes import infer_theme

_TITLE_RE = re.compile(r"\s*joint targeted area inspection\b", re.I)
# A letter's title comes within its first page or so; a report that only mentions JTAIs
# somewhere in its body is not a letter.
_TITLE_WITHIN_LINES = 80
# Capitalised words that start the opening sentence rather than continue a title wrapped
# over lines (a continuation such as "from home, care or education" is lower case).
_SENTENCE_START_RE = re.compile(r"(?:Between|This|From|On|During|Ofsted|We|It)\b")
_MAX_TITLE_LINES = 5
# Word's footnote separator comes out as a long run of spaces; footnotes follow it to the
# end of the page and would otherwise be glued into the middle of a paragraph.
_FOOTNOTE_RULE_RE = re.compile(r" {20,}")
_PAGE_NUMBER_RE = re.compile(r"\s*\d{1,3}\s*")
_SQUARE_BULLET = "\u25fc"
# How a complete section's text can end: a sentence, a quotation or a bracket.
_SECTION_ENDINGS = (".", "?", "!", ":", ";", ")", "'", '"')
_CHARACTERS = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\xa0": " ",
        "\u00ad": None,
        # 2016-2020 letters draw bullets with Wingdings/Symbol glyphs that come out as
        # private-use characters; later letters use a real black square.
        "\uf06e": _SQUARE_BULLET,
        "\uf0b7": _SQUARE_BULLET,
        "\uf0a7": _SQUARE_BULLET,
    }
)

INSPECTORATE_PATTERNS: dict[str, re.Pattern[str]] = {
    "ofsted": re.compile(r"\bOfsted\b|Chief Inspector of Education"),
    "cqc": re.compile(r"Care Quality Commission|\bCQC\b"),
    "hmicfrs": re.compile(r"\bHMIC(?:FRS)?\b|HMI Constabulary|Inspector(?:ate)? of Constabulary"),
    "hmip": re.compile(r"\bHMIP\b|HMI Prob|Inspector(?:ate)? of Probation"),
}

# Documents that get published next to JTAI letters, named in the refusal reason.
_OTHER_DOCUMENTS = (
    (re.compile(r"area SEND inspection", re.I), "an area SEND inspection report"),
    (re.compile(r"local area partnership", re.I), "an area SEND inspection report"),
    (
        re.compile(r"inspection of local authority children'?s services|ILACS", re.I),
        "an inspection of local authority children's services (ILACS)",
    ),
    (re.compile(r"focused visit", re.I), "a focused visit letter"),
    (re.compile(r"joint targeted area inspection", re.I), "a report about JTAIs in general"),
)

_PRINCIPAL_RES = (
    re.compile(r"determined that (?:the )?(.+?) (?:is|are) the principal authority", re.I),
    re.compile(r"(?:^|[.:]\s+)([A-Z][^.]*?) should (?:coordinate the )?(?:prepar|produc)", re.M),
)


def clean_lines(pages: list[str]) -> list[str]:
    """The letter's lines with footnotes, page numbers and typographic quotes removed."""
    lines: list[str] = []
    for page in pages:
        for line in page.translate(_CHARACTERS).splitlines():
            if _FOOTNOTE_RULE_RE.fullmatch(line):
                break
            if not _PAGE_NUMBER_RE.fullmatch(line):
                # Runs of spaces are justification or layout padding, never meaning.
                lines.append(" ".join(line.split()))
    return lines


def _title_span(lines: list[str]) -> tuple[int, int] | None:
    """Index range of the (possibly wrapped) title line(s)."""
    for start, line in enumerate(lines[:_TITLE_WITHIN_LINES]):
        if _TITLE_RE.match(line):
            end = start + 1
            while (
                end < len(lines)
                and end - start < _MAX_TITLE_LINES
                and lines[end].strip()
                and not lines[end - 1].rstrip().endswith(".")
                and not _SENTENCE_START_RE.match(lines[end].strip())
                and not heading_key(lines[end])
            ):
                end += 1
            return start, end
    return None


def _quote_line(text: str, at: int) -> str:
    """The line containing offset ``at``, with the next one when a short title wraps."""
    lines = text[text.rfind("\n", 0, at) + 1 :].split("\n")
    quoted = lines[0].strip()
    if len(lines) > 1 and lines[1].strip() and len(quoted) + len(lines[1].strip()) < 80:
        quoted = f"{quoted} {lines[1].strip()}"
    return " ".join(quoted.split())


def _refusal_reason(text: str) -> str:
    head = text[:3000]
    for pattern, kind in _OTHER_DOCUMENTS:
        match = pattern.search(head)
        if match:
            quoted = _quote_line(head, match.start())
            return f"not a JTAI findings letter: it looks like {kind} ('{quoted}')"
    opening = " ".join(head.split())[:80]
    return (
        "not a JTAI findings letter: it has no 'Joint targeted area inspection' title "
        f"(it begins '{opening}')"
    )


def _sentences(text: str) -> list[str]:
    # A footnote marker may sit between the full stop and the space ("in Derby.1 This").
    return re.split(r"(?<=[.!?])\d*\s+(?=[A-Z'\"])", text)


def _area(title: str, intro: str, text: str) -> AreaMatch | None:
    # The title names the area ("... in Southend-on-Sea", "... of London Borough of
    # Merton"); a few titles do not, and then the area is the authority the opening
    # paragraphs name most, or failing that the whole letter.
    candidate = title.rsplit(" in ", 1)[1] if " in " in title else title
    candidate = re.sub(r"^joint targeted area inspection of\s+", "", candidate, flags=re.I)
    return match_area(candidate) or most_mentioned_area(intro) or most_mentioned_area(text)


def _principal_authority(next_steps: str) -> str | None:
    flat = " ".join(next_steps.split())
    for pattern in _PRINCIPAL_RES:
        match = pattern.search(flat)
        if match:
            # Drop asides such as "(with accountabilities delegated to her by ...)".
            return re.sub(r"\s*\([^)]*\)", "", match[1]).strip(" ,")
    return None


def parse_letter(pages: list[str], source: str | None = None) -> LetterRecord:
    """Build the record from page texts already extracted from the PDF."""
    lines = clean_lines(pages)
    text = "\n".join(lines)
    span = _title_span(lines)
    if span is None:
        return LetterRecord(
            source, Status.REFUSED, False, reason=_refusal_reason(text), page_count=len(pages)
        )
    title = " ".join(" ".join(lines[span[0] : span[1]]).split()).rstrip(" .")
    sections = split_sections(lines[span[1] :], title)
    intro = " ".join(" ".join(sections[0].text.split("\n")).split())
    record = LetterRecord(
        source, Status.READ, True, title=title, page_count=len(pages), sections=sections
    )
    problems: list[str] = []

    area = _area(title, intro, text)
    if area:
        record.area, record.ons_code = area.area, area.ons_code
    else:
        problems.append("the area could not be matched to a local authority")

    record.letter_date = record.published = find_letter_date(lines, before=span[0])
    if record.letter_date is None:
        problems.append("the letter date was not found")

    fieldwork = find_fieldwork(intro, record.letter_date)
    if fieldwork:
        record.fieldwork_start, record.fieldwork_end = fieldwork.start, fieldwork.end
        record.fieldwork_text = fieldwork.text
    else:
        problems.append("the fieldwork dates were not found")

    record.inspectorates = sorted(
        code for code, pattern in INSPECTORATE_PATTERNS.items() if pattern.search(intro)
    )
    if not record.inspectorates:
        problems.append("the participating inspectorates were not found")

    statements = [title]
    statements += [s for s in _sentences(intro) if "deep dive" in s.lower()]
    statements += [s for s in _sentences(intro) if "response to" in s.lower()]
    context = record.section("context")
    if context:
        statements.append(context.text)
    record.theme = infer_theme(statements)
    if record.theme is None:
        problems.append("the theme was not recognised")

    next_steps = record.section("next_steps")
    if next_steps:
        record.principal_authority = _principal_authority(next_steps.text)
        record.wsoa_due = find_deadline(" ".join(next_steps.text.split()))

    if problems:
        record.status = Status.INCOMPLETE
    notes = problems + ([area.note] if area and area.note else [])
    record.reason = "; ".join(notes) or None
    return record


def _broken_sections(record: LetterRecord) -> int:
    """How many sections, the last apart, end in the middle of a sentence."""
    return sum(
        1
        for section in record.sections[:-1]
        if section.text and not section.text.endswith(_SECTION_ENDINGS)
    )


def read_letter(source: str | os.PathLike[str] | bytes, *, name: str | None = None) -> LetterRecord:
    """Read one letter from a path or from the PDF's bytes; never raises for bad input.

    ``name`` labels the record (``source``); it defaults to the file name of a path.
    """
    if isinstance(source, bytes):
        data, label = source, name
    else:
        path = Path(source)
        label = name or path.name
        try:
            data = path.read_bytes()
        except OSError as error:
            reason = f"the file cannot be opened ({error.strerror or error})"
            return LetterRecord(label, Status.UNREADABLE, False, reason=reason)
    try:
        pages = extract_pages(data)
    except UnreadableLetterError as error:
        return LetterRecord(label, Status.UNREADABLE, False, reason=str(error))
    try:
        record = parse_letter(pages, source=label)
        if record.is_jtai and _broken_sections(record):
            # A section that stops mid-sentence means the PDF painted a box (typically a
            # practice study) in the middle of another section's text: read it again in
            # page-position order and keep whichever reading has fewer broken sections.
            relaid = parse_letter(extract_pages(data, layout=True), source=label)
            if _broken_sections(relaid) < _broken_sections(record):
                record = relaid
        return record
    except Exception as error:
        # A letter laid out like none seen before must not stop a batch import; the
        # reason carries the error so the case can be reported and fixed.
        reason = f"internal error while reading the letter ({type(error).__name__}: {error})"
        return LetterRecord(label, Status.UNREADABLE, False, reason=reason)


def read_letters(
    paths: Sequence[str | os.PathLike[str]], workers: int | None = None
) -> list[LetterRecord]:
    """Read many letters, in order, over a process pool (text extraction is CPU-bound).

    ``workers=1`` reads in this process, which is what a web server or task worker that
    must not fork should ask for.
    """
    workers = min(workers or os.cpu_count() or 1, len(paths))
    if workers <= 1:
        return [read_letter(path) for path in paths]
    with ProcessPoolExecutor(max_workers=workers) as pool:
        return list(pool.map(read_letter, paths, chunksize=1))
