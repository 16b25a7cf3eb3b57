"""Normalisers, weighters, aggregators, imputation, winsorisation and the index."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from revitalize.indicators.composite import (
    CompositeError,
    aggregate,
    aggregate_arithmetic,
    aggregate_geometric,
    budget_allocation_weights,
    check_weights,
    composite_index,
    equal_weights,
    impute,
    normalise,
    normalise_distance_to_frontier,
    normalise_distance_to_target,
    normalise_minmax,
    normalise_rank,
    normalise_zscore,
    pca_weights,
    winsorise,
)

X = np.array([[1.0, 10.0], [2.0, 30.0], [4.0, 20.0]])
UP = np.array([1.0, 1.0])
MIXED = np.array([1.0, -1.0])


def test_minmax_by_hand() -> None:
    out = normalise_minmax(X, MIXED)
    np.testing.assert_allclose(out[:, 0], [0, 100 / 3, 100])
    np.testing.assert_allclose(out[:, 1], [100, 0, 50])  # lower is better: reversed
    np.testing.assert_allclose(normalise_minmax(np.array([[5.0], [5.0]]), UP[:1]), 50.0)


def test_zscore_by_hand() -> None:
    out = normalise_zscore(X, UP)
    sd = np.std([1, 2, 4], ddof=1)
    np.testing.assert_allclose(out[:, 0], (np.array([1, 2, 4]) - 7 / 3) / sd)
    np.testing.assert_allclose(out.mean(axis=0), 0, atol=1e-12)


def test_rank_with_ties_and_missing() -> None:
    x = np.array([[3.0], [1.0], [3.0], [np.nan]])
    np.testing.assert_allclose(normalise_rank(x, UP[:1]), [[2.5], [1.0], [2.5], [np.nan]])
    np.testing.assert_allclose(normalise_rank(x, -UP[:1]), [[1.5], [3.0], [1.5], [np.nan]])


def test_distance_to_target_and_frontier() -> None:
    d = normalise_distance_to_target(X[:, :1], UP[:1], np.array([3.0]))
    np.testing.assert_allclose(d[:, 0], [0, 50, 100])  # capped at the target
    f = normalise_distance_to_frontier(X, MIXED)
    np.testing.assert_allclose(f[:, 0], [25, 50, 100])
    np.testing.assert_allclose(f[:, 1], [100, 100 / 3, 50])


def test_normalise_dispatch_and_errors() -> None:
    np.testing.assert_allclose(normalise(X, UP, "minmax"), normalise_minmax(X, UP))
    with pytest.raises(CompositeError, match="Use one of"):
        normalise(X, UP, "softmax")
    with pytest.raises(CompositeError, match="target"):
        normalise(X, UP, "target")


def test_weights() -> None:
    np.testing.assert_allclose(equal_weights(4), 0.25)
    np.testing.assert_allclose(check_weights([0.2, 0.8], 2), [0.2, 0.8])
    with pytest.raises(CompositeError, match=r"sum to 0\.9"):
        check_weights([0.2, 0.7])
    with pytest.raises(CompositeError, match="3 weights given for 2"):
        check_weights([0.2, 0.3, 0.5], 2)
    with pytest.raises(CompositeError, match="non-negative"):
        check_weights([1.5, -0.5])


def test_budget_allocation() -> None:
    w = budget_allocation_weights([[50, 30, 20], [30, 30, 40]])
    np.testing.assert_allclose(w, [0.4, 0.3, 0.3])
    with pytest.raises(CompositeError, match="Expert 2 allocates 90"):
        budget_allocation_weights([[50, 30, 20], [30, 30, 30]])


def test_pca_weights_split_correlated_block_evenly() -> None:
    rng = np.random.default_rng(0)
    a, b = rng.normal(size=200), rng.normal(size=200)
    x = np.column_stack([a, 2 * a + 1, b, 3 - b])
    w = pca_weights(x)  # two components, eigenvalue 2 each
    assert w.sum() == pytest.approx(1.0)
    np.testing.assert_allclose(w, 0.25, atol=0.01)


def test_aggregators_by_hand_and_missing() -> None:
    x = np.array([[4.0, 1.0], [np.nan, 9.0]])
    w = np.array([0.5, 0.5])
    np.testing.assert_allclose(aggregate_arithmetic(x, w), [2.5, 9.0])
    np.testing.assert_allclose(aggregate_geometric(x, w), [2.0, 9.0])
    with pytest.raises(CompositeError, match="positive"):
        aggregate_geometric(np.array([[0.0, 1.0]]), w)
    with pytest.raises(CompositeError):
        aggregate(x, w, "harmonic")


def test_imputation() -> None:
    x = np.array([[1.0], [np.nan], [3.0], [np.nan]])
    np.testing.assert_allclose(impute(x, "mean")[:, 0], [1, 2, 3, 2])
    units = np.array([0, 0, 1, 1])
    years = np.array([2020, 2021, 2020, 2021])
    np.testing.assert_allclose(impute(x, "previous", units, years)[:, 0], [1, 1, 3, 3])
    assert np.isnan(impute(x, "none")[1, 0])
    with pytest.raises(CompositeError):
        impute(x, "hotdeck")


def test_winsorise_only_skewed_heavy_tails() -> None:
    base = np.arange(1.0, 31.0)
    out, n = winsorise(base)
    assert n == 0
    spiky = np.append(base, 1000.0)
    out, n = winsorise(spiky)
    assert n >= 1 and out.max() == 30.0


def _panel() -> pd.DataFrame:
    rows = []
    for r, g, p, s in [("210000", 5.0, 50.0, 15.0), ("220000", 6.0, 55.0, 12.0),
                       ("230000", 4.0, 45.0, 18.0)]:
        rows += [(r, "gdp_real_growth", "economy", 2020, g),
                 (r, "tertiary_share", "economy", 2020, p),
                 (r, "share_65_plus", "population", 2020, s)]
    return pd.DataFrame(rows, columns=["region", "indicator", "pillar", "year", "value"])


def test_composite_index_labelled_output() -> None:
    res = composite_index(_panel(), outliers=False)
    assert list(res.pillars.columns) == ["economy", "population"]
    idx = res.index.xs(2020, level="year")
    # JL best on everything (highest growth and tertiary share, lowest ageing)
    assert idx.loc["220000", "score"] == pytest.approx(100.0)
    assert idx.loc["230000", "score"] == pytest.approx(0.0)
    assert list(idx.sort_values("rank").index) == ["220000", "210000", "230000"]
    assert res.weights.sum() == pytest.approx(2.0)  # sums to one within each pillar


def test_composite_index_user_weights_must_sum_to_one() -> None:
    with pytest.raises(CompositeError, match="sum to"):
        composite_index(_panel(), pillar_weights={"economy": 0.5, "population": 0.6})
    res = composite_index(_panel(), outliers=False,
                          pillar_weights={"economy": 1.0, "population": 0.0})
    eco = res.pillars["economy"]
    np.testing.assert_allclose(res.index["score"], eco)
    with pytest.raises(CompositeError, match="unknown components"):
        composite_index(_panel(), pillar_weights={"energy": 1.0})


def test_composite_index_target_normalisation_and_budget() -> None:
    res = composite_index(_panel(), outliers=False, normalisation="target",
                          targets={"gdp_real_growth": 5.0, "tertiary_share": 60.0,
                                   "share_65_plus": 12.0})
    assert res.scores.loc[("220000", 2020), "gdp_real_growth"] == pytest.approx(100.0)
    res = composite_index(_panel(), outliers=False, weighting="budget",
                          budget=np.array([[60.0, 20.0, 20.0]]))
    assert res.weights["gdp_real_growth"] == pytest.approx(0.75)
    with pytest.raises(CompositeError, match="every indicator"):
        composite_index(_panel(), weighting="budget", budget=np.array([[50.0, 50.0]]))


def test_pca_weights_degenerate_inputs() -> None:
    np.testing.assert_allclose(pca_weights(np.array([[1.0], [2.0]])), [1.0])
    w = pca_weights(np.array([[1.0, 5.0], [1.0, 5.0], [1.0, 5.0]]))  # constant columns
    assert w.sum() == pytest.approx(1.0)


def test_pca_weighting_in_the_index() -> None:
    res = composite_index(_panel(), outliers=False, weighting="pca")
    eco = res.weights[["gdp_real_growth", "tertiary_share"]]
    assert eco.sum() == pytest.approx(1.0)
