"""Composite indicators: imputation, outlier treatment, normalisation, weighting,
aggregation (after the OECD/JRC Handbook, 2008, and the JRC's COINr).

The functions work on NumPy arrays of shape ``(units, indicators)`` with NaN for
missing values; :func:`composite_index` wires them to labelled pandas frames.

References
----------
OECD & JRC (2008). *Handbook on Constructing Composite Indicators: Methodology and
User Guide*. OECD Publishing, Paris.
Becker, W., Caperna, G., Del Sorbo, M., Norlén, H., Papadimitriou, E., Saisana, M.
(2022). COINr: An R package for developing composite indicators. *JOSS* 7(78), 4567.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from revitalize.exceptions import InputError

__all__ = [
    "AGGREGATORS",
    "IMPUTERS",
    "NORMALISERS",
    "WEIGHTERS",
    "IndexResult",
    "aggregate_arithmetic",
    "aggregate_geometric",
    "budget_allocation_weights",
    "check_weights",
    "composite_index",
    "equal_weights",
    "impute",
    "normalise",
    "normalise_distance_to_frontier",
    "normalise_distance_to_target",
    "normalise_goalposts",
    "normalise_minmax",
    "normalise_rank",
    "normalise_zscore",
    "pca_weights",
    "winsorise",
]

Array = NDArray[np.float64]

NORMALISERS = ("minmax", "zscore", "rank", "target", "frontier")
IMPUTERS = ("none", "mean", "median", "previous")
AGGREGATORS = ("arithmetic", "geometric")
WEIGHTERS = ("equal", "user", "pca", "budget")


class CompositeError(InputError):
    """A composite-index option or weight vector that cannot be used."""


# --- imputation --------------------------------------------------------------------
def impute(x: Array, method: str, groups: NDArray[np.int64] | None = None,
           order: NDArray[np.int64] | None = None) -> Array:
    """Fill missing values.

    ``mean`` / ``median``: the indicator's mean (median) over the units of the same
    group (year) — unconditional mean substitution (OECD/JRC 2008, §1.3);
    ``previous``: the unit's last earlier observation (last observation carried
    forward; needs ``groups`` = unit ids and ``order`` = years); ``none``: unchanged.
    """
    if method == "none":
        return x
    out = x.copy()
    g = np.zeros(len(x), dtype=np.int64) if groups is None else groups
    if method in ("mean", "median"):
        stat = np.nanmean if method == "mean" else np.nanmedian
        for k in np.unique(g):
            rows = g == k
            block = out[rows]
            with np.errstate(all="ignore"):
                import warnings

                with warnings.catch_warnings():
                    warnings.simplefilter("ignore", RuntimeWarning)
                    fill = stat(block, axis=0)
            block = np.where(np.isnan(block), fill, block)
            out[rows] = block
        return out
    if method == "previous":
        if groups is None or order is None:
            raise CompositeError("Imputation 'previous' needs unit ids and years.")
        df = pd.DataFrame(out)
        df["_u"], df["_t"] = groups, order
        df = df.sort_values(["_u", "_t"])
        filled = df.groupby("_u").ffill()
        return filled.loc[np.arange(len(x)), list(range(x.shape[1]))].to_numpy(dtype=float)
    raise CompositeError(f"Unknown imputation {method!r}.", "Use one of: " + ", ".join(IMPUTERS))


# --- outliers ----------------------------------------------------------------------
def winsorise(col: Array, skew_max: float = 2.0, kurt_max: float = 3.5,
              max_points: int = 5) -> tuple[Array, int]:
    """Winsorise one indicator while it is both skewed and heavy-tailed.

    While :math:`|\\text{skew}| > 2` and excess kurtosis :math:`> 3.5`, the most
    extreme value on the side of the skew is replaced by the next value inward, up to
    ``max_points`` times (the rule of the JRC COIN audits and COINr's ``qTreat``).

    Returns
    -------
    (array, int)
        The treated column and the number of points winsorised.
    """
    from scipy.stats import kurtosis, skew

    y = col.copy()
    ok = ~np.isnan(y)
    n = 0
    while n < max_points and ok.sum() > 3:
        v = y[ok]
        s, k = float(skew(v)), float(kurtosis(v))
        if not (abs(s) > skew_max and k > kurt_max):
            break
        srt = np.sort(v)
        if s > 0:
            hi = srt[-1]
            nxt = srt[srt < hi]
            if nxt.size == 0:
                break
            y[ok & (y == hi)] = nxt[-1]
        else:
            lo = srt[0]
            nxt = srt[srt > lo]
            if nxt.size == 0:
                break
            y[ok & (y == lo)] = nxt[0]
        n += 1
    return y, n


# --- normalisation -----------------------------------------------------------------
def _oriented(x: Array, sign: Array) -> Array:
    return x * sign


def normalise_minmax(x: Array, sign: Array, lo: float = 0.0, hi: float = 100.0) -> Array:
    """Min-max: :math:`I = lo + (hi-lo)\\,(x - \\min x)/(\\max x - \\min x)`.

    Indicators where lower is better (``sign`` = -1) are reversed first. A constant
    indicator scores the midpoint. OECD/JRC (2008), §5, Table 13 (method 4).
    """
    y = _oriented(x, sign)
    mn, mx = np.nanmin(y, axis=0), np.nanmax(y, axis=0)
    rng = mx - mn
    safe = np.where(rng > 0, rng, 1.0)
    return np.where(rng > 0, lo + (hi - lo) * (y - mn) / safe, (lo + hi) / 2)


def normalise_goalposts(x: Array, lo: Array, hi: Array) -> Array:
    """Min-max on fixed goalposts: :math:`I = (x - lo)/(hi - lo)`, capped to [0, 1].

    The dimension indices of the UNDP Human Development Index (UNDP, *Human Development
    Report 2020, Technical notes*, p. 2).
    """
    return np.clip((x - lo) / (hi - lo), 0.0, 1.0)


def normalise_zscore(x: Array, sign: Array, mean: float = 0.0, sd: float = 1.0) -> Array:
    """Standardisation: :math:`I = mean + sd\\,(x - \\bar x)/s_x` (OECD/JRC 2008, §5, method 3)."""
    y = _oriented(x, sign)
    mu = np.nanmean(y, axis=0)
    s = np.nanstd(y, axis=0, ddof=1)
    safe = np.where(s > 0, s, 1.0)
    return np.where(s > 0, mean + sd * (y - mu) / safe, mean)


def normalise_rank(x: Array, sign: Array) -> Array:
    """Ranking: :math:`I = \\mathrm{rank}(x)` (1 = worst; ties get the average rank).

    OECD/JRC (2008), §5, method 1. Missing values stay missing.
    """
    from scipy.stats import rankdata

    y = _oriented(x, sign)
    out = np.full_like(y, np.nan)
    for j in range(y.shape[1]):
        ok = ~np.isnan(y[:, j])
        out[ok, j] = rankdata(y[ok, j])
    return out


def normalise_distance_to_target(x: Array, sign: Array, target: Array) -> Array:
    """Distance to target: :math:`I = 100\\,(x - \\min x)/(t - \\min x)`, capped at 100.

    For lower-is-better indicators the orientation is reversed
    (:math:`(\\max x - x)/(\\max x - t)`). COINr ``n_dist2targ`` (Becker et al. 2022).
    """
    y = _oriented(x, sign)
    t = target * sign
    mn = np.nanmin(y, axis=0)
    den = t - mn
    safe = np.where(den > 0, den, 1.0)
    return np.where(den > 0, np.minimum(100.0 * (y - mn) / safe, 100.0), 100.0)


def normalise_distance_to_frontier(x: Array, sign: Array) -> Array:
    """Distance to the frontier (best performer): :math:`I = 100\\,x/\\max x`;
    for lower-is-better, :math:`I = 100\\,\\min x / x`.

    OECD/JRC (2008), §5, method 5 ("distance to a reference", the leader). Needs
    positive data.
    """
    best = np.where(sign > 0, np.nanmax(x, axis=0), np.nanmin(x, axis=0))
    with np.errstate(divide="ignore", invalid="ignore"):
        out = np.where(sign > 0, 100.0 * x / best, 100.0 * best / x)
    return np.where(np.isfinite(out), out, np.nan)


def normalise(x: Array, sign: Array, method: str, target: Array | None = None) -> Array:
    """Dispatch to the normaliser named ``method`` (one of :data:`NORMALISERS`)."""
    if method == "minmax":
        return normalise_minmax(x, sign)
    if method == "zscore":
        return normalise_zscore(x, sign)
    if method == "rank":
        return normalise_rank(x, sign)
    if method == "frontier":
        return normalise_distance_to_frontier(x, sign)
    if method == "target":
        if target is None:
            raise CompositeError("Normalisation 'target' needs a target per indicator.")
        return normalise_distance_to_target(x, sign, target)
    raise CompositeError(f"Unknown normalisation {method!r}.",
                         "Use one of: " + ", ".join(NORMALISERS) + ".")


# --- weighting ---------------------------------------------------------------------
def equal_weights(n: int) -> Array:
    """Equal weights :math:`w_j = 1/n`."""
    if n <= 0:
        raise CompositeError("No indicators to weight.")
    return np.full(n, 1.0 / n)


def check_weights(w: Sequence[float] | Array, n: int | None = None,
                  tol: float = 1e-6) -> Array:
    """Check user weights: non-negative, finite, of length ``n``, summing to one."""
    arr = np.asarray(w, dtype=float)
    if n is not None and arr.shape != (n,):
        raise CompositeError(f"{arr.size} weights given for {n} components.",
                             "Give one weight per component.")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise CompositeError("Weights must be finite and non-negative.")
    total = float(arr.sum())
    if abs(total - 1.0) > tol:
        raise CompositeError(f"Weights sum to {total:.6g}, not 1.",
                             "Rescale them so that they sum to one (divide by their sum).")
    return arr


def pca_weights(x: Array) -> Array:
    """Weights from principal components (OECD/JRC 2008, §6.1; Nicoletti et al. 2000).

    The indicators are standardised; the components with eigenvalue > 1 (at least one)
    are kept; each indicator is assigned to the component on which its squared
    (varimax-free) loading is largest; weight = squared loading scaled to unity sum
    within the component, times the component's share of the explained variance.
    Missing values are replaced by the column mean for this estimate only.
    """
    if x.shape[1] == 1:
        return np.ones(1)
    z = (x - np.nanmean(x, axis=0)) / np.where(np.nanstd(x, axis=0) > 0,
                                               np.nanstd(x, axis=0), 1.0)
    z = np.where(np.isnan(z), 0.0, z)
    with np.errstate(invalid="ignore", divide="ignore"):
        corr = np.corrcoef(z, rowvar=False)
    corr = np.where(np.isfinite(corr), corr, 0.0)
    vals, vecs = np.linalg.eigh(corr)
    order = np.argsort(vals)[::-1]
    vals, vecs = vals[order], vecs[:, order]
    keep = max(1, int(np.sum(vals > 1.0)))
    load2 = (vecs[:, :keep] * np.sqrt(np.maximum(vals[:keep], 0))) ** 2
    assign = np.argmax(load2, axis=1)
    w = np.zeros(x.shape[1])
    with np.errstate(invalid="ignore", divide="ignore"):
        share = vals[:keep] / vals[:keep].sum()
        for k in range(keep):
            rows = assign == k
            if rows.any():
                w[rows] = share[k] * load2[rows, k] / load2[rows, k].sum()
    if not w.sum() > 0:
        return equal_weights(x.shape[1])
    out: Array = w / w.sum()
    return out


def budget_allocation_weights(allocations: Array | Sequence[Sequence[float]],
                              budget: float = 100.0) -> Array:
    """Budget allocation (OECD/JRC 2008, §6.1.4): each expert spreads ``budget``
    points over the indicators; the weight is the mean allocation over ``budget``.

    :math:`w_j = \\frac{1}{E B}\\sum_e a_{ej}`
    """
    a = np.atleast_2d(np.asarray(allocations, dtype=float))
    sums = a.sum(axis=1)
    bad = np.flatnonzero(np.abs(sums - budget) > 1e-6 * budget)
    if bad.size:
        raise CompositeError(f"Expert {int(bad[0]) + 1} allocates {sums[bad[0]]:g} points, "
                             f"not {budget:g}.", "Each expert must spend the whole budget.")
    if np.any(a < 0):
        raise CompositeError("Budget allocations must be non-negative.")
    out: Array = a.mean(axis=0) / budget
    return out


# --- aggregation -------------------------------------------------------------------
def aggregate_arithmetic(x: Array, w: Array) -> Array:
    """Weighted arithmetic mean, weights re-scaled over the non-missing components:
    :math:`CI = \\sum_j w_j I_j / \\sum_{j:\\,I_j\\ne NA} w_j` (OECD/JRC 2008, §6.2)."""
    ok = ~np.isnan(x)
    den = ok @ w
    num = np.where(ok, x, 0.0) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, num / den, np.nan)


def aggregate_geometric(x: Array, w: Array) -> Array:
    """Weighted geometric mean :math:`CI = \\prod_j I_j^{w_j / \\sum w}` over the
    non-missing components (OECD/JRC 2008, §6.2); needs positive values."""
    ok = ~np.isnan(x)
    if np.any(x[ok] <= 0):
        raise CompositeError("Geometric aggregation needs positive normalised values.",
                             "Use min-max on [1, 100], rank or frontier normalisation.")
    den = ok @ w
    num = np.where(ok, np.log(np.where(ok, x, 1.0)), 0.0) @ w
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(den > 0, np.exp(num / den), np.nan)


def aggregate(x: Array, w: Array, method: str) -> Array:
    """Dispatch to :func:`aggregate_arithmetic` or :func:`aggregate_geometric`."""
    if method == "arithmetic":
        return aggregate_arithmetic(x, w)
    if method == "geometric":
        return aggregate_geometric(positive(x), w)
    raise CompositeError(f"Unknown aggregation {method!r}.",
                         "Use one of: " + ", ".join(AGGREGATORS) + ".")


def positive(x: Array) -> Array:
    """Shift each column so that its minimum is 1 (for geometric aggregation of
    normalised values that may be zero or negative); positive columns are unchanged
    if their minimum is already at least 1."""
    mn = np.nanmin(x, axis=0)
    return np.where(mn < 1.0, x - mn + 1.0, x)


# --- the pipeline ------------------------------------------------------------------
@dataclass
class IndexResult:
    """A composite index: indicator scores, pillar scores, overall score and rank."""

    scores: pd.DataFrame
    pillars: pd.DataFrame
    index: pd.DataFrame
    weights: pd.Series
    options: dict[str, object] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)


def _weights(method: str, x: Array, names: list[str],
             user: Mapping[str, float] | None, budget: Array | None) -> Array:
    if method == "equal":
        return equal_weights(len(names))
    if method == "user":
        if user is None:
            raise CompositeError("Weighting 'user' needs weights.")
        unknown = sorted(set(user) - set(names))
        if unknown:
            raise CompositeError(f"Weights for unknown components: {unknown}.",
                                 "Components: " + ", ".join(names) + ".")
        return check_weights([user.get(n, 0.0) for n in names], len(names))
    if method == "pca":
        return pca_weights(x)
    if method == "budget":
        if budget is None:
            raise CompositeError("Weighting 'budget' needs expert allocations.")
        return budget_allocation_weights(budget)
    raise CompositeError(f"Unknown weighting {method!r}.",
                         "Use one of: " + ", ".join(WEIGHTERS) + ".")


def prepare(values: pd.DataFrame, signs: Mapping[str, float], *, imputation: str = "none",
            outliers: bool = True) -> tuple[pd.DataFrame, list[str]]:
    """Wide (region, year) x indicator frame after imputation and winsorisation."""
    wide = values.pivot_table(index=["region", "year"], columns="indicator", values="value")
    wide = wide[[c for c in signs if c in wide.columns]]
    x = wide.to_numpy(dtype=float, copy=True)
    reg = pd.factorize(wide.index.get_level_values("region"))[0].astype(np.int64)
    yr = wide.index.get_level_values("year").to_numpy(dtype=np.int64)
    groups = reg if imputation == "previous" else yr
    x = np.array(impute(x, imputation, groups, yr), dtype=float, copy=True)
    notes: list[str] = []
    if outliers:
        for j, name in enumerate(wide.columns):
            x[:, j], n = winsorise(x[:, j])
            if n:
                notes.append(f"{name}: {n} value(s) winsorised")
    return pd.DataFrame(x, index=wide.index, columns=wide.columns), notes


def composite_index(
    values: pd.DataFrame,
    *,
    imputation: str = "none",
    outliers: bool = True,
    normalisation: str = "minmax",
    weighting: str = "equal",
    aggregation: str = "arithmetic",
    pillar_weights: Mapping[str, float] | None = None,
    indicator_weights: Mapping[str, float] | None = None,
    budget: Array | None = None,
    targets: Mapping[str, float] | None = None,
    min_coverage: float = 0.5,
) -> IndexResult:
    """Build the composite index over a panel of regions and years.

    Parameters
    ----------
    values
        Tidy frame with ``region, indicator, pillar, year, value`` (as from
        :func:`~revitalize.indicators.catalogue.indicator_values`).
    imputation, outliers, normalisation, aggregation
        Choices (see :data:`IMPUTERS`, :data:`NORMALISERS`, :data:`AGGREGATORS`);
        normalisation runs over the whole panel so that scores compare across years.
    weighting
        Weights of the indicators within each pillar (``equal``, ``user`` with
        ``indicator_weights`` summing to one within each pillar, ``pca``, ``budget``
        with ``budget`` allocations over all indicators).
    pillar_weights
        Weights of the pillars in the overall index (must sum to one); equal if None.
    min_coverage
        Share of the panel's pillars a region-year must have a score on to receive an
        overall score (COINr's data-availability threshold); others are left empty.
    """
    from revitalize.indicators.catalogue import indicator

    if values.empty:
        raise CompositeError("No indicator values to aggregate.",
                             "Choose years and indicators with data.")
    names = list(dict.fromkeys(values["indicator"]))
    signs = {n: indicator(n).sign for n in names}
    pillar_of = {n: indicator(n).pillar for n in names}
    wide, notes = prepare(values, signs, imputation=imputation, outliers=outliers)
    cols = list(wide.columns)
    sign = np.array([signs[c] for c in cols])
    tgt = None
    if normalisation == "target":
        missing = [c for c in cols if not targets or c not in targets]
        if missing:
            raise CompositeError(f"No target for {missing}.", "Pass targets={indicator: value}.")
        assert targets is not None
        tgt = np.array([targets[c] for c in cols])
    scores = normalise(wide.to_numpy(), sign, normalisation, tgt)
    pillars = list(dict.fromkeys(pillar_of[c] for c in cols))
    pscore = np.full((len(wide), len(pillars)), np.nan)
    weights: dict[str, float] = {}
    all_budget = None
    if weighting == "budget":
        all_budget = budget_allocation_weights(budget) if budget is not None else None
        if all_budget is None or all_budget.size != len(cols):
            raise CompositeError("Budget allocations must cover every indicator.",
                                 f"Give {len(cols)} allocations per expert.")
    for k, p in enumerate(pillars):
        idx = [j for j, c in enumerate(cols) if pillar_of[c] == p]
        sub = [cols[j] for j in idx]
        if weighting == "budget":
            assert all_budget is not None
            w = all_budget[idx]
            w = w / w.sum() if w.sum() > 0 else equal_weights(len(idx))
        else:
            uw = ({n: v for n, v in indicator_weights.items() if n in sub}
                  if indicator_weights is not None else None)
            w = _weights(weighting, scores[:, idx], sub, uw, None)
        weights.update(dict(zip(sub, w.tolist(), strict=True)))
        pscore[:, k] = aggregate(scores[:, idx], w, aggregation)
    pw = (equal_weights(len(pillars)) if pillar_weights is None else
          _weights("user", pscore, pillars, pillar_weights, None))
    overall = aggregate(pscore, pw, aggregation)
    covered = (~np.isnan(pscore)).mean(axis=1) >= min_coverage
    overall = np.where(covered, overall, np.nan)
    if not covered.all():
        notes.append(f"{int((~covered).sum())} region-year(s) below {min_coverage:.0%} pillar "
                     "coverage left without an index")
    idx_frame = pd.DataFrame({"score": overall}, index=wide.index)
    idx_frame["rank"] = idx_frame.groupby(level="year")["score"].rank(ascending=False,
                                                                       method="min")
    return IndexResult(
        scores=pd.DataFrame(scores, index=wide.index, columns=cols),
        pillars=pd.DataFrame(pscore, index=wide.index, columns=pillars),
        index=idx_frame,
        weights=pd.Series(weights, name="weight"),
        options={"imputation": imputation, "outliers": outliers,
                 "normalisation": normalisation, "weighting": weighting,
                 "aggregation": aggregation, "min_coverage": min_coverage},
        notes=notes,
    )
