"""The report's map: Northeast boundaries and power plants on plain cartesian axes.

Boundaries are drawn as filled polygon traces (``fill="toself"``) on ordinary x/y axes
in longitude/latitude degrees, with the y axis scaled by ``1 / cos(mean latitude)`` so
that shapes are not stretched. No map tiles, no ``geo`` base layers, no token: the map
needs nothing from the network.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from revitalize.report.figures import FONT_FAMILY, SOURCE_COLOURS
from revitalize.report.i18n import Text, region_label

__all__ = [
    "FUEL_LABELS",
    "feature_code",
    "map_figure",
    "normalise_fuel",
    "outer_rings",
    "path_xy",
    "plants_for_map",
]

FUEL_LABELS: dict[str, Text] = {
    "coal": Text("煤电", "Coal"),
    "gas": Text("气电", "Gas"),
    "oil": Text("油电", "Oil"),
    "hydro": Text("水电", "Hydro"),
    "nuclear": Text("核电", "Nuclear"),
    "wind": Text("风电", "Wind"),
    "solar": Text("太阳能发电", "Solar"),
    "biomass": Text("生物质", "Biomass"),
    "other": Text("其他", "Other"),
}

_FUEL_WORDS: tuple[tuple[str, str], ...] = (
    ("coal", "coal"), ("煤", "coal"), ("gas", "gas"), ("气", "gas"), ("oil", "oil"),
    ("hydro", "hydro"), ("水", "hydro"), ("pumped", "hydro"), ("nuclear", "nuclear"),
    ("核", "nuclear"), ("wind", "wind"), ("风", "wind"), ("solar", "solar"), ("pv", "solar"),
    ("光", "solar"), ("biomass", "biomass"), ("waste", "biomass"), ("生物", "biomass"),
)

PROVINCE_FILLS: dict[str, str] = {
    "21": "#dbe8f5",  # Liaoning
    "22": "#dff0e2",  # Jilin
    "23": "#f6e0de",  # Heilongjiang
    "15": "#efe9dc",  # eastern Inner Mongolia
}


def normalise_fuel(fuel: object) -> str:
    """Map a fuel label from a source table to one of :data:`FUEL_LABELS`.

    Examples
    --------
    >>> normalise_fuel("Coal"), normalise_fuel("Solar PV"), normalise_fuel("Geothermal")
    ('coal', 'solar', 'other')
    """
    text = str(fuel).strip().lower()
    for word, key in _FUEL_WORDS:
        if word in text:
            return key
    return "other"


def feature_code(feature: Mapping[str, Any]) -> str | None:
    """Region code of a GeoJSON feature (``adcode``, ``code``, ``region`` or ``id``)."""
    props = feature.get("properties") or {}
    for key in ("code", "adcode", "region", "id"):
        if props.get(key) not in (None, ""):
            return str(props[key])
    fid = feature.get("id")
    return None if fid is None else str(fid)


def outer_rings(geometry: Mapping[str, Any] | None) -> list[np.ndarray]:
    """Outer rings of a Polygon or MultiPolygon as ``(n, 2)`` lon/lat arrays.

    Holes are left out: the map draws smaller areas on top of larger ones instead.
    """
    if not geometry:
        return []
    kind = geometry.get("type")
    coords = geometry.get("coordinates") or []
    polys = [coords] if kind == "Polygon" else coords if kind == "MultiPolygon" else []
    return [np.asarray(p[0], dtype=float)[:, :2] for p in polys if p and len(p[0]) >= 3]


def path_xy(rings: Iterable[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Concatenate rings into x and y arrays separated by NaN (one trace, many shapes).

    The arrays are ``float32``: ample for degrees at map scale, and half the size.
    """
    xs: list[np.ndarray] = []
    ys: list[np.ndarray] = []
    for r in rings:
        xs += [r[:, 0], np.array([np.nan])]
        ys += [r[:, 1], np.array([np.nan])]
    if not xs:
        return np.array([], dtype=np.float32), np.array([], dtype=np.float32)
    # float32 (about 1 m at these latitudes) halves the embedded size of the boundaries
    return (np.concatenate(xs)[:-1].astype(np.float32),
            np.concatenate(ys)[:-1].astype(np.float32))


def _area(rings: Sequence[np.ndarray]) -> float:
    total = 0.0
    for r in rings:
        x, y = r[:, 0], r[:, 1]
        total += 0.5 * abs(float(np.dot(x, np.roll(y, 1)) - np.dot(y, np.roll(x, 1))))
    return total


def _bbox(rings: Iterable[np.ndarray]) -> tuple[float, float, float, float] | None:
    pts = [r for r in rings if len(r)]
    if not pts:
        return None
    allp = np.concatenate(pts)
    return (float(allp[:, 0].min()), float(allp[:, 1].min()),
            float(allp[:, 0].max()), float(allp[:, 1].max()))


def _overlaps(a: tuple[float, float, float, float], b: tuple[float, float, float, float]) -> bool:
    return a[0] <= b[2] and b[0] <= a[2] and a[1] <= b[3] and b[1] <= a[3]


def plants_for_map(
    plants: pd.DataFrame,
    province_codes: Sequence[str],
    prefecture_codes: Sequence[str] = (),
    *,
    operating_only: bool = True,
) -> tuple[pd.DataFrame, int]:
    """Plants to plot: in the given provinces or prefectures, units merged per site.

    Parameters
    ----------
    plants
        Table with at least ``fuel``, ``capacity_mw``, ``lat``, ``lon``; optionally
        ``name``, ``status``, ``province`` and ``prefecture`` (region codes).
    province_codes, prefecture_codes
        A plant is kept if its province or its prefecture is listed.
    operating_only
        Keep only rows whose ``status`` mentions "operat" (if there is a status column).

    Returns
    -------
    (pandas.DataFrame, int)
        One row per (name, fuel, lat, lon) with summed ``capacity_mw`` and a
        normalised ``fuel_key``; and the number of selected rows left out as not
        operating.
    """
    df = plants.dropna(subset=["lat", "lon", "capacity_mw"])
    keep = pd.Series(False, index=df.index)
    if "province" in df:
        keep |= df["province"].astype(str).isin(list(province_codes))
    if "prefecture" in df and prefecture_codes:
        keep |= df["prefecture"].astype(str).isin(list(prefecture_codes))
    df = df[keep]
    dropped = 0
    if operating_only and "status" in df:
        op = df["status"].astype(str).str.lower().str.contains("operat")
        dropped = int((~op).sum())
        df = df[op]
    df = df.assign(
        fuel_key=df["fuel"].map(normalise_fuel),
        name=df["name"].astype(str) if "name" in df else "",
        prefecture=df["prefecture"].astype(str) if "prefecture" in df else "",
    )
    grouped = (
        df.groupby(["name", "fuel_key", "lat", "lon"], as_index=False, sort=False)
        .agg(capacity_mw=("capacity_mw", "sum"), units=("capacity_mw", "size"),
             prefecture=("prefecture", "first"))
    )
    return grouped.sort_values("capacity_mw", ascending=False).reset_index(drop=True), dropped


def _boundary_traces(
    features: Sequence[Mapping[str, Any]], lang: str, *, hover: bool
) -> list[go.Scatter]:
    shapes = []
    for f in features:
        rings = outer_rings(f.get("geometry"))
        if rings:
            shapes.append((feature_code(f) or "", rings))
    shapes.sort(key=lambda s: -_area(s[1]))  # small areas drawn last, i.e. on top
    traces = []
    for code, rings in shapes:
        x, y = path_xy(rings)
        name = region_label(code).get(lang) if code else ""
        traces.append(
            go.Scatter(
                x=x, y=y, mode="lines", fill="toself",
                fillcolor=PROVINCE_FILLS.get(code[:2], "#f2f2f2") if hover else "#f4f4f4",
                line={"color": "#9a9a9a" if hover else "#d0d0d0", "width": 0.7},
                hoveron="fills" if hover else "points",
                hoverinfo="text" if hover else "skip",
                text=name, name=name, showlegend=False,
            )
        )
    return traces


def _plant_traces(plants: pd.DataFrame, lang: str, max_px: float = 28.0) -> list[go.Scatter]:
    if plants.empty:
        return []
    sizeref = 2.0 * float(plants["capacity_mw"].max()) / max_px**2
    unit = "兆瓦" if lang == "zh" else "MW"
    traces = []
    for key, label in FUEL_LABELS.items():
        sub = plants[plants["fuel_key"] == key]
        if sub.empty:
            continue
        fuel = label.get(lang)
        hover = [
            f"{n}<br>{fuel}: {c:,.0f} {unit}<br>{region_label(p).get(lang) if p else ''}"
            for n, c, p in zip(sub["name"], sub["capacity_mw"], sub["prefecture"], strict=True)
        ]
        traces.append(
            go.Scatter(
                x=sub["lon"].to_numpy(float), y=sub["lat"].to_numpy(float), mode="markers",
                name=f"{fuel} ({len(sub)})",
                marker={"size": sub["capacity_mw"].to_numpy(float), "sizemode": "area",
                        "sizeref": sizeref, "sizemin": 2.5,
                        "color": SOURCE_COLOURS.get(key, "#999"), "opacity": 0.75,
                        "line": {"width": 0.4, "color": "white"}},
                text=hover, hoverinfo="text",
            )
        )
    return traces


def _label_trace(features: Sequence[Mapping[str, Any]], lang: str) -> go.Scatter:
    xs, ys, names = [], [], []
    for f in features:
        rings = outer_rings(f.get("geometry"))
        code = feature_code(f)
        if not rings or not code:
            continue
        big = max(rings, key=lambda r: _area([r]))
        xs.append(float(big[:, 0].mean()))
        ys.append(float(big[:, 1].mean()))
        names.append(region_label(code).get(lang))
    return go.Scatter(x=xs, y=ys, mode="text", text=names, hoverinfo="skip", showlegend=False,
                      textfont={"size": 15, "color": "#333"})


def map_figure(
    *,
    prefectures: Mapping[str, Any] | None,
    provinces: Mapping[str, Any] | None,
    context: Mapping[str, Any] | None,
    plants: pd.DataFrame,
    title: Text,
    lang: str,
    label_codes: Sequence[str] = ("210000", "220000", "230000"),
) -> go.Figure:
    """Map of Northeast prefectures, province borders and power plants.

    Parameters
    ----------
    prefectures
        FeatureCollection of the prefecture-level units (filled, hover shows names).
    provinces
        FeatureCollection of the Northeast provinces (drawn as borders and labelled).
    context
        FeatureCollection of all provinces; those overlapping the view are drawn in
        light grey underneath.
    plants
        Output of :func:`plants_for_map`.
    title, lang
        Bilingual title and the language of the labels.
    label_codes
        Provinces whose names are written on the map.
    """
    pref_feats = list((prefectures or {}).get("features", []))
    prov_feats = list((provinces or {}).get("features", []))
    view_rings = [r for f in (pref_feats or prov_feats) for r in outer_rings(f.get("geometry"))]
    box = _bbox(view_rings) or (118.0, 38.5, 135.5, 53.6)
    pad = 0.6
    view = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)

    fig = go.Figure()
    ctx_feats = [
        f for f in (context or {}).get("features", [])
        if (b := _bbox(outer_rings(f.get("geometry")))) is not None and _overlaps(b, view)
    ]
    fig.add_traces(_boundary_traces(ctx_feats, lang, hover=False))
    fig.add_traces(_boundary_traces(pref_feats, lang, hover=True))
    for f in prov_feats:
        x, y = path_xy(outer_rings(f.get("geometry")))
        fig.add_trace(go.Scatter(x=x, y=y, mode="lines", hoverinfo="skip", showlegend=False,
                                 line={"color": "#555", "width": 1.6}))
    fig.add_traces(_plant_traces(plants, lang))
    fig.add_trace(_label_trace([f for f in prov_feats if feature_code(f) in label_codes], lang))

    lat0 = math.radians((view[1] + view[3]) / 2)
    fig.update_xaxes(range=[view[0], view[2]], visible=False, showgrid=False)
    fig.update_yaxes(range=[view[1], view[3]], visible=False, showgrid=False,
                     scaleanchor="x", scaleratio=1.0 / math.cos(lat0))
    fig.update_layout(
        title={"text": title.get(lang), "x": 0.0, "xanchor": "left", "font": {"size": 16}},
        font={"family": FONT_FAMILY, "size": 13, "color": "#222"},
        plot_bgcolor="#eef3f7", paper_bgcolor="white", height=720,
        margin={"l": 10, "r": 10, "t": 56, "b": 10}, hovermode="closest",
        legend={"itemsizing": "constant", "x": 0.01, "y": 0.01, "xanchor": "left",
                "yanchor": "bottom", "bgcolor": "rgba(255,255,255,0.85)"},
    )
    return fig
