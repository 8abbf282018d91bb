"""Real published letters from three eras, and a document that is not a JTAI letter."""

from datetime import date

import pytest

from jtai.letters import Status, read_letter, reader
from tests.letters.inputs import GREENWICH_2018, HARROW_2023, LIVERPOOL_2016, SEND_REPORT

FOUR_INSPECTORATES = ["cqc", "hmicfrs", "hmip", "ofsted"]


def test_2016_letter_with_a_year_less_fieldwork_range() -> None:
    record = read_letter(LIVERPOOL_2016)
    assert record.status is Status.READ
    assert record.reason is None
    assert (record.area, record.ons_code) == ("Liverpool", "E08000012")
    assert record.letter_date == record.published == date(2016, 8, 2)
    assert (record.fieldwork_start, record.fieldwork_end) == (date(2016, 6, 20), date(2016, 6, 24))
    assert record.fieldwork_text == "Between 20 and 24 June"
    assert record.inspectorates == FOUR_INSPECTORATES
    assert record.theme == "cse-missing"
    assert record.wsoa_due == date(2016, 11, 8)
    assert record.principal_authority == "The local authority"
    assert record.page_count == 11
    assert [s.key for s in record.sections] == [
        "introduction",
        "areas_for_priority_action",
        "case_study_improvement",
        "areas_for_improvement",
        "key_strengths",
        "case_study",
        "next_steps",
    ]


def test_2018_letter_whose_title_does_not_name_the_area() -> None:
    record = read_letter(GREENWICH_2018)
    assert record.status is Status.READ
    assert (record.area, record.ons_code) == ("Greenwich", "E09000011")
    assert record.letter_date == date(2018, 5, 9)
    assert (record.fieldwork_start, record.fieldwork_end) == (date(2018, 2, 12), date(2018, 2, 16))
    assert record.inspectorates == FOUR_INSPECTORATES
    assert record.theme == "cse-gangs-missing"


def test_2023_letter_with_the_current_headings() -> None:
    record = read_letter(HARROW_2023)
    assert record.status is Status.READ
    assert (record.area, record.ons_code) == ("Harrow", "E09000015")
    assert record.letter_date == date(2023, 5, 24)
    # As the letter states it, although 26 March 2023 was a Sunday.
    assert (record.fieldwork_start, record.fieldwork_end) == (date(2023, 3, 26), date(2023, 3, 31))
    assert record.inspectorates == ["cqc", "hmicfrs", "ofsted"]
    assert record.theme == "early-help"
    assert record.wsoa_due == date(2023, 8, 3)
    assert record.title == "Joint targeted area inspection of Harrow"
    assert [s.key for s in record.sections] == [
        "introduction",
        "headline_findings",
        "what_needs_to_improve",
        "strengths",
        "main_findings",
        "practice_study",
        "practice_study_improvement",
        "next_steps",
    ]
    improve = record.section("what_needs_to_improve")
    assert improve is not None
    assert improve.heading == "What needs to improve?"
    assert improve.text.startswith("\u25fc The strategic oversight and scrutiny from the HSSP")
    next_steps = record.section("next_steps")
    assert next_steps is not None
    assert "Yours sincerely" not in next_steps.text


def test_area_send_report_is_refused_with_a_reason() -> None:
    record = read_letter(SEND_REPORT)
    assert record.status is Status.REFUSED
    assert not record.is_jtai
    assert record.reason == (
        "not a JTAI findings letter: it looks like an area SEND inspection report "
        "('Area SEND inspection of Hillingdon Local Area Partnership')"
    )
    assert record.ons_code is None
    assert record.sections == []


def test_json_form_uses_the_label_field_names_and_iso_dates() -> None:
    data = read_letter(HARROW_2023.read_bytes(), name="harrow.pdf").to_json()
    assert data["source"] == "harrow.pdf"
    assert data["status"] == "read"
    assert data["is_jtai"] is True
    assert data["reason"] is None
    assert {k: data[k] for k in ("ons_code", "area", "letter_date", "published")} == {
        "ons_code": "E09000015",
        "area": "Harrow",
        "letter_date": "2023-05-24",
        "published": "2023-05-24",
    }
    assert (data["fieldwork_start"], data["fieldwork_end"]) == ("2023-03-26", "2023-03-31")
    assert data["inspectorates"] == ["cqc", "hmicfrs", "ofsted"]
    assert data["theme"] == "early-help"
    assert data["wsoa_due"] == "2023-08-03"
    assert set(data["sections"][0]) == {"key", "heading", "text"}


def test_out_of_order_text_is_read_again_in_page_position_order(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # Some PDFs paint a practice-study box in the middle of another section, which splits
    # a sentence; the reader then re-reads the PDF in layout order and keeps the better one.
    opening = [
        "1 March 2019",
        "Joint targeted area inspection of Derby",
        "This inspection took place from 4 to 8 February 2019. It was carried out by "
        "inspectors from Ofsted, the Care Quality Commission (CQC), HMI Constabulary and "
        "HMI Probation.",
        "This letter summarises the findings of the JTAI of the multi-agency response to "
        "domestic abuse in Derby.",
    ]
    box = ["Practice study: highly effective practice", "Good work."]
    improve = [
        "Areas for improvement",
        "Strategy discussions are timely but they do not",
        "involve all agencies.",
    ]
    painted = opening + improve[:2] + box + improve[2:] + ["Next steps", "Act."]
    positioned = opening + box + improve + ["Next steps", "Act."]

    def fake_extract(data: bytes, *, layout: bool = False) -> list[str]:
        return ["\n".join(positioned if layout else painted)]

    monkeypatch.setattr(reader, "extract_pages", fake_extract)
    record = read_letter(b"%PDF-")
    assert [(s.key, s.text) for s in record.sections[1:]] == [
        ("practice_study", "Good work."),
        (
            "areas_for_improvement",
            "Strategy discussions are timely but they do not involve all agencies.",
        ),
        ("next_steps", "Act."),
    ]
