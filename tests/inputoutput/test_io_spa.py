"""Structural path analysis (revitalize.inputoutput.spa)."""

from __future__ import annotations

import itertools

import numpy as np
import numpy.testing as npt
import pytest

from revitalize.inputoutput import spa

A2 = np.array([[0.1, 0.2], [0.3, 0.0]])
Y2 = np.array([10.0, 0.0])
S2 = np.array([2.0, 1.0])


def test_paths_of_a_two_sector_economy_by_hand() -> None:
    """Final demand 10 for product 0 only; emissions intensities s = (2, 1).
    Order 0: (0,) = 2 * 10 = 20. Order 1: (0, 0) = 2 * .1 * 10 = 2; (0, 1) = 1 * .3 * 10 = 3.
    Order 2: (0, 0, 0) = 2 * .1 * .1 * 10 = .2; (0, 0, 1) = 1 * .3 * .1 * 10 = .3;
    (0, 1, 0) = 2 * .2 * .3 * 10 = 1.2; (0, 1, 1) = 0 (a_11 = 0, never listed)."""
    paths = spa.structural_paths(A2, Y2, S2, max_order=2)
    got = {p.path: p.value for p in paths}
    expected = {
        (0,): 20.0,
        (0, 1): 3.0,
        (0, 0): 2.0,
        (0, 1, 0): 1.2,
        (0, 0, 1): 0.3,
        (0, 0, 0): 0.2,
    }
    assert got.keys() == expected.keys()
    for k, v in expected.items():
        assert got[k] == pytest.approx(v, rel=1e-14)
    assert [p.value for p in paths] == sorted((p.value for p in paths), reverse=True)
    assert all(p.order == len(p.path) - 1 for p in paths)


def test_threshold_and_top_k() -> None:
    above = spa.structural_paths(A2, Y2, S2, threshold=1.0, max_order=5)
    assert [p.path for p in above] == [(0,), (0, 1), (0, 0), (0, 1, 0)]
    top = spa.structural_paths(A2, Y2, S2, top_k=2, max_order=5)
    assert [p.path for p in top] == [(0,), (0, 1)]
    assert isinstance(top[0], tuple)  # a plain (path, value, order) tuple too
    path, value, order = top[1]
    assert path == (0, 1)
    assert value == pytest.approx(3.0, rel=1e-14)
    assert order == 1


def test_all_paths_up_to_order_k_sum_to_the_truncated_series() -> None:
    rng = np.random.default_rng(5)
    n, k = 4, 4
    A = rng.random((n, n)) * 0.2
    y, s = rng.random(n), rng.random(n)
    series = sum(np.linalg.matrix_power(A, r) for r in range(k + 1))
    paths = spa.structural_paths(A, y, s, max_order=k)
    assert len(paths) == sum(n ** (r + 1) for r in range(k + 1))
    assert sum(p.value for p in paths) == pytest.approx(float(s @ series @ y), rel=1e-12)


def test_paths_approach_the_total_as_the_threshold_falls() -> None:
    rng = np.random.default_rng(6)
    n = 6
    A = rng.random((n, n)) * (0.5 / n)
    y, s = rng.random(n) * 10, rng.random(n)
    total = spa.path_total(A, y, s)
    npt.assert_allclose(total, s @ np.linalg.solve(np.eye(n) - A, y), rtol=1e-13)
    sums = [
        sum(p.value for p in spa.structural_paths(A, y, s, threshold=t * total, max_order=30))
        for t in (1e-1, 1e-2, 1e-3, 1e-4)
    ]
    assert all(a <= b for a, b in itertools.pairwise(sums))
    assert sums[-1] <= total * (1 + 1e-12)
    assert sums[-1] == pytest.approx(total, rel=2e-2)


def test_max_nodes_stops_with_a_warning() -> None:
    A = np.full((5, 5), 0.15)
    with pytest.warns(RuntimeWarning, match="stopped after 50 partial paths"):
        paths = spa.structural_paths(A, np.ones(5), max_order=20, max_nodes=50)
    assert len(paths) <= 50


def test_zero_final_demand_has_no_paths() -> None:
    assert spa.structural_paths(A2, np.zeros(2)) == []
