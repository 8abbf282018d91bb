"""Search terms, passages and highlighting: safe HTML whatever the letter says."""

from __future__ import annotations

import pytest

from jtai.library.highlight import (
    START_MARK,
    STOP_MARK,
    best_passage,
    headline_html,
    highlight,
    search_terms,
)


@pytest.mark.parametrize(
    ("query", "terms"),
    [
        ("domestic abuse", ["domestic", "abuse"]),
        ('"strategy meeting" police', ["strategy meeting", "police"]),
        ("Police or health -schools", ["police", "health"]),
        ("  a  GP, GP.  ", ["gp"]),
        ("", []),
    ],
)
def test_search_terms(query: str, terms: list[str]) -> None:
    assert search_terms(query) == terms


def test_the_best_paragraph_is_the_one_with_most_terms() -> None:
    text = (
        "\u25fc Police attend quickly.\n"
        "\u25fc Health visitors and police share information at strategy meetings.\n"
        "Next."
    )
    assert best_passage(text, ["police", "strategy meeting"]) == (
        "Health visitors and police share information at strategy meetings."
    )


def test_a_long_paragraph_is_cut_around_the_first_match() -> None:
    text = " ".join(["word"] * 200) + " domestic abuse " + " ".join(["more"] * 200)
    passage = best_passage(text, ["domestic abuse"], width=100)
    assert passage.startswith("… word")
    assert passage.endswith("more …")
    assert "domestic abuse" in passage
    assert len(passage) <= 110


def test_highlight_escapes_everything_but_the_marks() -> None:
    html = highlight('<b>Domestic</b> abuse & "neglect"\'s', ["domestic", "abuse"])
    assert html == (
        "&lt;b&gt;<mark>Domestic</mark>&lt;/b&gt; <mark>abuse</mark> &amp; "
        "&quot;neglect&quot;&#x27;s"
    )


def test_a_phrase_matches_across_any_whitespace() -> None:
    assert highlight("strategy\n meeting", ["strategy meeting"]) == (
        "<mark>strategy\n meeting</mark>"
    )


def test_a_database_headline_becomes_safe_html() -> None:
    headline = f"<script>x</script> the {START_MARK}police{STOP_MARK} & {START_MARK}<i>{STOP_MARK}"
    assert headline_html(headline) == (
        "&lt;script&gt;x&lt;/script&gt; the <mark>police</mark> &amp; <mark>&lt;i&gt;</mark>"
    )


def test_a_stray_marker_cannot_open_a_tag() -> None:
    assert headline_html(f"a {START_MARK}b") == "a b"
