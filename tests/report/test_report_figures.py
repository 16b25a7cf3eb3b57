"""Figure and map builders on small hand-made frames."""

from __future__ import annotations

import numpy as np
import pandas as pd

from revitalize.report import figures, maps
from revitalize.report.i18n import Text

T = Text("标题", "Title")
Y = Text("单位", "unit")


def frame(rows: list[tuple[str, str, str, float]]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=["region", "indicator", "period", "value"])


def test_line_figure_one_trace_per_region_in_order_and_language() -> None:
    df = frame([
        ("220000", "x", "2021", 2.0), ("210000", "x", "2020", 1.0),
        ("210000", "x", "2021", 3.0), ("100000", "x", "2020", 5.0),
    ])
    order = ["210000", "220000", "100000"]
    zh = figures.line_figure(df, title=T, y_title=Y, lang="zh", order=order)
    en = figures.line_figure(df, title=T, y_title=Y, lang="en", order=order)
    assert [t.name for t in zh.data] == ["辽宁", "吉林", "全国"]
    assert [t.name for t in en.data] == ["Liaoning", "Jilin", "China"]
    assert list(en.data[0].x) == [2020, 2021] and list(en.data[0].y) == [1.0, 3.0]
    assert en.data[2].line.dash == "dash"
    assert en.layout.title.text == "Title" and zh.layout.title.text == "标题"


def test_line_figure_quarterly_periods_are_ordered_categories() -> None:
    df = frame([("210000", "g", p, v) for p, v in
                [("2023Q1-Q3", 5.0), ("2023Q1", 4.0), ("2023H1", 4.5)]])
    fig = figures.line_figure(df, title=T, y_title=Y, lang="en")
    assert list(fig.data[0].x) == ["2023<br>Q1", "2023<br>H1", "2023<br>Q1–Q3"]
    assert list(fig.data[0].y) == [4.0, 4.5, 5.0]
    assert fig.layout.xaxis.type == "category"


def test_line_figure_empty_frame_gives_empty_figure() -> None:
    fig = figures.line_figure(frame([]), title=T, y_title=Y, lang="en")
    assert len(fig.data) == 0


def test_stacked_bar_figure_stacks_indicators_per_region_and_year() -> None:
    df = frame([
        ("210000", "coal", "2022", 10.0), ("210000", "wind", "2022", 2.0),
        ("220000", "coal", "2022", 5.0), ("220000", "wind", "2022", 1.0),
    ])
    labels = {"coal": Text("煤", "Coal"), "wind": Text("风", "Wind")}
    fig = figures.stacked_bar_figure(df, labels=labels, title=T, y_title=Y, lang="en",
                                     order=["210000", "220000"])
    assert fig.layout.barmode == "stack"
    assert [t.name for t in fig.data] == ["Coal", "Wind"]
    totals = np.sum([np.asarray(t.y, dtype=float) for t in fig.data], axis=0)
    assert totals.tolist() == [12.0, 6.0]
    assert [list(level) for level in fig.data[0].x] == [["Liaoning", "Jilin"], ["2022", "2022"]]


def test_stacked_area_figure_uses_one_stack_group() -> None:
    w = pd.DataFrame({"a": [40.0, 50.0], "b": [60.0, 50.0]}, index=["2020", "2021"])
    fig = figures.stacked_area_figure(w, labels={"a": Text("甲", "A")}, title=T, y_title=Y,
                                      lang="zh")
    assert {t.stackgroup for t in fig.data} == {"one"}
    assert [t.name for t in fig.data] == ["甲", "b"]


def square(x0: float, y0: float, d: float) -> list[list[float]]:
    return [[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]


def test_outer_rings_and_path_xy() -> None:
    multi = {"type": "MultiPolygon", "coordinates": [[square(0, 0, 1), square(0.2, 0.2, 0.1)],
                                                     [square(5, 5, 1)]]}
    rings = maps.outer_rings(multi)
    assert len(rings) == 2  # holes dropped
    x, y = maps.path_xy(rings)
    assert len(x) == 5 + 1 + 5 and np.isnan(x[5]) and np.isnan(y[5])
    assert maps.outer_rings(None) == []


def test_normalise_fuel() -> None:
    assert [maps.normalise_fuel(f) for f in ["coal", "Wind", "Solar PV", "Hydro", "核电", "x"]] == [
        "coal", "wind", "solar", "hydro", "nuclear", "other"]


def test_plants_for_map_filters_region_and_status_and_merges_units() -> None:
    plants = pd.DataFrame({
        "name": ["A", "A", "B", "C", "D"],
        "fuel": ["coal", "coal", "wind", "coal", "wind"],
        "capacity_mw": [300.0, 300.0, 50.0, 600.0, 99.0],
        "status": ["operating", "operating", "operating", "operating", "construction"],
        "lat": [41.0, 41.0, 44.0, 30.0, 45.0],
        "lon": [123.0, 123.0, 125.0, 110.0, 126.0],
        "province": ["210000", "210000", "150000", "430000", "230000"],
        "prefecture": ["210100", "210100", "150500", "", "230100"],
    })
    out, dropped = maps.plants_for_map(plants, ["210000", "230000"], ["150500"])
    assert dropped == 1
    assert out["name"].tolist() == ["A", "B"]
    assert out["capacity_mw"].tolist() == [600.0, 50.0]
    assert out["units"].tolist() == [2, 1]


def test_map_figure_is_cartesian_without_geo_or_tiles() -> None:
    pref = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "210100"},
         "geometry": {"type": "Polygon", "coordinates": [square(122, 41, 1)]}}]}
    prov = {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": {"code": "210000"},
         "geometry": {"type": "Polygon", "coordinates": [square(121, 40, 3)]}}]}
    plants = pd.DataFrame({"name": ["A"], "fuel_key": ["coal"], "lat": [41.5], "lon": [122.5],
                           "capacity_mw": [600.0], "prefecture": ["210100"]})
    fig = maps.map_figure(prefectures=pref, provinces=prov, context=None, plants=plants,
                          title=T, lang="en")
    assert {t.type for t in fig.data} == {"scatter"}
    assert fig.layout.yaxis.scaleanchor == "x"
    assert "geo" not in fig.to_plotly_json()["layout"]
    text = fig.to_json()
    assert "mapbox" not in text and "http" not in text
    assert any(t.name and t.name.startswith("Coal") for t in fig.data)
