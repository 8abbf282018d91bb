from __future__ import annotations

from typing import Any, cast

from django import forms

from jtai.areas.models import Region

from .sections import SECTION_GROUPS


class LetterFilterForm(forms.Form):
    """Narrow the register (and a search) by theme, region and year of publication."""

    theme = forms.ChoiceField(
        required=False, error_messages={"invalid_choice": "Choose a theme from the list"}
    )
    region = forms.ChoiceField(
        choices=[("", "Any region"), *Region.choices],
        required=False,
        error_messages={"invalid_choice": "Choose a region from the list"},
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
        themes: list[tuple[str, str]],
        years: list[int],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = [("", "Any theme"), *themes]
        cast(forms.ChoiceField, self.fields["year"]).choices = [
            ("", "Any year"),
            *((str(year), str(year)) for year in years),
        ]

    def filters(self) -> dict[str, Any]:
        """The valid filters, with empty values for anything left out or invalid."""
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {
            "theme": data.get("theme", ""),
            "region": data.get("region", ""),
            "year": data.get("year"),
        }


class SearchForm(LetterFilterForm):
    q = forms.CharField(
        label="Words to search for",
        help_text='For example: strategy meetings, "health visitor", domestic abuse',
        max_length=200,
        error_messages={
            "required": "Enter words to search for",
            "max_length": "Search words must be 200 characters or fewer",
        },
        widget=forms.TextInput(attrs={"type": "search", "spellcheck": "false"}),
    )
    section = forms.ChoiceField(
        choices=[("", "Any section"), *((group.slug, group.label) for group in SECTION_GROUPS)],
        required=False,
        error_messages={"invalid_choice": "Choose a section from the list"},
    )
    field_order = ["q", "theme", "region", "year", "section"]

    def clean_q(self) -> str:
        query = " ".join(str(self.cleaned_data["q"]).split())
        if not query:
            raise forms.ValidationError("Enter words to search for")
        return query

    def filters(self) -> dict[str, Any]:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return {**super().filters(), "section": data.get("section", "")}
