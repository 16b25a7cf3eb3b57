"""Helpers shared by the section builders."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import pandas as pd

from revitalize.report.blocks import FigureBlock
from revitalize.report.i18n import LANGS, Text, fmt_number, region_label
from revitalize.report.transforms import PROVINCES_SUM, national, pick

__all__ = [
    "NE3",
    "bilingual_figure",
    "national_note",
    "region_value_list",
    "with_national",
]

NE3: tuple[str, ...] = ("210000", "220000", "230000")


def bilingual_figure(
    fig_id: str,
    builder: Callable[..., Any],
    *,
    sources: Sequence[Text] = (),
    notes: Sequence[Text] = (),
    **kwargs: Any,
) -> FigureBlock:
    """Call a figure builder once per language and wrap the figures in a block.

    Parameters
    ----------
    fig_id
        Unique id of the figure in the report.
    builder
        A function of :mod:`revitalize.report.figures` or :mod:`revitalize.report.maps`
        accepting ``lang=`` and ``**kwargs``.
    sources, notes
        Source lines and notes shown under the figure.
    """
    figs = {lang: builder(lang=lang, **kwargs) for lang in LANGS}
    return FigureBlock(fig_id, figs, tuple(sources), tuple(notes))


def with_national(df: pd.DataFrame, indicator: str, codes: Sequence[str]) -> pd.DataFrame:
    """Rows of ``indicator`` for ``codes`` plus the national series (see ``national``)."""
    return pd.concat([pick(df, indicator, codes), national(df, indicator)], ignore_index=True)


def national_note(df: pd.DataFrame) -> tuple[Text, ...]:
    """A note if the national series shown is the sum of the 31 provinces."""
    if (df["region"] == PROVINCES_SUM).any():
        return (
            Text(
                "全国数据缺失的时期，以31个省区市之和代替（标为“31省区市合计”）。",
                "Where no national series is published, China is the sum of the 31 "
                "provinces (labelled as such).",
            ),
        )
    return ()


def region_value_list(
    values: dict[str, float], unit: Text, decimals: int = 1, sep: Text | None = None
) -> Text:
    """``"辽宁 2.2%，吉林 1.4%"`` / ``"Liaoning 2.2%, Jilin 1.4%"`` from region values."""
    sep = sep or Text("，", ", ")
    zh = sep.zh.join(
        f"{region_label(c).zh} {fmt_number(v, decimals)}{unit.zh}" for c, v in values.items()
    )
    en = sep.en.join(
        f"{region_label(c).en} {fmt_number(v, decimals)}{unit.en}" for c, v in values.items()
    )
    return Text(zh, en)
