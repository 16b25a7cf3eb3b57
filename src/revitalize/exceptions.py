"""Exceptions raised by :mod:`revitalize`.

Every error a user can cause carries a message that names the problem and how to fix
it. The CLI maps :class:`InputError` (and subclasses) to exit code 2.
"""

from __future__ import annotations

from collections.abc import Sequence

__all__ = [
    "DatasetNotFoundError",
    "DuplicateKeyError",
    "InputError",
    "InvalidTableError",
    "MalformedFileError",
    "NotProductiveError",
    "PeriodParseError",
    "RevitalizeError",
    "StoreError",
    "UnknownRegionError",
    "UnknownUnitError",
]


class RevitalizeError(Exception):
    """Base class of all errors raised by revitalize."""


class InputError(RevitalizeError, ValueError):
    """Bad input supplied by the user (exit code 2 on the command line).

    Parameters
    ----------
    message
        What is wrong.
    hint
        How to fix it; appended to the message.
    """

    def __init__(self, message: str, hint: str | None = None) -> None:
        self.message = message
        self.hint = hint
        super().__init__(f"{message} {hint}" if hint else message)


def _suggest(suggestions: Sequence[str]) -> str | None:
    if not suggestions:
        return None
    return "Did you mean: " + ", ".join(repr(s) for s in suggestions) + "?"


class UnknownRegionError(InputError, KeyError):
    """A region name, code or alias the registry does not know."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = list(suggestions)
        hint = _suggest(suggestions) or "See `revitalize regions list` for known regions."
        InputError.__init__(self, f"Unknown region {name!r}.", hint)

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return InputError.__str__(self)


class UnknownUnitError(InputError):
    """A unit string that :mod:`revitalize.units` does not know."""

    def __init__(self, unit: str, suggestions: Sequence[str] = ()) -> None:
        self.unit = unit
        self.suggestions = list(suggestions)
        hint = _suggest(suggestions) or "See revitalize.units.UNITS for the known units."
        super().__init__(f"Unknown unit {unit!r}.", hint)


class PeriodParseError(InputError):
    """A period string that does not parse."""

    def __init__(self, text: str) -> None:
        self.text = text
        super().__init__(
            f"Cannot parse period {text!r}.",
            "Use a year (2023), quarter (2023Q2), half-year (2023H1), first three quarters "
            "(2023Q1-Q3), month (2023-06), or a range of one of these (2020:2024).",
        )


class MalformedFileError(InputError):
    """A user file that cannot be read; names file, row and column where known."""

    def __init__(
        self,
        path: str,
        problem: str,
        *,
        row: int | None = None,
        column: str | None = None,
        hint: str | None = None,
    ) -> None:
        self.path = path
        self.row = row
        self.column = column
        self.problem = problem
        where = path
        if row is not None:
            where += f", row {row}"
        if column is not None:
            where += f", column {column!r}"
        super().__init__(f"{where}: {problem}", hint)


class DuplicateKeyError(InputError):
    """Rows that repeat the key (region, indicator, period, vintage)."""

    def __init__(self, where: str, keys: Sequence[str], rows: Sequence[int] = ()) -> None:
        self.keys = list(keys)
        self.rows = list(rows)
        shown = "; ".join(self.keys[:5]) + (" ..." if len(self.keys) > 5 else "")
        rows_txt = f" (rows {', '.join(map(str, self.rows[:10]))})" if self.rows else ""
        super().__init__(
            f"{where}: duplicated key{'s' if len(self.keys) > 1 else ''} {shown}{rows_txt}.",
            "Each (region, indicator, period, vintage) may appear once; remove or merge the "
            "repeated rows.",
        )


class DatasetNotFoundError(InputError, KeyError):
    """A dataset id that is neither in the catalogue nor in the user's store."""

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        hint = _suggest(suggestions) or "See `revitalize data list` for available datasets."
        InputError.__init__(self, f"Unknown dataset {name!r}.", hint)

    def __str__(self) -> str:
        return InputError.__str__(self)


class StoreError(RevitalizeError):
    """The local DuckDB store could not be read or written."""


class InvalidTableError(InputError):
    """An input-output table that breaks an accounting rule (negative flows where none
    are allowed, misaligned labels, outputs that do not match inputs)."""


class NotProductiveError(InputError):
    """A coefficient matrix without a productive Leontief inverse.

    The Leontief inverse :math:`(I - A)^{-1}` exists and is non-negative only if the
    spectral radius of :math:`A` is below 1 (Hawkins-Simon condition).
    """

    def __init__(self, spectral_radius: float, detail: str = "") -> None:
        self.spectral_radius = spectral_radius
        super().__init__(
            f"The coefficient matrix is not productive: spectral radius of A = "
            f"{spectral_radius:.6g} >= 1, so (I - A) has no non-negative inverse{detail}.",
            "Check the units of Z and x (both in the same currency unit), that x is gross "
            "output (not value added), and that no column of A sums to 1 or more.",
        )
