"""Shocks on the three-province Northeast MRIO: impacts by province and spillovers.

A project in one province buys part of its products locally and the rest from the
other modelled provinces and from outside (rest of China and abroad). The final-demand
vector of a province :math:`s` is distributed over supplying regions :math:`r` with

.. math::

    y^{rs}_i = \\begin{cases} \\ell^s_i\\, y^s_i & r = s \\\\
               (1 - \\ell^s_i)\\, t^{rs}_i\\, y^s_i & r \\ne s \\end{cases},
    \\qquad \\ell^s_i = \\min(SLQ^s_i, 1)

where :math:`t^{rs}_i` are the gravity trade shares that also split the intermediate
purchases in :func:`~revitalize.inputoutput.mrio.build_mrio`; the share bought from
the rest of China leaves the model. Output by region and sector is then
:math:`x = (I - A^{MRIO})^{-1} y` (Miller & Blair 2009, ch. 3), solved for all
scenarios at once.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError
from revitalize.inputoutput.core import LeontiefSolver
from revitalize.inputoutput.mrio import (
    MRIO,
    REST,
    build_mrio,
    capital_distances,
    gravity_trade_shares,
)
from revitalize.inputoutput.table import IOTable
from revitalize.regions import resolve

__all__ = ["RegionalModel", "distribute_final_demand", "northeast_model", "regional_impacts"]

_MONEY = 1e4  # national table in 10k CNY; provincial GDP in 100m CNY


@dataclass(frozen=True)
class RegionalModel:
    """An MRIO with the national table it was built from and its trade shares."""

    mrio: MRIO
    national: IOTable
    trade: np.ndarray  # (R + 1) x R x n gravity shares, origins incl. REST
    beta: float
    notes: tuple[str, ...]

    @property
    def regions(self) -> tuple[str, ...]:
        """Region codes of the MRIO (GB/T 2260)."""
        return self.mrio.regions


def northeast_model(
    year: int = 2020,
    regions: Sequence[str] = ("LN", "JL", "HL"),
    *,
    method: str = "flq",
    delta: float = 0.3,
    beta: float = 1.0,
    national: IOTable | None = None,
) -> RegionalModel:
    """The MRIO of ``regions`` (default the three Northeast provinces) for ``year``."""
    from revitalize.inputoutput.regionalize import provincial_sector_output

    nat = national if national is not None else IOTable.from_nbs(year, 42)
    x_n = nat.x / _MONEY
    va_n = nat.V.sum(axis=0) / _MONEY
    codes = [resolve(r).code for r in regions]
    notes: list[str] = []
    outs = {}
    for code in codes:
        est = provincial_sector_output(code, year, va_n, x_n)
        outs[code] = est["output"]
        notes.extend(str(n) for n in est.attrs.get("notes", []))
    X = pd.DataFrame(outs).reindex(nat.x.index).fillna(0.0)
    mrio = build_mrio(nat.A, X, x_n, method=method, delta=delta, beta=beta)
    supply = pd.concat([X, (x_n - X.sum(axis=1)).clip(lower=0).rename(REST)], axis=1)
    trade = gravity_trade_shares(supply, capital_distances(list(X.columns)), beta)
    notes.append(
        f"MRIO of {', '.join(resolve(c).name_en for c in codes)} {year}: {method.upper()} "
        f"intra-regional coefficients, gravity trade (beta = {beta}) between provincial "
        "capitals, the rest of China as an outside origin."
    )
    return RegionalModel(mrio, nat, trade, beta, tuple(dict.fromkeys(notes)))


def _local_shares(mrio: MRIO, national_output: np.ndarray) -> np.ndarray:
    """min(SLQ, 1) by region and sector, shape R x n."""
    n = len(mrio.sectors)
    X = mrio.output.reshape(len(mrio.regions), n)
    share_n = national_output / national_output.sum()
    out = np.zeros_like(X)
    for k in range(len(X)):
        tot = X[k].sum()
        slq = np.divide(
            X[k] / tot if tot > 0 else X[k], share_n, out=np.zeros(n), where=share_n > 0
        )
        out[k] = np.minimum(slq, 1.0)
    return out


def distribute_final_demand(
    model: RegionalModel, region: str, y: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Final demand of ``region`` split over supplying regions (see the module docstring).

    Parameters
    ----------
    y
        Demand for domestic products by sector, (n,) or (n, k), in MRIO units.

    Returns
    -------
    (y_mrio, outside)
        (R n,) or (R n, k) demand on the modelled regions and (n,) or (n, k) bought
        from the rest of China.
    """
    code = resolve(region).code
    if code not in model.regions:
        raise InputError(
            f"{resolve(region).name_en} is not a region of this model.",
            f"Use one of {', '.join(model.regions)}.",
        )
    s = model.regions.index(code)
    n, R = len(model.mrio.sectors), len(model.regions)
    y2 = y.reshape(n, -1)
    local = _local_shares(model.mrio, model.national.x.to_numpy(float) / _MONEY)[s]
    out = np.zeros((R * n, y2.shape[1]))
    out[s * n : (s + 1) * n] = local[:, None] * y2
    rest = (1.0 - local)[:, None] * y2
    for r in range(R):
        if r != s:
            out[r * n : (r + 1) * n] = model.trade[r, s][:, None] * rest
    outside = model.trade[R:, s].sum(axis=0)[:, None] * rest
    if y.ndim == 1:
        return out[:, 0], outside[:, 0]
    return out, outside


def regional_impacts(model: RegionalModel, region: str, shocks: pd.DataFrame) -> pd.DataFrame:
    """Impacts by region and sector of final-demand shocks in ``region``.

    ``shocks`` is sector x scenario in the national table's money unit (e.g. from
    :func:`~revitalize.inputoutput.impact.shock_matrix` on ``model.national``).
    Returns a tidy frame: ``scenario, region, sector, measure, value, unit`` with
    measures ``final_demand`` (where the demand lands), ``output``, ``value_added``,
    ``employment`` and ``outside_purchases`` (direct purchases from the rest of China).
    """
    nat = model.national
    if not shocks.index.equals(nat.x.index):
        raise InputError(
            "The shock matrix is not indexed by the table's sectors.",
            "Build it with shock_matrix(model.national, shocks).",
        )
    y = shocks.to_numpy(float) / _MONEY
    y_mrio, outside = distribute_final_demand(model, region, y)
    x = LeontiefSolver(model.mrio.A).solve(y_mrio)
    idx = model.mrio.index()
    R = len(model.regions)
    v = np.tile(nat.value_added_coefficients.to_numpy(float), R)
    measures = {
        "final_demand": (y_mrio, "CNY 100m"),
        "output": (x, "CNY 100m"),
        "value_added": (v[:, None] * x, "CNY 100m"),
    }
    if "employment" in nat.satellites.index:
        e = np.tile(nat.employment_coefficients.to_numpy(float), R) * _MONEY
        measures["employment"] = (e[:, None] * x, nat.satellite_units.get("employment", ""))
    parts = []
    for name, (vals, unit) in measures.items():
        frame = pd.DataFrame(vals, index=idx, columns=shocks.columns)
        long = frame.melt(ignore_index=False, var_name="scenario", value_name="value")
        long = long.reset_index()
        long["measure"] = name
        long["unit"] = unit
        parts.append(long)
    rest = pd.DataFrame(outside, index=nat.x.index, columns=shocks.columns)
    rest = rest.melt(ignore_index=False, var_name="scenario", value_name="value").reset_index()
    rest["region"] = REST
    rest["measure"] = "outside_purchases"
    rest["unit"] = "CNY 100m"
    parts.append(rest)
    out = pd.concat(parts, ignore_index=True)
    return out[["scenario", "region", "sector", "measure", "value", "unit"]]
