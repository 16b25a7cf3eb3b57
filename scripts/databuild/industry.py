"""Builder of dataset ``industrial_output``: output of energy-intensive products by province.

Inputs (Wind exports kept in CREA's ``china_co2``):
``Output_of_electricity_intensive_products_by_province.csv`` and
``provincial_outputs_and_thermal_capacity.csv``. Both hold NBS monthly year-to-date output
by province; most series appear in both files (identical values), one (Zhejiang crude
steel) twice in the first. For each (region, product) the series with the most
published values is kept (ties: the first file), so no key is duplicated. The thermal
generation series of the second file belong to dataset ``power`` and are not used.

Indicators: ``output_<product>_ytd`` at ``YYYY-MM`` (cumulative from January) and
``output_<product>`` at ``YYYY`` (the December YTD value). Units are converted to the
units NBS publishes: 万吨 ("10k t"), 万辆 ("10k units"), 万重量箱 ("10k weight cases").

0.00 rule: every ``0.00`` is "not published" and dropped (January YTD values are mostly
absent because NBS publishes January-February together; a province that makes none of a
product is not distinguishable from one not published).

Monthly rows are kept from 2010 on (annual rows for all years) to keep the file small.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pandas as pd

from .common import Dataset
from .wind_export import read_wind_export, series_region

CREA = "crea_china_tracker"
COMMIT = "4043449a84be761a10e05b95a1b81d38a6be0a4a"
VIA = " (via Wind/CREA china_co2)"
FILES = ("Output_of_electricity_intensive_products_by_province.csv",
         "provincial_outputs_and_thermal_capacity.csv")
MONTHLY_FROM = "2010-01"
SOURCES = {"National Bureau of Statistics of China": "NBS",
           "China Iron and Steel Association": "China Iron and Steel Association"}

# product in the Wind name -> product id
PRODUCTS: dict[str, str] = {
    "Cement": "cement",
    "Crude Steel": "crude_steel",
    "Steel Products": "steel_products",
    "Pig Iron": "pig_iron",
    "Plain Glass": "plain_glass",
    "Chemical Fibers": "chemical_fibres",
    "Chemical Fiber": "chemical_fibres",
    "Ten Kinds of Non-ferrous Metals": "ten_nonferrous_metals",
    "Refined Aluminous Materials": "aluminium_products",
    "Copper Materials Products": "copper_products",
    "Rolled Copper": "copper_products",
    "Motor Vehicles": "motor_vehicles",
}
# Wind unit -> (canonical unit, factor)
UNITS: dict[str, tuple[str, float]] = {
    "ton": ("10k t", 1e-4),
    "10000 tons": ("10k t", 1.0),
    "100 million tons": ("10k t", 1e4),
    "unit": ("10k units", 1e-4),
    "weighted cases": ("10k weight cases", 1e-4),
}
LABELS: dict[str, tuple[str, str]] = {
    "cement": ("水泥产量", "Output of cement"),
    "crude_steel": ("粗钢产量", "Output of crude steel"),
    "steel_products": ("钢材产量", "Output of steel products (rolled steel)"),
    "pig_iron": ("生铁产量", "Output of pig iron"),
    "plain_glass": ("平板玻璃产量", "Output of plate (plain) glass"),
    "chemical_fibres": ("化学纤维产量", "Output of chemical fibres"),
    "ten_nonferrous_metals": ("十种有色金属产量", "Output of ten non-ferrous metals"),
    "aluminium_products": ("铝材产量", "Output of aluminium products (rolled/extruded)"),
    "copper_products": ("铜材产量", "Output of copper products (rolled/drawn)"),
    "motor_vehicles": ("汽车产量", "Output of motor vehicles"),
}


def product(name: str) -> str | None:
    """Product id of a series name (None for YoY, thermal generation and others)."""
    if "YoY" in name:
        return None
    m = re.search(r"Output: (?:[A-Za-z ]+: )?([A-Za-z ,-]+): YTD$", name)
    return PRODUCTS.get(m[1].strip()) if m else None


def load(shared: Path) -> tuple[pd.DataFrame, list[str]]:
    """All product series of both files, one series per (region, product)."""
    frames = []
    for rank, file in enumerate(FILES):
        df = read_wind_export(shared / CREA / file)
        df["file_rank"] = rank
        df["file"] = file
        frames.append(df)
    df = pd.concat(frames, ignore_index=True)
    df["product"] = df["name"].map(product)
    df["region"] = df["name"].map(series_region)
    df = df.dropna(subset=["product", "region"])
    unit = df["unit"].str.strip().str.lower().map(UNITS)
    if unit.isna().any():
        raise ValueError(f"unknown units: {sorted(set(df.loc[unit.isna(), 'unit']))}")
    df["unit"] = unit.str[0]
    df["value"] = df["value"] * unit.str[1]
    # choose one series per (region, product): most values, then first file
    stats = (df.groupby(["region", "product", "file_rank", "col"], as_index=False)
             .agg(n=("value", "size")).sort_values(["n", "file_rank"], ascending=[False, True]))
    best = stats.drop_duplicates(["region", "product"])
    keys = ["region", "product", "file_rank", "col"]
    chosen = df.merge(best[keys], on=keys)
    notes = [_duplicates_note(df, chosen, stats)]
    return chosen, notes


def _duplicates_note(df: pd.DataFrame, chosen: pd.DataFrame, stats: pd.DataFrame) -> str:
    """How many duplicated series there were and whether their values disagree."""
    dup_keys = stats.groupby(["region", "product"]).size()
    n_dup = int((dup_keys > 1).sum())
    m = df.merge(chosen[["region", "product", "date", "value"]],
                 on=["region", "product", "date"], suffixes=("", "_kept"))
    differ = m[(m["value"] - m["value_kept"]).abs() > 1e-6]
    extra = ""
    if len(differ):
        ex = differ.iloc[0]
        extra = (f" (e.g. {ex['region']} {ex['product']} {ex['date']}: {ex['value']} vs "
                 f"kept {ex['value_kept']})")
    return (f"{n_dup} (region, product) pairs have more than one series across the two files; "
            f"the one with most published values was kept; {len(differ)} values of the "
            f"dropped duplicates differ from the kept ones{extra}.")


def to_tidy(df: pd.DataFrame) -> pd.DataFrame:
    """``output_<product>_ytd`` monthly and ``output_<product>`` annual rows."""
    monthly = df[df["date"] >= MONTHLY_FROM].assign(
        indicator="output_" + df["product"] + "_ytd", period=df["date"])
    dec = df[df["date"].str.endswith("-12")]
    annual = dec.assign(indicator="output_" + dec["product"], period=dec["date"].str[:4])
    out = pd.concat([monthly, annual], ignore_index=True)
    out["source"] = out["source"].map(lambda s: SOURCES.get(s, s)) + VIA
    out["vintage"] = "first_release"
    return out


def build(shared: Path) -> list[Dataset]:
    """Build the ``industrial_output`` dataset."""
    chosen, notes = load(shared)
    df = to_tidy(chosen)
    units = {str(k): str(v) for k, v in chosen.groupby("product")["unit"].first().items()}
    cols = ["region", "indicator", "period", "value", "unit", "source", "vintage"]
    return [Dataset("industrial_output", "tidy", _meta(units, notes), df[cols])]


def _meta(units: dict[str, str], notes: list[str]) -> dict[str, Any]:
    indicators: dict[str, dict[str, Any]] = {}
    for prod, (zh, en) in LABELS.items():
        if prod not in units:
            continue
        indicators[f"output_{prod}"] = {"unit": units[prod], "zh": zh, "en": en,
                                        "additive": True}
        indicators[f"output_{prod}_ytd"] = {"unit": units[prod], "zh": zh + "(累计)",
                                            "en": en + ", year to date", "additive": True}
    return {
        "title_zh": "主要高耗能工业产品产量(分省)",
        "title_en": "Output of energy-intensive industrial products by province",
        "description": (
            "Monthly year-to-date and annual (December YTD) output of cement, crude steel, "
            "steel products, pig iron, plate glass, chemical fibres, ten non-ferrous metals, "
            "aluminium products, copper products and motor vehicles by province (NBS "
            "industrial production statistics, enterprises above designated size). 0.00 rule: "
            "every published 0.00 is treated as 'not published' and dropped (most January "
            "YTD values; a real zero output cannot be told apart). Units converted from "
            "tonnes/units/weight cases to 万吨/万辆/万重量箱. National rows: cement "
            "(quarterly YTD, NBS) and pig iron (monthly YTD, China Iron and Steel "
            "Association, converted from 亿吨)."),
        "origin": "National Bureau of Statistics of China (provincial industrial output, per "
                  "the Source row); China Iron and Steel Association (national pig iron)",
        "intermediary": "energyandcleanair/china_co2 (GitHub, CREA), Wind Economic Database "
                        "export",
        "intermediary_commit": COMMIT,
        "raw_files": [f"{CREA}/{f}" for f in FILES],
        "licence": "Official statistics (NBS). The CSVs are Wind Economic Database exports kept "
                   "in a GPL-3.0 R package (china_co2); redistributing a Wind export may be "
                   "restricted by Wind's terms - cite the primary publisher.",
        "vintages": ["first_release"],
        "coverage": "Up to 31 provinces per product (motor vehicles: 23 provinces - the first "
                    "file is cut at 255 columns; aluminium/copper products, ten non-ferrous "
                    "metals, chemical fibres, plate glass: provinces publishing them). Annual "
                    "from 1978 for some series (most from the 1990s/2000s) to 2024; monthly "
                    "YTD (YYYY-MM) rows from 2010-01 to 2024-12 only (file size).",
        "indicators": indicators,
        "notes": [
            *notes,
            "Products merged across naming variants: 'Chemical Fiber' (Guizhou) into "
            "chemical_fibres; 'Rolled Copper' (Guizhou, Ningxia) into copper_products "
            "(both 铜材).",
            "aluminium_products is 铝材 (rolled/extruded aluminium), not primary aluminium; "
            "ten_nonferrous_metals includes primary aluminium.",
        ],
    }
