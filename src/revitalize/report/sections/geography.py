"""Section 9: map of the Northeast's provinces and 41 prefectures with power plants."""

from __future__ import annotations

import pandas as pd

from revitalize import regions
from revitalize.report.blocks import Content, Section, missing_text
from revitalize.report.context import ReportContext
from revitalize.report.i18n import Text, fmt_number
from revitalize.report.maps import map_figure, plants_for_map
from revitalize.report.sections.common import NE3, bilingual_figure

__all__ = ["MAP"]

_BOUNDARIES = (
    ("boundaries_ne_prefectures", Text("东北41个地市边界", "boundaries of the 41 prefectures")),
    ("boundaries_ne_provinces", Text("东北省级边界", "Northeast province boundaries")),
    ("boundaries_provinces", Text("全国省级边界", "provincial boundaries of China")),
)


def _map(ctx: ReportContext) -> Content:
    content = Content()
    shapes = {}
    for ds, what in _BOUNDARIES:
        shapes[ds] = ctx.geojson(ds)
        if shapes[ds] is None:
            content.add(missing_text(what + Text(f"（{ds}）", f" ({ds})")))
    plants_raw = ctx.table("power_plants")
    prefs = [r.code for r in regions.expand("ne_prefectures")]
    if plants_raw is None:
        what = Text("电厂名录（power_plants）", "power plant list (power_plants)")
        content.add(missing_text(what))
        plants, dropped = None, 0
    else:
        plants, dropped = plants_for_map(plants_raw, NE3, prefs)
    if shapes["boundaries_ne_prefectures"] is None and shapes["boundaries_ne_provinces"] is None:
        return content
    sources = [s for ds in ("boundaries_ne_prefectures", "power_plants") for s in ctx.sources(ds)]
    notes = []
    if plants is not None:
        gw = float(plants["capacity_mw"].sum()) / 1000
        notes.append(Text(
            f"仅显示在运电厂（同一厂址的机组合并）；另有{dropped}个非在运机组（规划、在建、搁置、取消或退役）未显示。"
            "圆点面积与装机容量成正比。",
            f"Operating plants only (units at one site merged); {dropped} units not in "
            "operation (planned, under construction, shelved, cancelled or retired) are not "
            "shown. Marker area is proportional "
            "to capacity.",
        ))
        content.headline = Text(
            f"地图显示东北三省及蒙东五盟市{len(plants)}个在运电厂和风电场，"
            f"合计{fmt_number(gw, 1)}吉瓦（电厂名录所列容量）。",
            f"The map shows {len(plants)} operating power plants and wind farms in the "
            f"Northeast and eastern Inner Mongolia, {fmt_number(gw, 1)} GW in all (capacity "
            "listed in the plant trackers).",
        )
    content.add(bilingual_figure(
        "map-plants", map_figure,
        prefectures=shapes["boundaries_ne_prefectures"],
        provinces=shapes["boundaries_ne_provinces"],
        context=shapes["boundaries_provinces"],
        plants=plants if plants is not None else pd.DataFrame(
            columns=["name", "fuel_key", "lat", "lon", "capacity_mw", "prefecture"]),
        title=Text("东北地区地市与电厂分布", "Northeast prefectures and power plants"),
        sources=sources, notes=notes,
    ))
    return content


MAP = Section("map", Text("地市与电厂地图", "Map of prefectures and power plants"), _map)
