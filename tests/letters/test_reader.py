"""The reader on letters written out as text, for cases no committed PDF covers."""

from datetime import date

from jtai.letters import Status
from jtai.letters.reader import parse_letter


def letter(*lines: str) -> list[str]:
    return ["\n".join(lines)]


NORTHAMPTONSHIRE = letter(
    "Date: 21 April 2017",
    "Director of Children's Services, Northamptonshire County Council",
    "Dear local partnership",
    "Joint targeted area inspection of the multi-agency response to abuse and",
    "neglect in Northamptonshire",
    "Between 27 February and 3 March 2017, Ofsted, the Care Quality Commission (CQC), HMI",
    "Constabulary (HMIC) and HMI Probation (HMI Prob) undertook a joint inspection. This",
    "inspection included a 'deep dive' focus on the response to children living with",
    "domestic abuse.",
    "Key strengths",
    "\u25fc Strong leadership.",
    "Next steps",
    "Northamptonshire County Council should prepare a written statement of proposed action.",
    "It should send the written statement of action to x@ofsted.gov.uk by 28 July 2017.",
    "Yours sincerely",
)


def test_a_letter_for_an_abolished_authority_is_read_with_a_note() -> None:
    record = parse_letter(NORTHAMPTONSHIRE, source="northants.pdf")
    assert record.is_jtai
    assert record.status is Status.READ
    assert (record.area, record.ons_code) == ("Northamptonshire", "E10000021")
    assert record.reason is not None
    assert record.reason.startswith("Northamptonshire no longer exists")
    assert record.letter_date == date(2017, 4, 21)
    assert (record.fieldwork_start, record.fieldwork_end) == (date(2017, 2, 27), date(2017, 3, 3))
    assert record.inspectorates == ["cqc", "hmicfrs", "hmip", "ofsted"]
    assert record.theme == "domestic-abuse"
    assert record.principal_authority == "Northamptonshire County Council"
    assert record.wsoa_due == date(2017, 7, 28)
    assert [s.key for s in record.sections] == ["introduction", "key_strengths", "next_steps"]


def test_december_fieldwork_without_a_year_in_a_january_letter() -> None:
    record = parse_letter(
        letter(
            "31 January 2017",
            "Joint targeted area inspection of the multi-agency response to abuse and",
            "neglect in Hampshire",
            "Between 5 and 9 December, Ofsted, the Care Quality Commission (CQC), HMI",
            "Constabulary (HMIC) and HMI Probation (HMI Prob) undertook a joint inspection.",
            "This inspection included a 'deep dive' focus on the response to child sexual",
            "exploitation and those missing from home, care or education.",
        )
    )
    assert (record.fieldwork_start, record.fieldwork_end) == (date(2016, 12, 5), date(2016, 12, 9))
    assert record.theme == "cse-missing"


def test_a_letter_missing_its_facts_is_incomplete_with_reasons() -> None:
    record = parse_letter(
        letter(
            "Joint targeted area inspection of Atlantis",
            "This letter summarises the findings of the inspection of the response to",
            "children with a new kind of need.",
        )
    )
    assert record.is_jtai
    assert record.status is Status.INCOMPLETE
    assert record.reason == (
        "the area could not be matched to a local authority; the letter date was not found; "
        "the fieldwork dates were not found; the participating inspectorates were not found; "
        "the theme was not recognised"
    )
