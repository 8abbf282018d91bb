from __future__ import annotations

from django import forms

from ..access import CaseError


def apply_error(form: forms.Form, error: CaseError) -> None:
    """Show a refused change with the field it is about, or above the form."""
    form.add_error(error.field if error.field in form.fields else None, error.message)
