"""Hypothetical extraction (revitalize.inputoutput.extraction) against dense formulas."""

from __future__ import annotations

import itertools

import numpy as np
import numpy.testing as npt
import pytest

from revitalize.inputoutput import core, extraction

RNG = np.random.default_rng(11)
N = 8
A = RNG.random((N, N)) * (RNG.random((N, N)) < 0.7)
A *= 0.8 / A.sum(axis=0).max()
Y = RNG.random(N) * 100.0
X = np.linalg.solve(np.eye(N) - A, Y)


def _x(A_bar: np.ndarray, y: np.ndarray) -> np.ndarray:
    return np.linalg.solve(np.eye(A_bar.shape[0]) - A_bar, y)


@pytest.mark.parametrize("sectors", [2, [2], [1, 5], (0, 3, 7)])
def test_links_extraction_zeroes_rows_and_columns(sectors: int | list[int]) -> None:
    J = np.atleast_1d(sectors)
    A_bar = A.copy()
    A_bar[J, :] = 0.0
    A_bar[:, J] = 0.0
    res = extraction.extract_links(A, Y, sectors)
    npt.assert_allclose(res.x, X, rtol=1e-12)
    npt.assert_allclose(res.x_extracted, _x(A_bar, Y), rtol=1e-12)
    npt.assert_allclose(res.loss, X - _x(A_bar, Y), rtol=1e-10, atol=1e-10)
    assert res.total == pytest.approx(float((X - _x(A_bar, Y)).sum()), rel=1e-12)
    assert res.share == pytest.approx(res.total / X.sum(), rel=1e-14)
    # extracted sectors still deliver their own final demand
    npt.assert_allclose(res.x_extracted[J], Y[J], rtol=1e-12)


def test_keep_own_inputs_keeps_the_diagonal_block() -> None:
    J = [1, 4]
    A_bar = A.copy()
    block = A[np.ix_(J, J)].copy()
    A_bar[J, :] = 0.0
    A_bar[:, J] = 0.0
    A_bar[np.ix_(J, J)] = block
    res = extraction.extract_links(A, Y, J, keep_own_inputs=True)
    npt.assert_allclose(res.x_extracted, _x(A_bar, Y), rtol=1e-12)
    assert res.total < extraction.extract_links(A, Y, J).total


def test_complete_extraction_removes_the_sector() -> None:
    keep = [0, 1, 2, 4, 5, 6, 7]
    res = extraction.extract_complete(A, Y, 3)
    expected = np.zeros(N)
    expected[keep] = _x(A[np.ix_(keep, keep)], Y[keep])
    npt.assert_allclose(res.x_extracted, expected, rtol=1e-12)
    assert res.x_extracted[3] == 0.0
    assert res.loss[3] == pytest.approx(X[3], rel=1e-14)
    # removing final demand as well costs more than cutting links only
    assert res.total > extraction.extract_links(A, Y, 3).total


def test_complete_extraction_of_everything() -> None:
    res = extraction.extract_complete(A, Y, list(range(N)))
    npt.assert_array_equal(res.x_extracted, 0.0)
    assert res.share == pytest.approx(1.0, rel=1e-14)


def test_partial_extraction_interpolates_and_is_monotone() -> None:
    totals = [extraction.extract_partial(A, Y, 4, f).total for f in (0.0, 0.25, 0.5, 1.0)]
    assert totals[0] == pytest.approx(0.0, abs=1e-9)
    assert all(a < b for a, b in itertools.pairwise(totals))
    assert totals[-1] == pytest.approx(extraction.extract_links(A, Y, 4).total, rel=1e-12)


def test_backward_only_extraction_zeroes_purchases() -> None:
    """rows=False, keep_own_inputs=True: column j without a_jj (Dietzenbacher & van der
    Linden 1997's backward linkage)."""
    A_bar = A.copy()
    A_bar[:, 6] = 0.0
    A_bar[6, 6] = A[6, 6]
    res = extraction.extract_partial(A, Y, 6, 1.0, rows=False, keep_own_inputs=True)
    npt.assert_allclose(res.x_extracted, _x(A_bar, Y), rtol=1e-12)


def test_ghosh_forward_extraction() -> None:
    Z = A * X
    B = core.ghosh_coefficients(Z, X)
    v = core.value_added(Z, X)
    B_bar = B.copy()
    B_bar[2, :] = 0.0
    B_bar[2, 2] = B[2, 2]
    res = extraction.extract_ghosh(B, v, 2)
    npt.assert_allclose(res.x, X, rtol=1e-12)
    npt.assert_allclose(res.x_extracted, np.linalg.solve((np.eye(N) - B_bar).T, v), rtol=1e-12)
    assert res.total > 0.0
