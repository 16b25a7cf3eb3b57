"""Inputs of the Northeast power-system model (``revitalize.data.energy_inputs``).

Published check figures: PyPSA-China-PIK SOURCE.md (annual sums of the hourly load: HL
97.4, JL 75.1, LN 230.2, NM 335.3 TWh; Liaoning nuclear p_nom 5,594 MW); CREA snapshot
(shared/data/crea_derived_monthly_capacity_factors/SOURCE.md: Liaoning wind CF 2023
Jan-Feb 0.33) and Liaoning's 2023 year-end capacity in 10 MW (thermal 3,856, wind 1,429,
solar 958, nuclear 668, hydro 334).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from revitalize.data import energy_inputs as ei
from revitalize.data import load
from revitalize.data.catalogue import catalogue
from revitalize.exceptions import InputError

FILES = Path(__file__).resolve().parents[2] / "src" / "revitalize" / "data" / "files"
DATASETS = ("energy_mengdong_shares", "energy_load_profiles", "energy_load_projection",
            "energy_monthly_cf", "energy_corridors", "energy_costs", "energy_potentials",
            "energy_storage_capacity", "energy_chp")
ALL_BUSES = [*ei.BUSES, ei.EXCHANGE]


def test_bus_labels() -> None:
    assert ei.BUSES == ("210000", "220000", "230000", "mengdong")
    assert ei.EXCHANGE == "130000"


@pytest.mark.parametrize("name", DATASETS)
def test_catalogue_entries_and_sizes(name: str) -> None:
    info = catalogue()[name]
    for key in ("origin", "intermediary", "licence", "description", "coverage"):
        assert getattr(info, key), f"{name}: empty {key}"
    assert (FILES / info.file).stat().st_size < 2_000_000


def test_load_profiles_shape_and_pik_annual_sums() -> None:
    p = ei.load_profiles()
    assert p.shape == (8760, 5)
    assert list(p.columns) == ALL_BUSES
    assert p.index.name == "hour"
    assert p.index[0] == 0 and p.index[-1] == 8759
    assert (p > 0).all().all()
    twh = p.sum() / 1e6
    for bus, published in (("230000", 97.4), ("220000", 75.1), ("210000", 230.2)):
        assert twh[bus] == pytest.approx(published, abs=0.05)
    share = ei.mengdong_share()
    assert twh["mengdong"] / share == pytest.approx(335.3, abs=0.05)


def test_mengdong_population_share_is_census_based() -> None:
    share = ei.mengdong_share("population_2020")
    # 2020 census: Inner Mongolia 24,049,155 residents
    assert share == pytest.approx(11_676_014 / 24_049_155, abs=1e-6)
    assert ei.mengdong_share("industry_employment_2020") < share
    with pytest.raises(InputError, match="population_2020"):
        ei.mengdong_share("gdp")


def test_annual_consumption_2023_matches_power() -> None:
    s = ei.annual_consumption(2023)
    assert list(s.index) == ALL_BUSES
    p = load("power", regions="210000,220000,230000,150000,130000", periods=2023,
             indicators="electricity_consumption").set_index("region")["value"]
    for bus in ("210000", "220000", "230000", "130000"):
        assert s[bus] == pytest.approx(p[bus] / 10)  # 100m kWh -> TWh
    assert s["mengdong"] == pytest.approx(p["150000"] / 10 * ei.mengdong_share())
    assert s["210000"] == pytest.approx(266.3)


def test_load_projection() -> None:
    s = ei.load_projection(2025)
    assert s["210000"] == pytest.approx(273.4)  # PIK 2025 = NBS 2024 data
    mid = ei.load_projection(2027)
    assert mid["220000"] == pytest.approx(
        0.6 * ei.load_projection(2025)["220000"] + 0.4 * ei.load_projection(2030)["220000"])
    with pytest.raises(InputError, match="2070"):
        ei.load_projection(2070)


def test_existing_capacity_2023_liaoning() -> None:
    c = ei.existing_capacity(2023)
    assert list(c.index) == list(ei.BUSES)
    assert list(c.columns) == ["coal", "hydro", "wind", "solar", "nuclear"]
    ln = c.loc["210000"]
    assert ln["coal"] == pytest.approx(38_560)
    assert ln["wind"] == pytest.approx(14_290)
    assert ln["solar"] == pytest.approx(9_580)
    assert ln["nuclear"] == pytest.approx(6_680)
    assert ln["hydro"] == pytest.approx(3_340)
    assert (c.loc[["220000", "230000", "mengdong"], "nuclear"] == 0).all()
    assert (c >= 0).all().all()


def test_existing_capacity_mengdong_is_scaled_inner_mongolia() -> None:
    c = ei.existing_capacity(2023)
    im = load("power", regions="150000", periods=2023,
              indicators="capacity_thermal").set_index("region")["value"]
    assert c.loc["mengdong", "coal"] == pytest.approx(
        im["150000"] * 10 * ei.mengdong_share("coal_capacity"))
    assert 0 < c.loc["mengdong", "coal"] < im["150000"] * 10
    assert c.loc["mengdong", "hydro"] == 0


def test_nuclear_cross_check_with_pik() -> None:
    # PIK capacity/nuclear_p_nom.csv: Liaoning 5,594 MW (SOURCE.md) ~ the 2021 fleet
    assert ei.existing_capacity(2021).loc["210000", "nuclear"] == pytest.approx(5594, rel=0.01)
    assert "'Liaoning': 5594.0" in catalogue()["energy_storage_capacity"].description


def test_pumped_hydro() -> None:
    s = ei.pumped_hydro()
    assert list(s.index) == list(ei.BUSES)
    assert s["210000"] == 1200 and s["mengdong"] == 0
    assert (s <= ei.existing_capacity(2023)["hydro"].where(s.index != "mengdong", np.inf)).all()


def test_monthly_capacity_factors() -> None:
    cf = ei.monthly_capacity_factors(2023)
    assert list(cf.index) == list(range(1, 13))
    assert cf.columns.names == ["tech", "bus"]
    assert set(cf.columns) == {(t, b) for t in ("wind", "solar") for b in ei.BUSES}
    assert ((cf > 0) & (cf < 1)).all().all()
    assert cf[("wind", "210000")][1] == pytest.approx(0.33, abs=0.005)
    assert cf[("wind", "210000")][1] == cf[("wind", "210000")][2]  # '01-02' split evenly
    raw = load("energy_monthly_cf", regions="150000", periods="2023-04",
               indicators="capacity_factor_wind")
    assert cf[("wind", "mengdong")][4] == pytest.approx(raw["value"].item())


def test_monthly_cf_gaps_are_filled_and_labelled() -> None:
    df = load("energy_monthly_cf", regions="210000", indicators="capacity_factor_solar")
    dec = df[df["period"].str.endswith("-12")].set_index("period")
    assert "filled" in dec.loc["2023-12", "source"]
    published = dec[~dec["source"].str.contains("filled")]["value"]
    assert dec.loc["2023-12", "value"] == pytest.approx(published.mean(), abs=1e-4)
    assert ei.monthly_capacity_factors(2024).notna().all().all()
    with pytest.raises(InputError, match="capacity_factor_solar"):
        ei.monthly_capacity_factors(2015)  # wind from 2014, solar from 2018


def test_corridors() -> None:
    c = ei.corridors()
    assert list(c.columns) == ["bus0", "bus1", "p_nom_mw", "length_km", "source"]
    assert set(c["bus0"]) | set(c["bus1"]) <= set(ALL_BUSES)
    pairs = [frozenset(p) for p in zip(c["bus0"], c["bus1"], strict=True)]
    assert len(pairs) == len(set(pairs))  # each corridor once, used in both directions
    assert all(len(p) == 2 for p in pairs)
    assert (c["p_nom_mw"] > 0).all() and (c["length_km"] > 0).all()
    by = {frozenset(p): v for p, v in zip(pairs, c["p_nom_mw"], strict=True)}
    assert by[frozenset({"210000", "220000"})] == 5000  # PIK Jilin-Liaoning
    assert by[frozenset({"210000", "mengdong"})] == 8000  # PIK Liaoning-InnerMongolia
    assert 0 < by[frozenset({"mengdong", "130000"})] < 3950  # part of PIK Hebei-NM


def test_technology_costs_cover_every_technology() -> None:
    t = ei.technology_costs(2030)
    assert list(t.index) == list(ei.TECHNOLOGIES)
    assert list(t.columns) == list(ei.COST_COLUMNS)
    assert t["investment"].notna().all() and (t["investment"] > 0).all()
    assert t["lifetime"].notna().all()
    assert t.drop(index="coal CCS retrofit")["efficiency"].between(0, 1).all()
    # PIK costs_2030.csv: onwind 586.99 EUR/kW, battery storage 142 EUR/kWh
    assert t.loc["onwind", "investment"] == pytest.approx(586.99 * 7.8747 * 1e3)
    assert t.loc["battery storage", "investment"] == pytest.approx(142 * 7.8747 * 1e3)
    assert t.attrs["units"]["battery storage"] == "CNY/MWh"
    assert t.loc["coal", "co2_intensity"] == pytest.approx(0.34)
    assert t.loc["CCGT", "fuel"] > 0 and t.loc["onwind", "fuel"] == 0
    assert (t["discount_rate"] == ei.DISCOUNT_RATE).all()
    assert ei.technology_costs(2023).attrs["data_year"] == 2025
    assert ei.technology_costs(2015).attrs["data_year"] == 2020  # backcasts: nearest year
    assert ei.technology_costs(2030, discount_rate=0.05)["discount_rate"].eq(0.05).all()


def test_potentials() -> None:
    w, s = ei.wind_potential_mw(), ei.solar_potential_mw()
    assert list(w.index) == list(ei.BUSES) == list(s.index)
    assert (w > ei.existing_capacity(2023)["wind"]).all()
    assert np.isinf(s).all()


def test_chp_heat_minimum() -> None:
    m = ei.chp_heat_minimum()
    assert list(m.index) == list(range(1, 13)) and list(m.columns) == list(ei.BUSES)
    assert (m.loc[[5, 6, 7, 8, 9]] == 0).all().all()
    assert (m.loc[[12, 1, 2]] > 0).all().all()
    assert (m <= ei.CHP_MUST_RUN).all().all()
    assert ei.chp_heat_minimum(must_run=1.0).loc[1, "210000"] == pytest.approx(
        2 * m.loc[1, "210000"])
    custom = ei.chp_heat_minimum(heating_season={"210000": ("11-16", "11-30")})
    assert custom.loc[11, "210000"] == pytest.approx(m.loc[1, "210000"] * 0.5)
    with pytest.raises(InputError):
        ei.chp_heat_minimum(must_run=1.5)


@pytest.mark.parametrize(
    ("func", "year", "what"),
    [(ei.annual_consumption, 1990, "electricity_consumption"),
     (ei.existing_capacity, 2024, "capacity_wind"),
     (ei.monthly_capacity_factors, 2010, "capacity_factor_wind"),
     (ei.technology_costs, 2071, "2071"),
     (ei.load_projection, 2019, "2019")],
)
def test_bad_year_raises_input_error(func: object, year: int, what: str) -> None:
    with pytest.raises(InputError, match=what):
        func(year)  # type: ignore[operator]
