from __future__ import annotations

from typing import Any, cast

from django import forms

from jtai.areas.models import Area
from jtai.core.forms import GovukDateField

from .models import InspectorProfile, ProgrammeYear, UnavailabilityKind
from .planning_inputs import slot_choices
from .plans import ROLE_NAMES


class ProfileChoiceField(forms.ModelChoiceField[InspectorProfile]):
    def label_from_instance(self, obj: InspectorProfile) -> str:
        user = obj.user
        return f"{user.full_name} ({user.inspectorate}, {obj.get_specialism_display().lower()})"


def _profiles(*, required: bool = True) -> ProfileChoiceField:
    return ProfileChoiceField(
        label="Inspector",
        queryset=InspectorProfile.objects.filter(user__is_active=True).select_related(
            "user__inspectorate"
        ),
        required=required,
        empty_label="Choose an inspector" if required else "Nobody in particular",
        error_messages={
            "required": "Choose the inspector",
            "invalid_choice": "Choose an inspector from the list",
        },
    )


class PinForm(forms.Form):
    """Fix an inspection's area, its week or someone on its team for the next plan."""

    slot = forms.ChoiceField(
        label="Inspection",
        error_messages={"required": "Choose the inspection to pin"},
    )
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(),
        required=False,
        empty_label="Any area",
        help_text="The planner must inspect this area in this inspection.",
    )
    week = GovukDateField(
        label="Fieldwork week",
        required=False,
        help_text="The Monday of the fieldwork week, for example 14 2 2028",
    )
    inspector = _profiles(required=False)
    role = forms.ChoiceField(
        label="Role on the team",
        required=False,
        choices=[("", "Any role they can take"), *ROLE_NAMES.items()],
    )

    def __init__(self, *args: Any, programme_year: ProgrammeYear, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["slot"]).choices = [
            ("", "Choose an inspection"),
            *slot_choices(programme_year),
        ]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not self.errors and not any(data.get(f) for f in ("area", "week", "inspector")):
            raise forms.ValidationError("Choose an area, a fieldwork week or an inspector to pin")
        return data


class PinFromPlanForm(forms.Form):
    slot = forms.CharField(max_length=80)
    what = forms.ChoiceField(
        choices=[("area", "area"), ("week", "week"), ("inspector", "inspector")]
    )
    inspector = forms.CharField(max_length=60, required=False)


class UnavailabilityForm(forms.Form):
    """Leave or another commitment: a changed input the next re-plan takes into account."""

    profile = _profiles()
    kind = forms.ChoiceField(
        label="Why they are away",
        choices=UnavailabilityKind.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose leave or another commitment"},
    )
    starts_on = GovukDateField(
        label="First day away", error_messages={"required": "Enter the first day away"}
    )
    ends_on = GovukDateField(
        label="Last day away", error_messages={"required": "Enter the last day away"}
    )
    note = forms.CharField(
        label="Note (optional)",
        required=False,
        max_length=200,
        help_text="For example, a training course. Planners see this.",
    )
