"""Uncertainty and sensitivity analysis of the composite index.

Monte Carlo over the modelling choices — imputation, normalisation, aggregation and
the pillar weights — gives each region's distribution of ranks (Saisana, Saltelli &
Tarantola 2005); variance-based (Sobol) indices apportion the variance of the ranks
to the choices (Saltelli et al. 2010). All draws are vectorised: the pillar scores of
every discrete combination are computed once, the draws are matrix products.

References
----------
Saisana, M., Saltelli, A., Tarantola, S. (2005). Uncertainty and sensitivity analysis
techniques as tools for the quality assessment of composite indicators. *J. R. Stat.
Soc. A* 168(2), 307-323.
Saltelli, A., Annoni, P., Azzini, I., Campolongo, F., Ratto, M., Tarantola, S. (2010).
Variance based sensitivity analysis of model output. Design and estimator for the
total sensitivity index. *Computer Physics Communications* 181(2), 259-270.
Ishigami, T., Homma, T. (1990). An importance quantification technique in uncertainty
analysis for computer models. *Proc. ISUMA '90*, 398-403.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from revitalize.exceptions import InputError
from revitalize.indicators.composite import (
    equal_weights,
    normalise,
    positive,
    prepare,
)

__all__ = [
    "ChoiceSpace",
    "MonteCarloResult",
    "SobolResult",
    "ishigami",
    "ishigami_indices",
    "monte_carlo",
    "rank_sensitivity",
    "sobol_indices",
]

Array = NDArray[np.float64]


# --- generic Sobol estimators ----------------------------------------------------
@dataclass
class SobolResult:
    """First-order (``first``) and total (``total``) indices per factor (group)."""

    first: pd.Series
    total: pd.Series
    variance: float
    n: int


def sobol_indices(
    func: Callable[[Array], Array],
    groups: Mapping[str, int],
    n: int = 4096,
    seed: int = 0,
) -> SobolResult:
    """Sobol indices of ``func`` on :math:`[0,1]^D` with the Saltelli (2010) design.

    With two independent sample matrices :math:`A, B` (``n`` rows) and
    :math:`A_B^{(i)}` = :math:`A` with the columns of factor (group) :math:`i` from
    :math:`B`:

    .. math::
        S_i = \\frac{\\frac1N \\sum f(B)\\,[f(A_B^{(i)}) - f(A)]}{V}, \\qquad
        S_{Ti} = \\frac{\\frac1{2N} \\sum [f(A) - f(A_B^{(i)})]^2}{V}

    (Saltelli et al. 2010, Table 2, estimators (b) and (f), the latter Jansen's). The
    samples are a scrambled Sobol' sequence seeded with ``seed``. ``func`` maps an
    ``(N, D)`` array to ``(N,)`` or ``(N, m)``; for vector outputs the indices are
    variance-weighted means over the outputs.
    """
    from scipy.stats import qmc

    names = list(groups)
    dims = [int(groups[g]) for g in names]
    if any(d < 1 for d in dims):
        raise InputError("Every factor needs at least one dimension.")
    d = sum(dims)
    m = int(np.ceil(np.log2(max(n, 2))))
    base = qmc.Sobol(d=2 * d, scramble=True, seed=seed).random_base2(m)
    a, b = base[:, :d], base[:, d:]
    n_rows = a.shape[0]
    mats = [a, b]
    start = 0
    for size in dims:
        ab = a.copy()
        ab[:, start:start + size] = b[:, start:start + size]
        mats.append(ab)
        start += size
    y = np.asarray(func(np.vstack(mats)), dtype=float)
    if y.ndim == 1:
        y = y[:, None]
    fa, fb = y[:n_rows], y[n_rows:2 * n_rows]
    var = np.var(np.vstack([fa, fb]), axis=0)
    first, total = [], []
    for k in range(len(names)):
        fab = y[(2 + k) * n_rows:(3 + k) * n_rows]
        v1 = np.mean(fb * (fab - fa), axis=0)
        vt = 0.5 * np.mean((fa - fab) ** 2, axis=0)
        first.append(float(v1.sum() / var.sum()) if var.sum() > 0 else 0.0)
        total.append(float(vt.sum() / var.sum()) if var.sum() > 0 else 0.0)
    return SobolResult(pd.Series(first, index=names, name="first"),
                       pd.Series(total, index=names, name="total"),
                       float(var.mean()), n_rows)


def ishigami(x: Array, a: float = 7.0, b: float = 0.1) -> Array:
    """Ishigami function :math:`\\sin x_1 + a \\sin^2 x_2 + b x_3^4 \\sin x_1` on
    :math:`[-\\pi, \\pi]^3` (Ishigami & Homma 1990)."""
    return np.sin(x[:, 0]) + a * np.sin(x[:, 1]) ** 2 + b * x[:, 2] ** 4 * np.sin(x[:, 0])


def ishigami_indices(a: float = 7.0, b: float = 0.1) -> tuple[Array, Array]:
    """Analytic first-order and total Sobol indices of :func:`ishigami`.

    :math:`V = a^2/8 + b\\pi^4/5 + b^2\\pi^8/18 + 1/2`,
    :math:`V_1 = \\tfrac12(1 + b\\pi^4/5)^2`, :math:`V_2 = a^2/8`, :math:`V_3 = 0`,
    :math:`V_{13} = b^2\\pi^8(1/18 - 1/50)` (Saltelli et al. 2008, *Global Sensitivity
    Analysis. The Primer*, §4.9).
    """
    pi = np.pi
    v = a**2 / 8 + b * pi**4 / 5 + b**2 * pi**8 / 18 + 0.5
    v1 = 0.5 * (1 + b * pi**4 / 5) ** 2
    v2 = a**2 / 8
    v13 = b**2 * pi**8 * (1 / 18 - 1 / 50)
    first = np.array([v1, v2, 0.0]) / v
    total = np.array([v1 + v13, v2, v13]) / v
    return first, total


# --- the composite-index Monte Carlo -------------------------------------------------
@dataclass(frozen=True)
class ChoiceSpace:
    """The modelling choices sampled by the Monte Carlo."""

    imputation: tuple[str, ...] = ("none", "mean", "previous")
    normalisation: tuple[str, ...] = ("minmax", "zscore", "rank", "frontier")
    aggregation: tuple[str, ...] = ("arithmetic", "geometric")
    weight_spread: float = 0.25  # pillar weights w_p (1 + U(-s, s)), renormalised

    def check(self) -> None:
        """Raise :class:`InputError` for an empty or invalid choice."""
        for name in ("imputation", "normalisation", "aggregation"):
            if not getattr(self, name):
                raise InputError(f"No {name} options to sample.", "Give at least one.")
        if not 0 <= self.weight_spread < 1:
            raise InputError(f"weight_spread {self.weight_spread} outside [0, 1).")


@dataclass
class _Precomputed:
    index: pd.MultiIndex
    pillars: list[str]
    values: Array  # (combos, units, pillars), geometric ones already log-transformed
    mask: NDArray[np.bool_]  # (combos, units, pillars)
    geometric: NDArray[np.bool_]  # (combos,)
    shape: tuple[int, int, int]  # (imputation, normalisation, aggregation) sizes
    min_coverage: float = 0.5
    year_rows: list[NDArray[np.int64]] = field(default_factory=list)


def _precompute(values: pd.DataFrame, space: ChoiceSpace, outliers: bool,
                min_coverage: float = 0.5) -> _Precomputed:
    from revitalize.indicators.catalogue import indicator

    names = list(dict.fromkeys(values["indicator"]))
    signs = {n: indicator(n).sign for n in names}
    pillar_of = {n: indicator(n).pillar for n in names}
    blocks, masks, geo = [], [], []
    index: pd.MultiIndex | None = None
    pillars: list[str] = []
    for imp in space.imputation:
        wide, _ = prepare(values, signs, imputation=imp, outliers=outliers)
        cols = list(wide.columns)
        index = wide.index  # type: ignore[assignment]
        pillars = list(dict.fromkeys(pillar_of[c] for c in cols))
        sign = np.array([signs[c] for c in cols])
        for norm in space.normalisation:
            sc = normalise(wide.to_numpy(), sign, norm)
            for agg in space.aggregation:
                ps = np.full((len(wide), len(pillars)), np.nan)
                for k, p in enumerate(pillars):
                    idx = [j for j, c in enumerate(cols) if pillar_of[c] == p]
                    sub = sc[:, idx]
                    w = equal_weights(len(idx))
                    if agg == "geometric":
                        from revitalize.indicators.composite import aggregate_geometric

                        ps[:, k] = aggregate_geometric(positive(sub), w)
                    else:
                        from revitalize.indicators.composite import aggregate_arithmetic

                        ps[:, k] = aggregate_arithmetic(sub, w)
                is_geo = agg == "geometric"
                if is_geo:
                    ps = np.log(positive(ps))
                ok = ~np.isnan(ps)
                blocks.append(np.where(ok, ps, 0.0))
                masks.append(ok)
                geo.append(is_geo)
    assert index is not None
    years = index.get_level_values("year").to_numpy()
    year_rows = [np.flatnonzero(years == y) for y in np.unique(years)]
    shape = (len(space.imputation), len(space.normalisation), len(space.aggregation))
    return _Precomputed(index, pillars, np.stack(blocks), np.stack(masks), np.array(geo),
                        shape, min_coverage, year_rows)


def _draw_ranks(pre: _Precomputed, combo: NDArray[np.int64], weights: Array) -> Array:
    """Ranks (units x draws) for draws given by combination ids and pillar weights."""
    n_units = pre.values.shape[1]
    scores = np.full((n_units, combo.size), np.nan)
    for c in np.unique(combo):
        cols = np.flatnonzero(combo == c)
        w = weights[cols].T  # (pillars, k)
        num = pre.values[c] @ w
        den = pre.mask[c].astype(float) @ w
        with np.errstate(invalid="ignore", divide="ignore"):
            s = num / den
        s = np.exp(s) if pre.geometric[c] else s
        covered = pre.mask[c].mean(axis=1) >= pre.min_coverage
        scores[:, cols] = np.where(covered[:, None], s, np.nan)
    ranks = np.full_like(scores, np.nan)
    for rows in pre.year_rows:
        block = scores[rows]
        filled = np.where(np.isnan(block), -np.inf, block)
        order = np.argsort(-filled, axis=0, kind="stable")
        r = np.empty_like(order)
        np.put_along_axis(r, order, np.arange(1, len(rows) + 1)[:, None], axis=0)
        ranks[rows] = np.where(np.isnan(block), np.nan, r)
    return ranks


def _weights_from_u(u: Array, n_pillars: int, spread: float) -> Array:
    w = (1.0 / n_pillars) * (1.0 + spread * (2.0 * u - 1.0))
    out: Array = w / w.sum(axis=1, keepdims=True)
    return out


def _combo(pre: _Precomputed, ui: Array, un: Array, ua: Array) -> NDArray[np.int64]:
    ni, nn, na = pre.shape
    i = np.minimum((ui * ni).astype(np.int64), ni - 1)
    j = np.minimum((un * nn).astype(np.int64), nn - 1)
    k = np.minimum((ua * na).astype(np.int64), na - 1)
    return np.asarray((i * nn + j) * na + k, dtype=np.int64)


@dataclass
class MonteCarloResult:
    """Rank distribution of each region and year."""

    summary: pd.DataFrame  # region, year, rank_median, rank_p05, rank_p95, rank_mean
    ranks: Array  # (units, draws)
    index: pd.MultiIndex
    n: int
    seed: int


def monte_carlo(
    values: pd.DataFrame,
    n: int = 1000,
    seed: int = 0,
    space: ChoiceSpace | None = None,
    *,
    outliers: bool = True,
    quantiles: Sequence[float] = (0.05, 0.95),
    min_coverage: float = 0.5,
) -> MonteCarloResult:
    """Seeded Monte Carlo of the composite index's ranks over the modelling choices.

    Each draw picks an imputation, a normalisation and an aggregation uniformly from
    ``space`` and perturbs the equal pillar weights by a factor :math:`1 + U(-s, s)`
    (renormalised to sum to one); the indicators within a pillar keep equal weights.
    Ranks are taken within each year (1 = best).
    """
    space = space or ChoiceSpace()
    space.check()
    if n < 1:
        raise InputError(f"n = {n} draws.", "Ask for at least one draw.")
    pre = _precompute(values, space, outliers, min_coverage)
    rng = np.random.default_rng(seed)
    u = rng.random((n, 3 + len(pre.pillars)))
    combo = _combo(pre, u[:, 0], u[:, 1], u[:, 2])
    w = _weights_from_u(u[:, 3:], len(pre.pillars), space.weight_spread)
    ranks = _draw_ranks(pre, combo, w)
    lo, hi = quantiles
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        q = np.nanquantile(ranks, [lo, 0.5, hi], axis=1)
        mean = np.nanmean(ranks, axis=1)
    summary = pd.DataFrame({
        "region": pre.index.get_level_values("region"),
        "year": pre.index.get_level_values("year"),
        "rank_median": q[1], f"rank_p{round(lo * 100):02d}": q[0],
        f"rank_p{round(hi * 100):02d}": q[2], "rank_mean": mean,
    })
    return MonteCarloResult(summary, ranks, pre.index, n, seed)


def rank_sensitivity(
    values: pd.DataFrame,
    n: int = 1024,
    seed: int = 0,
    space: ChoiceSpace | None = None,
    *,
    year: int | None = None,
    outliers: bool = True,
) -> SobolResult:
    """Sobol indices of the regions' ranks to the four choices.

    The factors are ``imputation``, ``normalisation``, ``aggregation`` (discrete,
    uniform over the options of ``space``) and ``weights`` (a group of one uniform per
    pillar); the output is the vector of ranks (of ``year`` if given), and the indices
    are variance-weighted over regions (see :func:`sobol_indices`).
    """
    space = space or ChoiceSpace()
    space.check()
    pre = _precompute(values, space, outliers)
    rows = None
    if year is not None:
        years = pre.index.get_level_values("year").to_numpy()
        rows = np.flatnonzero(years == year)
        if rows.size == 0:
            raise InputError(f"No index values in {year}.",
                             f"Years with data: {sorted(set(years.tolist()))}.")
    n_p = len(pre.pillars)

    def f(u: Array) -> Array:
        combo = _combo(pre, u[:, 0], u[:, 1], u[:, 2])
        w = _weights_from_u(u[:, 3:], n_p, space.weight_spread)
        r = _draw_ranks(pre, combo, w)
        if rows is not None:
            r = r[rows]
        return np.nan_to_num(r.T, nan=0.0)

    groups = {"imputation": 1, "normalisation": 1, "aggregation": 1, "weights": n_p}
    return sobol_indices(f, groups, n=n, seed=seed)
