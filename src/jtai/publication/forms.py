from __future__ import annotations

from typing import Any, cast

from django import forms

from jtai.accounts.models import User
from jtai.accounts.roles import Role
from jtai.areas.models import Agency, Region
from jtai.core.forms import GovukDateField

from .models import ActionStatus
from .selectors import ReportFilters


class PublicReportFilterForm(forms.Form):
    """Search and narrow the published reports. Every field is optional; a value not in
    its list is an error the page explains, never a silent empty result."""

    q = forms.CharField(
        label="Search reports",
        help_text="For example: strategy discussions, early help, an area's name",
        required=False,
        max_length=200,
        error_messages={"max_length": "Search words must be 200 characters or fewer"},
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    area = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose an area from the list"}
    )
    region = forms.ChoiceField(
        choices=[("", "Any region"), *Region.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a region from the list"},
    )
    theme = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose a theme from the list"}
    )
    year = forms.TypedChoiceField(
        label="Year published",
        coerce=int,
        empty_value=None,
        required=False,
        error_messages={"invalid_choice": "Choose a year from the list"},
    )

    def __init__(
        self,
        *args: Any,
        areas: list[tuple[str, str]],
        themes: list[tuple[str, str]],
        years: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["area"]).choices = [("", "Any area"), *areas]
        cast(forms.ChoiceField, self.fields["theme"]).choices = [("", "Any theme"), *themes]
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            ("", "Any year"),
            *((str(year), str(year)) for year in years),
        ]

    def filters(self) -> ReportFilters:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return ReportFilters(
            query=" ".join(str(data.get("q") or "").split()),
            area=data.get("area") or "",
            region=data.get("region") or "",
            theme=data.get("theme") or "",
            year=data.get("year"),
        )


class StatementForm(forms.Form):
    document = forms.FileField(
        label="Upload the written statement of action",
        help_text="A PDF or Word document (.docx)",
        required=False,
    )

    def __init__(
        self, *args: Any, too_large: list[str] | None = None, limit: str = "", **kwargs: Any
    ):
        super().__init__(*args, **kwargs)
        self.too_large = too_large or []
        self.limit = limit

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        for name in self.too_large:
            self.add_error("document", f"{name} must be {self.limit} or smaller")
        if not self.too_large and not cleaned.get("document"):
            self.add_error("document", "Select the written statement to upload")
        return cleaned


class ActionForm(forms.Form):
    action = forms.CharField(
        label="Action",
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={
            "required": "Enter the action",
            "max_length": "The action must be 500 characters or fewer",
        },
    )
    agency = forms.ModelChoiceField(
        label="Owner agency",
        queryset=Agency.objects.none(),
        empty_label="Choose the agency",
        error_messages={
            "required": "Choose the agency that owns the action",
            "invalid_choice": "Choose one of the area's agencies",
        },
    )
    due_on = GovukDateField(
        label="Due date",
        help_text="For example, 27 3 2027",
        error_messages={"required": "Enter the due date"},
    )
    status = forms.ChoiceField(
        label="Status",
        choices=ActionStatus.choices,
        initial=ActionStatus.NOT_STARTED,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the action's status"},
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, area_id: int, with_status: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not with_status:  # a new action has not started
            del self.fields["status"]
        cast(
            "forms.ModelChoiceField[Agency]", self.fields["agency"]
        ).queryset = Agency.objects.filter(area_id=area_id).order_by("kind", "name")


class OverviewCreateForm(forms.Form):
    theme = forms.ChoiceField(
        label="Which theme is the overview about?",
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the theme",
            "invalid_choice": "Choose a theme from the list",
        },
    )

    def __init__(self, *args: Any, themes: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = themes


class OverviewEditForm(forms.Form):
    """The overview's title and one text box per section (paragraphs separated by a
    blank line)."""

    title = forms.CharField(
        label="Title", max_length=300, error_messages={"required": "Enter the overview's title"}
    )
    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, sections: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for key, heading in sections:
            self.fields[key] = forms.CharField(
                label=heading,
                help_text="Leave a blank line between paragraphs.",
                widget=forms.Textarea(attrs={"rows": 10}),
                error_messages={"required": f"Enter the text of {heading}"},
            )
        self.section_keys = [key for key, _ in sections]


class OverviewSubmitForm(forms.Form):
    qa_manager = forms.ModelChoiceField(
        label="Quality assurance manager",
        queryset=User.objects.none(),
        empty_label="Choose who signs it off",
        error_messages={
            "required": "Choose a quality assurance manager",
            "invalid_choice": "Choose a quality assurance manager from the list",
        },
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(
            "forms.ModelChoiceField[User]", self.fields["qa_manager"]
        ).queryset = User.objects.filter(role=Role.QA_MANAGER, is_active=True).order_by("full_name")


class OverviewReturnForm(forms.Form):
    reason = forms.CharField(
        label="What needs to change",
        widget=forms.Textarea(attrs={"rows": 4}),
        max_length=4000,
        error_messages={"required": "Enter what needs to change"},
    )


class OverviewEmbargoForm(forms.Form):
    publish_on = GovukDateField(
        label="Publication date",
        help_text="Published at the publication time that day. For example, 27 3 2027",
        error_messages={"required": "Enter the publication date"},
    )
