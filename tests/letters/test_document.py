import datetime as dt

from jtai.letters.document import (
    LetterDocument,
    LetterSection,
    Signatory,
    headings_for,
    split_paragraphs,
)


def test_paragraphs_are_numbered_through_the_whole_letter() -> None:
    document = LetterDocument(
        title="Joint targeted area inspection of the multi-agency response to children",
        area_name="Leeds",
        letter_date=dt.date(2026, 11, 20),
        addressees=("Director of children's services",),
        sections=(
            LetterSection("context", "Context", ("One.", "Two.")),
            LetterSection("strengths", "Strengths", ("Three.",)),
        ),
        signatories=(Signatory("A Person", "Regional director", "Ofsted"),),
    )
    numbered = [(p.number, p.section_key, p.text) for p in document.numbered_paragraphs()]
    assert numbered == [(1, "context", "One."), (2, "context", "Two."), (3, "strengths", "Three.")]
    assert LetterDocument.from_dict(document.to_dict()) == document


def test_headings_follow_the_framework_era() -> None:
    assert headings_for("2022")[0].heading == "Context"
    assert headings_for("2024-thematic")[0].key == "context"
    assert headings_for("2016")[0].key == "key_strengths"
    assert headings_for("2019")[-1].key == "next_steps"


def test_blank_lines_separate_paragraphs() -> None:
    text = "First line\nwraps here.\r\n\r\nSecond.\n\n\n  \nThird."
    assert split_paragraphs(text) == ("First line wraps here.", "Second.", "Third.")
