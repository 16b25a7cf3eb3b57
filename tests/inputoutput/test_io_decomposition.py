"""Structural decomposition (revitalize.inputoutput.decomposition) against explicit formulas."""

from __future__ import annotations

import itertools

import numpy as np
import numpy.testing as npt
import pytest

from revitalize.inputoutput import decomposition

RNG = np.random.default_rng(3)
N, K = 7, 3


def _A(scale: float) -> np.ndarray:
    A = RNG.random((N, N)) * (RNG.random((N, N)) < 0.7)
    out: np.ndarray = A * (scale / A.sum(axis=0).max())
    return out


A0, A1 = _A(0.6), _A(0.7)
Y0 = RNG.random((N, K)) * 100.0
Y1 = RNG.random((N, K)) * 120.0
L0, L1 = np.linalg.inv(np.eye(N) - A0), np.linalg.inv(np.eye(N) - A1)
DX = L1 @ Y1.sum(axis=1) - L0 @ Y0.sum(axis=1)


def test_leontief_sda_is_the_average_of_the_polar_forms() -> None:
    y0, y1 = Y0.sum(axis=1), Y1.sum(axis=1)
    res = decomposition.sda_leontief(A0, y0, A1, y1)
    polar1 = ((L1 - L0) @ y1, L0 @ (y1 - y0))
    polar2 = ((L1 - L0) @ y0, L1 @ (y1 - y0))
    npt.assert_allclose(res.technology, (polar1[0] + polar2[0]) / 2, rtol=1e-10)
    npt.assert_allclose(res.final_demand, (polar1[1] + polar2[1]) / 2, rtol=1e-10)
    npt.assert_allclose(res.total, DX, rtol=1e-12)
    npt.assert_allclose(res.technology + res.final_demand, res.total, rtol=1e-12, atol=1e-9)
    shapley = decomposition.sda_leontief(A0, y0, A1, y1, method="shapley")
    npt.assert_allclose(shapley.technology, res.technology, rtol=1e-12)


def test_final_demand_components_reconstruct_y() -> None:
    B, d, f = decomposition.final_demand_components(Y0)
    npt.assert_allclose(B.sum(axis=0), 1.0, rtol=1e-14)
    assert d.sum() == pytest.approx(1.0, rel=1e-14)
    npt.assert_allclose(B @ d * f, Y0.sum(axis=1), rtol=1e-13)
    # an all-zero category is allowed and contributes nothing
    Yz = np.hstack([Y0, np.zeros((N, 1))])
    Bz, dz, _ = decomposition.final_demand_components(Yz)
    npt.assert_array_equal(Bz[:, -1], 0.0)
    assert dz[-1] == 0.0


def _factors(Y: np.ndarray, L: np.ndarray) -> list[object]:
    B, d, f = decomposition.final_demand_components(Y)
    return [L, B, d, f]


def _evaluate(factors: list[object]) -> np.ndarray:
    L, B, d, f = (np.asarray(v, dtype=np.float64) for v in factors)
    out: np.ndarray = L @ B @ d * f
    return out


def test_four_factor_polar_average_matches_explicit_formula() -> None:
    f0s, f1s = _factors(Y0, L0), _factors(Y1, L1)
    expected = np.zeros((4, N))
    for pos in range(4):
        for left, right in ((f0s, f1s), (f1s, f0s)):
            hi = [*left[:pos], f1s[pos], *right[pos + 1 :]]
            lo = [*left[:pos], f0s[pos], *right[pos + 1 :]]
            expected[pos] += 0.5 * (_evaluate(hi) - _evaluate(lo))
    res = decomposition.sda_final_demand(A0, Y0, A1, Y1)
    got = np.vstack([res.technology, res.mix, res.distribution, res.level])
    npt.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
    npt.assert_allclose(got.sum(axis=0), DX, rtol=1e-12, atol=1e-9)


def test_shapley_is_the_average_over_all_24_orders() -> None:
    f0s, f1s = _factors(Y0, L0), _factors(Y1, L1)
    expected = np.zeros((4, N))
    orders = list(itertools.permutations(range(4)))
    for order in orders:
        state = list(f0s)
        for pos in order:  # change factors one at a time in this order
            before = _evaluate(state)
            state[pos] = f1s[pos]
            expected[pos] += (_evaluate(state) - before) / len(orders)
    res = decomposition.sda_final_demand(A0, Y0, A1, Y1, method="shapley")
    got = np.vstack([res.technology, res.mix, res.distribution, res.level])
    npt.assert_allclose(got, expected, rtol=1e-9, atol=1e-9)
    npt.assert_allclose(got.sum(axis=0), DX, rtol=1e-12, atol=1e-9)
    # the polar average differs, but not by much (Dietzenbacher & Los 1998)
    polar = decomposition.sda_final_demand(A0, Y0, A1, Y1)
    assert not np.allclose(polar.mix, res.mix, rtol=1e-12, atol=0)


def test_unknown_method_is_rejected() -> None:
    with pytest.raises(ValueError, match="Unknown decomposition method"):
        decomposition.sda_leontief(A0, Y0[:, 0], A1, Y1[:, 0], method="midpoint")  # type: ignore[arg-type]
