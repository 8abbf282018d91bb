from datetime import date

import pytest

import jtai.timelines
from jtai.timelines import (
    DEFAULT_FRAMEWORK,
    INSPECTION_TYPES,
    KEY_DATE_NAMES,
    REQUIRED_KEY_DATES,
    SHIPPED_FRAMEWORKS,
    earliest_fieldwork_start,
    framework_in_force,
)
from jtai.workdays import WorkingCalendar

CALENDAR = WorkingCalendar()


def test_shipped_frameworks_are_keyed_by_their_own_keys() -> None:
    assert DEFAULT_FRAMEWORK == "2022"
    assert set(SHIPPED_FRAMEWORKS) == {"2022", "2016"}
    assert all(key == rules.key for key, rules in SHIPPED_FRAMEWORKS.items())


def test_current_framework_uses_every_documented_name_in_order() -> None:
    names = tuple(rule.name for rule in SHIPPED_FRAMEWORKS["2022"].rules)
    assert names == KEY_DATE_NAMES
    assert set(REQUIRED_KEY_DATES) <= set(names)


def test_2016_framework_uses_only_documented_names() -> None:
    assert {rule.name for rule in SHIPPED_FRAMEWORKS["2016"].rules} <= set(KEY_DATE_NAMES)


def test_every_key_date_name_is_documented_in_the_package() -> None:
    doc = jtai.timelines.__doc__ or ""
    assert all(f"\n{name} " in doc for name in KEY_DATE_NAMES)


@pytest.mark.parametrize(
    ("key", "inspection_type", "expected"),
    [
        ("2016", "front-door", ("ofsted", "cqc", "hmicfrs", "hmip")),
        ("2016", "thematic", ("ofsted", "cqc", "hmicfrs", "hmip")),
        ("2016", "revisit", ("ofsted", "cqc", "hmicfrs", "hmip")),
        ("2022", "front-door", ("ofsted", "cqc", "hmicfrs")),
        ("2022", "thematic", ("ofsted", "cqc", "hmicfrs", "hmip")),
        ("2022", "revisit", ("ofsted", "cqc", "hmicfrs", "hmip")),
    ],
)
def test_participating_inspectorates(
    key: str, inspection_type: str, expected: tuple[str, ...]
) -> None:
    assert SHIPPED_FRAMEWORKS[key].inspectorates_for(inspection_type) == expected


def test_unknown_inspection_type_is_refused() -> None:
    with pytest.raises(ValueError, match="Unknown inspection type 'deep-dive'; known types"):
        SHIPPED_FRAMEWORKS["2022"].inspectorates_for("deep-dive")
    assert INSPECTION_TYPES == ("front-door", "thematic", "revisit")


def test_framework_in_force_by_fieldwork_start() -> None:
    frameworks = SHIPPED_FRAMEWORKS.values()
    assert framework_in_force(date(2019, 10, 14), frameworks).key == "2016"
    assert framework_in_force(date(2022, 1, 10), frameworks).key == "2022"
    assert framework_in_force(date(2022, 1, 1), frameworks).key == "2022"
    with pytest.raises(ValueError, match="No framework applies to fieldwork starting 2015-06-01"):
        framework_in_force(date(2015, 6, 1), frameworks)


@pytest.mark.parametrize(
    ("today", "expected"),
    [
        (date(2023, 10, 2), date(2023, 10, 16)),  # notify today, on a Monday
        (date(2023, 10, 3), date(2023, 10, 23)),  # a day too late for the 16th
        (date(2023, 10, 1), date(2023, 10, 16)),  # Sunday
        (date(2023, 4, 24), date(2023, 5, 15)),  # 1 and 8 May are bank holidays
        (date(2023, 5, 5), date(2023, 5, 22)),  # the coronation brings notice forward
    ],
)
def test_earliest_fieldwork_start(today: date, expected: date) -> None:
    assert earliest_fieldwork_start(today, SHIPPED_FRAMEWORKS["2022"], CALENDAR) == expected
