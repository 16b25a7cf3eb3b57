r"""Component groups of the Northeast network (used by :func:`build_network`).

:class:`ComponentBuilder` adds buses, loads, existing and extendable plant, storage,
hydrogen, corridors, the North China exchange and load shedding to a PyPSA network, one
method per group, with costs from :mod:`revitalize.energy.costs`:

* capital cost of new plant :math:`c = I (a(r, L) + \\mathrm{FOM}) H / 8760`;
  existing plant carries only its fixed O&M (investment is sunk);
* marginal cost :math:`m = \\mathrm{VOM} + (p_{fuel} + p_{CO_2} e) / \\eta`;
* batteries: power and energy in a fixed ratio (``BATTERY_HOURS``), capital cost
  :math:`c_{inverter} + h\\, c_{storage}`; pumped hydro ``PHS_HOURS`` with
  :math:`\\sqrt{\\eta}` each way; hydrogen as electrolysis -> tank store -> fuel cell;
* corridors: pairs of one-way links with a hurdle cost ``HURDLE_COST``.

References
----------
Brown, T., Hörsch, J. & Schlachtberger, D. (2018). PyPSA: Python for Power System
Analysis. *Journal of Open Research Software* 6(1), 4. doi:10.5334/jors.188
"""

from __future__ import annotations

import calendar
import math
from collections.abc import Mapping
from types import MappingProxyType
from typing import Any

import numpy as np
import pandas as pd

from revitalize.energy.costs import DEFAULT_DISCOUNT_RATE, capital_cost, marginal_cost
from revitalize.energy.inputs import BUS_COORDS, BUS_NAMES, NetworkInputs

__all__ = [
    "BATTERY_HOURS",
    "HOURS_PER_YEAR",
    "HURDLE_COST",
    "PHS_HOURS",
    "VOLL",
    "ComponentBuilder",
    "hours_in_year",
]

HOURS_PER_YEAR = 8760.0
BATTERY_HOURS = 4.0
PHS_HOURS = 6.0
VOLL: Mapping[str, float] = MappingProxyType({"EUR": 10_000.0, "CNY": 80_000.0})
"""Value of lost load by currency (per MWh): 10,000 EUR/MWh, and the same in CNY at the
data layer's 2020 rate (7.87 CNY/EUR, rounded); other currencies use the EUR value."""
HURDLE_COST = 1.0
"""Cost per MWh moved over a corridor (currency/MWh). Small; it removes the degeneracy of
flows between buses with equal marginal costs, so that plant runs where it is needed."""

def hours_in_year(year: int | None) -> float:
    """Hours of the calendar year (8,784 in a leap year; 8,760 when no year is set).

    Annual quantities (a CO2 cap, annualised capital cost) are pro-rated by the modelled
    hours over this, so a full leap year still carries one year's cap and costs.
    """
    return 8784.0 if year is not None and calendar.isleap(int(year)) else HOURS_PER_YEAR


_ORDER = ("Carrier", "Bus", "Load", "Generator", "StorageUnit", "Store", "Link")

_DEFAULT_EFFICIENCY = {"coal": 0.37, "gas": 0.55, "nuclear": 0.33, "PHS": 0.75}


class ComponentBuilder:
    """Adds components to a network; one method per group of components."""

    def __init__(self, n: Any, inputs: NetworkInputs, co2_price: float, rate: float | None):
        self.n = n
        self.inp = inputs
        self.co2_price = co2_price
        self.rate = rate
        self.share = float(inputs.snapshot_hours.sum()) / hours_in_year(inputs.year)
        self.notes: list[str] = []
        self.pairs: list[tuple[str, str]] = []
        self._pending: dict[str, list[tuple[str, dict[str, Any]]]] = {}

    def _add(self, component: str, name: str, **attrs: Any) -> None:
        """Queue one component; :meth:`flush` adds the queue to the network."""
        self._pending.setdefault(component, []).append((name, attrs))

    def flush(self) -> None:
        """Add the queued components with one ``n.add`` per component type and shape.

        Rows with the same attributes (and the same attributes given as time series) go
        in one call: scalars as lists, series as one frame with a column per component.
        ``n.add`` costs about 10 ms a call whatever its size, so this keeps the build
        close to what a hand-written PyPSA script costs (``benchmarks/bench_energy.py``).
        """
        for component in _ORDER:
            groups: dict[tuple[tuple[str, bool], ...], list[tuple[str, dict[str, Any]]]] = {}
            for name, attrs in self._pending.pop(component, []):
                key = tuple(sorted((k, isinstance(v, pd.Series)) for k, v in attrs.items()))
                groups.setdefault(key, []).append((name, attrs))
            for key, rows in groups.items():
                names = [name for name, _ in rows]
                args: dict[str, Any] = {}
                for attr, is_series in key:
                    values = [a[attr] for _, a in rows]
                    if is_series:
                        frame = pd.concat(values, axis=1)
                        frame.columns = pd.Index(names)
                        args[attr] = frame
                    else:
                        args[attr] = values
                self.n.add(component, names, **args)
        if self._pending:
            raise ValueError(f"Unknown component types queued: {sorted(self._pending)}")

    def _rate(self, tech: str) -> float:
        if self.rate is not None:
            return self.rate
        return self.inp.cost(tech, "discount_rate", DEFAULT_DISCOUNT_RATE)

    def capex(self, tech: str) -> float:
        """Annualised, pro-rated capital cost of ``tech`` per MW (MWh for stores)."""
        inp = self.inp
        return capital_cost(
            inp.cost(tech, "investment"),
            inp.cost(tech, "lifetime"),
            inp.cost(tech, "fom", 0.0),
            self._rate(tech),
            self.share,
        )

    def fom_only(self, tech: str) -> float:
        """Fixed O&M of existing plant per MW (investment is sunk), pro-rated."""
        inv = self.inp.cost(tech, "investment", 0.0)
        return inv * self.inp.cost(tech, "fom", 0.0) / 100.0 * self.share

    def efficiency(self, tech: str) -> float:
        return self.inp.cost(tech, "efficiency", _DEFAULT_EFFICIENCY.get(tech, 1.0))

    def mc(self, tech: str) -> float:
        inp = self.inp
        return marginal_cost(
            inp.cost(tech, "vom", 0.0),
            inp.cost(tech, "fuel", 0.0),
            self.efficiency(tech) if tech in ("coal", "gas", "nuclear") else 1.0,
            inp.cost(tech, "co2_intensity", 0.0),
            self.co2_price,
        )

    def carriers(self) -> None:
        inp = self.inp
        names = ["coal", "gas", "nuclear", "hydro", "wind", "solar", "PHS", "battery"]
        names += ["H2", "electrolysis", "fuel cell", "AC", "import", "export", "load shedding"]
        for c in names:
            self._add("Carrier", c, co2_emissions=inp.cost(c, "co2_intensity", 0.0))

    def buses(self) -> None:
        inp = self.inp
        for b in (*inp.buses, inp.exchange):
            lat, lon = BUS_COORDS.get(b, (np.nan, np.nan))
            self._add("Bus", b, carrier="AC", x=lon, y=lat, location=BUS_NAMES.get(b, b))
            if b != inp.exchange:
                self._add("Load", f"{b} load", bus=b, carrier="AC", p_set=inp.load[b])

    def existing(self) -> None:
        inp = self.inp
        hours = float(inp.snapshot_hours.sum())
        for c in inp.capacity.columns:
            cap = inp.installed(c)
            for b in cap.index[cap > 0]:
                kw: dict[str, Any] = {
                    "bus": b,
                    "carrier": c,
                    "p_nom": cap[b],
                    "marginal_cost": self.mc(c),
                    "capital_cost": self.fom_only(c),
                }
                if c in ("coal", "gas", "nuclear"):
                    kw["efficiency"] = self.efficiency(c)
                if c in ("wind", "solar"):
                    kw["p_max_pu"] = inp.cf[(c, b)]
                elif c in inp.availability:
                    kw["p_max_pu"] = inp.availability[c]
                if c == "hydro" and inp.hydro_cf is not None and b in inp.hydro_cf.index:
                    kw["e_sum_max"] = float(inp.hydro_cf[b]) * cap[b] * hours
                self._add("Generator", f"{b} {c}", **kw)

    def new_generators(self, ext: tuple[str, ...]) -> None:
        inp = self.inp
        for tech in ("wind", "solar", "nuclear", "coal", "gas"):
            if tech not in ext:
                continue
            if not inp.has_costs(tech, "investment", "lifetime"):
                self.notes.append(f"No investment cost for {tech}: not extendable.")
                continue
            for b in inp.buses:
                room = inp.potential(b, tech) - float(inp.installed(tech)[b])
                if room <= 0:
                    continue
                kw: dict[str, Any] = {
                    "bus": b,
                    "carrier": tech,
                    "p_nom_extendable": True,
                    "p_nom_max": room,
                    "capital_cost": self.capex(tech),
                    "marginal_cost": self.mc(tech),
                    "lifetime": inp.cost(tech, "lifetime"),
                    "build_year": inp.year or 0,
                }
                if tech in ("wind", "solar"):
                    if (tech, b) not in inp.cf.columns:
                        self.notes.append(f"No {tech} profile at {b}: not extendable there.")
                        continue
                    kw["p_max_pu"] = inp.cf[(tech, b)]
                else:
                    kw["efficiency"] = self.efficiency(tech)
                    kw["p_max_pu"] = inp.availability.get(tech, 1.0)
                self._add("Generator", f"{b} {tech} new", **kw)

    def storage(self, ext: tuple[str, ...]) -> None:
        inp = self.inp
        eta_phs = math.sqrt(self.efficiency("PHS"))
        phs = {"carrier": "PHS", "max_hours": PHS_HOURS, "cyclic_state_of_charge": True}
        phs |= {"efficiency_store": eta_phs, "efficiency_dispatch": eta_phs}
        existing = inp.storage.reindex(list(inp.buses)).fillna(0.0)
        can_phs = "PHS" in ext and inp.has_costs("PHS", "investment", "lifetime")
        can_bat = "battery" in ext and all(
            inp.has_costs(t, "investment", "lifetime")
            for t in ("battery inverter", "battery storage")
        )
        for b in inp.buses:
            if existing[b] > 0:
                self._add("StorageUnit", f"{b} PHS", bus=b, p_nom=existing[b], **phs)
            room = inp.potential(b, "PHS") - existing[b]
            if can_phs and room > 0:
                self._add(
                    "StorageUnit",
                    f"{b} PHS new",
                    bus=b,
                    p_nom_extendable=True,
                    p_nom_max=room,
                    capital_cost=self.capex("PHS"),
                    **phs,
                )
            if can_bat:
                eta = inp.cost("battery inverter", "efficiency", 0.96)
                cc = self.capex("battery inverter") + BATTERY_HOURS * self.capex("battery storage")
                self._add(
                    "StorageUnit",
                    f"{b} battery new",
                    bus=b,
                    carrier="battery",
                    p_nom_extendable=True,
                    max_hours=BATTERY_HOURS,
                    efficiency_store=eta,
                    efficiency_dispatch=eta,
                    cyclic_state_of_charge=True,
                    capital_cost=cc,
                )
        needed = ("electrolysis", "fuel cell", "H2 storage")
        if "H2" in ext and all(inp.has_costs(t, "investment", "lifetime") for t in needed):
            for b in inp.buses:
                h2 = f"{b} H2"
                self._add("Bus", h2, carrier="H2", location=b)
                self._add(
                    "Store",
                    f"{h2} store",
                    bus=h2,
                    carrier="H2",
                    e_nom_extendable=True,
                    e_cyclic=True,
                    capital_cost=self.capex("H2 storage"),
                )
                for tech, b0, b1 in (("electrolysis", b, h2), ("fuel cell", h2, b)):
                    self._add(
                        "Link",
                        f"{b} {tech}",
                        bus0=b0,
                        bus1=b1,
                        carrier=tech,
                        efficiency=self.efficiency(tech),
                        p_nom_extendable=True,
                        capital_cost=self.capex(tech),
                    )
        elif "H2" in ext:
            self.notes.append("Hydrogen needs costs for electrolysis, fuel cell, H2 storage.")

    def corridors(self, ext: tuple[str, ...]) -> None:
        inp = self.inp
        cor = inp.corridors.copy()
        if cor.empty:
            return
        pair = [tuple(sorted((str(a), str(c)))) for a, c in zip(cor.bus0, cor.bus1, strict=True)]
        cor["bus0"], cor["bus1"] = [p[0] for p in pair], [p[1] for p in pair]
        cor = cor.groupby(["bus0", "bus1"], as_index=False).agg(
            p_nom_mw=("p_nom_mw", "sum"), length_km=("length_km", "mean")
        )
        can = "transmission" in ext and inp.has_costs("transmission", "investment", "lifetime")
        for a, b, mw, length in zip(
            cor.bus0.astype(str),
            cor.bus1.astype(str),
            cor.p_nom_mw.astype(float),
            cor.length_km.astype(float),
            strict=True,
        ):
            both = ((a, b), (b, a))
            common = {"carrier": "AC", "length": length, "marginal_cost": HURDLE_COST}
            if mw > 0:
                for x, y in both:
                    self._add(
                        "Link", f"{x}->{y}", bus0=x, bus1=y, p_nom=mw, corridor=f"{a}-{b}", **common
                    )
            if can and inp.exchange not in (a, b):
                cc = self.capex("transmission") * length
                for (x, y), cost in zip(both, (cc, 0.0), strict=True):
                    self._add(
                        "Link",
                        f"{x}->{y} new",
                        bus0=x,
                        bus1=y,
                        p_nom_extendable=True,
                        capital_cost=cost,
                        corridor=f"{a}-{b}",
                        **common,
                    )
                self.pairs.append((f"{a}->{b} new", f"{b}->{a} new"))

    def exchange(self) -> None:
        inp = self.inp
        cap = inp.exchange_capacity_mw
        touches = inp.exchange in set(inp.corridors.bus0) | set(inp.corridors.bus1)
        if cap <= 0 or not touches:
            self.notes.append("No exchange with North China (no capacity or no corridor).")
            return
        price = inp.exchange_price
        ex = inp.exchange
        self._add(
            "Generator",
            f"{ex} import",
            bus=ex,
            carrier="import",
            p_nom=cap,
            marginal_cost=price + inp.exchange_spread,
        )
        self._add(
            "Generator",
            f"{ex} export",
            bus=ex,
            carrier="export",
            p_nom=cap,
            p_min_pu=-1.0,
            p_max_pu=0.0,
            marginal_cost=price - inp.exchange_spread,
        )

    def shedding(self, voll: float) -> None:
        peak = self.inp.peak
        for b in self.inp.buses:
            if peak[b] > 0:
                self._add(
                    "Generator",
                    f"{b} load shedding",
                    bus=b,
                    carrier="load shedding",
                    p_nom=float(peak[b]),
                    marginal_cost=voll,
                )
