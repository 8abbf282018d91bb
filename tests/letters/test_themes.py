import pytest

from jtai.letters.themes import infer_theme, theme_of


@pytest.mark.parametrize(
    ("statement", "theme"),
    [
        (
            "This inspection included a 'deep dive' focus on the response to child sexual "
            "exploitation and those missing from home, care or education.",
            "cse-missing",
        ),
        (
            "a 'deep dive' focus on the response to children living with domestic abuse.",
            "domestic-abuse",
        ),
        (
            "the multi-agency response to children who are victims of domestic abuse in Norfolk.",
            "domestic-abuse",
        ),
        (
            "The JTAI also included a 'deep dive' focus on children between seven and 15 years "
            "old who have been neglected.",
            "neglect",
        ),
        (
            "Joint targeted area inspection of the multi-agency response to child sexual "
            "exploitation, children associated with gangs and at risk of exploitation and "
            "children missing from home, care or education in Southend-on-Sea",
            "cse-gangs-missing",
        ),
        (
            "Joint targeted area inspection of the multi-agency response to sexual abuse in the "
            "family in York",
            "csa-family",
        ),
        (
            "Joint targeted area inspection of the multi-agency response to child exploitation "
            "in Halton",
            "child-exploitation",
        ),
        (
            "Joint targeted area inspection of the multi-agency response to children's mental "
            "health in Sefton.",
            "mental-health",
        ),
        (
            "the multi-agency response to identification of initial need and risk in Bromley.",
            "front-door",
        ),
        (
            "the multi-agency response to the criminal exploitation of children in Kirklees.",
            "criminal-exploitation",
        ),
        (
            "the multi-agency response to children and families who need help in Harrow.",
            "early-help",
        ),
        (
            "the multi-agency response to children and families in Surrey who need help.",
            "early-help",
        ),
        ("the multi-agency response to serious youth violence in Leeds.", "serious-youth-violence"),
    ],
)
def test_theme_of_each_kind_of_statement(statement: str, theme: str) -> None:
    assert theme_of(statement) == theme


def test_abuse_and_neglect_is_the_general_scope_not_the_neglect_theme() -> None:
    title = (
        "Joint targeted area inspection of the multi-agency response to abuse and neglect in Derby"
    )
    assert theme_of(title) is None
    deep_dive = (
        "a 'deep dive' focus on the response to child sexual abuse in the family environment"
    )
    assert infer_theme([title, deep_dive]) == "csa-family"


def test_earlier_statements_win() -> None:
    assert infer_theme(["response to domestic abuse", "response to mental health"]) == (
        "domestic-abuse"
    )
    assert infer_theme(["Joint targeted area inspection of Leeds"]) is None
