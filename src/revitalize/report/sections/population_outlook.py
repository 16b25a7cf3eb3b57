"""Section: population outlook of the Northeast provinces (cohort-component projection).

Three parts, from :mod:`revitalize.population`:

1. population pyramids of Liaoning, Jilin and Heilongjiang, 2020 census vs 2035
   (central fertility, out-migration at the 2010-2020 pace);
2. the working-age population (15-64) 2020-2035 under the three migration scenarios;
3. dependency ratios in 2020 and 2035 by scenario, with the 2020 -> 2024 backcast
   error against the reported year-end population.

If the population datasets are missing the section shows a notice instead.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from revitalize.report.blocks import Content, FigureBlock, Missing, Paragraph, Section, TableBlock
from revitalize.report.context import ReportContext
from revitalize.report.figures import FONT_FAMILY, REGION_COLOURS
from revitalize.report.i18n import LANGS, Text, num_text, region_label

__all__ = ["POPULATION_OUTLOOK", "SCENARIOS"]

TO = 2035
SCENARIOS: dict[str, Text] = {
    "outflow-continues": Text("外流延续（2010-2020年速度）", "Outflow continues (2010-2020 pace)"),
    "outflow-stops": Text("外流停止", "Outflow stops"),
    "inflow": Text("转为净流入", "Net inflow"),
}
DASH = {"outflow-continues": "solid", "outflow-stops": "dash", "inflow": "dot"}
SOURCES = (
    Text("第七次全国人口普查（国家统计局）；联合国《世界人口展望2024》；revitalize 队列要素法预测",
         "NBS 7th population census; UN World Population Prospects 2024; revitalize "
         "cohort-component projection"),
)


def _pyramids(proj: Any, lang: str) -> Any:
    import plotly.graph_objects as go
    from plotly.subplots import make_subplots

    from revitalize.population.ages import PROJ_AGES

    names = [region_label(c).get(lang) for c in proj.regions]
    fig = make_subplots(rows=1, cols=len(proj.regions), shared_yaxes=True,
                        subplot_titles=names, horizontal_spacing=0.03)
    year_lab = {0: "2020", len(proj.years) - 1: str(proj.years[-1])}
    for col, _code in enumerate(proj.regions, start=1):
        for t, lab in year_lab.items():
            p = proj.population[t, col - 1] / 1e4
            for s, (sign, sex) in enumerate(((-1, Text("男", "Male")),
                                             (1, Text("女", "Female")))):
                fig.add_trace(go.Bar(
                    y=list(PROJ_AGES), x=sign * p[s], orientation="h",
                    name=f"{sex.get(lang)} {lab}", legendgroup=f"{s}{lab}",
                    showlegend=col == 1, opacity=0.45 if t == 0 else 0.9,
                    marker={"color": ("#4C78A8" if s == 0 else "#E45756") if t else "#999"},
                    hovertemplate="%{y}: %{customdata:,.1f}<extra></extra>",
                    customdata=p[s]), row=1, col=col)
    fig.update_layout(barmode="overlay", bargap=0.05, height=460, template="plotly_white",
                      font={"family": FONT_FAMILY, "size": 12},
                      title={"text": Text(f"人口金字塔：2020年与{TO}年（万人）",
                                          f"Population pyramids, 2020 and {TO} (10k persons)"
                                          ).get(lang), "x": 0.0},
                      legend={"orientation": "h", "y": -0.12},
                      margin={"l": 60, "r": 20, "t": 70, "b": 80})
    return fig


def _working_age(paths: dict[str, Any], lang: str) -> Any:
    import plotly.graph_objects as go

    fig = go.Figure()
    for mig, proj in paths.items():
        work = proj.population[..., 3:13].sum(axis=(-1, -2)) / 1e4
        for i, code in enumerate(proj.regions):
            fig.add_trace(go.Scatter(
                x=list(proj.years), y=work[:, i], mode="lines+markers",
                name=f"{region_label(code).get(lang)} · {SCENARIOS[mig].get(lang)}",
                line={"color": REGION_COLOURS.get(code), "dash": DASH[mig]}))
    fig.update_layout(template="plotly_white", height=440,
                      font={"family": FONT_FAMILY, "size": 12},
                      title={"text": Text("15-64岁人口（万人），按迁移情景",
                                          "Population aged 15-64 (10k persons) by migration "
                                          "scenario").get(lang), "x": 0.0},
                      legend={"orientation": "h", "y": -0.2},
                      margin={"l": 60, "r": 20, "t": 56, "b": 120})
    return fig


def _build(ctx: ReportContext) -> Content:
    try:
        from revitalize.population.model import project, summarise
        from revitalize.population.validation import backcast

        paths = {m: project("northeast", to=TO, migration=m) for m in SCENARIOS}
        back = backcast()
    except Exception as exc:  # data missing or broken: say so, draw nothing
        return Content().add(Missing(Text(f"人口预测不可用：{exc}",
                                          f"Population projection unavailable: {exc}")))
    central = paths["outflow-continues"]
    content = Content()
    content.add(FigureBlock("population-pyramids",
                            {lang: _pyramids(central, lang) for lang in LANGS}, SOURCES,
                            (Text("情景：中方案生育率，人口外流延续2010-2020年速度。",
                                  "Scenario: central fertility, out-migration at the "
                                  "2010-2020 pace."),)))
    content.add(FigureBlock("population-working-age",
                            {lang: _working_age(paths, lang) for lang in LANGS}, SOURCES))
    rows = []
    for mig, proj in paths.items():
        s = summarise(proj.population)
        for i, code in enumerate(proj.regions):
            rows.append((region_label(code), SCENARIOS[mig],
                         num_text(float(s["old_dependency"][0, i]), 1),
                         num_text(float(s["old_dependency"][-1, i]), 1),
                         num_text(float(s["total_dependency"][-1, i]), 1),
                         num_text(float(s["aged_15_64"][-1, i]) / 1e4, 0)))
    content.add(TableBlock(
        header=(Text("地区", "Region"), Text("迁移情景", "Migration scenario"),
                Text("老年抚养比2020", "Old-age dependency 2020"),
                Text(f"老年抚养比{TO}", f"Old-age dependency {TO}"),
                Text(f"总抚养比{TO}", f"Total dependency {TO}"),
                Text(f"{TO}年15-64岁（万人）", f"Aged 15-64 in {TO} (10k)")),
        rows=tuple(rows), sources=SOURCES,
        caption=Text("抚养比：每百名15-64岁人口对应的65岁及以上（老年）或0-14岁与65岁及以上"
                     "（总）人口。", "Dependency ratios per 100 persons aged 15-64.")))
    err = back.pivot_table(index="region", columns="migration", values="error_pct")
    worst = float(np.abs(err["outflow-stops"]).max())
    content.add(Paragraph(Text(
        f"回测：从2020年普查推算至2024年末，无迁移情景与统计公报年末常住人口的误差"
        f"不超过{worst:.1f}%；延续2010-2020年外流速度则高估人口减少（吉林、黑龙江"
        f"实际值介于两者之间），说明2020年后外流放缓。",
        f"Backcast: projected from the 2020 census to the end of 2024, the no-migration "
        f"scenario is within {worst:.1f}% of the reported year-end population; continuing "
        f"the 2010-2020 outflow overstates the decline (Jilin and Heilongjiang lie between "
        f"the two), so out-migration slowed after 2020.")))
    hl = paths["outflow-continues"]
    s0 = summarise(hl.population)
    work = s0["aged_15_64"]
    content.headline = Text(
        f"若人口外流延续2010-2020年速度，三省15-64岁人口将由2020年的"
        f"{work[0].sum() / 1e4:,.0f}万人降至{TO}年的{work[-1].sum() / 1e4:,.0f}万人。",
        f"If out-migration continues at its 2010-2020 pace, the three provinces' population "
        f"aged 15-64 falls from {work[0].sum() / 1e4:,.0f} (10k) in 2020 to "
        f"{work[-1].sum() / 1e4:,.0f} in {TO}.")
    return content


POPULATION_OUTLOOK = Section(
    "population_outlook", Text("人口与人才展望", "Population and talent outlook"), _build
)
