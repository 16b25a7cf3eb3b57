"""R&D, patents, high-tech industry and public budget expenditure by province (2010-2023).

Source: ``techme_rd_patents/techme_science_tech_by_province_long.csv`` (long table of the
R package ``techme`` by Hu Huaping, transcribed from the China Statistical Yearbook on
Science and Technology and the China Statistical Yearbook) and its variable dictionary
``techme_variables.csv``. Units are taken from the dictionary per variable, not from the
row (some 2018-2023 rows of ``IndustryRD`` carry a wrong unit label, e.g. 万元 for
person-years or counts; their magnitudes match the dictionary unit).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from revitalize.units import canonical_unit as _canonical

from .common import Dataset, region_code

LONG = "techme_rd_patents/techme_science_tech_by_province_long.csv"
VARS = "techme_rd_patents/techme_variables.csv"
VINTAGE = "nbs_2024"
REPO = "huhuaping/techme@9ad60a1"
#: publisher units missing from revitalize.units, mapped here
EXTRA_UNITS = {"项": "count"}

#: (dataset, variable) -> (indicator, zh, en, additive, parts_of)
Spec = tuple[str, str, str, bool, str | None]
SPECS: dict[tuple[str, str], Spec] = {
    ("RDIntense", "v4_ztr_jf_RD"): ("rd_expenditure", "R&D经费内部支出", "R&D expenditure",
                                    True, None),
    ("RDIntense", "v4_ztr_qd_RD"): ("rd_intensity", "R&D经费投入强度",
                                    "R&D intensity (R&D expenditure / GDP)", False, None),
    ("RDActivity", "v4_zh_nbzc_hj"): ("rd_expenditure_cny10k", "R&D经费内部支出合计",
                                      "R&D expenditure (total of the splits, CNY 10k)",
                                      True, None),
    ("RDActivity", "v4_zh_nbzc_jcyj"): ("rd_expenditure_basic", "R&D经费内部支出:基础研究",
                                        "R&D expenditure: basic research", True,
                                        "rd_expenditure_cny10k"),
    ("RDActivity", "v4_zh_nbzc_yyyj"): ("rd_expenditure_applied", "R&D经费内部支出:应用研究",
                                        "R&D expenditure: applied research", True,
                                        "rd_expenditure_cny10k"),
    ("RDActivity", "v4_zh_nbzc_syfz"): ("rd_expenditure_experimental",
                                        "R&D经费内部支出:试验发展",
                                        "R&D expenditure: experimental development", True,
                                        "rd_expenditure_cny10k"),
    ("RDSource", "v4_zh_nbzc_zfzj"): ("rd_funds_government", "R&D经费内部支出:政府资金",
                                      "R&D expenditure funded by government", True,
                                      "rd_expenditure_cny10k"),
    ("RDSource", "v4_zh_nbzc_qyzj"): ("rd_funds_enterprise", "R&D经费内部支出:企业资金",
                                      "R&D expenditure funded by enterprises", True,
                                      "rd_expenditure_cny10k"),
    ("RDSource", "v4_zh_nbzc_gwzj"): ("rd_funds_foreign", "R&D经费内部支出:国外资金",
                                      "R&D expenditure funded from abroad", True,
                                      "rd_expenditure_cny10k"),
    ("RDSource", "v4_zh_nbzc_qtzj"): ("rd_funds_other", "R&D经费内部支出:其他资金",
                                      "R&D expenditure funded from other sources", True,
                                      "rd_expenditure_cny10k"),
    ("RDLaborHour", "v4_zh_qsdl_hj"): ("rd_personnel_fte", "R&D人员全时当量",
                                       "R&D personnel (full-time equivalent)", True, None),
    ("RDLaborHour", "v4_zh_qsdl_yjry"): ("rd_researchers_fte", "R&D人员全时当量:研究人员",
                                         "R&D researchers (FTE; a subset of R&D personnel)",
                                         True, None),
    ("RDLaborHour", "v4_zh_qsdl_jcyj"): ("rd_personnel_fte_basic", "R&D人员全时当量:基础研究",
                                         "R&D personnel FTE: basic research", True,
                                         "rd_personnel_fte"),
    ("RDLaborHour", "v4_zh_qsdl_yyyj"): ("rd_personnel_fte_applied",
                                         "R&D人员全时当量:应用研究",
                                         "R&D personnel FTE: applied research", True,
                                         "rd_personnel_fte"),
    ("RDLaborHour", "v4_zh_qsdl_syfz"): ("rd_personnel_fte_experimental",
                                         "R&D人员全时当量:试验发展",
                                         "R&D personnel FTE: experimental development", True,
                                         "rd_personnel_fte"),
    ("PublicBudget", "v6_cz_yszc_hj"): ("public_budget_expenditure", "地方一般公共预算支出",
                                        "General public budget expenditure (local)", True,
                                        None),
    ("PublicBudget", "v6_cz_yszc_jy"): ("public_budget_expenditure_education",
                                        "一般公共预算支出:教育",
                                        "Public budget expenditure: education", True, None),
    ("PublicBudget", "v6_cz_yszc_kxjs"): ("public_budget_expenditure_science_technology",
                                          "一般公共预算支出:科学技术",
                                          "Public budget expenditure: science and technology",
                                          True, None),
    ("PublicBudget", "v6_cz_yszc_nls"): ("public_budget_expenditure_agriculture",
                                         "一般公共预算支出:农林水",
                                         "Public budget expenditure: agriculture, forestry "
                                         "and water affairs", True, None),
}
_PATENT_BLOCKS = {"RDPatentAccept": ("zlsq", "patent_applications", "国内专利申请受理量",
                                     "Domestic patent applications"),
                  "RDPatentAuthority": ("zlsq2", "patents_granted", "国内专利授权量",
                                        "Domestic patents granted"),
                  "RDPatentValid": ("zlsyx", "valid_patents", "有效专利数",
                                    "Valid patents (in force)")}
_PATENT_TYPES = {"fm": ("invention", "发明"), "syxx": ("utility_model", "实用新型"),
                 "wgsj": ("design", "外观设计")}
for _ds, (_blk, _name, _zh, _en) in _PATENT_BLOCKS.items():
    SPECS[(_ds, f"v4_cg_{_blk}_hj")] = (_name, _zh, _en, True, None)
    for _code, (_type, _tzh) in _PATENT_TYPES.items():
        _ind = "valid_invention_patents" if _name == "valid_patents" and _code == "fm" \
            else f"{_name}_{_type}"
        SPECS[(_ds, f"v4_cg_{_blk}_{_code}")] = (
            _ind, f"{_zh}:{_tzh}", f"{_en}: {_type.replace('_', ' ')}", True, _name)

#: high-tech industry indicators: variable -> (indicator suffix, en); zh from the dictionary
HIGHTECH: dict[tuple[str, str], tuple[str, str]] = {
    ("IndustryOperation", "v4_cy_scjy_qys"): ("enterprises", "enterprises"),
    ("IndustryOperation", "v4_cy_scjy_zyyw"): ("revenue", "main business revenue"),
    ("IndustryOperation", "v4_cy_scjy_lrze"): ("profit", "total profit"),
    ("IndustryRD", "v4_cy_RDhd_yfjgs"): ("rd_institutions", "R&D institutions"),
    ("IndustryRD", "v4_cy_RDhd_qsdl"): ("rd_personnel_fte", "R&D personnel (FTE)"),
    ("IndustryRD", "v4_cy_RDhd_nbzc"): ("rd_expenditure", "R&D expenditure"),
    ("IndustryRD", "v4_cy_RDhd_xmsl"): ("rd_projects", "R&D projects"),
    ("IndustryRD", "v4_cy_RDhd_xmjf"): ("rd_project_funds", "R&D project funds"),
    ("IndustryRD", "v4_cy_xcp_kfxm"): ("new_product_projects",
                                       "new-product development projects"),
    ("IndustryRD", "v4_cy_xcp_kfjf"): ("new_product_dev_expenditure",
                                       "new-product development expenditure"),
    ("IndustryRD", "v4_cy_xcp_xssr"): ("new_product_sales", "sales revenue of new products"),
    ("IndustryRD", "v4_cy_xcp_ck"): ("new_product_exports", "exports of new products"),
    ("IndustryRD", "v4_cy_qyzl_sqs"): ("patent_applications", "patent applications"),
    ("IndustryRD", "v4_cy_qyzl_fms"): ("invention_patent_applications",
                                       "invention patent applications (subset)"),
    ("IndustryRD", "v4_cy_qyzl_yxs"): ("valid_patents",
                                       "valid patents (source label 有效专利数)"),
    ("IndustryRD", "v4_cy_jsgz_yjzc"): ("tech_import_expenditure",
                                        "expenditure on technology imports"),
    ("IndustryRD", "v4_cy_jsgz_xszc"): ("tech_assimilation_expenditure",
                                        "expenditure on assimilation of imported technology"),
    ("IndustryRD", "v4_cy_jsgz_gmzc"): ("domestic_tech_purchase_expenditure",
                                        "expenditure on purchase of domestic technology"),
    ("IndustryRD", "v4_cy_jsgz_gzzc"): ("tech_renovation_expenditure",
                                        "expenditure on technical renovation"),
    ("IndustryRD", "v4_cy_cytz_sgxm"): ("investment_projects_under_construction",
                                        "investment projects under construction"),
    ("IndustryRD", "v4_cy_cytz_kgxm"): ("investment_projects_new",
                                        "newly started investment projects"),
    ("IndustryRD", "v4_cy_cytz_jcxm"): ("investment_projects_completed",
                                        "investment projects completed and put into operation"),
    ("IndustryRD", "v4_cy_cytz_tzze"): ("investment", "investment"),
    ("IndustryRD", "v4_cy_cytz_gdzc"): ("new_fixed_assets", "newly added fixed assets"),
    ("IndustryTrade", "v4_cy_my_ck"): ("exports", "exports"),
    ("IndustryTrade", "v4_cy_my_jk"): ("imports", "imports"),
    ("IndustryTrade", "v4_cy_my_jck"): ("trade_total", "total trade (exports + imports)"),
}
for (_ds, _var), (_suf, _en) in HIGHTECH.items():
    _parent = "hightech_trade_total" if _suf in ("exports", "imports") else None
    SPECS[(_ds, _var)] = (f"hightech_{_suf}", "", f"High-tech industry: {_en}", True, _parent)


def _unit(text: str) -> str:
    """Canonical unit id of a publisher unit string."""
    text = text.strip()
    return EXTRA_UNITS.get(text) or _canonical(text)


def build(shared: Path) -> list[Dataset]:
    """Build the ``rd_innovation`` dataset.

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        One tidy dataset, ``rd_innovation``.
    """
    raw = pd.read_csv(shared / LONG)
    dic = pd.read_csv(shared / VARS).set_index("variables")
    raw["region"] = raw["province"].map(region_code)
    keys = list(zip(raw["dataset"], raw["variables"], strict=True))
    unknown = sorted({k for k in keys if k not in SPECS} - {("RDSource", "v4_zh_nbzc_hj")})
    if unknown:
        raise ValueError(f"rd: unmapped variables {unknown}")
    raw = raw[[k in SPECS for k in keys]].dropna(subset=["value"]).copy()
    spec = [SPECS[k] for k in zip(raw["dataset"], raw["variables"], strict=True)]
    raw["indicator"] = [s[0] for s in spec]
    raw["unit"] = raw["variables"].map(lambda v: _unit(str(dic.loc[v, "units"])))
    raw["period"] = raw["year"].astype(str)
    raw["source"] = "NBS/MOST yearbooks via " + REPO + " (" + raw["dataset"] + ")"
    # rd_expenditure for 2010 (RDIntense starts 2011): the RDActivity total in CNY 100m
    tot = raw[raw["indicator"] == "rd_expenditure_cny10k"]
    have = set(zip(*[raw.loc[raw["indicator"] == "rd_expenditure", c] for c in
                     ("region", "period")], strict=True))
    fill = tot[[k not in have for k in zip(tot["region"], tot["period"], strict=True)]]
    fill = fill.assign(indicator="rd_expenditure", unit="CNY 100m",
                       value=(fill["value"] / 1e4).round(1),
                       source=fill["source"] + ", converted from CNY 10k")
    frame = pd.concat([raw, fill], ignore_index=True).assign(vintage=VINTAGE)
    units = frame.groupby("indicator")["unit"].first()
    indicators = {}
    for (_ds, var), (ind, zh, en, add, parent) in SPECS.items():
        zh = zh or "高技术产业:" + str(dic.loc[var, "chn_block4"]).strip()
        key = "split_of" if ind.startswith("rd_funds_") else "parts_of"
        indicators[ind] = {"unit": units[ind], "zh": zh, "en": en, "additive": add} | (
            {key: parent} if parent else {})
    description = (
        "Science and technology statistics of the 31 provinces and China (region 100000) "
        "2010-2023 (year = statistical year): R&D expenditure and intensity, R&D "
        "expenditure by type of activity and by source of funds (CNY 10k, the yearbook "
        "unit), R&D personnel (full-time equivalent, person-years), domestic patent "
        "applications, grants and valid patents by type (invention, utility model, "
        "design), high-tech industry operation (2010-2023), R&D, new products, technology "
        "acquisition and investment (2016-2023, some items only 2016-2017 or 2016-2019) "
        "and trade (2016-2018, USD m), and general public budget expenditure (CNY 100m). "
        "Values transcribed from the China Statistical Yearbook on Science and Technology "
        "and the China Statistical Yearbook by the author of the R package techme. "
        "CAVEATS: rd_expenditure 2011-2023 comes from the R&D-intensity table (CNY 100m, "
        "rounded to 0.1); 2010 is the R&D expenditure total converted from CNY 10k. "
        "Splits (activity, source of funds, FTE by activity, patents by type, high-tech "
        "exports + imports) sum to their totals within 0.1 % except Shanghai 2021 activity "
        "split (+0.11 %) and Sichuan 2011 FTE split (+0.25 %). The split by source of "
        "funds is a second split of rd_expenditure_cny10k and is declared with split_of "
        "(parts_of names the activity split). Patent totals for China "
        "exceed the sum of the 31 provinces by 0.2-12 % (the national figure also covers "
        "applicants not allocated to a mainland province). The national row of public "
        "budget expenditure (2020-2023 only) is the sum of local governments' "
        "expenditure (地方一般公共预算支出), excluding central-government own spending. "
        "Units of the high-tech indicators follow the techme variable dictionary; some "
        "2018-2023 rows carry wrong unit labels in the source (万元 for counts and "
        "person-years) but their magnitudes match the dictionary unit. The valid-patent "
        "column of the high-tech tables is labelled 有效专利数 in the source. "
        "Spot-check single figures against the yearbooks before relying on them."
    )
    meta = {
        "title_zh": "分省研发、专利、高技术产业与一般公共预算支出",
        "title_en": "R&D, patents, high-tech industry and public budget expenditure by "
        "province",
        "description": description,
        "origin": "National Bureau of Statistics of China and Ministry of Science and "
        "Technology (China Statistical Yearbook on Science and Technology; China "
        "Statistics Yearbook on High Technology Industry; China Statistical Yearbook)",
        "intermediary": "GitHub huhuaping/techme (R package techme, data/*.rda)",
        "intermediary_commit": "9ad60a190dec4a56953da9c478d42cd44c80762a",
        "raw_files": [LONG, VARS],
        "licence": "techme package: MIT (Copyright (c) 2021 Hu Huaping); underlying figures "
        "are official NBS/MOST statistics - cite the yearbooks as primary source",
        "vintages": [VINTAGE],
        "coverage": "31 provinces + China, 2010-2023 (R&D intensity from 2011; high-tech "
        "R&D from 2016; high-tech trade 2016-2018; national public budget 2020-2023)",
        "indicators": indicators,
        "rounding_step": 1.0,
        "parts_tolerance_share": 0.011,
    }
    cols = ["region", "indicator", "period", "value", "unit", "source", "vintage"]
    return [Dataset(id="rd_innovation", kind="tidy", meta=meta, frame=frame[cols])]
