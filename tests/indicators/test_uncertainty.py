"""Monte Carlo rank intervals and Sobol indices (Ishigami reference)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from revitalize.exceptions import InputError
from revitalize.indicators import indicator_values
from revitalize.indicators.uncertainty import (
    ChoiceSpace,
    ishigami,
    ishigami_indices,
    monte_carlo,
    rank_sensitivity,
    sobol_indices,
)


def _ishigami_u(u: np.ndarray) -> np.ndarray:
    return ishigami(-np.pi + 2 * np.pi * u)


def test_ishigami_analytic_values() -> None:
    # Saltelli et al. (2008), Global Sensitivity Analysis. The Primer, Table 4.? / §4.9:
    # S1 = 0.3139, S2 = 0.4424, S3 = 0, ST1 = 0.5576, ST2 = 0.4424, ST3 = 0.2437
    first, total = ishigami_indices()
    np.testing.assert_allclose(first, [0.3139, 0.4424, 0.0], atol=5e-5)
    np.testing.assert_allclose(total, [0.5576, 0.4424, 0.2437], atol=5e-5)


def test_sobol_estimators_recover_ishigami() -> None:
    res = sobol_indices(_ishigami_u, {"x1": 1, "x2": 1, "x3": 1}, n=2**13, seed=3)
    first, total = ishigami_indices()
    np.testing.assert_allclose(res.first.to_numpy(), first, atol=0.02)
    np.testing.assert_allclose(res.total.to_numpy(), total, atol=0.02)
    # first-order indices sum to 1 minus the x1-x3 interaction
    assert res.first.sum() == pytest.approx(first.sum(), abs=0.03)
    assert first.sum() == pytest.approx(1 - (total[2] - first[2]), abs=1e-12)


def test_sobol_additive_function_sums_to_one() -> None:
    coef = np.array([1.0, 2.0, 3.0])
    res = sobol_indices(lambda u: u @ coef, {"a": 1, "b": 1, "c": 1}, n=2**12, seed=0)
    expected = coef**2 / np.sum(coef**2)
    np.testing.assert_allclose(res.first.to_numpy(), expected, atol=0.01)
    np.testing.assert_allclose(res.total.to_numpy(), expected, atol=0.01)
    assert res.first.sum() == pytest.approx(1.0, abs=0.01)


def test_sobol_is_seeded() -> None:
    a = sobol_indices(_ishigami_u, {"x1": 1, "x2": 1, "x3": 1}, n=256, seed=7)
    b = sobol_indices(_ishigami_u, {"x1": 1, "x2": 1, "x3": 1}, n=256, seed=7)
    pd.testing.assert_series_equal(a.first, b.first)
    c = sobol_indices(_ishigami_u, {"x1": 1, "x2": 1, "x3": 1}, n=256, seed=8)
    assert not a.first.equals(c.first)


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return indicator_values(years=(2017, 2019))


def test_monte_carlo_seeded_and_intervals_ordered(values: pd.DataFrame) -> None:
    a = monte_carlo(values, n=300, seed=1)
    b = monte_carlo(values, n=300, seed=1)
    pd.testing.assert_frame_equal(a.summary, b.summary)
    s = a.summary
    assert (s["rank_p05"] <= s["rank_median"]).all()
    assert (s["rank_median"] <= s["rank_p95"]).all()
    assert s["rank_p95"].max() <= 31 and s["rank_p05"].min() >= 1
    # every draw is a permutation of 1..31 within a year
    rows = np.flatnonzero(a.index.get_level_values("year") == 2019)
    np.testing.assert_array_equal(np.sort(a.ranks[rows, 0]), np.arange(1, 32))


def test_single_choice_no_spread_gives_the_nominal_ranks(values: pd.DataFrame) -> None:
    from revitalize.indicators import composite_index

    space = ChoiceSpace(("mean",), ("minmax",), ("arithmetic",), weight_spread=0.0)
    mc = monte_carlo(values, n=20, seed=0, space=space)
    nominal = composite_index(values, imputation="mean")
    got = mc.summary.set_index(["region", "year"])["rank_median"]
    want = nominal.index["rank"].reindex(got.index)
    assert (mc.summary["rank_p05"] == mc.summary["rank_p95"]).all()
    pd.testing.assert_series_equal(got, want, check_names=False)


def test_rank_sensitivity_is_reproducible_and_bounded(values: pd.DataFrame) -> None:
    a = rank_sensitivity(values, n=128, seed=2, year=2019)
    b = rank_sensitivity(values, n=128, seed=2, year=2019)
    pd.testing.assert_series_equal(a.total, b.total)
    assert list(a.first.index) == ["imputation", "normalisation", "aggregation", "weights"]
    assert (a.total >= -0.05).all() and (a.total <= 1.5).all()
    assert a.total.sum() >= a.first.sum() - 0.05


def test_bad_choices() -> None:
    with pytest.raises(InputError):
        ChoiceSpace(normalisation=()).check()
    with pytest.raises(InputError):
        ChoiceSpace(weight_spread=1.5).check()
