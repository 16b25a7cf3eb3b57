"""Builder of dataset ``gdp``: provincial and national GDP by sector, year to date.

Sources
-------
* ``crea_china_tracker/Regional_GDP_complete.csv`` (Wind export): provincial GDP YTD in
  亿元 by sector, as released quarterly by the provincial statistics bureaus (vintage
  ``first_release``), and NBS national GDP by *single quarter* at current prices.
* ``crea_china_tracker/Regional_GDP_w_YoY.csv``: real YoY growth of YTD GDP (%).
* ``pypsa_china_pik/population/historical_gdp.csv``: NBS current (revised) annual
  provincial GDP 2005-2024 (vintage ``revised``), cross-checked against
  ``provincial_population_age_panel/gdp_income_consumption_cpi_by_province_2000_2024.csv``.

Periods: a provincial YTD value at month 03 is ``YYYYQ1``, 06 ``YYYYH1``, 09
``YYYYQ1-Q3``, 12 the year ``YYYY``. National values are single quarters ``YYYYQn``;
the YTD spans H1, Q1-Q3 and the year are their sums (how NBS's cumulative figures
relate to its quarterly ones).

0.00 rule: every published ``0.00`` of a GDP level is "not published" and dropped. A
``0.00`` real growth rate is kept where other provinces published that quarter (the
only case is Tianjin 2020Q1-Q3 = 0.0 %, as released).
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any

import pandas as pd

from .common import Dataset, region_code
from .wind_export import apply_zero_rule, read_wind_export

CREA = "crea_china_tracker"
COMMIT = "4043449a84be761a10e05b95a1b81d38a6be0a4a"
VIA = " (via Wind/CREA china_co2)"
NATIONAL = "100000"
YTD_PERIOD = {"03": "Q1", "06": "H1", "09": "Q1-Q3", "12": ""}

# sector name in the Wind series name (normalised) -> indicator
COMPONENTS: dict[str, str] = {
    "": "gdp",
    "primary industry": "gdp_primary",
    "secondary industry": "gdp_secondary",
    "tertiary industry": "gdp_tertiary",
    "industry": "gdp_industry",
    "construction": "gdp_construction",
    "finance": "gdp_finance",
    "financial intermediation": "gdp_finance",
    "hotels and catering services": "gdp_accommodation_catering",
    "hotel and catering services": "gdp_accommodation_catering",
    "other services": "gdp_other_services",
    "real estate": "gdp_real_estate",
    "transport, storage and post": "gdp_transport_storage_post",
    "wholesale and retail trade": "gdp_wholesale_retail",
    "wholesale and retail trades": "gdp_wholesale_retail",
}

_IND = {  # indicator -> (zh, en)
    "gdp": ("地区生产总值", "GDP"),
    "gdp_primary": ("第一产业增加值", "Value added, primary industry"),
    "gdp_secondary": ("第二产业增加值", "Value added, secondary industry"),
    "gdp_tertiary": ("第三产业增加值", "Value added, tertiary industry"),
    "gdp_industry": ("工业增加值", "Value added, industry (mining, manufacturing, utilities)"),
    "gdp_construction": ("建筑业增加值", "Value added, construction"),
    "gdp_wholesale_retail": ("批发和零售业增加值", "Value added, wholesale and retail trade"),
    "gdp_transport_storage_post": (
        "交通运输、仓储和邮政业增加值", "Value added, transport, storage and post"),
    "gdp_accommodation_catering": ("住宿和餐饮业增加值", "Value added, hotels and catering"),
    "gdp_finance": ("金融业增加值", "Value added, finance"),
    "gdp_real_estate": ("房地产业增加值", "Value added, real estate"),
    "gdp_other_services": ("其他服务业增加值", "Value added, other services"),
}
PARTS_OF = {"gdp_primary": "gdp", "gdp_secondary": "gdp", "gdp_tertiary": "gdp"}

# Wind series whose Name row is wrong in the export. Every province's ids run total = n,
# primary = n+1, secondary = n+2, (industry n+3), tertiary after; Xinjiang's three sector
# names are rotated (e.g. 2015: the column named "Primary" holds 4,169.32, which is the
# published tertiary value; primary was 1,559.08, secondary 3,596.40). Fixed by id.
ID_FIX = {"M0049115": "gdp_primary", "M0049116": "gdp_secondary", "M0049118": "gdp_tertiary"}


def ytd_period(date: str) -> str:
    """Period label of a YTD value dated ``YYYY-MM`` (month 03/06/09/12)."""
    year, month = date.split("-")
    return year + YTD_PERIOD[month]


def _component(name: str) -> tuple[str, str] | None:
    """(region name, indicator) of a provincial series name, None for others."""
    name = re.sub(r"^\(DC\)\s*", "", name.strip())
    m = re.fullmatch(r"China: ([^:]+): GDP:?\s*(.*?):?\s*YTD", name)
    if not m:
        return None
    comp = m[2].replace("&", "and").lower()
    comp = re.sub(r"^(secondary|tertiary) industry: ", "", comp)
    return (m[1].strip(), COMPONENTS[comp])


def provincial(shared: Path) -> pd.DataFrame:
    """First-release provincial GDP YTD (tidy, vintage first_release)."""
    raw = read_wind_export(shared / CREA / "Regional_GDP_complete.csv")
    parsed = raw["name"].map(_component)
    raw = raw[parsed.notna()].copy()
    raw["region"] = [region_code(p[0]) for p in parsed.dropna()]
    raw["indicator"] = [p[1] for p in parsed.dropna()]
    raw["indicator"] = raw["id"].map(ID_FIX).fillna(raw["indicator"])
    raw["period"] = raw["date"].map(ytd_period)
    raw["unit"] = "CNY 100m"
    raw["source"] = raw["source"] + VIA
    raw["vintage"] = "first_release"
    return raw


def national(shared: Path) -> pd.DataFrame:
    """NBS national GDP at current prices: single quarters and their YTD sums."""
    raw = read_wind_export(shared / CREA / "Regional_GDP_complete.csv")
    raw = raw[raw["name"].str.startswith("China: GDP: Current Prices")].copy()
    comp = raw["name"].str.replace("China: GDP: Current Prices", "").str.strip(": ").str.lower()
    raw["indicator"] = comp.map(COMPONENTS)  # agriculture, manufacturing -> NaN (not kept)
    raw = raw.dropna(subset=["indicator"])
    raw["year"] = raw["date"].str[:4]
    raw["q"] = raw["date"].str[5:].astype(int) // 3
    frames = [raw.assign(period=raw["year"] + "Q" + raw["q"].astype(str))]
    for upto, suffix in ((2, "H1"), (3, "Q1-Q3"), (4, "")):
        part = raw[raw["q"] <= upto]
        agg = part.groupby(["indicator", "year", "source"], as_index=False).agg(
            value=("value", "sum"), n=("q", "nunique"))
        agg = agg[agg["n"] == upto]
        frames.append(agg.assign(period=agg["year"] + suffix))
    out = pd.concat(frames, ignore_index=True)
    out["region"] = NATIONAL
    out["unit"] = "CNY 100m"
    out["source"] = out["source"] + VIA
    out["vintage"] = "revised"
    return out


def growth(shared: Path) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Real YoY growth of YTD GDP (%), and the GDP levels the same file repeats."""
    raw = read_wind_export(shared / CREA / "Regional_GDP_w_YoY.csv", keep_zeros=True)
    raw["region"] = raw["name"].str.split(":").str[1].str.strip().map(region_code)
    raw["period"] = raw["date"].map(ytd_period)
    is_rate = raw["name"].str.contains("YoY")
    levels = raw[~is_rate & (raw["value"] != 0)]
    rate = raw[is_rate].assign(indicator="gdp_real_growth")
    rate = apply_zero_rule(rate, "published", group=["indicator"]).copy()
    rate["unit"] = "%"
    rate["source"] = rate["source"] + VIA
    rate["vintage"] = "first_release"
    return rate, levels


def reconcile(prov: pd.DataFrame, levels: pd.DataFrame) -> tuple[pd.DataFrame, str]:
    """Compare GDP levels of the two Wind files; where they differ, keep the one that
    agrees with primary + secondary + tertiary."""
    tot = prov["indicator"] == "gdp"
    sub = prov[prov["indicator"].isin(["gdp_primary", "gdp_secondary", "gdp_tertiary"])]
    grouped = sub.groupby(["region", "period"])["value"]
    psum: dict[Any, float] = grouped.sum().to_dict()
    pcount: dict[Any, int] = grouped.size().to_dict()
    cmp = prov[tot].reset_index(names="row").merge(
        levels[["region", "period", "value"]], on=["region", "period"], suffixes=("", "_yoy"))
    diff = cmp[(cmp["value"] - cmp["value_yoy"]).abs() > 0.005]
    msgs: list[str] = []
    prov = prov.copy()
    for row, reg, per, val, yoy in zip(diff["row"], diff["region"], diff["period"],
                                       diff["value"], diff["value_yoy"], strict=True):
        total = psum.get((reg, per))
        use_yoy = total is not None and pcount[(reg, per)] == 3 and (
            abs(total - yoy) < abs(total - val))
        if use_yoy:
            prov.loc[row, "value"] = yoy
        msgs.append(f"{reg} {per}: complete {val} vs w_YoY {yoy} (kept "
                    f"{yoy if use_yoy else val}"
                    f"{', which matches the sector sum' if use_yoy else ''})")
    note = (f"Regional_GDP_w_YoY.csv repeats the GDP levels: {len(cmp)} province-periods "
            f"compared with Regional_GDP_complete.csv, {len(diff)} differ"
            + (": " + "; ".join(msgs) if msgs else "") + ".")
    return prov, note


def _wide_years(path: Path, region_col: str) -> pd.DataFrame:
    df = pd.read_csv(path, comment="#")
    long = df.melt(id_vars=[region_col], var_name="year", value_name="value")
    long["region"] = long[region_col].map(region_code)
    long["period"] = long["year"].astype(str)
    return long.dropna(subset=["value"])[["region", "period", "value"]]


def revised(shared: Path, first: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    """Revised annual GDP rows that differ from the first release by > 0.05 亿元."""
    rev = _wide_years(shared / "pypsa_china_pik/population/historical_gdp.csv", "region")
    panel = pd.read_csv(shared / "provincial_population_age_panel"
                        / "gdp_income_consumption_cpi_by_province_2000_2024.csv",
                        encoding="utf-8-sig")
    # match the panel by province name: its code column is wrong for Hainan (450000)
    panel = panel.assign(region=panel["省份"].map(region_code), period=panel["年份"].astype(str))
    miscoded = sorted(set(panel.loc[panel["region"] != panel["行政区划代码"].astype(str), "省份"]))
    chk = rev.merge(panel[["region", "period", "地区生产总值"]], on=["region", "period"])
    bad = chk[(chk["value"] - chk["地区生产总值"]).abs() > 0.05]
    notes = [f"Revised series cross-checked with provincial_population_age_panel (matched by "
             f"province name; its adcode column is wrong for {', '.join(miscoded) or 'none'}): "
             f"{len(chk)} province-years compared, {len(bad)} differ by more than 0.05 亿元"
             + (": " + ", ".join(f"{r.region} {r.period}" for r in bad.itertuples())
                if len(bad) else ".")]
    fr = first[(first["indicator"] == "gdp")][["region", "period", "value"]]
    m = rev.merge(fr, on=["region", "period"], how="left", suffixes=("", "_first"))
    keep = m["value_first"].isna() | ((m["value"] - m["value_first"]).abs() > 0.05)
    out = m[keep].copy()
    out["indicator"] = "gdp"
    out["unit"] = "CNY 100m"
    out["source"] = ("National Bureau of Statistics of China (data.stats.gov.cn E0103, "
                     "via PyPSA-China-PIK historical_gdp.csv)")
    out["vintage"] = "revised"
    notes.append(f"{int(keep.sum())} of {len(m)} revised province-years differ from the "
                 f"first release by more than 0.05 亿元 and are stored as vintage 'revised' "
                 f"({int(m['value_first'].isna().sum())} of them have no first release).")
    return out, notes


def sum_check(df: pd.DataFrame, tol: float = 0.15) -> tuple[list[str], int, float]:
    """Check primary + secondary + tertiary = gdp.

    Returns the first-release province-periods where the parts differ from the total by
    more than ``tol`` 亿元, the number of complete splits checked, and the share of
    complete splits (all vintages) off by more than 0.2 % + ``tol`` (the tolerance of the
    catalogue's split test, stored as ``parts_tolerance_share``).
    """
    p = df.pivot_table(index=["region", "period", "vintage"], columns="indicator",
                       values="value", aggfunc="first")
    parts = p[["gdp_primary", "gdp_secondary", "gdp_tertiary"]].sum(axis=1, min_count=3)
    diff = (parts - p["gdp"]).dropna()
    loose = (diff.abs() > 0.002 * p.loc[diff.index, "gdp"].abs() + tol).mean()
    first = diff.xs("first_release", level="vintage")
    bad = first[first.abs() > tol].rename("diff").reset_index()
    lines = [f"{r} {per}: {d:+.2f}"
             for r, per, d in zip(bad["region"], bad["period"], bad["diff"], strict=True)]
    return lines, len(first), float(loose)


_QUARTER_FROM_YTD = {"Q2": ("H1", "Q1"), "Q3": ("Q1-Q3", "H1"), "Q4": ("", "Q1-Q3")}


def single_quarters(prov: pd.DataFrame) -> tuple[pd.DataFrame, list[str]]:
    r"""Derive single-quarter values from year-to-date values.

    .. math:: x_{Q2} = x_{H1} - x_{Q1},\; x_{Q3} = x_{Q1\text{-}Q3} - x_{H1},\;
              x_{Q4} = x_{Y} - x_{Q1\text{-}Q3}

    (``YYYYQ1`` is already a single quarter). Formed only where both YTD values exist in
    the same vintage; a negative difference (a revised total next to a first-release
    YTD, as in parts of 2018-2019) is left out and listed in the returned notes.
    """
    df = prov.copy()
    df["year"] = df["period"].str[:4]
    df["span"] = df["period"].str[4:]
    key = ["region", "indicator", "vintage", "year"]
    wide = df.pivot_table(index=key, columns="span", values="value", aggfunc="first")
    src = df.pivot_table(index=key, columns="span", values="source", aggfunc="first")
    out = []
    dropped: list[str] = []
    for q, (late, early) in _QUARTER_FROM_YTD.items():
        if late not in wide.columns or early not in wide.columns:
            continue
        diff = (wide[late] - wide[early]).dropna().round(6)
        neg = diff[diff < 0]
        dropped += [f"{r} {i} {y}{q}" for r, i, _, y in neg.index]
        diff = diff[diff >= 0]
        part = diff.rename("value").reset_index()
        part["period"] = part["year"] + q
        part["source"] = (
            src[late].loc[diff.index].to_numpy()
            + f"; single quarter = {late or 'year'} − {early} (derived)"
        )
        out.append(part)
    res = pd.concat(out, ignore_index=True)
    res["unit"] = "CNY 100m"
    notes = []
    if dropped:
        notes.append(
            f"Single quarters left out where the YTD difference is negative ({len(dropped)}): "
            + ", ".join(dropped[:12]) + (" ..." if len(dropped) > 12 else "")
        )
    return res.drop(columns="year"), notes


def build(shared: Path) -> list[Dataset]:
    """Build the ``gdp`` dataset."""
    grow, levels = growth(shared)
    prov, level_note = reconcile(provincial(shared), levels)
    rev, rev_notes = revised(shared, prov)
    rev_notes.append(level_note)
    quarters, q_notes = single_quarters(prov)
    rev_notes += q_notes
    frames = [prov, quarters, national(shared), grow, rev]
    cols = ["region", "indicator", "period", "value", "unit", "source", "vintage"]
    df = pd.concat([f[cols] for f in frames], ignore_index=True)
    violations, n_checked, share = sum_check(df)
    meta = _meta(len(violations), n_checked, violations, rev_notes)
    meta["parts_tolerance_share"] = math.ceil(share * 1000) / 1000
    return [Dataset("gdp", "tidy", meta, df)]


def _meta(
    n_bad: int, n_checked: int, violations: list[str], rev_notes: list[str]
) -> dict[str, Any]:
    indicators: dict[str, dict[str, Any]] = {}
    for ind, (zh, en) in _IND.items():
        entry: dict[str, Any] = {"unit": "CNY 100m", "zh": zh, "en": en + ", year to date",
                                 "additive": True}
        if ind in PARTS_OF:
            entry["parts_of"] = PARTS_OF[ind]
        indicators[ind] = entry
    indicators["gdp_real_growth"] = {
        "unit": "%", "zh": "地区生产总值实际增速(累计同比)", "additive": False,
        "en": "Real GDP growth, year to date over same period of previous year"}
    return {
        "title_zh": "地区生产总值(累计,分产业)",
        "title_en": "GDP by province and sector, year to date",
        "description": (
            "Provincial GDP and sector value added, year to date (Q1, H1, Q1-Q3, year; annual "
            "only before quarterly data exist), in 亿元 at current prices, as held in the Wind "
            "database (vintage first_release); single quarters Q2-Q4 derived as differences "
            "of the YTD values (Q2 = H1 - Q1 ...; marked 'derived' in the source column); "
            "real YoY growth of the YTD period; national GDP "
            "by quarter at current prices from NBS (current vintage, stored as 'revised'; "
            "H1, Q1-Q3 and the year are sums of the quarters). Revised annual provincial GDP "
            "2005-2024 (NBS current series, after the 2018 and 2023 economic censuses) is "
            "stored as vintage 'revised' where it differs from the first release. 0.00 rule: a "
            "published 0.00 GDP value means 'not published' and is dropped; a 0.0 % growth "
            "rate is kept where the quarter was published (Tianjin 2020Q1-Q3). National GDP "
            "exists only as vintage 'revised' (no first-release national series in the "
            "sources); the sum of 31 provinces is not equal to the national figure."),
        "origin": "Provincial statistics bureaus (provincial GDP and growth, per the Source row "
                  "of each series); National Bureau of Statistics of China (national GDP, "
                  "revised provincial GDP)",
        "intermediary": "energyandcleanair/china_co2 (GitHub, CREA), Wind Economic Database "
                        "export; pik-piam/PyPSA-China-PIK (revised series); "
                        "pengyunlong/Provincial_Grain_Forecast (cross-check only)",
        "intermediary_commit": f"{COMMIT}; PyPSA-China-PIK "
                               "25c83bfb37bc7d81f3058d3f8271fa34383d63ee; Provincial_Grain_"
                               "Forecast 548dff118bd833a2eb19aaf223412ca35bd6f7d9",
        "raw_files": [f"{CREA}/Regional_GDP_complete.csv", f"{CREA}/Regional_GDP_w_YoY.csv",
                      "pypsa_china_pik/population/historical_gdp.csv",
                      "provincial_population_age_panel/"
                      "gdp_income_consumption_cpi_by_province_2000_2024.csv"],
        "licence": "Official statistics (NBS / provincial bureaus). The CSVs are Wind Economic "
                   "Database exports kept in a GPL-3.0 R package (china_co2); redistributing a "
                   "Wind export may be restricted by Wind's terms - cite the primary publisher. "
                   "PyPSA-China-PIK: code MIT, data licences of the original sources apply.",
        "vintages": ["first_release", "revised"],
        "coverage": "31 provinces: annual from 1952 (varies by province), quarterly YTD from "
                    "~1992 to 2024Q4; sector splits vary by province (12 series for some, "
                    "4 for others; Wind export truncated at 255 columns). National: "
                    "1992Q1-2024Q4 (revised). Revised provincial annual GDP: 2005-2024.",
        "indicators": indicators,
        "notes": [
            "Sector splits: gdp_primary + gdp_secondary + gdp_tertiary = gdp (parts_of). "
            "gdp_industry + gdp_construction do NOT sum to gdp_secondary since 2013 (NBS "
            "books mining-support and equipment-repair activities of 'industry' in the "
            "tertiary sector), so no parts_of is set for them.",
            "The six tertiary branches (wholesale/retail, transport, hotels/catering, "
            "finance, real estate, other services) cover all of tertiary only until ~2014; "
            "later 'other services' excludes IT and leasing/business services (219 of 472 "
            "province-periods with all six branches sum to tertiary within 0.5 亿元), so no "
            "parts_of is set for them.",
            f"Sum check primary+secondary+tertiary vs gdp (first_release): {n_checked} "
            f"province-periods with all four values, {n_bad} differ by more than 0.15 亿元 "
            "(mostly 2018-2019 quarters, where Wind holds totals after the fourth economic "
            "census revision but sector values from the first release, or vice versa; "
            "values kept as published, listed in sum_check_violations; parts_tolerance_share = "
            "share of splits off by more than 0.2 % + 0.15 亿元).",
            "Xinjiang: the Wind export's names of the primary/secondary/tertiary series are "
            "rotated (ids M0049115/6/8); assigned by Wind id (primary = total id + 1, as for "
            "every other province). The same error is in CREA's gdp_by_province_ytd_long.csv.",
            "first_release is the value Wind holds in the provincial YTD series; for most "
            "province-periods this is the bureau's first release, but for some (e.g. Tianjin "
            "2018 = 13,362.9, the census-revised total) Wind has replaced it.",
            *rev_notes,
        ],
        "sum_check_violations": violations,
    }
