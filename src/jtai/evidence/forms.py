"""The evidence form (one short page, usable on a phone without JavaScript), the filters
of the evidence page and the case-tracking form. Checks that need the inspection (that a
criterion, agency or source belongs to it) are the services'."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from django import forms

from jtai.accounts.models import Inspectorate
from jtai.areas.models import Agency

from .models import EvaluationCriterion, Polarity, PracticeQuality
from .selectors import NoteFilters, Sources
from .services import JudgementInput, NoteInput, Source


class EvidenceForm(forms.Form):
    text = forms.CharField(
        label="Evidence",
        help_text="What you saw, heard or read, and what it means for children. Never a name.",
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": "Enter the evidence"},
        strip=True,
    )
    criterion = forms.TypedChoiceField(
        label="Evaluation criterion",
        coerce=int,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose the evaluation criterion this evidence is about",
            "invalid_choice": "Choose the evaluation criterion this evidence is about",
        },
    )
    polarity = forms.ChoiceField(
        label="Is it a strength or an area for improvement?",
        choices=Polarity.choices,
        widget=forms.RadioSelect,
        error_messages={
            "required": "Choose whether this is a strength, an area for improvement or context",
            "invalid_choice": "Choose whether this is a strength, an area for improvement or "
            "context",
        },
    )
    agencies = forms.TypedMultipleChoiceField(
        label="Agencies",
        help_text="Choose every agency this evidence is about.",
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "required": "Choose at least one agency this evidence is about",
            "invalid_choice": "Choose agencies of the area from the list",
        },
    )
    source = forms.ChoiceField(
        label="Where the evidence comes from",
        help_text="An activity on the timetable, a tracked child's case or a document.",
        error_messages={
            "required": "Choose where the evidence comes from: an activity, a tracked "
            "child's case or a document",
            "invalid_choice": "Choose where the evidence comes from: an activity, a tracked "
            "child's case or a document",
        },
    )
    is_key = forms.BooleanField(
        label="Key finding: give it in the feedback to the partnership on Friday",
        required=False,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(
        self,
        *args: Any,
        criteria: Sequence[EvaluationCriterion],
        agencies: Sequence[Agency],
        sources: Sources,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self._choices("criterion", [(c.pk, c.title) for c in criteria])
        self._choices("agencies", [(a.pk, a.name) for a in agencies])
        self._choices("source", [("", "Choose a source"), *sources.choices()])

    def _choices(self, name: str, choices: list[Any]) -> None:
        cast(forms.ChoiceField, self.fields[name]).choices = choices

    def note_input(self) -> NoteInput:
        data = self.cleaned_data
        return NoteInput(
            text=data["text"],
            criterion_id=data["criterion"],
            polarity=data["polarity"],
            agency_ids=data["agencies"],
            source=Source.parse(data["source"]),
            is_key=data["is_key"],
        )


def _any(label: str, choices: Any) -> list[tuple[Any, str]]:
    return [("", label), *choices]


class FilterForm(forms.Form):
    """The evidence page's filters (GET, so a filtered page can be linked to)."""

    q = forms.CharField(
        label="Search the evidence",
        help_text='Words to find. Put a phrase in "quotes".',
        required=False,
        max_length=200,
    )
    criterion = forms.TypedChoiceField(label="Criterion", coerce=int, required=False)
    agency = forms.TypedChoiceField(label="Agency", coerce=int, required=False)
    inspectorate = forms.ChoiceField(label="Inspectorate of the inspector", required=False)
    polarity = forms.ChoiceField(
        label="Strength or area for improvement",
        choices=_any("Any", Polarity.choices),
        required=False,
    )
    key = forms.BooleanField(label="Key findings only", required=False)

    def __init__(
        self,
        *args: Any,
        criteria: Sequence[EvaluationCriterion],
        agencies: Sequence[Agency],
        inspectorates: Sequence[Inspectorate],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        fields = self.fields
        cast(forms.ChoiceField, fields["criterion"]).choices = _any(
            "Every criterion", ((c.pk, c.title) for c in criteria)
        )
        cast(forms.ChoiceField, fields["agency"]).choices = _any(
            "Every agency", ((a.pk, a.name) for a in agencies)
        )
        cast(forms.ChoiceField, fields["inspectorate"]).choices = _any(
            "Every inspectorate", ((i.code, i.short_name) for i in inspectorates)
        )

    def filters(self) -> NoteFilters:
        if not self.is_bound or not self.is_valid():
            return NoteFilters()
        data = self.cleaned_data
        return NoteFilters(
            criterion=data["criterion"] or None,
            agency=data["agency"] or None,
            inspectorate=data["inspectorate"],
            polarity=data["polarity"],
            key_only=data["key"],
            query=data["q"],
        )


class TrackingForm(forms.Form):
    """The child's experience, then for each of the area's agencies how effective its
    practice was and why (both, or neither for an agency not involved)."""

    experience = forms.CharField(
        label="The child's experience",
        help_text="What happened for the child, and what difference the help made. Use the "
        "case reference only: never a name.",
        widget=forms.Textarea(attrs={"rows": 6}),
        required=False,
        max_length=10000,
    )
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args: Any, agencies: Sequence[Agency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.agencies = list(agencies)
        for agency in self.agencies:
            self.fields[f"quality_{agency.pk}"] = forms.ChoiceField(
                label=f"How effective was {agency.name}'s practice?",
                choices=PracticeQuality.choices,
                widget=forms.RadioSelect,
                required=False,
                error_messages={
                    "invalid_choice": f"Choose how effective {agency.name}'s practice was"
                },
            )
            self.fields[f"note_{agency.pk}"] = forms.CharField(
                label=f"Note on {agency.name}'s practice",
                widget=forms.Textarea(attrs={"rows": 2}),
                required=False,
                max_length=1000,
                error_messages={
                    "max_length": f"The note on {agency.name}'s practice must be 1,000 "
                    "characters or fewer"
                },
            )

    def agency_fields(self) -> list[tuple[Agency, forms.BoundField, forms.BoundField]]:
        return [(a, self[f"quality_{a.pk}"], self[f"note_{a.pk}"]) for a in self.agencies]

    def judgements(self) -> dict[int, JudgementInput]:
        data = self.cleaned_data
        return {
            a.pk: JudgementInput(data.get(f"quality_{a.pk}", ""), data.get(f"note_{a.pk}", ""))
            for a in self.agencies
        }
