"""Published check figures and internal consistency of the curated population, R&D, CO2,
power-plant and boundary files (read directly from ``src/revitalize/data/files``)."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

import pandas as pd
import pytest

from revitalize import regions
from revitalize.data.catalogue import catalogue as _catalogue
from revitalize.data.loaders import _read_curated

FILES = Path(__file__).resolve().parents[2] / "src" / "revitalize" / "data" / "files"
NE4 = {"150000", "210000", "220000", "230000"}
PREFS = {r.code: r for r in regions.all_regions() if r.level == "prefecture"}
MINE = (
    "population",
    "rd_innovation",
    "co2",
    "co2_cities",
    "power_plants",
    "power_plants_summary",
    "boundaries_provinces",
    "boundaries_ne_prefectures",
    "boundaries_ne_provinces",
)


def tidy(name: str) -> pd.DataFrame:
    """The curated file as shipped (all vintages, file order)."""
    return _read_curated(name)


def catalogue() -> dict[str, dict]:
    """Catalogue entries as written by the build script."""
    return {k: v.raw for k, v in _catalogue().items()}


def value(name: str, region: str, indicator: str, period: str) -> float:
    df = tidy(name)
    hit = df[(df.region == region) & (df.indicator == indicator) & (df.period == period)]
    assert len(hit) == 1, (name, region, indicator, period, len(hit))
    return float(hit["value"].iloc[0])


def wide(name: str, indicators: list[str]) -> pd.DataFrame:
    df = tidy(name)
    df = df[df.indicator.isin(indicators)]
    return df.pivot_table(index=["region", "period"], columns="indicator", values="value")


# --- catalogue ---------------------------------------------------------------------------


@pytest.mark.parametrize("ds", MINE)
def test_catalogue_entry_complete_and_file_small(ds: str) -> None:
    e = catalogue()[ds]
    for key in (
        "title_zh",
        "title_en",
        "description",
        "origin",
        "intermediary",
        "intermediary_commit",
        "raw_files",
        "licence",
        "vintages",
        "coverage",
    ):
        assert e.get(key), (ds, key)
    assert (FILES / e["file"]).stat().st_size < 5_000_000
    if e["kind"] == "tidy":
        df = tidy(ds)
        assert set(df.indicator) <= set(e["indicators"])
        assert set(df.vintage) <= set(e["vintages"])


# --- population --------------------------------------------------------------------------


def test_population_check_figures() -> None:
    assert round(value("population", "210000", "share_65_plus", "2020"), 2) == 17.35
    assert round(value("population", "210000", "share_65_plus", "2024"), 1) == 21.9
    assert value("population", "230000", "population", "2024") == 3029
    assert value("population", "100000", "population", "2022") == 141175


def test_population_coverage_and_splits() -> None:
    df = tidy("population")
    pop = df[df.indicator == "population"]
    assert pop[pop.region != "100000"].groupby("period").size().eq(31).all()
    assert sorted(pop[pop.region == "100000"].period) == [str(y) for y in range(2015, 2023)]
    w = wide(
        "population",
        [
            "population",
            "population_0_14",
            "population_15_64",
            "population_65_plus",
            "population_urban",
            "population_rural",
        ],
    )
    age = w[["population_0_14", "population_15_64", "population_65_plus"]].dropna()
    assert len(age) >= 31 * 25 - 2
    assert (age.sum(axis=1) - w.loc[age.index, "population"]).abs().max() < 0.05
    ur = w[["population_urban", "population_rural"]].dropna()
    gap = (ur.sum(axis=1) - w.loc[ur.index, "population"]).abs()
    assert (gap <= 1.01).mean() > 0.98 and gap.max() < 100
    shares = df[df.indicator.str.startswith("share_") | (df.indicator == "urbanisation_rate")]
    assert shares.value.between(0, 100).all()
    size = df[df.indicator == "household_size"].value
    assert size.between(1.5, 5.5).all()


# --- R&D ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "expected"), [("210000", 2.24), ("220000", 1.55), ("230000", 1.44), ("100000", 2.65)]
)
def test_rd_intensity_2023(region: str, expected: float) -> None:
    assert value("rd_innovation", region, "rd_intensity", "2023") == pytest.approx(expected)


def test_rd_splits_sum_to_totals() -> None:
    splits = {
        "rd_expenditure_cny10k": (
            ["rd_expenditure_basic", "rd_expenditure_applied", "rd_expenditure_experimental"],
            0.003,
        ),
        "rd_personnel_fte": (
            ["rd_personnel_fte_basic", "rd_personnel_fte_applied", "rd_personnel_fte_experimental"],
            0.003,
        ),
        "patent_applications": (
            [f"patent_applications_{t}" for t in ("invention", "utility_model", "design")],
            1e-9,
        ),
        "patents_granted": (
            [f"patents_granted_{t}" for t in ("invention", "utility_model", "design")],
            1e-9,
        ),
        "valid_patents": (
            ["valid_invention_patents", "valid_patents_utility_model", "valid_patents_design"],
            1e-9,
        ),
    }
    funds = [f"rd_funds_{s}" for s in ("government", "enterprise", "foreign", "other")]
    w = wide("rd_innovation", list(splits) + funds + [p for v in splits.values() for p in v[0]])
    for total, (parts, tol) in splits.items():
        sub = w[[total, *parts]].dropna()
        rel = (sub[parts].sum(axis=1) - sub[total]).abs() / sub[total]
        assert len(sub) >= 440 and rel.max() <= tol, total
    sub = w[["rd_expenditure_cny10k", *funds]].dropna()
    assert ((sub[funds].sum(axis=1) / sub["rd_expenditure_cny10k"] - 1).abs() < 1e-4).all()


def test_rd_expenditure_units_consistent() -> None:
    w = wide("rd_innovation", ["rd_expenditure", "rd_expenditure_cny10k"]).dropna()
    assert len(w) == 32 * 14
    assert (w["rd_expenditure"] - w["rd_expenditure_cny10k"] / 1e4).abs().max() <= 0.051
    assert value("rd_innovation", "100000", "rd_expenditure", "2023") == pytest.approx(33357.1)
    assert set(tidy("rd_innovation").region) == {r.code for r in regions.provinces()} | {"100000"}


# --- CO2 ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("region", "period", "expected"),
    [
        ("210000", "2000", 213.0),
        ("210000", "2010", 458.8),
        ("210000", "2019", 533.4),
        ("220000", "2019", 203.7),
        ("230000", "2019", 278.2),
    ],
)
def test_co2_check_figures(region: str, period: str, expected: float) -> None:
    assert round(value("co2", region, "co2_total", period), 1) == expected


def test_co2_sectors_and_fuels_sum_to_total() -> None:
    inds = catalogue()["co2"]["indicators"]
    sectors = [i for i, v in inds.items() if v.get("parts_of") == "co2_total"]
    fuels = [i for i, v in inds.items() if v.get("split_of") == "co2_total"]
    assert len(sectors) == 47 and all(s.startswith("co2_sector_") for s in sectors)
    assert len(fuels) == 18 and "co2_process" in fuels
    w = wide("co2", ["co2_total", *sectors, *fuels])
    assert len(w) == 31 * 23  # 30 provinces + China, 1997-2019
    assert (w[sectors].sum(axis=1) - w["co2_total"]).abs().max() < 1e-4
    assert (w[fuels].sum(axis=1) - w["co2_total"]).abs().max() < 1e-4


def test_co2_cities_are_registry_prefectures() -> None:
    df = tidy("co2_cities")
    assert set(df.region) <= set(PREFS)
    assert df.region.nunique() == 36
    assert {"210100", "220200", "222400", "152200", "152500", "232700"} <= set(df.region)
    assert (df.value > 0).all() and set(df.unit) == {"Mt CO2"}
    assert "kindly ask you to cite" in catalogue()["co2"]["licence"]


# --- power plants ------------------------------------------------------------------------


@cache
def plants() -> pd.DataFrame:
    return pd.read_csv(
        FILES / "power_plants.csv",
        dtype={"plant_id": str, "province": str, "prefecture": str, "province_reported": str},
    )


@pytest.mark.parametrize(
    ("region", "mw"), [("210000", 32885), ("220000", 16061), ("230000", 19691), ("150000", 106452)]
)
def test_operating_coal_by_reported_province(region: str, mw: float) -> None:
    p = plants()
    op = p[(p.dataset == "gem_coal") & (p.status == "operating")]
    assert op[op.province_reported == region].capacity_mw.sum() == pytest.approx(mw)


def test_point_in_polygon_agrees_with_reported_province() -> None:
    p = plants()
    gem = p[p.dataset != "wri_gppd"]
    assert (gem.province == gem.province_reported).mean() > 0.97
    assert (p.province.isin(NE4) | p.province_reported.isin(NE4)).all()
    assert p.province.notna().all()


def test_plant_columns_and_values() -> None:
    p = plants()
    assert set(p.dataset) == {"gem_coal", "gem_wind", "wri_gppd"}
    assert set(p.fuel) <= {
        "coal",
        "wind",
        "hydro",
        "solar",
        "nuclear",
        "gas",
        "biomass",
        "oil",
        "other",
    }
    wri = p[p.dataset == "wri_gppd"]
    assert not wri.fuel.isin(["coal", "wind"]).any()
    allowed = {
        "operating",
        "construction",
        "permitted",
        "announced",
        "pre-permit",
        "shelved",
        "cancelled",
        "retired",
        "mothballed",
        "pre-construction",
    }
    assert set(p.status.dropna()) <= allowed
    assert p.lat.between(35, 55).all() and p.lon.between(95, 135).all()
    pref = p.prefecture.dropna()
    assert set(pref) <= set(PREFS)
    assert (pref.map(lambda c: PREFS[c].parent) == p.loc[pref.index, "province"]).all()
    ne3 = p[p.province.isin({"210000", "220000", "230000"})]
    assert ne3.prefecture.notna().all()
    assert all(s for s in p.source)


def test_capacity_summary_matches_the_table() -> None:
    s = tidy("power_plants_summary")
    coal = s[(s.indicator == "plant_capacity_operating_coal") & (s.region == "210000")]
    p = plants()
    expected = p[(p.fuel == "coal") & (p.status == "operating") & (p.province == "210000")]
    assert coal.value.iloc[0] == pytest.approx(expected.capacity_mw.sum())
    pref = s[s.region.isin(PREFS) & (s.indicator == "plant_capacity_operating_wind")]
    assert len(pref) == 41


# --- boundaries --------------------------------------------------------------------------


def _features(name: str) -> list[dict]:
    gj = json.loads((FILES / f"{name}.geojson").read_text("utf-8"))
    assert gj["type"] == "FeatureCollection"
    return gj["features"]


def test_boundary_features_and_properties() -> None:
    pref = _features("boundaries_ne_prefectures")
    assert len(pref) == 41
    assert {f["properties"]["code"] for f in pref} == set(PREFS)
    for f in pref:
        p = f["properties"]
        assert p["province"] == PREFS[p["code"]].parent and p["level"] == "prefecture"
        assert p["name_zh"] == PREFS[p["code"]].name_zh
    prov = _features("boundaries_provinces")
    assert len(prov) == 34
    codes = {f["properties"]["code"] for f in prov}
    assert {r.code for r in regions.provinces()} | {"710000", "810000", "820000"} == codes
    assert all(f["properties"]["name_en"] for f in prov)
    ne = _features("boundaries_ne_provinces")
    assert {f["properties"]["code"] for f in ne} == NE4


@pytest.mark.parametrize(
    "name", ["boundaries_provinces", "boundaries_ne_prefectures", "boundaries_ne_provinces"]
)
def test_boundary_geometries_valid_rounded_small(name: str) -> None:
    shapely = pytest.importorskip("shapely")
    from shapely.geometry import shape

    text = (FILES / f"{name}.geojson").read_text("utf-8")
    assert len(text.encode()) < 600_000
    assert not re.search(r"\d\.\d{5,}", text)
    for f in _features(name):
        g = shape(f["geometry"])
        assert g.is_valid and not g.is_empty and g.geom_type in ("Polygon", "MultiPolygon")
    assert shapely.__version__
