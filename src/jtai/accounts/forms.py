from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm


class SignInForm(AuthenticationForm):
    username = forms.EmailField(
        label="Email address",
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email", "spellcheck": "false"}),
        error_messages={
            "required": "Enter your email address",
            "invalid": "Enter an email address in the correct format, like name@example.com",
        },
    )
    password = forms.CharField(
        label="Password",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password"},
    )

    error_messages = {
        "invalid_login": "The email address or password is not correct",
        "inactive": "This account has been deactivated. Contact your administrator.",
    }

    def clean(self) -> dict[str, Any]:
        if self.cleaned_data.get("username"):
            self.cleaned_data["username"] = self.cleaned_data["username"].lower()
        return super().clean()


class SecurityCodeForm(forms.Form):
    """The second factor at sign-in: a code from the app, or a recovery code."""

    code = forms.CharField(
        label="Security code",
        help_text=(
            "The 6-digit code your authenticator app shows for this service, or one of "
            "your recovery codes"
        ),
        max_length=40,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "spellcheck": "false",
                "autocapitalize": "none",
                "class": "govuk-input--width-10",
            }
        ),
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app, or a recovery code",
            "max_length": "Enter the 6 numbers from your authenticator app, or a recovery code",
        },
    )


class AppCodeForm(forms.Form):
    """The code that confirms a newly set-up authenticator app."""

    code = forms.CharField(
        label="Code from your authenticator app",
        help_text="The 6 numbers the app shows for this service, like 123456",
        max_length=20,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "one-time-code",
                "inputmode": "numeric",
                "spellcheck": "false",
                "class": "govuk-input--width-5",
            }
        ),
        error_messages={
            "required": "Enter the 6-digit code from your authenticator app",
            "max_length": "Enter the code as 6 numbers, like 123456",
        },
    )


class UserSearchForm(forms.Form):
    q = forms.CharField(label="Name or email address", required=False, max_length=150, strip=True)
