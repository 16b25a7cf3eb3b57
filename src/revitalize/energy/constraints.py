"""Extra constraints added to PyPSA's linopy model (``extra_functionality``).

Both read their settings from ``n.meta`` (written by
:func:`revitalize.energy.network.build_network`), so the function can be handed to
``n.optimize(extra_functionality=extra_functionality)`` as it is.

(a) **Heating-season CHP minimum.** Coal plants in the Northeast are mostly combined
heat and power; in heating months their electrical output cannot fall below a share of
capacity. For every bus :math:`b` and snapshot :math:`t` with
:math:`s_{b,m(t)} > 0`:

.. math::

    \\sum_{g \\in \\mathrm{coal}(b)} p_{g,t} \\;\\ge\\;
    s_{b,m(t)} \\Bigl(\\sum_{g \\in \\mathrm{fixed}} \\bar P_g
    + \\sum_{g \\in \\mathrm{ext}} P_g\\Bigr)

where :math:`\\bar P_g` is the installed capacity (``p_nom``) and :math:`P_g` the
capacity variable of extendable plant (``p_nom_opt`` after solving).

(b) **Reserve margin.** Firm capacity, weighted by a capacity credit :math:`k`, must
exceed the peak load by the margin :math:`r`:

.. math::

    \\sum_{g} k_{carrier(g)} P_g \\;\\ge\\; (1 + r)\\, \\hat L

over generators, storage units and fuel-cell links (:math:`P` times efficiency), either
for the whole system against the coincident hourly peak or per bus against each bus's
peak (``reserve_scope``). Imports earn no credit.

References
----------
PyPSA documentation, "Optimal power flow - Custom constraints and other functionality"
(``extra_functionality``; https://docs.pypsa.org). Brown, T., Hörsch, J. &
Schlachtberger, D. (2018). PyPSA: Python for Power System Analysis. *JORS* 6(1), 4.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import pandas as pd

__all__ = [
    "add_chp_minimum",
    "add_link_pairs",
    "add_reserve_margin",
    "extra_functionality",
    "firm_terms",
]


def _sum_fixed_and_ext(
    m: Any, static: pd.DataFrame, var: str, names: pd.Index, weight: pd.Series | None = None
) -> tuple[float, Any]:
    """Fixed capacity and the linear expression of extendable capacity of ``names``."""
    w = pd.Series(1.0, index=names) if weight is None else weight.reindex(names).fillna(0.0)
    ext = static.loc[names, "p_nom_extendable"].astype(bool)
    fixed = float((static.loc[names, "p_nom"] * w)[~ext].sum())
    ext_names = names[ext.to_numpy()]
    expr = None
    if len(ext_names):
        import xarray as xr

        coeff = xr.DataArray(w[ext_names].to_numpy(), coords={"name": list(ext_names)})
        expr = (m.variables[var].sel(name=list(ext_names)) * coeff).sum("name")
    return fixed, expr


def add_chp_minimum(n: Any, snapshots: pd.Index, chp_min: Mapping[str, list[float]]) -> None:
    """Add constraint (a) for every bus with a positive share in some snapshot."""
    import xarray as xr

    m = n.model
    gens = n.generators
    months = pd.DatetimeIndex(snapshots).month.to_numpy()
    p = m.variables["Generator-p"]
    for bus, shares in chp_min.items():
        share = np.asarray(shares, dtype=float)[months - 1]
        names = gens.index[(gens.carrier == "coal") & (gens.bus == bus)]
        if not (share > 0).any() or len(names) == 0:
            continue
        fixed, ext = _sum_fixed_and_ext(m, gens, "Generator-p_nom", names)
        s = xr.DataArray(share, coords={"snapshot": snapshots})
        lhs = p.sel(snapshot=snapshots, name=list(names)).sum("name")
        if ext is not None:
            lhs = lhs - s * ext
        m.add_constraints(lhs >= s * fixed, name=f"chp_min-{bus}", mask=s > 0)


def firm_terms(n: Any, bus: str | None, credit: Mapping[str, float]) -> tuple[float, Any]:
    """Firm capacity at ``bus`` (all modelled buses if None): fixed MW and expression."""
    m = n.model
    fixed_total, exprs = 0.0, []
    home = set(n.meta.get("buses", []))
    for comp, var in (
        ("generators", "Generator-p_nom"),
        ("storage_units", "StorageUnit-p_nom"),
        ("links", "Link-p_nom"),
    ):
        static = getattr(n, comp)
        if static.empty:
            continue
        if comp == "links":
            static = static[static.carrier == "fuel cell"]
            at = static.bus1
            weight = static.carrier.map(credit).fillna(0.0) * static.efficiency
        else:
            at = static.bus
            weight = static.carrier.map(credit).fillna(0.0)
        sel = at.isin(home) if bus is None else at == bus
        names = static.index[sel.to_numpy() & (weight > 0).to_numpy()]
        if len(names) == 0:
            continue
        fixed, expr = _sum_fixed_and_ext(m, static, var, names, weight)
        fixed_total += fixed
        if expr is not None:
            exprs.append(expr)
    total = None
    for e in exprs:
        total = e if total is None else total + e
    return fixed_total, total


def add_reserve_margin(
    n: Any,
    margin: float,
    scope: str,
    peak: Mapping[str, float],
    credit: Mapping[str, float],
    coincident_peak: float | None = None,
) -> None:
    """Add constraint (b), system-wide or per bus (see the module docstring)."""
    m = n.model
    targets: list[tuple[str | None, float]]
    if scope == "system":
        hat = coincident_peak if coincident_peak is not None else sum(peak.values())
        targets = [(None, hat)]
    else:
        targets = [(b, v) for b, v in peak.items()]
    for bus, hat in targets:
        need = (1.0 + margin) * hat
        fixed, expr = firm_terms(n, bus, credit)
        label = "system" if bus is None else bus
        if expr is None:
            continue  # nothing to decide: a shortfall is caught before solving
        m.add_constraints(expr >= need - fixed, name=f"reserve_margin-{label}")


def add_link_pairs(n: Any, pairs: list[list[str]]) -> None:
    """Make both directions of an extendable corridor equally large:
    :math:`P_{a \\to b} = P_{b \\to a}` (the pair stands for one two-way line)."""
    if not pairs:
        return
    import xarray as xr

    var = n.model.variables["Link-p_nom"]
    fwd = var.sel(name=[p[0] for p in pairs])
    bwd = var.sel(name=[p[1] for p in pairs])
    idx = xr.DataArray(range(len(pairs)), dims="pair")
    lhs = fwd.rename(name="pair").assign_coords(pair=idx) - bwd.rename(name="pair").assign_coords(
        pair=idx
    )
    n.model.add_constraints(lhs == 0, name="corridor_pairs")


def extra_functionality(n: Any, snapshots: pd.Index) -> None:
    """PyPSA ``extra_functionality`` hook: CHP minimum, reserve margin and corridor
    pairs, with settings from ``n.meta``."""
    meta = n.meta
    add_link_pairs(n, meta.get("link_pairs", []))
    if meta.get("chp_min"):
        add_chp_minimum(n, snapshots, meta["chp_min"])
    margin = meta.get("reserve_margin")
    if margin is not None:
        add_reserve_margin(
            n,
            float(margin),
            meta.get("reserve_scope", "system"),
            meta["peak_load"],
            meta.get("firm_credit", {}),
            meta.get("coincident_peak"),
        )
