"""Labelled results of a solved network.

Every energy quantity is the snapshot-weighted sum :math:`\\sum_t w_t x_t` over the
modelled hours (MWh), so an aggregated year reports annual totals. Frames are indexed
by bus (region code) with carriers as columns; :func:`tidy` turns a
:class:`Results` into the long ``region, indicator, carrier, period, value, unit``
table that the command line prints.

Definitions
-----------
curtailment
    :math:`\\sum_t w_t (\\bar p_{g,t} P_g - p_{g,t})` for wind and solar.
capacity factor
    :math:`\\sum_t w_t p_{g,t} / (P_g \\sum_t w_t)`.
emissions
    :math:`\\sum_t w_t\\, p_{g,t}\\, e_{carrier(g)} / \\eta_g` (territorial: imports
    carry none).
system cost
    annualised capital costs (pro-rated) plus :math:`\\sum_t w_t o_g p_{g,t}` over
    generators, storage and links; equals PyPSA's objective.
LCOE
    (capital + operating cost of a carrier's plant) / its generation.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

__all__ = ["ORDER", "Results", "collect", "tidy"]

_NOT_PLANT = ("import", "export", "load shedding")
ORDER = (
    "coal",
    "gas",
    "nuclear",
    "hydro",
    "wind",
    "solar",
    "PHS",
    "battery",
    "electrolysis",
    "fuel cell",
)
"""Column order of the carrier frames."""


def _ordered(frame: pd.DataFrame) -> pd.DataFrame:
    cols = [c for c in ORDER if c in frame.columns]
    cols += sorted(str(c) for c in frame.columns if c not in ORDER)
    out = frame.reindex(columns=cols)
    out.columns.name = "carrier"
    out.index.name = "bus"
    return out


@dataclass(frozen=True, eq=False)
class Results:
    """Results of one solved network (units in ``units``)."""

    capacity: pd.DataFrame
    new_capacity: pd.DataFrame
    generation: pd.DataFrame
    curtailment: pd.DataFrame
    capacity_factor: pd.DataFrame
    unserved: pd.Series
    emissions: pd.Series
    system_cost: pd.Series
    lcoe: pd.Series
    exchange: pd.DataFrame
    transmission: pd.DataFrame
    objective: float
    hours: float
    year: int | None
    status: str = "ok"
    solve_seconds: float = float("nan")
    notes: tuple[str, ...] = ()
    currency: str = "currency"
    units: dict[str, str] = field(
        default_factory=lambda: {
            "capacity": "MW",
            "new_capacity": "MW",
            "generation": "MWh",
            "curtailment": "MWh",
            "capacity_factor": "1",
            "unserved": "MWh",
            "emissions": "tCO2",
            "system_cost": "currency",
            "lcoe": "currency/MWh",
            "exchange": "MWh",
            "transmission": "MW",
        }
    )

    def __post_init__(self) -> None:
        for key, unit in self.units.items():
            self.units[key] = unit.replace("currency", self.currency)


def _by_bus_carrier(values: pd.Series, static: pd.DataFrame, buses: list[str]) -> pd.DataFrame:
    keys = [static.bus.reindex(values.index), static.carrier.reindex(values.index)]
    table: pd.DataFrame = values.groupby(keys).sum().unstack()
    return table.reindex(buses).fillna(0.0)


def _weighted(frame: pd.DataFrame, w: pd.Series) -> pd.Series:
    return frame.mul(w, axis=0).sum()


def _plant(n: Any) -> pd.DataFrame:
    g: pd.DataFrame = n.generators
    return g[~g.carrier.isin(_NOT_PLANT) & g.bus.isin(n.meta["buses"])]


def _exchange(n: Any, w: pd.Series, buses: list[str]) -> pd.DataFrame:
    """Net imports and exports by bus over all corridors; the last row is the Northeast's
    trade with North China (imports = energy received from the exchange bus)."""
    ac = n.links[n.links.carrier == "AC"]
    ex = n.meta["exchange"]
    net_out = pd.DataFrame(0.0, index=n.snapshots, columns=[*buses, ex])
    for name, r in ac.iterrows():
        flow = n.links_t.p0.get(name, 0.0)
        net_out[r.bus0] += flow
        net_out[r.bus1] -= flow
    net_out[ex] = -net_out[ex]  # seen from the Northeast
    out = pd.DataFrame(
        {
            "imports": _weighted((-net_out).clip(lower=0), w),
            "exports": _weighted(net_out.clip(lower=0), w),
        }
    )
    out["net_imports"] = out.imports - out.exports
    return out.rename(index={ex: f"North China ({ex})"})


def collect(n: Any, *, status: str = "ok", solve_seconds: float = float("nan")) -> Results:
    """Collect the labelled results of a solved network (see the module docstring)."""
    meta = n.meta
    buses: list[str] = list(meta["buses"])
    w = n.snapshot_weightings.generators
    hours = float(w.sum())
    gens = n.generators
    plant = _plant(n)
    p = n.generators_t.p.reindex(columns=gens.index).fillna(0.0)
    energy = _weighted(p, w)

    cap_parts = [_by_bus_carrier(plant.p_nom_opt, plant, buses)]
    new_parts = [_by_bus_carrier(plant.p_nom_opt.where(plant.p_nom_extendable, 0.0), plant, buses)]
    su = n.storage_units
    if not su.empty:
        cap_parts.append(_by_bus_carrier(su.p_nom_opt, su, buses))
        new_parts.append(_by_bus_carrier(su.p_nom_opt.where(su.p_nom_extendable, 0.0), su, buses))
    fc = n.links[n.links.carrier.isin(["fuel cell", "electrolysis"])]
    if not fc.empty:
        lk = fc.assign(bus=fc.bus0.where(fc.carrier == "electrolysis", fc.bus1))
        cap_parts.append(_by_bus_carrier(lk.p_nom_opt, lk, buses))
        new_parts.append(_by_bus_carrier(lk.p_nom_opt, lk, buses))
    capacity = pd.concat(cap_parts, axis=1).T.groupby(level=0).sum().T
    new_capacity = pd.concat(new_parts, axis=1).T.groupby(level=0).sum().T

    gen = [_by_bus_carrier(energy[plant.index], plant, buses)]
    if not su.empty:
        dis = _weighted(n.storage_units_t.p.reindex(columns=su.index).fillna(0).clip(lower=0), w)
        gen.append(_by_bus_carrier(dis, su, buses))
    generation = pd.concat(gen, axis=1).T.groupby(level=0).sum().T

    vre = plant[plant.carrier.isin(["wind", "solar"])]
    pmax = n.get_switchable_as_dense("Generator", "p_max_pu")[vre.index]
    avail = _weighted(pmax * vre.p_nom_opt, w)
    curtail = (avail - energy[vre.index]).clip(lower=0)
    curtailment = _by_bus_carrier(curtail, vre, buses)

    capacity_factor = _by_bus_carrier(energy[plant.index], plant, buses) / _by_bus_carrier(
        plant.p_nom_opt * hours, plant, buses
    ).replace(0, np.nan)

    shed = gens[gens.carrier == "load shedding"]
    unserved = energy[shed.index].groupby(shed.bus).sum().reindex(buses).fillna(0.0)

    co2 = plant.carrier.map(n.carriers.co2_emissions).fillna(0.0)
    emis = energy[plant.index] * co2 / plant.efficiency
    emissions = emis.groupby(plant.bus).sum().reindex(buses).fillna(0.0)

    system_cost, lcoe = _costs(n, w, energy, plant)
    transmission = _transmission(n, w)
    return Results(
        capacity=_ordered(capacity),
        new_capacity=_ordered(new_capacity),
        generation=_ordered(generation),
        curtailment=_ordered(curtailment),
        capacity_factor=_ordered(capacity_factor),
        unserved=unserved.rename("unserved"),
        emissions=emissions.rename("emissions"),
        system_cost=system_cost,
        lcoe=lcoe,
        exchange=_exchange(n, w, buses),
        transmission=transmission,
        objective=float(n.objective),
        hours=hours,
        year=meta.get("year"),
        status=status,
        solve_seconds=solve_seconds,
        notes=tuple(meta.get("notes", [])),
        currency=str(meta.get("currency", "currency")),
    )


def _costs(
    n: Any, w: pd.Series, energy: pd.Series, plant: pd.DataFrame
) -> tuple[pd.Series, pd.Series]:
    gens = n.generators
    mc_gen = n.get_switchable_as_dense("Generator", "marginal_cost")
    opex_g = (n.generators_t.p.reindex(columns=gens.index).fillna(0) * mc_gen).mul(w, axis=0).sum()
    capex_g = gens.capital_cost * gens.p_nom_opt
    capex = float(capex_g.sum())
    opex = float(opex_g.sum())
    for comp, size in (
        ("storage_units", "p_nom_opt"),
        ("links", "p_nom_opt"),
        ("stores", "e_nom_opt"),
    ):
        static = getattr(n, comp)
        if static.empty:
            continue
        capex += float((static.capital_cost * static[size]).sum())
        if comp == "links" and not n.links_t.p0.empty:
            opex += float(_weighted(n.links_t.p0, w).mul(static.marginal_cost).sum())
    by = gens.carrier
    system_cost = pd.Series(
        {
            "capex": capex,
            "opex": opex,
            "imports": float(opex_g[by == "import"].sum()),
            "exports": float(opex_g[by == "export"].sum()),
            "load_shedding": float(opex_g[by == "load shedding"].sum()),
            "total": capex + opex,
        },
        name="system_cost",
    )
    cost = (capex_g + opex_g)[plant.index].groupby(plant.carrier).sum()
    gen = energy[plant.index].groupby(plant.carrier).sum()
    lcoe = (cost / gen.replace(0, np.nan)).rename("lcoe")
    return system_cost, lcoe


def _transmission(n: Any, w: pd.Series) -> pd.DataFrame:
    """One row per corridor ``a-b``: existing and new capacity, energy each way."""
    cols = [
        "bus0",
        "bus1",
        "p_nom",
        "p_nom_new",
        "p_nom_opt",
        "flow_ab_mwh",
        "flow_ba_mwh",
        "utilisation",
    ]
    ac = n.links[n.links.carrier == "AC"]
    if ac.empty:
        return pd.DataFrame(columns=cols)
    energy = _weighted(n.links_t.p0.reindex(columns=ac.index).fillna(0.0), w)
    rows = {}
    for corridor, grp in ac.groupby("corridor"):
        a, b = str(corridor).split("-", 1)
        fwd = grp[grp.bus0 == a]
        ext = fwd.p_nom_extendable.astype(bool)
        existing = float(fwd.p_nom[~ext].sum())
        new = float(fwd.p_nom_opt[ext].sum())
        ab = float(energy[fwd.index].sum())
        ba = float(energy[grp.index[grp.bus0 == b]].sum())
        total = existing + new
        util = (ab + ba) / (total * float(w.sum())) if total > 0 else np.nan
        rows[corridor] = [a, b, existing, new, total, ab, ba, util]
    return pd.DataFrame.from_dict(rows, orient="index", columns=cols).rename_axis("corridor")


def tidy(results: Results) -> pd.DataFrame:
    """Long table: ``region, indicator, carrier, period, value, unit``."""
    rows: list[dict[str, Any]] = []
    period = "" if results.year is None else str(results.year)
    for name in ("capacity", "new_capacity", "generation", "curtailment", "capacity_factor"):
        frame: pd.DataFrame = getattr(results, name)
        for region, row in frame.iterrows():
            for carrier, value in row.items():
                rows.append(
                    {
                        "region": region,
                        "indicator": name,
                        "carrier": carrier,
                        "value": value,
                        "unit": results.units[name],
                    }
                )
    for name in ("unserved", "emissions"):
        series: pd.Series = getattr(results, name)
        for region, value in series.items():
            rows.append(
                {
                    "region": region,
                    "indicator": name,
                    "carrier": "",
                    "value": value,
                    "unit": results.units[name],
                }
            )
    for region, row in results.exchange.iterrows():
        for ind, value in row.items():
            rows.append(
                {"region": region, "indicator": ind, "carrier": "", "value": value, "unit": "MWh"}
            )
    for carrier, value in results.lcoe.items():
        rows.append(
            {
                "region": "system",
                "indicator": "lcoe",
                "carrier": carrier,
                "value": value,
                "unit": results.units["lcoe"],
            }
        )
    for part, value in results.system_cost.items():
        rows.append(
            {
                "region": "system",
                "indicator": f"system_cost_{part}",
                "carrier": "",
                "value": value,
                "unit": results.units["system_cost"],
            }
        )
    out = pd.DataFrame(rows, columns=["region", "indicator", "carrier", "value", "unit"])
    out.insert(3, "period", period)
    return out
