"""Validation of location x activity matrices and the errors it raises.

Validation lives apart from the model code; every error names the problem and how to
fix it (the command line maps these :class:`~revitalize.exceptions.InputError`
subclasses to exit code 2).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from revitalize.exceptions import InputError

__all__ = [
    "ComplexityInputError",
    "EmptyPresenceError",
    "NegativeValueError",
    "ZeroLineError",
    "as_matrix",
    "check_binary",
    "check_no_zero_lines",
]


class ComplexityInputError(InputError):
    """A location x activity matrix the complexity methods cannot use."""


class NegativeValueError(ComplexityInputError):
    """Negative (or NaN/infinite) values in a matrix of exports, output or employment."""


class ZeroLineError(ComplexityInputError):
    """A location or activity whose row or column is all zero."""


class EmptyPresenceError(ComplexityInputError):
    """A threshold that leaves the binary presence matrix M without a single 1."""


def as_matrix(values: ArrayLike, what: str = "matrix") -> NDArray[np.float64]:
    """Return ``values`` as a 2-D float array, checking it is finite and non-negative.

    Raises
    ------
    NegativeValueError
        If an entry is negative, NaN or infinite.
    ComplexityInputError
        If the array is not two-dimensional or is empty.
    """
    x = np.asarray(values, dtype=float)
    if x.ndim != 2 or x.size == 0:
        raise ComplexityInputError(
            f"The {what} must be a non-empty 2-D array (locations x activities); got shape "
            f"{x.shape}.",
            "Pass one row per location and one column per activity.",
        )
    if not np.isfinite(x).all():
        n = int((~np.isfinite(x)).sum())
        raise NegativeValueError(
            f"The {what} has {n} NaN or infinite entr{'y' if n == 1 else 'ies'}.",
            "Replace missing values by 0 (activity absent) or drop the location.",
        )
    if (x < 0).any():
        r, c = np.argwhere(x < 0)[0]
        raise NegativeValueError(
            f"The {what} has {int((x < 0).sum())} negative value(s), first at row {r}, "
            f"column {c} ({x[r, c]:g}).",
            "Exports, output and employment cannot be negative; check the sign or the "
            "netting of the source (re-exports, inventory changes).",
        )
    return x


def check_no_zero_lines(
    x: NDArray[np.float64],
    locations: Sequence[str] | None = None,
    activities: Sequence[str] | None = None,
) -> None:
    """Raise :class:`ZeroLineError` if a row (location) or column (activity) sums to 0.

    RCA divides by both totals, so an all-zero line has no defined RCA.
    """
    for axis, labels, kind in ((1, locations, "location"), (0, activities, "activity")):
        zero = np.flatnonzero(x.sum(axis=axis) == 0)
        if zero.size:
            names = [str(labels[i]) if labels is not None else str(i) for i in zero[:5]]
            raise ZeroLineError(
                f"{zero.size} {kind}(s) with all-zero values: {', '.join(names)}"
                + (" ..." if zero.size > 5 else "") + ".",
                f"Drop the {kind}(s) first, or use complexity_table(), which drops them "
                "per year and returns NaN for them (as ecomplexity does).",
            )


def check_binary(m: NDArray[np.float64], threshold: float | None = None) -> None:
    """Raise :class:`EmptyPresenceError` if the presence matrix has no 1 at all."""
    if not (m > 0).any():
        at = f" at threshold {threshold:g}" if threshold is not None else ""
        raise EmptyPresenceError(
            f"No location has a revealed comparative advantage in any activity{at}: the "
            "presence matrix M is empty.",
            "Lower the threshold (the usual value is 1).",
        )
