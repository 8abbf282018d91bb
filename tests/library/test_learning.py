"""What a theme's letters say together: findings, agencies and recurring phrases."""

from __future__ import annotations

from jtai.library.learning import learning_from, recurring_phrases
from jtai.library.sections import Block, blocks, points


def test_a_section_splits_into_paragraphs_and_bullet_lists() -> None:
    text = "Intro line.\n\u25fc One.\n\u25fc Two.\nSub-heading\n- Three."
    assert blocks(text) == [
        Block(text="Intro line."),
        Block(items=("One.", "Two.")),
        Block(text="Sub-heading"),
        Block(items=("Three.",)),
    ]
    assert points(text) == ["Intro line.", "One.", "Two.", "Three."]


def test_a_phrase_counts_once_per_letter_and_needs_two_letters() -> None:
    learning = learning_from(
        [
            ("a", "\u25fc Strategy meetings are timely. Strategy meetings include health."),
            ("b", "\u25fc Police attend strategy meetings."),
            ("c", "\u25fc Return home interviews are offered."),
        ]
    )
    phrases = {phrase.text: (phrase.letters, phrase.points) for phrase in learning.phrases}
    assert phrases["strategy meetings"] == (2, 2)
    assert "return home interviews" not in phrases  # one letter only
    assert learning.letter_count == 3


def test_a_phrase_inside_a_longer_one_used_as_widely_is_left_out() -> None:
    findings = learning_from(
        [
            ("a", "The multi-agency safeguarding hub is effective."),
            ("b", "The multi-agency safeguarding hub is busy."),
        ]
    ).points
    texts = [phrase.text for phrase in recurring_phrases(findings)]
    assert "multi-agency safeguarding hub" in texts
    assert "safeguarding hub" not in texts


def test_findings_are_grouped_by_the_agencies_they_name() -> None:
    learning = learning_from(
        [
            ("a", "\u25fc Police and health visitors share information well."),
            ("b", "\u25fc Children's mental health needs are not always assessed."),
            ("b", "\u25fc The Youth Offending Team works closely with schools."),
            ("c", "\u25fc Leaders know their strengths."),
        ]
    )
    groups = {group.key: [p.text for p in group.points] for group in learning.agencies}
    assert groups["police"] == ["Police and health visitors share information well."]
    assert groups["health"] == ["Police and health visitors share information well."]
    assert groups["probation"] == ["The Youth Offending Team works closely with schools."]
    assert groups["education"] == ["The Youth Offending Team works closely with schools."]
    assert [p.text for p in learning.unattributed] == [
        "Children's mental health needs are not always assessed.",
        "Leaders know their strengths.",
    ]


def test_examples_take_one_finding_from_each_letter() -> None:
    learning = learning_from(
        [("a", "\u25fc Police one.\n\u25fc Police two."), ("b", "\u25fc Police three.")]
    )
    police = learning.agencies[0]
    assert [p.text for p in police.examples] == ["Police one.", "Police three."]
    assert police.letter_count == 2
