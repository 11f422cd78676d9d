"""The errors netcli raises for anything a user can type or hand over.

Each error is data: a stable ``code`` (for scripts: ``bad-phone``, ``not-found`` …), a
one-line Thai-first ``message``, and where they apply the ``field``, the ``value`` and a
``suggestion``. The CLI prints the message (plus a hint) on stderr and exits 1; under
``--format json`` or ``ndjson`` it also prints ``{"error": …}`` on stdout. Anything else is a
bug: exit 3, traceback only with ``--debug``.

The codes a script may see are listed in the README (a test keeps the list and the raise
sites in step); the CLI adds ``usage`` (exit 2), ``database-locked``, ``disk-full``,
``database-error``, ``io-error``, ``internal`` (exit 3) and ``interrupted`` (exit 130).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, fields
from typing import Any


class NetcliError(Exception):
    """Base of every error a user can cause; carries a code, a message and an optional hint."""

    code = "refused"

    def __init__(
        self,
        message: str,
        *,
        hint: str | None = None,
        code: str | None = None,
        field: str | None = None,
        value: object = None,
        suggestion: str | None = None,
    ) -> None:
        super().__init__(message)
        self.message = message
        if hint is None and suggestion:
            hint = f"หมายถึง '{suggestion}' หรือไม่? (did you mean '{suggestion}'?)"
        self.hint = hint
        if code is not None:
            self.code = code
        self.field = field
        self.value = value
        self.suggestion = suggestion

    def __str__(self) -> str:
        return self.message

    def as_dict(self) -> dict[str, Any]:
        """The error as JSON: ``{"code", "message", "field", "value", "suggestion", "hint"}``."""
        return {
            "code": self.code,
            "message": self.message,
            "field": self.field,
            "value": _plain(self.value),
            "suggestion": self.suggestion,
            "hint": self.hint,
        }


class ValidationError(NetcliError):
    """A value was refused; says which field, what value, and a suggestion when there is one."""

    code = "invalid"


class NotFound(NetcliError):
    """A record asked for by id or name does not exist."""

    code = "not-found"


class Ambiguous(NetcliError):
    """A name matches several records; carries their ids so a person can pick one."""

    code = "ambiguous"

    def __init__(self, message: str, *, candidates: list[int], **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.candidates = candidates

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "candidates": self.candidates}


class Duplicate(NetcliError):
    """The record is already present; carries the existing record's id."""

    code = "duplicate"

    def __init__(self, message: str, *, existing_id: int | None = None, **kwargs: Any) -> None:
        super().__init__(message, **kwargs)
        self.existing_id = existing_id

    def as_dict(self) -> dict[str, Any]:
        return {**super().as_dict(), "existing_id": self.existing_id}


class BadFile(NetcliError):
    """A file could not be read as what it claims to be (corrupt, hostile, wrong type)."""

    code = "bad-file"


class Refused(NetcliError):
    """An operation cannot go ahead in the current state (e.g. undo with later changes)."""

    code = "refused"


def _plain(value: object) -> object:
    """A value as JSON carries it: text, a number, a boolean or null."""
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


@dataclass
class RowError:
    """A rejected row of a file, as ``import`` and ``member add --from`` report it.

    ``sheet`` is None for CSV and NDJSON, ``column`` (the header as the file writes it) is None
    where the file has no columns (NDJSON) or the error is about the row as a whole.
    """

    file: str
    sheet: str | None
    row: int
    column: str | None
    field: str | None
    value: object
    code: str
    message: str
    suggestion: str | None

    @classmethod
    def of(
        cls,
        exc: NetcliError,
        *,
        file: str,
        row: int,
        sheet: str | None = None,
        column: str | None = None,
        value: object = ...,
    ) -> RowError:
        """The row error for ``exc``; ``value`` (the cell as written) defaults to the error's."""
        return cls(
            file=file,
            sheet=sheet,
            row=row,
            column=column,
            field=exc.field,
            value=_plain(exc.value if value is ... else value),
            code=exc.code,
            message=exc.message,
            suggestion=exc.suggestion,
        )

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


ROW_ERROR_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(RowError))
