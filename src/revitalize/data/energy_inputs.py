"""Inputs of the Northeast power-system model, read from the curated ``energy_*`` data.

Buses are :data:`BUSES` (Liaoning, Jilin, Heilongjiang and ``"mengdong"``, the five
eastern Inner Mongolia prefectures) plus :data:`EXCHANGE` (Hebei, the link to the North
China grid). Units: MW, MWh, TWh, CNY. Every assumption is named in the docstrings and
in the catalogue entries of the datasets (``revitalize data list``); the main ones are

- mengdong demand = Inner Mongolia x its 2020 census population share
  (:func:`mengdong_share`), which probably overstates it (Inner Mongolia's
  electricity-intensive industry is mostly in the west);
- mengdong capacity = Inner Mongolia's reported capacity x the plant-database share
  of the five prefectures (GEM coal and wind 2023, WRI hydro ~2018, solar by
  population, no nuclear);
- mengdong capacity factors = Inner Mongolia's.

Examples
--------
>>> round(float(existing_capacity(2023).loc["210000", "nuclear"]))
6680
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import cache
from typing import Any

import numpy as np
import pandas as pd

from revitalize.data.loaders import load, load_table
from revitalize.exceptions import InputError
from revitalize.units import conversion_factor

__all__ = [
    "BUSES", "CHP_MUST_RUN", "DISCOUNT_RATE", "EXCHANGE", "HEATING_SEASON", "TECHNOLOGIES",
    "annual_consumption", "chp_heat_minimum", "corridors", "existing_capacity",
    "load_profiles", "load_projection", "mengdong_share", "monthly_capacity_factors",
    "pumped_hydro", "solar_potential_mw", "technology_costs", "wind_potential_mw",
]

BUSES: tuple[str, ...] = ("210000", "220000", "230000", "mengdong")
EXCHANGE = "130000"
INNER_MONGOLIA = "150000"
TECHNOLOGIES: tuple[str, ...] = (
    "onwind", "offwind", "solar", "nuclear", "coal", "coal CCS retrofit", "CHP coal", "OCGT",
    "CCGT", "hydro", "ror", "PHS", "battery storage", "battery inverter", "H2 electrolysis",
    "H2 fuel cell", "H2 storage underground", "H2 storage tank", "HVAC overhead",
    "HVDC overhead", "HVDC inverter pair",
)
COST_COLUMNS = ("investment", "fom", "vom", "lifetime", "efficiency", "fuel", "co2_intensity",
                "discount_rate")
#: ASSUMPTION: discount rate for every technology (the social discount rate of 8 % of
#: China's construction-project evaluation rules); PIK gives none for these technologies.
DISCOUNT_RATE = 0.08
#: Years this far outside PIK's 2020-2060 still take the nearest PIK year.
COST_YEAR_TOLERANCE = 10
#: CONVENTION: share of coal-CHP capacity that must run during the heating season.
CHP_MUST_RUN = 0.5
#: CONVENTION: heating season (first day, last day; MM-DD) by bus - typical statutory
#: periods of the capitals (Shenyang, Changchun, Harbin; Chifeng/Tongliao for mengdong),
#: not taken from a bundled file.
HEATING_SEASON: dict[str, tuple[str, str]] = {
    "210000": ("11-01", "03-31"), "220000": ("10-25", "04-05"),
    "230000": ("10-20", "04-20"), "mengdong": ("10-15", "04-15"),
}
_CAPACITY = {"coal": ("capacity_thermal", "coal_capacity"), "hydro": ("capacity_hydro",
             "hydro_capacity"), "wind": ("capacity_wind", "wind_capacity"),
             "solar": ("capacity_solar", "population_2020"), "nuclear": ("capacity_nuclear", "")}
_PROVINCES = ("210000", "220000", "230000", INNER_MONGOLIA)


@cache
def _table(name: str) -> pd.DataFrame:
    return load_table(name)


def mengdong_share(quantity: str = "population_2020") -> float:
    """Share of the five eastern prefectures in Inner Mongolia for one basis.

    Parameters
    ----------
    quantity
        A ``quantity`` of dataset ``energy_mengdong_shares``: ``population_2020`` (used for
        demand and solar), ``coal_capacity``, ``wind_capacity``, ``hydro_capacity``,
        ``coal_wind_capacity``, ``land_area``, ``industry_employment_2020`` (cross-check).
    """
    s = _table("energy_mengdong_shares").set_index("quantity")["share"]
    if quantity not in s.index:
        raise InputError(f"No mengdong share {quantity!r}.", f"Use one of: {', '.join(s.index)}.")
    return float(s[quantity])


def _bus_series(values: Mapping[Any, float], name: str, buses: tuple[str, ...]) -> pd.Series:
    return pd.Series([float(values[b]) for b in buses], index=pd.Index(buses, name="bus"),
                     name=name)


def load_profiles() -> pd.DataFrame:
    """Hourly load shape (MW) of a non-leap reference year, PyPSA-China (PIK).

    Returns
    -------
    DataFrame
        8760 rows (index ``hour`` 0..8759) x columns :data:`BUSES` + :data:`EXCHANGE`.
        LN, JL, HL and Hebei are PIK's published profiles (annual sums 230.2, 75.1, 97.4
        and 366.6 TWh); mengdong is Inner Mongolia's profile x :func:`mengdong_share`.
        Base year and primary source are not documented by PIK: rescale the shape to the
        demand of the year modelled.
    """
    df = _table("energy_load_profiles").set_index("hour")
    return df[[*BUSES, EXCHANGE]].astype(float)


def _power(indicator: str, year: int, regions: tuple[str, ...]) -> dict[str, float]:
    df = load("power", regions=list(regions), periods=str(year), indicators=indicator)
    got = dict(zip(df["region"], df["value"], strict=True))
    missing = [r for r in regions if r not in got]
    if missing:
        have = load("power", regions=list(regions), indicators=indicator)
        years = sorted({p for p in have["period"] if len(p) == 4})
        raise InputError(
            f"No {indicator} for {', '.join(missing)} in {year} in the curated 'power' data.",
            f"Years with {indicator}: {years[0]}-{years[-1]}" if years else "",
        )
    unit = str(df["unit"].iloc[0])
    f = conversion_factor(unit, "TWh" if indicator.startswith("electricity") else "MW")
    return {r: v * f for r, v in got.items()}


def annual_consumption(year: int) -> pd.Series:
    """Electricity consumption (TWh) by bus and exchange bus in a historical year.

    From the curated ``power`` dataset (``electricity_consumption``, 100m kWh); mengdong =
    Inner Mongolia x :func:`mengdong_share` (population, an assumption).

    Raises
    ------
    InputError
        If the year or a province is missing.
    """
    v = _power("electricity_consumption", year, (*_PROVINCES[:3], INNER_MONGOLIA, EXCHANGE))
    v["mengdong"] = v[INNER_MONGOLIA] * mengdong_share()
    return _bus_series(v, "consumption_twh", (*BUSES, EXCHANGE))


def load_projection(year: int) -> pd.Series:
    """Projected electricity demand (TWh) by bus, PyPSA-China (PIK) 2020-2060.

    Linear interpolation between the published years (2020, 2025, ..., 2060; 2025 is
    NBS 2024 data); mengdong = Inner Mongolia x :func:`mengdong_share`.
    """
    df = load("energy_load_projection")
    tab = df.pivot_table(index="period", columns="region", values="value")
    tab.index = tab.index.astype(int)
    if not tab.index.min() <= year <= tab.index.max():
        raise InputError(f"No load projection for {year}.",
                         f"Use a year in {tab.index.min()}-{tab.index.max()}.")
    v = {c: float(np.interp(year, tab.index, tab[c])) for c in tab.columns}
    v["mengdong"] = v[INNER_MONGOLIA] * mengdong_share()
    return _bus_series(v, "demand_twh", (*BUSES, EXCHANGE))


def existing_capacity(year: int) -> pd.DataFrame:
    """Installed capacity (MW, year end) by bus and technology.

    Columns ``coal`` (all thermal: ``capacity_thermal``), ``hydro`` (includes pumped
    storage, see :func:`pumped_hydro`), ``wind``, ``solar``, ``nuclear`` from the curated
    ``power`` dataset (10 MW -> MW). Nuclear is published for Liaoning only; JL, HL and
    Inner Mongolia have no plants (PIK's nuclear_p_nom agrees) and get 0. mengdong =
    Inner Mongolia x the share of the five prefectures in the plant databases
    (``energy_mengdong_shares``: GEM coal / wind 2023, WRI hydro ~2018 = 0, solar by
    population - WRI cannot locate solar), held constant over the years.

    Raises
    ------
    InputError
        If a series has no value for ``year`` (e.g. wind capacity 2024).
    """
    out = pd.DataFrame(0.0, index=pd.Index(BUSES, name="bus"), columns=list(_CAPACITY))
    for tech, (indicator, share) in _CAPACITY.items():
        regions = ("210000",) if tech == "nuclear" else _PROVINCES
        for r, v in _power(indicator, year, regions).items():
            if r == INNER_MONGOLIA:
                out.loc["mengdong", tech] = v * mengdong_share(share)
            else:
                out.loc[r, tech] = v
    return out


def pumped_hydro() -> pd.Series:
    """Pumped-hydro power capacity (MW) by bus, PIK PHS_p_nom (mengdong 0: Inner
    Mongolia's station, Huhhot, is in the west). Already part of ``hydro`` in
    :func:`existing_capacity`."""
    s = _table("energy_storage_capacity").astype({"bus": str}).set_index("bus")["p_nom_mw"]
    return _bus_series(s.to_dict(), "phs_p_nom_mw", BUSES)


def monthly_capacity_factors(year: int) -> pd.DataFrame:
    """Monthly wind and solar capacity factors by bus (mengdong = Inner Mongolia).

    Realised factors from utilisation hours (NBS/CEC via CREA): '01-02' periods give the
    same value to January and February; months not published (mostly December) are the
    province's mean of that month over the published years (see the dataset's source
    column).

    Returns
    -------
    DataFrame
        Index ``month`` 1..12; columns MultiIndex (``tech`` in wind, solar; ``bus``).
    """
    df = load("energy_monthly_cf")
    cols = {}
    for tech in ("wind", "solar"):
        sub = df[(df["indicator"] == f"capacity_factor_{tech}")]
        yr = sub[sub["period"].str.startswith(f"{year}-")]
        if yr.empty:
            years = sorted({p[:4] for p in sub["period"]})
            raise InputError(f"No capacity_factor_{tech} for {year}.",
                             f"Available: {years[0]}-{years[-1]}.")
        tab = yr.pivot_table(index="period", columns="region", values="value")
        for bus in BUSES:
            v = tab[INNER_MONGOLIA if bus == "mengdong" else bus].to_numpy()
            cols[(tech, bus)] = v
    out = pd.DataFrame(cols, index=pd.RangeIndex(1, 13, name="month"))
    out.columns = out.columns.set_names(["tech", "bus"])
    return out


def corridors() -> pd.DataFrame:
    """Existing transmission corridors among :data:`BUSES` and :data:`EXCHANGE`.

    PIK ``edges_current.csv``, each listed once (flows go both ways); Inner Mongolia's
    corridors to the Northeast go to mengdong, the Inner Mongolia-Hebei corridor is split
    by mengdong's coal+wind capacity share; ``length_km`` = great circle x 1.2.

    Returns
    -------
    DataFrame
        Columns ``bus0``, ``bus1``, ``p_nom_mw``, ``length_km``, ``source``.
    """
    df = _table("energy_corridors")
    df = df[df["in_model"].astype(bool)].astype({"bus0": str, "bus1": str})
    return df[["bus0", "bus1", "p_nom_mw", "length_km", "source"]].reset_index(drop=True)


def technology_costs(year: int, discount_rate: float = DISCOUNT_RATE) -> pd.DataFrame:
    """Cost and performance parameters of :data:`TECHNOLOGIES` (PIK, nearest year).

    Parameters
    ----------
    year
        Any year in 2010-2070; the nearest PIK year (2020-2060, every 5 years) is used
        and kept in ``attrs["data_year"]``.
    discount_rate
        Used for every technology (ASSUMPTION, default :data:`DISCOUNT_RATE`).

    Returns
    -------
    DataFrame
        Index ``technology``; columns ``investment`` (CNY per MW; per MWh for battery
        storage and H2 stores; per MW km for lines - ``attrs["units"]``), ``fom`` (% of
        investment per year), ``vom`` (CNY/MWh), ``lifetime`` (a), ``efficiency``,
        ``fuel`` (CNY/MWh_th), ``co2_intensity`` (t/MWh_th), ``discount_rate``. Not
        published means 0 for fom, vom, fuel, co2_intensity and 1 for efficiency, except
        ``coal CCS retrofit`` (an add-on to a coal plant; investment per MW of the plant,
        efficiency NaN: PIK gives no penalty; vom derived with an assumed capture rate of
        0.9). EUR and USD were converted at 2020 average rates (see the ``energy_costs``
        catalogue).
    """
    df = _table("energy_costs")
    years = np.array(sorted(df["year"].unique()))
    lo, hi = years[0] - COST_YEAR_TOLERANCE, years[-1] + COST_YEAR_TOLERANCE
    if not lo <= year <= hi:
        raise InputError(f"No technology costs for {year}.",
                         f"PIK publishes {years[0]}-{years[-1]}; use a year in {lo}-{hi}.")
    data_year = int(years[np.abs(years - year).argmin()])
    sub = df[df["year"] == data_year]
    tab = sub.pivot_table(index="technology", columns="parameter", values="value")
    tab = tab.reindex(index=list(TECHNOLOGIES), columns=list(COST_COLUMNS))
    tab = tab.fillna({"fom": 0.0, "vom": 0.0, "fuel": 0.0, "co2_intensity": 0.0})
    no_eff = tab.index != "coal CCS retrofit"  # an add-on: its efficiency penalty is unknown
    tab.loc[no_eff, "efficiency"] = tab.loc[no_eff, "efficiency"].fillna(1.0)
    tab["discount_rate"] = discount_rate
    tab.columns.name = None
    inv = sub[sub["parameter"] == "investment"].set_index("technology")["unit"]
    tab.attrs.update(data_year=data_year, currency="CNY", units=inv.to_dict())
    return tab


def _potentials(tech: str) -> pd.Series:
    p = _table("energy_potentials").astype({"bus": str})
    return p[p["technology"] == tech].set_index("bus")["potential_mw"]


def wind_potential_mw() -> pd.Series:
    """Onshore wind expansion limit (MW) by bus: gcamdata maxResource (EJ/yr) at the
    province's mean realised wind CF; mengdong = Inner Mongolia x its land-area share."""
    return _bus_series(_potentials("onwind").to_dict(), "onwind_p_nom_max_mw", BUSES)


def solar_potential_mw() -> pd.Series:
    """Solar expansion limit (MW) by bus: ``inf`` - the bundled data hold no PV potential
    (gcamdata gives PV capacity factors only)."""
    s = _bus_series(dict.fromkeys(BUSES, np.inf), "solar_p_nom_max_mw", BUSES)
    s.attrs["note"] = "no PV potential in the bundled data; no limit"
    return s


def _days_in_season(month: int, start: str, end: str) -> float:
    """Share of the days of ``month`` (non-leap year) inside a season that wraps the year."""
    first = dt.date(2023, month, 1)
    days = (dt.date(2023 + month // 12, month % 12 + 1, 1) - first).days
    s, e = (dt.date(2023, *map(int, x.split("-"))) for x in (start, end))
    dates = [first + dt.timedelta(d) for d in range(days)]
    inside = [s <= d <= e if s <= e else (d >= s or d <= e) for d in dates]
    return sum(inside) / days


def chp_heat_minimum(must_run: float = CHP_MUST_RUN,
                     heating_season: Mapping[str, tuple[str, str]] | None = None
                     ) -> pd.DataFrame:
    """Minimum coal output as a share of installed coal capacity, by month and bus.

    .. math:: m_{b,t} = s_b \\cdot r \\cdot h_{b,t}

    with :math:`s_b` the CHP share of operating coal capacity (GEM units whose name says
    heat supply - a lower bound; dataset ``energy_chp``), :math:`r` = ``must_run`` (a
    CONVENTION, default 0.5) and :math:`h_{b,t}` the share of days of month ``t`` in the
    heating season (CONVENTION :data:`HEATING_SEASON`, Oct/Nov to Mar/Apr).

    Returns
    -------
    DataFrame
        Index ``month`` 1..12, columns :data:`BUSES`, values in [0, 1].
    """
    if not 0.0 <= must_run <= 1.0:
        raise InputError(f"must_run = {must_run} is not a share.", "Use a value in [0, 1].")
    season = dict(HEATING_SEASON, **(heating_season or {}))
    share = _table("energy_chp").astype({"bus": str}).set_index("bus")["chp_share"]
    out = pd.DataFrame(
        {b: [float(share[b]) * must_run * _days_in_season(m, *season[b]) for m in range(1, 13)]
         for b in BUSES}, index=pd.RangeIndex(1, 13, name="month"))
    out.attrs.update(must_run=must_run, heating_season=season)
    return out
