"""Peer benchmarking (similar regions) and disparities within a group of regions.

Similar regions are the :math:`k` nearest neighbours by Euclidean distance on
min-max normalised indicators (the approach of the OECD Regional Well-Being
"regions like yours", OECD 2014, *How's Life in Your Region?*, ch. 2). Disparities:
the coefficient of variation and the Theil index (Theil 1967; Shorrocks 1980).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from revitalize import regions as _regions
from revitalize.exceptions import InputError
from revitalize.indicators.catalogue import indicator_values

__all__ = [
    "coefficient_of_variation",
    "disparities",
    "nearest_peers",
    "peer_distances",
    "theil_index",
]

Array = NDArray[np.float64]


def coefficient_of_variation(x: Array, weights: Array | None = None) -> float:
    """:math:`CV = \\sigma / \\mu` (population standard deviation; weighted by e.g.
    population if ``weights`` is given: :math:`\\sigma_w = \\sqrt{\\sum p_i (x_i -
    \\mu_w)^2}`, :math:`\\mu_w = \\sum p_i x_i`, :math:`p = w/\\sum w`; Williamson 1965)."""
    x = np.asarray(x, dtype=float)
    p = np.full(x.size, 1.0 / x.size) if weights is None else np.asarray(weights) / np.sum(weights)
    mu = float(np.sum(p * x))
    if mu == 0:
        raise InputError("Coefficient of variation of values with zero mean.")
    return float(np.sqrt(np.sum(p * (x - mu) ** 2)) / mu)


def theil_index(x: Array, weights: Array | None = None) -> float:
    """Theil T index.

    Unweighted: :math:`T = \\frac1n \\sum_i \\frac{x_i}{\\mu} \\ln \\frac{x_i}{\\mu}`.
    With population weights :math:`w` (for a per-capita variable :math:`x`):
    :math:`T = \\sum_i s_i \\ln(s_i / p_i)`, :math:`s_i = w_i x_i / \\sum w x`,
    :math:`p_i = w_i / \\sum w` (Theil 1967). Zero when all are equal; needs
    positive values.
    """
    x = np.asarray(x, dtype=float)
    if np.any(x <= 0):
        raise InputError("The Theil index needs positive values.")
    w = np.ones_like(x) if weights is None else np.asarray(weights, dtype=float)
    p = w / w.sum()
    s = w * x / np.sum(w * x)
    return float(np.sum(s * np.log(s / p)))


def _matrix(year: int, indicators: Sequence[str] | None) -> pd.DataFrame:
    v = indicator_values(list(indicators) if indicators else None, years=(year, year))
    if v.empty:
        raise InputError(f"No indicator values in {year}.", "Choose another --year.")
    wide = v.pivot_table(index="region", columns="indicator", values="value")
    keep = wide.columns[wide.notna().mean() >= 0.8]
    return wide[keep]


def peer_distances(year: int, indicators: Sequence[str] | None = None) -> pd.DataFrame:
    """Distance between every pair of provinces in ``year``.

    .. math:: d_{ab} = \\sqrt{\\frac{1}{|J_{ab}|} \\sum_{j \\in J_{ab}}
              (z_{aj} - z_{bj})^2}

    with :math:`z` the min-max normalised indicators (0-1) and :math:`J_{ab}` the
    indicators both regions report (indicators with less than 80 % coverage are left
    out).
    """
    wide = _matrix(year, indicators)
    x = wide.to_numpy(dtype=float)
    mn, mx = np.nanmin(x, axis=0), np.nanmax(x, axis=0)
    z = (x - mn) / np.where(mx > mn, mx - mn, 1.0)
    diff = z[:, None, :] - z[None, :, :]
    ok = ~np.isnan(diff)
    cnt = ok.sum(axis=2)
    d = np.sqrt(np.where(ok, diff**2, 0.0).sum(axis=2) / np.maximum(cnt, 1))
    d[cnt == 0] = np.nan
    return pd.DataFrame(d, index=wide.index, columns=wide.index)


def nearest_peers(region: str, year: int, k: int = 5,
                  indicators: Sequence[str] | None = None) -> pd.DataFrame:
    """The ``k`` provinces closest to ``region`` in ``year`` (see :func:`peer_distances`)."""
    code = _regions.resolve(region).code
    if k < 1:
        raise InputError(f"k = {k}.", "Ask for at least one peer.")
    d = peer_distances(year, indicators)
    if code not in d.index:
        raise InputError(f"No indicator values for {region!r} in {year}.",
                         "Choose another year or region.")
    dist = pd.Series(d.loc[code]).drop(code).dropna()
    row = dist.sort_values(kind="stable").head(k)
    return pd.DataFrame({"region": code, "peer": row.index, "distance": row.to_numpy(),
                         "rank": np.arange(1, len(row) + 1), "year": year})


def disparities(year: int, group: str = "northeast",
                indicators: Sequence[str] | None = None) -> pd.DataFrame:
    """Coefficient of variation and Theil index of each indicator across a group.

    The Theil index is left empty for indicators with zero or negative values.
    """
    members = [r.code for r in _regions.expand(group)]
    if len(members) < 2:
        raise InputError(f"Group {group!r} has fewer than two regions.")
    v = indicator_values(list(indicators) if indicators else None, years=(year, year))
    v = v[v["region"].isin(members)]
    rows = []
    for (ind, unit), part in v.groupby(["indicator", "unit"], sort=False):
        x = part["value"].to_numpy(dtype=float)
        if len(x) < len(members):
            continue
        mu = float(x.mean())
        rows.append({
            "indicator": ind, "unit": unit, "year": year, "mean": mu,
            "min": float(x.min()), "max": float(x.max()),
            "cv": coefficient_of_variation(x) if mu != 0 else np.nan,
            "theil": theil_index(x) if np.all(x > 0) else np.nan,
        })
    return pd.DataFrame(rows)
