from __future__ import annotations

from typing import Any, cast

from django import forms

from jtai.accounts.models import User
from jtai.accounts.roles import INSPECTORATE_ROLES
from jtai.areas.models import Area, Region
from jtai.core.forms import GovukDateField
from jtai.programme.models import FrameworkVersion, InspectionType, ProgrammeYear, Theme

from .models import Status, TeamRole


class InspectionFilterForm(forms.Form):
    status = forms.ChoiceField(choices=[("", "Any status"), *Status.choices], required=False)
    theme = forms.ChoiceField(required=False)
    region = forms.ChoiceField(choices=[("", "Any region"), *Region.choices], required=False)
    year = forms.IntegerField(
        required=False,
        min_value=2016,
        max_value=2100,
        label="Year of fieldwork",
        error_messages={"invalid": "Enter a year, like 2026"},
        widget=forms.TextInput(attrs={"inputmode": "numeric", "class": "govuk-input--width-4"}),
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        cast(forms.ChoiceField, self.fields["theme"]).choices = [
            ("", "Any theme"),
            *Theme.objects.values_list("key", "name"),
        ]


class InspectionCreateForm(forms.Form):
    area = forms.ModelChoiceField(
        queryset=Area.objects.all(),
        empty_label="Choose an area",
        error_messages={
            "required": "Choose the local area to inspect",
            "invalid_choice": "Choose a local area from the list",
        },
    )
    inspection_type = forms.ChoiceField(
        label="Type of inspection",
        choices=InspectionType.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose the type of inspection"},
    )
    theme = forms.ModelChoiceField(
        queryset=Theme.objects.filter(is_active=True),
        empty_label="Choose a theme",
        error_messages={
            "required": "Choose the theme",
            "invalid_choice": "Choose a theme from the list",
        },
    )
    framework = forms.ModelChoiceField(
        label="Framework version",
        queryset=FrameworkVersion.objects.all(),
        empty_label=None,
    )
    programme_year = forms.ModelChoiceField(
        queryset=ProgrammeYear.objects.all(),
        required=False,
        empty_label="Not in a programme year",
    )
    fieldwork_start = GovukDateField(
        label="Fieldwork start",
        help_text="The Monday of the fieldwork week, for example 8 3 2027",
        error_messages={"required": "Enter the date fieldwork starts"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = FrameworkVersion.objects.filter(is_current=True).first()
        if current is not None:
            self.fields["framework"].initial = current.pk


class RescheduleForm(forms.Form):
    fieldwork_start = GovukDateField(
        label="New fieldwork start", error_messages={"required": "Enter the new fieldwork start"}
    )
    reason = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Enter the reason for rescheduling"},
    )


class TransitionForm(forms.Form):
    reason = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), required=False)


class TeamMemberForm(forms.Form):
    user = forms.ModelChoiceField(
        label="Person",
        queryset=User.objects.filter(role__in=INSPECTORATE_ROLES, is_active=True).select_related(
            "inspectorate"
        ),
        empty_label="Choose a person",
        error_messages={"required": "Choose the person to add"},
    )
    team_role = forms.ChoiceField(
        label="Role on the team",
        choices=TeamRole.choices,
        widget=forms.RadioSelect,
        error_messages={"required": "Choose their role on the team"},
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["user"].label_from_instance = (  # type: ignore[attr-defined]
            lambda u: f"{u.full_name} ({u.inspectorate}, {u.get_role_display().lower()})"
        )
