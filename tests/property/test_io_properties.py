
"""Hypothesis invariants of the input-output maths (revitalize.inputoutput)."""

from __future__ import annotations

import itertools

import numpy as np
import numpy.testing as npt
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from revitalize.inputoutput import core, decomposition, extraction, multipliers, spa

unit = st.floats(0.0, 1.0, allow_nan=False, allow_subnormal=False)


@st.composite
def coefficient_matrices(draw: st.DrawFn, max_n: int = 8, max_colsum: float = 0.95) -> np.ndarray:
    """Non-negative A with every column sum below ``max_colsum`` (< 1: productive)."""
    n = draw(st.integers(1, max_n))
    raw = draw(hnp.arrays(np.float64, (n, n), elements=unit))
    targets = draw(hnp.arrays(np.float64, n, elements=st.floats(0.0, max_colsum)))
    sums = raw.sum(axis=0)
    scale = np.divide(targets, sums, out=np.zeros(n), where=sums > 0)
    A: np.ndarray = raw * scale
    return A


def vectors(n: int, lo: float = 0.0, hi: float = 1000.0) -> st.SearchStrategy[np.ndarray]:
    return hnp.arrays(
        np.float64, n, elements=st.floats(lo, hi, allow_nan=False, allow_subnormal=False)
    )


@st.composite
def systems(draw: st.DrawFn, max_n: int = 8) -> tuple[np.ndarray, np.ndarray]:
    A = draw(coefficient_matrices(max_n))
    return A, draw(vectors(A.shape[0]))


io_settings = settings(deadline=None, max_examples=60)


@io_settings
@given(A=coefficient_matrices())
def test_leontief_inverse_inverts_I_minus_A(A: np.ndarray) -> None:
    n = A.shape[0]
    L = core.leontief_inverse(A)
    npt.assert_allclose(L @ (np.eye(n) - A), np.eye(n), atol=1e-10 * max(1.0, np.abs(L).max()))
    assert np.all(L >= -1e-12)  # productive A: non-negative inverse
    assert np.all(np.diag(L) >= 1.0 - 1e-12)


@io_settings
@given(system=systems())
def test_solver_solve_equals_L_times_y(system: tuple[np.ndarray, np.ndarray]) -> None:
    A, y = system
    s = core.LeontiefSolver(A)
    L = s.inverse()
    npt.assert_allclose(s.solve(y), L @ y, rtol=1e-10, atol=1e-9)
    npt.assert_allclose(s.solve_transposed(y), y @ L, rtol=1e-10, atol=1e-9)


@io_settings
@given(A=coefficient_matrices())
def test_output_multipliers_are_column_sums(A: np.ndarray) -> None:
    L = core.leontief_inverse(A)
    npt.assert_allclose(multipliers.output_multipliers(A), L.sum(axis=0), rtol=1e-10)


@io_settings
@given(system=systems())
def test_leontief_and_ghosh_give_the_same_output(system: tuple[np.ndarray, np.ndarray]) -> None:
    """x = L y and x' = v' G with Z = A x-hat, v = x - i'Z, B = x-hat^-1 Z."""
    A, y = system
    x = core.output_from_final_demand(A, y)
    Z = A * x
    v = core.value_added(Z, x)
    B = core.ghosh_coefficients(Z, x)
    x_ghosh = core.output_from_value_added(B, v)
    npt.assert_allclose(x_ghosh, x, rtol=1e-9, atol=1e-7)


@io_settings
@given(A0=coefficient_matrices(max_n=6), data=st.data())
def test_decomposition_terms_add_up(A0: np.ndarray, data: st.DataObject) -> None:
    n = A0.shape[0]
    A1 = data.draw(coefficient_matrices(max_n=6).filter(lambda a: a.shape[0] == n))
    k = data.draw(st.integers(1, 3))
    Y0 = data.draw(hnp.arrays(np.float64, (n, k), elements=st.floats(1.0, 1000.0)))
    Y1 = data.draw(hnp.arrays(np.float64, (n, k), elements=st.floats(1.0, 1000.0)))
    method: decomposition.Method = data.draw(st.sampled_from(["polar", "shapley"]))
    dx = core.output_from_final_demand(A1, Y1.sum(axis=1)) - core.output_from_final_demand(
        A0, Y0.sum(axis=1)
    )
    scale = 1e-10 * max(1.0, float(np.abs(dx).max()), float(Y1.sum()))
    two = decomposition.sda_leontief(A0, Y0.sum(axis=1), A1, Y1.sum(axis=1), method=method)
    npt.assert_allclose(two.technology + two.final_demand, dx, rtol=0, atol=scale)
    npt.assert_allclose(two.total, dx, rtol=0, atol=scale)
    four = decomposition.sda_final_demand(A0, Y0, A1, Y1, method=method)
    parts = four.technology + four.mix + four.distribution + four.level
    npt.assert_allclose(parts, dx, rtol=0, atol=scale)
    if method == "polar":  # technology first: its polar weights are y1 and y0 either way
        npt.assert_allclose(four.technology, two.technology, rtol=0, atol=scale)


@settings(deadline=None, max_examples=40)
@given(A=coefficient_matrices(max_n=4, max_colsum=0.6), data=st.data())
def test_spa_paths_sum_to_at_most_the_total_and_converge(
    A: np.ndarray, data: st.DataObject
) -> None:
    n = A.shape[0]
    y = data.draw(vectors(n, 0.0, 100.0))
    s = data.draw(vectors(n, 0.0, 10.0))
    total = float(s @ core.output_from_final_demand(A, y))
    sums = []
    for t in (1e-1, 1e-2, 1e-3):
        paths = spa.structural_paths(A, y, s, threshold=t * total, max_order=40)
        assert all(p.value >= t * total for p in paths)
        sums.append(sum(p.value for p in paths))
    assert all(a <= b * (1 + 1e-12) for a, b in itertools.pairwise(sums))
    assert sums[-1] <= total * (1 + 1e-9) + 1e-12
    # with every path of order <= 3 (threshold 0) the sum is s'(I + A + A^2 + A^3) y
    exact = spa.structural_paths(A, y, s, max_order=3)
    series = sum(np.linalg.matrix_power(A, r) for r in range(4))
    found = sum(p.value for p in exact)
    npt.assert_allclose(found, s @ series @ y, rtol=1e-10, atol=1e-12)
    # what is missing is exactly the tail s' A^4 L y of the power series, which vanishes
    # as the order grows (rho(A) <= 0.6)
    tail = s @ np.linalg.matrix_power(A, 4) @ core.output_from_final_demand(A, y)
    npt.assert_allclose(total - found, tail, rtol=0, atol=1e-9 * max(total, 1.0))
    assert sum(p.value for p in exact) <= total * (1 + 1e-9) + 1e-12


@io_settings
@given(system=systems(), data=st.data())
def test_extraction_losses_are_non_negative(
    system: tuple[np.ndarray, np.ndarray], data: st.DataObject
) -> None:
    A, y = system
    n = A.shape[0]
    j = data.draw(st.lists(st.integers(0, n - 1), min_size=1, max_size=n, unique=True))
    fraction = data.draw(st.floats(0.0, 1.0))
    tol = 1e-9 * max(1.0, float(y.sum()) * 20)
    for res in (
        extraction.extract_links(A, y, j),
        extraction.extract_complete(A, y, j),
        extraction.extract_partial(A, y, j, fraction),
        extraction.extract_partial(A, y, j, fraction, rows=False, keep_own_inputs=True),
    ):
        assert np.all(res.loss >= -tol)
        assert res.total >= -tol
