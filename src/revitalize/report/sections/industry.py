"""Section: industrial structure and chains of Liaoning, Jilin and Heilongjiang.

Input-output analysis on the 2020 NBS table (42 sectors) and provincial tables
regionalized from it (see :mod:`revitalize.report.sections.industry_data`):

1. Rasmussen-Hirschman key sectors of each province (and the nation);
2. output multipliers, Type I and Type II, of the sectors with the largest ones;
3. where each province buys its intermediate inputs (three-province MRIO);
4. direct and total CO2 intensity of the most carbon-intensive sectors.

The provincial tables are estimates; every figure says so and points to the tables'
notes. Parts whose data cannot be loaded are replaced by "series missing" notices.
"""

from __future__ import annotations

import pandas as pd

from revitalize.inputoutput.table import IOTable
from revitalize.report import figures
from revitalize.report.blocks import Block, Content, Paragraph, Section, TableBlock, missing_text
from revitalize.report.context import DATA_ERRORS, ReportContext
from revitalize.report.i18n import Text, num_text, region_label
from revitalize.report.sections.common import NE3, bilingual_figure, region_value_list
from revitalize.report.sections.industry_data import (
    DELTA,
    IO_DATASET,
    LQ_METHOD,
    NATION,
    YEAR,
    IOModels,
    co2_frame,
    co2_year,
    key_sector_frame,
    leakage_shares,
    load_models,
    multiplier_frame,
    sector_labels,
    top_items,
)

__all__ = ["INDUSTRY", "headline", "key_sector_names"]

TOP = 10
CO2_DATASET = "io_co2_by_sector_42"

CLASSES: dict[str, Text] = {
    "key": Text("关键部门（前、后向关联均高于平均）", "Key (backward and forward above average)"),
    "backward": Text("仅后向关联高", "Backward only"),
    "forward": Text("仅前向关联高", "Forward only"),
    "weak": Text("关联均低", "Weak"),
}
CLASS_COLOURS = {"key": "#c8372d", "backward": "#d9822b", "forward": "#3b7dd8",
                 "weak": "#d9d9d9"}
ORIGINS: dict[str, Text] = {
    "intra": Text("本省", "Own province"),
    "other_regions": Text("东北另两省", "Other two Northeast provinces"),
    "rest": Text("东北以外的国内地区", "Rest of China"),
}
ORIGIN_COLOURS = {"intra": "#2e9e48", "other_regions": "#1f6fb4", "rest": "#8c8c8c"}

_ESTIMATE = Text(
    f"省级投入产出表为估算：由{YEAR}年全国表按各省分行业地区生产总值推算产出，以"
    f"{LQ_METHOD.upper()}区位商（δ={DELTA}）估计本省供给比例，假定各省技术与全国相同；假设详见各表的表注"
    "（provincial_table 返回表的 notes）。",
    f"The provincial tables are estimates: output from each province's GDP by branch, "
    f"local supply shares by {LQ_METHOD.upper()} location quotients (δ = {DELTA}) on the {YEAR} "
    "national table, "
    "national technology assumed; the assumptions are listed in the tables' notes "
    "(IOTable.notes of provincial_table).",
)
_SEE_ABOVE = Text("省级表为估算，见本节开头的说明及各表的表注。",
                  "The provincial tables are estimates; see the start of this section and the "
                  "tables' notes.")
_LINKAGE_NOTE = Text(
    "后向关联：列昂惕夫逆矩阵列和的标准化值；前向关联：Ghosh 逆矩阵行和的标准化值；二者均大于1"
    "为关键部门（Miller & Blair 2009，§12.2）。省间差异只来自本省供给比例（区位商），"
    "而非调查所得的投入结构。",
    "Backward: normalized column sums of the Leontief inverse; forward: normalized row sums "
    "of the Ghosh inverse; key = both above 1 (Miller & Blair 2009, §12.2). Provinces differ "
    "only through their local supply shares (location quotients), not through surveyed "
    "input structures.",
)
_MULTIPLIER_PANELS = {
    "type_i": Text("I型（本省产业链）", "Type I (local supply chain)"),
    "type_ii": Text("II型（另计本省居民消费）", "Type II (plus local household spending)"),
}
_MULTIPLIER_NOTE = Text(
    "I型乘数只计本省内的产业链带动；II型另计本省居民工资收入的本地消费（居民消费为估算）。全国乘数"
    "更大，因为不存在向其他省份的漏出。部门按三省I型乘数的平均值排序。",
    "Type I counts output along the local supply chain only; Type II adds the local spending "
    "of households' wages (household consumption estimated). The national multipliers are "
    "larger because nothing leaks to other provinces. Sectors ranked by the mean Type I "
    "multiplier of the three provinces.",
)
_MRIO_NOTE = Text(
    "三省区域间模型：本省供给比例由FLQ区位商估计，其余中间投入按重力模型（省会间距离，国内其他地区"
    "以北京计）在东北另两省与国内其他地区之间分配；采用国内使用系数，不含进口。",
    "Three-province MRIO: local supply shares by FLQ; the rest of each province's intermediate "
    "inputs is split between the other two provinces and the rest of China by a gravity model "
    "on distances between capitals (rest of China at Beijing). Domestic-use coefficients: "
    "imports from abroad are not included.",
)
_CO2_PANELS = {
    "direct": Text("直接排放强度", "Direct"),
    "total": Text("完全排放强度（含本省产业链）", "Total, incl. local supply chain"),
}


def _join(names: list[Text], zh_sep: str = "；", en_sep: str = "; ") -> Text | None:
    if not names:
        return None
    return Text(zh_sep.join(n.zh for n in names), en_sep.join(n.en for n in names))


def _gap_note(models: IOModels) -> tuple[Text, ...]:
    """Provinces whose GDP by branch is incomplete (their tables' notes say so)."""
    gaps = [c for c, t in models.tables.items() if any("not reported" in n for n in t.notes)]
    if not gaps:
        return ()
    names = _join([region_label(c) for c in gaps], "、", ", ") or Text("", "")
    return (Text(f"{names.zh}{YEAR}年部分行业增加值未公布，相应部门按全国增加值结构分摊。",
                 f"{names.en}: some {YEAR} GDP branches are not published; their sectors "
                 "share the aggregate by national value added."),)


def key_sector_names(ks: pd.DataFrame, region: str, labels: dict[str, Text]) -> list[Text]:
    """Key sectors of ``region`` in a :func:`key_sector_frame`, largest output first."""
    sub = ks[(ks["region"] == region) & (ks["category"] == "key")]
    sub = sub.sort_values("output", ascending=False, kind="stable")
    return [labels.get(i, Text(i, i)) for i in sub["item"]]


def _key_sectors(tables: dict[str, IOTable], labels: dict[str, Text], srcs: tuple[Text, ...],
                 notes: tuple[Text, ...]) -> tuple[list[Block], pd.DataFrame]:
    ks = key_sector_frame(tables)
    order = [c for c in (*NE3, NATION) if c in tables]
    fig = bilingual_figure(
        "io-key-sectors", figures.category_grid_figure, df=ks, rows=labels, categories=CLASSES,
        colours=CLASS_COLOURS, order=order,
        hover={"backward": Text("后向关联", "backward"), "forward": Text("前向关联", "forward")},
        title=Text(f"关键部门（Rasmussen-Hirschman 关联，{YEAR}年）",
                   f"Key sectors (Rasmussen-Hirschman linkages, {YEAR})"),
        sources=srcs, notes=(_LINKAGE_NOTE, *notes),
    )
    rows = []
    lists: list[Block] = []
    for code in order:
        counts = ks[ks["region"] == code]["category"].value_counts()
        rows.append((region_label(code), *(num_text(float(counts.get(c, 0))) for c in CLASSES)))
        names = _join(key_sector_names(ks, code, labels)) or Text("无", "none")
        reg = region_label(code)
        lists.append(Paragraph(Text(f"{reg.zh}的关键部门（按产出由大到小）：{names.zh}。",
                                    f"Key sectors of {reg.en} (largest output first): "
                                    f"{names.en}.")))
    table = TableBlock(
        header=(Text("地区", "Region"), *(v + Text("（个）", " (n)") for v in CLASSES.values())),
        rows=tuple(rows), sources=srcs,
        caption=Text(f"{YEAR}年各类部门个数（共{len(labels)}个部门）",
                     f"Sectors by linkage class, {YEAR} ({len(labels)} sectors)"),
    )
    return [fig, *lists, table], ks


def _multipliers(tables: dict[str, IOTable], labels: dict[str, Text], srcs: tuple[Text, ...],
                 notes: tuple[Text, ...]) -> list[Block]:
    df = multiplier_frame(tables)
    provs = [c for c in NE3 if c in tables]
    items = top_items(df, "type_i", provs, TOP)
    return [bilingual_figure(
        "io-multipliers", figures.dot_panels_figure, df=df,
        panels={k: v for k, v in _MULTIPLIER_PANELS.items() if (df["panel"] == k).any()},
        items={i: labels.get(i, Text(i, i)) for i in items}, order=[*provs, NATION],
        title=Text(f"产出乘数最大的{len(items)}个部门（{YEAR}年）",
                   f"The {len(items)} sectors with the largest output multipliers ({YEAR})"),
        x_title=Text("每元最终需求带动的总产出（元）", "output per yuan of final demand"),
        sources=srcs, notes=(_MULTIPLIER_NOTE, *notes),
    )]


def _leakage(tables: dict[str, IOTable], srcs: tuple[Text, ...],
             notes: tuple[Text, ...]) -> tuple[list[Block], pd.DataFrame | None]:
    provs = {c: tables[c] for c in NE3 if c in tables}
    if len(provs) < len(NE3) or NATION not in tables:
        what = Text("三省区域间投入产出模型（需辽吉黑三省的表）",
                    "three-province MRIO (needs the tables of LN, JL and HL)")
        return [missing_text(what)], None
    try:
        lk = leakage_shares(provs, tables[NATION])
    except DATA_ERRORS:
        return [missing_text(Text("三省区域间投入产出模型", "three-province MRIO"))], None
    tidy = (lk[list(ORIGINS)].mul(100).reset_index(names="region")
            .melt(id_vars="region", var_name="indicator").assign(period=str(YEAR)))
    fig = bilingual_figure(
        "io-leakage", figures.stacked_bar_figure, df=tidy, labels=ORIGINS,
        colours=ORIGIN_COLOURS, order=list(NE3),
        title=Text(f"中间投入的来源地（{YEAR}年，三省区域间模型）",
                   f"Where intermediate inputs are bought ({YEAR}, three-province MRIO)"),
        y_title=Text("占中间投入的比重（%）", "share of intermediate inputs (%)"),
        sources=srcs, notes=(_MRIO_NOTE, *notes),
    )
    shares: dict[str, dict[str, float]] = {
        str(c): {str(k): float(v) for k, v in row.items()} for c, row in lk.to_dict("index").items()
    }
    rows = tuple(
        (region_label(c), *(num_text(100 * row[k], 1) for k in ORIGINS),
         num_text(row["leak_per_unit"], 2))
        for c, row in shares.items()
    )
    table = TableBlock(
        header=(Text("地区", "Region"), *(v + Text("（%）", " (%)") for v in ORIGINS.values()),
                Text("每元最终需求的区外采购（元，含间接）",
                     "bought outside per yuan of final demand (incl. indirect)")),
        rows=rows, sources=srcs,
        caption=Text(f"中间投入来源与漏出（{YEAR}年）",
                     f"Sources of intermediate inputs and leakage, {YEAR}"),
    )
    return [fig, table], lk


def _co2(tables: dict[str, IOTable], labels: dict[str, Text], srcs: tuple[Text, ...],
         notes: tuple[Text, ...]) -> list[Block]:
    provs = [c for c in NE3 if c in tables]
    blocks: list[Block] = [
        missing_text(region_label(c) + Text("分部门二氧化碳排放（CEADs，io_co2_by_sector_42）",
                                            " CO2 by sector (CEADs, io_co2_by_sector_42)"))
        for c in provs if co2_year(tables[c]) is None
    ]
    df = co2_frame(tables)
    shown = [c for c in provs if (df["region"] == c).any()]
    if not shown:
        return blocks
    items = top_items(df, "total", shown, TOP, how="max")
    yr = "、".join(sorted({str(co2_year(tables[c])) for c in shown}))
    note = Text(
        f"直接强度：各省CEADs {yr}年清单（按对照表归入投入产出部门）除以{YEAR}年估算产出；"
        "完全强度为二氧化碳乘数 f'(I−A)⁻¹，只计本省内产业链的排放，区外购入的投入不计。"
        "部门按三省完全强度的最大值排序。全国为全国清单和全国产业链。",
        f"Direct: each province's CEADs inventory of {yr} (mapped to IO sectors) over the "
        f"estimated {YEAR} output; total: the CO2 multiplier f'(I−A)⁻¹, emissions along the "
        "province's own supply chain (inputs bought outside are not counted). Sectors ranked "
        "by the highest total intensity of the three provinces. China: national inventory "
        "and national supply chain.",
    )
    blocks.append(bilingual_figure(
        "io-co2", figures.dot_panels_figure, df=df, panels=_CO2_PANELS,
        items={i: labels.get(i, Text(i, i)) for i in items},
        order=[*shown, *([NATION] if (df["region"] == NATION).any() else [])], log_x=True,
        title=Text("碳排放强度最高的部门", "Most carbon-intensive sectors"),
        x_title=Text("吨二氧化碳/万元产出（对数坐标）", "t CO2 per 10,000 yuan (log scale)"),
        sources=srcs, notes=(note, *notes),
    ))
    return blocks


def _lower_first(text: str) -> str:
    return text if text[1:2].isupper() else text[:1].lower() + text[1:]


def headline(tables: dict[str, IOTable], ks: pd.DataFrame | None, lk: pd.DataFrame | None,
             labels: dict[str, Text]) -> Text | None:
    """Largest key sectors of the first province with a table, and the leakage by province.

    Returns
    -------
    Text or None
        ``"In Liaoning the key sectors with the largest output are ... Intermediate
        inputs bought outside the Northeast: Liaoning 61%, ..."``; ``None`` if neither
        part could be computed.
    """
    zh: list[str] = []
    en: list[str] = []
    code = next((c for c in NE3 if c in tables), None)
    names = key_sector_names(ks, code, labels)[:3] if ks is not None and code else []
    if code and names:
        reg = region_label(code)
        zh.append(f"{reg.zh}产出最大的关键部门为" + "、".join(f"“{n.zh}”" for n in names) + "。")
        en.append(f"In {reg.en} the key sectors with the largest output are "
                  + "; ".join(_lower_first(n.en) for n in names) + ".")
    if lk is not None:
        rest = {str(c): 100 * float(v) for c, v in lk["rest"].to_dict().items()}
        vals = region_value_list(rest, Text("%", "%"), 0)
        zh.append(f"中间投入购自东北以外的比重（模型估算）：{vals.zh}。")
        en.append(f"Intermediate inputs bought outside the Northeast (model estimate): {vals.en}.")
    return Text("".join(zh), " ".join(en)) if zh else None


def _industry(ctx: ReportContext) -> Content:
    io_src = ctx.cite(IO_DATASET, "gdp")
    co2_src = ctx.cite(CO2_DATASET)
    models = load_models(YEAR)
    content = Content().add(*models.missing)
    if models.national is None or not models.tables:
        return content
    tables = {**models.tables, NATION: models.national}
    labels = sector_labels(models.national)
    content.add(Paragraph(_ESTIMATE), *(Paragraph(n) for n in _gap_note(models)))
    notes = (_SEE_ABOVE,)
    blocks, ks = _key_sectors(tables, labels, io_src, notes)
    content.add(*blocks, *_multipliers(tables, labels, io_src, notes))
    blocks, lk = _leakage(tables, io_src, notes)
    content.add(*blocks, *_co2(tables, labels, (*co2_src, *io_src), notes))
    content.headline = headline(tables, ks, lk, labels)
    return content


INDUSTRY = Section("industry", Text("产业结构与产业链", "Industrial structure and chains"),
                   _industry)
