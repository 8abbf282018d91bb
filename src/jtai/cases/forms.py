from __future__ import annotations

from typing import Any

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .models import CaseList, ListKind, Purpose
from .rules import SUGGESTION_SIZES
from .values import AGE_BANDS, AGENCIES, DISABILITY, ETHNIC_GROUPS, GENDERS, STATUSES

MAX_UPLOAD_MB = 20
UPLOAD_SUFFIXES = (".csv", ".xlsx", ".xls", ".txt")


class UploadForm(forms.Form):
    kind = forms.ChoiceField(
        label="Which list is this?",
        choices=ListKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose which list this is"},
    )
    file = forms.FileField(
        label="Case list file",
        help_text=(
            "A CSV or Excel (.xlsx) file with one row per child and the column headings in "
            "the first row. Use the area's own case reference for each child: never a name."
        ),
        error_messages={
            "required": "Select a case list file",
            "empty": "The selected file is empty",
            "invalid": "Select a case list file",
        },
    )

    def clean_file(self) -> UploadedFile:
        upload: UploadedFile = self.cleaned_data["file"]
        name = (upload.name or "").lower()
        if not name.endswith(UPLOAD_SUFFIXES):
            raise forms.ValidationError("The selected file must be a CSV or XLSX file")
        if (upload.size or 0) > MAX_UPLOAD_MB * 1024 * 1024:
            raise forms.ValidationError(f"The selected file must be smaller than {MAX_UPLOAD_MB}MB")
        return upload


def _any(label: str, choices: Any) -> list[tuple[str, str]]:
    return [("", label), *choices]


class ChildFilterForm(forms.Form):
    """Filters for the children on an inspection's lists (GET, so pages can be linked)."""

    case_list = forms.TypedChoiceField(label="List", coerce=int, required=False)
    status = forms.ChoiceField(choices=_any("Any status", STATUSES.items()), required=False)
    age_band = forms.ChoiceField(
        label="Age",
        choices=_any("Any age", ((k, label) for k, (label, _, _) in AGE_BANDS.items())),
        required=False,
    )
    gender = forms.ChoiceField(choices=_any("Any gender", GENDERS.items()), required=False)
    ethnic_group = forms.ChoiceField(
        label="Ethnic group",
        choices=_any("Any ethnic group", ETHNIC_GROUPS.items()),
        required=False,
    )
    disability = forms.ChoiceField(choices=_any("Any", DISABILITY.items()), required=False)
    agency = forms.ChoiceField(
        label="Agency involved", choices=_any("Any agency", AGENCIES.items()), required=False
    )
    team = forms.ChoiceField(label="Allocated team", required=False)
    reference = forms.CharField(label="Case reference contains", required=False, max_length=40)

    def __init__(self, *args: Any, lists: list[CaseList], teams: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["case_list"].choices = _any(  # type: ignore[attr-defined]
            "Every list", ((c.pk, f"{c.get_kind_display()} ({c.source_name})") for c in lists)
        )
        self.fields["team"].choices = _any(  # type: ignore[attr-defined]
            "Any team", ((t, t) for t in teams)
        )

    def filters(self) -> dict[str, Any]:
        if not self.is_bound or not self.is_valid():
            return {}
        return {k: v for k, v in self.cleaned_data.items() if v not in ("", None)}


class LongListForm(forms.Form):
    reason = forms.CharField(
        label="Why are you choosing this child?",
        help_text="What their experience could show about how the agencies work together.",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why you chose this child"},
    )


class ShortListForm(forms.Form):
    purpose = forms.ChoiceField(
        label="What is the child short-listed for?",
        choices=Purpose.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose what the child is short-listed for"},
    )
    reason = forms.CharField(
        label="Why is this child on the short list?",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=2000,
        error_messages={"required": "Enter why this child is on the short list"},
    )


class SuggestionForm(forms.Form):
    children = forms.TypedMultipleChoiceField(
        label="Children to short-list for local audit",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one child"},
    )

    def __init__(self, *args: Any, child_ids: list[int], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].choices = [(i, str(i)) for i in child_ids]  # type: ignore[attr-defined]


def suggestion_size(value: str | None) -> int:
    try:
        size = int(value or 6)
    except ValueError:
        return 6
    return size if size in SUGGESTION_SIZES else 6


class RequestAuditsForm(forms.Form):
    accept_warnings = forms.BooleanField(
        label="I have read the warnings and want to ask for the audits", required=False
    )


class SectionForm(forms.Form):
    """An agency's answers to its section's questions. 'Save as draft' accepts gaps;
    'Mark as complete' needs every answer."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, questions: list[dict[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for question in questions:
            self.fields[f"answer_{question['key']}"] = forms.CharField(
                label=question["text"],
                help_text=question.get("hint", ""),
                required=False,
                max_length=10_000,
                widget=forms.Textarea(attrs={"rows": 5}),
            )

    def answers(self) -> dict[str, str]:
        return {
            name.removeprefix("answer_"): value
            for name, value in self.cleaned_data.items()
            if name.startswith("answer_")
        }

    def require_every_answer(self) -> bool:
        """For 'Mark as complete': an error on every unanswered question."""
        for name, value in self.answers().items():
            if not value.strip():
                self.add_error(
                    f"answer_{name}", "Answer this question, or save the section as a draft"
                )
        return not self.errors


class SubmitAuditForm(forms.Form):
    summary = forms.CharField(
        label="The partnership's overall findings",
        help_text=(
            "What the audit shows about how well the agencies worked together for this child, "
            "and what the partnership has learned."
        ),
        widget=forms.Textarea(attrs={"rows": 6}),
        max_length=10_000,
        error_messages={"required": "Enter the partnership's overall findings from this audit"},
    )
