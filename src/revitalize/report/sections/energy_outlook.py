"""Section: power system outlook from the PyPSA model of the Northeast.

Four parts, from the runs of :mod:`revitalize.report.sections.energy_outlook_data`:

1. the 2023 backcast: modelled vs reported generation by province and source, with
   the series the ``power`` dataset lacks named;
2. an illustrative 2035 least-cost plan under a CO2 cap: capacity by bus vs 2023;
3. a winter and a summer week of 3-hourly dispatch of Liaoning, Jilin and Heilongjiang
   in the backcast;
4. wind and solar curtailment and CO2 emissions by bus.

A run that fails (PyPSA not installed, inputs missing, infeasible scenario) leaves its
parts out and shows a notice instead.
"""

from __future__ import annotations

import re

import pandas as pd

from revitalize.report import figures
from revitalize.report.blocks import Block, Content, Paragraph, Section, TableBlock
from revitalize.report.context import ReportContext
from revitalize.report.i18n import Text, fmt_number, num_text, region_label
from revitalize.report.sections import energy_outlook_data as data
from revitalize.report.sections.common import NE3, bilingual_figure
from revitalize.report.sections.energy_outlook_figures import (
    CARRIER_COLOURS,
    comparison_figure,
    dispatch_figure,
)

__all__ = ["ENERGY_OUTLOOK", "SOURCES", "comparison_rows", "headline"]

#: Reported sources and the model carriers each one sums.
SOURCES: dict[str, tuple[Text, tuple[str, ...]]] = {
    "thermal": (Text("火电", "Thermal"), ("coal", "gas")),
    "nuclear": (Text("核电", "Nuclear"), ("nuclear",)),
    "hydro": (Text("水电", "Hydro"), ("hydro",)),
    "wind": (Text("风电", "Wind"), ("wind",)),
    "solar": (Text("太阳能发电", "Solar"), ("solar",)),
}
CARRIERS: dict[str, Text] = {  # stacking order, bottom first
    "coal": Text("煤电", "Coal"), "gas": Text("气电", "Gas"), "nuclear": Text("核电", "Nuclear"),
    "hydro": Text("水电", "Hydro"), "wind": Text("风电", "Wind"),
    "solar": Text("太阳能发电", "Solar"), "PHS": Text("抽水蓄能", "Pumped hydro"),
    "battery": Text("电池储能", "Battery"), "electrolysis": Text("电解制氢", "Electrolysis"),
    "fuel cell": Text("氢燃料电池", "Fuel cell"),
}  # fmt: skip
DISPATCH: dict[str, Text] = {
    **{c: CARRIERS[c] for c in ("coal", "gas", "nuclear", "hydro", "wind", "solar")},
    "storage": Text("抽水蓄能（负值为抽水）", "Pumped hydro (negative: pumping)"),
    "imports": Text("净调入（负值为外送）", "Net imports (negative: exports)"),
    "unserved": Text("未供电量", "Unserved"),
}
BUSES: tuple[str, ...] = (*NE3, "mengdong")
_REG = Text("辽吉黑和蒙东", "LN, JL, HL and eastern Inner Mongolia")

_ASSUMPTIONS = Text(
    "模型：PyPSA线性优化（HiGHS求解），辽、吉、黑、蒙东四个节点加华北（河北）交换节点，输电按运输模型；"
    "负荷为PyPSA-China逐时曲线按当年用电量（2035年按其预测）缩放；风、光出力由分省月度利用小时"
    "（已含弃电）折算，光伏按晴空太阳高度、风电在月内取常数；供暖季热电联产最低出力；水电年发电量按"
    "实际利用小时限制；与华北交易价格等于煤电边际成本（假设）；成本参数取自PyPSA-China。2035年现有"
    "电厂全部保留、不考虑退役，可新建风、光、核（仅辽宁沿海）、煤、气、储能、氢和输电。详见 "
    "docs/energy.md。",
    "Model: PyPSA linear optimisation (HiGHS) with four buses (LN, JL, HL, eastern Inner "
    "Mongolia) and an exchange with North China (Hebei), transport model for the corridors; "
    "load from the PyPSA-China hourly shape scaled to the year's consumption (the PIK "
    "projection for 2035); wind and solar from monthly utilisation hours by province "
    "(curtailment already deducted), solar shaped by the clear-sky sun elevation, wind "
    "constant within a month; a heating-season minimum for CHP; hydro energy limited by "
    "reported utilisation; trade with North China priced at the marginal cost of coal (an "
    "assumption); costs from PyPSA-China. In 2035 the existing fleet is kept (no "
    "retirement); wind, solar, nuclear (coastal Liaoning only), coal, gas, storage, "
    "hydrogen and transmission may be built. See docs/energy.md.",
)
_SOLAR_SCOPE = Text(
    "统计的太阳能发电量为规模以上工业企业口径，基本不含分布式光伏（装机中包含），模型值因此偏高。",
    "Reported solar is NBS generation of enterprises above designated size; distributed PV, "
    "part of the installed capacity, is largely not in it, so the model is higher.",
)

_CURTAILMENT_NOTE = Text(
    f"弃电为可发电量与实际发电量之差。{data.BASE_YEAR}年回测的风、光出力按实际利用小时设定，已扣除"
    "弃电，故回测中弃电近于零、不列出；模型中风电在月内出力不变，没有小时级波动，弃风被低估。"
    "排放为地域口径，调入电力不计排放。",
    "Curtailment is available minus generated energy. The "
    f"{data.BASE_YEAR} backcast uses realised utilisation hours, already net of curtailment, so "
    "its curtailment is near zero and not listed; wind output is constant within a month in the "
    "model, without hourly swings, so wind curtailment is understated. Emissions are "
    "territorial: imported electricity carries none.",
)


def _scenario() -> Text:
    cap, res = data.CO2_CAP_MT, data.PLAN_RESOLUTION.removeprefix("typical:")
    return Text(
        f"{data.PLAN_YEAR}年为示意情景，不是预测：模型区域（{_REG.zh}）二氧化碳排放上限"
        f"{fmt_number(cap / 100, 1)}亿吨/年，按最低总成本（投资年金+运行成本）确定新建装机和调度，"
        f"时间分辨率为{res}个典型日（k均值聚类）。",
        f"{data.PLAN_YEAR} is an illustrative scenario, not a forecast: CO2 of the modelled "
        f"region ({_REG.en}) capped at {fmt_number(cap, 0)} Mt a year; new capacity and "
        f"dispatch at least total cost (annualised investment + operation), on {res} typical "
        "days (k-means).",
    )


def _src_label(source: str) -> Text:
    return SOURCES[source][0] if source in SOURCES else Text(source, source)


def _no_plant(run: data.BaseRun, bus: str, source: str) -> bool:
    cap = run.results.capacity
    cols = [c for c in SOURCES[source][1] if c in cap.columns]
    return bus in cap.index and float(cap.reindex(index=[bus], columns=cols).to_numpy().sum()) == 0


def comparison_rows(run: data.BaseRun, buses: tuple[str, ...] = NE3) -> pd.DataFrame:
    """Modelled and reported TWh of ``buses`` by source (``region``, ``source``,
    ``modelled``, ``reported``); a source a bus has no plant of is reported as 0."""
    cmp = run.comparison.reset_index()
    cmp = cmp[cmp["region"].isin(buses) & cmp["source"].isin(list(SOURCES))]
    out = cmp.rename(columns={"modelled_twh": "modelled", "reported_twh": "reported"})[
        ["region", "source", "modelled", "reported"]].reset_index(drop=True)
    for i, row in out.iterrows():
        if pd.isna(row["reported"]) and _no_plant(run, str(row["region"]), str(row["source"])):
            out.at[i, "reported"] = 0.0
    return out


_YTD = re.compile(r"^(\S+) (\w+): no (\d{4}) annual generation in 'power'; the latest "
                  r"year-to-date value is ([\d.]+) TWh to (\d{4})-(\d{2})\.$")
_DEC = re.compile(r"^(\S+) (\w+): annual value missing, December YTD used\.$")
_NONE = re.compile(r"^(\S+) (\w+): no reported (\d{4}) generation in 'power'\.$")


def _reported_notes(run: data.BaseRun, buses: tuple[str, ...] = NE3) -> list[Text]:
    """Bilingual notes on the reported series of ``buses`` (others are left out)."""
    notes: list[Text] = []
    for note in run.notes:
        m = _YTD.match(note) or _DEC.match(note) or _NONE.match(note)
        bus = m.group(1) if m is not None else note.split(" ", 1)[0].rstrip(":")
        if bus not in buses:
            continue
        if m is None:  # a note this section does not know: shown as written
            notes.append(Text(note, note))
            continue
        reg, src = region_label(m.group(1)), _src_label(m.group(2))
        if m.re is _YTD:
            y, v, yy, mm = m.group(3), m.group(4), m.group(5), int(m.group(6))
            notes.append(Text(
                f"{reg.zh}{src.zh}：{y}年全年发电量未公布（缺失），最新为截至{yy}年{mm}月的累计值"
                f"{v}太瓦时，未作全年值显示。",
                f"{reg.en}, {src.en.lower()}: no {y} annual generation published (missing); the "
                f"latest is {v} TWh year-to-date to {yy}-{mm:02d}, not shown as annual."))
        elif m.re is _DEC:
            notes.append(Text(f"{reg.zh}{src.zh}：全年值缺失，采用12月累计值。",
                              f"{reg.en}, {src.en.lower()}: annual value missing; December "
                              "year-to-date used."))
        elif not _no_plant(run, m.group(1), m.group(2)):
            notes.append(Text(f"{reg.zh}{src.zh}：{m.group(3)}年发电量未公布（缺失）。",
                              f"{reg.en}, {src.en.lower()}: no {m.group(3)} generation "
                              "published (missing)."))
    return notes


def _backcast_part(run: data.BaseRun, srcs: tuple[Text, ...]) -> list[Block]:
    df = comparison_rows(run)
    y = data.BASE_YEAR
    notes = [*_reported_notes(run), _SOLAR_SCOPE, Text(
        "模型包括蒙东，统计只有内蒙古全区，蒙东不作比较；无电厂的电源按0计。",
        "The model includes eastern Inner Mongolia, which statistics cover only as part of "
        "all of Inner Mongolia: not compared. Sources without plants count as 0.")]
    fig = bilingual_figure(
        "energy-backcast", comparison_figure, df=df,
        categories={k: v[0] for k, v in SOURCES.items()},
        series={"modelled": Text(f"模型回测（{data.DISPATCH_HOURS}小时步长）",
                                 f"Model backcast ({data.DISPATCH_HOURS}-hourly)"),
                "reported": Text("统计", "Reported")},
        order=list(NE3), missing=Text("缺失", "missing"),
        title=Text(f"{y}年分电源发电量：模型与统计", f"Generation by source in {y}: model vs "
                   "reported"),
        y_title=Text("太瓦时（TWh）", "TWh"), sources=srcs, notes=notes,
    )
    th = df[df["source"] == "thermal"]
    mod, rep = float(th["modelled"].sum()), float(th["reported"].sum(min_count=len(NE3)))
    blocks: list[Block] = [fig]
    if pd.notna(rep) and rep > 0:
        pct = fmt_number(100 * (mod / rep - 1), 0)
        blocks.append(Paragraph(Text(
            f"{y}年回测中三省火电合计{fmt_number(mod, 0)}太瓦时，统计为{fmt_number(rep, 0)}太瓦时"
            f"（{pct}%）；省间分布差异更大，因为模型中省间交换只受通道容量限制。",
            f"In the {y} backcast the three provinces' thermal generation totals "
            f"{fmt_number(mod, 0)} TWh against {fmt_number(rep, 0)} TWh reported ({pct}%); "
            "the split between provinces differs more, as the model trades freely up to the "
            "corridor limits.")))
    return blocks


def _gw(frame: pd.DataFrame, period: str) -> pd.DataFrame:
    w = frame.reindex(list(BUSES)).fillna(0.0) / 1e3
    w = w.rename_axis(index="region", columns="indicator")
    return w.reset_index().melt(id_vars="region", value_name="value").assign(period=period)


def _capacity_part(plan: data.PlanRun, base: data.BaseRun | None,
                   srcs: tuple[Text, ...]) -> list[Block]:
    frames = [_gw(plan.results.capacity, str(data.PLAN_YEAR))]
    if base is not None:
        frames.insert(0, _gw(base.results.capacity, str(data.BASE_YEAR)))
    df = pd.concat(frames, ignore_index=True)
    used = set(df.loc[df["value"] > 1e-3, "indicator"])
    labels = {k: v for k, v in CARRIERS.items() if k in used}
    return [bilingual_figure(
        "energy-capacity", figures.stacked_bar_figure, df=df, labels=labels,
        colours=CARRIER_COLOURS, order=list(BUSES),
        title=Text(f"装机容量：{data.BASE_YEAR}年与{data.PLAN_YEAR}年示意情景（排放上限"
                   f"{fmt_number(data.CO2_CAP_MT / 100, 1)}亿吨）",
                   f"Installed capacity: {data.BASE_YEAR} and the illustrative {data.PLAN_YEAR} "
                   f"plan ({fmt_number(data.CO2_CAP_MT, 0)} Mt CO2 cap)"),
        y_title=Text("吉瓦（GW）", "GW"), sources=srcs, notes=(_scenario(),),
    )]


def _dispatch_part(run: data.BaseRun, srcs: tuple[Text, ...]) -> list[Block]:
    weeks = {k: data.dispatch_frame(run.network, NE3, a, b) for k, (a, b) in data.WEEKS.items()}
    weeks = {k: w for k, w in weeks.items() if not w.empty}
    if not weeks:
        return []
    names = {"winter": Text("冬季周", "Winter week"), "summer": Text("夏季周", "Summer week")}
    panels = {k: names.get(k, Text(k, k)) + Text(f"（{a[5:]}至{b[5:]}）", f" ({a[5:]} to {b[5:]})")
              for k, (a, b) in data.WEEKS.items()}
    return [bilingual_figure(
        "energy-dispatch", dispatch_figure, weeks=weeks, panels=panels,
        labels=DISPATCH, load=Text("负荷", "Load"),
        title=Text(f"辽吉黑三省调度（{data.BASE_YEAR}年回测，{data.DISPATCH_HOURS}小时步长）",
                   f"Dispatch of Liaoning, Jilin and Heilongjiang ({data.BASE_YEAR} backcast, "
                   f"{data.DISPATCH_HOURS}-hourly)"),
        y_title=Text("吉瓦（GW）", "GW"), sources=srcs,
        notes=(Text("净调入为经输电通道来自蒙东和华北的净电力；风电出力按月度容量系数设定，月内为常数，"
                    "故一周内平直（弃风除外）。",
                    "Net imports: net flow over the corridors from eastern Inner Mongolia and "
                    "North China. Wind follows monthly capacity factors, constant within a month, "
                    "so it is flat within a week (except when curtailed)."),),
    )]


def _mt(series: pd.Series, codes: tuple[str, ...]) -> float:
    return float(series.reindex(list(codes)).fillna(0.0).sum()) / 1e6


def _curtailment_part(runs: data.OutlookRuns, srcs: tuple[Text, ...]) -> list[Block]:
    plan = runs.plan.results if runs.plan is not None else None
    base = runs.base.results if runs.base is not None else None
    groups: list[tuple[Text, tuple[str, ...]]] = [
        *((region_label(c), (c,)) for c in NE3),
        (Text("辽吉黑合计", "LN+JL+HL"), NE3), (region_label("mengdong"), ("mengdong",)),
        (Text("模型区域合计", "Modelled region"), BUSES)]
    rows = []
    for label, codes in groups:
        cells = [label]
        for c in ("wind", "solar"):
            if plan is None or c not in plan.curtailment.columns:
                cells.append(Text("–", "–"))
                continue
            cut = float(plan.curtailment[c].reindex(list(codes)).sum()) / 1e6
            gen = float(plan.generation[c].reindex(list(codes)).sum()) / 1e6
            share = fmt_number(100 * cut / (cut + gen), 1) if cut + gen > 0 else "–"
            v = fmt_number(cut, 1)
            cells.append(Text(f"{v}（{share}%）", f"{v} ({share}%)"))
        cells.append(num_text(_mt(base.emissions, codes), 1) if base is not None
                     else Text("–", "–"))
        cells.append(num_text(_mt(plan.emissions, codes), 1) if plan is not None
                     else Text("–", "–"))
        rows.append(tuple(cells))
    y0, y1 = data.BASE_YEAR, data.PLAN_YEAR
    return [TableBlock(
        header=(Text("地区", "Region"),
                Text(f"{y1}年弃风，太瓦时（占可发电量%）",
                     f"Wind curtailed {y1}, TWh (% of available)"),
                Text(f"{y1}年弃光，太瓦时（%）", f"Solar curtailed {y1}, TWh (%)"),
                Text(f"{y0}年二氧化碳（回测），百万吨", f"CO2 {y0} (backcast), Mt"),
                Text(f"{y1}年二氧化碳（示意情景），百万吨", f"CO2 {y1} (illustrative plan), Mt")),
        rows=tuple(rows), sources=srcs,
        caption=Text("弃风弃光与电力二氧化碳排放（地域口径）", "Curtailment and power-sector CO2 "
                     "(territorial)"),
    ), Paragraph(_CURTAILMENT_NOTE)]


def headline(runs: data.OutlookRuns) -> Text | None:
    """One sentence on the capped plan: wind and solar built, vs the base year, CO2 price.

    Returns
    -------
    Text or None
        ``None`` when the plan did not run.
    """
    if runs.plan is None:
        return None
    cap = runs.plan.results.capacity.sum() / 1e3
    w1, s1 = fmt_number(float(cap.get("wind", 0.0)), 0), fmt_number(float(cap.get("solar", 0.0)), 0)
    zh = (f"示意情景（非预测）：若{data.PLAN_YEAR}年{_REG.zh}电力二氧化碳排放上限为"
          f"{fmt_number(data.CO2_CAP_MT / 100, 1)}亿吨")
    en = (f"Illustrative scenario, not a forecast: with power-sector CO2 of {_REG.en} capped "
          f"at {fmt_number(data.CO2_CAP_MT, 0)} Mt in {data.PLAN_YEAR}")
    if runs.base is not None:
        e0 = float(runs.base.results.emissions.sum()) / 1e6
        zh += f"（{data.BASE_YEAR}年回测约{fmt_number(e0 / 100, 1)}亿吨）"
        en += f" ({data.BASE_YEAR} backcast: {fmt_number(e0, 0)} Mt)"
        b = runs.base.results.capacity.sum() / 1e3
        w0, s0 = fmt_number(float(b.get("wind", 0.0)), 0), fmt_number(float(b.get("solar", 0.0)), 0)
        zh += f"，最低成本方案风电装机由{w0}吉瓦增至{w1}吉瓦、光伏由{s0}吉瓦增至{s1}吉瓦"
        en += (f", the least-cost system grows wind from {w0} to {w1} GW and solar from "
               f"{s0} to {s1} GW")
    else:
        zh += f"，最低成本方案风电装机{w1}吉瓦、光伏{s1}吉瓦"
        en += f", the least-cost system has {w1} GW of wind and {s1} GW of solar"
    price = runs.plan.co2_price
    cur = runs.plan.results.currency
    unit = Text("元", "CNY") if cur == "CNY" else Text(cur, cur)
    if price is not None and price > 1e-6:
        zh += f"，碳排放影子价格约{fmt_number(price, 0)}{unit.zh}/吨。"
        en += f"; the cap's shadow price is about {fmt_number(price, 0)} {unit.en}/t CO2."
    else:
        zh += "；该上限不构成约束。"
        en += "; the cap does not bind."
    return Text(zh, en)


def _cite(ctx: ReportContext, *datasets: str) -> tuple[Text, ...]:
    return tuple(dict.fromkeys(ctx.cite(*datasets)))


def _outlook(ctx: ReportContext) -> Content:
    base_src = _cite(ctx, *data.BASE_DATASETS)
    plan_src = _cite(ctx, *data.BASE_DATASETS, *data.PLAN_DATASETS)
    runs = data.run_models()
    content = Content().add(Paragraph(_ASSUMPTIONS), *runs.missing)
    if runs.base is not None:
        content.add(*_backcast_part(runs.base, base_src))
    if runs.plan is not None:
        content.add(Paragraph(_scenario()), *_capacity_part(runs.plan, runs.base, plan_src))
    if runs.base is not None:
        content.add(*_dispatch_part(runs.base, base_src))
    if runs.base is not None or runs.plan is not None:
        content.add(*_curtailment_part(runs, plan_src))
    content.headline = headline(runs)
    return content


ENERGY_OUTLOOK = Section("energy_outlook", Text("电力系统展望", "Power system outlook"), _outlook)
