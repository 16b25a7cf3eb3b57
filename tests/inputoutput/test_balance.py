"""RAS and GRAS (revitalize.inputoutput.balance)."""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np
import pandas as pd
import pytest
from scipy.optimize import minimize

from revitalize.exceptions import InputError, InvalidTableError
from revitalize.inputoutput.balance import gras, ras

# Miller & Blair (2009), Input-Output Analysis, 2nd ed., §7.4.2 "RAS: a numerical
# example": base-year coefficients A(0), target-year gross outputs x(1) and the
# target-year flows Z(1) whose row and column sums are the RAS margins u(1), v(1).
# Numbers as transcribed in the GAMS Model Library model IOBALANCE (SEQ=378), whose
# header says the example "is taken from chapter 7.4.2 of Miller and Blair". We do not
# reproduce the book's RAS estimate itself (we could not check its printed digits);
# the test instead checks the margins and compares with an independent solution of the
# minimum-information problem that RAS solves (Bacharach 1970).
MB_A0 = np.array([[0.120, 0.100, 0.049], [0.210, 0.247, 0.265], [0.026, 0.249, 0.145]])
MB_X1 = np.array([421.0, 284.0, 283.0])
MB_Z1 = np.array([[98.0, 72.0, 75.0], [65.0, 8.0, 63.0], [88.0, 27.0, 44.0]])


def test_ras_miller_blair_7_4_2_margins() -> None:
    u, v = MB_Z1.sum(axis=1), MB_Z1.sum(axis=0)
    assert u.tolist() == [245.0, 136.0, 159.0] and v.tolist() == [251.0, 107.0, 182.0]
    res = ras(MB_A0 * MB_X1, u, v)
    assert res.converged and res.method == "RAS"
    np.testing.assert_allclose(res.matrix.sum(axis=1), u, atol=1e-9, rtol=0)
    np.testing.assert_allclose(res.matrix.sum(axis=0), v, atol=1e-9, rtol=0)
    # Z = diag(r) Z0 diag(s), and the estimate differs from the "unknown" true A(1)
    np.testing.assert_allclose(res.matrix, res.r[:, None] * MB_A0 * MB_X1 * res.s, rtol=1e-12)
    assert not np.allclose(res.matrix / MB_X1, MB_Z1 / MB_X1, atol=1e-3)
    assert len(res.history) == res.iterations and res.max_error == res.history[-1]


def test_ras_is_the_minimum_information_solution() -> None:
    """Bacharach (1970): RAS minimises sum z ln(z / z0) subject to the margins.

    Solved here independently with SLSQP on the 9 flows of the M&B §7.4.2 example.
    """
    z0 = (MB_A0 * MB_X1).ravel()
    u, v = MB_Z1.sum(axis=1), MB_Z1.sum(axis=0)
    cons = [
        {"type": "eq", "fun": lambda z, i=i: z.reshape(3, 3)[i].sum() - u[i]} for i in range(3)
    ] + [{"type": "eq", "fun": lambda z, j=j: z.reshape(3, 3)[:, j].sum() - v[j]} for j in range(2)]
    sol = minimize(
        lambda z: float(np.sum(z * np.log(z / z0))),
        x0=z0 * u.sum() / z0.sum(),
        jac=lambda z: np.log(z / z0) + 1.0,
        constraints=cons,
        bounds=[(1e-9, None)] * 9,
        method="SLSQP",
        options={"ftol": 1e-14, "maxiter": 500},
    )
    assert sol.success
    np.testing.assert_allclose(ras(z0.reshape(3, 3), u, v).matrix.ravel(), sol.x, rtol=1e-5)


def test_ras_two_by_two_by_hand() -> None:
    """Biproportional scaling keeps the cross-product ratio z11 z22 / (z12 z21).

    Prior [[1, 2], [3, 4]] (ratio 2/3), u = (5, 5), v = (4, 6). With z11 = t the margins
    give z12 = 5 - t, z21 = 4 - t, z22 = 1 + t, and t (1 + t) / ((5 - t)(4 - t)) = 2/3,
    i.e. t^2 + 21 t - 40 = 0, t = (-21 + sqrt(601)) / 2 = 1.757650... (computed by hand
    for this test, not a published number).
    """
    t = (-21 + math.sqrt(601)) / 2
    res = ras([[1.0, 2.0], [3.0, 4.0]], [5.0, 5.0], [4.0, 6.0])
    np.testing.assert_allclose(res.matrix, [[t, 5 - t], [4 - t, 1 + t]], rtol=1e-10)


def test_ras_converged_after_one_round() -> None:
    res = ras([[1.0, 1.0], [1.0, 1.0]], [3.0, 1.0], [2.0, 2.0])
    assert res.iterations == 1
    np.testing.assert_allclose(res.matrix, [[1.5, 1.5], [0.5, 0.5]])


def test_gras_with_negative_entries() -> None:
    """A prior with negative cells (e.g. net taxes, inventory changes): margins are met,
    signs kept, and the result is the minimiser of the TMB (2013) objective
    sum |z0| (z/z0) ln(z / (e z0)), solved independently with SLSQP."""
    z0 = np.array([[7.0, -2.0, 3.0], [4.0, 5.0, -1.0], [-3.0, 6.0, 2.0]])
    u, v = np.array([9.0, 10.0, 4.0]), np.array([8.0, 10.0, 5.0])
    res = gras(z0, u, v)
    assert res.converged and res.method == "GRAS"
    np.testing.assert_allclose(res.matrix.sum(axis=1), u, atol=1e-9, rtol=0)
    np.testing.assert_allclose(res.matrix.sum(axis=0), v, atol=1e-9, rtol=0)
    assert (np.sign(res.matrix) == np.sign(z0)).all()

    a = z0.ravel()

    def obj(z: np.ndarray) -> float:
        x = z / a
        return float(np.sum(np.abs(a) * x * np.log(x / math.e)))

    cons = [
        {"type": "eq", "fun": lambda z, i=i: z.reshape(3, 3)[i].sum() - u[i]} for i in range(3)
    ] + [{"type": "eq", "fun": lambda z, j=j: z.reshape(3, 3)[:, j].sum() - v[j]} for j in range(2)]
    bounds = [(1e-9, None) if x > 0 else (None, -1e-9) for x in a]
    sol = minimize(obj, a, constraints=cons, bounds=bounds, method="SLSQP",
                   options={"ftol": 1e-14, "maxiter": 1000})  # fmt: skip
    assert sol.success
    np.testing.assert_allclose(res.matrix.ravel(), sol.x, rtol=1e-4, atol=1e-6)


def test_gras_row_of_negatives_only() -> None:
    """TMB (2013): a row with only negative entries gets r_i = -n_i(s) / u_i."""
    z0 = np.array([[4.0, 2.0], [-1.0, -1.0]])
    res = gras(z0, [5.0, -3.0], [1.0, 1.0])
    np.testing.assert_allclose(res.matrix.sum(axis=1), [5.0, -3.0], atol=1e-9)
    np.testing.assert_allclose(res.matrix.sum(axis=0), [1.0, 1.0], atol=1e-9)
    assert (res.matrix[1] < 0).all()


def test_gras_equals_ras_on_non_negative_prior() -> None:
    z0, u, v = MB_A0 * MB_X1, MB_Z1.sum(axis=1), MB_Z1.sum(axis=0)
    np.testing.assert_allclose(gras(z0, u, v).matrix, ras(z0, u, v).matrix, rtol=1e-12)


def test_zero_target_clears_row_and_column() -> None:
    res = ras([[1.0, 2.0], [3.0, 4.0]], [0.0, 5.0], [2.0, 3.0])
    np.testing.assert_allclose(res.matrix, [[0.0, 0.0], [2.0, 3.0]], atol=1e-12)


def test_labels_kept_and_checked() -> None:
    z0 = pd.DataFrame([[1.0, 2.0], [3.0, 4.0]], index=["a", "b"], columns=["x", "y"])
    res = ras(z0, pd.Series([3.0, 7.0], index=["a", "b"]), pd.Series([4.0, 6.0], index=["x", "y"]))
    assert list(res.frame().index) == ["a", "b"] and list(res.frame().columns) == ["x", "y"]
    with pytest.raises(InvalidTableError, match="labels of u"):
        ras(z0, pd.Series([3.0, 7.0], index=["b", "a"]), [4.0, 6.0])


def test_inconsistent_margins() -> None:
    with pytest.raises(InvalidTableError, match=r"Inconsistent margins.*difference 1") as e:
        ras([[1.0, 1.0], [1.0, 1.0]], [3.0, 2.0], [2.0, 2.0])
    assert isinstance(e.value, InputError) and "u.sum() / v.sum()" in str(e.value)


@pytest.mark.parametrize(
    ("fn", "z0", "u", "v", "msg"),
    [
        (ras, [[0.0, 0.0], [1.0, 1.0]], [1.0, 1.0], [1.0, 1.0], "Row 0 has target 1 but is all"),
        (ras, [[1.0, 0.0], [1.0, 0.0]], [1.0, 1.0], [1.0, 1.0], "Column 1 has target 1 but is"),
        (ras, [[1.0, -1.0], [1.0, 1.0]], [0.0, 2.0], [2.0, 0.0], "Use gras"),
        (gras, [[1.0, 1.0], [-1.0, -1.0]], [1.0, 1.0], [1.0, 1.0], "positive target 1 but no"),
        (gras, [[1.0, 1.0]], [1.0, 1.0], [1.0, 1.0], "Target lengths"),
        (ras, [1.0, 1.0], [1.0], [1.0, 1.0], "2 dimension"),
        (ras, [[np.nan, 1.0]], [1.0], [0.5, 0.5], "NaN"),
    ],
)
def test_bad_inputs(fn: Callable[..., object], z0: object, u: object, v: object, msg: str) -> None:
    with pytest.raises(InvalidTableError, match=msg):
        fn(z0, u, v)


def test_non_convergence_reports_the_error() -> None:
    """A diagonal prior cannot carry off-diagonal margins (Bacharach 1970)."""
    with pytest.raises(InvalidTableError, match=r"did not converge within 50 iterations") as e:
        ras([[1.0, 0.0], [0.0, 1.0]], [1.0, 2.0], [2.0, 1.0], max_iter=50)
    assert "largest margin error is still" in str(e.value) and "seed" in str(e.value)
    res = ras([[1.0, 2.0], [3.0, 4.0]], [5.0, 5.0], [4.0, 6.0], max_iter=2,
              raise_on_failure=False)  # fmt: skip
    assert not res.converged and res.iterations == 2 and res.max_error > 1e-6
