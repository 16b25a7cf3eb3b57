"""Sections 2-4: GDP trend against the nation, sector structure, quarterly momentum."""

from __future__ import annotations

import pandas as pd

from revitalize.periods import period_sort_key
from revitalize.report import figures
from revitalize.report.blocks import Content, Section, TableBlock, missing_text
from revitalize.report.context import ReportContext
from revitalize.report.i18n import Text, fmt_number, num_text, period_label, region_label
from revitalize.report.sections.common import (
    NE3,
    bilingual_figure,
    national_note,
    region_value_list,
    with_national,
)
from revitalize.report.transforms import (
    annual,
    composition_shares,
    index_to_base,
    latest_period,
    national,
    pick,
    ratio,
    wide,
    ytd,
)

__all__ = ["GDP_TREND", "MOMENTUM", "STRUCTURE", "ne_share_of_national", "sector_shares"]

TREND_YEARS = 20
MOMENTUM_PERIODS = 12
SECTORS = ("gdp_primary", "gdp_secondary", "gdp_tertiary")
SECTOR_LABELS = {
    "gdp_primary": Text("第一产业", "Primary"),
    "gdp_secondary": Text("第二产业", "Secondary"),
    "gdp_tertiary": Text("第三产业", "Tertiary"),
}
SECTOR_COLOURS = {
    "gdp_primary": figures.SOURCE_COLOURS["primary"],
    "gdp_secondary": figures.SOURCE_COLOURS["secondary"],
    "gdp_tertiary": figures.SOURCE_COLOURS["tertiary"],
}


def ne_share_of_national(df: pd.DataFrame, indicator: str = "gdp") -> pd.Series:
    """Northeast total as % of the national series, by period.

    .. math:: s_t = 100 \\, x_{NE,t} / x_{CN,t}
    """
    ne = pick(df, indicator, ["northeast"]).set_index("period")["value"]
    nat = national(df, indicator).set_index("period")["value"]
    out = ratio(ne, nat)
    return out.loc[sorted(out.index, key=period_sort_key)]


def sector_shares(df: pd.DataFrame, region: str) -> pd.DataFrame:
    """Primary/secondary/tertiary shares (%) of one region's GDP, by period."""
    sub = df[(df["region"] == region) & df["indicator"].isin(SECTORS)]
    w = wide(sub, columns="indicator")
    if w.empty or not set(SECTORS) <= set(w.columns):
        return pd.DataFrame(columns=list(SECTORS))
    return composition_shares(w[list(SECTORS)])


def _tidy(s: pd.Series, region: str) -> pd.DataFrame:
    return pd.DataFrame({"region": region, "period": s.index.astype(str), "value": s.to_numpy()})


def _gdp_trend(ctx: ReportContext) -> Content:
    f = ctx.fetch("gdp", ["gdp"])
    content = Content().add(*f.missing)
    df = annual(f.frame)
    if df.empty:
        return content
    codes = [*NE3, "northeast"]
    tidy = with_national(df, "gdp", codes)
    w = wide(tidy.assign(region=tidy["region"].replace("provinces", "100000")))
    last: list[str] = [str(p) for p in w.dropna(how="any").index[-TREND_YEARS:]]
    if len(last) < 2:
        what = Text("可比的年度地区生产总值序列", "comparable annual GDP")
        return content.add(missing_text(what))
    idx = index_to_base(w.loc[last], last[0])
    long = idx.reset_index(names="period").melt(id_vars="period", var_name="region")
    notes = national_note(tidy)
    content.add(bilingual_figure(
        "gdp-index", figures.line_figure, df=long, order=[*codes, "100000"],
        title=Text(f"名义地区生产总值指数（{last[0]}年=100）",
                   f"Nominal GDP index ({last[0]} = 100)"),
        y_title=Text(f"{last[0]}年=100", f"{last[0]} = 100"), sources=f.sources, notes=notes,
    ))
    share = ne_share_of_national(df)
    if share.empty:
        return content.add(missing_text(Text("全国地区生产总值", "national GDP")))
    content.add(bilingual_figure(
        "gdp-ne-share", figures.line_figure, df=_tidy(share, "northeast"),
        title=Text("东北三省地区生产总值占全国比重", "Northeast share of national GDP"),
        y_title=Text("%", "%"), decimals=2, sources=f.sources, notes=notes,
    ))
    first, end = str(share.index[max(0, len(share) - TREND_YEARS)]), str(share.index[-1])
    a, b = float(share[first]), float(share[end])
    content.headline = Text(
        f"东北三省地区生产总值占全国的比重由{first}年的{fmt_number(a, 1)}%变为{end}年的"
        f"{fmt_number(b, 1)}%。",
        f"The Northeast's share of national GDP went from {fmt_number(a, 1)}% in {first} to "
        f"{fmt_number(b, 1)}% in {end}.",
    )
    return content


def _structure(ctx: ReportContext) -> Content:
    f = ctx.fetch("gdp", list(SECTORS))
    content = Content().add(*f.missing)
    df = annual(f.frame)
    shares = sector_shares(df, "northeast")
    if shares.empty:
        return content if f.missing else content.add(
            missing_text(Text("东北三省三次产业增加值", "Northeast value added by sector")))
    content.add(bilingual_figure(
        "gdp-structure", figures.stacked_area_figure, w=shares, labels=SECTOR_LABELS,
        colours=SECTOR_COLOURS, title=Text("东北三省三次产业结构", "Northeast GDP by sector"),
        y_title=Text("占比（%）", "share (%)"), sources=f.sources,
    ))
    year = str(shares.index[-1])
    rows = []
    for code in [*NE3, "northeast", "100000"]:
        s = sector_shares(df, code)
        if year in s.index:
            vals = s.loc[year, list(SECTORS)].to_numpy(dtype=float)
            rows.append((region_label(code), *(num_text(float(v), 1) for v in vals)))
    content.add(TableBlock(
        header=(Text("地区", "Region"),
                *(SECTOR_LABELS[k] + Text("（%）", " (%)") for k in SECTORS)),
        rows=tuple(rows), sources=f.sources,
        caption=Text(f"{year}年三次产业结构", f"GDP by sector, {year}"),
    ))
    p, s2, t3 = (fmt_number(float(v), 1) for v in shares.loc[year, list(SECTORS)].to_numpy(float))
    content.headline = Text(f"{year}年东北三省三次产业结构为{p}:{s2}:{t3}。",
                            f"In {year} the Northeast's primary:secondary:tertiary split was "
                            f"{p}:{s2}:{t3}.")
    return content


def _momentum(ctx: ReportContext) -> Content:
    f = ctx.fetch("gdp", ["gdp_real_growth"])
    content = Content().add(*f.missing)
    df = ytd(f.frame)
    tidy = with_national(df, "gdp_real_growth", NE3)
    if tidy.empty:
        return content
    periods = sorted(tidy["period"].unique(), key=period_sort_key)[-MOMENTUM_PERIODS:]
    tidy = tidy[tidy["period"].isin(periods)]
    if national(df, "gdp_real_growth").empty:
        content.add(missing_text(Text("全国实际增速（gdp_real_growth，100000）",
                                      "national real growth (gdp_real_growth, 100000)")))
    content.add(bilingual_figure(
        "gdp-momentum", figures.line_figure, df=tidy, order=[*NE3, "100000", "provinces"],
        title=Text("地区生产总值实际增速（累计同比）", "Real GDP growth, year to date, y/y"),
        y_title=Text("%", "%"), sources=f.sources,
    ))
    last = latest_period(pick(tidy, "gdp_real_growth", NE3), NE3)
    if last is not None:
        vals = {c: float(tidy[(tidy.region == c) & (tidy.period == last)]["value"].iloc[0])
                for c in NE3}
        content.headline = Text(f"{period_label(last, 'zh')}实际增速：", f"Real growth, "
                                f"{period_label(last, 'en')}: ") + region_value_list(
            vals, Text("%", "%")) + Text("。", ".")
    return content


GDP_TREND = Section("gdp_trend", Text("经济总量与全国比较", "GDP against the nation"), _gdp_trend)
STRUCTURE = Section("structure", Text("三次产业结构", "Sector structure"), _structure)
MOMENTUM = Section("momentum", Text("季度增长势头", "Quarterly momentum"), _momentum)
