import copy
import json
import re
from typing import Any

import pytest

from jtai.timelines import (
    SHIPPED_FRAMEWORKS,
    FrameworkRulesError,
    rules_from_dict,
    rules_to_dict,
)

CURRENT = SHIPPED_FRAMEWORKS["2022"]


def current_dict() -> dict[str, Any]:
    return copy.deepcopy(dict(rules_to_dict(CURRENT)))


@pytest.mark.parametrize("key", sorted(SHIPPED_FRAMEWORKS))
def test_shipped_frameworks_round_trip_through_json(key: str) -> None:
    rules = SHIPPED_FRAMEWORKS[key]
    data = json.loads(json.dumps(rules_to_dict(rules)))
    assert rules_from_dict(data) == rules
    assert rules_to_dict(rules_from_dict(data)) == data


def test_dict_format() -> None:
    data = rules_to_dict(CURRENT)
    assert list(data) == ["key", "title", "valid_from", "fieldwork_week", "inspectorates", "rules"]
    assert data["valid_from"] == "2022-01-01"
    assert data["inspectorates"]["front-door"] == ["ofsted", "cqc", "hmicfrs"]
    by_name = {rule["name"]: rule for rule in data["rules"]}
    assert by_name["notification"] == {
        "name": "notification",
        "label": "Notification",
        "anchor": "fieldwork_start",
        "owner": "inspectorates",
        "description": CURRENT.rule("notification").description,
        "working_days": -10,
    }
    assert by_name["final_report"]["week"] == 10
    assert by_name["final_report"]["weekday"] == "monday"
    assert "working_days" not in by_name["final_report"]
    assert by_name["fieldwork_start"]["anchor"] is None
    assert set(by_name["fieldwork_start"]) == {"name", "label", "anchor", "owner", "description"}


def test_optional_fields_may_be_null_or_missing() -> None:
    data = current_dict()
    data["rules"][4].pop("anchor")
    data["rules"][0]["week"] = None
    assert rules_from_dict(data) == CURRENT


@pytest.mark.parametrize(
    ("change", "message", "field"),
    [
        (lambda d: d.pop("title"), "Missing field 'title' in the framework", "title"),
        (lambda d: d.update(colour="red"), "Unknown field 'colour' in the framework", "colour"),
        (
            lambda d: d.update(fieldwork_week="3"),
            "fieldwork_week must be a whole number",
            "fieldwork_week",
        ),
        (
            lambda d: d.update(valid_from="1 Jan 2022"),
            "valid_from must be a date written",
            "valid_from",
        ),
        (lambda d: d.update(valid_from=20220101), "valid_from must be text", "valid_from"),
        (lambda d: d.update(rules={}), "rules must be a list", "rules"),
        (lambda d: d["rules"].append("notification"), "rules[12] must be an object", "rules[12]"),
        (
            lambda d: d["rules"][3].pop("owner"),
            "Missing field 'owner' in rules[3]",
            "rules[3].owner",
        ),
        (
            lambda d: d["rules"][3].update(days=2),
            "Unknown field 'days' in rules[3]",
            "rules[3].days",
        ),
        (
            lambda d: d["rules"][7].update(working_days="15"),
            "rules[7].working_days must be a whole number, not '15'",
            "rules[7].working_days",
        ),
        (
            lambda d: d["rules"][7].update(working_days=True),
            "must be a whole number",
            "rules[7].working_days",
        ),
        (
            lambda d: d["rules"][7].update(anchor="fieldwork_ending"),
            "Rule 'draft_report' is anchored on 'fieldwork_ending'",
            "rules[7].anchor",
        ),
        (
            lambda d: d["rules"][9].update(weekday="sunday"),
            "Rule 'final_report': weekday must be one of monday",
            "rules[9].weekday",
        ),
        (
            lambda d: d["inspectorates"].update(thematic="ofsted"),
            "inspectorates.thematic must be a list of inspectorate codes",
            "inspectorates.thematic",
        ),
        (
            lambda d: d["inspectorates"]["revisit"].append("hmrc"),
            "Unknown inspectorate 'hmrc' for 'revisit'",
            "inspectorates.revisit",
        ),
    ],
)
def test_invalid_data_is_refused_naming_the_field(change: Any, message: str, field: str) -> None:
    data = current_dict()
    change(data)
    with pytest.raises(FrameworkRulesError, match=re.escape(message)) as caught:
        rules_from_dict(data)
    assert caught.value.field == field


def test_non_objects_are_refused() -> None:
    with pytest.raises(FrameworkRulesError, match="Framework rules must be an object"):
        rules_from_dict([])  # type: ignore[arg-type]
