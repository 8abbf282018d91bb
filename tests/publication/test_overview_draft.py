"""Counting findings across areas and wording the overview's first draft (pure)."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st

from jtai.publication.overview_draft import (
    PARTNERSHIP,
    LetterFinding,
    NoteFinding,
    count_findings,
    draft_overview,
)

AREAS = ("Kent", "Leeds", "Wigan", "Devon")


def note(criterion: str, polarity: str, agency: str, area: str, position: int = 1) -> NoteFinding:
    return NoteFinding(criterion, position, polarity, agency, area)


def test_counts_areas_not_notes_by_criterion_and_agency() -> None:
    counts = count_findings(
        [
            note("Early decisions", "strength", "Police", "Kent"),
            note("Early decisions", "strength", "Police", "Kent"),  # same area twice
            note("Early decisions", "strength", "Health", "Leeds"),
            note("Early decisions", "strength", "Police", "Leeds"),
            note("Early decisions", "improvement", "", "Wigan"),
            note("The front door", "strength", "Local authority", "Wigan", position=0),
        ]
    )
    assert [(c.criterion, c.polarity, c.areas, c.by_agency) for c in counts] == [
        ("The front door", "strength", 1, (("Local authority", 1),)),
        ("Early decisions", "strength", 2, (("Police", 2), ("Health", 1))),
        ("Early decisions", "improvement", 1, ((PARTNERSHIP, 1),)),
    ]


@given(
    st.lists(
        st.builds(
            note,
            st.sampled_from(["A", "B", "C"]),
            st.sampled_from(["strength", "improvement"]),
            st.sampled_from(["", "Police", "Health"]),
            st.sampled_from(AREAS),
        )
    )
)
def test_no_count_exceeds_the_areas_that_recorded_it(notes: list[NoteFinding]) -> None:
    for count in count_findings(notes):
        areas = {
            n.area for n in notes if (n.criterion, n.polarity) == (count.criterion, count.polarity)
        }
        assert count.areas == len(areas)
        assert all(0 < n <= count.areas for _, n in count.by_agency)


def test_the_draft_names_the_inspections_and_quotes_the_letters() -> None:
    counts = count_findings([note("Early decisions", "strength", "Police", "Kent")])
    document = draft_overview(
        theme="the front door",
        areas=["Leeds", "Kent"],
        first_published=dt.date(2025, 3, 7),
        last_published=dt.date(2025, 11, 14),
        counts=counts,
        letters=[LetterFinding("Leeds", "improvement", "Referrals lack detail.")],
    )
    text = {s.key: s.paragraphs for s in document.sections}
    assert text["introduction"][0].startswith(
        "This overview brings together the findings of the 2 joint targeted area "
        "inspections of the front door published between Friday 7 March 2025 and Friday "
        "14 November 2025, in Kent and Leeds."
    )
    assert text["strengths"] == (
        "Early decisions: inspectors found strengths in 1 of the 2 areas, concerning "
        "Police (1 area).",
    )
    assert text["areas_for_improvement"] == ("In Leeds: Referrals lack detail.",)
