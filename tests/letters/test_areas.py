import pytest

from jtai.letters.areas import display_name, match_area, most_mentioned_area, normalise_area_name


@pytest.mark.parametrize(
    ("written", "ons_code", "area"),
    [
        ("City of York", "E06000014", "York"),
        ("York", "E06000014", "York"),
        ("Bristol, City of", "E06000023", "Bristol"),
        ("Bristol City Council", "E06000023", "Bristol"),
        ("Kingston upon Hull", "E06000010", "Kingston upon Hull"),
        ("Hull", "E06000010", "Kingston upon Hull"),
        ("Herefordshire, County of", "E06000019", "Herefordshire"),
        ("Telford & Wrekin", "E06000020", "Telford and Wrekin"),
        ("Royal Borough of Windsor and Maidenhead", "E06000040", "Windsor and Maidenhead"),
        ("the London Borough of Croydon", "E09000008", "Croydon"),
        ("London Borough of Merton", "E09000024", "Merton"),
        ("South Tyneside Metropolitan Borough", "E08000023", "South Tyneside"),
        ("Bradford Metropolitan District Council", "E08000032", "Bradford"),
        ("Derby City", "E06000015", "Derby"),
        ("Stockton-On-Tees", "E06000004", "Stockton-on-Tees"),
        ("Southend-on-Sea", "E06000033", "Southend-on-Sea"),
        ("Wokingham Borough Council", "E06000041", "Wokingham"),
        ("Cheshire West and Chester local authority", "E06000050", "Cheshire West and Chester"),
        ("Cheshire East", "E06000049", "Cheshire East"),
        ("County Durham", "E06000047", "Durham"),
        ("St Helens", "E08000013", "St. Helens"),
        ("the Wirral", "E08000015", "Wirral"),
        ("Sefton.", "E08000014", "Sefton"),
        ("West Northamptonshire", "E06000062", "West Northamptonshire"),
        ("City of London", "E09000001", "City of London"),
    ],
)
def test_written_names_match_the_reference_list(written: str, ons_code: str, area: str) -> None:
    match = match_area(written)
    assert match is not None
    assert (match.ons_code, match.area, match.note) == (ons_code, area, None)


def test_a_name_inside_a_longer_phrase_is_found() -> None:
    match = match_area("Bedford borough Council for children and families")
    assert match is not None
    assert match.ons_code == "E06000055"


def test_an_abolished_authority_keeps_its_own_code_and_says_so() -> None:
    match = match_area("Northamptonshire")
    assert match is not None
    assert (match.ons_code, match.area) == ("E10000021", "Northamptonshire")
    assert match.note is not None
    assert "no longer exists" in match.note


def test_longest_name_wins_over_a_former_authority_inside_it() -> None:
    match = match_area("Bournemouth, Christchurch and Poole")
    assert match is not None
    assert match.ons_code == "E06000058"


def test_unknown_names_do_not_match() -> None:
    assert match_area("the family") is None
    assert match_area("Glasgow") is None


def test_normalisation_makes_variants_meet() -> None:
    assert normalise_area_name("Brighton & Hove City Council") == normalise_area_name(
        "Brighton and Hove"
    )
    assert display_name("Kingston Upon Hull, City of") == "Kingston upon Hull"


def test_most_mentioned_area_counts_only_capitalised_names() -> None:
    text = "reading and reading again in Greenwich local authority; the Greenwich partnership"
    match = most_mentioned_area(text)
    assert match is not None
    assert match.area == "Greenwich"
    assert most_mentioned_area("no place named here") is None
