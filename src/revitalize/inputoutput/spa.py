
"""Structural path analysis (SPA): the supply chains that carry a footprint.

The power series :math:`L = I + A + A^2 + \\dots` splits a total
:math:`s' L y` into paths. A path of order r from final demand for product
:math:`j_0` upstream to the sector :math:`j_r` where the stressor arises has the value

.. math:: v(j_0, j_1, \\dots, j_r) = s_{j_r} \\, a_{j_r j_{r-1}} \\cdots a_{j_1 j_0} \\, y_{j_0}

and :math:`\\sum_{\\text{all paths}} v = s' L y`. Paths are enumerated best-first: a
partial path ending at sector k with accumulated coefficient product p carries the exact
total of all its extensions, :math:`p \\, m_k` with :math:`m' = s' L` (for
:math:`s = i`, the output multipliers, i.e. the column sums of L), so a subtree whose
total is below the threshold (or below the k-th best value found) is pruned without
loss (Lenzen 2003; Peters & Hertwich 2006).

References
----------
Defourny, J. & Thorbecke, E. (1984) Structural path analysis and multiplier
decomposition within a social accounting matrix framework, *The Economic Journal*
94(373), 111-136.
Lenzen, M. (2003) Environmentally important paths, linkages and key sectors in the
Australian economy, *Structural Change and Economic Dynamics* 14(1), 1-34.
Peters, G.P. & Hertwich, E.G. (2006) Structural analysis of international trade:
environmental impacts of Norway, *Economic Systems Research* 18(2), 155-181.
"""

from __future__ import annotations

import heapq
import itertools
import warnings
from typing import NamedTuple

import numpy as np
import numpy.typing as npt

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.core import (
    FloatArray,
    LeontiefSolver,
    as_array,
    check_length,
    check_nonnegative,
    check_square,
)

__all__ = ["Path", "path_total", "structural_paths"]


class Path(NamedTuple):
    """One supply chain: ``path[0]`` is the final-demand product, ``path[-1]`` the
    sector where the stressor arises; ``order == len(path) - 1``."""

    path: tuple[int, ...]
    value: float
    order: int


def path_total(A: npt.ArrayLike, y: npt.ArrayLike, s: npt.ArrayLike | None = None) -> float:
    """The total that all paths add up to, :math:`s' L y` (``s`` defaults to ones)."""
    solver = LeontiefSolver(A)
    s_ = np.ones(solver.n) if s is None else as_array("s", s, 1)
    return float(s_ @ solver.solve(y))


def structural_paths(
    A: npt.ArrayLike,
    y: npt.ArrayLike,
    s: npt.ArrayLike | None = None,
    *,
    threshold: float = 0.0,
    max_order: int = 10,
    top_k: int | None = None,
    max_nodes: int = 1_000_000,
) -> list[Path]:
    """Enumerate the structural paths whose value reaches ``threshold``.

    .. math:: v = s_{j_r} \\, a_{j_r j_{r-1}} \\cdots a_{j_1 j_0} \\, y_{j_0}
        \\ge \\text{threshold}, \\qquad r \\le \\text{max\\_order}

    Best-first search over partial paths ordered by their subtree total
    :math:`p \\, m_k` (module docstring), which is also the pruning bound; with
    ``top_k`` the bound tightens to the k-th best value found so far.

    Parameters
    ----------
    A
        Technical coefficients, n x n, non-negative and productive.
    y
        Final demand, (n,), non-negative (a path value is a share of a positive total).
    s
        Direct intensities of the stressor, (n,), non-negative; default ones (paths
        of gross output, bounded by the output multipliers).
    threshold
        Smallest path value returned (absolute, in the units of :math:`s' L y`).
    max_order
        Longest path, in interindustry steps (order 0 is the direct effect
        :math:`s_j y_j`).
    top_k
        Return at most this many paths, the largest.
    max_nodes
        Stop after expanding this many partial paths (with a ``RuntimeWarning``);
        guards against a threshold too small for the table.

    Returns
    -------
    list of Path
        ``(path, value, order)`` tuples, largest value first. Their values sum to at
        most :math:`s' L y` and approach it as the threshold falls and ``max_order``
        rises.
    """
    A_ = as_array("A", A, 2)
    n = check_square("A", A_)
    check_nonnegative("A", A_)
    y_ = as_array("y", y, 1)
    check_length("y", y_, n)
    check_nonnegative("y", y_)
    s_ = np.ones(n) if s is None else as_array("s", s, 1)
    check_length("s", s_, n)
    check_nonnegative("s", s_)
    if max_order < 0 or (top_k is not None and top_k < 1) or threshold < 0:
        raise InvalidTableError(
            f"Bad search limits: threshold={threshold}, max_order={max_order}, top_k={top_k}.",
            "Use threshold >= 0, max_order >= 0 and top_k >= 1.",
        )
    m: FloatArray = np.maximum(LeontiefSolver(A_).solve_transposed(s_), 0.0)
    # Suppliers of each sector with a non-zero coefficient: column k of A.
    suppliers = [np.flatnonzero(A_[:, k]) for k in range(n)]

    found: list[tuple[float, int, tuple[int, ...]]] = []  # min-heap of the best top_k
    results: list[Path] = []
    tie = itertools.count()
    # Max-heap on the subtree total: (-p * m_k, tie, p, path).
    frontier: list[tuple[float, int, float, tuple[int, ...]]] = []
    for j in np.flatnonzero(y_ > 0):
        p = float(y_[j])
        heapq.heappush(frontier, (-p * m[j], next(tie), p, (int(j),)))

    def bound() -> float:
        if top_k is not None and len(found) >= top_k:
            return max(threshold, found[0][0])
        return threshold

    expanded = 0
    while frontier:
        neg_total, _, p, path = heapq.heappop(frontier)
        if -neg_total < bound() or -neg_total == 0.0:
            break  # every remaining subtree is smaller still
        expanded += 1
        if expanded > max_nodes:
            warnings.warn(
                f"structural_paths stopped after {max_nodes} partial paths; raise the "
                "threshold or max_nodes for a complete list.",
                RuntimeWarning,
                stacklevel=2,
            )
            break
        k = path[-1]
        value = p * float(s_[k])
        if value > 0 and value >= bound():
            if top_k is None:
                results.append(Path(path, value, len(path) - 1))
            elif len(found) < top_k:
                heapq.heappush(found, (value, next(tie), path))
            else:
                heapq.heappushpop(found, (value, next(tie), path))
        if len(path) - 1 < max_order:
            for i in suppliers[k]:
                q = p * float(A_[i, k])
                total = q * float(m[i])
                if total > 0 and total >= bound():
                    heapq.heappush(frontier, (-total, next(tie), q, (*path, int(i))))
    if top_k is not None:
        results = [Path(path, v, len(path) - 1) for v, _, path in found]
    results.sort(key=lambda r: (-r.value, r.order, r.path))
    return results
