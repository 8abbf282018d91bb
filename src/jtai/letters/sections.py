"""Split a letter's body into its sections under their headings.

Headings are lines of their own. Since 2022: Context, Headline findings, Areas for priority
action, What needs to improve?, Strengths, Main findings, Practice study: highly effective
practice, Practice study: area for improvement, Next steps. 2016-2020: Key strengths, Case
study: highly effective practice, Areas for improvement, Case study: area for improvement,
Next steps. Sub-headings inside a section ("Leadership and management") stay in its text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    key: str
    heading: str
    text: str


# (pattern for the whole heading line, stable key). Case varies between letters ("Key
# Strengths", "Case Study: Area for improvement.") and some end with "." or ":".
HEADING_RULES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(rf"(?:{pattern})\s*[.:]?", re.I), key)
    for pattern, key in (
        (r"context", "context"),
        (r"headline findings", "headline_findings"),
        (r"areas? for priority actions?", "areas_for_priority_action"),
        (r"what needs to improve\s*\??", "what_needs_to_improve"),
        (r"key strengths", "key_strengths"),
        (r"strengths", "strengths"),
        (r"main findings", "main_findings"),
        (
            r"practice study\s*:.*\b(?:improvement|priority action)\b.*",
            "practice_study_improvement",
        ),
        (r"practice study\s*:.*effective practice", "practice_study"),
        (r"case study\s*:.*\b(?:improvement|priority action)\b.*", "case_study_improvement"),
        (r"case study\s*:.*effective practice", "case_study"),
        (r"areas for improvement", "areas_for_improvement"),
        (r"next steps", "next_steps"),
    )
)

# The signature block follows "Yours sincerely": names and titles, not findings.
_CLOSING_RE = re.compile(r"yours (?:sincerely|faithfully)\b", re.I)
# Bullets: squares and dots (the reader maps the older letters' Wingdings glyphs to a
# square), or a dash followed by a space for second-level points.
_BULLET_RE = re.compile("^(?:[\u25fc\u25aa\u2022\u25cf\u25a0]|[-\u2013\u2212]\\s)")
_SENTENCE_END = (".", ":", "?", "!")
# A wrapped line runs close to the right margin; a paragraph's last line usually does not.
_FULL_LINE = 0.85


def heading_key(line: str) -> str | None:
    """The section key when ``line`` is a section heading, else None."""
    text = " ".join(line.split())  # "Practice  study:" has been typed with two spaces
    # Headings start with a capital; "strengths." on its own is the end of a sentence.
    if not text or not text[0].isupper() or len(text) > 80:
        return None
    for pattern, key in HEADING_RULES:
        if pattern.fullmatch(text):
            return key
    return None


def reflow(lines: list[str]) -> str:
    """Join the PDF's wrapped lines into paragraphs, one paragraph per output line."""
    stripped = [line.strip() for line in lines if line.strip()]
    if not stripped:
        return ""
    width = max(len(line) for line in stripped)
    paragraphs: list[str] = []
    previous = ""
    for line in stripped:
        ended = previous.endswith(_SENTENCE_END) and len(previous) < _FULL_LINE * width
        if not paragraphs or ended or _BULLET_RE.match(line):
            paragraphs.append(line)
        elif paragraphs[-1].endswith("-"):
            # "multi-" + "agency": in these letters a line-end hyphen is a real hyphen.
            paragraphs[-1] += line
        else:
            paragraphs[-1] += " " + line
        previous = line
    return "\n".join(paragraphs)


def split_sections(lines: list[str], title: str) -> list[Section]:
    """Sections in letter order; the text before the first heading is the introduction."""
    sections: list[Section] = []
    key, heading = "introduction", title
    body: list[str] = []
    for line in lines:
        if _CLOSING_RE.match(line.strip()):
            break
        found = heading_key(line)
        if found:
            sections.append(Section(key, heading, reflow(body)))
            key, heading, body = found, " ".join(line.split()), []
        else:
            body.append(line)
    sections.append(Section(key, heading, reflow(body)))
    return sections
