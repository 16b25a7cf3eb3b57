"""Section 8: CO2 emissions of the Northeast (CEADs inventories, to 2019)."""

from __future__ import annotations

from revitalize.report import figures
from revitalize.report.blocks import Content, Section, missing_text
from revitalize.report.context import ReportContext
from revitalize.report.i18n import Text, fmt_number
from revitalize.report.sections.common import (
    NE3,
    bilingual_figure,
    region_value_list,
)
from revitalize.report.transforms import (
    annual,
    latest_period,
    national_at,
    pick,
    value_at,
)
from revitalize.units import get_unit

__all__ = ["CO2"]


def _co2(ctx: ReportContext) -> Content:
    f = ctx.fetch("co2", ["co2_total"])
    content = Content().add(*f.missing)
    df = annual(f.frame)
    tidy = pick(df, "co2_total", [*NE3, "northeast"])
    if tidy.empty:
        return content if f.missing else content.add(
            missing_text(Text("东北三省二氧化碳排放（co2_total）", "Northeast CO2 (co2_total)")))
    u = get_unit(str(tidy["unit"].iloc[0]))
    unit = Text(u.zh, u.en)
    content.add(bilingual_figure(
        "co2-trend", figures.line_figure, df=tidy, order=[*NE3, "northeast"],
        title=Text("二氧化碳排放（CEADs 清单）", "CO2 emissions (CEADs inventory)"),
        y_title=unit, decimals=0, sources=f.sources,
    ))
    year = latest_period(tidy, [*NE3, "northeast"])
    if year is not None:
        vals = {c: v for c in NE3 if (v := value_at(df, "co2_total", c, year)) is not None}
        ne = value_at(df, "co2_total", "northeast", year) or float("nan")
        nat_v, _ = national_at(df, "co2_total", year)
        share = Text("", "")
        if nat_v:
            pct = fmt_number(100 * ne / nat_v, 1)
            share = Text(f"，占全国{pct}%", f", {pct}% of China's total")
        content.headline = (
            Text(f"{year}年东北三省二氧化碳排放{fmt_number(ne)}{unit.zh}（",
                 f"In {year} the Northeast's CO2 emissions were {fmt_number(ne)} {unit.en} (")
            + region_value_list(vals, Text("", ""), 0)
            + Text("）", ")") + share + Text("。", ".")
        )
    return content


CO2 = Section("co2", Text("二氧化碳排放", "CO2 emissions"), _co2)
