"""Section 5: installed power capacity by source and the non-fossil (clean) share.

Capacity statistics list a source only where a province has it: Jilin and Heilongjiang
have no nuclear plant and no ``capacity_nuclear`` series. A source in
:data:`OPTIONAL` that a region *never* reports is therefore left out of that region's
total (which is the same as counting it as zero) and the figure says so; a required
source missing in some year drops that year, so no bar or share is ever formed from an
incomplete set of sources.
"""

from __future__ import annotations

from collections.abc import Sequence

import pandas as pd

from revitalize.periods import period_sort_key
from revitalize.report import figures
from revitalize.report.blocks import Content, Section, missing_text
from revitalize.report.context import ReportContext
from revitalize.report.i18n import Text, fmt_number, region_label
from revitalize.report.sections.common import NE3, bilingual_figure, national_note
from revitalize.report.transforms import annual, latest_period, national, national_at, value_at
from revitalize.units import conversion_factor

__all__ = ["CAPACITY", "OPTIONAL", "POWER", "capacity_table", "clean_share", "sum_regions",
           "to_unit"]

CAPACITY: dict[str, Text] = {  # stacking order, bottom first
    "capacity_thermal": Text("火电", "Thermal"),
    "capacity_nuclear": Text("核电", "Nuclear"),
    "capacity_hydro": Text("水电", "Hydro"),
    "capacity_wind": Text("风电", "Wind"),
    "capacity_solar": Text("太阳能发电", "Solar"),
}
FOSSIL = ("capacity_thermal",)
OPTIONAL = ("capacity_nuclear",)
MIX_YEARS = 5
_COLOURS = {k: figures.SOURCE_COLOURS[k.removeprefix("capacity_")] for k in CAPACITY}


def to_unit(df: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Convert the ``value`` column of a tidy frame into ``unit`` row by row."""
    factors = {u: conversion_factor(u, unit) for u in df["unit"].unique()}
    return df.assign(value=df["value"] * df["unit"].map(factors), unit=unit)


def capacity_table(
    df: pd.DataFrame,
    parts: Sequence[str] = tuple(CAPACITY),
    optional: Sequence[str] = OPTIONAL,
) -> tuple[pd.DataFrame, dict[str, list[str]]]:
    """Capacity by (region, period) x source, complete rows only.

    Parameters
    ----------
    df
        Tidy rows of the capacity indicators (one unit).
    parts
        Sources, in stacking order.
    optional
        Sources a region may lack altogether; where a region has no row of one in any
        period it is set to 0 for that region.

    Returns
    -------
    (pandas.DataFrame, dict)
        Wide frame indexed by (region, period), one column per source, keeping only
        rows where every source is known; and, per region, the optional sources it
        never reports.
    """
    sub = df[df["indicator"].isin(list(parts))]
    if sub.empty:
        return pd.DataFrame(columns=list(parts)), {}
    w = sub.pivot_table(index=["region", "period"], columns="indicator", values="value",
                        aggfunc="first").reindex(columns=list(parts))
    never: dict[str, list[str]] = {}
    for region, block in w.groupby(level="region"):
        absent = [p for p in optional if block[p].isna().all()]
        if absent:
            never[str(region)] = absent
            w.loc[block.index, absent] = 0.0
    return w.dropna(how="any"), never


def sum_regions(w: pd.DataFrame, members: Sequence[str], name: str) -> pd.DataFrame:
    """Rows ``name`` = sum of ``members`` for the periods where all members are present."""
    sub = w[w.index.get_level_values("region").isin(list(members))]
    counts = sub.groupby(level="period").size()
    full = counts[counts == len(members)].index
    total = sub.groupby(level="period").sum().loc[full]
    total.index = pd.MultiIndex.from_product([[name], total.index], names=["region", "period"])
    return total


def clean_share(w: pd.DataFrame) -> pd.DataFrame:
    """Non-fossil share (%) of installed capacity for each row of a capacity table.

    .. math:: s_{r,t} = 100 \\, \\sum_{k \\notin fossil} C_{r,k,t} / \\sum_k C_{r,k,t}

    Returns
    -------
    pandas.DataFrame
        Tidy frame with ``region``, ``period`` and ``value`` (%).
    """
    if w.empty:
        return pd.DataFrame(columns=["region", "period", "value"])
    clean = w[[c for c in w.columns if c not in FOSSIL]].sum(axis=1)
    total = w.sum(axis=1)
    out = (100.0 * clean / total.where(total != 0)).rename("value").reset_index()
    return out.dropna(subset=["value"])


def _long(w: pd.DataFrame) -> pd.DataFrame:
    return w.reset_index().melt(id_vars=["region", "period"], var_name="indicator")


_SCOPE_NOTE = Text(
    "省级火电、水电、风电装机为6000千瓦及以上电厂口径（太阳能含分布式），全国为全口径，"
    "二者不完全可比。",
    "Provincial thermal, hydro and wind capacity cover plants of 6 MW and above (solar "
    "includes distributed PV); the national figures cover all plants, so the two are not "
    "strictly comparable.",
)


def _notes(never: dict[str, list[str]], dropped: list[str]) -> list[Text]:
    notes = []
    for source in OPTIONAL:
        regs = [r for r in NE3 if source in never.get(r, [])]
        if regs:
            names = Text("、".join(region_label(r).zh for r in regs),
                         ", ".join(region_label(r).en for r in regs))
            label = CAPACITY[source]
            notes.append(Text(f"{names.zh}无{label.zh}装机数据（无{label.zh}站），按0计。",
                              f"{names.en}: no {label.en.lower()} capacity series (no plants); "
                              "counted as 0."))
    if dropped:
        notes.append(Text(f"{'、'.join(dropped)}年辽吉黑部分电源装机未发布，未显示。",
                          f"{', '.join(dropped)}: capacity of some sources not published for "
                          "Liaoning, Jilin or Heilongjiang; not shown."))
    return notes


def _power(ctx: ReportContext) -> Content:
    f = ctx.fetch("power", list(CAPACITY))
    content = Content().add(*[m for m in f.missing if f.frame.empty])
    df = annual(f.frame)
    if df.empty:
        return content
    w, never = capacity_table(to_unit(df, "GW"))
    prov = w[w.index.get_level_values("region").isin(list(NE3))]
    if prov.empty:
        return content.add(missing_text(Text("辽吉黑完整的分电源装机容量",
                                             "complete capacity by source for LN, JL, HL")))
    all_years = sorted(set(df.loc[df["region"].isin(list(NE3)), "period"]), key=period_sort_key)
    years = sorted(set(prov.index.get_level_values("period")), key=period_sort_key)[-MIX_YEARS:]
    dropped = [y for y in all_years if period_sort_key(y) > period_sort_key(years[-1])]
    mix = _long(prov[prov.index.get_level_values("period").isin(years)])
    notes = _notes(never, dropped)
    content.add(bilingual_figure(
        "power-mix", figures.stacked_bar_figure, df=mix, labels=CAPACITY, colours=_COLOURS,
        order=list(NE3), title=Text("分电源装机容量", "Installed capacity by source"),
        y_title=Text("吉瓦（GW）", "GW"), sources=f.sources, notes=notes,
    ))
    share = clean_share(pd.concat([prov, sum_regions(prov, NE3, "northeast")]))
    nat_w, _ = capacity_table(df[df["region"].isin(["100000", "provinces"])])
    nat = national(clean_share(nat_w).assign(indicator="s"), "s")[share.columns]
    shown = pd.concat([share, nat], ignore_index=True)
    content.add(bilingual_figure(
        "power-clean-share", figures.line_figure, df=shown,
        order=[*NE3, "northeast", "100000", "provinces"],
        title=Text("非化石能源装机占比（水、核、风、光）",
                   "Non-fossil share of capacity (hydro, nuclear, wind, solar)"),
        y_title=Text("%", "%"), sources=f.sources,
        notes=(*notes, *national_note(shown), _SCOPE_NOTE),
    ))
    year = latest_period(shown, ["northeast"])
    if year is not None:
        s = shown.assign(indicator="s")
        ne = value_at(s, "s", "northeast", year)
        nat_v, _ = national_at(s, "s", year)
        content.headline = Text(
            f"{year}年东北三省非化石能源装机占比{fmt_number(ne, 1)}%"
            + (f"（全国{fmt_number(nat_v, 1)}%）。" if nat_v is not None else "。"),
            f"In {year} non-fossil sources made up {fmt_number(ne, 1)}% of the Northeast's "
            "installed capacity"
            + (f" (China: {fmt_number(nat_v, 1)}%)." if nat_v is not None else "."),
        )
    return content


POWER = Section("power", Text("电力装机结构与清洁能源占比", "Power capacity mix and clean share"),
                _power)
