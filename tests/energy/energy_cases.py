"""Hand-made small networks for the energy tests (2-4 buses, 48-168 snapshots).

Imported by the test modules as ``energy_cases`` (pytest puts this folder on the path).
"""

from __future__ import annotations

import itertools
from typing import Any

import numpy as np
import pandas as pd

from revitalize.energy.inputs import NetworkInputs

COSTS = pd.DataFrame(
    {
        # investment per MW (per MWh for stores, per MW km for transmission)
        "investment": {
            "coal": 4.0e6,
            "gas": 3.0e6,
            "nuclear": 1.6e7,
            "wind": 5.0e6,
            "solar": 3.0e6,
            "PHS": 6.0e6,
            "battery inverter": 1.0e6,
            "battery storage": 1.0e6,
            "electrolysis": 3.0e6,
            "fuel cell": 7.0e6,
            "H2 storage": 1.0e5,
            "transmission": 2.0e3,
            "hydro": 1.5e7,
        },
        "fom": {
            "coal": 2.0,
            "gas": 2.0,
            "nuclear": 2.0,
            "wind": 1.5,
            "solar": 1.5,
            "PHS": 1.0,
            "battery inverter": 1.0,
            "battery storage": 1.0,
            "electrolysis": 2.0,
            "fuel cell": 5.0,
            "H2 storage": 1.0,
            "transmission": 1.0,
            "hydro": 1.0,
        },
        "vom": {"coal": 20.0, "gas": 20.0, "nuclear": 30.0, "wind": 0.0, "solar": 0.0},
        "lifetime": {
            "coal": 40,
            "gas": 30,
            "nuclear": 60,
            "wind": 25,
            "solar": 25,
            "PHS": 60,
            "battery inverter": 15,
            "battery storage": 15,
            "electrolysis": 25,
            "fuel cell": 15,
            "H2 storage": 30,
            "transmission": 40,
            "hydro": 60,
        },
        "efficiency": {
            "coal": 0.4,
            "gas": 0.5,
            "nuclear": 0.33,
            "PHS": 0.75,
            "battery inverter": 0.95,
            "electrolysis": 0.7,
            "fuel cell": 0.5,
        },
        "fuel": {"coal": 100.0, "gas": 250.0, "nuclear": 20.0},
        "co2_intensity": {"coal": 0.34, "gas": 0.2},
        "discount_rate": {},
    }
)
"""A CNY-like cost table (coal marginal cost 20 + 100 / 0.4 = 270 per MWh)."""

BUSES2 = ("210000", "220000")


def _profiles(index: pd.DatetimeIndex, buses: tuple[str, ...], seed: int) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    hour = index.hour.to_numpy()
    cols = {}
    for b in buses:
        cols[("wind", b)] = np.clip(
            0.35 + 0.25 * np.sin(np.arange(len(index)) / 9.0) + rng.normal(0, 0.05, len(index)),
            0,
            1,
        )
        cols[("solar", b)] = np.clip(np.sin((hour - 6) / 12 * np.pi), 0, None) * 0.7
    return pd.DataFrame(cols, index=index)


def make_inputs(
    *,
    hours: int = 72,
    start: str = "2023-01-09",
    buses: tuple[str, ...] = BUSES2,
    load_mw: float = 1000.0,
    coal: float = 1200.0,
    wind: float = 400.0,
    solar: float = 200.0,
    nuclear: float = 0.0,
    corridor_mw: float = 300.0,
    chp: float = 0.0,
    exchange_mw: float = 0.0,
    seed: int = 1,
    **changes: Any,
) -> NetworkInputs:
    """A small network: every bus alike, a corridor chain, optional exchange."""
    index = pd.date_range(start, periods=hours, freq="h")
    shape = 1 + 0.2 * np.sin((index.hour.to_numpy() - 8) / 24 * 2 * np.pi)
    load = pd.DataFrame({b: load_mw * shape for b in buses}, index=index)
    capacity = pd.DataFrame(
        {"coal": coal, "wind": wind, "solar": solar, "nuclear": nuclear}, index=list(buses)
    )
    pairs = list(itertools.pairwise(buses))
    rows = [{"bus0": a, "bus1": b, "p_nom_mw": corridor_mw, "length_km": 300.0} for a, b in pairs]
    if exchange_mw > 0:
        rows.append(
            {"bus0": buses[0], "bus1": "130000", "p_nom_mw": exchange_mw, "length_km": 500.0}
        )
    heating = [1, 2, 3, 4, 10, 11, 12]
    chp_min = pd.DataFrame(
        {m: (chp if m in heating else 0.0) for m in range(1, 13)}, index=list(buses)
    )
    kw: dict[str, Any] = {
        "buses": buses,
        "load": load,
        "capacity": capacity,
        "cf": _profiles(index, buses, seed),
        "corridors": pd.DataFrame(rows, columns=["bus0", "bus1", "p_nom_mw", "length_km"]),
        "costs": COSTS,
        "potentials": pd.DataFrame(
            {"wind": 5000.0, "solar": 5000.0, "nuclear": 0.0, "coal": np.nan}, index=list(buses)
        ),
        "storage": pd.Series(0.0, index=list(buses)),
        "chp_min": chp_min,
        "exchange_price": 300.0,
        "exchange_capacity_mw": exchange_mw,
        "currency": "CNY",
        "year": 2023,
    }
    kw.update(changes)
    return NetworkInputs(**kw)
