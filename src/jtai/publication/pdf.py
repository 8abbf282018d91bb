"""Reports as PDF, rendered by WeasyPrint from the same letter as the HTML page, with a
print stylesheet of its own. Fonts and styles are local files: rendering never fetches
anything from the network."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.template.loader import render_to_string

from jtai.letters.document import LetterDocument

PRINT_CSS = Path(__file__).parent / "static" / "publication" / "print.css"


def _refuse_fetch(url: str, *args: Any, **kwargs: Any) -> dict[str, Any]:
    raise ValueError(f"Report PDFs load nothing from outside: {url}")


def render_letter_pdf(
    letter: LetterDocument, *, embargoed_until: str = "", published_on: str = ""
) -> bytes:
    """The letter as a PDF: addressees, headed sections of numbered paragraphs and the
    signatories; an embargo notice on every page while it is embargoed."""
    from weasyprint import CSS, HTML  # imported here: it is slow to load

    html = render_to_string(
        "publication/print/report.html",
        {
            "letter": letter,
            "sections": _numbered_sections(letter),
            "embargoed_until": embargoed_until,
            "published_on": published_on,
        },
    )
    document = HTML(string=html, url_fetcher=_refuse_fetch)
    return bytes(document.write_pdf(stylesheets=[CSS(filename=str(PRINT_CSS))]))


def _numbered_sections(letter: LetterDocument) -> list[dict[str, Any]]:
    """Each section with its paragraphs numbered through the whole letter."""
    numbered = iter(letter.numbered_paragraphs())
    return [
        {
            "key": section.key,
            "heading": section.heading,
            "paragraphs": [next(numbered) for _ in section.paragraphs],
        }
        for section in letter.sections
    ]


numbered_sections = _numbered_sections
