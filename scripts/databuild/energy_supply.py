"""Supply side of the ``energy`` builder: corridors, costs, potentials, storage, CHP.

Called by :func:`databuild.energy.build`; see that module for the buses. Every number
that is not read from a bundled file is a named constant here and is repeated in the
catalogue description of the dataset that uses it.
"""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import shapely

from .common import Dataset, region_code

PIK = "pypsa_china_pik"
PIK_COMMIT = "25c83bfb37bc7d81f3058d3f8271fa34383d63ee"
PIK_LICENCE = (
    "PyPSA-China-PIK: code MIT; the README says 'some of the data used is more "
    "restrictive' and docs/data.md leaves checking the original data's licence to the user; "
    "the repository also ships CC-BY-4.0 and CC0 texts. Cite the repository (CITATION.cff) "
    "and the primary sources named per row"
)
EDGES = f"{PIK}/grids/edges_current.csv"
PHS = f"{PIK}/hydro/PHS_p_nom.csv"
NUCLEAR = f"{PIK}/capacity/nuclear_p_nom.csv"
CHP_PIK = f"{PIK}/capacity/CHP_coal_capacity.csv"
WIND_POT = "gcamdata_china_renewables/wind_potential_province.csv"
PV_CF = "gcamdata_china_renewables/solar_csp_pv_capacityfactor.csv"
CF_FILE = "crea_derived_monthly_capacity_factors/wind_solar_monthly_capacity_factor_by_province.csv"
PREFECTURES = "cnmaps_ne_boundaries/ne_prefectures_medium.geojson"
PROVINCES = "cnmaps_ne_boundaries/ne_provinces_medium.geojson"
FILES = Path(__file__).resolve().parents[2] / "src" / "revitalize" / "data" / "files"
MENGDONG = ("150400", "150500", "150700", "152200", "152500")
NE3 = ("210000", "220000", "230000")
IM, HEBEI = "150000", "130000"
BUS_ORDER = ("210000", "220000", "230000", "mengdong", HEBEI)
PIK_NAME = {"Liaoning": "210000", "Jilin": "220000", "Heilongjiang": "230000",
            "Hebei": HEBEI, "InnerMongolia": IM, "Inner Mongolia": IM}
# Provincial capitals, degrees N / E (public facts, not from a bundled file).
CAPITALS = {"210000": (41.8057, 123.4315, "Shenyang"), "220000": (43.8171, 125.3235,
            "Changchun"), "230000": (45.8038, 126.5349, "Harbin"),
            HEBEI: (38.0428, 114.5149, "Shijiazhuang")}
ROUTE_FACTOR = 1.2
EARTH_KM = 6371.0
# Exchange rates, annual averages 2020 (ECB euro reference rate CNY 7.8747; USD/CNY
# 6.8976 central parity mean) - ASSUMPTION: one conversion, no inflation adjustment.
EUR_CNY, USD_CNY, FX_YEAR = 7.8747, 6.8976, 2020
CCS_CAPTURE_RATE = 0.9  # ASSUMPTION (PIK gives no capture rate for the retrofit)
EJ_MWH = 1e18 / 3.6e9
CHP_PATTERN = r"热电|供热|热力|集中供热"
TECHS = {  # model name: (PIK technology, fuel row or None)
    "onwind": ("onwind", None), "offwind": ("offwind", None), "solar": ("solar", None),
    "nuclear": ("nuclear", None), "coal": ("coal", "coal"),
    "coal CCS retrofit": ("retrofit", "coal"), "CHP coal": ("central coal CHP", "coal"),
    "OCGT": ("OCGT", "gas"), "CCGT": ("CCGT", "gas"), "hydro": ("hydro", None),
    "ror": ("ror", None), "PHS": ("PHS", None), "battery storage": ("battery storage", None),
    "battery inverter": ("battery inverter", None), "H2 electrolysis": ("electrolysis", None),
    "H2 fuel cell": ("fuel cell", None),
    "H2 storage underground": ("hydrogen storage underground", None),
    "H2 storage tank": ("hydrogen storage tank type 1 including compressor", None),
    "HVAC overhead": ("HVAC overhead", None), "HVDC overhead": ("HVDC overhead", None),
    "HVDC inverter pair": ("HVDC inverter pair", None),
}
PARAM = {"investment": "investment", "FOM": "fom", "VOM": "vom", "lifetime": "lifetime",
         "efficiency": "efficiency", "fuel": "fuel", "CO2 intensity": "co2_intensity",
         "discount rate": "discount_rate", "c_b": "c_b", "c_v": "c_v"}


def _geoms(path: Path) -> dict[str, Any]:
    feats = json.loads(path.read_text("utf-8"))["features"]
    return {f["properties"]["adcode"]: shapely.geometry.shape(f["geometry"]) for f in feats}


def _km2(geom: Any) -> float:
    """Area in km2 on a sinusoidal (equal-area) projection of lon/lat degrees."""
    def proj(xy: np.ndarray) -> np.ndarray:
        lat = np.radians(xy[:, 1])
        return np.column_stack([np.radians(xy[:, 0]) * np.cos(lat), lat]) * EARTH_KM
    return float(shapely.area(shapely.transform(geom, proj)))


def land_areas(shared: Path, mengdong: tuple[str, ...], im: str) -> tuple[float, float]:
    """Land area (km2) of the five eastern prefectures and of Inner Mongolia."""
    pref, prov = _geoms(shared / PREFECTURES), _geoms(shared / PROVINCES)
    return sum(_km2(pref[c]) for c in mengdong), _km2(prov[im])


def mengdong_point(shared: Path) -> tuple[float, float]:
    """Population-weighted mean of the five prefectures' polygon centroids (lat, lon)."""
    pref = _geoms(shared / PREFECTURES)
    c = pd.read_csv(shared / "china_census_2010_2020_county_tables/census2020_all_prefectures_"
                    "ne_counties.csv", dtype={"区划代码": str}, usecols=["区划代码", "人口数_合计"])
    w = c.dropna().set_index("区划代码")["人口数_合计"].astype(float)[list(MENGDONG)]
    pts = [pref[m].centroid for m in MENGDONG]
    lat = float(np.average([p.y for p in pts], weights=w))
    return lat, float(np.average([p.x for p in pts], weights=w))


def great_circle_km(a: tuple[float, float], b: tuple[float, float]) -> float:
    """Haversine distance (km) between two (lat, lon) points in degrees."""
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin(
        (lo2 - lo1) / 2) ** 2
    return 2 * EARTH_KM * math.asin(math.sqrt(h))


def corridors(shared: Path, hebei_share: float, md_point: tuple[float, float]) -> pd.DataFrame:
    """PIK current corridors among the buses; Inner Mongolia's split (see module doc)."""
    e = pd.read_csv(shared / EDGES, header=None, names=["a", "b", "p"])
    pts = {k: v[:2] for k, v in CAPITALS.items()} | {"mengdong": md_point}
    rank = {b: i for i, b in enumerate(BUS_ORDER)}
    rows = []
    for a, b, p in e.itertuples(index=False):
        ca, cb = PIK_NAME.get(a), PIK_NAME.get(b)
        pik = f"{a}-{b} {p:g} MW"
        if ca is None and cb is None:
            continue
        if IM in (ca, cb):
            other = cb if ca == IM else ca
            if other in NE3:
                rows.append(("mengdong", other, p, 1.0, pik, True,
                             "Inner Mongolia end assigned to mengdong (only the eastern "
                             "prefectures border the Northeast provinces)"))
            elif other == HEBEI:
                rows.append(("mengdong", HEBEI, p * hebei_share, hebei_share, pik, True,
                             "mengdong part = coal+wind capacity share; the rest belongs to "
                             "western Inner Mongolia (not modelled)"))
            else:
                other_name = b if ca == IM else a
                rows.append((IM, region_code(other_name), p, math.nan, pik, False,
                             "Inner Mongolia link outside the model (not split)"))
        elif ca is not None and cb is not None:
            rows.append((ca, cb, p, 1.0, pik, True, "as published"))
    df = pd.DataFrame(rows, columns=["bus0", "bus1", "p_nom_mw", "share", "pik_edge",
                                     "in_model", "note"])
    swap = [rank.get(x, 9) > rank.get(y, 9) for x, y in zip(df.bus0, df.bus1, strict=True)]
    df.loc[swap, ["bus0", "bus1"]] = df.loc[swap, ["bus1", "bus0"]].to_numpy()
    df["length_km"] = [
        round(great_circle_km(pts[x], pts[y]) * ROUTE_FACTOR, 1) if m else math.nan
        for x, y, m in zip(df.bus0, df.bus1, df.in_model, strict=True)]
    df["source"] = "PyPSA-China-PIK grids/edges_current.csv; length = great circle x " \
        f"{ROUTE_FACTOR}"
    df["p_nom_mw"] = df["p_nom_mw"].round(1)
    cols = ["bus0", "bus1", "p_nom_mw", "length_km", "source", "pik_edge", "share",
            "in_model", "note"]
    return df[cols].sort_values(["in_model", "bus0", "bus1"], ascending=[False, True, True],
                                ignore_index=True)


def _convert(unit: str) -> tuple[float, str]:
    """Factor and unit that turn a PIK cost unit into CNY per MW / MWh / (MW km)."""
    u = unit.replace(" ", "").split(",")[0]
    cur, _, rest = u.partition("/")
    rate = {"EUR": EUR_CNY, "USD": USD_CNY}.get(cur)
    if rate is None:
        return 1.0, unit
    if rest in ("kW", "kW_e", "kWel", "kW_el"):
        return rate * 1e3, "CNY/MW"
    if rest == "kWh":
        return rate * 1e3, "CNY/MWh"
    if rest == "MW":
        return rate, "CNY/MW"
    if rest == "km/MW":
        return rate, "CNY/(MW km)"
    if rest.startswith("MWh") or rest == "tCO2":
        return rate, "CNY/" + rest
    raise ValueError(f"unknown PIK cost unit {unit!r}")


def costs(shared: Path) -> pd.DataFrame:
    """Technology costs of every PIK year, converted to CNY, long format."""
    out = []
    for path in sorted((shared / PIK / "costs").glob("costs_[0-9]*.csv")):
        c = pd.read_csv(path)
        for name, (pik, fuel) in TECHS.items():
            rows = c[c["technology"] == pik]
            if fuel is not None and fuel != pik:
                rows = pd.concat([rows, c[(c["technology"] == fuel) & c["parameter"].isin(
                    ["fuel", "CO2 intensity"])]])
            if rows.empty:
                raise ValueError(f"{path.name}: no rows for {pik!r}")
            for r in rows.itertuples(index=False):
                param = PARAM.get(str(r.parameter))
                if param is None:
                    continue
                if name == "coal CCS retrofit" and param == "vom":
                    param = "vom_per_tco2"
                f, unit = _convert(str(r.unit))
                src = f"PIK costs_{r.year}.csv '{r.technology}': {r.source}"
                out.append((name, int(r.year), param, float(r.value) * f, unit, src,
                            float(r.value), str(r.unit), str(r.technology)))
    df = pd.DataFrame(out, columns=["technology", "year", "parameter", "value", "unit",
                                    "source", "original_value", "original_unit",
                                    "pik_technology"])
    return pd.concat([df, _ccs_vom(df)], ignore_index=True).sort_values(
        ["technology", "year", "parameter"], ignore_index=True)


def _ccs_vom(df: pd.DataFrame) -> pd.DataFrame:
    """Capture rate (assumption) and the retrofit's VOM per MWh_e derived from it."""
    rows = []
    for y, g in df.groupby("year"):
        v = g.set_index(["technology", "parameter"])["value"]
        per_t = float(v[("coal CCS retrofit", "vom_per_tco2")])
        t_per_mwh = float(v[("coal", "co2_intensity")]) / float(v[("coal", "efficiency")])
        rows += [
            ("coal CCS retrofit", y, "capture_rate", CCS_CAPTURE_RATE, "per unit",
             "ASSUMPTION (no capture rate for the retrofit in PIK)", math.nan, "", "retrofit"),
            ("coal CCS retrofit", y, "vom", per_t * t_per_mwh * CCS_CAPTURE_RATE, "CNY/MWh_e",
             "derived: vom_per_tco2 x coal co2_intensity / coal efficiency x capture_rate",
             math.nan, "", "retrofit")]
    return pd.DataFrame(rows, columns=df.columns)


def annual_wind_cf(shared: Path) -> pd.Series:
    """Mean annual wind CF (December YTD hours / hours of the year) by province code."""
    d = pd.read_csv(shared / CF_FILE, dtype={"months": str})
    d = d[(d["tech"] == "Wind Power") & (d["months"] == "12")]
    d = d[d["province"].map(PIK_NAME).notna()]
    hours = np.where(d["year"] % 4 == 0, 8784, 8760)
    cf = (d["ytd_hours"] / hours).groupby(d["province"].map(PIK_NAME)).mean()
    return cf.rename("cf")


def potentials(shared: Path, area_share: float) -> tuple[pd.DataFrame, str]:
    """Wind expansion limits (gcamdata maxResource at the mean realised CF), PV CFs."""
    w = pd.read_csv(shared / WIND_POT, comment="#").set_index("province.name")
    pv = pd.read_csv(shared / PV_CF, comment="#", header=None, index_col=0)
    cf = annual_wind_cf(shared)
    rows = []
    for bus in BUS_ORDER[:4]:
        prov = IM if bus == "mengdong" else bus
        name = {v: k for k, v in PIK_NAME.items()}[prov].replace("InnerMongolia", "")
        name = name or "Inner Mongolia"
        share = area_share if bus == "mengdong" else 1.0
        ej = float(w.at[name, "maxResource"]) * share
        mw = ej * EJ_MWH / (8760 * cf[prov])
        rows.append((bus, "onwind", round(ej, 6), round(float(cf[prov]), 4), round(mw, 0),
                     share, "gcamdata wind_potential_province.csv maxResource (Zhou, PNNL) / "
                     "(8760 h x mean annual realised wind CF, CREA-derived)"))
        rows.append((bus, "solar", math.nan, float(pv.at[name, 1]), math.nan, share,
                     "gcamdata solar_csp_pv_capacityfactor.csv (Energy Foundation 2011): PV "
                     "capacity factor only - no PV potential in the bundled data"))
    cols = ["bus", "technology", "max_resource_ej", "capacity_factor", "potential_mw",
            "share_of_province", "source"]
    years = ", ".join(sorted(pd.read_csv(shared / CF_FILE).query(
        "tech == 'Wind Power' and months == '12'")["year"].astype(str).unique()))
    return pd.DataFrame(rows, columns=cols), years


def storage(shared: Path) -> pd.DataFrame:
    """PIK pumped-hydro capacity by bus; Inner Mongolia's goes to the west (Huhhot)."""
    p = pd.read_csv(shared / PHS).set_index("Region")["MW"]
    rows = [(b, "PHS", float(p[n]), n, float(p[n]), "PyPSA-China-PIK hydro/PHS_p_nom.csv")
            for n, b in (("Liaoning", "210000"), ("Jilin", "220000"), ("Heilongjiang",
                                                                        "230000"))]
    rows.append(("mengdong", "PHS", 0.0, "InnerMongolia", float(p["InnerMongolia"]),
                 "PyPSA-China-PIK hydro/PHS_p_nom.csv; Inner Mongolia's 1,200 MW = Huhhot "
                 "pumped storage (WRI GPPD: 1,200 MW, 2014, western Inner Mongolia) -> 0 in "
                 "mengdong"))
    return pd.DataFrame(rows, columns=["bus", "technology", "p_nom_mw", "pik_region",
                                       "pik_p_nom_mw", "source"])


def nuclear_check(shared: Path) -> str:
    """PIK's nuclear p_nom against the curated ``power`` capacity (Liaoning only)."""
    pik = pd.read_csv(shared / NUCLEAR).set_index("Province")["nuclear_capacity"]
    ne = {n: float(pik[n]) for n in ("Liaoning", "Jilin", "Heilongjiang", "InnerMongolia")}
    pw = pd.read_csv(FILES / "power.csv", dtype={"region": str, "period": str})
    pw = pw[(pw["indicator"] == "capacity_nuclear") & pw["period"].str.fullmatch(r"\d{4}")]
    ln = pw[pw["region"] == "210000"].set_index("period")["value"] * 10
    others = sorted(set(pw["region"]) & {"220000", "230000", IM})
    return (f"PIK capacity/nuclear_p_nom.csv: {ne} MW; curated power capacity_nuclear for "
            f"Liaoning: 2021 {ln.get('2021', math.nan):,.0f} MW, 2022 "
            f"{ln.get('2022', math.nan):,.0f} MW, 2023 {ln.get('2023', math.nan):,.0f} MW "
            "(PIK's value is close to the 2021 one; the model takes the year's value "
            f"from power); nuclear series of JL, HL, Inner Mongolia in power: {others or 'none'}"
            " - both sources give no nuclear capacity outside Liaoning")


def chp(shared: Path) -> pd.DataFrame:
    """Coal CHP capacity by bus: GEM units whose plant name says heat supply; PIK check."""
    d = pd.read_csv(FILES / "power_plants.csv", dtype=str)
    d = d[(d["fuel"] == "coal") & (d["status"] == "operating")].copy()
    d["mw"] = d["capacity_mw"].astype(float)
    d["bus"] = np.where(d["prefecture"].isin(MENGDONG), "mengdong", d["province"])
    d = d[d["bus"].isin(BUS_ORDER[:4])]
    named = d["name_local"].fillna("").str.contains(CHP_PATTERN) | d["name"].str.contains(
        r"CHP|[Cc]ogen", regex=True)
    g = pd.DataFrame({"coal_operating_mw": d.groupby("bus")["mw"].sum(),
                      "chp_by_name_mw": d[named].groupby("bus")["mw"].sum()}).fillna(0.0)
    g["chp_share"] = (g["chp_by_name_mw"] / g["coal_operating_mw"]).round(4)
    pik = pd.read_csv(shared / CHP_PIK, index_col=0).sum(axis=1)
    g["pik_chp_coal_mw"] = [float(pik[n]) if n else math.nan for n in
                            ("Liaoning", "Jilin", "Heilongjiang", None)]
    g = g.reindex(list(BUS_ORDER[:4])).rename_axis("bus").reset_index()
    g["source"] = "GEM Global Coal Plant Tracker 2023-07 (operating units, curated " \
        "power_plants); PIK capacity/CHP_coal_capacity.csv summed over build periods"
    return g


def build_supply(shared: Path, shares: pd.Series) -> list[Dataset]:
    """Datasets ``energy_corridors``, ``energy_costs``, ``energy_potentials``,
    ``energy_storage_capacity`` and ``energy_chp`` (see :mod:`databuild.energy_meta`)."""
    from .energy_meta import supply_meta

    frames = {
        "energy_corridors": corridors(shared, float(shares["coal_wind_capacity"]),
                                      mengdong_point(shared)),
        "energy_costs": costs(shared),
        "energy_storage_capacity": storage(shared),
        "energy_chp": chp(shared),
    }
    pot, years = potentials(shared, float(shares["land_area"]))
    frames["energy_potentials"] = pot
    meta = supply_meta(frames, shares, years, mengdong_point(shared), nuclear_check(shared))
    return [Dataset(k, "table", meta[k], frame=frames[k]) for k in sorted(frames)]
