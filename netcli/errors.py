"""The errors netcli raises for anything a user can type or hand over.

The CLI turns each into one line on stderr (plus a hint) and exit status 1.
Anything else is a bug and shows a traceback only with ``--debug``.
"""

from __future__ import annotations


class NetcliError(Exception):
    """Base of every error a user can cause; carries a message and an optional hint."""

    def __init__(self, message: str, *, hint: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return self.message


class ValidationError(NetcliError):
    """A value was refused; says which field, what value, and a suggestion when there is one."""

    def __init__(
        self,
        message: str,
        *,
        field: str | None = None,
        value: object = None,
        suggestion: str | None = None,
        hint: str | None = None,
    ) -> None:
        if hint is None and suggestion:
            hint = f"หมายถึง '{suggestion}' หรือไม่? (did you mean '{suggestion}'?)"
        super().__init__(message, hint=hint)
        self.field = field
        self.value = value
        self.suggestion = suggestion


class NotFound(NetcliError):
    """A record asked for by id or name does not exist."""


class Duplicate(NetcliError):
    """The record is already present; carries the existing record's id."""

    def __init__(
        self, message: str, *, existing_id: int | None = None, hint: str | None = None
    ) -> None:
        super().__init__(message, hint=hint)
        self.existing_id = existing_id


class BadFile(NetcliError):
    """A file could not be read as what it claims to be (corrupt, hostile, wrong type)."""


class Refused(NetcliError):
    """An operation cannot go ahead in the current state (e.g. undo with later changes)."""
