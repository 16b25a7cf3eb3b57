"""Figure builders of the energy outlook section: modelled vs reported, weekly dispatch.

Like :mod:`revitalize.report.figures`, pure functions from frames to plotly figures,
called once per language.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from revitalize.report.figures import SOURCE_COLOURS, base_layout
from revitalize.report.i18n import Text, fmt_number, region_label

__all__ = ["CARRIER_COLOURS", "comparison_figure", "dispatch_figure"]

CARRIER_COLOURS: dict[str, str] = {
    **SOURCE_COLOURS,
    "PHS": "#5aa9e6",
    "storage": "#5aa9e6",
    "battery": "#e377c2",
    "electrolysis": "#17becf",
    "fuel cell": "#0e7c86",
    "imports": "#9e9e9e",
    "unserved": "#d62728",
}
_MODEL, _REPORTED = "#1f6fb4", "#b9b9b9"


def comparison_figure(
    df: pd.DataFrame,
    *,
    categories: Mapping[str, Text],
    series: Mapping[str, Text],
    title: Text,
    y_title: Text,
    lang: str,
    order: Sequence[str],
    missing: Text,
) -> go.Figure:
    """Modelled and reported values side by side, one panel per region.

    Parameters
    ----------
    df
        Rows with ``region``, ``source``, ``modelled`` and ``reported`` (NaN where no
        series is published; such bars are labelled ``missing``).
    categories
        Bilingual name of each source, left to right within a panel.
    series
        Legend names of ``"modelled"`` and ``"reported"``.
    title, y_title, lang
        As in :func:`revitalize.report.figures.line_figure`.
    order
        Region codes, one panel each, left to right.
    missing
        Label of a reported value that is not published.
    """
    codes = [c for c in order if (df["region"] == c).any()]
    fig = make_subplots(rows=1, cols=max(len(codes), 1), shared_yaxes=True,
                        horizontal_spacing=0.03,
                        subplot_titles=[region_label(c).get(lang) for c in codes])
    names = [lab.get(lang) for lab in categories.values()]
    for k, code in enumerate(codes):
        sub = df[df["region"] == code].set_index("source").reindex(list(categories))
        for col, colour in (("modelled", _MODEL), ("reported", _REPORTED)):
            vals = sub[col].to_numpy(dtype=float)
            gap = np.isnan(vals)
            label = series[col].get(lang)
            fig.add_trace(go.Bar(
                x=names, y=np.where(gap, 0.0, vals), name=label, legendgroup=col,
                showlegend=k == 0, marker={"color": colour},
                text=[missing.get(lang) if g else "" for g in gap], textposition="outside",
                textfont={"size": 11, "color": "#7a4b00"},
                hovertext=[missing.get(lang) if g else fmt_number(v, 1)
                           for g, v in zip(gap, vals, strict=True)],
                hovertemplate=f"%{{x}}: %{{hovertext}}<extra>{label}</extra>",
            ), row=1, col=k + 1)
    fig = base_layout(fig, title, y_title, lang)
    fig.update_layout(barmode="group", bargap=0.25, hovermode="closest")
    fig.update_yaxes(title_text="", col=2)
    fig.update_yaxes(title_text="", col=3)
    return fig


def dispatch_figure(
    weeks: Mapping[str, pd.DataFrame],
    *,
    panels: Mapping[str, Text],
    labels: Mapping[str, Text],
    load: Text,
    title: Text,
    y_title: Text,
    lang: str,
    scale: float = 1e-3,
) -> go.Figure:
    """Stacked areas of dispatch by carrier with the load as a line, one panel per week.

    Parameters
    ----------
    weeks
        One frame per panel (snapshot index; a column per carrier and ``load``, in MW,
        see :func:`~revitalize.report.sections.energy_outlook_data.dispatch_frame`).
        Positive parts stack above zero, negative parts (storage charging, exports)
        below.
    panels
        Bilingual title of each panel (keys of ``weeks``).
    labels
        Bilingual name of each carrier, in stacking order (bottom first); carriers that
        are zero throughout are left out.
    load
        Name of the load line.
    title, y_title, lang
        As in :func:`revitalize.report.figures.line_figure`.
    scale
        Factor applied to the values (default MW -> GW).
    """
    keys = [k for k in panels if k in weeks]
    fig = make_subplots(rows=1, cols=max(len(keys), 1), shared_yaxes=True,
                        horizontal_spacing=0.04,
                        subplot_titles=[panels[k].get(lang) for k in keys])
    shown: set[str] = set()
    for k, key in enumerate(keys):
        w = weeks[key] * scale
        for part, sign in (("pos", 1.0), ("neg", -1.0)):
            for col, lab in labels.items():
                if col not in w.columns:
                    continue
                y = (sign * w[col]).clip(lower=0.0) * sign
                if not (y.abs() > 1e-6).any():
                    continue
                name = lab.get(lang)
                fig.add_trace(go.Scatter(
                    x=w.index, y=y.to_numpy(dtype=float), name=name, legendgroup=col,
                    showlegend=col not in shown, mode="lines", stackgroup=f"{part}{k}",
                    line={"width": 0.4, "color": CARRIER_COLOURS.get(col)},
                    fillcolor=CARRIER_COLOURS.get(col),
                    hovertemplate=f"%{{y:,.1f}}<extra>{name}</extra>",
                ), row=1, col=k + 1)
                shown.add(col)
        fig.add_trace(go.Scatter(
            x=w.index, y=w["load"].to_numpy(dtype=float), name=load.get(lang),
            legendgroup="load", showlegend=k == 0, mode="lines",
            line={"color": "#111111", "width": 2},
            hovertemplate=f"%{{y:,.1f}}<extra>{load.get(lang)}</extra>",
        ), row=1, col=k + 1)
    fig = base_layout(fig, title, y_title, lang)
    fig.update_xaxes(tickformat="%m-%d", dtick=86_400_000)
    fig.update_yaxes(title_text="", col=2)
    return fig
