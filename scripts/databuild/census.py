"""Census 2010 and 2020: population by sex and age; provincial vital and labour figures.

Sources
-------
``china_census_2010_2020_county_tables/census_province_population_by_sex_age_2010_2020.csv``
    Tidy extract of the NBS county tabulations (6th and 7th census) compiled by the
    GitHub repository ``leiii/census``: 31 provinces x 2 sexes x 19 age groups.
``china_census_2010_2020_county_tables/census2010_all_prefectures_ne_counties.csv`` and
``census2020_all_prefectures_ne_counties.csv``
    Province rows of the same tabulations: crude birth and death rates (2010), women's
    mean number of live births, residents registered in another province, and the
    long-form (10 % sample) counts of employed persons and persons aged 15+.

The national rows (region ``100000``) are the sums of the 31 provinces (the census
resident population without active military personnel).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .common import Dataset, region_code

FOLDER = "china_census_2010_2020_county_tables"
AGE_SEX = f"{FOLDER}/census_province_population_by_sex_age_2010_2020.csv"
C2010 = f"{FOLDER}/census2010_all_prefectures_ne_counties.csv"
C2020 = f"{FOLDER}/census2020_all_prefectures_ne_counties.csv"
COMMIT = "0ba0f1efae092f4aa6569ef38e53b3bb4d2f0087"
SOURCE = "NBS census {year} county tabulation via leiii/census@0ba0f1e"
VINTAGE = "census_final"
LICENCE = (
    "Compilation MIT (leiii/census, Copyright (c) 2022 Lei Dong); figures are official "
    "NBS census statistics (cite NBS and Dong, Du & Liu 2022, SSRN 4049338)."
)
ORIGIN = (
    "National Bureau of Statistics of China (Tabulation of the 2010 Population Census "
    "by County; China Population Census Yearbook 2020 county tables)"
)
NATIONAL = "100000"

#: indicator -> (year, source column, unit, description)
INDICATORS: dict[str, tuple[int, str, str, str]] = {
    "crude_birth_rate": (2010, "出生率（‰）", "per 1000", "Crude birth rate, 12 months "
                         "before the census (per 1,000 residents)"),
    "crude_death_rate": (2010, "死亡率（‰）", "per 1000", "Crude death rate, 12 months "
                         "before the census (per 1,000 residents)"),
    "live_births_per_woman_15_64_2010": (2010, "15-64岁妇女-平均活产子女数", "children",
                                         "Mean live births ever born, women 15-64 (long form)"),
    "live_births_per_woman_15_64_2020": (2020, "15-64岁妇女平均活产子女数", "children",
                                         "Mean live births ever born, women 15-64 (long form)"),
    "in_migrants_other_province_2010": (2010, "迁入人口（人）-外省", "persons",
                                        "Residents who moved in from another province"),
    "hukou_other_province_2020": (2020, "户口登记地在外乡镇街道人口_省外", "persons",
                                  "Residents whose household registration is in another "
                                  "province"),
    "employed_sample_2020": (2020, "各种行业人口总计", "persons (sample)",
                             "Employed persons, long-form sample count"),
    "aged_15_plus_sample_2020": (2020, "十五岁以上人口", "persons (sample)",
                                 "Persons aged 15+, long-form sample count"),
    "employed_sample_2010": (2010, "各种行业人口总计", "persons (sample)",
                             "Employed persons, long-form sample count"),
    "aged_15_plus_sample_2010": (2010, "15岁及以上人口-合计", "persons (sample)",
                                 "Persons aged 15+, long-form sample count"),
}

AGE_LABELS = {"0": "0", "1-4": "1-4", "85+": "85+"}


def _age_sex(shared: Path) -> pd.DataFrame:
    """Population by sex and census age group, provinces plus the national sum."""
    raw = pd.read_csv(shared / AGE_SEX, dtype={"adcode": str})
    raw["region"] = raw["adcode"].str[:6]
    prov = raw[["region", "year", "sex", "age_group", "persons"]]
    nat = prov.groupby(["year", "sex", "age_group"], as_index=False, sort=False)["persons"].sum()
    nat.insert(0, "region", NATIONAL)
    out = pd.concat([prov, nat], ignore_index=True).rename(
        columns={"age_group": "age", "persons": "value"}
    )
    out["value"] = out["value"].astype(float)
    out["unit"] = "persons"
    out["source"] = out["year"].map(lambda y: SOURCE.format(year=y))
    return out[["region", "year", "sex", "age", "value", "unit", "source"]]


AGES = ["0", "1-4", *[f"{a}-{a + 4}" for a in range(5, 85, 5)], "85+"]
SEX_ZH = {"male": "男", "female": "女"}


def _col_2010(age: str, sex: str) -> list[str]:
    lab = {"0": "0岁", "85+": "85岁及以上"}.get(age, f"{age}岁")
    return [f"{lab}（{SEX_ZH[sex]}）", f"{lab}（{SEX_ZH[sex]})"]


def _col_2020(age: str, sex: str) -> list[str]:
    lab = {"0": "0岁", "85+": "85岁以上"}.get(age, age.replace("-", "到") + "岁")
    return [f"{SEX_ZH[sex]}_{lab}"]


def _prefectures(shared: Path) -> pd.DataFrame:
    """Population by sex and age of the 41 Northeast prefecture-level units, 2010, 2020."""
    from revitalize import regions

    prefs = {r.code for r in regions.all_regions() if r.level == "prefecture"}
    parts = []
    for year, path, cols in ((2010, C2010, _col_2010), (2020, C2020, _col_2020)):
        df = pd.read_csv(shared / path)
        code = pd.to_numeric(df["区划代码"], errors="coerce")
        rows = df[code.notna()].copy()
        rows["region"] = code.dropna().astype(int).astype(str)
        rows = rows[rows["region"].isin(prefs)].drop_duplicates("region")
        for sex in SEX_ZH:
            for age in AGES:
                col = next(c for c in cols(age, sex) if c in rows.columns)
                parts.append(pd.DataFrame({
                    "region": rows["region"], "year": year, "sex": sex, "age": age,
                    "value": pd.to_numeric(rows[col]).astype(float), "unit": "persons",
                    "source": SOURCE.format(year=year) + " (prefecture rows)",
                }))
    return pd.concat(parts, ignore_index=True)


def _prefecture_cdr(shared: Path) -> pd.DataFrame:
    from revitalize import regions

    prefs = {r.code for r in regions.all_regions() if r.level == "prefecture"}
    df = pd.read_csv(shared / C2010)
    code = pd.to_numeric(df["区划代码"], errors="coerce")
    rows = df[code.notna()].copy()
    rows["region"] = code.dropna().astype(int).astype(str)
    rows = rows[rows["region"].isin(prefs)].drop_duplicates("region")
    return pd.DataFrame({
        "region": rows["region"], "year": 2010, "indicator": "crude_death_rate",
        "value": pd.to_numeric(rows["死亡率（‰）"]), "unit": "per 1000",
        "source": SOURCE.format(year=2010) + " (column 死亡率（‰）, prefecture rows)",
    })


def _province_rows(df: pd.DataFrame) -> pd.DataFrame:
    code = pd.to_numeric(df["区划代码"], errors="coerce")
    rows = df[code.notna() & (code % 10000 == 0)].copy()
    rows["region"] = code[rows.index].astype(int).astype(str)
    return rows.drop_duplicates("region")


def _indicators(shared: Path) -> pd.DataFrame:
    """One row per province, year and indicator from the province rows."""
    tables = {2010: _province_rows(pd.read_csv(shared / C2010)),
              2020: _province_rows(pd.read_csv(shared / C2020))}
    parts = []
    for ind, (year, col, unit, _desc) in INDICATORS.items():
        t = tables[year]
        parts.append(pd.DataFrame({
            "region": t["region"].map(region_code), "year": year, "indicator": ind,
            "value": pd.to_numeric(t[col], errors="coerce"), "unit": unit,
            "source": SOURCE.format(year=year) + f" (column {col})",
        }))
    out = pd.concat(parts, ignore_index=True).dropna(subset=["value"])
    out = pd.concat([out, _prefecture_cdr(shared)], ignore_index=True)
    return out.sort_values(["indicator", "region"]).reset_index(drop=True)


def _meta(title_zh: str, title_en: str, description: str, raw: list[str]) -> dict[str, object]:
    return {
        "title_zh": title_zh,
        "title_en": title_en,
        "description": description,
        "origin": ORIGIN,
        "intermediary": "GitHub leiii/census (China Census, Lei Dong et al.)",
        "intermediary_commit": COMMIT,
        "raw_files": raw,
        "licence": LICENCE,
        "vintages": [VINTAGE],
        "coverage": "31 provinces, the national sum and the 41 Northeast prefecture-level "
        "units (incl. 5 eastern Inner Mongolia); census years 2010 and 2020 "
        "(2010-11-01 and 2020-11-01)",
    }


def build(shared: Path) -> list[Dataset]:
    """Build ``census_population_age_sex`` and ``census_province_indicators``.

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        Two tables (columns region, year, sex, age, value, unit, source and region,
        year, indicator, value, unit, source).
    """
    age = pd.concat([_age_sex(shared), _prefectures(shared)], ignore_index=True)
    for (reg, year), g in age.groupby(["region", "year"]):
        if reg == "210000" and year == 2020 and int(g["value"].sum()) != 42_591_407:
            raise ValueError("census: Liaoning 2020 does not sum to the census total")
    m_age = _meta(
        "人口普查分性别、年龄人口（2010、2020）",
        "Census population by sex and age (2010, 2020)",
        "Resident population (常住人口) at the 6th (2010-11-01) and 7th (2020-11-01) "
        "population censuses by sex and age group (0, 1-4, 5-9, ..., 80-84, 85+), for the "
        "31 provinces and the 41 Northeast prefecture-level units (prefecture rows of the "
        "tabulations, boundaries of each census year); region 100000 is the sum of the "
        "provinces (1,409,778,724 in 2020; excludes active military personnel). "
        "Counts in persons, unchanged from the census tabulation. Used as the base "
        "population of the cohort-component projection (revitalize.population).",
        [AGE_SEX, C2010, C2020],
    )
    m_age["unit"] = "persons"
    desc = "; ".join(f"{k} ({v[2]}): {v[3]}" for k, v in INDICATORS.items())
    m_ind = _meta(
        "人口普查分省出生率、死亡率、生育、迁移与就业样本",
        "Census provincial birth and death rates, fertility, migration and employment",
        "Province rows of the census county tabulations (and, for crude_death_rate 2010, "
        "the 41 Northeast prefecture rows). Indicators: " + desc + ". "
        "CAVEATS: birth and death rates refer to the 12 months before the 2010 census "
        "as reported by households (deaths are known to be under-reported); the "
        "employment and 15+ counts come from the long-form 10 % sample (use their ratio, "
        "not the counts); the 2010 in-migrant count from other provinces and the 2020 "
        "count of residents registered in another province measure different things.",
        [C2010, C2020],
    )
    return [
        Dataset(id="census_population_age_sex", kind="table", meta=m_age, frame=age),
        Dataset(id="census_province_indicators", kind="table", meta=m_ind,
                frame=_indicators(shared)),
    ]
