
"""Structural decomposition analysis (SDA) of the change in gross output.

.. math:: \\Delta x = x^1 - x^0 = \\Delta L \\, y + L \\, \\Delta y

with the two *polar* decompositions (M&B 2009, §13.1)

.. math::

    \\Delta x = \\Delta L \\, y^1 + L^0 \\Delta y = \\Delta L \\, y^0 + L^1 \\Delta y

and their average as the default (Dietzenbacher & Los 1998 show it is close to the
average over all :math:`k!` elimination orders, which ``method="shapley"`` computes).
Final demand can be split further into level, mix and distribution effects,
:math:`y = B d f` (M&B 2009, §13.1). Every variant is exactly additive: the effects
telescope to :math:`x^1 - x^0`.

References
----------
Dietzenbacher, E. & Los, B. (1998) Structural decomposition techniques: sense and
sensitivity, *Economic Systems Research* 10(4), 307-324.
Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis: Foundations and Extensions*,
2nd ed., Cambridge UP, ch. 13, §13.1 (structural decomposition analysis).
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from math import factorial
from typing import Literal, NamedTuple

import numpy as np
import numpy.typing as npt

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.core import (
    FloatArray,
    LeontiefSolver,
    as_array,
    check_length,
    solver_for,
)

__all__ = [
    "DemandDecomposition",
    "LeontiefDecomposition",
    "final_demand_components",
    "sda_final_demand",
    "sda_leontief",
]

Method = Literal["polar", "shapley"]


class LeontiefDecomposition(NamedTuple):
    """:math:`x^1 - x^0 = \\text{technology} + \\text{final\\_demand}`, each (n,)."""

    technology: FloatArray
    final_demand: FloatArray
    total: FloatArray


class DemandDecomposition(NamedTuple):
    """:math:`x^1 - x^0 = \\text{technology} + \\text{mix} + \\text{distribution} +
    \\text{level}`, each (n,)."""

    technology: FloatArray
    mix: FloatArray
    distribution: FloatArray
    level: FloatArray
    total: FloatArray


def _weights(k: int, method: Method) -> list[tuple[tuple[bool, ...], int, float]]:
    """(state of every other factor: True = year 1, position of the changed factor, weight).

    ``polar``: factors left of the changed one at year 0 and right of it at year 1,
    and the mirror image, weight 1/2 each. ``shapley``: every subset of the other
    factors at year 1, weighted :math:`|S|!(k-|S|-1)!/k!` (the average over all
    orders of elimination).
    """
    out: list[tuple[tuple[bool, ...], int, float]] = []
    for pos in range(k):
        if method == "polar":
            first = tuple(i > pos for i in range(k))
            second = tuple(i < pos for i in range(k))
            out += [(first, pos, 0.5), (second, pos, 0.5)]
        elif method == "shapley":
            others = [i for i in range(k) if i != pos]
            for r in range(k):
                for subset in itertools.combinations(others, r):
                    state = tuple(i in subset for i in range(k))
                    w = factorial(r) * factorial(k - r - 1) / factorial(k)
                    out.append((state, pos, w))
        else:
            raise InvalidTableError(
                f"Unknown decomposition method {method!r}.", "Use 'polar' or 'shapley'."
            )
    return out


def _decompose(
    factors: Sequence[tuple[object, object]],
    evaluate: Callable[[Sequence[object]], FloatArray],
    method: Method,
) -> list[FloatArray]:
    """Effects of each factor on ``evaluate(factors)`` between year 0 and year 1."""
    k = len(factors)
    effects: list[FloatArray] = [np.zeros(0)] * k
    for state, pos, w in _weights(k, method):
        at1 = [f[1] if s else f[0] for f, s in zip(factors, state, strict=True)]
        at0 = list(at1)
        at1[pos], at0[pos] = factors[pos][1], factors[pos][0]
        term = w * (evaluate(at1) - evaluate(at0))
        effects[pos] = term if effects[pos].size == 0 else effects[pos] + term
    return effects


def _solvers(
    A0: npt.ArrayLike | LeontiefSolver, A1: npt.ArrayLike | LeontiefSolver
) -> tuple[LeontiefSolver, LeontiefSolver]:
    s0, s1 = solver_for(A0), solver_for(A1)
    if s0.n != s1.n:
        raise InvalidTableError(
            f"The two years have {s0.n} and {s1.n} sectors.",
            "Use tables with the same sector classification (aggregate first if needed).",
        )
    return s0, s1


def sda_leontief(
    A0: npt.ArrayLike | LeontiefSolver,
    y0: npt.ArrayLike,
    A1: npt.ArrayLike | LeontiefSolver,
    y1: npt.ArrayLike,
    *,
    method: Method = "polar",
) -> LeontiefDecomposition:
    """Decompose :math:`x^1 - x^0` into technology and final-demand effects.

    .. math::

        \\Delta x = \\tfrac{1}{2} \\Delta L (y^0 + y^1)
                  + \\tfrac{1}{2} (L^0 + L^1) \\Delta y

    the average of the two polar decompositions (M&B 2009, §13.1; Dietzenbacher & Los
    1998). With two factors ``"polar"`` and ``"shapley"`` coincide. Uses one LU per
    year and solves only: :math:`\\Delta L \\, y = L^1 y - L^0 y`.

    Parameters
    ----------
    A0, A1
        Technical coefficients (or solvers) of years 0 and 1, n x n each.
    y0, y1
        Final demand of years 0 and 1, (n,) each.
    """
    s0, s1 = _solvers(A0, A1)
    y0_, y1_ = as_array("y0", y0, 1), as_array("y1", y1, 1)
    check_length("y0", y0_, s0.n)
    check_length("y1", y1_, s0.n)

    def evaluate(f: Sequence[object]) -> FloatArray:
        solver, y = f
        assert isinstance(solver, LeontiefSolver) and isinstance(y, np.ndarray)
        return solver.solve(y)

    tech, demand = _decompose([(s0, s1), (y0_, y1_)], evaluate, method)
    return LeontiefDecomposition(tech, demand, s1.solve(y1_) - s0.solve(y0_))


def final_demand_components(Y: npt.ArrayLike) -> tuple[FloatArray, FloatArray, float]:
    """Split final demand by category into mix, distribution and level.

    .. math::

        f = i' Y i, \\qquad d_k = \\frac{i' Y_{\\cdot k}}{f}, \\qquad
        b_{ik} = \\frac{y_{ik}}{i' Y_{\\cdot k}}, \\qquad y = Y i = B d f

    :math:`B` (n x k) is the product mix of each category (columns sum to 1),
    :math:`d` (k,) the distribution of the total over categories and :math:`f` the
    level (M&B 2009, §13.1).

    Raises
    ------
    InvalidTableError
        A category sums to zero but is not all zero, or the grand total is zero.
    """
    Y_ = as_array("Y", Y, 2)
    col = Y_.sum(axis=0)
    level = float(col.sum())
    empty = col == 0
    if np.any(empty & np.any(Y_ != 0, axis=0)) or level == 0:
        raise InvalidTableError(
            "A final-demand category (or the whole of final demand) sums to zero but is "
            "not all zero; its product mix is undefined.",
            "Merge such categories (e.g. inventory changes) into another before the decomposition.",
        )
    mix = np.zeros_like(Y_)
    np.divide(Y_, col, out=mix, where=~empty)
    return mix, col / level, level


def sda_final_demand(
    A0: npt.ArrayLike | LeontiefSolver,
    Y0: npt.ArrayLike,
    A1: npt.ArrayLike | LeontiefSolver,
    Y1: npt.ArrayLike,
    *,
    method: Method = "polar",
) -> DemandDecomposition:
    """Decompose :math:`x^1 - x^0` into technology, mix, distribution and level effects.

    .. math::

        x = L B d f \\;\\Rightarrow\\; \\Delta x =
        \\underbrace{\\Delta L \\, B d f}_{\\text{technology}} +
        \\underbrace{L \\, \\Delta B \\, d f}_{\\text{mix}} +
        \\underbrace{L B \\, \\Delta d \\, f}_{\\text{distribution}} +
        \\underbrace{L B d \\, \\Delta f}_{\\text{level}}

    where the weights of the other factors follow the polar average (factor order L, B,
    d, f; M&B 2009, §13.1; Dietzenbacher & Los 1998) or, with ``method="shapley"``,
    the average over all 24 elimination orders. See :func:`final_demand_components`.

    Parameters
    ----------
    A0, A1
        Technical coefficients (or solvers) of years 0 and 1, n x n.
    Y0, Y1
        Final demand by category, n x k, the same k categories in both years.
    """
    s0, s1 = _solvers(A0, A1)
    Y0_, Y1_ = as_array("Y0", Y0, 2), as_array("Y1", Y1, 2)
    check_length("Y0", Y0_, s0.n)
    check_length("Y1", Y1_, s0.n)
    if Y0_.shape != Y1_.shape:
        raise InvalidTableError(
            f"Final demand has shapes {Y0_.shape} and {Y1_.shape} in the two years.",
            "Use the same final-demand categories in both years.",
        )
    B0, d0, f0 = final_demand_components(Y0_)
    B1, d1, f1 = final_demand_components(Y1_)

    def evaluate(f: Sequence[object]) -> FloatArray:
        solver, mix, dist, level = f
        assert isinstance(solver, LeontiefSolver)
        assert isinstance(mix, np.ndarray) and isinstance(dist, np.ndarray)
        assert isinstance(level, float)
        return solver.solve(mix @ dist * level)

    factors: list[tuple[object, object]] = [(s0, s1), (B0, B1), (d0, d1), (f0, f1)]
    tech, mix, dist, level = _decompose(factors, evaluate, method)
    total = s1.solve(Y1_.sum(axis=1)) - s0.solve(Y0_.sum(axis=1))
    return DemandDecomposition(tech, mix, dist, level, total)
