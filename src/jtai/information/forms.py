from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms
from django.core.files.uploadedfile import UploadedFile

from .selectors import PlannedItem


class SendRequestForm(forms.Form):
    items = forms.MultipleChoiceField(
        label="Items to ask for",
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one item to ask for",
            "invalid_choice": "Choose items from the list",
        },
    )

    def __init__(self, *args: Any, plan: Sequence[PlannedItem], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = cast(forms.MultipleChoiceField, self.fields["items"])
        field.choices = [(str(p.template.pk), p.title) for p in plan if p.template is not None]
        if not self.is_bound:
            self.initial["items"] = [value for value, _ in field.choices]

    def template_ids(self) -> list[int]:
        return [int(value) for value in self.cleaned_data["items"]]


class MultipleFileInput(forms.FileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files from one ``<input type="file" multiple>``. Each file's checks (size,
    type, duplicates) are the upload service's, so that every caller gets them."""

    widget = MultipleFileInput

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)

    def clean(self, data: Any, initial: Any = None) -> list[UploadedFile]:
        if not data:
            return []
        files = data if isinstance(data, list | tuple) else [data]
        return [f for f in files if isinstance(f, UploadedFile)]


class UploadForm(forms.Form):
    documents = MultipleFileField(label="Files to upload")

    def __init__(self, *args: Any, too_large: Sequence[str] = (), limit: str = "", **kwargs: Any):
        super().__init__(*args, **kwargs)
        self.too_large = list(too_large)
        self.limit = limit

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        # Files over the limit were never received (see SizeLimitUploadHandler): say so.
        for name in self.too_large:
            self.add_error("documents", f"{name} must be {self.limit} or smaller")
        if not self.too_large and not cleaned.get("documents"):
            self.add_error("documents", "Select at least one file to upload")
        return cleaned


class ReviewForm(forms.Form):
    decision = forms.ChoiceField(
        label="Is this information complete?",
        choices=[
            ("accept", "Yes, accept it"),
            ("return", "No, return it to the agency"),
        ],
        widget=forms.RadioSelect,
        error_messages={"required": "Choose whether to accept the information or return it"},
    )
    note = forms.CharField(
        label="What is missing or needs to change",
        help_text="Only needed when you return it. The agency sees this.",
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=2000,
    )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("decision") == "return" and not cleaned.get("note", "").strip():
            self.add_error("note", "Enter what is missing or needs to change")
        return cleaned
