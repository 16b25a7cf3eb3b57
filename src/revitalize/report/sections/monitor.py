"""Section: the revitalization monitor — pillar scorecard, composite index with rank
intervals, plan targets with traffic lights (see :mod:`revitalize.indicators`).

The index covers the 31 provinces over a ten-year panel; the rank interval comes from
a small seeded Monte Carlo (:data:`DRAWS` draws) over imputation, normalisation,
aggregation and pillar weights. Indicators without data are listed as missing.
"""

from __future__ import annotations

import pandas as pd

from revitalize.report.blocks import Content, Paragraph, Section, TableBlock, missing_text
from revitalize.report.context import DATA_ERRORS, ReportContext
from revitalize.report.i18n import Text, num_text, region_label
from revitalize.report.sections.common import NE3

__all__ = ["DRAWS", "MONITOR", "index_year"]

#: Monte Carlo draws for the rank intervals in the report (seeded)
DRAWS = 500
SEED = 0
WINDOW = 10
DATASETS = ("gdp", "population", "rd_innovation", "power", "co2", "grain")
LIGHTS: dict[str, Text] = {
    # plain symbols (✓ △ ✗ –): colour emoji are missing from many fonts, and a light
    # must stay readable in print and for colour-blind readers
    "green": Text("✓ 按进度", "✓ on track"),
    "amber": Text("△ 偏慢", "△ slow"),
    "red": Text("✗ 落后", "✗ off track"),
    "grey": Text("– 无数据", "– no data"),
}
_METHOD = Text(
    "综合指数：各指标在31个省份、十年面板上做最小-最大标准化（逆向指标取反），缺失值以上一年数值填补，"
    "偏态且厚尾的指标做缩尾处理；支柱内等权算术平均，支柱间等权。排名区间为在填补方法、标准化方法、"
    f"加总方法和支柱权重（±25%）上随机抽取{DRAWS}次（固定随机种子）所得名次的5%-95%分位数。",
    "Composite index: each indicator min-max normalised over the 31 provinces and a ten-year "
    "panel (reversed where lower is better), gaps filled with the previous year's value, "
    "skewed heavy-tailed indicators winsorised; equal weights within and across pillars. "
    f"The rank interval is the 5-95 % range of ranks over {DRAWS} seeded Monte Carlo draws "
    "of the imputation, normalisation and aggregation methods and the pillar weights (±25 %).",
)


def _num(x: object) -> float:
    """A frame cell as a float (NaN if it is not a number)."""
    try:
        return float(x)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return float("nan")


def index_year(values: pd.DataFrame, min_pillars: int = 6) -> int | None:
    """Latest year in which every Northeast province has data on ``min_pillars`` pillars."""
    ne = values[values["region"].isin(NE3)]
    counts = ne.groupby(["year", "region"])["pillar"].nunique().unstack()
    ok = counts[(counts.reindex(columns=list(NE3)) >= min_pillars).all(axis=1)]
    return int(ok.index.max()) if len(ok) else None


def _scorecard(pillars: pd.DataFrame, ranks: pd.DataFrame, year: int,
               names: dict[str, Text], srcs: tuple[Text, ...]) -> TableBlock:
    rows = []
    for p in names:
        if p not in pillars.columns:
            rows.append((names[p], *(Text("无数据", "no data") for _ in NE3)))
            continue
        cells = []
        for c in NE3:
            v = _num(pillars.loc[(c, year), p]) if (c, year) in pillars.index else float("nan")
            r = _num(ranks.loc[(c, year), p]) if (c, year) in ranks.index else float("nan")
            cells.append(Text("—", "—") if pd.isna(v) else
                         num_text(v, 0) + Text(f"（第{r:.0f}）", f" (#{r:.0f})"))
        rows.append((names[p], *cells))
    return TableBlock(
        header=(Text("支柱", "Pillar"), *(region_label(c) for c in NE3)),
        rows=tuple(rows), sources=srcs,
        caption=Text(f"{year}年各支柱得分（0-100）及在31个省份中的名次",
                     f"Pillar scores {year} (0-100) and rank among the 31 provinces"),
    )


def _index_table(index: pd.DataFrame, summary: pd.DataFrame, year: int,
                 srcs: tuple[Text, ...]) -> TableBlock:
    s = summary[summary["year"] == year].set_index("region")
    rows = []
    for c in NE3:
        if (c, year) not in index.index or c not in s.index:
            continue
        sc, rk = _num(index.loc[(c, year), "score"]), _num(index.loc[(c, year), "rank"])
        lo, hi = _num(s.loc[c, "rank_p05"]), _num(s.loc[c, "rank_p95"])
        rows.append((region_label(c), num_text(sc, 1), num_text(rk, 0),
                     Text(f"{lo:.0f}–{hi:.0f}", f"{lo:.0f}–{hi:.0f}")))
    return TableBlock(
        header=(Text("地区", "Region"), Text("综合指数", "Index"), Text("名次", "Rank"),
                Text("名次区间（5%-95%）", "Rank interval (5-95 %)")),
        rows=tuple(rows), sources=srcs,
        caption=Text(f"{year}年振兴综合指数（31个省份）", f"Revitalization index {year} "
                     "(31 provinces)"),
    )


def _targets(ctx: ReportContext) -> list[TableBlock]:
    from revitalize.indicators import indicator, track
    from revitalize.indicators.targets import load_targets

    by_id = {t.id: t for t in load_targets()}
    df = track("northeast")
    nat = track(None)
    df = pd.concat([df, nat[nat["region"] == "100000"]], ignore_index=True)
    rows = []
    for r in df.itertuples(index=False):
        ind = indicator(str(r.indicator))
        lv, ly, tv = _num(r.latest_value), _num(r.latest_year), _num(r.target_value)
        latest = (Text("—", "—") if pd.isna(lv) else
                  num_text(lv, 2) + Text(f"（{ly:.0f}）", f" ({ly:.0f})"))
        t = by_id.get(str(r.target))
        when = Text(f"（{r.target_year}年）", f" ({r.target_year})")
        if pd.isna(tv) and t is not None and t.kind == "cumulative_change":
            # no base-year value to turn the change into a level: show the change itself
            goal = Text(f"{t.value:+g}%", f"{t.value:+g} %")
            when = Text(f"（{t.base_year}→{t.target_year}年）", f" ({t.base_year}-{t.target_year})")
        else:
            goal = Text("—", "—") if pd.isna(tv) else num_text(tv, 2)
        rows.append((region_label(str(r.region)), Text(ind.zh, ind.en), goal + when, latest,
                     LIGHTS.get(str(r.light), LIGHTS["grey"])))
    note = Text(
        "目标来自《中华人民共和国国民经济和社会发展第十四个五年规划和2035年远景目标纲要》专栏1；"
        "三省按全国目标作参照比较。三省“十四五”规划纲要的目标未随软件提供（未能核对官方文本），"
        "可用 revitalize monitor targets --file 从注明出处的 TOML 文件加入。",
        "Targets from the national 14th Five-Year Plan outline (2021), Box 1; the provinces "
        "are compared with the national targets as a reference. The targets of the three "
        "provincial 14th FYP outlines are not bundled (no official copy could be checked); "
        "add them from a cited TOML file with revitalize monitor targets --file.",
    )
    return [TableBlock(
        header=(Text("地区", "Region"), Text("指标", "Indicator"), Text("目标", "Target"),
                Text("最新值", "Latest"), Text("进度", "Status")),
        rows=tuple(rows), sources=(note, *ctx.cite("population", "rd_innovation", "grain")),
        caption=Text("“十四五”规划目标进度", "Progress against the 14th Five-Year Plan targets"),
    )]


def _monitor(ctx: ReportContext) -> Content:
    from revitalize.indicators import (
        PILLARS,
        composite_index,
        indicator_catalogue,
        indicator_values,
        monte_carlo,
    )

    content = Content()
    srcs = ctx.cite(*DATASETS)
    try:
        values = indicator_values()
    except DATA_ERRORS:
        return content.add(missing_text(Text("振兴监测指标", "revitalization monitor indicators")))
    year = index_year(values)
    if year is None:
        return content.add(missing_text(Text("东北三省的监测指标", "monitor indicators of "
                                             "the Northeast provinces")))
    panel = values[(values["year"] > year - WINDOW) & (values["year"] <= year)]
    res = composite_index(panel, imputation="previous")
    mc = monte_carlo(panel, n=DRAWS, seed=SEED)
    names = {p: Text(v.zh, v.en) for p, v in PILLARS.items()}
    pranks = res.pillars.groupby(level="year").rank(ascending=False, method="min")
    content.add(Paragraph(_METHOD),
                _scorecard(res.pillars, pranks, year, names, srcs),
                _index_table(res.index, mc.summary, year, srcs))
    nodata = [i for i in indicator_catalogue().values() if not i.has_data]
    if nodata:
        content.add(missing_text(Text(
            "、".join(f"{i.zh}（{names[i.pillar].zh}）" for i in nodata),
            "; ".join(f"{i.en} ({names[i.pillar].en}; from {i.feeds_from})" for i in nodata),
        )))
    content.add(*_targets(ctx))
    ranks = {c: _num(res.index.loc[(c, year), "rank"]) for c in NE3
             if (c, year) in res.index.index}
    if ranks:
        zh = "、".join(f"{region_label(c).zh}第{r:.0f}" for c, r in ranks.items())
        en = ", ".join(f"{region_label(c).en} #{r:.0f}" for c, r in ranks.items())
        content.headline = Text(f"{year}年振兴综合指数在31个省份中的名次：{zh}。",
                                f"Revitalization index {year}, rank among 31 provinces: {en}.")
    return content


MONITOR = Section("monitor", Text("振兴监测：支柱得分、综合指数与规划目标",
                                  "Revitalization monitor: pillars, index and plan targets"),
                  _monitor)
