"""Build a PyPSA network of the Northeast from :class:`NetworkInputs`.

One AC bus per province (plus eastern Inner Mongolia) and one exchange bus for North
China; transport model for the corridors: each corridor is a pair of lossless one-way
links ``"{a}->{b}"`` and ``"{b}->{a}"`` with a small hurdle cost (extendable pairs
``"... new"`` are kept equal in size by a constraint). Component naming:
``"{bus} {carrier}"`` for existing plant, ``"{bus} {carrier} new"`` for extendable
plant.

The linear programme is PyPSA's (Brown et al. 2018): minimise

.. math::

    \\sum_{c} c_c P_c + \\sum_t w_t \\sum_g o_g p_{g,t}

subject to nodal balance, :math:`p_{g,t} \\le \\bar{p}_{g,t} P_g`, storage continuity and
the global CO2 constraint

.. math:: \\sum_t w_t \\sum_g p_{g,t}\\, e_{carrier(g)} / \\eta_g \\le \\mathrm{CAP}

(PyPSA ``GlobalConstraint`` of type ``primary_energy``), plus the CHP minimum and the
reserve margin from :mod:`revitalize.energy.constraints`, which read their settings from
``n.meta``. Capital costs and the CO2 cap are pro-rated to the modelled hours over the
calendar year's hours (``H / 8760``, ``H / 8784`` in a leap year), so partial-year models
stay balanced and a full leap year carries exactly one year's cap.

References
----------
Brown, T., Hörsch, J. & Schlachtberger, D. (2018). PyPSA: Python for Power System
Analysis. *Journal of Open Research Software* 6(1), 4. doi:10.5334/jors.188
PyPSA documentation, "Components" and "Optimal power flow" (https://docs.pypsa.org).
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Mapping
from types import MappingProxyType
from typing import Any

from revitalize.energy.components import (
    BATTERY_HOURS,
    HOURS_PER_YEAR,
    HURDLE_COST,
    PHS_HOURS,
    VOLL,
    ComponentBuilder,
)
from revitalize.energy.inputs import NetworkInputs
from revitalize.exceptions import InputError

__all__ = [
    "BATTERY_HOURS",
    "EXTENDABLE",
    "FIRM_CREDIT",
    "HOURS_PER_YEAR",
    "HURDLE_COST",
    "PHS_HOURS",
    "VOLL",
    "build_network",
]

EXTENDABLE: tuple[str, ...] = (
    "wind",
    "solar",
    "nuclear",
    "coal",
    "gas",
    "battery",
    "PHS",
    "H2",
    "transmission",
)
"""Technologies that may be built (each only where the cost table has its costs)."""

FIRM_CREDIT: Mapping[str, float] = MappingProxyType(
    {
        "coal": 1.0,
        "gas": 1.0,
        "nuclear": 1.0,
        "hydro": 1.0,
        "PHS": 1.0,
        "battery": 1.0,
        "H2": 1.0,
        "wind": 0.05,
        "solar": 0.0,
    }
)
"""Capacity credit per MW for the reserve margin (imports get none)."""


def _check_extendable(extendable: Iterable[str]) -> tuple[str, ...]:
    ext = tuple(extendable)
    bad = [e for e in ext if e not in EXTENDABLE]
    if bad:
        raise InputError(f"Unknown extendable technology {bad}.", f"Choose from {EXTENDABLE}.")
    return ext


def build_network(
    inputs: NetworkInputs,
    *,
    year: int | None = None,
    co2_cap: float | None = None,
    co2_price: float | None = None,
    extendable: Iterable[str] = EXTENDABLE,
    reserve_margin: float | None = None,
    reserve_scope: str = "system",
    resolution: str | int | None = "3h",
    chp: bool = True,
    load_shedding: bool = True,
    voll: float | None = None,
    discount_rate: float | None = None,
) -> Any:
    """Build the PyPSA network (not solved).

    Parameters
    ----------
    inputs
        Hourly (or already aggregated) inputs.
    year
        Label of the modelled year (default ``inputs.year``); build year of new plant.
    co2_cap
        Annual CO2 cap in tCO2 (pro-rated to the modelled hours); None for no cap.
    co2_price
        CO2 price (currency/tCO2) added to marginal costs; None for none.
    extendable
        Technologies that may be built, from :data:`EXTENDABLE`; ``()`` for dispatch only.
    reserve_margin
        Required firm capacity above peak load (0.15 = 15 %); None for no constraint.
    reserve_scope
        ``"system"`` (one constraint on the coincident peak) or ``"bus"`` (each bus).
    resolution
        Time aggregation (see :func:`revitalize.energy.aggregation.aggregate`).
    chp
        Enforce the heating-season CHP minimum.
    load_shedding
        Add a load-shedding generator per bus (cost ``voll``), so a shortfall shows as
        unserved energy; without it a shortfall makes the scenario infeasible.
    voll
        Value of lost load, the cost of the load-shedding generators (default
        :data:`VOLL` of the inputs' currency).
    discount_rate
        Overrides the cost table's discount rates.

    Returns
    -------
    pypsa.Network
        With ``n.meta`` holding the settings the extra constraints and the result
        functions need. Solve with :func:`revitalize.energy.run.solve`, or
        ``n.optimize(solver_name="highs",
        extra_functionality=revitalize.energy.constraints.extra_functionality)``.
    """
    import pypsa

    ext = _check_extendable(extendable)
    if reserve_scope not in ("system", "bus"):
        raise InputError(f"reserve_scope must be 'system' or 'bus'; got {reserve_scope!r}.")
    if co2_cap is not None and co2_cap < 0:
        raise InputError(f"co2_cap must be non-negative (tCO2); got {co2_cap}.")
    shed_cost = voll if voll is not None else VOLL.get(inputs.currency, VOLL["EUR"])
    agg = inputs.aggregate(resolution)
    if year is not None and year != agg.year:
        agg = agg.replace(year=year)
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=FutureWarning)
        n: Any = pypsa.Network()
        n.set_snapshots(agg.snapshots)
        n.snapshot_weightings.loc[:, :] = agg.snapshot_hours.to_numpy()[:, None]
        bld = ComponentBuilder(n, agg, co2_price or 0.0, discount_rate)
        bld.carriers()
        bld.buses()
        bld.existing()
        bld.new_generators(ext)
        bld.storage(ext)
        bld.corridors(ext)
        bld.exchange()
        if load_shedding:
            bld.shedding(shed_cost)
        bld.flush()
        if co2_cap is not None:
            n.add(
                "GlobalConstraint",
                "co2_limit",
                type="primary_energy",
                carrier_attribute="co2_emissions",
                sense="<=",
                constant=co2_cap * bld.share,
            )
    chp_min = agg.chp_min.reindex(index=list(agg.buses), columns=range(1, 13)).fillna(0.0)
    n.meta = {
        "year": agg.year,
        "buses": list(agg.buses),
        "exchange": agg.exchange,
        "resolution": str(resolution),
        "hours": float(agg.snapshot_hours.sum()),
        "share_of_year": bld.share,
        "currency": agg.currency,
        "co2_cap": co2_cap,
        "co2_price": co2_price,
        "extendable": list(ext),
        "chp_min": {b: [float(v) for v in chp_min.loc[b]] for b in chp_min.index} if chp else {},
        "reserve_margin": reserve_margin,
        "reserve_scope": reserve_scope,
        "peak_load": {b: float(v) for b, v in agg.peak.items()},
        "coincident_peak": agg.coincident_peak,
        "firm_credit": dict(FIRM_CREDIT),
        "voll": shed_cost,
        "link_pairs": [list(p) for p in bld.pairs],
        "notes": [*agg.notes, *bld.notes],
    }
    return n
