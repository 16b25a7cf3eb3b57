"""Builder of dataset ``power``: capacity, generation, consumption, utilisation by province.

All inputs are Wind exports kept in CREA's ``china_co2`` (``crea_china_tracker/``), parsed
with :mod:`databuild.wind_export`. Each series is mapped to a *base* indicator and a
*kind* that decides its periods:

``stock``   month-end values (installed capacity): ``<base>`` at ``YYYY-MM``, and the
            December value also as the year ``YYYY``. Series of frequency ``Year``
            (provincial nuclear capacity) give ``YYYY`` only.
``ytd``     cumulative values from January: ``<base>_ytd`` at ``YYYY-MM``; the December
            value is the annual ``<base>`` at ``YYYY``.
``month``   single-month values (monthly consumption, utilisation rates): ``<base>`` at
            ``YYYY-MM``; for rates the year ``YYYY`` is the unweighted mean of 12 months.

0.00 rule (see :mod:`databuild.wind_export`): capacity is a stock, so a ``0.00`` is a
real zero only before the series' first positive value and in a month other provinces
published (``before_first``: e.g. Chongqing's nuclear capacity, Liaoning's before 2013);
newly added capacity may be zero in a published month (``published``), within the
series' Time Period; nuclear generation follows ``before_first``; every other ``0.00``
(generation, consumption, hours, rates) is "not published" and dropped - e.g.
provincial wind generation has no December YTD, so annual wind generation is mostly
missing, and wind capacity/utilisation hours have no 2024-12 value.

Monthly (``YYYY-MM``) rows are kept from 2015 on to keep the file < 6 MB; annual rows
cover all years.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from .common import Dataset
from .wind_export import ZeroRule, apply_zero_rule, read_wind_export, series_region
from .wind_export import within_time_period as in_span

CREA = "crea_china_tracker"
COMMIT = "4043449a84be761a10e05b95a1b81d38a6be0a4a"
VIA = " (via Wind/CREA china_co2)"
MONTHLY_FROM = "2015-01"
VIA_WIND = " (via CREA china_co2)"
SOURCES = {  # short labels keep the file small; the catalogue spells them out
    "National Bureau of Statistics of China": "NBS" + VIA,
    "Wind": "Wind" + VIA_WIND,
    "According to the Press Finishing": "Wind press compilation" + VIA_WIND,
}
# series dropped by Wind id: (DC) Shanghai hydro, two stray values (110 in 2010-07 and
# 1,983 in 2012-03, the size of Shanghai's thermal fleet) and zeros otherwise
DROP_IDS = {"S5108675"}
_TYPE = [("thermal", r"Thermal"), ("hydro", r"Hydro"), ("wind", r"Wind Power"),
         ("nuclear", r"Nuclear"), ("solar", r"Solar|Photovoltaic")]
SRC_ZH = {
    "thermal": "火电", "hydro": "水电", "wind": "风电", "nuclear": "核电", "solar": "太阳能发电",
}


def plant_type(name: str) -> str | None:
    """Generation type named in a series name."""
    for key, pat in _TYPE:
        if re.search(pat, name):
            return key
    return None


def _load(shared: Path, file: str) -> pd.DataFrame:
    df = read_wind_export(shared / CREA / file, keep_zeros=True)
    df["region"] = df["name"].map(series_region)
    df["type"] = df["name"].map(plant_type)
    df["source"] = df["source"].map(lambda s: SOURCES.get(s, s + VIA))
    return df[~df["id"].isin(DROP_IDS)]


def _zero(df: pd.DataFrame, rule: ZeroRule) -> pd.DataFrame:
    return apply_zero_rule(df, rule, group=["base"])


def capacity(shared: Path) -> pd.DataFrame:
    """Installed capacity by province (and national solar), 10 MW."""
    df = _load(shared, "power_capacity_by_province_and_type.csv")
    df = df.assign(base="capacity_" + df["type"], kind="stock", factor=1.0)
    nuc = df["type"] == "nuclear"  # frequency Year: only December rows are values
    df = df[~nuc | df["date"].str.endswith("-12")]
    return _zero(df, "before_first")


def national_capacity(shared: Path) -> pd.DataFrame:
    """National installed capacity (all plant sizes), 10 MW."""
    df = _load(shared, "Power_Capacity.csv")
    df = df[df["name"].str.startswith("Installed Power Generation Capacity")]
    df = df[~df["name"].str.contains("Conventional")].copy()
    sub = df["name"].str.extract(r"Thermal Power: (Coal|Gas)")[0].str.lower()
    df["base"] = "capacity_" + sub.fillna(df["type"]).fillna("total")
    df["region"] = "100000"
    return _zero(df.assign(kind="stock", factor=1.0), "missing")


def solar_6mw(shared: Path) -> pd.DataFrame:
    """Solar capacity of plants >= 6 MW (the utilisation file's other columns repeat
    wind and all-size solar capacity of the capacity file and are not used)."""
    df = _load(shared, "wind_solar_utilization_capacity_by_province.csv")
    hours = df["unit"].str.lower().eq("hour")
    cap = df[df["name"].str.contains("Above 6,000 Kilowatts: Solar")]
    cap = cap.assign(base="capacity_solar_6mw", kind="stock", factor=1.0)
    h = df[hours].assign(base="utilisation_hours_" + df["type"], kind="ytd", factor=1.0)
    return pd.concat([_zero(cap, "before_first"), _zero(h, "missing")])


def generation(shared: Path) -> pd.DataFrame:
    """Generation YTD by source and power consumption YTD; 10^4 kWh -> 100m kWh."""
    df = _load(shared, "power_generation_by_province_and_source.csv")
    cons = df["name"].str.startswith("Power Consumption")
    df["base"] = ("generation_" + df["type"]).where(~cons, "electricity_consumption")
    df = df.assign(kind="ytd", factor=1e-4)
    nuc = df["base"] == "generation_nuclear"
    return pd.concat([_zero(df[nuc], "before_first"), _zero(df[~nuc], "missing")])


def consumption_monthly(shared: Path) -> pd.DataFrame:
    """Power consumption of single months, 100m kWh."""
    df = _load(shared, "Electricity_Consumption_by_province_2023.csv")
    df = df.assign(base="electricity_consumption", kind="month", factor=1.0)
    return _zero(df, "missing")


def added(shared: Path) -> pd.DataFrame:
    """Newly added capacity from power construction, YTD, 10 MW."""
    df = in_span(_load(shared, "New_power_capacity_by_province_and_type.csv"))
    df = df.assign(base="capacity_added_" + df["type"], kind="ytd", factor=1.0)
    return _zero(df, "published")


def rates(shared: Path) -> pd.DataFrame:
    """Wind/solar utilisation rate (%), monthly; Mengxi/Mengdong rows are dropped."""
    df = _load(shared, "curtailment.csv")
    df = df[df["region"].notna()]
    df = df.assign(base="utilisation_rate_" + df["type"], kind="month", factor=1.0)
    return _zero(df, "missing")


def to_tidy(df: pd.DataFrame) -> pd.DataFrame:
    """Periods and indicators from base/kind (see the module docstring)."""
    df = df.assign(value=df["value"] * df["factor"])
    dec = df["date"].str.endswith("-12")
    year = df["date"].str[:4]
    month_rows = df[df["date"] >= MONTHLY_FROM]
    is_year = month_rows["frequency"].eq("Year")
    parts = [
        month_rows[~is_year].assign(
            indicator=month_rows["base"].where(month_rows["kind"] != "ytd",
                                               month_rows["base"] + "_ytd"),
            period=month_rows["date"]),
        df[dec & (df["kind"] != "month")].assign(indicator=df["base"], period=year),
    ]
    rate = df[df["base"].str.startswith("utilisation_rate")]
    mean = (rate.assign(year=year).groupby(["region", "base", "year", "source"], as_index=False)
            .agg(value=("value", "mean"), n=("value", "size")))
    mean = mean[mean["n"] == 12]
    parts.append(mean.assign(indicator=mean["base"], period=mean["year"]))
    out = pd.concat(parts, ignore_index=True)
    out["unit"] = out["indicator"].map(lambda i: INDICATORS[i]["unit"])
    out["vintage"] = "first_release"
    return out


def build(shared: Path) -> list[Dataset]:
    """Build the ``power`` dataset."""
    raw = pd.concat([capacity(shared), national_capacity(shared), solar_6mw(shared),
                     generation(shared), consumption_monthly(shared), added(shared),
                     rates(shared)], ignore_index=True)
    raw = raw[raw["region"].notna()]
    df = to_tidy(raw)
    cols = ["region", "indicator", "period", "value", "unit", "source", "vintage"]
    return [Dataset("power", "tidy", META, df[cols])]


def _indicators() -> dict[str, dict[str, Any]]:
    ind: dict[str, dict[str, Any]] = {}
    for s, zh in SRC_ZH.items():
        en = "solar" if s == "solar" else s
        ind[f"capacity_{s}"] = {"unit": "10 MW", "zh": f"{zh}装机容量", "additive": True,
                                "en": f"Installed capacity, {en} (month/year end)"}
        ind[f"capacity_added_{s}"] = {"unit": "10 MW", "zh": f"{zh}新增生产能力", "additive": True,
                                      "en": f"Newly added capacity (power construction), {en}"}
        ind[f"capacity_added_{s}_ytd"] = dict(ind[f"capacity_added_{s}"], en=ind[
            f"capacity_added_{s}"]["en"] + ", year to date", zh=f"{zh}新增生产能力(累计)")
        ind[f"generation_{s}"] = {"unit": "100m kWh", "zh": f"{zh}发电量", "additive": True,
                                  "en": f"Electricity generation, {en}"}
        ind[f"generation_{s}_ytd"] = {"unit": "100m kWh", "zh": f"{zh}发电量(累计)",
                                      "additive": True,
                                      "en": f"Electricity generation, {en}, year to date"}
    ind["capacity_solar"]["en"] += "; all sizes incl. distributed PV"
    for s in ("coal", "gas", "total"):
        zh = {"coal": "煤电", "gas": "气电", "total": "发电"}[s]
        ind[f"capacity_{s}"] = {"unit": "10 MW", "zh": f"{zh}装机容量", "additive": True,
                                "en": f"Installed capacity, {s} (national only)"}
    ind["capacity_solar_6mw"] = {"unit": "10 MW", "zh": "6000千瓦及以上电厂太阳能发电装机容量",
                                 "additive": True,
                                 "en": "Installed capacity, solar plants >= 6 MW"}
    ind["electricity_consumption"] = {
        "unit": "100m kWh", "zh": "全社会用电量", "additive": True,
        "en": "Power consumption (year: December YTD; month: that month alone)"}
    ind["electricity_consumption_ytd"] = {"unit": "100m kWh", "zh": "全社会用电量(累计)",
                                          "additive": True,
                                          "en": "Power consumption, year to date"}
    for s in ("wind", "solar"):
        zh = SRC_ZH[s]
        ind[f"utilisation_hours_{s}"] = {"unit": "h", "zh": f"{zh}设备平均利用小时数",
                                         "additive": False,
                                         "en": f"Average utilisation hours, {s} (year)"}
        ind[f"utilisation_hours_{s}_ytd"] = {"unit": "h", "additive": False,
                                             "zh": f"{zh}设备平均利用小时数(累计)",
                                             "en": f"Average utilisation hours, {s}, YTD"}
        ind[f"utilisation_rate_{s}"] = {
            "unit": "%", "zh": f"{zh}利用率", "additive": False,
            "en": f"Utilisation rate, {s} (100 - curtailment); month, or year = unweighted "
                  "mean of the 12 monthly rates"}
    return ind


INDICATORS = _indicators()

META: dict[str, Any] = {
    "title_zh": "电力装机、发电量、用电量与新能源利用(分省)",
    "title_en": "Power capacity, generation, consumption and renewables utilisation by province",
    "description": (
        "Installed capacity (plants >= 6 MW for thermal, hydro, wind; solar all sizes incl. "
        "distributed PV; nuclear annual), newly added capacity from power construction, "
        "generation by source and power consumption (monthly YTD and annual = December YTD), "
        "monthly consumption, wind/solar average utilisation hours and utilisation rates "
        "(100 - curtailment). 0.00 rule: a published 0.00 is 'not published' and dropped, "
        "except for capacity stocks before a series' first positive value in months other "
        "provinces published (a province without plants: real zero) and newly added capacity "
        "in published months (real zero). Hence: no December YTD for provincial wind "
        "generation (annual generation_wind mostly missing; the series stop after 2024-04), "
        "no 2024-12 wind capacity or 2024 utilisation hours. Generation and consumption "
        "published in 10,000 kWh (unit row empty) are converted to 亿千瓦时. National rows "
        "(100000): installed capacity of all plant sizes from Power_Capacity.csv (so not the "
        "sum of the provincial >= 6 MW values), national solar capacity, newly added "
        "capacity, utilisation rates; no national generation or consumption in the sources."),
    "origin": "National Bureau of Statistics of China (generation by source, per Source row); "
              "capacity, consumption, utilisation hours and added capacity: Wind compilation "
              "(Source row 'Wind'; statistics of the China Electricity Council / National "
              "Energy Administration); utilisation rates: press releases compiled by Wind",
    "intermediary": "energyandcleanair/china_co2 (GitHub, CREA), Wind Economic Database export",
    "intermediary_commit": COMMIT,
    "raw_files": [f"{CREA}/{f}" for f in (
        "power_capacity_by_province_and_type.csv", "Power_Capacity.csv",
        "power_generation_by_province_and_source.csv",
        "Electricity_Consumption_by_province_2023.csv",
        "wind_solar_utilization_capacity_by_province.csv", "curtailment.csv",
        "New_power_capacity_by_province_and_type.csv")],
    "licence": "Official statistics (NBS, CEC/NEA). The CSVs are Wind Economic Database exports "
               "kept in a GPL-3.0 R package (china_co2); redistributing a Wind export may be "
               "restricted by Wind's terms - cite the primary publisher.",
    "vintages": ["first_release"],
    "coverage": "31 provinces (+ national where noted). Annual: thermal/hydro capacity "
                "2007-2024, wind 2008-2023 (2024 national only), solar 2018-2024, nuclear "
                "2000-2024; generation 1997-2024 (wind 2008-2017, solar 2016-2024); "
                "consumption 2007-2024; utilisation hours wind 2018-2023, solar 2018-2020; "
                "added capacity 2008-2022 (no 2023-12 row); utilisation rates 2022-2024. "
                "Monthly (YYYY-MM) rows from 2015-01 only, to keep the file < 6 MB (to "
                "2024-12, rates to 2025-01). National capacity 2012-2024.",
    "indicators": INDICATORS,
    "notes": [
        "curtailment.csv splits Inner Mongolia into Mengxi and Mengdong grids; neither is a "
        "region of the registry (and Mengxi alone is not Inner Mongolia), so Inner Mongolia "
        "has no utilisation rate here.",
        "utilisation_rate_* are monthly rates (not YTD); the annual value is their "
        "unweighted mean over 12 months (official annual rates are generation-weighted; "
        "e.g. national wind 2023: mean 97.2 % vs 97.3 % published).",
        "capacity_added_* are 'New Power Construction Capacity' (电源基本建设新增生产能力), "
        "not the national 'Newly-added Installed Capacity' of Power_Capacity.csv (not used). "
        "Discontinued (DC) series are cut at the end of their Time Period.",
        "Nuclear capacity is published (annually) only for the provinces listed in the file "
        "(LN, JS, ZJ, FJ, GD, GX, and CQ = 0); Shandong and Hainan have no series.",
        "source column: 'Wind' = the export's Source row says Wind (a Wind compilation; the "
        "primary publisher, CEC/NEA, is not named); 'Wind press compilation' = Source row "
        "'According to the Press Finishing'; 'NBS' = National Bureau of Statistics of China.",
        "Dropped: Wind series S5108675 ((DC) Shanghai hydro capacity, two stray values).",
        "Duplicated series (wind and all-size solar capacity in the utilisation file, thermal "
        "generation in provincial_outputs_and_thermal_capacity.csv) are taken from one file.",
    ],
}
