"""Section 1: headline figures, each with its source.

The first card checks the policy text's claim ("In the first half of this year, the
three northeastern provinces achieved a regional GDP of 2.7 trillion yuan") against the
provincial first-release data: the sum of Liaoning, Jilin and Heilongjiang for 2023H1.
"""

from __future__ import annotations

import pandas as pd

from revitalize.report.blocks import Card, Content, Missing, Section, missing_text
from revitalize.report.context import Fetch, ReportContext
from revitalize.report.i18n import Text, fmt_number, period_label, vintage_label
from revitalize.report.sections.common import NE3, region_value_list
from revitalize.report.transforms import (
    annual,
    latest_period,
    national_at,
    pick,
    value_at,
)
from revitalize.units import conversion_factor, convert

__all__ = ["HEADLINE_PERIOD", "POLICY_CLAIM_TN", "SECTION", "build", "h1_gdp_card"]

#: Period the policy text refers to ("the first half of this year", published 2023).
HEADLINE_PERIOD = "2023H1"
#: The figure quoted in the policy text, in trillion yuan (a claim to check, not data).
POLICY_CLAIM_TN = 2.7

_UNIT = "CNY 100m"


def _vintage(values: pd.Series) -> Text:
    return vintage_label(str(values.iloc[0])) if len(values) else Text("", "")


def h1_gdp_card(ctx: ReportContext) -> tuple[Card | None, Text | None, list[Missing]]:
    """Card and headline sentence for the Northeast's GDP in :data:`HEADLINE_PERIOD`.

    Returns
    -------
    (Card or None, Text or None, list)
        The card and sentence, or ``None`` for both and the missing-series notices.
    """
    f = ctx.fetch("gdp", ["gdp"])
    total = value_at(f.frame, "gdp", "northeast", HEADLINE_PERIOD)
    if total is None:
        what = Text(f"东北三省{period_label(HEADLINE_PERIOD, 'zh')}地区生产总值（gdp）",
                    f"Northeast GDP for {HEADLINE_PERIOD} (gdp)")
        return None, None, f.missing or [missing_text(what)]
    tn = float(convert(total, _UNIT, "CNY tn"))
    parts = {c: v for c in NE3 if (v := value_at(f.frame, "gdp", c, HEADLINE_PERIOD)) is not None}
    rows = pick(f.frame, "gdp", ["northeast"])
    vintage = _vintage(rows[rows["period"] == HEADLINE_PERIOD]["vintage"])
    matches = fmt_number(tn, 1) == fmt_number(POLICY_CLAIM_TN, 1)
    claim = Text(
        f"政策文本称“上半年东北三省实现地区生产总值{POLICY_CLAIM_TN}万亿元”"
        + ("，与数据一致。" if matches else "，与数据不一致。"),
        f"The policy text says \u201cthe three northeastern provinces achieved a regional "
        f"GDP of {POLICY_CLAIM_TN} trillion yuan\u201d in the first half of the year"
        + (", consistent with the data." if matches else ", which the data do not match."),
    )
    card = Card(
        label=Text("2023年上半年东北三省地区生产总值", "Northeast GDP, first half of 2023"),
        value=Text(f"{fmt_number(total)}亿元", f"{fmt_number(tn, 2)} trillion yuan"),
        detail=Text(f"约{fmt_number(tn, 2)}万亿元 = ",
                    f"= {fmt_number(total)} × 100 million yuan = ")
        + region_value_list(parts, Text("亿元", ""), decimals=0, sep=Text(" + ", " + "))
        + Text(f"（{vintage.zh}）。", f" ({vintage.en}). ")
        + claim,
        sources=f.sources,
    )
    sentence = Text(
        f"2023年上半年，辽宁、吉林、黑龙江三省地区生产总值合计{fmt_number(total)}亿元"
        f"（约{fmt_number(tn, 2)}万亿元）。",
        f"In the first half of 2023 Liaoning, Jilin and Heilongjiang together produced a GDP "
        f"of {fmt_number(tn, 2)} trillion yuan ({fmt_number(total)} × 100 million yuan).",
    )
    return card, sentence, []


def _missing(f: Fetch, what: Text) -> Missing:
    return f.missing[0] if f.missing else missing_text(what)


def _annual_gdp_card(ctx: ReportContext) -> Card | Missing:
    f = ctx.fetch("gdp", ["gdp"])
    df = annual(f.frame)
    year = latest_period(pick(df, "gdp", ["northeast"]))
    if year is None:
        return _missing(f, Text("东北三省年度地区生产总值", "annual Northeast GDP"))
    ne = value_at(df, "gdp", "northeast", year) or float("nan")
    nat_v, nat_code = national_at(df, "gdp", year)
    share = Text("", "")
    if nat_v:
        s = fmt_number(100 * ne / nat_v, 1)
        of = Text("31省区市合计", "the sum of 31 provinces") if nat_code == "provinces" else Text(
            "全国", "China's GDP")
        share = Text(f"占{of.zh}的{s}%。", f"{s}% of {of.en}.")
    return Card(
        label=Text(f"{year}年东北三省地区生产总值", f"Northeast GDP, {year}"),
        value=Text(f"{fmt_number(ne)}亿元",
                   f"{fmt_number(float(convert(ne, _UNIT, 'CNY tn')), 2)} trillion yuan"),
        detail=share,
        sources=f.sources,
    )


def _population_card(ctx: ReportContext) -> Card | Missing:
    f = ctx.fetch("population", ["population"])
    df = annual(pick(f.frame, "population", ["northeast"]))
    year = latest_period(df)
    if year is None:
        return _missing(f, Text("东北三省常住人口", "Northeast population"))
    v = value_at(df, "population", "northeast", year) or float("nan")
    unit = ctx.unit("population", "population")
    unit_id = str(df["unit"].iloc[0])
    million = v * conversion_factor(unit_id, "persons") / 1e6
    return Card(
        label=Text(f"{year}年东北三省常住人口", f"Northeast population, {year}"),
        value=Text(f"{fmt_number(v)}{unit.zh}", f"{fmt_number(million, 1)} million"),
        detail=Text("辽宁、吉林、黑龙江合计。", "Sum of Liaoning, Jilin and Heilongjiang."),
        sources=f.sources,
    )


def _rd_card(ctx: ReportContext) -> Card | Missing:
    f = ctx.fetch("rd_innovation", ["rd_intensity"])
    df = annual(f.frame)
    year = latest_period(pick(df, "rd_intensity", NE3), NE3)
    if year is None:
        return _missing(f, Text("辽吉黑研发经费投入强度", "R&D intensity of LN, JL, HL"))
    vals = {c: v for c in NE3 if (v := value_at(df, "rd_intensity", c, year)) is not None}
    nat_v, _ = national_at(df, "rd_intensity", year)
    return Card(
        label=Text(f"{year}年研发经费投入强度", f"R&D intensity, {year}"),
        value=region_value_list(vals, Text("%", "%"), decimals=2, sep=Text(" · ", " · ")),
        detail=Text(f"R&D经费占GDP比重；全国{fmt_number(nat_v, 2)}%。",
                    f"R&D expenditure as % of GDP; China {fmt_number(nat_v, 2)}%.")
        if nat_v is not None else Text("R&D经费占GDP比重。", "R&D expenditure as % of GDP."),
        sources=f.sources,
    )


def build(ctx: ReportContext) -> Content:
    """Headline cards: H1 2023 GDP, latest annual GDP, population, R&D intensity."""
    content = Content()
    card, sentence, missing = h1_gdp_card(ctx)
    content.headline = sentence
    if card is not None:
        content.add(card)
    content.add(*missing)
    content.add(_annual_gdp_card(ctx), _population_card(ctx), _rd_card(ctx))
    return content


SECTION = Section("headline", Text("核心指标", "Headline figures"), build)
