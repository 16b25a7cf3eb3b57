"""Age groups: parsing, tiling checks and the grids used by the projection.

Two grids are used. The *abridged* life-table grid of WPP (0, 1-4, 5-9, ..., 95-99,
100+) carries mortality; the *projection* grid (0-4, 5-9, ..., 80-84, 85+) carries
population, because the census publishes 85+ as its open group.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from revitalize.population.checks import AgeGroupError

__all__ = [
    "FERTILE",
    "LT_AGES",
    "LT_STARTS",
    "PROJ_AGES",
    "SEXES",
    "age_starts",
    "collapse_to_projection_grid",
    "parse_age",
]

SEXES = ("male", "female")
#: starts of the abridged life-table groups: 0, 1, 5, ..., 100 (100+ open)
LT_STARTS = np.array([0, 1, *range(5, 105, 5)], dtype=float)
LT_AGES = ("0", "1-4", *[f"{a}-{a + 4}" for a in range(5, 100, 5)], "100+")
#: projection groups 0-4 ... 80-84, 85+
PROJ_AGES = (*[f"{a}-{a + 4}" for a in range(0, 85, 5)], "85+")
#: index of the projection groups 10-14 ... 50-54 (WPP fertility ages)
FERTILE = slice(2, 11)

_RANGE = re.compile(r"^\s*(\d+)\s*(?:-|to|到)\s*(\d+)\s*岁?\s*$")
_OPEN = re.compile(r"^\s*(\d+)\s*(?:\+|岁以上|岁及以上|plus)\s*$")
_SINGLE = re.compile(r"^\s*(\d+)\s*岁?\s*$")


def parse_age(label: str) -> tuple[int, int | None]:
    """``"5-9"`` -> (5, 10); ``"85+"`` -> (85, None); ``"0"`` -> (0, 1)."""
    if m := _RANGE.match(label):
        lo, hi = int(m.group(1)), int(m.group(2))
        if hi < lo:
            raise AgeGroupError(f"Age group {label!r} ends before it starts.",
                                "Write groups as 'start-end', e.g. '5-9'.")
        return lo, hi + 1
    if m := _OPEN.match(label):
        return int(m.group(1)), None
    if m := _SINGLE.match(label):
        return int(m.group(1)), int(m.group(1)) + 1
    raise AgeGroupError(f"Cannot read the age group {label!r}.",
                        "Use labels such as '0', '1-4', '5-9' and an open '85+'.")


def age_starts(labels: Sequence[str]) -> NDArray[np.float64]:
    """Starts of age groups that tile [0, inf); raise :class:`AgeGroupError` otherwise.

    The groups must start at 0, follow one another without gap or overlap and end with
    exactly one open group (``"85+"``).
    """
    parsed = [parse_age(str(s)) for s in labels]
    if not parsed:
        raise AgeGroupError("No age groups given.", "Give at least one group, e.g. '0+'.")
    expect = 0
    for i, (lo, hi) in enumerate(parsed):
        if lo != expect:
            kind = "a gap" if lo > expect else "an overlap"
            raise AgeGroupError(
                f"Age groups do not tile: {labels[i]!r} starts at {lo}, {kind} after "
                f"age {expect}.",
                "Groups must be contiguous from 0 (0-4, 5-9, ...) and end with one open "
                "group such as 85+.",
            )
        if hi is None:
            if i != len(parsed) - 1:
                raise AgeGroupError(f"Open age group {labels[i]!r} is not the last.",
                                    "Put the open group (e.g. 85+) last.")
            return np.array([p[0] for p in parsed], dtype=float)
        expect = hi
    raise AgeGroupError(
        f"The last age group {labels[-1]!r} is closed; the oldest ages are missing.",
        "End with an open group such as 85+.",
    )


def collapse_to_projection_grid(counts: pd.Series) -> NDArray[np.float64]:
    """Sum counts indexed by age labels (census or WPP grids) into :data:`PROJ_AGES`.

    The input groups must tile (see :func:`age_starts`) and every projection group must
    be a union of input groups; ages from 85 up go to the open group.
    """
    labels = [str(s) for s in counts.index]
    starts = age_starts(labels)
    bounds = [parse_age(s)[1] for s in labels]
    out = np.zeros(len(PROJ_AGES))
    for lo, hi, v in zip(starts, bounds, counts.to_numpy(float), strict=True):
        j = min(int(lo) // 5, len(PROJ_AGES) - 1)
        top = np.inf if hi is None else hi
        if j < len(PROJ_AGES) - 1 and top > 5 * (j + 1):
            raise AgeGroupError(
                f"Age group starting at {int(lo)} straddles the five-year groups.",
                "Give five-year groups (or finer ones nested in them).",
            )
        out[j] += v
    return out
