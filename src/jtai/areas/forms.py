from django import forms

from .models import AuthorityType, Region


class AreaFilterForm(forms.Form):
    query = forms.CharField(label="Name", required=False, max_length=100)
    region = forms.ChoiceField(choices=[("", "Any region"), *Region.choices], required=False)
    authority_type = forms.ChoiceField(
        label="Type of authority",
        choices=[("", "Any type"), *AuthorityType.choices],
        required=False,
    )
