
"""Hypothesis invariants of balancing, LQ regionalization and the MRIO."""

from __future__ import annotations

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from revitalize.inputoutput.balance import gras, ras
from revitalize.inputoutput.mrio import REST, build_mrio, decompose_multipliers
from revitalize.inputoutput.regionalize import (
    cross_industry_lq,
    flq,
    regional_coefficients,
    simple_lq,
)

SETTINGS = settings(max_examples=60, deadline=None)


@st.composite
def scaled_problem(draw: st.DrawFn, signed: bool) -> tuple[np.ndarray, np.ndarray]:
    """A prior Z0 (magnitudes in [0.1, 100], optional signs) and a 'true' matrix of the
    GRAS form r_i p_ij s_j - n_ij / (r_i s_j), so the targets are always reachable."""
    m, n = draw(st.integers(1, 6)), draw(st.integers(1, 6))
    mag = draw(arrays(np.float64, (m, n), elements=st.floats(0.1, 100.0)))
    sign = draw(arrays(np.bool_, (m, n))) if signed else np.ones((m, n), bool)
    z0 = np.where(sign, mag, -mag)
    r = draw(arrays(np.float64, m, elements=st.floats(0.5, 2.0)))
    s = draw(arrays(np.float64, n, elements=st.floats(0.5, 2.0)))
    P, N = np.where(z0 > 0, z0, 0.0), np.where(z0 < 0, -z0, 0.0)
    return z0, r[:, None] * P * s - N / (r[:, None] * s)


@SETTINGS
@given(scaled_problem(signed=False))
def test_ras_reproduces_margins(problem: tuple[np.ndarray, np.ndarray]) -> None:
    z0, truth = problem
    res = ras(z0, truth.sum(axis=1), truth.sum(axis=0))
    np.testing.assert_allclose(res.matrix.sum(axis=1), truth.sum(axis=1), rtol=0, atol=1e-9)
    np.testing.assert_allclose(res.matrix.sum(axis=0), truth.sum(axis=0), rtol=0, atol=1e-9)
    # the biproportional solution is unique, so RAS recovers the matrix it was built from
    np.testing.assert_allclose(res.matrix, truth, rtol=1e-6, atol=1e-8)


@SETTINGS
@given(scaled_problem(signed=True))
def test_gras_reproduces_margins_and_signs(problem: tuple[np.ndarray, np.ndarray]) -> None:
    z0, truth = problem
    res = gras(z0, truth.sum(axis=1), truth.sum(axis=0))
    np.testing.assert_allclose(res.matrix.sum(axis=1), truth.sum(axis=1), rtol=0, atol=1e-9)
    np.testing.assert_allclose(res.matrix.sum(axis=0), truth.sum(axis=0), rtol=0, atol=1e-9)
    assert (np.sign(res.matrix) == np.sign(z0)).all()


outputs = (
    st.integers(2, 8)
    .flatmap(
        lambda n: st.tuples(
            arrays(np.float64, n, elements=st.floats(0.0, 50.0, allow_subnormal=False)),
            arrays(np.float64, n, elements=st.floats(1.0, 100.0)),
            arrays(np.float64, (n, n), elements=st.floats(0.0, 0.2)),
        )
    )
    .filter(lambda t: t[0].sum() > 0 and (t[0] <= t[1]).all())
)


@SETTINGS
@given(outputs, st.floats(0.0, 1.0))
def test_regional_coefficients_never_exceed_national(
    data: tuple[np.ndarray, np.ndarray, np.ndarray], delta: float
) -> None:
    xr, xn, A = data
    for lq in (simple_lq(xr, xn), cross_industry_lq(xr, xn), flq(xr, xn, delta)):
        a_r = regional_coefficients(A, lq)
        assert (a_r <= A).all() and (a_r >= 0).all()


@SETTINGS
@given(outputs, st.floats(0.0, 1.0), st.floats(0.0, 1.0))
def test_flq_monotone_in_delta(
    data: tuple[np.ndarray, np.ndarray, np.ndarray], d1: float, d2: float
) -> None:
    xr, xn, A = data
    lo, hi = sorted((d1, d2))
    assert (
        regional_coefficients(A, flq(xr, xn, hi)) <= regional_coefficients(A, flq(xr, xn, lo))
    ).all()
    np.testing.assert_array_equal(flq(xr, xn, 0.0), cross_industry_lq(xr, xn, diagonal="slq"))


@st.composite
def mrio_inputs(draw: st.DrawFn) -> tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.DataFrame]:
    n, R = draw(st.integers(1, 4)), draw(st.integers(1, 4))
    sectors, regions = [f"s{i}" for i in range(n)], [f"r{k}" for k in range(R)]
    A = draw(arrays(np.float64, (n, n), elements=st.floats(0.0, 0.9 / n)))
    share = draw(arrays(np.float64, (n, R), elements=st.floats(0.0, 0.9 / R)))
    share[0] += 0.05 / R  # every region produces something; together < the nation
    xn = draw(arrays(np.float64, n, elements=st.floats(1.0, 1e4)))
    d = draw(arrays(np.float64, (R + 1, R), elements=st.floats(10.0, 3000.0)))
    d[np.arange(R), np.arange(R)] = 0.0
    return (
        pd.DataFrame(A, index=sectors, columns=sectors),
        pd.DataFrame(share * xn[:, None], index=sectors, columns=regions),
        pd.Series(xn, index=sectors),
        pd.DataFrame(d, index=[*regions, REST], columns=regions),
    )


@SETTINGS
@given(mrio_inputs(), st.floats(0.5, 3.0))
def test_mrio_decomposition_adds_up(
    inputs: tuple[pd.DataFrame, pd.DataFrame, pd.Series, pd.DataFrame], beta: float
) -> None:
    A, xr, xn, dist = inputs
    m = build_mrio(A, xr, xn, distance=dist, beta=beta)
    n, R = len(m.sectors), len(m.regions)
    for s in range(R):
        cols = slice(s * n, (s + 1) * n)
        total = sum(m.A[r * n : (r + 1) * n, cols] for r in range(R)) + m.leak[:, cols]
        np.testing.assert_allclose(total, A.to_numpy(), atol=1e-15)
    d = decompose_multipliers(m)
    np.testing.assert_allclose(d.intra + d.feedback + d.spillover, d.total, rtol=0, atol=1e-12)
    assert (d.feedback >= -1e-12).all()
