"""Activity matrices for economic complexity, and the strategic emerging industries.

Datasets (all ``table`` kind; every row carries ``resolution``, ``source`` and
``vintage``):

``employment_sections``
    Employed persons by the 20 sections of GB/T 4754 for the 31 provinces and every
    prefecture-level unit, population censuses 2020 and 2010 (long-form 10 % sample:
    sample counts, not totals; use shares). 2020 from the tidy extract
    ``census2020_employment_by_industry_province_prefecture.csv`` (GB/T 4754-2017);
    2010 from ``census2010_all_prefectures_ne_counties.csv`` (GB/T 4754-2002 sections,
    relabelled to the 2017 letters by content: 2002 F transport -> G, G information ->
    I, H wholesale/retail -> F, I hotels -> H; three 2010 headers are garbled in the
    source and are mapped as SOURCE.md explains). Rows with a missing count are dropped.
``fai_sections``
    Fixed-asset investment (全社会固定资产投资) by province x 19 sections (A-S),
    2003-2023, 亿元. NBS stopped publishing provincial levels after 2017: the
    compiler derived 2018-2023 from official growth rates; those rows have
    ``derived=True`` and vintage ``derived_growth``; sections the compiler could not
    derive are absent.
``sei_categories``
    The nine categories of the NBS Strategic Emerging Industries Classification
    (2018) (国家统计局令第23号), with the GB/T 4754-2017 sections where their classes
    mainly fall. At section resolution none is separable (``separable=False``).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .common import Dataset

CENSUS = "china_census_2010_2020_county_tables"
EMP2020 = f"{CENSUS}/census2020_employment_by_industry_province_prefecture.csv"
EMP2010 = f"{CENSUS}/census2010_all_prefectures_ne_counties.csv"
FAI = "province_fai_by_industry_employment/fai_by_province_industry_2003_2023.csv"
CENSUS_COMMIT = "0ba0f1efae092f4aa6569ef38e53b3bb4d2f0087"
FAI_COMMIT = "649a6adcf25352272daadcb6b3f943e33b4e3074"
SRC_CENSUS = "NBS census {year} via leiii/census"
SRC_FAI = "NBS yearbook via muweiabc/govfund"
SRC_FAI_DERIVED = "derived from NBS growth rates via muweiabc/govfund"

#: GB/T 4754-2017 sections: letter -> (zh, en)
SECTIONS: dict[str, tuple[str, str]] = {
    "A": ("农林牧渔业", "Agriculture, forestry, animal husbandry and fishery"),
    "B": ("采矿业", "Mining"),
    "C": ("制造业", "Manufacturing"),
    "D": ("电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water supply"),
    "E": ("建筑业", "Construction"),
    "F": ("批发和零售业", "Wholesale and retail trade"),
    "G": ("交通运输、仓储和邮政业", "Transport, storage and post"),
    "H": ("住宿和餐饮业", "Accommodation and catering"),
    "I": ("信息传输、软件和信息技术服务业", "Information transmission, software and IT services"),
    "J": ("金融业", "Finance"),
    "K": ("房地产业", "Real estate"),
    "L": ("租赁和商务服务业", "Leasing and business services"),
    "M": ("科学研究和技术服务业", "Scientific research and technical services"),
    "N": ("水利、环境和公共设施管理业", "Water conservancy, environment and public facilities"),
    "O": ("居民服务、修理和其他服务业", "Resident, repair and other services"),
    "P": ("教育", "Education"),
    "Q": ("卫生和社会工作", "Health and social work"),
    "R": ("文化、体育和娱乐业", "Culture, sports and entertainment"),
    "S": ("公共管理、社会保障和社会组织", "Public administration, social security, organisations"),
    "T": ("国际组织", "International organisations"),
}

#: 2010 census column (GB/T 4754-2002 section, garbled headers as in the source) -> 2017
COLS_2010 = {
    "农林牧渔业": "A", "采矿业": "B", "制造业": "C", "电力、燃气及水的生产和供应业": "D",
    "建筑业": "E", "仓储和邮政业": "G", "交通运输、计算机服务和软件业": "I",
    "信息传输、批发和零售业": "F", "住宿和餐饮业": "H", "金融业": "J", "房地产业": "K",
    "租赁和商务服务业": "L", "科学研究、技术服务和地质勘察业": "M",
    "水利、环境和公共设施管理业": "N", "居民服务和其他服务业": "O", "教育": "P",
    "卫生、社会保障和社会福利业": "Q", "文化、体育和娱乐业": "R", "公共管理和社会组织": "S",
    "国际组织": "T",
}

#: FAI column prefix -> section
COLS_FAI = {
    "农林牧渔业": "A", "采矿业": "B", "制造业": "C", "电力、热力、燃气及水的生产和供应业": "D",
    "建筑业": "E", "批发和零售业": "F", "交通运输、仓储和邮政业": "G", "住宿和餐饮业": "H",
    "信息传输、软件和信息技术服务业": "I", "金融业": "J", "房地产业": "K",
    "租赁和商务服务业": "L", "科学研究和技术服务业": "M", "水利、环境和公共设施管理业": "N",
    "居民服务、修理和其他服务业": "O", "教育": "P", "卫生和社会工作": "Q",
    "文化、体育和娱乐业": "R", "公共管理、社会保障和社会组织": "S",
}

#: id -> (zh, en, main GB/T 4754-2017 sections, note)
SEI: dict[str, tuple[str, str, str, str]] = {
    "sei1": ("新一代信息技术产业", "Next-generation information technology", "C;I",
             "electronic and communication equipment (C 39) and software, internet and IT "
             "services (I 63-65)"),
    "sei2": ("高端装备制造产业", "High-end equipment manufacturing", "C",
             "intelligent manufacturing, aerospace, rail, marine and satellite equipment "
             "(C 34-35, 37-40)"),
    "sei3": ("新材料产业", "New materials", "C",
             "advanced steel, non-ferrous, chemical and inorganic non-metallic materials, "
             "high-performance fibres (C 26, 28-33)"),
    "sei4": ("生物产业", "Biotechnology industry", "A;C;M",
             "biomedicine and medical devices (C 27, 35), biological breeding (A), "
             "bio-services (M)"),
    "sei5": ("新能源汽车产业", "New energy vehicles", "C",
             "new energy vehicles, batteries, motors and charging equipment (C 36, 38)"),
    "sei6": ("新能源产业", "New energy", "C;D",
             "nuclear, wind, solar, biomass equipment (C) and generation (D 44)"),
    "sei7": ("节能环保产业", "Energy saving and environmental protection", "C;D;N;M",
             "efficient equipment (C), environmental services and treatment (N 77), "
             "resource recycling, energy-saving services (M)"),
    "sei8": ("数字创意产业", "Digital creative industries", "C;I;R",
             "digital content and design services (I 65, R 86-88) and equipment (C)"),
    "sei9": ("相关服务业", "Related services", "L;M;J",
             "R&D, testing, intellectual property, incubation and technology finance "
             "(M 73-75, L 72, J)"),
}


def _employment_2020(shared: Path) -> pd.DataFrame:
    e = pd.read_csv(shared / EMP2020, dtype={"adcode": str})
    e = e.dropna(subset=["employed_sample"])
    name = e["prefecture"].where(e["level"] == "prefecture", e["province"])
    return pd.DataFrame({
        "year": 2020, "level": e["level"], "region": e["adcode"],
        "name_zh": name, "section": e["section"],
        "value": e["employed_sample"].astype(float),
    })


def _employment_2010(shared: Path) -> pd.DataFrame:
    d = pd.read_csv(shared / EMP2010)
    d = d[d["区划代码"].notna()].copy()
    code = d["区划代码"].astype(int)
    d = d[code % 100 == 0]
    code = d["区划代码"].astype(int).astype(str)
    long = d.melt(id_vars=["地区"], value_vars=list(COLS_2010), var_name="col",
                  value_name="value", ignore_index=False)
    long["region"] = code.reindex(long.index)
    long = long.dropna(subset=["value"])
    level = long["region"].str[-4:].eq("0000").map({True: "province", False: "prefecture"})
    return pd.DataFrame({
        "year": 2010, "level": level, "region": long["region"], "name_zh": long["地区"],
        "section": long["col"].map(COLS_2010), "value": long["value"].astype(float),
    })


def employment(shared: Path) -> pd.DataFrame:
    """Employment by section, provinces and prefectures, 2010 and 2020 censuses."""
    df = pd.concat([_employment_2010(shared), _employment_2020(shared)], ignore_index=True)
    df["source"] = df["year"].map(lambda y: SRC_CENSUS.format(year=y))
    df["vintage"] = "census_" + df["year"].astype(str)
    df = df.sort_values(["year", "level", "region", "section"], kind="stable")
    return df.reset_index(drop=True)


def fai(shared: Path) -> pd.DataFrame:
    """FAI by province x 19 sections, 2003-2023; 2018+ flagged as derived."""
    from .common import region_code

    raw = pd.read_csv(shared / FAI)
    raw["region"] = raw["地区"].map(region_code)
    cols = {c: COLS_FAI[c.split("/")[0]] for c in raw.columns if c.split("/")[0] in COLS_FAI}
    long = raw.melt(id_vars=["年份", "region"], value_vars=list(cols), var_name="col",
                    value_name="value").dropna(subset=["value"])
    derived = long["年份"] >= 2018
    out = pd.DataFrame({
        "year": long["年份"].astype(int), "region": long["region"],
        "section": long["col"].map(cols), "value": long["value"].astype(float),
        "derived": derived,
        "source": derived.map({True: SRC_FAI_DERIVED, False: SRC_FAI}),
        "vintage": derived.map({True: "derived_growth", False: "published"}),
    })
    return out.sort_values(["year", "region", "section"], kind="stable").reset_index(drop=True)


def sei_table() -> pd.DataFrame:
    """The nine SEI categories and their (non-separable) section mapping."""
    rows = [
        {"id": k, "zh": zh, "en": en, "sections": secs, "separable": False,
         "resolution": "GB/T 4754-2017 section", "note": note,
         "source": "NBS Strategic Emerging Industries Classification (2018), NBS Order "
                   "No. 23 (国家统计局令第23号); section mapping by revitalize"}
        for k, (zh, en, secs, note) in SEI.items()
    ]
    return pd.DataFrame(rows)


def sections_table() -> pd.DataFrame:
    """The 20 sections of GB/T 4754-2017 with zh/en names."""
    return pd.DataFrame(
        [{"section": k, "zh": zh, "en": en, "source": "GB/T 4754-2017"}
         for k, (zh, en) in SECTIONS.items()]
    )


COMMON = {
    "licence": "Official statistics (NBS); census extract MIT (leiii/census); FAI workbook "
    "without a stated licence (third-party compilation of yearbook data: cite NBS)",
}


def build(shared: Path) -> list[Dataset]:
    """Build ``employment_sections``, ``fai_sections``, ``sei_categories``, ``gbt4754_sections``."""
    emp = employment(shared)
    f = fai(shared)
    n_pref = {y: emp[(emp.year == y) & (emp.level == "prefecture")]["region"].nunique()
              for y in (2010, 2020)}
    return [
        Dataset("employment_sections", "table", {
            "title_zh": "分行业门类就业人员(人口普查长表,省和地级)",
            "title_en": "Employed persons by industry section, provinces and prefectures "
                        "(census long form)",
            "description": "Employed persons by the 20 sections of GB/T 4754 for 31 "
            f"provinces and every prefecture-level unit ({n_pref[2010]} in 2010, "
            f"{n_pref[2020]} in 2020) from the 2010 and 2020 population censuses. Counts "
            "are from the 10% long-form sample (not population totals): use shares. 2010 "
            "sections (GB/T 4754-2002) are relabelled to the 2017 letters by content (F/G/"
            "H/I reordered; three garbled 2010 headers mapped as the source notes); "
            "section boundaries changed slightly between the two editions. Missing "
            "counts dropped. Resolution: region x section (manufacturing is one sector).",
            "origin": "National Bureau of Statistics of China (2010 and 2020 population "
                      "censuses, county tabulations)",
            "intermediary": "leiii/census (GitHub; Dong, Du & Liu 2022)",
            "intermediary_commit": CENSUS_COMMIT,
            "raw_files": [EMP2020, EMP2010],
            "licence": COMMON["licence"], "vintages": ["census_2010", "census_2020"],
            "coverage": "31 provinces and all prefecture-level units, 2010 and 2020",
            "unit": "persons (census long-form sample)",
            "resolution": "province or prefecture x GB/T 4754-2017 section (20)",
        }, frame=emp),
        Dataset("fai_sections", "table", {
            "title_zh": "分省分行业全社会固定资产投资",
            "title_en": "Fixed-asset investment by province and industry section",
            "description": "Total fixed-asset investment by province x 19 GB/T 4754 "
            "sections (A-S), 2003-2023, 100 million yuan. 2003-2017 are published levels; "
            "NBS stopped publishing provincial levels after 2017 and the compiler derived "
            "2018-2023 from official growth rates (derived=True, vintage derived_growth); "
            "some sections are missing after 2018. Levels include known overstatements "
            "(e.g. Liaoning before the 2017 correction).",
            "origin": "National Bureau of Statistics of China (China Statistical Yearbook)",
            "intermediary": "muweiabc/govfund (GitHub), a third-party compilation",
            "intermediary_commit": FAI_COMMIT, "raw_files": [FAI],
            "licence": COMMON["licence"], "vintages": ["published", "derived_growth"],
            "coverage": "31 provinces, 2003-2023", "unit": "100m CNY",
            "resolution": "province x GB/T 4754-2017 section (19, A-S)",
        }, frame=f),
        Dataset("sei_categories", "table", {
            "title_zh": "战略性新兴产业分类(2018)九大领域及其行业门类对应",
            "title_en": "Strategic emerging industries (2018): nine categories and their "
                        "industry sections",
            "description": "The nine first-level categories of the NBS Strategic Emerging "
            "Industries Classification (2018) with the GB/T 4754-2017 sections where "
            "their classes mainly fall (indicative, by revitalize). Every category is a "
            "small part of each of its sections, so none can be separated at section "
            "resolution (separable=False).",
            "origin": "National Bureau of Statistics of China (NBS Order No. 23, 2018)",
            "intermediary": "transcribed by the revitalize project",
            "intermediary_commit": "n/a (category names of a public regulation)",
            "raw_files": ["(none: public regulation text)"],
            "licence": "public regulation (names); mapping MIT",
            "vintages": ["2018"], "coverage": "9 categories",
        }, frame=sei_table()),
        Dataset("gbt4754_sections", "table", {
            "title_zh": "国民经济行业分类(GB/T 4754-2017)门类",
            "title_en": "Industrial classification for national economic activities "
                        "(GB/T 4754-2017): sections",
            "description": "The 20 sections (A-T) with Chinese and English names.",
            "origin": "Standardization Administration of China / NBS (GB/T 4754-2017)",
            "intermediary": "transcribed by the revitalize project",
            "intermediary_commit": "n/a (names of a public standard)",
            "raw_files": ["(none: public standard)"],
            "licence": "public standard (names)", "vintages": ["2017"],
            "coverage": "20 sections",
        }, frame=sections_table()),
    ]
