import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from jtai.letters.document import (
    EvidenceItem,
    LetterDocument,
    LetterSection,
    Signatory,
    compare_texts,
    draft_from_evidence,
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


def _item(
    note_id: int, criterion: str, position: int, agencies: tuple[str, ...], polarity: str, text: str
) -> EvidenceItem:
    return EvidenceItem(note_id, criterion, position, agencies, polarity, text)


def test_evidence_starts_strengths_and_improvements_by_criterion_and_agency() -> None:
    items = [
        _item(3, "Leadership", 2, ("Police",), "strength", "Leaders  know\nthe front door."),
        _item(1, "Identification", 1, ("Police",), "strength", "Officers spot risk."),
        _item(2, "Identification", 1, ("Police",), "strength", "They refer quickly."),
        _item(4, "Identification", 1, ("Health",), "improvement", "GPs are not invited."),
        _item(5, "Identification", 1, ("Council",), "context", "A new MASH opened."),
    ]
    drafted = draft_from_evidence(headings_for("2022"), items)
    strengths = drafted["strengths"]
    assert strengths.paragraphs == (
        "Officers spot risk. They refer quickly.",
        "Leaders know the front door.",
    )
    assert [[n.note_id for n in group] for group in strengths.sources] == [[1, 2], [3]]
    assert drafted["what_needs_to_improve"].text == "GPs are not invited."
    assert drafted["context"].paragraphs == ("A new MASH opened.",)
    # The 2016 letters had no context section: context evidence starts nothing there.
    older = draft_from_evidence(headings_for("2016"), items)
    assert set(older) == {"key_strengths", "areas_for_improvement"}


def test_comparing_versions_shows_paragraphs_and_words_changed() -> None:
    old = "Leaders know their services.\n\nThe MASH is busy.\n\nGone paragraph."
    new = "Leaders know their services.\n\nThe MASH is very busy at night."
    diff = compare_texts(old, new)
    assert [p.kind for p in diff] == ["same", "changed", "removed"]
    changed = diff[1].parts
    assert [(p.op, p.text) for p in changed] == [
        ("equal", "The MASH is"),
        ("delete", "busy."),
        ("insert", "very busy at night."),
    ]
    assert [p.kind for p in compare_texts("", "New.")] == ["added"]
    assert compare_texts("Same.", "Same.")[0].kind == "same"


_words = st.lists(
    st.sampled_from(["the", "MASH", "police", "acts", "quickly.", "Leaders"]), max_size=8
)
_texts = st.lists(_words.map(" ".join), max_size=5).map("\n\n".join)


@given(old=_texts, new=_texts)
def test_a_comparison_rebuilds_both_versions(old: str, new: str) -> None:
    diff = compare_texts(old, new)

    def rebuilt(keep: str) -> list[str]:
        return [
            " ".join(part.text for part in p.parts if part.op in {"equal", keep} and part.text)
            for p in diff
            if any(part.op in {"equal", keep} for part in p.parts)
        ]

    assert [p for p in rebuilt("delete") if p] == list(split_paragraphs(old))
    assert [p for p in rebuilt("insert") if p] == list(split_paragraphs(new))
