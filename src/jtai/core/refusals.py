"""A change a service refused, and why, in plain English. Each app names its own subclass
(``LetterError``, ``CaseError``...) so that its views catch only its own refusals; views
show any of them on their form with :func:`jtai.core.forms.show_refusal`."""

from __future__ import annotations


class Refusal(Exception):
    """``message`` says why; ``field`` names the form field it is about, if any (otherwise
    it belongs in the error summary above the form)."""

    def __init__(self, message: str, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field
        # Every refusal has its reasons one by one, so that a view shows them all alike.
        self.messages = [message]


class MultiRefusal(Refusal):
    """A refusal with several reasons, each shown on its own: one per file of an upload,
    say. ``message`` joins them, for logs and for showing in one line."""

    def __init__(self, *messages: str, field: str | None = None) -> None:
        super().__init__("; ".join(messages), field)
        self.messages = list(messages)
