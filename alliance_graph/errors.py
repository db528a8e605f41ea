"""One error base class: everything a user can cause is an AllianceGraphError.

The CLI prints ``str(error)`` and exits non-zero; only ``--debug`` shows a traceback.
"""
from __future__ import annotations


class AllianceGraphError(Exception):
    """Base class of every error a user can cause (bad input, bad option, busy store...)."""

    exit_code = 1


class InputError(AllianceGraphError):
    """An input path or file cannot be used."""

    exit_code = 2


class ModelError(AllianceGraphError):
    """The spaCy pipeline cannot be loaded."""


class GazetteerError(AllianceGraphError):
    """A gazetteer file is malformed: bad JSON, unknown type, duplicate label or ambiguous alias."""


class StoreError(AllianceGraphError):
    """The store cannot be opened, is locked by another process, or a query failed."""


class UnknownActorError(AllianceGraphError):
    """An actor named by the user is not in the graph; carries close matches."""

    def __init__(self, name: str, suggestions: list[str] | None = None) -> None:
        self.name = name
        self.suggestions = suggestions or []
        message = f"Unknown actor: {name!r}."
        if self.suggestions:
            message += " Did you mean: " + ", ".join(self.suggestions) + "?"
        super().__init__(message)
