"""Plotly figure builders: pure functions from tidy frames to figures.

Each builder takes a tidy frame (at least ``region``, ``period`` and ``value``; the
capacity mix also ``indicator``), bilingual labels and a language, and returns a
:class:`plotly.graph_objects.Figure`. The report calls each builder once per language.
Nothing here loads data or writes files.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from revitalize.periods import parse_period, period_sort_key
from revitalize.report.i18n import Text, period_label, region_label

__all__ = [
    "FONT_FAMILY",
    "REGION_COLOURS",
    "SOURCE_COLOURS",
    "category_grid_figure",
    "dot_panels_figure",
    "line_figure",
    "stacked_area_figure",
    "stacked_bar_figure",
]

FONT_FAMILY = (
    "system-ui, -apple-system, 'Noto Sans CJK SC', 'Source Han Sans SC', 'PingFang SC', "
    "'Microsoft YaHei', 'Segoe UI', 'Helvetica Neue', Arial, sans-serif"
)

REGION_COLOURS: dict[str, str] = {
    "210000": "#1f6fb4",  # Liaoning
    "220000": "#2e9e48",  # Jilin
    "230000": "#c8372d",  # Heilongjiang
    "northeast": "#222222",
    "100000": "#8c8c8c",
    "provinces": "#8c8c8c",
}

SOURCE_COLOURS: dict[str, str] = {
    "thermal": "#6b5b4e",
    "coal": "#6b5b4e",
    "gas": "#b07aa1",
    "oil": "#9c755f",
    "hydro": "#2f7ebc",
    "nuclear": "#8e6cc0",
    "wind": "#27a3a0",
    "solar": "#f2b134",
    "biomass": "#7aa05a",
    "other": "#aaaaaa",
    "primary": "#7aa05a",
    "secondary": "#d9822b",
    "tertiary": "#3b7dd8",
}

_DASHED = {"100000", "provinces"}


def _is_annual(periods: Sequence[str]) -> bool:
    return all(parse_period(p).kind == "Y" for p in periods)


def _x_values(periods: Sequence[str], annual: bool, lang: str) -> list[object]:
    if annual:
        return [int(parse_period(p).year) for p in periods]
    return [period_tick(p, lang) for p in periods]


def period_tick(label: str, lang: str) -> str:
    """Two-line axis label of a sub-annual period (``"2023年<br>上半年"``)."""
    text = period_label(label, lang)
    year = str(parse_period(label).year)
    rest = text.removeprefix(year).removeprefix("年").strip()
    if not rest:
        return text
    return f"{year}{'年' if lang == 'zh' else ''}<br>{rest}"


def base_layout(fig: go.Figure, title: Text, y_title: Text, lang: str) -> go.Figure:
    """Apply the report's common layout: title, fonts, legend, margins.

    Parameters
    ----------
    fig
        Figure to style (changed in place and returned).
    title, y_title
        Bilingual figure and y-axis titles.
    lang
        ``"zh"`` or ``"en"``.
    """
    fig.update_layout(
        title={"text": title.get(lang), "x": 0.0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT_FAMILY, "size": 13, "color": "#222"},
        template="plotly_white",
        legend={"orientation": "h", "yref": "container", "yanchor": "bottom", "y": 0.0,
                "x": 0.0},
        margin={"l": 60, "r": 20, "t": 56, "b": 90},
        height=420,
        hovermode="x unified",
        separators=".,",
    )
    fig.update_yaxes(title_text=y_title.get(lang), rangemode="normal")
    return fig


def line_figure(
    df: pd.DataFrame,
    *,
    title: Text,
    y_title: Text,
    lang: str,
    order: Sequence[str] | None = None,
    decimals: int = 1,
) -> go.Figure:
    """One line per region over time.

    Parameters
    ----------
    df
        Tidy rows with ``region``, ``period`` and ``value``; annual periods are drawn on
        a numeric year axis, other periods (e.g. ``2023H1``) as ordered categories.
    title, y_title
        Bilingual figure and y-axis titles.
    lang
        Language of the labels.
    order
        Region codes in drawing order (default: as they first appear).
    decimals
        Decimals shown on hover.

    Returns
    -------
    plotly.graph_objects.Figure
        One ``scatter`` trace per region, named in ``lang``.
    """
    fig = go.Figure()
    if df.empty:
        return base_layout(fig, title, y_title, lang)
    periods = sorted(df["period"].unique(), key=period_sort_key)
    annual = _is_annual(periods)
    codes = list(order) if order is not None else list(dict.fromkeys(df["region"]))
    for code in codes:
        sub = df[df["region"] == code]
        if sub.empty:
            continue
        sub = sub.set_index("period").reindex([p for p in periods if p in set(sub["period"])])
        name = region_label(code).get(lang)
        fig.add_trace(
            go.Scatter(
                x=_x_values(list(sub.index), annual, lang),
                y=sub["value"].to_numpy(dtype=float),
                mode="lines+markers" if len(sub) < 30 else "lines",
                name=name,
                line={"color": REGION_COLOURS.get(code), "width": 2.5 if code == "northeast" else 2,
                      "dash": "dash" if code in _DASHED else "solid"},
                marker={"size": 5},
                hovertemplate=f"%{{y:,.{decimals}f}}<extra>{name}</extra>",
            )
        )
    if not annual:
        fig.update_xaxes(type="category", categoryorder="array", tickangle=0,
                         categoryarray=_x_values(periods, False, lang))
    return base_layout(fig, title, y_title, lang)


def stacked_area_figure(
    w: pd.DataFrame,
    *,
    labels: Mapping[str, Text],
    title: Text,
    y_title: Text,
    lang: str,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Stacked areas of the columns of a wide frame (periods as rows).

    Parameters
    ----------
    w
        Wide frame: period labels as index, one column per component (e.g. the
        primary/secondary/tertiary shares, which then stack to 100).
    labels
        Bilingual name of each column.
    title, y_title, lang
        As in :func:`line_figure`.
    colours
        Colour per column name.
    """
    fig = go.Figure()
    if not w.empty:
        periods = [str(p) for p in w.index]
        annual = _is_annual(periods)
        x = _x_values(periods, annual, lang)
        for col in w.columns:
            name = labels.get(col, Text(col, col)).get(lang)
            fig.add_trace(
                go.Scatter(
                    x=x, y=w[col].to_numpy(dtype=float), name=name, mode="lines",
                    stackgroup="one", line={"width": 0.5, "color": (colours or {}).get(col)},
                    hovertemplate=f"%{{y:.1f}}<extra>{name}</extra>",
                )
            )
    return base_layout(fig, title, y_title, lang)


def stacked_bar_figure(
    df: pd.DataFrame,
    *,
    labels: Mapping[str, Text],
    title: Text,
    y_title: Text,
    lang: str,
    order: Sequence[str] | None = None,
    colours: Mapping[str, str] | None = None,
    decimals: int = 1,
) -> go.Figure:
    """Stacked bars of indicators, grouped by region then period.

    Parameters
    ----------
    df
        Tidy rows with ``region``, ``indicator``, ``period`` and ``value``; each
        indicator becomes one stacked component (e.g. capacity by source).
    labels
        Bilingual name of each indicator, in stacking order (bottom first).
    title, y_title, lang
        As in :func:`line_figure`.
    order
        Region codes, left to right (default: as they first appear).
    colours
        Colour per indicator.
    decimals
        Decimals shown on hover.

    Returns
    -------
    plotly.graph_objects.Figure
        One ``bar`` trace per indicator on a two-level (region, period) category axis.
    """
    fig = go.Figure()
    if df.empty:
        return base_layout(fig, title, y_title, lang)
    codes = list(order) if order is not None else list(dict.fromkeys(df["region"]))
    periods = sorted(df["period"].unique(), key=period_sort_key)
    slots = [(c, p) for c in codes for p in periods]
    outer = [region_label(c).get(lang) for c, _ in slots]
    inner = [period_label(p, lang) for _, p in slots]
    for ind in labels:
        sub = df[df["indicator"] == ind].set_index(["region", "period"])["value"]
        if sub.empty:
            continue
        y = [float(sub.get((c, p), float("nan"))) for c, p in slots]
        name = labels[ind].get(lang)
        fig.add_trace(
            go.Bar(
                x=[outer, inner], y=y, name=name,
                marker={"color": (colours or {}).get(ind)},
                hovertemplate=f"%{{y:,.{decimals}f}}<extra>{name}</extra>",
            )
        )
    fig.update_layout(barmode="stack", bargap=0.15)
    fig = base_layout(fig, title, y_title, lang)
    fig.update_layout(hovermode="closest")
    return fig


def category_grid_figure(
    df: pd.DataFrame,
    *,
    rows: Mapping[str, Text],
    categories: Mapping[str, Text],
    colours: Mapping[str, str],
    title: Text,
    lang: str,
    order: Sequence[str] | None = None,
    hover: Mapping[str, Text] | None = None,
    decimals: int = 2,
) -> go.Figure:
    """A grid of squares, items (rows) x regions (columns), coloured by category.

    Parameters
    ----------
    df
        Rows with ``region``, ``item``, ``category`` and the columns named in ``hover``.
    rows
        Bilingual label of each item, top to bottom.
    categories
        Bilingual name of each category, in legend order (one trace each).
    colours
        Colour per category.
    title, lang
        As in :func:`line_figure`.
    order
        Region codes, left to right (default: as they first appear).
    hover
        Further columns of ``df`` shown on hover, with their labels.
    decimals
        Decimals of the hover values.
    """
    fig = go.Figure()
    codes = list(order) if order is not None else list(dict.fromkeys(df["region"]))
    extra = dict(hover or {})
    lines = "".join(f"<br>{lab.get(lang)}: %{{customdata[{k}]:.{decimals}f}}"
                    for k, lab in enumerate(extra.values()))
    for cat, label in categories.items():
        sub = df[(df["category"] == cat) & df["region"].isin(codes)]
        if sub.empty:
            continue
        name = label.get(lang)
        fig.add_trace(go.Scatter(
            x=[region_label(c).get(lang) for c in sub["region"]],
            y=[rows.get(i, Text(i, i)).get(lang) for i in sub["item"]],
            mode="markers", name=name,
            marker={"symbol": "square", "size": 15, "color": colours.get(cat)},
            customdata=sub[list(extra)].to_numpy(dtype=float) if extra else None,
            hovertemplate=f"%{{y}} · %{{x}}{lines}<extra>{name}</extra>",
        ))
    fig = base_layout(fig, title, Text("", ""), lang)
    fig.update_xaxes(type="category", side="top", categoryorder="array",
                     categoryarray=[region_label(c).get(lang) for c in codes])
    fig.update_yaxes(type="category", categoryorder="array", automargin=True,
                     categoryarray=[lab.get(lang) for lab in reversed(list(rows.values()))])
    fig.update_layout(height=150 + 19 * len(rows), hovermode="closest",
                      margin={"l": 60, "r": 20, "t": 96, "b": 60})
    return fig


def dot_panels_figure(
    df: pd.DataFrame,
    *,
    panels: Mapping[str, Text],
    items: Mapping[str, Text],
    title: Text,
    x_title: Text,
    lang: str,
    order: Sequence[str] | None = None,
    log_x: bool = False,
    decimals: int = 2,
) -> go.Figure:
    """Side-by-side dot plots of one value per (item, region), one panel per measure.

    Parameters
    ----------
    df
        Tidy rows with ``region``, ``panel``, ``item`` and ``value``.
    panels
        Bilingual title of each panel, left to right.
    items
        Bilingual label of each item (e.g. a sector), top to bottom.
    title, x_title, lang
        Figure title, title of every x axis, language.
    order
        Region codes in legend order (default: as they first appear); the nation and
        the sum of provinces are drawn as open diamonds.
    log_x
        Logarithmic x axes (values <= 0 are not drawn).
    decimals
        Decimals shown on hover.

    Returns
    -------
    plotly.graph_objects.Figure
        One ``scatter`` trace per region and panel; dots of one item are grouped.
    """
    keys = list(panels)
    fig = make_subplots(rows=1, cols=max(len(keys), 1), shared_yaxes=True,
                        horizontal_spacing=0.03,
                        subplot_titles=[panels[k].get(lang) for k in keys])
    codes = list(order) if order is not None else list(dict.fromkeys(df["region"]))
    labels = {i: lab.get(lang) for i, lab in items.items()}
    for code in codes:
        name = region_label(code).get(lang)
        hollow = code in _DASHED
        for k, panel in enumerate(keys):
            sub = df[(df["region"] == code) & (df["panel"] == panel) & df["item"].isin(labels)]
            if sub.empty:
                continue
            fig.add_trace(go.Scatter(
                x=sub["value"].to_numpy(dtype=float), y=[labels[i] for i in sub["item"]],
                orientation="h", mode="markers", name=name, legendgroup=code,
                showlegend=k == 0,
                marker={"size": 9, "color": REGION_COLOURS.get(code),
                        "symbol": "diamond-open" if hollow else "circle",
                        "line": {"width": 2 if hollow else 0}},
                hovertemplate=f"%{{y}}: %{{x:,.{decimals}f}}<extra>{name}</extra>",
            ), row=1, col=k + 1)
    fig = base_layout(fig, title, Text("", ""), lang)
    fig.update_xaxes(title_text=x_title.get(lang), type="log" if log_x else "linear",
                     dtick=1 if log_x else None)
    fig.update_yaxes(type="category", categoryorder="array", automargin=True,
                     categoryarray=list(reversed(list(labels.values()))))
    fig.update_layout(height=170 + 30 * len(items), hovermode="closest",
                      scattermode="group", scattergap=0.35)
    return fig
