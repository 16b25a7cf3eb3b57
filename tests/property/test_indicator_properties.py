"""Hypothesis invariants of the composite-index building blocks."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from revitalize.indicators.composite import (
    aggregate_arithmetic,
    normalise_distance_to_frontier,
    normalise_minmax,
    normalise_rank,
    normalise_zscore,
)

FINITE = st.floats(min_value=-1e3, max_value=1e3, allow_nan=False, allow_infinity=False)
POSITIVE = st.floats(min_value=0.1, max_value=1e3, allow_nan=False, allow_infinity=False)
SIGNS = arrays(np.float64, 3, elements=st.sampled_from([-1.0, 1.0]))


def _distinct(x: np.ndarray) -> bool:
    return bool(np.all(np.ptp(x, axis=0) > 1e-6))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (6, 3), elements=FINITE), SIGNS,
       st.integers(0, 5), st.integers(0, 2), st.floats(0.01, 100.0))
def test_improving_an_indicator_never_lowers_the_arithmetic_score(
        x: np.ndarray, sign: np.ndarray, unit: int, ind: int, step: float) -> None:
    """Monotonicity: a better value of one indicator (in its good direction) never
    lowers that unit's min-max score nor its arithmetic composite."""
    w = np.array([0.2, 0.3, 0.5])
    before = aggregate_arithmetic(normalise_minmax(x, sign), w)[unit]
    y = x.copy()
    y[unit, ind] += sign[ind] * step
    after = aggregate_arithmetic(normalise_minmax(y, sign), w)[unit]
    assert after >= before - 1e-9


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (6, 3), elements=FINITE), SIGNS,
       st.floats(0.01, 100.0), st.floats(-100.0, 100.0))
def test_minmax_and_zscore_invariant_to_positive_affine_change(
        x: np.ndarray, sign: np.ndarray, a: float, b: float) -> None:
    """Changing the unit of measure (x -> a x + b, a > 0) leaves min-max and z-scores
    unchanged (OECD/JRC 2008, §5)."""
    if not _distinct(x) or not _distinct(a * x + b):
        return
    np.testing.assert_allclose(normalise_minmax(a * x + b, sign), normalise_minmax(x, sign),
                               atol=1e-6)
    np.testing.assert_allclose(normalise_zscore(a * x + b, sign), normalise_zscore(x, sign),
                               atol=1e-6)


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (6, 3), elements=POSITIVE), SIGNS, st.floats(0.01, 100.0))
def test_frontier_invariant_to_scaling_and_rank_to_monotone_maps(
        x: np.ndarray, sign: np.ndarray, a: float) -> None:
    np.testing.assert_allclose(normalise_distance_to_frontier(a * x, sign),
                               normalise_distance_to_frontier(x, sign), rtol=1e-9)
    # ranks are invariant to a strictly increasing map; in floating point log can merge
    # values one ulp apart (0.1 and its neighbour), which is not strictly increasing
    logs = np.log(x)
    if all(len(np.unique(logs[:, j])) == len(np.unique(x[:, j])) for j in range(x.shape[1])):
        np.testing.assert_allclose(normalise_rank(logs, sign), normalise_rank(x, sign))


@settings(max_examples=60, deadline=None)
@given(arrays(np.float64, (5, 4), elements=FINITE),
       arrays(np.float64, 4, elements=st.floats(0.01, 1.0)))
def test_arithmetic_score_between_component_extremes(x: np.ndarray, w: np.ndarray) -> None:
    w = w / w.sum()
    s = aggregate_arithmetic(x, w)
    assert np.all(s >= x.min(axis=1) - 1e-9) and np.all(s <= x.max(axis=1) + 1e-9)
