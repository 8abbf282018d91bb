"""Framework rules to and from plain dicts, the JSON an administrator edits and the database keeps.

The format (:class:`FrameworkRulesDict`)::

    {
      "key": "2022",
      "title": "Joint targeted area inspections from 2022",
      "valid_from": "2022-01-01",
      "fieldwork_week": 3,
      "inspectorates": {"front-door": ["ofsted", "cqc", "hmicfrs"], "thematic": [...], ...},
      "rules": [
        {"name": "notification", "label": "Notification", "anchor": "fieldwork_start",
         "working_days": -10, "owner": "inspectorates", "description": "..."},
        {"name": "fieldwork_start", "label": "Start of fieldwork", "anchor": null,
         "owner": "inspectorates", "description": "..."},
        {"name": "final_report", "label": "Final report", "anchor": "fieldwork_start",
         "week": 10, "weekday": "monday", "owner": "inspectorates", "description": "..."},
        ...
      ]
    }

A rule carries ``working_days`` or ``week`` and ``weekday``, or neither for
``fieldwork_start``. Reading refuses unknown or missing fields and wrong types with a
:class:`FrameworkRulesError` whose ``field`` is a path such as ``rules[3].working_days``.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, NotRequired, TypedDict, cast

from jtai.timelines.rules import FrameworkRules, FrameworkRulesError, KeyDateRule


class KeyDateRuleDict(TypedDict):
    name: str
    label: str
    anchor: str | None
    owner: str
    description: str
    working_days: NotRequired[int]
    week: NotRequired[int]
    weekday: NotRequired[str]


class FrameworkRulesDict(TypedDict):
    key: str
    title: str
    valid_from: str
    fieldwork_week: int
    inspectorates: dict[str, list[str]]
    rules: list[KeyDateRuleDict]


_FRAMEWORK_FIELDS = {
    "key": str,
    "title": str,
    "valid_from": str,
    "fieldwork_week": int,
    "inspectorates": dict,
    "rules": list,
}
_RULE_REQUIRED = {"name": str, "label": str, "owner": str, "description": str}
_RULE_OPTIONAL = {"anchor": str, "working_days": int, "week": int, "weekday": str}
_TYPE_NAMES = {str: "text", int: "a whole number", dict: "an object", list: "a list"}


def rules_to_dict(rules: FrameworkRules) -> FrameworkRulesDict:
    """``rules`` as plain JSON-ready data; :func:`rules_from_dict` reads it back unchanged."""
    return {
        "key": rules.key,
        "title": rules.title,
        "valid_from": rules.valid_from.isoformat(),
        "fieldwork_week": rules.fieldwork_week,
        "inspectorates": {kind: list(codes) for kind, codes in rules.inspectorates.items()},
        "rules": [_rule_to_dict(rule) for rule in rules.rules],
    }


def rules_from_dict(data: Mapping[str, Any]) -> FrameworkRules:
    """Framework rules from plain data, checked field by field, then as a whole."""
    if not isinstance(data, Mapping):
        raise FrameworkRulesError("Framework rules must be an object")
    _check_fields(data, _FRAMEWORK_FIELDS, {}, "")
    try:
        valid_from = date.fromisoformat(data["valid_from"])
    except ValueError:
        raise FrameworkRulesError(
            f"valid_from must be a date written YYYY-MM-DD, not {data['valid_from']!r}",
            "valid_from",
        ) from None
    inspectorates: dict[str, tuple[str, ...]] = {}
    for kind, codes in data["inspectorates"].items():
        where = f"inspectorates.{kind}"
        if not isinstance(codes, list) or not all(isinstance(code, str) for code in codes):
            raise FrameworkRulesError(f"{where} must be a list of inspectorate codes", where)
        inspectorates[kind] = tuple(codes)
    return FrameworkRules(
        key=data["key"],
        title=data["title"],
        valid_from=valid_from,
        fieldwork_week=data["fieldwork_week"],
        rules=tuple(_rule_from_dict(item, i) for i, item in enumerate(data["rules"])),
        inspectorates=inspectorates,
    )


def _rule_to_dict(rule: KeyDateRule) -> KeyDateRuleDict:
    result: KeyDateRuleDict = {
        "name": rule.name,
        "label": rule.label,
        "anchor": rule.anchor,
        "owner": rule.owner,
        "description": rule.description,
    }
    if rule.working_days is not None:
        result["working_days"] = rule.working_days
    if rule.week is not None and rule.weekday is not None:
        result["week"] = rule.week
        result["weekday"] = rule.weekday
    return result


def _rule_from_dict(item: object, i: int) -> KeyDateRule:
    where = f"rules[{i}]"
    if not isinstance(item, Mapping):
        raise FrameworkRulesError(f"{where} must be an object", where)
    _check_fields(item, _RULE_REQUIRED, _RULE_OPTIONAL, f"{where}.")
    try:
        return KeyDateRule(**cast(Mapping[str, Any], item))
    except FrameworkRulesError as error:
        raise FrameworkRulesError(str(error), f"{where}.{error.field}") from None


def _check_fields(
    data: Mapping[str, Any],
    required: Mapping[str, type],
    optional: Mapping[str, type],
    prefix: str,
) -> None:
    where = prefix.rstrip(".") or "the framework"
    for name in data:
        if name not in required and name not in optional:
            raise FrameworkRulesError(f"Unknown field {name!r} in {where}", f"{prefix}{name}")
    for name in required:
        if name not in data:
            raise FrameworkRulesError(f"Missing field {name!r} in {where}", f"{prefix}{name}")
    for name, kind in (*required.items(), *optional.items()):
        value = data.get(name)
        if name in optional and value is None:
            continue
        # bool passes isinstance(value, int), but True is never meant as a number of days.
        if not isinstance(value, kind) or isinstance(value, bool):
            raise FrameworkRulesError(
                f"{prefix}{name} must be {_TYPE_NAMES[kind]}, not {value!r}", f"{prefix}{name}"
            )
