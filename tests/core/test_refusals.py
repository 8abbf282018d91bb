"""A service's refusal shown on the form that asked for the change: beside the field it
is about, or in the summary when the form has no such field; every reason of a refusal
with several; and a service's field name that the form calls something else."""

from __future__ import annotations

import pytest
from django import forms

from jtai.core.forms import show_refusal
from jtai.core.refusals import MultiRefusal, Refusal
from jtai.fieldwork.services import TimetableError
from jtai.information.services import InformationError
from jtai.reports.access import LetterError


class ReasonForm(forms.Form):
    reason = forms.CharField(required=False)
    starts = forms.CharField(required=False)


def _bound() -> ReasonForm:
    form = ReasonForm({"reason": "", "starts": ""})
    assert form.is_valid()
    return form


def test_a_refusal_about_a_field_the_form_has_is_shown_beside_it() -> None:
    form = _bound()
    show_refusal(form, LetterError("Enter what the team needs to change", "reason"))
    assert form.errors == {"reason": ["Enter what the team needs to change"]}


@pytest.mark.parametrize("field", [None, "paragraph"])
def test_any_other_refusal_goes_in_the_summary(field: str | None) -> None:
    form = _bound()
    show_refusal(form, LetterError("Sign off the draft before sending it.", field))
    assert form.non_field_errors() == ["Sign off the draft before sending it."]
    assert list(form.errors) == ["__all__"]


def test_each_reason_of_a_refusal_with_several_is_shown_on_its_own() -> None:
    refusal = InformationError(
        "minutes.pdf must be 20 MB or smaller",
        "plan.docx must be 20 MB or smaller",
        field="reason",
    )
    assert isinstance(refusal, MultiRefusal)
    assert (
        refusal.message
        == str(refusal)
        == ("minutes.pdf must be 20 MB or smaller; plan.docx must be 20 MB or smaller")
    )
    form = _bound()
    show_refusal(form, refusal)
    assert form.errors == {
        "reason": ["minutes.pdf must be 20 MB or smaller", "plan.docx must be 20 MB or smaller"]
    }


def test_a_one_reason_refusal_lists_its_reason_too() -> None:
    refusal = Refusal("Choose a paragraph of the draft", "paragraph")
    assert (refusal.message, refusal.field, refusal.messages) == (
        "Choose a paragraph of the draft",
        "paragraph",
        ["Choose a paragraph of the draft"],
    )


def test_a_field_the_form_names_differently_is_renamed_or_sent_to_the_summary() -> None:
    renamed = {"starts_at": "starts", "participants": None}
    form = _bound()
    show_refusal(form, TimetableError("The start must be a time", "starts_at"), renamed=renamed)
    show_refusal(form, TimetableError("Choose who takes part", "participants"), renamed=renamed)
    show_refusal(form, TimetableError("Enter a reason", "reason"), renamed=renamed)
    assert form.errors == {
        "starts": ["The start must be a time"],
        "__all__": ["Choose who takes part"],
        "reason": ["Enter a reason"],
    }
