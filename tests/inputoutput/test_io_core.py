"""Coefficients, the Leontief solver and the productivity check (revitalize.inputoutput.core)."""

from __future__ import annotations

import numpy as np
import numpy.testing as npt
import pytest

from revitalize.exceptions import NotProductiveError
from revitalize.inputoutput import core


def _random_productive(n: int, seed: int, colsum: float = 0.8) -> np.ndarray:
    rng = np.random.default_rng(seed)
    A = rng.random((n, n)) * (rng.random((n, n)) < 0.5)
    sums = A.sum(axis=0)
    out: np.ndarray = A * np.divide(colsum, sums, out=np.zeros(n), where=sums > 0)
    return out


def test_technical_coefficients_zero_output_column_gives_zeros() -> None:
    Z = np.array([[1.0, 0.0], [2.0, 0.0]])
    A = core.technical_coefficients(Z, [10.0, 0.0])
    npt.assert_array_equal(A, [[0.1, 0.0], [0.2, 0.0]])


def test_ghosh_coefficients_divide_rows_by_output() -> None:
    Z = np.array([[150.0, 500.0], [200.0, 100.0]])
    B = core.ghosh_coefficients(Z, [1000.0, 2000.0])
    npt.assert_allclose(B, [[0.15, 0.5], [0.1, 0.05]], rtol=1e-15)
    # zero output row -> zeros
    npt.assert_array_equal(core.ghosh_coefficients(np.zeros((2, 2)), [0.0, 1.0]), 0.0)


def test_coefficients_of_a_satellite_matrix() -> None:
    F = np.array([[10.0, 20.0, 0.0], [1.0, 0.0, 3.0]])
    S = core.coefficients(F, [10.0, 40.0, 0.0])
    npt.assert_allclose(S, [[1.0, 0.5, 0.0], [0.1, 0.0, 0.0]])


def test_total_output_and_value_added_accept_category_matrix() -> None:
    Z = np.array([[1.0, 2.0], [3.0, 4.0]])
    Y = np.array([[5.0, 1.0], [2.0, 0.0]])
    x = core.total_output(Z, Y)
    npt.assert_allclose(x, [9.0, 9.0])
    npt.assert_allclose(core.value_added(Z, x), [5.0, 3.0])


@pytest.mark.parametrize("n", [1, 2, 7, 40])
def test_solver_agrees_with_dense_inverse(n: int) -> None:
    A = _random_productive(n, seed=n)
    L = np.linalg.inv(np.eye(n) - A)
    s = core.LeontiefSolver(A)
    rng = np.random.default_rng(1)
    y, Y, S = rng.random(n), rng.random((n, 3)), rng.random((4, n))
    npt.assert_allclose(s.solve(y), L @ y, rtol=1e-12)
    npt.assert_allclose(s.solve(Y), L @ Y, rtol=1e-12)
    npt.assert_allclose(s.solve_transposed(S), S @ L, rtol=1e-12)
    npt.assert_allclose(s.solve_transposed(S[0]), S[0] @ L, rtol=1e-12)
    npt.assert_allclose(s.inverse(), L, rtol=1e-12, atol=1e-14)
    assert s.solve(Y).shape == (n, 3)
    assert s.solve_transposed(S).shape == (4, n)


def test_solver_holds_one_square_array_until_inverse_is_asked() -> None:
    n = 30
    s = core.LeontiefSolver(_random_productive(n, seed=3))
    square = [v for v in vars(s).values() if isinstance(v, np.ndarray) and v.shape == (n, n)]
    assert len(square) == 1
    assert square[0].flags.f_contiguous  # LAPACK layout, factorised in place
    L = s.inverse()
    assert s.inverse() is L  # cached, not recomputed
    square = [v for v in vars(s).values() if isinstance(v, np.ndarray) and v.shape == (n, n)]
    assert len(square) == 2


def test_solver_does_not_modify_its_input() -> None:
    A = _random_productive(5, seed=9)
    before = A.copy()
    core.LeontiefSolver(A).inverse()
    npt.assert_array_equal(A, before)


def test_leontief_and_ghosh_inverses_are_related_by_output() -> None:
    """G = x^-1 L x (M&B 2009, §12.1); pymrio calc_G uses the same identity."""
    A = _random_productive(6, seed=4)
    x = np.linspace(1.0, 6.0, 6)
    Z = A * x
    L = core.leontief_inverse(A)
    G = core.ghosh_inverse(core.ghosh_coefficients(Z, x))
    npt.assert_allclose(G, (L * x) / x[:, None], rtol=1e-12)


def test_output_from_final_demand_and_value_added_agree() -> None:
    A = _random_productive(8, seed=5)
    y = np.arange(1.0, 9.0)
    x = core.output_from_final_demand(A, y)
    Z = A * x
    v = core.value_added(Z, x)
    npt.assert_allclose(core.output_from_value_added(core.ghosh_coefficients(Z, x), v), x)


def test_solver_accepts_prebuilt_solver_in_helpers() -> None:
    A = _random_productive(4, seed=6)
    s = core.LeontiefSolver(A)
    assert core.solver_for(s) is s
    npt.assert_allclose(core.output_from_final_demand(s, np.ones(4)), s.solve(np.ones(4)))


def test_spectral_radius_dense_and_arpack(monkeypatch: pytest.MonkeyPatch) -> None:
    A = _random_productive(60, seed=7, colsum=0.9)
    exact = float(np.max(np.abs(np.linalg.eigvals(A))))
    assert core.spectral_radius(A) == pytest.approx(exact, rel=1e-12)
    monkeypatch.setattr(core, "DENSE_EIG_MAX_N", 10)  # force the ARPACK path
    assert core.spectral_radius(A) == pytest.approx(exact, rel=1e-9)


def test_productive_matrix_with_a_column_sum_above_one_is_accepted() -> None:
    """Column sums bound the spectral radius only from above: [[0, 2], [0.1, 0]] has a
    column summing to 2 but rho = sqrt(0.2) < 1."""
    A = np.array([[0.0, 2.0], [0.1, 0.0]])
    core.check_productive(A)
    s = core.LeontiefSolver(A)
    npt.assert_allclose(s.inverse(), np.linalg.inv(np.eye(2) - A), rtol=1e-14)


def test_not_productive_with_straddling_bounds_is_caught_by_solver() -> None:
    """Bounds [0.8, 2.5] straddle 1; rho = 1.4557 > 1 is found after the LU."""
    A = np.array([[0.2, 2.0], [0.6, 0.5]])
    rho = float(np.max(np.abs(np.linalg.eigvals(A))))
    with pytest.raises(NotProductiveError) as exc:
        core.LeontiefSolver(A)
    assert exc.value.spectral_radius == pytest.approx(rho, rel=1e-12)
    with pytest.raises(NotProductiveError):
        core.check_productive(A)


def test_check_can_be_skipped() -> None:
    A = np.array([[0.2, 2.0], [0.6, 0.5]])  # not productive, but I - A is invertible
    s = core.LeontiefSolver(A, check=False)
    npt.assert_allclose(s.inverse(), np.linalg.inv(np.eye(2) - A), rtol=1e-13)


def test_spectral_radius_within_tolerance_of_one_is_not_productive() -> None:
    """Block-triangular A with rho = a_11 = 1 - 1e-13: bounds straddle 1, the LU test
    sees a row sum of L near 1e13 and the eigenvalue check rejects it."""
    a = 1.0 - 1e-13
    A = np.array([[a, 0.0, 0.0], [0.5, 0.0, 0.0], [0.0, 0.6, 0.5]])
    with pytest.raises(NotProductiveError):
        core.LeontiefSolver(A)
    with pytest.raises(NotProductiveError):
        core.check_productive(A)


def test_large_but_productive_inverse_is_accepted() -> None:
    """A nilpotent A (rho = 0) with a huge coefficient has a huge L but is productive."""
    A = np.array([[0.0, 1e12], [0.0, 0.0]])
    core.check_productive(A)
    npt.assert_allclose(core.LeontiefSolver(A).solve([1.0, 1.0]), [1e12 + 1.0, 1.0])


def test_cached_inverse_is_read_only() -> None:
    L = core.LeontiefSolver(_random_productive(3, seed=8)).inverse()
    with pytest.raises(ValueError, match="read-only"):
        L[0, 0] = 0.0


def test_empty_system() -> None:
    core.check_productive(np.zeros((0, 0)))
    assert core.spectral_radius(np.zeros((0, 0))) == 0.0
