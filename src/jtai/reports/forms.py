from __future__ import annotations

from typing import Any, cast

from django import forms

from jtai.core.forms import GovukDateField
from jtai.letters.document import LetterDocument


class SectionForm(forms.Form):
    text = forms.CharField(
        label="Text",
        help_text="Leave a blank line between paragraphs. Paragraphs are numbered through "
        "the whole letter.",
        widget=forms.Textarea(attrs={"rows": 18}),
        required=False,
        max_length=20_000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class DetailsForm(forms.Form):
    addressees = forms.CharField(
        label="Addressees",
        help_text="One on each line: the role and the organisation.",
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={"required": "Enter at least one addressee"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, inspectorates: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.inspectorates = inspectorates
        for name in inspectorates:
            self.fields[f"name_{name}"] = forms.CharField(
                label=f"{name} signatory's name",
                max_length=120,
                error_messages={"required": f"Enter the name of the signatory for {name}"},
            )
            self.fields[f"title_{name}"] = forms.CharField(
                label=f"{name} signatory's title", max_length=160, required=False
            )

    def addressee_lines(self) -> list[str]:
        return [
            line.strip() for line in self.cleaned_data["addressees"].splitlines() if line.strip()
        ]

    def signatories(self) -> list[dict[str, str]]:
        return [
            {
                "name": self.cleaned_data[f"name_{name}"],
                "title": self.cleaned_data[f"title_{name}"],
                "inspectorate": name,
            }
            for name in self.inspectorates
        ]


class CommentForm(forms.Form):
    """A QA manager's comment on a section."""

    text = forms.CharField(
        label="Your comment for the team",
        help_text="The team sees this; the area never does.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter your comment"},
    )


class ReturnForm(forms.Form):
    reason = forms.CharField(
        label="What the team needs to change",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter what the team needs to change"},
    )


class ProposeForm(forms.Form):
    paragraph = forms.TypedChoiceField(
        label="Paragraph",
        coerce=int,
        error_messages={
            "required": "Choose the paragraph your comment is about",
            "invalid_choice": "Choose a paragraph of the draft",
        },
    )
    text = forms.CharField(
        label="Your comment",
        help_text="Say what is factually inaccurate and what the correct position is.",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        error_messages={"required": "Enter your comment on the paragraph"},
    )

    def __init__(self, *args: Any, document: LetterDocument, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.TypedChoiceField, self.fields["paragraph"])
        field.choices = [("", "Choose a paragraph")] + [
            (str(p.number), f"{p.number}. {p.text[:70]}{'…' if len(p.text) > 70 else ''}")
            for p in document.numbered_paragraphs()
        ]


class CommentEditForm(forms.Form):
    text = forms.CharField(
        label="Comment",
        widget=forms.Textarea(attrs={"rows": 5}),
        max_length=20_000,
        error_messages={"required": "Enter the comment, or withdraw it"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput)


class RespondForm(forms.Form):
    decision = forms.ChoiceField(
        label="Do you accept this comment?",
        choices=[("accept", "Yes, accept it"), ("reject", "No, do not accept it")],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept the comment"},
    )
    response = forms.CharField(
        label="Your answer to the area",
        help_text="What you changed, or why the letter stays as it is. The area sees this.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=5000,
        error_messages={"required": "Enter your answer to the area"},
    )


class ExtensionForm(forms.Form):
    until = GovukDateField(
        label="New date for comments",
        help_text="For example, 27 3 2026",
        error_messages={"required": "Enter the new date for comments"},
    )
    reason = forms.CharField(
        label="Why the area needs more time",
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": "Enter why the area needs more time"},
    )
