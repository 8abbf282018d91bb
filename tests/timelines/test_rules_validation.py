import dataclasses
from datetime import date

import pytest

from jtai.timelines import SHIPPED_FRAMEWORKS, FrameworkRules, FrameworkRulesError, KeyDateRule

CURRENT = SHIPPED_FRAMEWORKS["2022"]


def replace_rule(rules: FrameworkRules, name: str, **changes: object) -> FrameworkRules:
    """The framework with one rule changed, validated afresh."""
    new_rules = tuple(
        dataclasses.replace(rule, **changes) if rule.name == name else rule  # type: ignore[arg-type]
        for rule in rules.rules
    )
    return dataclasses.replace(rules, rules=new_rules)


def rule(**fields: object) -> KeyDateRule:
    defaults: dict[str, object] = {
        "name": "extra",
        "label": "Extra",
        "owner": "inspectorates",
        "description": "An extra date.",
        "anchor": "fieldwork_start",
        "working_days": 1,
    }
    return KeyDateRule(**(defaults | fields))  # type: ignore[arg-type]


def with_rules(*rules: KeyDateRule) -> FrameworkRules:
    return dataclasses.replace(CURRENT, rules=rules)


def test_offset_going_backwards_is_refused_naming_the_rule() -> None:
    with pytest.raises(FrameworkRulesError) as caught:
        replace_rule(CURRENT, "factual_accuracy_due", working_days=-1)
    assert str(caught.value) == (
        "Rule 'factual_accuracy_due' goes backwards: it would fall on Thursday of week 6, "
        "before 'draft_report' (Friday of week 6), which is listed ahead of it"
    )
    assert caught.value.field == "rules[8].working_days"
    assert isinstance(caught.value, ValueError)


def test_week_placement_going_backwards_is_refused() -> None:
    with pytest.raises(FrameworkRulesError, match="Rule 'final_report' goes backwards") as caught:
        replace_rule(CURRENT, "final_report", week=8, weekday="wednesday")
    assert caught.value.field == "rules[9].week"


def test_the_same_day_is_not_backwards() -> None:
    rules = replace_rule(CURRENT, "final_report", week=10, weekday="friday")
    assert rules.rule("final_report").weekday == "friday"


def test_unknown_anchor_is_refused() -> None:
    with pytest.raises(FrameworkRulesError) as caught:
        replace_rule(CURRENT, "draft_report", anchor="fieldwork_ending")
    assert str(caught.value) == (
        "Rule 'draft_report' is anchored on 'fieldwork_ending', which is not a key date in "
        "this framework"
    )
    assert caught.value.field == "rules[7].anchor"


def test_cycles_are_refused() -> None:
    rules = (
        *CURRENT.rules,
        rule(name="first", anchor="second", working_days=0),
        rule(name="second", anchor="first", working_days=0),
    )
    with pytest.raises(FrameworkRulesError, match="Rule 'first' depends on itself: first → "):
        with_rules(*rules)


def test_self_anchoring_is_a_cycle() -> None:
    with pytest.raises(FrameworkRulesError, match="depends on itself: feedback → feedback"):
        replace_rule(CURRENT, "feedback", anchor="feedback")


def test_duplicate_names_are_refused() -> None:
    with pytest.raises(FrameworkRulesError) as caught:
        with_rules(*CURRENT.rules, CURRENT.rules[-1])
    assert str(caught.value) == "Rule 'wsoa_due' is defined twice, at rules[11] and rules[12]"
    assert caught.value.field == "rules[12].name"


def test_required_key_dates_must_be_present() -> None:
    without_publication = tuple(
        r for r in CURRENT.rules if r.name not in {"publication", "wsoa_due"}
    )
    with pytest.raises(FrameworkRulesError, match="no 'publication' rule"):
        with_rules(*without_publication)


@pytest.mark.parametrize(
    ("fields", "message", "field"),
    [
        ({"name": "Draft Report"}, "must be snake_case", "name"),
        ({"label": " "}, "Rule 'extra': label must be one line of text", "label"),
        ({"description": "two\nlines"}, "description must be one line", "description"),
        ({"owner": "ofsted"}, "owner must be 'inspectorates' or 'local area'", "owner"),
        ({"anchor": None}, "an anchor is needed", "anchor"),
        ({"working_days": None}, "needs either working_days, or both", "working_days"),
        ({"working_days": 2.5}, "working_days must be a whole number", "working_days"),
        ({"working_days": True}, "working_days must be a whole number", "working_days"),
        ({"working_days": 5000}, "from -1000 to 1000", "working_days"),
        ({"week": 4, "weekday": "monday"}, "either working_days or a week", "week"),
        ({"working_days": None, "week": 4}, "both a week and a weekday", "weekday"),
        ({"working_days": None, "week": 0, "weekday": "monday"}, "week must be", "week"),
        ({"working_days": None, "week": 4, "weekday": "saturday"}, "weekday must be", "weekday"),
        (
            {"working_days": None, "week": 4, "weekday": "monday", "anchor": "notification"},
            "the anchor must be fieldwork_start",
            "anchor",
        ),
    ],
)
def test_rule_fields_are_checked(fields: dict[str, object], message: str, field: str) -> None:
    with pytest.raises(FrameworkRulesError, match=message) as caught:
        rule(**fields)
    assert caught.value.field == field


def test_fieldwork_start_is_given_not_placed() -> None:
    with pytest.raises(FrameworkRulesError, match="cannot be anchored on 'notification'"):
        rule(name="fieldwork_start", anchor="notification", working_days=None)
    with pytest.raises(FrameworkRulesError, match="takes no working_days, week or weekday"):
        rule(name="fieldwork_start", anchor=None, working_days=3)


@pytest.mark.parametrize(
    ("changes", "message", "field"),
    [
        ({"key": ""}, "key must not be blank", "key"),
        ({"title": "  "}, "title must not be blank", "title"),
        ({"valid_from": "2022-01-01"}, "valid_from must be a date", "valid_from"),
        ({"fieldwork_week": 0}, "fieldwork_week must be a whole number", "fieldwork_week"),
        ({"rules": ()}, "rules must be a tuple of 1 to 50", "rules"),
        ({"rules": list(CURRENT.rules)}, "rules must be a tuple", "rules"),
        (
            {"inspectorates": {"frontdoor": ("ofsted",)}},
            "Unknown inspection type 'frontdoor' in inspectorates",
            "inspectorates",
        ),
        (
            {"inspectorates": {"front-door": ("ofsted",), "thematic": ("ofsted",)}},
            "needs a list of inspectorates for 'revisit'",
            "inspectorates.revisit",
        ),
    ],
)
def test_framework_fields_are_checked(
    changes: dict[str, object], message: str, field: str | None
) -> None:
    with pytest.raises(FrameworkRulesError, match=message) as caught:
        dataclasses.replace(CURRENT, **changes)  # type: ignore[arg-type]
    assert caught.value.field == field


@pytest.mark.parametrize(
    ("codes", "message"),
    [
        (("ofsted", "police"), "Unknown inspectorate 'police' for 'thematic'"),
        (("ofsted", "cqc", "cqc"), "listed twice for 'thematic'"),
        (("cqc", "hmicfrs"), "Ofsted leads every JTAI, so 'thematic' must include 'ofsted'"),
        ((), "needs a list of inspectorates for 'thematic'"),
    ],
)
def test_inspectorates_are_checked(codes: tuple[str, ...], message: str) -> None:
    inspectorates = dict(CURRENT.inspectorates) | {"thematic": codes}
    with pytest.raises(FrameworkRulesError, match=message) as caught:
        dataclasses.replace(CURRENT, inspectorates=inspectorates)
    assert caught.value.field == "inspectorates.thematic"


def test_an_administrator_can_add_a_key_date_of_their_own() -> None:
    rules = list(CURRENT.rules)
    rules.insert(1, rule(name="set_up_meeting", label="Set-up meeting", anchor="notification"))
    framework = dataclasses.replace(CURRENT, key="2022-local", rules=tuple(rules))
    assert framework.rule("set_up_meeting").anchor == "notification"
    with pytest.raises(KeyError):
        framework.rule("nonexistent")


def test_frameworks_are_immutable() -> None:
    with pytest.raises(dataclasses.FrozenInstanceError):
        CURRENT.key = "changed"  # type: ignore[misc]
    with pytest.raises(TypeError):
        CURRENT.inspectorates["thematic"] = ()  # type: ignore[index]
    assert CURRENT.valid_from == date(2022, 1, 1)
