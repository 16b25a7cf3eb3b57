"""Grain output, sown area and yield by province (NBS), 1990-2018, plus 2022-2024 releases.

Sources
-------
``fabio_chn_crops_province/grain_output_area_yield_by_province_1990_2018.csv``
    NBS data portal (分省年度数据) exports compiled by the GitHub repository
    ``yequanliang1993/fabio-chn`` (MIT): grain output (10k t), grain sown area
    (1000 ha) and yield (kg/ha) of the 31 provinces.
``fabio_chn_crops_province/grain_output_recent_from_news_pages.csv``
    Grain output 2022-2024 of Liaoning, Jilin, Heilongjiang and China as announced
    (NBS and provincial releases quoted in news pages; the URL is kept per row).

Checks: the 31 provinces sum to 65,789.2 (10k t) in 2018, the NBS national figure.
Nothing is interpolated: 2019-2021 and the years after 2018 for the other provinces
are missing.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from .common import Dataset, region_code

FOLDER = "fabio_chn_crops_province"
PANEL = f"{FOLDER}/grain_output_area_yield_by_province_1990_2018.csv"
RECENT = f"{FOLDER}/grain_output_recent_from_news_pages.csv"
COMMIT = "7506823afef002f2281b1f4e9913f4eb04b0dc9e"
SOURCE = f"NBS via yequanliang1993/fabio-chn@{COMMIT[:7]}"
VINTAGE = "nbs_portal_2020"
VINTAGE_NEWS = "announcement"
NATIONAL_2018 = 65789.2

#: indicator -> (source column, unit, zh, en, additive)
COLUMNS: dict[str, tuple[str, str, str, str, bool]] = {
    "grain_output": ("grain_output_10k_t", "10k t", "粮食产量", "Grain output", True),
    "grain_sown_area": ("grain_sown_area_1000ha", "1000 ha", "粮食播种面积",
                        "Grain sown area", True),
    "grain_yield": ("yield_kg_per_ha", "kg/ha", "粮食单产", "Grain yield", False),
}


def _panel(shared: Path) -> pd.DataFrame:
    raw = pd.read_csv(shared / PANEL)
    raw["region"] = raw["province"].map(region_code)
    total = raw.loc[raw["year"] == 2018, "grain_output_10k_t"].sum()
    if abs(total - NATIONAL_2018) > 0.5:
        raise ValueError(f"grain: 2018 provincial sum {total} != NBS national {NATIONAL_2018}")
    parts = []
    for ind, (col, unit, _zh, _en, _add) in COLUMNS.items():
        parts.append(pd.DataFrame({
            "region": raw["region"], "indicator": ind, "period": raw["year"].astype(str),
            "value": raw[col], "unit": unit, "source": SOURCE, "vintage": VINTAGE,
        }))
    return pd.concat(parts, ignore_index=True).dropna(subset=["value"])


def _recent(shared: Path) -> pd.DataFrame:
    raw = pd.read_csv(shared / RECENT)
    return pd.DataFrame({
        "region": raw["province"].map(region_code), "indicator": "grain_output",
        "period": raw["year"].astype(str), "value": raw["grain_output_10k_t"],
        "unit": "10k t",
        "source": "announced " + raw["as_reported"].astype(str) + " (" + raw["source_url"] + ")",
        "vintage": VINTAGE_NEWS,
    })


def build(shared: Path) -> list[Dataset]:
    """Build the ``grain`` dataset.

    Returns
    -------
    list of Dataset
        One tidy dataset, ``grain``.
    """
    frame = pd.concat([_panel(shared), _recent(shared)], ignore_index=True)
    indicators = {
        ind: {"unit": unit, "zh": zh, "en": en, "additive": add}
        for ind, (_c, unit, zh, en, add) in COLUMNS.items()
    }
    meta = {
        "title_zh": "分省粮食产量、播种面积与单产",
        "title_en": "Grain output, sown area and yield by province",
        "description": (
            "Grain output (10k t), grain sown area (1000 ha) and yield (kg/ha) of the 31 "
            "provinces 1990-2018 from the NBS data portal (series after the revision based "
            "on the third agricultural census), as exported by the FABIO-CHN project; the "
            "provinces sum to the NBS national total in 2018 (65,789.2). Grain output of "
            "Liaoning, Jilin, Heilongjiang and China 2022-2024 as announced by NBS and the "
            "provincial governments (vintage `announcement`; the news page quoting each "
            "release is named in `source`; 亿斤 converted at 1 亿斤 = 5 万吨). CAVEATS: "
            "the provincial series stops in 2018 (2019 is empty in the source) and only "
            "the three Northeast provinces and China have later figures; no year is "
            "interpolated. There is no national row before 2022: shares of the nation use "
            "the sum of the provinces."
        ),
        "origin": "National Bureau of Statistics of China (data.stats.gov.cn, annual by "
        "province; annual grain output announcements); provincial governments",
        "intermediary": "GitHub yequanliang1993/fabio-chn (FABIO-CHN, MIT); news pages "
        "quoting the official releases (URL per row)",
        "intermediary_commit": COMMIT,
        "raw_files": [PANEL, RECENT],
        "licence": "FABIO-CHN compilation MIT; official statistics: cite the National "
        "Bureau of Statistics of China",
        "vintages": [VINTAGE, VINTAGE_NEWS],
        "coverage": "31 provinces 1990-2018; LN, JL, HL and China 2022-2024 (grain output)",
        "indicators": indicators,
    }
    return [Dataset(id="grain", kind="tidy", meta=meta, frame=frame)]
