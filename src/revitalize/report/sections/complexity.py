"""Section: relatedness, economic complexity and opportunities of the Northeast.

Built from the bundled activity matrices of :mod:`revitalize.complexity` (employment by
industry section from the 2010 and 2020 censuses; fixed-asset investment by section
2003-2023):

1. the activity space: proximity network of the 19 sections (prefectures, 2020);
2. ECI of the three provinces over time (FAI 2003-2023; employment 2010 and 2020);
3. ECI of the Northeast prefectures, 2010 and 2020 (rank among all prefectures);
   how robust these rankings are (rank correlation across methods, years, bootstrap);
4. each province's top opportunities (density vs PCI and COG) with a short narrative.

Resolution (20 industry sections) is stated in every caption: manufacturing is one
activity, so the figures describe the sectoral mix, not product sophistication.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from revitalize.complexity.checks import ComplexityInputError
from revitalize.complexity.matrices import activity_matrix, activity_panel, location_names
from revitalize.complexity.opportunities import (
    feasibility_chart_data,
    narrative,
    opportunity_table,
)
from revitalize.complexity.panel import complexity_matrix, complexity_table
from revitalize.complexity.robustness import robustness_report
from revitalize.complexity.sei import sections, sei_by_section, sei_categories
from revitalize.report.blocks import Block, Content, Paragraph, Section, TableBlock, missing_text
from revitalize.report.context import DATA_ERRORS, ReportContext
from revitalize.report.figures import REGION_COLOURS, base_layout
from revitalize.report.i18n import Text, num_text, region_label
from revitalize.report.sections.common import NE3, bilingual_figure

__all__ = ["COMPLEXITY", "activity_space_positions"]

TOP = 3
LEVELS = ("province", "prefecture")
YEARS = (2010, 2020)
#: census employment matrices by (level, year), in LEVELS x YEARS order
Mats = dict[tuple[str, int], pd.DataFrame]
_ERRORS: tuple[type[BaseException], ...] = (*DATA_ERRORS, ComplexityInputError, KeyError)

_METHOD = Text(
    "方法：按显示性比较优势（RCA≥1）确定各地区具备的行业门类，以特征向量法计算经济复杂度指数"
    "（ECI）和产品（此处为行业）复杂度指数（PCI），以最小条件概率计算行业邻近度，"
    "并据此计算关联密度与复杂度展望收益（COG）；标准化方式与哈佛增长实验室 ecomplexity 一致。"
    "分辨率：地区×国民经济行业门类（GB/T 4754-2017，20个门类，国际组织除外）；制造业只是一个门类，"
    "因此结果反映的是产业结构，而非产品的精细程度；就业数据为人口普查长表（10%抽样）人数，只用其构成。",
    "Method: an activity is present in a region where its revealed comparative advantage "
    "is at least 1; ECI and PCI by the eigenvector method, proximity as the minimum "
    "conditional probability, relatedness density and complexity outlook gain (COG), "
    "normalised as the Growth Lab's ecomplexity package does. Resolution: region x "
    "GB/T 4754-2017 industry section (20 sections, international organisations "
    "excluded); manufacturing is a single activity, so the results describe the "
    "sectoral mix, not product sophistication. Employment counts are census long-form "
    "(10% sample) counts: only their shares are used.",
)


def _section_labels() -> dict[str, Text]:
    sec = sections()
    return {str(s): Text(str(sec.at[s, "zh"]), str(sec.at[s, "en"])) for s in sec.index}


def activity_space_positions(phi: np.ndarray) -> np.ndarray:
    """2-D positions of activities by classical multidimensional scaling of 1 - phi.

    Deterministic (no random layout): the two leading eigenvectors of the doubly
    centred squared distance matrix (Torgerson 1952, *Psychometrika* 17, 401-419).
    """
    d2 = (1.0 - phi) ** 2
    n = d2.shape[0]
    j = np.eye(n) - np.ones((n, n)) / n
    b = -0.5 * j @ d2 @ j
    w, v = np.linalg.eigh(b)
    pos: np.ndarray = np.asarray(v[:, -2:] * np.sqrt(np.maximum(w[-2:], 0.0)))[:, ::-1]
    return pos


def _edges(phi: np.ndarray, quantile: float = 0.75) -> list[tuple[int, int]]:
    """Maximum spanning tree (Prim) plus the strongest links (Hidalgo et al. 2007)."""
    n = phi.shape[0]
    inside = [0]
    edges: set[tuple[int, int]] = set()
    while len(inside) < n:
        out = [k for k in range(n) if k not in inside]
        sub = phi[np.ix_(inside, out)]
        a, b = np.unravel_index(int(np.argmax(sub)), sub.shape)
        edges.add((min(inside[a], out[b]), max(inside[a], out[b])))
        inside.append(out[b])
    iu = np.triu_indices(n, 1)
    cut = np.quantile(phi[iu], quantile)
    edges |= {(int(i), int(k)) for i, k in zip(*iu, strict=True) if phi[i, k] >= cut}
    return sorted(edges)


def _space_figure(*, lang: str, phi: np.ndarray, pci: np.ndarray, share: np.ndarray,
                  labels: list[Text], present: dict[str, np.ndarray], year: int) -> Any:
    pos = activity_space_positions(phi)
    fig = go.Figure()
    xs: list[float | None] = []
    ys: list[float | None] = []
    for i, k in _edges(phi):
        xs += [pos[i, 0], pos[k, 0], None]
        ys += [pos[i, 1], pos[k, 1], None]
    fig.add_trace(go.Scatter(x=xs, y=ys, mode="lines", line={"color": "#cccccc", "width": 1},
                             hoverinfo="skip", showlegend=False))
    names = [lab.get(lang) for lab in labels]
    fig.add_trace(go.Scatter(
        x=pos[:, 0], y=pos[:, 1], mode="markers+text", text=names, textposition="top center",
        textfont={"size": 10},
        marker={"size": 10 + 60 * np.sqrt(share), "color": pci, "colorscale": "Viridis",
                "showscale": True, "colorbar": {"title": "PCI"}, "line": {"width": 0}},
        hovertemplate="%{text}<br>PCI %{marker.color:.2f}<extra></extra>",
        name="PCI", showlegend=False,
    ))
    for code, m in present.items():
        sel = m > 0
        fig.add_trace(go.Scatter(
            x=pos[sel, 0], y=pos[sel, 1], mode="markers", name=region_label(code).get(lang),
            marker={"size": 22, "color": "rgba(0,0,0,0)",
                    "line": {"width": 2, "color": REGION_COLOURS.get(code, "#222")}},
            hoverinfo="skip", visible="legendonly" if code != "210000" else True,
        ))
    title = Text(f"行业空间（{year}年，地级单元就业，门类间邻近度）",
                 f"Activity space ({year}, prefecture employment, proximity of sections)")
    fig = base_layout(fig, title, Text("", ""), lang)
    fig.update_xaxes(visible=False)
    fig.update_yaxes(visible=False)
    fig.update_layout(hovermode="closest", height=520)
    return fig


def _activity_space(mats: Mats, srcs: tuple[Text, ...]) -> list[Block]:
    m = mats[("prefecture", 2020)]
    res = complexity_matrix(m.to_numpy(float))
    prov = mats[("province", 2020)]
    pres = complexity_matrix(prov.to_numpy(float))
    idx = [str(i) for i in prov.index]
    cols = [str(c) for c in m.columns]
    present = {c: pres.mcp[idx.index(c)][[list(prov.columns).index(a) for a in cols]]
               for c in NE3 if c in idx}
    share = m.to_numpy(float).sum(axis=0) / m.to_numpy(float).sum()
    labels = _section_labels()
    note = Text("节点：行业门类（大小为全国就业比重，颜色为PCI）；"
                "连线：最大生成树及最强的四分之一邻近关系；圆圈：该省具备比较优势（RCA≥1）的门类（可在图例中切换省份）。",
                "Nodes: industry sections (size: national employment share; colour: PCI); "
                "links: maximum spanning tree and the strongest quarter of proximities; "
                "rings: sections where the province has RCA >= 1 (switch provinces in the "
                "legend).")
    return [bilingual_figure(
        "complexity-space", _space_figure, phi=res.proximity, pci=res.pci, share=share,
        labels=[labels.get(c, Text(c, c)) for c in cols], present=present, year=2020,
        sources=srcs, notes=(note, Text(f"分辨率：{m.attrs['resolution']}",
                                        f"Resolution: {m.attrs['resolution']}")),
    )]


def _eci_over_time(mats: Mats, srcs_fai: tuple[Text, ...],
                   srcs_emp: tuple[Text, ...]) -> list[Block]:
    panel = activity_panel("fai", "province")
    out = complexity_table(panel[["time", "loc", "prod", "val"]])
    eci = out.groupby(["time", "loc"])["eci"].first().reset_index()
    eci = eci[eci["loc"].isin(NE3)]
    df = pd.DataFrame({"region": eci["loc"], "period": eci["time"].astype(str),
                       "value": eci["eci"]})
    from revitalize.report import figures

    fig = bilingual_figure(
        "complexity-eci-fai", figures.line_figure, df=df, order=list(NE3), decimals=2,
        title=Text("各省经济复杂度指数（按固定资产投资的行业结构，31省中标准化）",
                   "ECI of the provinces (from the section mix of fixed-asset investment, "
                   "standardised over 31 provinces)"),
        y_title=Text("ECI", "ECI"), sources=srcs_fai,
        notes=(Text("2018年起的分行业投资为汇编者按官方增速推算的数值，并非公布的水平值；"
                    "2017年以前的投资水平含已知的虚增（如辽宁2017年前）。",
                    "Investment by section from 2018 on was derived by the compiler from "
                    "official growth rates, not published levels; levels before 2018 "
                    "include known overstatements (e.g. Liaoning before 2017)."),
               Text("分辨率：省×行业门类（19个）", "Resolution: province x section (19)")),
    )
    rows = []
    for code in NE3:
        vals = []
        for y in (2010, 2020):
            m = mats[("province", y)]
            r = complexity_matrix(m.to_numpy(float))
            i = [str(x) for x in m.index].index(code)
            rank = int((r.eci > r.eci[i]).sum()) + 1
            vals += [num_text(float(r.eci[i]), 2), num_text(float(rank))]
        rows.append((region_label(code), *vals))
    table = TableBlock(
        header=(Text("省份", "Province"), Text("ECI 2010", "ECI 2010"),
                Text("位次 2010", "Rank 2010"), Text("ECI 2020", "ECI 2020"),
                Text("位次 2020", "Rank 2020")),
        rows=tuple(rows), sources=srcs_emp,
        caption=Text("按人口普查就业结构计算的ECI（31省中位次）；分辨率：省×行业门类",
                     "ECI from census employment by section (rank among 31 provinces); "
                     "resolution: province x section"),
    )
    return [fig, table]


def _prefectures(mats: Mats, srcs: tuple[Text, ...]) -> list[Block]:
    frames: dict[int, dict[str, tuple[float, float]]] = {}
    for y in (2010, 2020):
        m = mats[("prefecture", y)]
        r = complexity_matrix(m.to_numpy(float))
        rank = pd.Series(r.eci).rank(ascending=False, method="min").to_numpy(float)
        frames[y] = {str(c): (float(e), float(k))
                     for c, e, k in zip(m.index, r.eci, rank, strict=True)}
    n20 = len(frames[2020])
    codes = [c for c in frames[2020] if c[:2] in ("21", "22", "23")]
    codes.sort(key=lambda c: -frames[2020][c][0])
    zh = location_names(codes, "zh")
    en = location_names(codes, "en")
    rows = []
    for c in codes:
        cells = [Text(zh[c], en[c]), region_label(c[:2] + "0000")]
        for y in (2010, 2020):
            f = frames[y]
            if c in f:
                cells += [num_text(f[c][0], 2), num_text(f[c][1])]
            else:
                cells += [Text("—", "—"), Text("—", "—")]
        rows.append(tuple(cells))
    return [TableBlock(
        header=(Text("地级单元", "Prefecture"), Text("省份", "Province"),
                Text("ECI 2010", "ECI 2010"), Text("位次 2010", "Rank 2010"),
                Text("ECI 2020", "ECI 2020"), Text("位次 2020", "Rank 2020")),
        rows=tuple(rows), sources=srcs,
        caption=Text(f"东北地级单元的ECI（在全国{n20}个地级单元中标准化与排位）；分辨率：地级×行业门类",
                     f"ECI of the Northeast prefectures (standardised and ranked among "
                     f"{n20} prefecture-level units); resolution: prefecture x section"),
    )]


_CHECKS = {
    "eci_vs_reflections": Text("特征向量法与反射法（18次迭代）", "Eigenvector vs reflections (18)"),
    "eci_vs_fitness": Text("特征向量法与适应度-复杂度算法", "Eigenvector vs fitness-complexity"),
    "eci_vs_next_year": Text("2010年与2020年（共同地区）", "2010 vs 2020 (common locations)"),
    "bootstrap_median": Text("自助法中位数（行业有放回抽样200次）",
                             "Bootstrap median (sections resampled, 200 draws)"),
    "bootstrap_p05": Text("自助法第5百分位", "Bootstrap 5th percentile"),
}


def _robustness(mats: Mats, srcs: tuple[Text, ...], n_boot: int = 200) -> list[Block]:
    """Spearman's rho of the ECI ranking under the checks of ``robustness_report``."""
    vals: dict[tuple[str, str, int], float] = {}
    for level in LEVELS:
        panel: dict[object, pd.DataFrame] = {y: mats[(level, y)] for y in YEARS}
        rep = robustness_report(panel, n_boot=n_boot, seed=0)
        for check, time, value in zip(rep["check"], rep["time"], rep["value"], strict=True):
            vals[(str(check), level, int(time))] = float(value)
    rows = []
    for check, label in _CHECKS.items():
        cells = [label]
        for level, y in mats:
            v = vals.get((check, level, y))
            cells.append(Text("—", "—") if v is None or np.isnan(v) else num_text(v, 2))
        rows.append(tuple(cells))
    return [TableBlock(
        header=(Text("检验（斯皮尔曼等级相关）", "Check (Spearman's rho)"),
                Text("省 2010", "Provinces 2010"), Text("省 2020", "Provinces 2020"),
                Text("地级 2010", "Prefectures 2010"), Text("地级 2020", "Prefectures 2020")),
        rows=tuple(rows), sources=srcs,
        caption=Text("ECI排序的稳健性：接近1表示排序不随方法、年份或行业样本而变；"
                     "接近0或为负表示排序不可靠，上表的位次应谨慎解读；分辨率：省、地级×行业门类",
                     "Robustness of the ECI ranking: near 1, the ranking does not depend on "
                     "the method, the year or the sample of sections; near 0 or negative, "
                     "it does, and the ranks above should be read with caution; resolution: "
                     "province or prefecture x section"),
    )]


def _feasibility_figure(*, lang: str, frames: dict[str, pd.DataFrame],
                        labels: dict[str, Text]) -> Any:
    fig = go.Figure()
    for code, f in frames.items():
        name = region_label(code).get(lang)
        for present in (False, True):
            sub = f[f["present"] == present]
            fig.add_trace(go.Scatter(
                x=sub["x_distance"], y=sub["y_pci"], mode="markers",
                name=name + (" (RCA≥1)" if present else ""),
                legendgroup=code, showlegend=not present,
                text=[labels.get(a, Text(a, a)).get(lang) for a in sub["activity"]],
                marker={"size": 8 + 40 * np.sqrt(sub["size_share"].to_numpy(float)),
                        "color": REGION_COLOURS.get(code, "#222") if not present else "white",
                        "line": {"width": 1.5, "color": REGION_COLOURS.get(code, "#222")}},
                hovertemplate="%{text}<br>distance %{x:.2f}, PCI %{y:.2f}<extra>"
                              + name + "</extra>",
            ))
    title = Text("可行性图：距离（越小越可行）与行业复杂度（2020年，省×行业门类）",
                 "Feasibility chart: distance (lower = more feasible) vs complexity "
                 "(2020, province x section)")
    fig = base_layout(fig, title, Text("PCI", "PCI"), lang)
    fig.update_xaxes(title_text=Text("距离", "Distance").get(lang))
    fig.update_layout(hovermode="closest")
    return fig


def _opportunities(mats: Mats, srcs: tuple[Text, ...]) -> tuple[list[Block], Text | None]:
    m = mats[("province", 2020)]
    labels = _section_labels()
    lab2 = {k: (v.zh, v.en) for k, v in labels.items()}
    cats = sei_categories().set_index("id")
    sei = {s: [(str(cats.at[i, "zh"]), str(cats.at[i, "en"])) for i in ids]
           for s, ids in sei_by_section().items()}
    chart = bilingual_figure(
        "complexity-feasibility", _feasibility_figure,
        frames={c: feasibility_chart_data(m, c) for c in NE3}, labels=labels, sources=srcs,
        notes=(Text("实心：尚未具备比较优势的门类（候选）；空心：已具备（RCA≥1）；点的大小为该门类在本省就业中的比重。",
                    "Filled: sections not yet present (candidates); open: present "
                    "(RCA >= 1); size: the section's share of the province's employment."),),
    )
    rows = []
    paras: list[Block] = [chart]
    head: Text | None = None
    for code in NE3:
        t = opportunity_table(m, code)
        reg = region_label(code)
        for r in t.head(TOP).to_dict("records"):
            act = str(r["activity"])
            rows.append((reg, num_text(float(r["rank"])), labels.get(act, Text(act, act)),
                         num_text(float(r["density"]), 2), num_text(float(r["pci"]), 2),
                         num_text(float(r["cog"]), 2)))
        zh, en = narrative(t, reg.zh, reg.en, lab2, sei, top=TOP)
        paras.append(Paragraph(Text(zh, en)))
        if head is None and not t.empty:
            first = labels.get(str(t.iloc[0]["activity"]), Text("", ""))
            head = Text(f"按关联密度与复杂度，{reg.zh}最可行的新增行业门类为“{first.zh}”"
                        "（门类分辨率）。",
                        f"By relatedness and complexity, the most feasible new industry "
                        f"section for {reg.en} is {first.en.lower()} (section resolution).")
    table = TableBlock(
        header=(Text("省份", "Province"), Text("序", "#"), Text("行业门类", "Section"),
                Text("关联密度", "Density"), Text("PCI", "PCI"), Text("COG", "COG")),
        rows=tuple(rows), sources=srcs,
        caption=Text("尚未具备比较优势的门类中得分最高者（得分=0.5×密度+0.25×PCI+0.25×COG，"
                     "均为标准分）；2020年人口普查就业；分辨率：省×行业门类",
                     "Best-scoring sections not yet present (score = 0.5 z(density) + "
                     "0.25 z(PCI) + 0.25 z(COG)); 2020 census employment; resolution: "
                     "province x section"),
    )
    sei_note = Paragraph(Text(
        "战略性新兴产业（国家统计局《战略性新兴产业分类（2018）》九大领域）均分布在若干门类之中，"
        "且只占各门类的一小部分，在门类分辨率下无法单独识别（separable=false）；"
        "段落中列出的只是机会门类所包含的领域。",
        "Strategic emerging industries (the nine categories of the NBS classification "
        "2018) each lie within several sections and are a small part of each, so they "
        "cannot be separated at section resolution (separable=false); the paragraphs "
        "only name the categories the opportunity sections contain."))
    return [paras[0], table, *paras[1:], sei_note], head


def _complexity(ctx: ReportContext) -> Content:
    content = Content()
    emp = ctx.cite("employment_sections", "gbt4754_sections")
    fai = ctx.cite("fai_sections")
    sei_src = ctx.cite("sei_categories")
    try:  # the census matrices, loaded once for every part of the section
        mats: Mats = {(lv, y): activity_matrix("employment", lv, y)
                      for lv in LEVELS for y in YEARS}
    except _ERRORS:
        return content.add(missing_text(Text("分行业就业（人口普查，employment_sections）",
                                             "employment by section (census, "
                                             "employment_sections)")))
    content.add(Paragraph(_METHOD))
    content.add(*_activity_space(mats, emp))
    try:
        content.add(*_eci_over_time(mats, fai, emp))
    except _ERRORS:
        content.add(missing_text(Text("分行业固定资产投资（fai_sections）",
                                      "fixed-asset investment by section (fai_sections)")))
    content.add(*_prefectures(mats, emp))
    content.add(*_robustness(mats, emp))
    blocks, head = _opportunities(mats, (*emp, *sei_src))
    content.add(*blocks)
    content.headline = head
    return content


COMPLEXITY = Section("complexity", Text("战略性新兴产业：关联与经济复杂度",
                                        "Strategic emerging industries: relatedness and "
                                        "complexity"), _complexity)
