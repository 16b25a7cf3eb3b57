"""Cross-check against pymrio's pure functions (pymrio.tools.iomath) to 1e-12.

pymrio forms the dense inverse; revitalize solves with one LU. Same numbers, both on
random systems and on pymrio's bundled test MRIO (6 regions x 8 sectors, two emission
stressors; ``pymrio.load_test()`` reads files shipped with the package, no network).
"""

from __future__ import annotations

import warnings
from typing import Any

import numpy as np
import numpy.testing as npt
import pytest

from revitalize.inputoutput import core, multipliers

pymrio = pytest.importorskip("pymrio")
iomath = pytest.importorskip("pymrio.tools.iomath")

RTOL = 1e-12


def _system(n: int, seed: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rng = np.random.default_rng(seed)
    Z = rng.random((n, n)) * (rng.random((n, n)) < 0.6) * 100.0
    Y = rng.random((n, 3)) * 300.0
    F = rng.random((2, n)) * 50.0
    return Z, Y, F


@pytest.mark.parametrize(("n", "seed"), [(2, 0), (5, 1), (30, 2), (120, 3)])
def test_random_systems_match_pymrio(n: int, seed: int) -> None:
    Z, Y, F = _system(n, seed)
    x = iomath.calc_x(Z, Y).ravel()
    npt.assert_allclose(core.total_output(Z, Y), x, rtol=RTOL)
    A = core.technical_coefficients(Z, x)
    npt.assert_allclose(A, iomath.calc_A(Z, x), rtol=RTOL, atol=0)
    B = core.ghosh_coefficients(Z, x)
    npt.assert_allclose(B, iomath.calc_B(Z, x), rtol=RTOL, atol=0)
    L_p = iomath.calc_L(A)
    s = core.LeontiefSolver(A)
    npt.assert_allclose(s.inverse(), L_p, rtol=RTOL, atol=1e-15)
    npt.assert_allclose(core.ghosh_inverse(B), iomath.calc_G(B), rtol=RTOL, atol=1e-15)
    npt.assert_allclose(core.ghosh_inverse(B), iomath.calc_G(B, L=L_p, x=x), rtol=1e-11, atol=1e-15)
    y = Y.sum(axis=1)
    npt.assert_allclose(s.solve(y), iomath.calc_x_from_L(L_p, y), rtol=RTOL)
    S = multipliers.satellite_intensities(F, x)
    npt.assert_allclose(S, iomath.calc_S(F, x), rtol=RTOL)
    M_p = iomath.calc_M(S, L_p)
    npt.assert_allclose(multipliers.simple_multipliers(s, S), M_p, rtol=RTOL)
    npt.assert_allclose(multipliers.footprint_total(s, S, y), iomath.calc_e(M_p, y), rtol=RTOL)
    npt.assert_allclose(
        multipliers.footprint_by_final_demand(s, S, y), M_p @ np.diag(y), rtol=RTOL, atol=0
    )
    npt.assert_allclose(multipliers.output_multipliers(s), L_p.sum(axis=0), rtol=RTOL)


@pytest.fixture(scope="module")
def test_mrio() -> Any:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        mr = pymrio.load_test()
        mr.calc_all()
    return mr


def test_pymrio_test_mrio_accounts(test_mrio: Any) -> None:
    mr = test_mrio
    Z = mr.Z.to_numpy()
    Yfr = mr.Y
    x = mr.x.to_numpy().ravel()
    A = core.technical_coefficients(Z, x)
    npt.assert_allclose(A, np.asarray(mr.A), rtol=RTOL, atol=0)
    s = core.LeontiefSolver(A)
    npt.assert_allclose(s.inverse(), np.asarray(mr.L), rtol=RTOL, atol=1e-15)
    ext = mr.emissions
    S = multipliers.satellite_intensities(ext.F.to_numpy(), x)
    npt.assert_allclose(S, ext.S.to_numpy(), rtol=RTOL, atol=0)
    npt.assert_allclose(multipliers.simple_multipliers(s, S), ext.M.to_numpy(), rtol=RTOL)

    # Final demand by consuming region (pymrio sums the categories of each region).
    regions = Yfr.columns.get_level_values("region").unique()
    sectors = mr.get_sectors()
    D_cba = ext.D_cba.to_numpy()  # columns: (consuming region, demanded sector)
    D_pba = ext.D_pba.to_numpy()
    y_total = Yfr.to_numpy().sum(axis=1)
    npt.assert_allclose(
        multipliers.footprint_by_producer(s, S, y_total), D_pba, rtol=1e-11, atol=1e-12
    )
    for r, region in enumerate(regions):
        y_r = Yfr.loc[:, region].to_numpy().sum(axis=1)
        by_product = multipliers.footprint_by_final_demand(s, S, y_r)  # (k, regions x sectors)
        # pymrio aggregates the supplying regions of each demanded sector
        by_sector = by_product.reshape(S.shape[0], len(regions), len(sectors)).sum(axis=1)
        cols = slice(r * len(sectors), (r + 1) * len(sectors))
        npt.assert_allclose(by_sector, D_cba[:, cols], rtol=1e-11, atol=1e-12)
    npt.assert_allclose(multipliers.footprint_total(s, S, y_total), D_cba.sum(axis=1), rtol=1e-11)
