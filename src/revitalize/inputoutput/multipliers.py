
"""Multipliers and footprints of the Leontief model.

Terminology of Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis: Foundations
and Extensions*, 2nd ed., Cambridge University Press ("M&B 2009"), ch. 6, §6.1-6.2:

* *simple* multipliers come from the open model, :math:`m' = c' L`;
* *total* multipliers come from the model closed with respect to households
  (:func:`close_households`), :math:`\\bar{m}' = [c', 0] \\bar{L}`, first n entries;
* *Type I* = simple / direct and *Type II* = total / direct, where the direct effect is
  the coefficient :math:`c_j` itself.

Every function accepts the coefficient matrix ``A`` or a
:class:`~revitalize.inputoutput.core.LeontiefSolver` built from it (one LU serves any
number of calls); none forms :math:`L` explicitly.
"""

from __future__ import annotations

import numpy as np
import numpy.typing as npt

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.core import (
    FloatArray,
    LeontiefSolver,
    as_array,
    check_length,
    coefficients,
    solver_for,
)

__all__ = [
    "close_households",
    "footprint_by_final_demand",
    "footprint_by_producer",
    "footprint_total",
    "household_coefficients",
    "output_multipliers",
    "satellite_intensities",
    "simple_multipliers",
    "total_income_multipliers",
    "total_multipliers",
    "total_output_multipliers",
    "type_i_multipliers",
    "type_ii_income_multipliers",
    "type_ii_multipliers",
    "type_ratio",
]

Solvable = npt.ArrayLike | LeontiefSolver


def _ratio(num: FloatArray, den: FloatArray) -> FloatArray:
    """num / den elementwise, NaN where den == 0 (a ratio to a zero direct effect)."""
    out = np.full(np.broadcast_shapes(num.shape, den.shape), np.nan)
    np.divide(num, den, out=out, where=den != 0)
    return out


# ---------------------------------------------------------------------------- open model
def output_multipliers(A: Solvable) -> FloatArray:
    """Simple output multipliers, the column sums of the Leontief inverse.

    .. math:: m(o)_j = \\sum_{i=1}^{n} l_{ij}, \\qquad m(o)' = i' L

    M&B 2009, §6.2 (output multipliers). Computed as one transposed solve
    :math:`(I - A)' m = i`.
    """
    s = solver_for(A)
    return s.solve_transposed(np.ones(s.n))


def simple_multipliers(A: Solvable, c: npt.ArrayLike) -> FloatArray:
    """Simple (open-model) multipliers for coefficients ``c``: :math:`m' = c' L`.

    .. math:: m_j = \\sum_{i=1}^{n} c_i \\, l_{ij}

    With ``c`` the value-added, income (compensation per unit of output), or
    employment coefficients (:func:`~revitalize.inputoutput.core.coefficients`) these
    are the simple value-added, household-income and employment multipliers of M&B
    2009, §6.2; with satellite intensities they are pymrio's ``M = S L``.

    Parameters
    ----------
    A
        Technical coefficients (n x n) or a solver built from them.
    c
        Coefficients, (n,) or (k, n).
    """
    return solver_for(A).solve_transposed(c)


def type_i_multipliers(A: Solvable, c: npt.ArrayLike) -> FloatArray:
    """Type I multipliers, simple multipliers divided by the direct effect.

    .. math:: m^{I}_j = \\frac{(c' L)_j}{c_j}

    M&B 2009, §6.2 (Type I income and employment multipliers). NaN where
    :math:`c_j = 0`.
    """
    c_ = as_array("c", c, (1, 2))
    return _ratio(simple_multipliers(A, c_), c_)


# ---------------------------------------------------------------------------- closed model
def household_coefficients(
    compensation: npt.ArrayLike,
    consumption: npt.ArrayLike,
    x: npt.ArrayLike,
    household_income: float | None = None,
) -> tuple[FloatArray, FloatArray]:
    """Household row and column coefficients for closing the model.

    .. math::

        h_{R,j} = \\frac{w_j}{x_j}, \\qquad
        h_{C,i} = \\frac{c_i}{x_{n+1}}, \\qquad x_{n+1} = \\sum_j w_j \\text{ by default}

    where :math:`w` is compensation of employees (labour income) by sector and
    :math:`c` household consumption by sector (M&B 2009, §2.5 and §6.2: households
    as an endogenous sector, with the household "output" :math:`x_{n+1}` equal to
    total household income).

    Parameters
    ----------
    compensation
        Compensation of employees by sector, (n,).
    consumption
        Household consumption by sector, (n,).
    x
        Gross output, (n,).
    household_income
        Total household income :math:`x_{n+1}`; default the sum of compensation.

    Returns
    -------
    (h_row, h_col)
        Labour-input coefficients (n,) and consumption coefficients (n,).
    """
    w = as_array("compensation", compensation, 1)
    c = as_array("consumption", consumption, 1)
    check_length("consumption", c, w.shape[0])
    total = float(w.sum()) if household_income is None else float(household_income)
    if not total > 0:
        raise InvalidTableError(
            f"Total household income must be positive, got {total:.6g}.",
            "Pass compensation of employees (or household_income) for the household row.",
        )
    return coefficients(w, x), c / total


def close_households(
    A: npt.ArrayLike, h_row: npt.ArrayLike, h_col: npt.ArrayLike, h_hh: float = 0.0
) -> FloatArray:
    """Technical coefficients closed with respect to households.

    .. math::

        \\bar{A} = \\begin{bmatrix} A & h_C \\\\ h_R' & h_{hh} \\end{bmatrix}

    M&B 2009, §2.5 and §6.2. The result is (n+1) x (n+1); household labour is
    row and sector n (0-based).
    """
    A_ = as_array("A", A, 2)
    n = A_.shape[0]
    hr = as_array("h_row", h_row, 1)
    hc = as_array("h_col", h_col, 1)
    check_length("h_row", hr, n)
    check_length("h_col", hc, n)
    closed = np.zeros((n + 1, n + 1))
    closed[:n, :n] = A_
    closed[:n, n] = hc
    closed[n, :n] = hr
    closed[n, n] = float(h_hh)
    return closed


def _closed_solver(
    A: npt.ArrayLike, h_row: npt.ArrayLike, h_col: npt.ArrayLike, h_hh: float
) -> LeontiefSolver:
    return LeontiefSolver(close_households(A, h_row, h_col, h_hh))


def total_multipliers(
    A: npt.ArrayLike,
    c: npt.ArrayLike,
    h_row: npt.ArrayLike,
    h_col: npt.ArrayLike,
    h_hh: float = 0.0,
) -> FloatArray:
    """Total (households endogenous) multipliers for coefficients ``c``.

    .. math:: \\bar{m}' = [c', 0] \\, \\bar{L}, \\quad \\bar{L} = (I - \\bar{A})^{-1},
        \\text{ first } n \\text{ entries}

    M&B 2009, §6.2 (total value-added / employment multipliers). ``c`` is (n,) or
    (k, n).
    """
    A_ = as_array("A", A, 2)
    n = A_.shape[0]
    c_ = as_array("c", c, (1, 2))
    check_length("c", c_, n, axis=c_.ndim - 1)
    padded = np.concatenate([c_, np.zeros((*c_.shape[:-1], 1))], axis=-1)
    out = _closed_solver(A_, h_row, h_col, h_hh).solve_transposed(padded)
    return out[..., :n]


def total_output_multipliers(
    A: npt.ArrayLike,
    h_row: npt.ArrayLike,
    h_col: npt.ArrayLike,
    h_hh: float = 0.0,
    *,
    include_households: bool = False,
) -> FloatArray:
    """Total (Type II) output multipliers, households endogenous.

    .. math:: \\bar{m}(o)_j = \\sum_{i=1}^{n} \\bar{l}_{ij}
        \\quad \\Big(\\text{or } \\sum_{i=1}^{n+1} \\bar{l}_{ij}
        \\text{ with } \\texttt{include\\_households}\\Big)

    M&B 2009, §6.2: the sum over the n industry rows of column j of
    :math:`\\bar{L}` (truncated total multiplier); including the household row also
    counts household income as "output".
    """
    n = as_array("A", A, 2).shape[0]
    weights = np.ones(n + 1)
    if not include_households:
        weights[n] = 0.0
    return _closed_solver(A, h_row, h_col, h_hh).solve_transposed(weights)[:n]


def total_income_multipliers(
    A: npt.ArrayLike, h_row: npt.ArrayLike, h_col: npt.ArrayLike, h_hh: float = 0.0
) -> FloatArray:
    """Total household income multipliers: the household row of :math:`\\bar{L}`.

    .. math:: \\bar{m}(h)_j = \\bar{l}_{n+1, j}

    M&B 2009, §6.2 (household income multipliers, closed model).
    """
    n = as_array("A", A, 2).shape[0]
    e = np.zeros(n + 1)
    e[n] = 1.0
    return _closed_solver(A, h_row, h_col, h_hh).solve_transposed(e)[:n]


def type_ii_income_multipliers(
    A: npt.ArrayLike, h_row: npt.ArrayLike, h_col: npt.ArrayLike, h_hh: float = 0.0
) -> FloatArray:
    """Type II income multipliers, total income effect over the direct income effect.

    .. math:: m^{II}(h)_j = \\bar{l}_{n+1, j} / h_{R,j}

    M&B 2009, §6.2. NaN where :math:`h_{R,j} = 0`.
    """
    hr = as_array("h_row", h_row, 1)
    return _ratio(total_income_multipliers(A, hr, h_col, h_hh), hr)


def type_ii_multipliers(
    A: npt.ArrayLike,
    c: npt.ArrayLike,
    h_row: npt.ArrayLike,
    h_col: npt.ArrayLike,
    h_hh: float = 0.0,
) -> FloatArray:
    """Type II multipliers for coefficients ``c`` (e.g. employment).

    .. math:: m^{II}_j = \\frac{([c', 0] \\bar{L})_j}{c_j}

    M&B 2009, §6.2. NaN where :math:`c_j = 0`. For income use
    :func:`type_ii_income_multipliers` (the household row of :math:`\\bar{L}`).
    """
    c_ = as_array("c", c, (1, 2))
    return _ratio(total_multipliers(A, c_, h_row, h_col, h_hh), c_)


def type_ratio(type_ii: npt.ArrayLike, type_i: npt.ArrayLike) -> FloatArray:
    """Ratio of Type II to Type I multipliers, the induced-effect factor.

    .. math:: r_j = m^{II}_j / m^{I}_j

    M&B 2009, §6.2 discusses this ratio for income multipliers. NaN where the Type I
    multiplier is 0.
    """
    return _ratio(as_array("type_ii", type_ii, (1, 2)), as_array("type_i", type_i, (1, 2)))


# ---------------------------------------------------------------------------- satellites
def satellite_intensities(F: npt.ArrayLike, x: npt.ArrayLike) -> FloatArray:
    """Direct satellite intensities (CO2, energy, water per unit of output).

    .. math:: S = F \\hat{x}^{-1}

    Environmentally extended input-output analysis, M&B 2009, ch. 10; pymrio
    ``calc_S``. ``F`` is (k, n) or (n,).
    """
    return coefficients(F, x)


def _final_demand(S: FloatArray, y: npt.ArrayLike, n: int) -> FloatArray:
    y_ = as_array("y", y, 1)
    check_length("y", y_, n)
    check_length("S", S, n, axis=S.ndim - 1)
    return y_


def footprint_by_final_demand(A: Solvable, S: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Footprint (consumption-based account) by final-demand product.

    .. math:: D_{cba} = S L \\hat{y}, \\qquad d_{kj} = (S L)_{kj} \\, y_j

    M&B 2009, ch. 10; pymrio ``calc_accounts`` (``D_cba``). Entry (k, j) is the
    stressor k emitted anywhere in the economy to deliver final demand for product j.
    ``S`` is (k, n) or (n,); the result has the shape of ``S``.
    """
    solver = solver_for(A)
    S_ = as_array("S", S, (1, 2))
    y_ = _final_demand(S_, y, solver.n)
    return solver.solve_transposed(S_) * y_


def footprint_by_producer(A: Solvable, S: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Stressor emitted by each producing sector, :math:`S \\widehat{L y}`.

    The production-based allocation of the same total (pymrio ``D_pba`` when
    :math:`y` is all final demand).
    """
    solver = solver_for(A)
    S_ = as_array("S", S, (1, 2))
    y_ = _final_demand(S_, y, solver.n)
    return S_ * solver.solve(y_)


def footprint_total(A: Solvable, S: npt.ArrayLike, y: npt.ArrayLike) -> FloatArray:
    """Total stressor embodied in final demand, :math:`e = S L y`.

    M&B 2009, ch. 10; pymrio ``calc_e``. Computed as :math:`S (L y)`, one solve.
    """
    solver = solver_for(A)
    S_ = as_array("S", S, (1, 2))
    y_ = _final_demand(S_, y, solver.n)
    out: FloatArray = S_ @ solver.solve(y_)
    return out
