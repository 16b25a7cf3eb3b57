
"""Backward and forward linkages, key sectors and dispersion (Rasmussen-Hirschman).

References
----------
Rasmussen, P.N. (1956) *Studies in Inter-Sectoral Relations*. Copenhagen: Einar Harks.
Hirschman, A.O. (1958) *The Strategy of Economic Development*. New Haven: Yale UP.
Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis: Foundations and Extensions*,
2nd ed., Cambridge UP ("M&B 2009"), ch. 12, §12.2 (backward and forward linkages,
Ghosh-based forward linkage, key-sector classification).
"""

from __future__ import annotations

from typing import Literal

import numpy as np
import numpy.typing as npt

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.core import FloatArray, LeontiefSolver, as_array, solver_for

__all__ = [
    "KEY",
    "KEY_SECTOR_CLASSES",
    "backward_linkages",
    "classify_key_sectors",
    "coefficient_of_variation",
    "forward_linkages",
    "forward_linkages_ghosh",
]

Solvable = npt.ArrayLike | LeontiefSolver

KEY = "key"
#: Labels returned by :func:`classify_key_sectors`, in the order of the quadrants
#: (both linkages above average; backward only; forward only; neither).
KEY_SECTOR_CLASSES = (KEY, "backward", "forward", "weak")


def _normalised(totals: FloatArray) -> FloatArray:
    """:math:`n \\, t_j / \\sum_k t_k`: the sector's total over the average total."""
    mean = float(totals.mean()) if totals.size else 0.0
    if mean == 0.0:
        raise InvalidTableError(
            "All linkage totals are zero; the index is undefined.",
            "Pass a non-empty coefficient matrix.",
        )
    out: FloatArray = totals / mean
    return out


def backward_linkages(A: Solvable) -> FloatArray:
    """Rasmussen-Hirschman backward linkages (power of dispersion).

    .. math::

        BL_j = \\frac{\\tfrac{1}{n} \\sum_i l_{ij}}
                    {\\tfrac{1}{n^2} \\sum_i \\sum_k l_{ik}}
             = \\frac{m(o)_j}{\\tfrac{1}{n} \\sum_k m(o)_k}

    the output multiplier of sector j over the average output multiplier
    (Rasmussen 1956; M&B 2009, §12.2). :math:`BL_j > 1`: a unit of final demand for j
    draws above-average output from the economy.
    """
    s = solver_for(A)
    return _normalised(s.solve_transposed(np.ones(s.n)))


def forward_linkages(A: Solvable) -> FloatArray:
    """Rasmussen-Hirschman forward linkages (sensitivity of dispersion), from L.

    .. math::

        FL_i = \\frac{\\tfrac{1}{n} \\sum_j l_{ij}}
                    {\\tfrac{1}{n^2} \\sum_k \\sum_j l_{kj}}

    row sums of the Leontief inverse over their average (Rasmussen 1956). A row sum of
    L is the output of sector i when every final demand rises by one unit, a weak
    notion of "forward" dependence; the Ghosh-based :func:`forward_linkages_ghosh` is
    the usual modern alternative (M&B 2009, §12.2).
    """
    s = solver_for(A)
    return _normalised(s.solve(np.ones(s.n)))


def forward_linkages_ghosh(B: Solvable) -> FloatArray:
    """Forward linkages from the Ghosh inverse :math:`G = (I - B)^{-1}`.

    .. math::

        FL^{G}_i = \\frac{\\sum_j g_{ij}}{\\tfrac{1}{n} \\sum_k \\sum_j g_{kj}}

    M&B 2009, §12.2 (forward linkage measured with the output-coefficient matrix).
    ``B`` holds allocation coefficients :math:`b_{ij} = z_{ij} / x_i`
    (:func:`~revitalize.inputoutput.core.ghosh_coefficients`), or is a solver built
    from them. Row sums are one solve, :math:`(I - B) g = i`.
    """
    s = solver_for(B)
    return _normalised(s.solve(np.ones(s.n)))


def classify_key_sectors(
    backward: npt.ArrayLike, forward: npt.ArrayLike, threshold: float = 1.0
) -> npt.NDArray[np.str_]:
    """Classify sectors by their normalised linkages (M&B 2009, §12.2).

    ==============  ============  ============
    label           backward      forward
    ==============  ============  ============
    ``"key"``       > threshold   > threshold
    ``"backward"``  > threshold   <= threshold
    ``"forward"``   <= threshold  > threshold
    ``"weak"``      <= threshold  <= threshold
    ==============  ============  ============

    Parameters
    ----------
    backward, forward
        Normalised linkages, (n,) each (average 1).
    threshold
        The cut-off, 1 (the average) by default.
    """
    bl = as_array("backward", backward, 1)
    fl = as_array("forward", forward, 1)
    if bl.shape != fl.shape:
        raise InvalidTableError(
            f"backward ({bl.shape[0]}) and forward ({fl.shape[0]}) linkages differ in length.",
            "Compute both from the same table.",
        )
    b, f = bl > threshold, fl > threshold
    labels = np.where(b & f, KEY, np.where(b, "backward", np.where(f, "forward", "weak")))
    return labels.astype(np.str_)


def coefficient_of_variation(A: Solvable, axis: Literal["column", "row"] = "column") -> FloatArray:
    """Rasmussen's coefficients of variation (dispersion) of the Leontief inverse.

    .. math::

        V_j = \\frac{\\sqrt{\\tfrac{1}{n-1} \\sum_i \\big(l_{ij} -
              \\tfrac{1}{n} \\sum_k l_{kj}\\big)^2}}{\\tfrac{1}{n} \\sum_i l_{ij}}

    for columns (how evenly sector j's backward effect spreads over suppliers; small =
    evenly) and the same over rows with ``axis="row"`` (Rasmussen 1956). Needs the
    dense inverse (cached on the solver).
    """
    if axis not in ("column", "row"):
        raise InvalidTableError(f"axis must be 'column' or 'row', got {axis!r}.")
    L = solver_for(A).inverse()
    if L.shape[0] < 2:
        raise InvalidTableError(
            "The coefficient of variation needs at least two sectors.",
            "Pass a table with two or more sectors.",
        )
    ax = 0 if axis == "column" else 1
    mean = L.mean(axis=ax)
    std = L.std(axis=ax, ddof=1)
    out: FloatArray = std / mean
    return out
