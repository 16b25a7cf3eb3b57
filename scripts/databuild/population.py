"""Provincial population: totals, urban/rural, broad age groups, households (2000-2024).

Sources
-------
``provincial_population_age_panel/population_age_urban_by_province_2000_2024.csv``
    NBS provincial statistics compiled by the GitHub repository
    ``pengyunlong/Provincial_Grain_Forecast`` (31 provinces x 2000-2024, counts in 万人,
    shares as fractions).
``pypsa_china_pik/population/population_from_national_data.csv``
    NBS national total (and provinces) 2015-2022, used for the national rows.
``pypsa_china_pik/population/historical_population.csv``
    NBS provincial year-end population 2005-2024, used only to cross-check the panel.

Corrections (documented in the catalogue description)
-----------------------------------------------------
* Henan 2000-2001: the age groups are 0 in the source (missing) and are dropped.
* Anhui 2021 and Fujian 2021: the rural population is a transcription error (urban +
  rural differs from the total by > 700); rural is replaced by total - urban.
* Sichuan 2016: urban and rural are both 4,126 (an obvious copy error); dropped.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from .common import Dataset, region_code

PANEL = "provincial_population_age_panel/population_age_urban_by_province_2000_2024.csv"
NATIONAL = "pypsa_china_pik/population/population_from_national_data.csv"
HISTORICAL = "pypsa_china_pik/population/historical_population.csv"
VINTAGE = "nbs_2025"
VINTAGE_NAT = "nbs_2023"
SOURCE = "NBS via pengyunlong/Provincial_Grain_Forecast@548dff1"
SOURCE_NAT = "NBS via pik-piam/PyPSA-China-PIK@25c83bf"

#: indicator -> (source column, unit, zh, en, additive, parts_of, scale)
COLUMNS: dict[str, tuple[str, str, str, str, bool, str | None, float]] = {
    "population": ("总人口", "10k persons", "年末常住人口", "Year-end resident population",
                   True, None, 1.0),
    "population_urban": ("城镇人口", "10k persons", "城镇人口", "Urban population",
                         True, "population", 1.0),
    "population_rural": ("乡村人口", "10k persons", "乡村人口", "Rural population",
                         True, "population", 1.0),
    "population_0_14": ("0-14岁", "10k persons", "0-14岁人口", "Population aged 0-14",
                        True, "population", 1.0),
    "population_15_64": ("15-64岁", "10k persons", "15-64岁人口", "Population aged 15-64",
                         True, "population", 1.0),
    "population_65_plus": ("65岁及以上", "10k persons", "65岁及以上人口",
                           "Population aged 65 and over", True, "population", 1.0),
    "urbanisation_rate": ("城镇化率", "%", "城镇化率", "Urbanisation rate (urban share)",
                          False, None, 100.0),
    "share_0_14": ("0-14岁占比", "%", "0-14岁人口占比", "Share of population aged 0-14",
                   False, None, 100.0),
    "share_15_64": ("15-64岁占比", "%", "15-64岁人口占比", "Share of population aged 15-64",
                    False, None, 100.0),
    "share_65_plus": ("65岁及以上占比", "%", "65岁及以上人口占比",
                      "Share of population aged 65 and over", False, None, 100.0),
    "households": ("户数", "households", "抽样调查户数",
                   "Households in the NBS population sample survey (sample count, not a total)",
                   False, None, 1.0),
    "household_size": ("平均家庭规模", "persons/household", "平均家庭户规模",
                       "Average household size", False, None, 1.0),
}
AGE = ["0-14岁", "15-64岁", "65岁及以上"]
#: members of the second split of ``population`` (declared with ``split_of``, because
#: ``parts_of`` names one split per total)
ALT_SPLIT = {"population_urban", "population_rural"}


def _read_panel(shared: Path) -> pd.DataFrame:
    """Read the provincial panel and apply the documented corrections."""
    df = pd.read_csv(shared / PANEL, encoding="utf-8-sig")
    df["region"] = df["省份"].map(region_code)
    henan0 = (df[AGE].sum(axis=1) == 0)
    df.loc[henan0, AGE + [c + "占比" for c in AGE]] = np.nan
    gap = df["城镇人口"] + df["乡村人口"] - df["总人口"]
    gross = gap.abs() > 500
    df.loc[gross, "乡村人口"] = df.loc[gross, "总人口"] - df.loc[gross, "城镇人口"]
    copy_err = df["城镇人口"].eq(df["乡村人口"])
    df.loc[copy_err, ["城镇人口", "乡村人口", "城镇化率"]] = np.nan
    return df


def _national(shared: Path) -> pd.DataFrame:
    """National year-end population 2015-2022 (NBS total incl. active military)."""
    nat = pd.read_csv(shared / NATIONAL)
    row = nat[nat["Region"] == "National Total"].drop(columns="Region").iloc[0]
    return pd.DataFrame({
        "region": "100000", "indicator": "population", "period": row.index.astype(str),
        "value": row.to_numpy(dtype=float), "unit": "10k persons", "source": SOURCE_NAT,
        "vintage": VINTAGE_NAT,
    })


def _long(wide: pd.DataFrame, name: str) -> pd.DataFrame:
    """Province x year table (column ``name`` + one column per year) in long form."""
    out = wide.melt(id_vars="name", var_name="year", value_name=name)
    out["region"] = out.pop("name").map(region_code)
    return out.assign(year=out["year"].astype(int))


def _cross_check(shared: Path, panel: pd.DataFrame) -> str:
    """Compare provincial totals of the panel with the two PyPSA-China files."""
    hist = pd.read_csv(shared / HISTORICAL, comment="#")
    h = _long(hist.rename(columns={"region": "name"}), "hist")
    nat = pd.read_csv(shared / NATIONAL).rename(columns={"Region": "name"})
    n = _long(nat[nat["name"] != "National Total"], "natfile")
    p = panel[["region", "年份", "总人口"]].rename(columns={"年份": "year"})
    m = p.merge(h, on=["region", "year"]).merge(n, on=["region", "year"], how="left")
    d1 = (m["总人口"] - m["hist"]).abs()
    d2 = (m["总人口"] - m["natfile"]).abs().dropna()
    worst = m.iloc[int(d1.to_numpy().argmax())]
    return (
        f"Cross-check of provincial totals: the panel equals historical_population.csv "
        f"(2005-2024) within 1 (10k persons) in {(d1 <= 1).sum()} of {len(d1)} "
        f"province-years (largest gap {d1.max():.1f} for {worst['region']} "
        f"{worst['year']}) and population_from_national_data.csv (2015-2022) within 1 in "
        f"{(d2 <= 1).sum()} of {len(d2)}. "
    )


def _tidy(panel: pd.DataFrame) -> pd.DataFrame:
    """Long table of all indicators from the corrected panel."""
    parts = []
    for ind, (col, unit, *_rest, scale) in COLUMNS.items():
        v = panel[col] * scale
        parts.append(pd.DataFrame({
            "region": panel["region"], "indicator": ind, "period": panel["年份"].astype(str),
            "value": v.round(6), "unit": unit, "source": SOURCE, "vintage": VINTAGE,
        }))
    return pd.concat(parts, ignore_index=True).dropna(subset=["value"])


def build(shared: Path) -> list[Dataset]:
    """Build the ``population`` dataset.

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        One tidy dataset, ``population``.
    """
    panel = _read_panel(shared)
    frame = pd.concat([_tidy(panel), _national(shared)], ignore_index=True)
    indicators = {
        ind: {"unit": unit, "zh": zh, "en": en, "additive": add}
        | ({"split_of" if ind in ALT_SPLIT else "parts_of": parent} if parent else {})
        for ind, (_c, unit, zh, en, add, parent, _s) in COLUMNS.items()
    }
    description = (
        "Year-end resident population of the 31 provinces 2000-2024 with urban/rural "
        "split, three broad age groups (counts and shares), average household size and "
        "the number of sample households, as compiled from NBS statistics (China "
        "Statistical Yearbook, data.stats.gov.cn) by the repository "
        "pengyunlong/Provincial_Grain_Forecast; national total (region 100000) only for "
        "2015-2022, from PyPSA-China (NBS). The national total includes active military "
        "personnel and is not the sum of the provinces. "
        + _cross_check(shared, panel)
        + "CAVEATS: (1) The compiler filled years missing from the yearbook sample-survey "
        "tables by linear interpolation (exact zero second differences): the age groups "
        "and household size in the census / 1 % survey years 2005, 2010, 2015 and 2020 "
        "for all provinces (so Liaoning 2020 65+ = 17.35 % here vs 17.42 % in the 7th "
        "census), household size and households in 2001-2002, and urban population in "
        "2001-2003 for most provinces. (2) Age groups are sample-survey shares applied to "
        "the year-end total; the three groups sum to the total. (3) `households` is the "
        "number of households in the annual population sample survey (about 1 per mille "
        "of the population; far less in Xinjiang, Gansu and Shaanxi, more in Tibet and "
        "Ningxia as transcribed), NOT the number of households in the province; for an "
        "estimate of all households divide population by household_size. "
        "(4) Corrections: Henan 2000-2001 age groups (0 in the source) dropped; Anhui and "
        "Fujian 2021 rural population (transcription errors) replaced by total - urban; "
        "Sichuan 2016 urban/rural (both 4,126) and its urbanisation rate dropped. "
        "Urban + rural differ from the total by up to 80 (Gansu, Fujian 2006-2009: total "
        "revised, split not). (5) Shares are recomputed from the counts by the compiler; "
        "converted here from fractions to per cent. (6) The age groups are declared "
        "parts_of population; urban + rural, a second split of the same total, carry "
        "split_of = population. The licence of the compilation is "
        "not stated; re-check single figures against NBS before publishing."
    )
    meta = {
        "title_zh": "分省人口、城镇化、年龄结构与家庭户",
        "title_en": "Provincial population, urbanisation, age structure and households",
        "description": description,
        "origin": "National Bureau of Statistics of China (China Statistical Yearbook; "
        "annual population sample survey)",
        "intermediary": "GitHub pengyunlong/Provincial_Grain_Forecast (provincial panel); "
        "GitHub pik-piam/PyPSA-China-PIK (national total)",
        "intermediary_commit": "548dff118bd833a2eb19aaf223412ca35bd6f7d9; "
        "25c83bfb37bc7d81f3058d3f8271fa34383d63ee",
        "raw_files": [PANEL, NATIONAL, HISTORICAL],
        "licence": "No licence stated by pengyunlong/Provincial_Grain_Forecast (convenience "
        "copy of official NBS statistics, cite NBS); PyPSA-China-PIK code MIT, data "
        "licences per original source (NBS). Official statistics: cite the National "
        "Bureau of Statistics of China.",
        "vintages": [VINTAGE_NAT, VINTAGE],
        "coverage": "31 provinces 2000-2024 (all indicators); national total 2015-2022 "
        "(population only)",
        "indicators": indicators,
        "rounding_step": 0.01,
        # 8 of 774 province-years (Gansu, Fujian 2006-2009) have urban + rural off the
        # revised total, as published; see the description.
        "parts_tolerance_share": 0.012,
    }
    return [Dataset(id="population", kind="tidy", meta=meta, frame=frame)]
