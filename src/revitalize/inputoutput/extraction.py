
"""Hypothetical extraction: how much output the economy loses without a sector's links.

Compare gross output with a sector (or a group of sectors, e.g. a cluster) before and
after hypothetically removing it or its interindustry links:

.. math:: T_J = i' x - i' \\bar{x}, \\qquad x = (I - A)^{-1} y, \\quad
    \\bar{x} = (I - \\bar{A})^{-1} \\bar{y}

References
----------
Strassert, G. (1968) Zur Bestimmung strategischer Sektoren mit Hilfe von
Input-Output-Modellen, *Jahrbücher für Nationalökonomie und Statistik* 182, 211-215.
Dietzenbacher, E. & van der Linden, J.A. (1997) Sectoral and spatial linkages in the EC
production structure, *Journal of Regional Science* 37(2), 235-257.
Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis: Foundations and Extensions*,
2nd ed., Cambridge UP ("M&B 2009"), ch. 12, §12.2 (hypothetical extraction).

Every variant refactorises the modified matrix (one LU each); extracting every sector
in turn is n factorisations.
"""

from __future__ import annotations

from collections.abc import Sequence
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

__all__ = [
    "ExtractionResult",
    "extract_complete",
    "extract_ghosh",
    "extract_links",
    "extract_partial",
]

Sectors = int | Sequence[int] | npt.NDArray[np.integer]


class ExtractionResult(NamedTuple):
    """Output before and after an extraction.

    Attributes
    ----------
    x
        Gross output of the intact economy, (n,).
    x_extracted
        Gross output after the extraction, (n,) (zero for completely removed sectors).
    loss
        ``x - x_extracted`` by sector, (n,).
    total
        :math:`T = i'(x - \\bar{x})`.
    share
        ``total / i'x`` (Dietzenbacher & van der Linden report it in per cent).
    """

    x: FloatArray
    x_extracted: FloatArray
    loss: FloatArray
    total: float
    share: float


def _inputs(
    A: npt.ArrayLike, y: npt.ArrayLike, sectors: Sectors
) -> tuple[FloatArray, FloatArray, npt.NDArray[np.intp]]:
    A_ = as_array("A", A, 2)
    n = check_square("A", A_)
    check_nonnegative("A", A_)
    y_ = as_array("y", y, 1)
    check_length("y", y_, n)
    idx = np.unique(np.atleast_1d(np.asarray(sectors)))
    if idx.size == 0 or not np.issubdtype(idx.dtype, np.integer):
        raise InvalidTableError(
            f"sectors must be one or more integer positions, got {sectors!r}.",
            "Pass sector positions (0-based); table.py maps labels to positions.",
        )
    if idx.min() < 0 or idx.max() >= n:
        raise InvalidTableError(
            f"sector positions {idx.tolist()} out of range for {n} sectors.",
            f"Use positions 0..{n - 1}.",
        )
    return A_, y_, idx.astype(np.intp)


def _result(x: FloatArray, x_bar: FloatArray) -> ExtractionResult:
    loss = x - x_bar
    total = float(loss.sum())
    gross = float(x.sum())
    return ExtractionResult(x, x_bar, loss, total, total / gross if gross else float("nan"))


def _scaled(
    A: FloatArray,
    idx: npt.NDArray[np.intp],
    fraction: float,
    rows: bool,
    columns: bool,
    keep_own_inputs: bool,
) -> FloatArray:
    if not 0.0 <= fraction <= 1.0:
        raise InvalidTableError(
            f"fraction must lie in [0, 1], got {fraction!r}.",
            "0 keeps the links, 1 removes them completely.",
        )
    n = A.shape[0]
    in_j = np.zeros(n, dtype=bool)
    in_j[idx] = True
    mask = np.zeros((n, n), dtype=bool)
    if rows:
        mask |= in_j[:, None]
    if columns:
        mask |= in_j[None, :]
    if keep_own_inputs:
        mask &= ~(in_j[:, None] & in_j[None, :])
    out: FloatArray = np.where(mask, A * (1.0 - fraction), A)
    return out


def extract_partial(
    A: npt.ArrayLike,
    y: npt.ArrayLike,
    sectors: Sectors,
    fraction: float,
    *,
    rows: bool = True,
    columns: bool = True,
    keep_own_inputs: bool = False,
) -> ExtractionResult:
    """Partial extraction: scale the interindustry links of sectors J by ``1 - fraction``.

    .. math::

        \\bar{a}_{ij} = (1 - \\phi) \\, a_{ij} \\text{ if } i \\in J
        \\text{ (rows) or } j \\in J \\text{ (columns)}, \\qquad
        \\bar{x} = (I - \\bar{A})^{-1} y

    Final demand is unchanged. ``rows=False`` extracts the purchases of J only (the
    backward-linkage extraction of Dietzenbacher & van der Linden 1997, used with
    ``keep_own_inputs=True``); ``columns=False`` its sales to other sectors only.
    M&B 2009, §12.2.

    Parameters
    ----------
    A
        Technical coefficients, n x n.
    y
        Final demand, (n,).
    sectors
        Position(s) of the extracted sector(s).
    fraction
        :math:`\\phi \\in [0, 1]`; 1 removes the links.
    rows, columns
        Which links to scale: sales of J (rows) and purchases of J (columns).
    keep_own_inputs
        Leave the J x J block (intra-sector / intra-group flows) untouched.
    """
    A_, y_, idx = _inputs(A, y, sectors)
    A_bar = _scaled(A_, idx, fraction, rows, columns, keep_own_inputs)
    x = LeontiefSolver(A_).solve(y_)
    return _result(x, LeontiefSolver(A_bar, check=False).solve(y_))


def extract_links(
    A: npt.ArrayLike, y: npt.ArrayLike, sectors: Sectors, *, keep_own_inputs: bool = False
) -> ExtractionResult:
    """Extract the intermediate links of sectors J, keeping their final-demand output.

    .. math::

        \\bar{a}_{ij} = 0 \\text{ for } i \\in J \\text{ or } j \\in J, \\qquad
        \\bar{x} = (I - \\bar{A})^{-1} y

    Sector j then produces only its own final demand, bought with primary inputs alone
    and sold to no other sector; the loss :math:`i'(x - \\bar{x})` measures its total
    (backward plus forward) linkage (M&B 2009, §12.2; Dietzenbacher & van der Linden
    1997). Equivalent to ``extract_partial(..., fraction=1.0)``.
    """
    return extract_partial(A, y, sectors, 1.0, keep_own_inputs=keep_own_inputs)


def extract_complete(A: npt.ArrayLike, y: npt.ArrayLike, sectors: Sectors) -> ExtractionResult:
    """Complete extraction: remove sectors J (rows, columns and final demand).

    .. math::

        \\bar{x}_{-J} = (I - A_{-J,-J})^{-1} \\, y_{-J}, \\qquad \\bar{x}_J = 0,
        \\qquad T_J = i'x - i'\\bar{x}

    The classic Strassert (1968) extraction; the loss includes the extracted sectors'
    own output :math:`x_J` (M&B 2009, §12.2).
    """
    A_, y_, idx = _inputs(A, y, sectors)
    keep = np.setdiff1d(np.arange(A_.shape[0]), idx)
    x = LeontiefSolver(A_).solve(y_)
    x_bar = np.zeros_like(x)
    if keep.size:
        sub = LeontiefSolver(A_[np.ix_(keep, keep)], check=False)
        x_bar[keep] = sub.solve(y_[keep])
    return _result(x, x_bar)


def extract_ghosh(
    B: npt.ArrayLike, v: npt.ArrayLike, sectors: Sectors, *, keep_own_inputs: bool = True
) -> ExtractionResult:
    """Forward-linkage extraction in the Ghosh model: remove the sales of J to others.

    .. math::

        \\bar{b}_{ij} = 0 \\text{ for } i \\in J, j \\notin J, \\qquad
        \\bar{x}' = v' (I - \\bar{B})^{-1}

    Dietzenbacher & van der Linden (1997) measure the forward linkage of j by the
    output loss when j's output allocation coefficients are set to zero, with primary
    inputs :math:`v` fixed (M&B 2009, §12.2).

    Parameters
    ----------
    B
        Allocation coefficients :math:`b_{ij} = z_{ij} / x_i`, n x n.
    v
        Primary inputs (value added plus imports), (n,).
    sectors
        Position(s) of the extracted sector(s).
    keep_own_inputs
        Leave the J x J block untouched (the default, as Dietzenbacher & van der Linden).
    """
    B_, v_, idx = _inputs(B, v, sectors)
    B_bar = _scaled(B_, idx, 1.0, True, False, keep_own_inputs)
    x = LeontiefSolver(B_).solve_transposed(v_)
    return _result(x, LeontiefSolver(B_bar, check=False).solve_transposed(v_))
