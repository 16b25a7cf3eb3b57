"""Validation of demographic inputs, kept apart from the model code.

Every check raises a subclass of :class:`revitalize.exceptions.InputError` whose
message names the problem and whose hint says how to fix it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from numpy.typing import ArrayLike, NDArray

from revitalize.exceptions import InputError

__all__ = [
    "AValueError",
    "AgeGroupError",
    "HorizonError",
    "MigrationConventionError",
    "NegativeRateError",
    "ProbabilityError",
    "check_a_values",
    "check_horizon",
    "check_nonnegative",
    "check_probability",
]


class NegativeRateError(InputError):
    """A rate (deaths, births, migrants per person) below zero where none may be."""


class ProbabilityError(InputError):
    """A probability or share outside [0, 1]."""


class AgeGroupError(InputError):
    """Age groups that do not tile the age range (gaps, overlaps, no open group)."""


class HorizonError(InputError):
    """A path (TFR, e0, migration) shorter than the projection horizon."""


class MigrationConventionError(InputError):
    """An unknown convention for the age of net migrants in a projection step."""


class AValueError(InputError):
    """Given life-table a-values that do not fit the age groups (shape or range)."""


def check_nonnegative(values: ArrayLike, what: str) -> NDArray[np.float64]:
    """Return ``values`` as floats; raise :class:`NegativeRateError` if any is < 0 or NaN."""
    arr = np.asarray(values, dtype=float)
    if np.isnan(arr).any():
        raise NegativeRateError(f"{what} contains missing values (NaN).",
                                "Fill every age group and sex with a number.")
    if (arr < 0).any():
        raise NegativeRateError(
            f"{what} has negative values (smallest {arr.min():.6g}).",
            "Rates are events per person-year and cannot be negative; check the sign "
            "and the unit of the input.",
        )
    return arr


def check_probability(values: ArrayLike, what: str) -> NDArray[np.float64]:
    """Return ``values`` as floats; raise :class:`ProbabilityError` outside [0, 1]."""
    arr = check_nonnegative(values, what)
    if (arr > 1.0 + 1e-12).any():
        raise ProbabilityError(
            f"{what} has values above 1 (largest {arr.max():.6g}); it is a probability "
            "or share.",
            "Give fractions of 1, not per cent or per 1,000.",
        )
    return arr


def check_horizon(path: Sequence[float] | NDArray[np.float64], steps: int, what: str) -> None:
    """Raise :class:`HorizonError` if ``path`` has fewer than ``steps`` values."""
    n = len(path)
    if n < steps:
        raise HorizonError(
            f"{what} has {n} value(s) but the projection needs {steps} (one per step).",
            "Extend the path to the end year or shorten the horizon (--to).",
        )


def check_a_values(nax: ArrayLike, width: NDArray[np.float64],
                   shape: tuple[int, ...]) -> NDArray[np.float64]:
    """Return given :math:`{}_na_x` as floats of ``shape``; NaN means "default rule".

    Raise :class:`AValueError` if they do not broadcast to ``shape`` (age on the last
    axis, one value per group of widths ``width``) or a value of a closed group lies
    outside :math:`[0, n]` (those who die in a group live 0 to ``n`` years in it).
    """
    try:
        arr = np.broadcast_to(np.asarray(nax, dtype=float), shape)
    except ValueError:
        raise AValueError(
            f"a-values of shape {np.shape(nax)} do not fit the life table, shape {shape} "
            f"({width.size} age groups on the last axis).",
            "Give one a-value per age group (NaN where the default rule should apply).",
        ) from None
    closed = np.isfinite(width)
    a = arr[..., closed]
    bad = (a < 0) | (a > width[closed])
    if bad.any():
        raise AValueError(
            "a-values must lie between 0 and the width n of their age group.",
            "a is the mean number of years lived in the group by those who die in it; "
            "check the unit (years, not a fraction of n).",
        )
    return arr
