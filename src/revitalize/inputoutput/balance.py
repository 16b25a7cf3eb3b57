
"""Matrix balancing: RAS and GRAS.

Both methods find the matrix :math:`Z` closest to a prior :math:`Z^0` (in the sense of
minimum information) whose row sums equal targets :math:`u` and whose column sums
equal targets :math:`v`:

* :func:`ras` -- biproportional scaling :math:`Z = \\hat{r} Z^0 \\hat{s}` of a
  non-negative prior (Stone; Bacharach 1970; Miller & Blair 2009, §7.4).
* :func:`gras` -- the generalised RAS of Junius & Oosterhaven (2003) for priors with
  negative entries (e.g. net taxes, changes in inventories), in the corrected form of
  Temurshoev, Miller & Bouwmeester (2013): positive entries are multiplied by
  :math:`r_i s_j`, negative entries by :math:`1 / (r_i s_j)`, so every entry keeps its
  sign.

Both return a :class:`BalanceResult` with the balanced matrix and diagnostics, and
raise :class:`~revitalize.exceptions.InvalidTableError` when the targets cannot be met
(inconsistent totals, a non-zero target on an all-zero row or column, a target of a
sign the row or column cannot reach) or when the iteration does not converge.

References
----------
Bacharach, M. (1970) *Biproportional Matrices and Input-Output Change*. Cambridge UP.
Junius, T. & Oosterhaven, J. (2003) The solution of updating or regionalizing a matrix
with both positive and negative entries. *Economic Systems Research* 15(1), 87-96.
Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis: Foundations and Extensions*,
2nd ed., Cambridge UP, §7.4.
Temurshoev, U., Miller, R.E. & Bouwmeester, M.C. (2013) A note on the GRAS method.
*Economic Systems Research* 25(3), 361-367.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt
import pandas as pd

from revitalize.exceptions import InvalidTableError

__all__ = ["BalanceResult", "gras", "ras"]

FloatArray = npt.NDArray[np.float64]


@dataclass(frozen=True)
class BalanceResult:
    """A balanced matrix and how it was reached.

    Attributes
    ----------
    matrix
        The balanced matrix :math:`Z` (always a float64 numpy array).
    r, s
        Row and column multipliers (:math:`Z = \\hat{r} Z^0_+ \\hat{s} -
        \\hat{r}^{-1} Z^0_- \\hat{s}^{-1}`; for RAS :math:`Z^0_- = 0`).
    iterations
        Number of (row, column) scaling rounds done.
    max_error
        Largest absolute difference between a row or column sum and its target.
    converged
        Whether ``max_error`` fell within the tolerance.
    history
        ``max_error`` after each round.
    method
        ``"RAS"`` or ``"GRAS"``.
    row_labels, col_labels
        Labels of the prior when it was a DataFrame (else ``None``).
    """

    matrix: FloatArray
    r: FloatArray
    s: FloatArray
    iterations: int
    max_error: float
    converged: bool
    history: tuple[float, ...]
    method: str
    row_labels: tuple[object, ...] | None = field(default=None)
    col_labels: tuple[object, ...] | None = field(default=None)

    def frame(self) -> pd.DataFrame:
        """The balanced matrix as a DataFrame with the prior's labels (or positions)."""
        return pd.DataFrame(
            self.matrix,
            index=pd.Index(self.row_labels) if self.row_labels is not None else None,
            columns=pd.Index(self.col_labels) if self.col_labels is not None else None,
        )


# ---------------------------------------------------------------------------- validation
def _labels(obj: object) -> tuple[object, ...] | None:
    if isinstance(obj, pd.DataFrame | pd.Series):
        return tuple(obj.index)
    return None


def _as_float(name: str, a: npt.ArrayLike, ndim: int) -> FloatArray:
    try:
        arr = np.asarray(a, dtype=np.float64)
    except (TypeError, ValueError) as exc:
        raise InvalidTableError(f"{name} is not numeric: {exc}.", "Pass numbers only.") from exc
    if arr.ndim != ndim:
        raise InvalidTableError(
            f"{name} must have {ndim} dimension(s), got shape {arr.shape}.",
            "Pass the prior as a 2-D matrix and the targets as 1-D vectors.",
        )
    if not np.all(np.isfinite(arr)):
        raise InvalidTableError(f"{name} holds NaN or infinite values.", "Fill or drop them.")
    return arr


def _name(labels: Sequence[object] | None, i: int) -> str:
    return repr(labels[i]) if labels is not None else str(i)


def _validate(
    Z0: npt.ArrayLike | pd.DataFrame,
    u: npt.ArrayLike | pd.Series,
    v: npt.ArrayLike | pd.Series,
    margin_rtol: float,
) -> tuple[
    FloatArray, FloatArray, FloatArray, tuple[object, ...] | None, tuple[object, ...] | None
]:
    Z = _as_float("Z0", Z0, 2)
    u_ = _as_float("u (row targets)", u, 1)
    v_ = _as_float("v (column targets)", v, 1)
    rows = _labels(Z0)
    cols = tuple(Z0.columns) if isinstance(Z0, pd.DataFrame) else None
    if u_.shape[0] != Z.shape[0] or v_.shape[0] != Z.shape[1]:
        raise InvalidTableError(
            f"Target lengths ({u_.shape[0]} rows, {v_.shape[0]} columns) do not match the "
            f"prior's shape {Z.shape}.",
            "Give one row target per row and one column target per column.",
        )
    for tname, tgt, lab in (("u", u, rows), ("v", v, cols)):
        if isinstance(tgt, pd.Series) and lab is not None and tuple(tgt.index) != lab:
            raise InvalidTableError(
                f"The labels of {tname} do not match those of the prior.",
                f"Reindex {tname} like the prior's {'rows' if tname == 'u' else 'columns'} "
                "(e.g. u.reindex(Z0.index)).",
            )
    su, sv = float(u_.sum()), float(v_.sum())
    scale = max(1.0, float(np.abs(u_).sum()), float(np.abs(v_).sum()))
    if abs(su - sv) > margin_rtol * scale:
        raise InvalidTableError(
            f"Inconsistent margins: row targets sum to {su:.10g} but column targets sum to "
            f"{sv:.10g} (difference {su - sv:.4g}).",
            "Both must equal the matrix total; correct the targets or scale one set, "
            "e.g. v * u.sum() / v.sum().",
        )
    return Z, u_, v_, rows, cols


def _check_reachable(
    P: FloatArray,
    N: FloatArray,
    t: FloatArray,
    axis: str,
    labels: Sequence[object] | None,
    where: str = "in the prior",
) -> None:
    """Each target must be reachable by sign-preserving scaling of its row/column."""
    p = P.sum(axis=1 if axis == "row" else 0)
    n = N.sum(axis=1 if axis == "row" else 0)
    bad = np.flatnonzero((t != 0) & (p == 0) & (n == 0))
    if bad.size:
        k = int(bad[0])
        raise InvalidTableError(
            f"{axis.capitalize()} {_name(labels, k)} has target {t[k]:.6g} but is all zero "
            f"{where} ({bad.size} such {axis}(s)).",
            f"Scaling cannot create entries: put a small seed value in that {axis} of the "
            "prior, or set its target to 0.",
        )
    for cond, sign in (((t > 0) & (p == 0), "positive"), ((t < 0) & (n == 0), "negative")):
        bad = np.flatnonzero(cond)
        if bad.size:
            k = int(bad[0])
            raise InvalidTableError(
                f"{axis.capitalize()} {_name(labels, k)} has a {sign} target {t[k]:.6g} but "
                f"no {sign} entry {where}.",
                "Sign-preserving scaling cannot reach it: check the target's sign or seed "
                f"a {sign} entry in that {axis}.",
            )


# ---------------------------------------------------------------------------- algorithm
def _factor(p: FloatArray, n: FloatArray, t: FloatArray) -> FloatArray:
    """Solve :math:`p x - n / x = t` for :math:`x \\ge 0` (TMB 2013, eqs. 9-10).

    :math:`x = (t + \\sqrt{t^2 + 4pn}) / (2p)` if :math:`p > 0`; :math:`x = -n / t` if
    :math:`p = 0`. For :math:`t < 0` the algebraically equal form
    :math:`2n / (\\sqrt{t^2 + 4pn} - t)` avoids cancellation.
    """
    x = np.ones_like(t)
    root = np.sqrt(t * t + 4.0 * p * n)
    pos = p > 0
    up = pos & (t >= 0)
    x[up] = (t[up] + root[up]) / (2.0 * p[up])
    down = pos & (t < 0)
    x[down] = 2.0 * n[down] / (root[down] - t[down])
    only_neg = (~pos) & (n > 0)
    x[only_neg] = -n[only_neg] / t[only_neg]
    return x


def _inv(x: FloatArray) -> FloatArray:
    out = np.zeros_like(x)
    np.divide(1.0, x, out=out, where=x > 0)
    return out


def _compose(P: FloatArray, N: FloatArray, r: FloatArray, s: FloatArray) -> FloatArray:
    Z: FloatArray = r[:, None] * P * s[None, :]
    if N.any():
        Z = Z - _inv(r)[:, None] * N * _inv(s)[None, :]
    return Z


def _iterate(
    Z0: npt.ArrayLike | pd.DataFrame,
    u: npt.ArrayLike | pd.Series,
    v: npt.ArrayLike | pd.Series,
    method: str,
    tol: float,
    max_iter: int,
    margin_rtol: float,
    raise_on_failure: bool,
) -> BalanceResult:
    Z, u_, v_, rows, cols = _validate(Z0, u, v, margin_rtol)
    if method == "RAS" and (Z < 0).any():
        i, j = (int(k) for k in np.argwhere(Z < 0)[0])
        raise InvalidTableError(
            f"RAS needs a non-negative prior; entry ({_name(rows, i)}, {_name(cols, j)}) is "
            f"{Z[i, j]:.6g}.",
            "Use gras() for matrices with negative entries.",
        )
    P, N = np.where(Z > 0, Z, 0.0), np.where(Z < 0, -Z, 0.0)
    _check_reachable(P, N, u_, "row", rows)
    _check_reachable(P, N, v_, "column", cols)
    # Rows/columns with target 0 and entries of one sign can only become all zero.
    for t, axis in ((u_, 1), (v_, 0)):
        one_signed = (P.sum(axis=axis) == 0) | (N.sum(axis=axis) == 0)
        drop = (t == 0) & one_signed
        if drop.any():
            if axis == 1:
                P[drop, :], N[drop, :] = 0.0, 0.0
            else:
                P[:, drop], N[:, drop] = 0.0, 0.0
    after = "once the rows and columns with target 0 are cleared"
    _check_reachable(P, N, u_, "row", rows, after)
    _check_reachable(P, N, v_, "column", cols, after)
    scale = max(1.0, float(np.abs(u_).max(initial=0.0)), float(np.abs(v_).max(initial=0.0)))
    r, s = np.ones(Z.shape[0]), np.ones(Z.shape[1])
    history: list[float] = []
    err = np.inf
    it = 0
    for it in range(1, max_iter + 1):  # noqa: B007 - `it` is reported after the loop
        r = _factor(P @ s, N @ _inv(s), u_)
        s = _factor(P.T @ r, N.T @ _inv(r), v_)
        Zk = _compose(P, N, r, s)
        err = max(
            float(np.abs(Zk.sum(axis=1) - u_).max(initial=0.0)),
            float(np.abs(Zk.sum(axis=0) - v_).max(initial=0.0)),
        )
        history.append(err)
        if err <= tol * scale:
            break
    converged = err <= tol * scale
    if not converged and raise_on_failure:
        raise InvalidTableError(
            f"{method} did not converge within {max_iter} iterations: the largest margin "
            f"error is still {err:.4g} (tolerance {tol * scale:.4g}; it was {history[0]:.4g} "
            "after the first round).",
            "Raise max_iter or loosen tol; if the error stalls, the prior's zero pattern "
            "cannot carry the targets (Bacharach 1970) -- seed the cells that must be "
            "non-zero or revise the targets.",
        )
    return BalanceResult(
        matrix=_compose(P, N, r, s),
        r=r,
        s=s,
        iterations=it,
        max_error=err,
        converged=converged,
        history=tuple(history),
        method=method,
        row_labels=rows,
        col_labels=cols,
    )


def ras(
    Z0: npt.ArrayLike | pd.DataFrame,
    u: npt.ArrayLike | pd.Series,
    v: npt.ArrayLike | pd.Series,
    *,
    tol: float = 1e-13,
    max_iter: int = 10_000,
    margin_rtol: float = 1e-9,
    raise_on_failure: bool = True,
) -> BalanceResult:
    """Balance a non-negative matrix to row and column targets by RAS.

    Alternately scale rows and columns of the prior until both margins are met:

    .. math::

        r_i^{(k)} = \\frac{u_i}{\\sum_j z^0_{ij} s_j^{(k-1)}}, \\qquad
        s_j^{(k)} = \\frac{v_j}{\\sum_i r_i^{(k)} z^0_{ij}}, \\qquad
        Z = \\hat{r}\\, Z^0 \\hat{s}.

    The limit is the matrix with the prior's zero pattern that meets the margins and
    minimises :math:`\\sum_{ij} z_{ij} \\ln(z_{ij} / z^0_{ij})` (Bacharach 1970).

    Parameters
    ----------
    Z0
        Prior matrix (m x n), non-negative; a DataFrame keeps its labels in the result.
    u, v
        Row targets (m) and column targets (n); Series must carry the prior's labels.
    tol
        Convergence: largest absolute margin error :math:`\\le` ``tol`` times
        :math:`\\max(1, \\max|u|, \\max|v|)`.
    max_iter
        Most scaling rounds.
    margin_rtol
        Allowed :math:`|\\sum u - \\sum v|` relative to :math:`\\max(1, \\sum|u|, \\sum|v|)`.
    raise_on_failure
        Raise when not converged (default); else return with ``converged=False``.

    Returns
    -------
    BalanceResult

    Raises
    ------
    InvalidTableError
        Negative prior entries (use :func:`gras`), inconsistent margins, a non-zero
        target on an all-zero row/column, mismatched labels, or no convergence.

    References
    ----------
    Miller & Blair (2009), §7.4; Bacharach (1970).

    Examples
    --------
    >>> res = ras([[1.0, 1.0], [1.0, 1.0]], [3.0, 1.0], [2.0, 2.0])
    >>> res.matrix.round(6)
    array([[1.5, 1.5],
           [0.5, 0.5]])
    """
    return _iterate(Z0, u, v, "RAS", tol, max_iter, margin_rtol, raise_on_failure)


def gras(
    Z0: npt.ArrayLike | pd.DataFrame,
    u: npt.ArrayLike | pd.Series,
    v: npt.ArrayLike | pd.Series,
    *,
    tol: float = 1e-13,
    max_iter: int = 10_000,
    margin_rtol: float = 1e-9,
    raise_on_failure: bool = True,
) -> BalanceResult:
    """Balance a matrix with positive and negative entries by GRAS.

    Split the prior into :math:`Z^0 = P - N` (:math:`P, N \\ge 0`). The balanced matrix is

    .. math::

        z_{ij} = r_i\\, p_{ij}\\, s_j - \\frac{n_{ij}}{r_i\\, s_j},

    with :math:`r` and :math:`s` found by alternating the closed-form updates
    (Temurshoev, Miller & Bouwmeester 2013, eqs. 9-10)

    .. math::

        r_i = \\frac{u_i + \\sqrt{u_i^2 + 4 p_i(s) n_i(s)}}{2 p_i(s)}, \\quad
        p_i(s) = \\sum_j p_{ij} s_j, \\quad n_i(s) = \\sum_j n_{ij} / s_j,

    (:math:`r_i = -n_i(s)/u_i` when :math:`p_i(s) = 0`) and the same for :math:`s_j`.
    This minimises :math:`\\sum_{ij} |z^0_{ij}|\\, \\frac{z_{ij}}{z^0_{ij}}
    \\ln\\!\\big(\\frac{z_{ij}}{e\\, z^0_{ij}}\\big)` subject to the margins -- the
    objective as corrected by TMB (2013) from Junius & Oosterhaven (2003). Signs are
    preserved; with a non-negative prior GRAS equals RAS.

    Parameters and returns are those of :func:`ras`.

    Raises
    ------
    InvalidTableError
        Inconsistent margins, a target its row/column cannot reach by sign-preserving
        scaling (non-zero target on an all-zero row, positive target on a row without
        positive entries, ...), mismatched labels, or no convergence.

    References
    ----------
    Junius & Oosterhaven (2003); Temurshoev, Miller & Bouwmeester (2013).

    Examples
    --------
    >>> res = gras([[2.0, -1.0], [1.0, 1.0]], [2.0, 2.0], [3.0, 1.0])
    >>> bool(res.converged), res.matrix.sum(axis=1).round(9).tolist()
    (True, [2.0, 2.0])
    """
    return _iterate(Z0, u, v, "GRAS", tol, max_iter, margin_rtol, raise_on_failure)
