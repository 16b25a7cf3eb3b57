"""Sections 6 and 7: R&D intensity; population and ageing."""

from __future__ import annotations

import pandas as pd

from revitalize.report import figures
from revitalize.report.blocks import Content, Section, TableBlock, missing_text
from revitalize.report.context import ReportContext
from revitalize.report.i18n import Text, fmt_number, num_text, region_label
from revitalize.report.sections.common import (
    NE3,
    bilingual_figure,
    national_note,
    region_value_list,
    with_national,
)
from revitalize.report.transforms import (
    annual,
    latest_period,
    national,
    national_at,
    pick,
    value_at,
)
from revitalize.units import conversion_factor

__all__ = ["POPULATION", "RD", "share_65_plus"]


def _gap_text(below: int, national_value: float | None) -> Text:
    if national_value is None:
        return Text("", "")
    if below == len(NE3):
        return Text("三省均低于全国水平。", " All three provinces are below the national level.")
    if below == 0:
        return Text("三省均不低于全国水平。", " No province is below the national level.")
    return Text(f"{below}个省低于全国水平。",
                f" {below} of {len(NE3)} provinces are below the national level.")


def _rd(ctx: ReportContext) -> Content:
    f = ctx.fetch("rd_innovation", ["rd_intensity"])
    content = Content().add(*f.missing)
    df = annual(f.frame)
    tidy = with_national(df, "rd_intensity", NE3)
    if tidy.empty:
        return content
    content.add(bilingual_figure(
        "rd-intensity", figures.line_figure, df=tidy, order=[*NE3, "100000", "provinces"],
        title=Text("研发经费投入强度（R&D经费占GDP比重）", "R&D intensity (R&D expenditure / GDP)"),
        y_title=Text("%", "%"), decimals=2, sources=f.sources, notes=national_note(tidy),
    ))
    year = latest_period(pick(tidy, "rd_intensity", NE3), NE3)
    if year is None:
        return content
    vals = {c: v for c in NE3 if (v := value_at(df, "rd_intensity", c, year)) is not None}
    nat_v, _ = national_at(df, "rd_intensity", year)
    if nat_v is None:
        content.add(missing_text(Text(f"{year}年全国研发经费投入强度", f"national R&D intensity, "
                                      f"{year}")))
    rows = tuple(
        (region_label(c), num_text(v, 2))
        for c, v in [*vals.items(), ("100000", nat_v)]
        if v is not None
    )
    content.add(TableBlock(
        header=(Text("地区", "Region"), Text("研发强度（%）", "R&D intensity (%)")), rows=rows,
        sources=f.sources, caption=Text(f"{year}年", f"{year}"),
    ))
    gap = [c for c, v in vals.items() if nat_v is not None and v < nat_v]
    content.headline = Text(f"{year}年研发经费投入强度：", f"R&D intensity in {year}: ") + (
        region_value_list(vals, Text("%", "%"), 2)
    ) + (Text(f"；全国{fmt_number(nat_v, 2)}%", f"; China {fmt_number(nat_v, 2)}%")
         if nat_v is not None else Text("", "")) + Text("。", ".") + _gap_text(len(gap), nat_v)
    return content


def share_65_plus(df: pd.DataFrame) -> pd.DataFrame:
    """Share (%) of people aged 65+ by region and period.

    Uses the published ``share_65_plus`` where present; for other regions (e.g. the
    Northeast total) computes :math:`100 \\, P_{65+} / P` from ``population_65_plus``
    and ``population`` when both are available in the same unit.

    Returns
    -------
    pandas.DataFrame
        Tidy frame with ``region``, ``period`` and ``value``.
    """
    pub = df.loc[df["indicator"] == "share_65_plus", ["region", "period", "value"]]
    cols = ["region", "period", "value", "unit"]
    both = pd.merge(df.loc[df["indicator"] == "population_65_plus", cols],
                    df.loc[df["indicator"] == "population", cols],
                    on=["region", "period"], suffixes=("", "_tot"))
    both = both[both["unit"] == both["unit_tot"]]
    calc = both[["region", "period"]].assign(value=100.0 * both["value"] / both["value_tot"])
    have = set(zip(pub["region"], pub["period"], strict=True))
    calc = calc[[(r, p) not in have for r, p in zip(calc["region"], calc["period"], strict=True)]]
    return pd.concat([pub, calc], ignore_index=True)


def _population(ctx: ReportContext) -> Content:
    f = ctx.fetch("population", ["population", "population_65_plus", "share_65_plus"])
    content = Content().add(*[m for m in f.missing if f.frame.empty])
    df = annual(f.frame)
    pop = pick(df, "population", NE3)
    if pop.empty:
        return content if f.missing and f.frame.empty else content.add(
            missing_text(Text("常住人口（population）", "population")))
    unit = ctx.unit("population", "population")
    content.add(bilingual_figure(
        "population-total", figures.line_figure, df=pop, order=list(NE3), decimals=0,
        title=Text("常住人口", "Resident population"), y_title=unit, sources=f.sources,
    ))
    ne = pick(df, "population", ["northeast"]).dropna(subset=["value"])
    if not ne.empty:
        first, last = str(ne["period"].iloc[0]), str(ne["period"].iloc[-1])
        a, b = float(ne["value"].iloc[0]), float(ne["value"].iloc[-1])
        million = conversion_factor(str(ne["unit"].iloc[0]), "persons") / 1e6
        content.headline = Text(
            f"东北三省常住人口由{first}年的{fmt_number(a)}{unit.zh}变为{last}年的"
            f"{fmt_number(b)}{unit.zh}。",
            f"The Northeast's population went from {fmt_number(a * million, 1)} million in "
            f"{first} to {fmt_number(b * million, 1)} million in {last}. ",
        )
    ageing = share_65_plus(df)
    aged = pd.concat([ageing[ageing["region"].isin([*NE3, "northeast"])],
                      national(ageing.assign(indicator="s"), "s")[ageing.columns]])
    if aged.empty:
        return content.add(missing_text(Text("65岁及以上人口占比（share_65_plus）",
                                              "share aged 65+ (share_65_plus)")))
    content.add(bilingual_figure(
        "population-65plus", figures.line_figure, df=aged,
        order=[*NE3, "northeast", "100000", "provinces"], decimals=1,
        title=Text("65岁及以上人口占比", "Share of population aged 65 and over"),
        y_title=Text("%", "%"), sources=f.sources, notes=national_note(aged),
    ))
    y = latest_period(aged, ["northeast"])
    if y is not None:
        v = value_at(aged.assign(indicator="s"), "s", "northeast", y)
        n, code = national_at(aged.assign(indicator="s"), "s", y)
        nat = region_label(code or "100000")
        content.headline = (content.headline or Text("", "")) + Text(
            f"{y}年东北三省65岁及以上人口占比{fmt_number(v, 1)}%"
            + (f"（{nat.zh}{fmt_number(n, 1)}%）。" if n is not None else "。"),
            f"In {y} {fmt_number(v, 1)}% of the Northeast's population was aged 65 or over"
            + (f" ({nat.en}: {fmt_number(n, 1)}%)." if n is not None else "."),
        )
    return content


RD = Section("rd", Text("研发投入强度", "R&D intensity"), _rd)
POPULATION = Section("population", Text("人口与老龄化", "Population and ageing"), _population)
