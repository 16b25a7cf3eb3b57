"""Assemble :class:`NetworkInputs` from the curated data (:mod:`revitalize.data`).

Reads the loaders of :mod:`revitalize.data.energy_inputs` and shapes them into the
network's inputs:

* load - the PyPSA-China (PIK) hourly shape scaled to the year's reported consumption
  (:func:`~revitalize.data.energy_inputs.annual_consumption`), or to the PIK projection
  (:func:`~revitalize.data.energy_inputs.load_projection`) for years without statistics;
* wind and solar - monthly capacity factors of the year (latest published year for
  future years) shaped hourly by :mod:`revitalize.energy.profiles`;
* capacity - the year's installed capacity (latest published year for future years),
  with pumped hydro moved from ``hydro`` to ``storage``;
* hydro - annual energy limited by the reported utilisation of conventional hydro
  (generation / (hydro - pumped hydro capacity)) of the latest year with data;
* costs - the nearest PIK cost year, renamed to the network's technology names;
* exchange - price equal to the marginal cost of existing coal (so trade happens at the
  margin, an assumption), capacity equal to the corridors reaching the exchange bus.

Every assumption is appended to ``notes``.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

import numpy as np
import pandas as pd

from revitalize.energy.costs import marginal_cost
from revitalize.energy.inputs import BUS_COORDS, NetworkInputs, SnapshotSelection
from revitalize.energy.profiles import hourly_index, load_profile, solar_profile, wind_profile
from revitalize.exceptions import InputError

__all__ = ["COST_NAMES", "inputs_from_data", "standard_costs"]

COST_NAMES: dict[str, str] = {
    "onwind": "wind",
    "solar": "solar",
    "nuclear": "nuclear",
    "coal": "coal",
    "CCGT": "gas",
    "hydro": "hydro",
    "PHS": "PHS",
    "battery storage": "battery storage",
    "battery inverter": "battery inverter",
    "H2 electrolysis": "electrolysis",
    "H2 fuel cell": "fuel cell",
    "H2 storage tank": "H2 storage",
    "HVAC overhead": "transmission",
}
"""Data-layer technology -> network technology. Gas is CCGT; hydrogen is stored in steel
tanks (no salt-cavern storage is assumed in the Northeast); AC overhead lines."""

_T = TypeVar("_T")


def standard_costs(table: pd.DataFrame) -> pd.DataFrame:
    """Rename the data layer's cost table to the network's technology names."""
    keep = [t for t in COST_NAMES if t in table.index]
    out = table.loc[keep].rename(index=COST_NAMES)
    out.index.name = "technology"
    return out


def _latest(fetch: Callable[[int], _T], year: int, what: str, notes: list[str]) -> _T:
    """``fetch(year)``, else the latest earlier year that has data (noted)."""
    first_error: InputError | None = None
    for y in range(year, 1989, -1):
        try:
            value = fetch(y)
        except InputError as err:
            first_error = first_error or err
            continue
        if y != year:
            notes.append(f"{what}: no {year} data, {y} used.")
        return value
    raise first_error or InputError(f"No {what} data up to {year}.")


def _hydro_cf(year: int, buses: tuple[str, ...], phs: pd.Series, notes: list[str]) -> pd.Series:
    """Utilisation of conventional hydro: generation / (hydro - PHS capacity) / 8760 h."""
    from revitalize.data.loaders import load

    codes = [b for b in buses if b.isdigit()]
    df = load(
        "power", regions=codes, indicators=["generation_hydro", "capacity_hydro"], totals=False
    )
    df = df[df.period.str.fullmatch(r"\d{4}")]
    df = df[df.period.astype(int) <= year]
    tab = df.pivot_table(index=["region", "period"], columns="indicator", values="value")
    tab = tab.dropna()
    out = {}
    for b in codes:
        if b not in tab.index.get_level_values(0):
            continue
        row = tab.loc[b].iloc[-1]
        y = tab.loc[b].index[-1]
        conv = float(row["capacity_hydro"]) * 10.0 - float(phs.get(b, 0.0))  # 10 MW -> MW
        if conv > 0:
            out[b] = min(1.0, float(row["generation_hydro"]) * 1e5 / conv / 8760.0)
            if int(y) != year:
                notes.append(f"hydro utilisation at {b}: {y} used for {year}.")
    cf = pd.Series(out, dtype=float)
    mean = float(cf.mean()) if len(cf) else 0.3
    return cf.reindex(list(buses)).fillna(mean)


def inputs_from_data(
    year: int,
    snapshots: SnapshotSelection = None,
    *,
    exchange_price: float | None = None,
    exchange_capacity_mw: float | None = None,
    wind_diurnal_amplitude: float = 0.0,
    chp_must_run: float | None = None,
) -> NetworkInputs:
    """Hourly :class:`NetworkInputs` of ``year`` from the curated data.

    Parameters
    ----------
    year
        Calendar year (historical years use statistics; later years the projections).
    snapshots
        Subset of the year's hours (see :meth:`NetworkInputs.select`).
    exchange_price
        CNY/MWh at the North China exchange (default: marginal cost of existing coal).
    exchange_capacity_mw
        Exchange limit (default: total corridor capacity to the exchange bus).
    wind_diurnal_amplitude
        Passed to :func:`~revitalize.energy.profiles.wind_profile` (default 0: none).
    chp_must_run
        Must-run share of CHP capacity in the heating season (default: the data layer's
        convention).
    """
    from revitalize.data import energy_inputs as ei

    notes: list[str] = []
    buses = tuple(ei.BUSES)
    times = hourly_index(year)

    try:
        twh = ei.annual_consumption(year)
        notes.append(f"Load: PIK hourly shape scaled to reported {year} consumption.")
    except InputError:
        twh = ei.load_projection(year)
        notes.append(f"Load: PIK hourly shape scaled to the PIK projection for {year}.")
    shapes = ei.load_profiles()
    load = pd.DataFrame({b: load_profile(shapes[b].to_numpy(), float(twh[b]), year) for b in buses})

    monthly = _latest(ei.monthly_capacity_factors, year, "monthly capacity factors", notes)
    cf: dict[tuple[str, str], pd.Series] = {}
    for b in buses:
        lat, lon = BUS_COORDS[b]
        cf[("solar", b)] = solar_profile(times, monthly[("solar", b)], lat, lon)
        cf[("wind", b)] = wind_profile(
            times, monthly[("wind", b)], diurnal_amplitude=wind_diurnal_amplitude
        )
    cf_frame = pd.DataFrame(cf)
    cf_frame.columns = cf_frame.columns.set_names(["tech", "bus"])
    notes.append(
        "Wind/solar: realised monthly capacity factors (utilisation hours, curtailment "
        "included); solar shaped by clear-sky elevation, wind constant within a month"
        + (
            f" with a {wind_diurnal_amplitude:.0%} diurnal cycle."
            if wind_diurnal_amplitude
            else "."
        )
    )

    capacity = _latest(ei.existing_capacity, year, "installed capacity", notes).copy()
    phs = ei.pumped_hydro().reindex(list(buses)).fillna(0.0)
    capacity["hydro"] = (capacity["hydro"] - phs).clip(lower=0.0)
    notes.append("Pumped hydro moved from 'hydro' to storage (6 h, 75 % round trip).")

    costs = standard_costs(ei.technology_costs(year))
    potentials = pd.DataFrame(index=list(buses), columns=["wind", "solar", "nuclear"], dtype=float)
    potentials["wind"] = ei.wind_potential_mw().reindex(list(buses))
    potentials["solar"] = ei.solar_potential_mw().reindex(list(buses)).replace(np.inf, np.nan)
    potentials["nuclear"] = [np.nan if b == "210000" else 0.0 for b in buses]
    notes.append(
        "Potentials: wind from GCAM resource; solar, coal, gas, PHS unlimited; new nuclear "
        "only in coastal Liaoning (no inland nuclear in China so far)."
    )

    kw: dict[str, Any] = {} if chp_must_run is None else {"must_run": chp_must_run}
    chp_min = ei.chp_heat_minimum(**kw).T.reindex(list(buses))
    chp_min.columns = [int(m) for m in chp_min.columns]

    cor = ei.corridors()[["bus0", "bus1", "p_nom_mw", "length_km"]]
    to_ex = cor[(cor.bus0 == ei.EXCHANGE) | (cor.bus1 == ei.EXCHANGE)]
    if exchange_capacity_mw is None:
        exchange_capacity_mw = float(to_ex.p_nom_mw.sum())
    if exchange_price is None:
        c = {k: float(cast(float, costs.at["coal", k])) for k in ("vom", "fuel", "efficiency")}
        exchange_price = marginal_cost(c["vom"], c["fuel"], c["efficiency"])
        notes.append(
            f"Exchange price = marginal cost of coal ({exchange_price:.0f} CNY/MWh) "
            "+/- 2 CNY/MWh: trade happens at the margin (an assumption)."
        )

    inputs = NetworkInputs(
        buses=buses,
        exchange=ei.EXCHANGE,
        load=load,
        capacity=capacity,
        cf=cf_frame,
        corridors=cor.reset_index(drop=True),
        costs=costs,
        potentials=potentials,
        storage=phs,
        chp_min=chp_min,
        exchange_price=float(exchange_price),
        exchange_capacity_mw=float(exchange_capacity_mw),
        hydro_cf=_hydro_cf(year, buses, phs, notes),
        currency=str(ei.technology_costs(year).attrs.get("currency", "CNY")),
        year=year,
        notes=tuple(notes),
    )
    return inputs.select(snapshots)
