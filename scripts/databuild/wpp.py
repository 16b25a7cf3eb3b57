"""UN World Population Prospects 2024, China: the national rates of the projection.

Sources (``un_wpp_china/``, rows of China, country code 156, from the R package
``wpp2024`` 1.1-3, GitHub ``PPgp/wpp2024``)
------------------------------------------------------------------------------
``wpp2024_china_mx_by_sex_5yr_age_5yr_period.csv``      m(x) by sex, abridged ages
``wpp2024_china_pasfr_percent_by_5yr_age_annual.csv``   fertility age pattern (% of TFR)
``wpp2024_china_annual_indicators_long.csv``            TFR, e0, SRB, population, ...
``wpp2024_china_e0_tfr_5yr_periods.csv``                e0 and TFR, 5-year periods
``wpp2024_china_net_migration_by_sex_5yr_age_proj_medium.csv``  net migrants by age

One long table: indicator, sex, age, period, variant, value, unit, source. Values are
unchanged; the percentage fertility pattern stays in per cent.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .common import Dataset

FOLDER = "un_wpp_china"
MX = f"{FOLDER}/wpp2024_china_mx_by_sex_5yr_age_5yr_period.csv"
PASFR = f"{FOLDER}/wpp2024_china_pasfr_percent_by_5yr_age_annual.csv"
ANNUAL = f"{FOLDER}/wpp2024_china_annual_indicators_long.csv"
PERIODS = f"{FOLDER}/wpp2024_china_e0_tfr_5yr_periods.csv"
MIG = f"{FOLDER}/wpp2024_china_net_migration_by_sex_5yr_age_proj_medium.csv"
SOURCE = "UN WPP 2024 via PPgp/wpp2024@2da7768"
COLUMNS = ["indicator", "sex", "age", "period", "variant", "value", "unit", "source"]
#: annual indicators kept (the rest of the file is not used by the projection)
ANNUAL_KEEP = {"tfr", "e0", "sex_ratio_at_birth", "pop_total", "births", "deaths",
               "net_migration"}


def _frame(df: pd.DataFrame, **const: object) -> pd.DataFrame:
    out = df.assign(**const, source=SOURCE)
    return out[COLUMNS]


def build(shared: Path) -> list[Dataset]:
    """Build ``wpp2024_china``.

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        One table with the columns :data:`COLUMNS`.
    """
    mx = pd.read_csv(shared / MX, dtype={"age": str})
    mx = _frame(mx, indicator="mx", variant="medium", unit="per person-year")
    pasfr = pd.read_csv(shared / PASFR, dtype={"age": str})
    pasfr = pasfr.rename(columns={"year": "period", "percent_of_tfr": "value"})
    pasfr = _frame(pasfr.assign(period=pasfr["period"].astype(str)), indicator="pasfr",
                   variant="estimates+medium", unit="%")
    ann = pd.read_csv(shared / ANNUAL)
    ann = ann[ann["indicator"].isin(ANNUAL_KEEP)].rename(columns={"year": "period"})
    ann = ann.assign(period=ann["period"].astype(str), age="all")
    ann["unit"] = ann["unit"].replace(
        {"males per 100 females at birth (WPP srb ratio as given)": "males per female"}
    )
    ann = ann[COLUMNS]
    per = pd.read_csv(shared / PERIODS)
    per = _frame(per.assign(indicator=per["indicator"] + "_period"), age="all",
                 variant="estimates",
                 unit=per["indicator"].map({"e0": "years", "tfr": "children per woman"}))
    mig = pd.read_csv(shared / MIG, dtype={"age": str})
    mig = mig.rename(columns={"net_migrants_thousands": "value"})
    mig = _frame(mig, indicator="net_migrants", variant="medium", unit="thousands")
    frame = pd.concat([mx, pasfr, ann, per, mig], ignore_index=True)
    if frame.duplicated(["indicator", "sex", "age", "period", "variant"]).any():
        raise ValueError("wpp2024_china: duplicated keys")
    meta = {
        "title_zh": "联合国《世界人口展望2024》中国死亡率、生育率与迁移",
        "title_en": "UN World Population Prospects 2024, China: mortality, fertility, "
        "migration",
        "description": "National rates used by the cohort-component projection "
        "(revitalize.population): age-specific death rates m(x) by sex (ages 0, 1-4, "
        "5-9, ..., 95-99, 100+; five-year periods 1950-2100, medium variant after 2020); "
        "percentage age-specific fertility pattern by five-year age of mother (10-14 ... "
        "50-54, annual 1950-2100; ASFR = TFR x pasfr / 100 / 5); annual TFR (estimates "
        "1950-2023; low, medium and high variants 2024-2100), e0 by sex, sex ratio at "
        "birth (males per female), total population, births, deaths and net migration "
        "(thousands); e0 and TFR for five-year periods 1950-2020 (indicators "
        "e0_period, tfr_period); projected net migrants by sex and five-year age "
        "(medium, 2020-2100, thousands). China excludes Hong Kong, Macao and Taiwan. "
        "Values unchanged from the wpp2024 R package.",
        "origin": "United Nations, Department of Economic and Social Affairs, Population "
        "Division: World Population Prospects 2024",
        "intermediary": "GitHub PPgp/wpp2024 (R package wpp2024 1.1-3, data-raw/*.txt)",
        "intermediary_commit": "2da7768ae64fc74105d3f9e98f9a74d37b62f99a",
        "raw_files": [MX, PASFR, ANNUAL, PERIODS, MIG],
        "licence": "Creative Commons Attribution 3.0 IGO (cite UN DESA Population "
        "Division, World Population Prospects 2024)",
        "vintages": ["wpp2024"],
        "coverage": "China (156), 1950-2100",
    }
    return [Dataset(id="wpp2024_china", kind="table", meta=meta, frame=frame)]
