"""Concordances onto the 42 NBS input-output sectors: employment and CEADs CO2.

Employment (``io_employment_concordance_42``)
    Every GB/T 4754 section or division of ``china_employment.csv`` maps to exactly one
    IO sector (many-to-one, never split), so employment by IO sector is a plain sum.
CEADs (``io_ceads_concordance_42``)
    The 45 economic sectors of the CEADs inventories follow the industry list of the
    China Energy Statistical Yearbook. Most map to one IO sector (or several CEADs
    sectors to one). Four CEADs sectors span several IO sectors and are split in
    proportion to the gross output of those IO sectors in the national 42-sector table
    (the latest table not after the emission year, the 2017 table for earlier years):
    Other manufacturing (22, 23), Wholesale, retail and catering (28, 30) and Others
    (31-42 without the ones mapped elsewhere). Urban and rural household emissions are
    direct emissions of final demand, kept apart as ``households_urban/rural``.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from . import co2 as ceads
from .common import region_code

#: (employment code, IO sector, note); sections where a whole section maps to one sector
EMPLOYMENT_42: list[tuple[str, str, str]] = [
    ("A", "01", "whole section A incl. services for agriculture (A05)"),
    ("B01", "02", ""), ("B02", "03", ""), ("B03", "04", "ferrous ores"),
    ("B04", "04", "non-ferrous ores"), ("B05", "05", ""),
    ("B06", "05", "ancillary mining activities: IO product 011 is in sector 05"),
    ("B07", "05", "other ores"),
    *[(f"C0{i}", "06", "food, beverages, tobacco") for i in (1, 2, 3, 4)],
    ("C05", "07", ""), ("C06", "08", "apparel"), ("C07", "08", "leather, shoes"),
    ("C08", "09", "wood"), ("C09", "09", "furniture"), ("C10", "10", "paper"),
    ("C11", "10", "printing"), ("C12", "10", "culture, sports articles, arts and crafts"),
    ("C13", "11", ""), ("C14", "12", "chemical raw materials"),
    ("C15", "12", "medicines"), ("C16", "12", "chemical fibres"),
    ("C17", "12", "rubber and plastics: IO products 052, 053 are in sector 12"),
    ("C18", "13", ""), ("C19", "14", "ferrous"), ("C20", "14", "non-ferrous"),
    ("C21", "15", ""), ("C22", "16", ""), ("C23", "17", ""),
    ("C24", "18", "automobiles"), ("C25", "18", "railway, ships, aerospace"),
    ("C26", "19", ""), ("C27", "20", ""), ("C28", "21", ""),
    ("C29", "22", "other manufacturing"), ("C30", "22", "waste resources"),
    ("C31", "23", ""), ("D01", "24", ""), ("D02", "25", ""), ("D03", "26", ""),
    ("E", "27", ""), ("F", "28", ""), ("G", "29", ""), ("H", "30", ""), ("I", "31", ""),
    ("J", "32", ""), ("K", "33", ""), ("L", "34", ""), ("M01", "35", ""),
    ("M02", "36", "professional technical services"),
    ("M03", "36", "technology promotion and application services"),
    ("N", "37", ""), ("O", "38", ""), ("P", "39", ""), ("Q", "40", ""), ("R", "41", ""),
    ("S", "42", ""), ("T", "42", "international organizations (< 1 x 10k persons)"),
]

GO = "split by gross output share"
#: (CEADs sector, IO sectors, note)
CEADS_42: list[tuple[str, tuple[str, ...], str]] = [
    ("Farming, Forestry, Animal Husbandry, Fishery and Water Conservancy", ("01",),
     "water conservancy (IO 37) is not separated in the energy statistics; all to 01"),
    ("Coal Mining and Dressing", ("02",), ""),
    ("Petroleum and Natural Gas Extraction", ("03",), ""),
    ("Ferrous Metals Mining and Dressing", ("04",), ""),
    ("Nonferrous Metals Mining and Dressing", ("04",), ""),
    ("Nonmetal Minerals Mining and Dressing", ("05",), ""),
    ("Other Minerals Mining and Dressing", ("05",), "incl. ancillary mining activities"),
    ("Logging and Transport of Wood and Bamboo", ("01",), "forestry products"),
    ("Food Processing", ("06",), ""), ("Food Production", ("06",), ""),
    ("Beverage Production", ("06",), ""), ("Tobacco Processing", ("06",), ""),
    ("Textile Industry", ("07",), ""), ("Garments and Other Fiber Products", ("08",), ""),
    ("Leather, Furs, Down and Related Products", ("08",), ""),
    ("Timber Processing, Bamboo, Cane, Palm Fiber & Straw Products", ("09",), ""),
    ("Furniture Manufacturing", ("09",), ""),
    ("Papermaking and Paper Products", ("10",), ""),
    ("Printing and Record Medium Reproduction", ("10",), ""),
    ("Cultural, Educational and Sports Articles", ("10",), ""),
    ("Petroleum Processing and Coking", ("11",), ""),
    ("Raw Chemical Materials and Chemical Products", ("12",), ""),
    ("Medical and Pharmaceutical Products", ("12",), ""),
    ("Chemical Fiber", ("12",), ""), ("Rubber Products", ("12",), ""),
    ("Plastic Products", ("12",), ""), ("Nonmetal Mineral Products", ("13",), ""),
    ("Smelting and Pressing of Ferrous Metals", ("14",), ""),
    ("Smelting and Pressing of Nonferrous Metals", ("14",), ""),
    ("Metal Products", ("15",), ""), ("Ordinary Machinery", ("16",), ""),
    ("Equipment for Special Purposes", ("17",), ""),
    ("Transportation Equipment", ("18",), ""),
    ("Electric Equipment and Machinery", ("19",), ""),
    ("Electronic and Telecommunications Equipment", ("20",), ""),
    ("Instruments, Meters, Cultural and Office Machinery", ("21",),
     "cultural and office machinery (IO 072, in 16) not separated; all to 21"),
    ("Other Manufacturing Industry", ("22", "23"),
     "the CEADs list has no repair sector (IO 23); its emissions are assumed to be "
     f"recorded with other manufacturing; {GO}"),
    ("Scrap and waste", ("22",), "waste resources are part of IO 22"),
    ("Production and Supply of Electric Power, Steam and Hot Water", ("24",), ""),
    ("Production and Supply of Gas", ("25",), ""),
    ("Production and Supply of Tap Water", ("26",), ""),
    ("Construction", ("27",), ""),
    ("Transportation, Storage, Post and Telecommunication Services", ("29",),
     "legacy label; since GB/T 4754-2002 the energy statistics of this line cover "
     "transport, storage and post only (telecommunications are in Others)"),
    ("Wholesale, Retail Trade and Catering Services", ("28", "30"), GO),
    ("Others", tuple(f"{i}" for i in range(31, 43)),
     f"all other services incl. telecommunications and public administration; {GO}"),
    ("Urban", ("households_urban",), "direct emissions of urban households (final "
     "demand, not an industry)"),
    ("Rural", ("households_rural",), "direct emissions of rural households"),
]
PROVINCES = ("Liaoning", "Jilin", "Heilongjiang", "Inner Mongolia")


def employment_concordance(meta: Callable[..., dict[str, Any]]) -> Any:
    """The employment -> 42 IO sector concordance as a ``table`` dataset."""
    from .common import Dataset

    frame = pd.DataFrame(EMPLOYMENT_42, columns=["employment_code", "io_sector", "note"])
    desc = (
        "Concordance from the sections/divisions of io_employment (GB/T 4754, source "
        "codes) to the 42 NBS input-output sectors, compiled by the revitalize project "
        "from the names of both classifications and the 153 -> 42 sector blocks. "
        "Many-to-one: every employment code maps to exactly one IO sector, so employment "
        "by IO sector is a sum. CAVEATS: employment is counted by industry (the "
        "establishment's main activity), the IO sectors are product groups; the national "
        "employment series ends in 2018, so a 2020 table gets 2018 employment."
    )
    return Dataset("io_employment_concordance_42", "table", meta(
        "就业行业与投入产出42部门对照", "Concordance: employment sectors to 42 IO sectors",
        desc, ["ionet_china_io/china_employment.csv", "ionet_china_io/china_2020_153.csv"],
        "GB/T 4754 sections/divisions -> 42 IO sectors"), frame=frame)


def _shares_table(year: int, go42: dict[int, pd.Series]) -> int:
    """Year of the IO table whose gross output splits emissions of ``year``."""
    years = sorted(go42)
    before = [y for y in years if y <= year]
    return before[-1] if before else years[0]


def co2_to_io(co2: pd.DataFrame, go42: dict[int, pd.Series]) -> pd.DataFrame:
    """Map CEADs rows (region, year, sector, mt_co2) onto IO sectors.

    Emissions of a CEADs sector mapped to several IO sectors are split by the gross
    output shares of those sectors in the chosen national table.
    """
    out = []
    for (region, year), part in co2.groupby(["region", "year"], sort=True):
        ty = _shares_table(int(year), go42)
        go = go42[ty]
        values = dict(zip(part["sector"], part["mt_co2"], strict=True))
        acc: dict[str, float] = {}
        how: dict[str, set[str]] = {}
        for name, targets, _note in CEADS_42:
            v = float(values[name])
            w = np.array([go[t] for t in targets]) if len(targets) > 1 else np.ones(1)
            for t, s in zip(targets, w / w.sum(), strict=True):
                acc[t] = acc.get(t, 0.0) + v * s
                how.setdefault(t, set()).add(
                    f"split by gross output, io_china_{ty}_42" if len(targets) > 1 else "direct")
        for t, v in acc.items():
            out.append((region, int(year), t, round(v, 9), "; ".join(sorted(how[t]))))
    frame = pd.DataFrame(out, columns=["region", "year", "sector", "value", "method"])
    return frame.sort_values(["region", "year", "sector"], kind="stable").reset_index(drop=True)


def _ceads_long(shared: Path) -> pd.DataFrame:
    nat = pd.read_csv(shared / ceads.NAT_SECTOR).replace(
        {"sector": {"Total Consumption": "Total"}})
    nat = nat.melt(id_vars="sector", var_name="year", value_name="mt_co2").assign(
        region="100000", source="CEADs China")
    prov = pd.read_csv(shared / ceads.PROV_SECTOR)
    prov = prov[prov["province"].isin(PROVINCES)].assign(source="CEADs provinces")
    prov["region"] = prov["province"].map(region_code)
    cols = ["region", "year", "sector", "mt_co2", "source"]
    frame = pd.concat([nat[cols], prov[cols]], ignore_index=True)
    frame["year"] = frame["year"].astype(int)
    return frame


def co2_datasets(shared: Path, go42: dict[int, pd.Series],
                 meta: Callable[..., dict[str, Any]]) -> list[Any]:
    """``io_ceads_concordance_42`` and ``io_co2_by_sector_42``."""
    from .common import Dataset

    rows = [(name, t, GO if len(ts) > 1 else "none", note)
            for name, ts, note in CEADS_42 for t in ts]
    conc = pd.DataFrame(rows, columns=["ceads_sector", "io_sector", "split", "note"])
    raw = _ceads_long(shared)
    named = set(raw["sector"]) - {"Total"}
    listed = {c[0] for c in CEADS_42}
    if named != listed:
        raise ValueError(f"CEADs sectors not in the concordance: {named ^ listed}")
    total = raw[raw["sector"] == "Total"].set_index(["region", "year"])["mt_co2"]
    mapped = co2_to_io(raw[raw["sector"] != "Total"], go42)
    gap = (mapped.groupby(["region", "year"])["value"].sum() - total).abs().max()
    if gap > 1e-6:
        raise ValueError(f"CO2 by IO sector does not add up to the CEADs total ({gap})")
    src = raw.drop_duplicates("region").set_index("region")["source"]
    mapped = mapped.assign(unit="Mt CO2", source=mapped["region"].map(src))
    mapped = mapped[["region", "year", "sector", "value", "unit", "method", "source"]]
    cite = {
        "origin": f"{ceads.ORIGIN}; gross output shares: National Bureau of Statistics of China",
        "intermediary": f"{ceads.INTERMEDIARY}; GitHub Carol-seven/ionet (NBS IO tables)",
        "intermediary_commit": f"OpenClimate {ceads.COMMIT}; ionet "
                               "51145dcab476e75783af41a688488db1a4abeb56",
        "licence": ceads.LICENCE + " IO tables: official NBS statistics (ionet: GPL >= 3).",
        "vintages": [ceads.VINTAGE],
    }
    desc_c = (
        "Concordance from the 45 economic sectors (+ urban and rural households) of the "
        "CEADs CO2 inventories to the 42 NBS input-output sectors, compiled by the "
        "revitalize project from the sector names (CEADs follows the industry list of the "
        "China Energy Statistical Yearbook). One row per (CEADs sector, IO sector) pair. "
        "split = 'none': all emissions of the CEADs sector go to the IO sector; "
        f"'{GO}': a CEADs sector spanning several IO sectors is split in proportion to "
        "their gross output in the national 42-sector table (equal emission intensity "
        "within the group is assumed). note explains each judgement call."
    )
    desc_d = (
        "Scope-1 CO2 emissions (Mt CO2) by the 42 NBS input-output sectors for China "
        "(100000; CEADs national inventory) and Liaoning, Jilin, Heilongjiang and Inner "
        "Mongolia (whole region; CEADs provincial inventories), 1997-2019, mapped with "
        "io_ceads_concordance_42; sectors 'households_urban' and 'households_rural' are "
        "direct emissions of households (final demand). Columns region, year, sector, "
        "value, unit, method (direct, or the table whose gross output shares split the "
        "emissions), source. Splits use national gross output shares of the latest "
        "42-sector table not after the year (io_china_2017_42 for 1997-2017, 2018 for "
        "2018-2019), also for the provinces (no provincial IO tables are shipped). "
        "Checked: sectors + households add up to the CEADs total of each region and year "
        "(1e-6 Mt). CAVEAT: an estimate wherever method is a split."
    )
    raw_files = [ceads.NAT_SECTOR, ceads.PROV_SECTOR] + [
        f"ionet_china_io/china_{y}_42.csv" for y in sorted(go42)]
    return [
        Dataset("io_ceads_concordance_42", "table", meta(
            "CEADs部门与投入产出42部门对照", "Concordance: CEADs sectors to 42 IO sectors",
            desc_c, raw_files, "45 CEADs sectors + households -> 42 IO sectors") | cite,
            frame=conc),
        Dataset("io_co2_by_sector_42", "table", meta(
            "按投入产出部门的二氧化碳排放", "CO2 emissions by 42 input-output sectors",
            desc_d, raw_files, "China, LN, JL, HL, Inner Mongolia; 1997-2019",
            unit="Mt CO2") | cite, frame=mapped),
    ]
