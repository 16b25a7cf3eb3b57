"""Power plants with coordinates in Liaoning, Jilin, Heilongjiang and Inner Mongolia.

Coal units come from the GEM Global Coal Plant Tracker (July 2023), wind project phases
from the GEM Global Wind Power Tracker (May 2023), and every other fuel (hydro, nuclear,
solar, gas, biomass, oil, other) from WRI's China table of the Global Power Plant
Database v1.3 (snapshot about 2018). WRI coal and wind rows are dropped so that no plant
is counted twice. Provinces and NE prefectures are assigned by point-in-polygon with a
vectorised :class:`shapely.STRtree`; points just outside every polygon (coast, offshore
wind, simplified borders) go to the nearest polygon within :data:`MAX_DIST` degrees.
"""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely import STRtree

from revitalize import regions

from .common import Dataset, region_code

COAL = "gem_trackers_china/gem_coal_units_china_2023-07.csv"
WIND = "gem_trackers_china/gem_wind_projects_china_2023-05.csv"
WRI = "wri_gppd_china/wri_china_power_plants_raw.csv"
PROVINCES = "cnmaps_ne_boundaries/china_provinces_simplified.geojson"
PREFECTURES = "cnmaps_ne_boundaries/ne_prefectures_medium.geojson"
NE4 = ("150000", "210000", "220000", "230000")
NE3 = ("210000", "220000", "230000")
MAX_DIST = 0.3
SRC_COAL = "Global Energy Monitor, Global Coal Plant Tracker July 2023 (CC BY 4.0)"
SRC_WIND = "Global Energy Monitor, Global Wind Power Tracker May 2023 (CC BY 4.0)"
SRC_WRI = "WRI Global Power Plant Database v1.3, China table (CC BY 4.0); from: "
WRI_FUEL = {
    "Hydro": "hydro", "Solar": "solar", "Nuclear": "nuclear", "Natural Gas": "gas",
    "LNG": "gas", "Coal Mine Methane": "gas", "Landfill gas": "biomass",
    "Diesel": "oil", "Fuel Oil": "oil", "Distillate Oil": "oil", "Heavy Fuel Oil": "oil",
    "Oil": "oil", "Geothermal": "other",
}
WRI_STATUS = {"Operational": "operating", "Shutdown": "retired",
              "Under Construction": "construction"}
FUELS = ("coal", "wind", "hydro", "solar", "nuclear", "gas", "biomass", "oil", "other")
COLUMNS = [
    "plant_id", "dataset", "name", "name_local", "unit_name", "fuel", "technology",
    "capacity_mw", "status", "start_year", "retired_year", "lat", "lon", "province",
    "prefecture", "province_reported", "location_accuracy", "source",
]


def _polygons(path: Path) -> tuple[np.ndarray, np.ndarray]:
    """Codes and shapely geometries of a GeoJSON FeatureCollection (``adcode``)."""
    feats = json.loads(path.read_text("utf-8"))["features"]
    codes = np.array([f["properties"]["adcode"] for f in feats], dtype=object)
    geoms = np.array([shapely.geometry.shape(f["geometry"]) for f in feats])
    return codes, shapely.make_valid(geoms)


def assign(lon: np.ndarray, lat: np.ndarray, codes: np.ndarray, geoms: np.ndarray,
           max_dist: float = MAX_DIST) -> tuple[np.ndarray, np.ndarray]:
    """Code of the polygon containing each point, else of the nearest within ``max_dist``.

    Parameters
    ----------
    lon, lat
        Coordinates in degrees (no NaN).
    codes, geoms
        Polygon codes and geometries.
    max_dist
        Largest distance (degrees) for the nearest-polygon fallback.

    Returns
    -------
    code, how
        Arrays of the assigned code ("" if none) and ``"inside"``, ``"nearest"`` or "".
    """
    pts = shapely.points(lon, lat)
    tree = STRtree(geoms)
    code = np.full(len(pts), "", dtype=object)
    how = np.full(len(pts), "", dtype=object)
    ip, ig = tree.query(pts, predicate="within")
    first = pd.Series(ig, index=ip).groupby(level=0).first()
    code[first.index] = codes[first.to_numpy()]
    how[first.index] = "inside"
    miss = np.flatnonzero(code == "")
    if len(miss):
        jp, jg = tree.query_nearest(pts[miss], max_distance=max_dist, all_matches=False)
        code[miss[jp]] = codes[jg]
        how[miss[jp]] = "nearest"
    return code, how


def _reported(names: pd.Series) -> pd.Series:
    """Resolve the source's own province names to codes ("" where unknown)."""
    def one(n: object) -> str:
        try:
            return region_code(str(n))
        except Exception:
            return ""
    return names.map(one)


def _year(values: pd.Series) -> pd.Series:
    """First four-digit year of a value (``"1992-2006"`` -> 1992), as nullable Int."""
    text = values.astype("string").str.extract(r"(\d{4})")[0]
    return pd.to_numeric(text, errors="coerce").astype("Int64")


def _gem_coal(shared: Path) -> pd.DataFrame:
    """GEM coal units in the common layout (no region columns yet)."""
    c = pd.read_csv(shared / COAL)
    return pd.DataFrame({
        "plant_id": c["GEM unit/phase ID"], "dataset": "gem_coal", "name": c["Plant name"],
        "name_local": c["Plant name (local)"], "unit_name": c["Unit name"], "fuel": "coal",
        "technology": c["Combustion technology"], "capacity_mw": c["Capacity (MW)"],
        "status": c["Status"].str.strip().str.lower(), "start_year": _year(c["Start year"]),
        "retired_year": _year(c["Retired year"]), "lat": c["Latitude"],
        "lon": c["Longitude"],
        "province_reported": _reported(c["Subnational unit (province, state)"]),
        "location_accuracy": c["Location accuracy"], "source": SRC_COAL,
    })


def _gem_wind(shared: Path) -> pd.DataFrame:
    """GEM wind project phases in the common layout."""
    w = pd.read_csv(shared / WIND)
    return pd.DataFrame({
        "plant_id": w["GEM phase ID"], "dataset": "gem_wind", "name": w["Project Name"],
        "name_local": w["Project Name in Local Language / Script"],
        "unit_name": w["Phase Name"].astype("string"), "fuel": "wind",
        "technology": w["Installation Type"], "capacity_mw": w["Capacity (MW)"],
        "status": w["Status"].str.strip().str.lower(), "start_year": _year(w["Start year"]),
        "retired_year": _year(w["Retired year"]), "lat": w["Latitude"],
        "lon": w["Longitude"], "province_reported": _reported(w["State/Province"]),
        "location_accuracy": w["Location accuracy"], "source": SRC_WIND,
    })


def _wri(shared: Path) -> tuple[pd.DataFrame, int]:
    """WRI plants of fuels not taken from GEM; returns (frame, rows without coordinates)."""
    r = pd.read_csv(shared / WRI)
    r = r[~r["Fuel"].isin(["Coal", "Wind"])]
    no_xy = int(r["Latitude"].isna().sum())
    r = r.dropna(subset=["Latitude", "Longitude"])
    unknown = set(r["Fuel"]) - set(WRI_FUEL)
    if unknown:
        raise ValueError(f"plants: unmapped WRI fuels {unknown}")
    frame = pd.DataFrame({
        "plant_id": r["Power Plant ID"].astype(str), "dataset": "wri_gppd",
        "name": r["Name"], "name_local": "", "unit_name": "",
        "fuel": r["Fuel"].map(WRI_FUEL),
        "technology": r["Generator Technology"].fillna(r["Fuel"]),
        "capacity_mw": r["Capacity (MW)"],
        "status": r["Operational Status"].map(WRI_STATUS).fillna(""),
        "start_year": _year(r["Commissioning Date"]), "retired_year": pd.NA,
        "lat": r["Latitude"], "lon": r["Longitude"], "province_reported": "",
        "location_accuracy": "", "source": SRC_WRI + r["Source"].astype(str),
    })
    return frame, no_xy


def _locate(df: pd.DataFrame, shared: Path) -> tuple[pd.DataFrame, dict[str, int]]:
    """Add ``province`` and ``prefecture`` codes; keep rows in (or reported in) NE4."""
    pcodes, pgeoms = _polygons(shared / PROVINCES)
    df["province"], how = assign(df["lon"].to_numpy(), df["lat"].to_numpy(), pcodes, pgeoms)
    keep = df["province"].isin(NE4) | df["province_reported"].isin(NE4)
    df, how = df[keep].copy(), how[keep.to_numpy()]
    fcodes, fgeoms = _polygons(shared / PREFECTURES)
    parent = {r.code: r.parent for r in regions.all_regions()}
    pref, phow = assign(df["lon"].to_numpy(), df["lat"].to_numpy(), fcodes, fgeoms)
    ok = (phow == "inside") | (
        (phow == "nearest") & df["province"].isin(NE3).to_numpy()
        & (pd.Series(pref).map(parent).to_numpy() == df["province"].to_numpy()))
    df["prefecture"] = np.where(ok, pref, "")
    counts = {
        "province_nearest": int((how == "nearest").sum()),
        "province_none": int((how == "").sum()),
        "prefecture_nearest": int((ok & (phow == "nearest")).sum()),
    }
    return df, counts


def _summary(plants: pd.DataFrame) -> pd.DataFrame:
    """Operating capacity (MW) by province / prefecture x fuel, zeros made explicit."""
    op = plants[plants["status"].eq("operating")
                | (plants["dataset"].eq("wri_gppd") & plants["status"].eq(""))]
    period = {"gem_coal": "2023", "gem_wind": "2023", "wri_gppd": "2018"}
    vintage = {"gem_coal": "gem_2023", "gem_wind": "gem_2023", "wri_gppd": "wri_gppd_1.3"}
    by_fuel = {"coal": "gem_coal", "wind": "gem_wind"}
    regs = list(NE4) + [r.code for r in regions.all_regions() if r.level == "prefecture"]
    rows = []
    for level in ("province", "prefecture"):
        cap = op[op[level] != ""].groupby([level, "fuel"])["capacity_mw"].sum()
        for reg in regs:
            if (level == "province") != (reg in NE4):
                continue
            for fuel in FUELS:
                ds = by_fuel.get(fuel, "wri_gppd")
                rows.append({
                    "region": reg, "indicator": f"plant_capacity_operating_{fuel}",
                    "period": period[ds], "value": float(cap.get((reg, fuel), 0.0)),
                    "unit": "MW", "source": {"gem_coal": SRC_COAL, "gem_wind": SRC_WIND}
                    .get(ds, SRC_WRI.removesuffix("; from: ")), "vintage": vintage[ds],
                })
    return pd.DataFrame(rows)


def build(shared: Path) -> list[Dataset]:
    """Build ``power_plants`` (table) and ``power_plants_summary`` (tidy).

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        The plant table and the operating-capacity summary.
    """
    wri, no_xy = _wri(shared)
    df = pd.concat([_gem_coal(shared), _gem_wind(shared), wri], ignore_index=True)
    df, counts = _locate(df, shared)
    df = df[COLUMNS].sort_values(["dataset", "province", "plant_id"], kind="stable")
    df = df.reset_index(drop=True)
    df[["lat", "lon"]] = df[["lat", "lon"]].round(5)
    gem = df[df["dataset"] != "wri_gppd"]
    agree = float((gem["province"] == gem["province_reported"]).mean())
    n = df["dataset"].value_counts().to_dict()
    licence = ("CC BY 4.0: GEM trackers (\"Copyright © Global Energy Monitor. Distributed "
               "under a Creative Commons Attribution 4.0 International License\"; attribute "
               "Global Energy Monitor); WRI Global Power Plant Database CC BY 4.0 (cite: "
               "Global Energy Observatory, Google, KTH Royal Institute of Technology in "
               "Stockholm, Enipedia, World Resources Institute. 2018/2021. Global Power "
               "Plant Database. Published on Resource Watch and Google Earth Engine)")
    common = {
        "origin": "Global Energy Monitor (Global Coal Plant Tracker July 2023, Global Wind "
        "Power Tracker May 2023); World Resources Institute (Global Power Plant Database "
        "v1.3)",
        "intermediary": "GitHub pik-piam/PyPSA-China-PIK (GEM spreadsheets); GitHub "
        "wri/global-power-plant-database (raw_source_files/WRI/China.csv)",
        "intermediary_commit": "84798fa94e2b51a19d423153f94bf09ebeb2630a; "
        "7a91cfbb2a4e272597acbc00506d61fc1ec73b3d",
        "raw_files": [COAL, WIND, WRI, PROVINCES, PREFECTURES],
        "licence": licence,
    }
    desc = (
        "Power plants with coordinates in Liaoning, Jilin, Heilongjiang and Inner "
        f"Mongolia: {n.get('gem_coal', 0)} GEM coal units, {n.get('gem_wind', 0)} GEM wind "
        f"project phases (>= 10 MW) and {n.get('wri_gppd', 0)} WRI plants of other fuels "
        "(hydro incl. pumped storage, nuclear, solar, gas incl. coal-mine methane, biomass "
        "incl. landfill gas, oil, other); WRI coal and wind rows are dropped (taken from "
        "GEM). All statuses are kept (GEM wind uses 'pre-construction' for projects "
        "seeking permits; WRI rows without a status have status ''). province = GB/T code "
        "by point-in-polygon on the cnmaps province boundaries (0.01 deg simplified), "
        "prefecture = code by point-in-polygon on the 41 NE prefecture boundaries (empty "
        "for western Inner Mongolia). Rows are kept if the point or the source's own "
        "province (province_reported, GEM only) is in the four provinces. "
        f"{counts['province_nearest']} points outside every province polygon were put "
        f"into the nearest one within {MAX_DIST} deg ({counts['province_none']} left "
        f"without province); {counts['prefecture_nearest']} points in LN/JL/HL were put "
        "into the nearest prefecture of their province. Point-in-polygon and reported "
        f"province agree for {agree:.1%} of the GEM rows. {no_xy} WRI rows of China "
        "without coordinates were dropped. CAVEATS: WRI is a ~2018 snapshot (e.g. "
        "Hongyanhe nuclear 4,183 MW, solar far below today); GEM wind misses small wind "
        "farms; official provincial capacity totals are higher. GEM's gas tracker (CC "
        "BY-NC-SA) is not used. start_year of WRI ranges (1992-2006) is the first year."
    )
    plants = Dataset("power_plants", "table", {
        "title_zh": "东北四省区发电厂(机组)名录及坐标", "title_en": "Power plants and units "
        "with coordinates in Northeast China and Inner Mongolia",
        "description": desc, **common,
        "vintages": ["wri_gppd_1.3", "gem_2023"],
        "coverage": "Liaoning, Jilin, Heilongjiang, Inner Mongolia; GEM 2023, WRI ~2018",
    }, frame=df, extra={"counts": counts, "agreement": agree})
    ind = {f"plant_capacity_operating_{f}": {
        "unit": "MW", "zh": f"在运装机容量({f})", "en": f"Operating capacity listed "
        f"in the plant databases: {f}", "additive": True} for f in FUELS}
    summary = Dataset("power_plants_summary", "tidy", {
        "title_zh": "东北四省区分燃料在运装机容量(电厂数据库汇总)",
        "title_en": "Operating capacity by fuel from plant databases, NE provinces and "
        "prefectures",
        "description": "Sum of capacity_mw of operating rows of power_plants by province "
        "and by NE prefecture (both assigned by point-in-polygon) and fuel; zeros are "
        "explicit. Coal (GEM, July 2023) and wind (GEM, May 2023) have period 2023; other "
        "fuels come from WRI's ~2018 snapshot (period 2018, rows without a status counted "
        "as operating). Listed capacity only: totals fall short of official statistics, "
        "especially for wind, solar and hydro. " + desc,
        **common, "vintages": ["wri_gppd_1.3", "gem_2023"],
        "coverage": "4 provinces (LN, JL, HL, Inner Mongolia) + 41 NE prefectures",
        "indicators": ind,
    }, frame=_summary(df))
    return [plants, summary]
