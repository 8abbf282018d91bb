import pytest

from jtai.letters.sections import heading_key, reflow, split_sections


@pytest.mark.parametrize(
    ("line", "key"),
    [
        ("Headline findings ", "headline_findings"),
        ("Areas for priority action", "areas_for_priority_action"),
        ("Area for priority action", "areas_for_priority_action"),
        ("What needs to improve?", "what_needs_to_improve"),
        ("Strengths", "strengths"),
        ("Key Strengths", "key_strengths"),
        ("Main findings", "main_findings"),
        ("Practice study: highly effective practice", "practice_study"),
        ("Practice study: area(s) for improvement", "practice_study_improvement"),
        ("Case Study: highly effective practice", "case_study"),
        ("Case Study: areas for improvement.", "case_study_improvement"),
        ("Case study: areas for priority action and improvement", "case_study_improvement"),
        ("Areas for improvement", "areas_for_improvement"),
        ("Context", "context"),
        ("Next steps", "next_steps"),
        ("strengths.", None),  # the end of a wrapped sentence, not a heading
        ("Strengths in the partnership are many and varied", None),
        ("Leadership and management", None),  # a sub-heading stays in its section
    ],
)
def test_heading_key(line: str, key: str | None) -> None:
    assert heading_key(line) == key


def test_reflow_joins_wrapped_lines_and_keeps_paragraphs_and_bullets() -> None:
    lines = [
        "This is a long first line of a paragraph that wraps onto the next line of",
        "the letter and ends here.",
        "A second paragraph that is long enough to wrap across the width of the page,",
        "written by a multi-",
        "agency team.",
        "\u25fc A bullet point",
        "\u25fc Another bullet",
    ]
    assert reflow(lines).split("\n") == [
        "This is a long first line of a paragraph that wraps onto the next line of "
        "the letter and ends here.",
        "A second paragraph that is long enough to wrap across the width of the page, "
        "written by a multi-agency team.",
        "\u25fc A bullet point",
        "\u25fc Another bullet",
    ]


def test_split_sections_stops_at_the_signature() -> None:
    lines = [
        "Opening words.",
        "Key strengths",
        "Good work.",
        "Next steps",
        "Act now.",
        "Yours sincerely",
        "Someone",
        "Strengths",
    ]
    sections = split_sections(lines, "Joint targeted area inspection of Somewhere")
    assert [(s.key, s.heading, s.text) for s in sections] == [
        ("introduction", "Joint targeted area inspection of Somewhere", "Opening words."),
        ("key_strengths", "Key strengths", "Good work."),
        ("next_steps", "Next steps", "Act now."),
    ]
