"""Input-output results for the industry section, computed with the public IO API.

The functions here turn the 2020 NBS table and the provincial tables regionalized from it
(:func:`~revitalize.inputoutput.regional.provincial_table`) into tidy frames for the
figures of :mod:`revitalize.report.sections.industry`: Rasmussen-Hirschman classes,
output multipliers, where intermediate inputs are bought (three-province MRIO) and CO2
intensities. :func:`load_models` turns unavailable data into "series missing" notices.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import pandas as pd

from revitalize.inputoutput.analysis import key_sectors, multipliers
from revitalize.inputoutput.mrio import build_mrio, leakage
from revitalize.inputoutput.regional import provincial_table
from revitalize.inputoutput.table import IOTable
from revitalize.report.blocks import Missing, missing_text
from revitalize.report.context import DATA_ERRORS
from revitalize.report.i18n import Text, region_label
from revitalize.report.sections.common import NE3
from revitalize.units import conversion_factor

__all__ = [
    "DELTA",
    "IO_DATASET",
    "LQ_METHOD",
    "NATION",
    "SHORT_EN",
    "YEAR",
    "IOModels",
    "co2_frame",
    "co2_year",
    "key_sector_frame",
    "leakage_shares",
    "load_models",
    "multiplier_frame",
    "national_table",
    "sector_labels",
    "top_items",
]

YEAR = 2020
IO_DATASET = f"io_china_{YEAR}_42"
#: Location-quotient method and FLQ's delta of the provincial tables and the MRIO.
LQ_METHOD, DELTA = "flq", 0.3
NATION = "100000"

#: Short English names of the 42 NBS sectors for axis labels (Chinese names are kept).
SHORT_EN: dict[str, str] = {
    "01": "Agriculture, forestry, fishery", "02": "Coal mining", "03": "Oil and gas extraction",
    "04": "Metal ore mining", "05": "Non-metal ore mining", "06": "Food and tobacco",
    "07": "Textiles", "08": "Apparel, leather, footwear", "09": "Timber and furniture",
    "10": "Paper, printing, stationery", "11": "Petroleum refining, coking",
    "12": "Chemical products", "13": "Non-metallic mineral products",
    "14": "Metal smelting and rolling", "15": "Metal products", "16": "General machinery",
    "17": "Special machinery", "18": "Transport equipment", "19": "Electrical equipment",
    "20": "Electronics, computers, telecom", "21": "Instruments and meters",
    "22": "Other manufacturing, scrap", "23": "Repair of machinery",
    "24": "Electric power and heat", "25": "Gas supply", "26": "Water supply",
    "27": "Construction", "28": "Wholesale and retail", "29": "Transport, storage, post",
    "30": "Accommodation and catering", "31": "IT and software", "32": "Finance",
    "33": "Real estate", "34": "Leasing and business services", "35": "Research and development",
    "36": "Technical services", "37": "Water, environment, public facilities",
    "38": "Household and other services", "39": "Education", "40": "Health and social work",
    "41": "Culture, sports, entertainment", "42": "Public administration",
}  # fmt: skip

_CO2_NOTE = re.compile(r"^CO2: CEADs inventory of .+? (\d{4}) by IO sector")
_NATIONAL_CO2_NOTE = re.compile(r"^CO2 by IO sector: CEADs .*? of (\d{4})")


@dataclass
class IOModels:
    """The national table, the provincial tables that could be built, and what is missing."""

    national: IOTable | None
    tables: dict[str, IOTable] = field(default_factory=dict)
    missing: list[Missing] = field(default_factory=list)


def national_table(year: int = YEAR) -> IOTable:
    """The national 42-sector NBS table with its satellites (without them if absent)."""
    try:
        return IOTable.from_nbs(year, 42)
    except DATA_ERRORS:
        return IOTable.from_nbs(year, 42, satellites=())


def load_models(year: int = YEAR) -> IOModels:
    """Build the national and the LN/JL/HL tables; unavailable data become notices."""
    try:
        nat = national_table(year)
    except DATA_ERRORS:
        what = Text(f"{year}年全国投入产出表（{IO_DATASET}）",
                    f"national input-output table {year} ({IO_DATASET})")
        return IOModels(None, missing=[missing_text(what)])
    models = IOModels(nat)
    for code in NE3:
        try:
            models.tables[code] = provincial_table(code, year, method=LQ_METHOD, delta=DELTA,
                                                  national=nat)
        except DATA_ERRORS:
            what = region_label(code) + Text(f"{year}年分行业地区生产总值（gdp）",
                                             f" GDP by branch, {year} (gdp)")
            models.missing.append(missing_text(what))
    return models


def sector_labels(table: IOTable) -> dict[str, Text]:
    """Bilingual sector labels in table order (short English names where known)."""
    names = table.sectors.reindex(table.x.index)
    return {
        str(c): Text(str(names.at[c, "name_zh"]), SHORT_EN.get(str(c), str(names.at[c, "name_en"])))
        for c in names.index
    }


def key_sector_frame(tables: Mapping[str, IOTable]) -> pd.DataFrame:
    """Rasmussen-Hirschman linkages and class of every sector of every table.

    Returns
    -------
    pandas.DataFrame
        ``region``, ``item`` (sector code), ``category`` (key, backward, forward, weak),
        ``backward``, ``forward`` (Ghosh, the measure the class uses) and ``output``.
    """
    frames = []
    for code, table in tables.items():
        ks = key_sectors(table)
        frames.append(pd.DataFrame({
            "region": code, "item": ks.index.astype(str), "category": ks["class"].to_numpy(),
            "backward": ks["backward"].to_numpy(float),
            "forward": ks["forward_ghosh"].to_numpy(float),
            "output": table.x.reindex(ks.index).to_numpy(float),
        }))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["region", "item", "category", "backward", "forward", "output"])


def multiplier_frame(tables: Mapping[str, IOTable]) -> pd.DataFrame:
    """Type I (``type_i``) and, where available, Type II (``type_ii``) output multipliers.

    Tidy: ``region``, ``panel``, ``item`` (sector code), ``value`` (output per unit of
    final demand).
    """
    frames = []
    for code, table in tables.items():
        m = multipliers(table)
        for panel, col in (("type_i", "output"), ("type_ii", "output_type_ii")):
            if col in m:
                frames.append(pd.DataFrame({"region": code, "panel": panel,
                                            "item": m.index.astype(str),
                                            "value": m[col].to_numpy(float)}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["region", "panel", "item", "value"])


def top_items(
    df: pd.DataFrame, panel: str, regions: Sequence[str], n: int, how: str = "mean"
) -> list[str]:
    """The ``n`` items with the highest ``value`` of ``panel``, ``how`` (``"mean"`` or
    ``"max"``) over ``regions``."""
    sub = df[(df["panel"] == panel) & df["region"].isin(list(regions))]
    agg = sub.groupby("item")["value"].agg(how).sort_values(ascending=False, kind="stable")
    return [str(i) for i in agg.index[:n]]


def leakage_shares(tables: Mapping[str, IOTable], national: IOTable) -> pd.DataFrame:
    """Where each province buys its intermediate inputs, from the three-province MRIO.

    Builds :func:`~revitalize.inputoutput.mrio.build_mrio` from the national domestic
    coefficients and the provinces' estimated outputs (gravity trade between capitals,
    rest of China at Beijing) and returns :func:`~revitalize.inputoutput.mrio.leakage`:
    shares ``intra``, ``other_regions``, ``rest`` (sum 1) and ``leak_per_unit`` by region.
    """
    out = pd.DataFrame({code: t.x.reindex(national.x.index) for code, t in tables.items()})
    return leakage(build_mrio(national.A, out, national.x, method=LQ_METHOD, delta=DELTA))


def co2_year(table: IOTable) -> int | None:
    """Year of the CEADs inventory behind a table's CO2 satellite, from its notes.

    ``None`` when the table has no CO2 of its own (a provincial table whose inventory
    was missing falls back to national intensities, which are not shown as provincial).
    """
    if "co2" not in table.satellites.index:
        return None
    pattern = _NATIONAL_CO2_NOTE if table.region == NATION else _CO2_NOTE
    for note in table.notes:
        if m := pattern.match(note):
            return int(m.group(1))
    return None


def co2_frame(tables: Mapping[str, IOTable]) -> pd.DataFrame:
    """Direct and total CO2 intensity by sector, in t CO2 per 10,000 yuan of output.

    ``direct``: emissions over output, :math:`f_j / x_j`; ``total``: the CO2 multiplier
    :math:`f' (I - A)^{-1}` (emissions in the table's region along its own supply chain
    per unit of final demand). Tables without their own CO2 (:func:`co2_year`) are
    left out. Tidy: ``region``, ``panel``, ``item``, ``value``.
    """
    frames = []
    for code, table in tables.items():
        if co2_year(table) is None:
            continue
        unit = table.satellite_units.get("co2", "Mt CO2")
        k = conversion_factor(unit, "t CO2") * conversion_factor("CNY 10k", table.unit)
        direct = table.satellite_coefficients.loc["co2"]
        total = multipliers(table, type_ii=False)["co2"]
        for panel, s in (("direct", direct), ("total", total)):
            frames.append(pd.DataFrame({"region": code, "panel": panel,
                                        "item": s.index.astype(str),
                                        "value": s.to_numpy(float) * k}))
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(
        columns=["region", "panel", "item", "value"])
