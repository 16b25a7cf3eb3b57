
"""China's national input-output tables (NBS) and their satellite accounts.

The curated tables ``io_china_<year>_<n>`` (2017, 2018, 2020 at 42 sectors; 2017 at 149
and 2018, 2020 at 153 sectors; unit 10,000 CNY) are stored long; :func:`load_nbs_table`
returns them as labelled matrices. :func:`nbs_satellites` estimates employment and CO2
by IO sector for a table; :func:`read_user_io_table` reads a user's own table in the
same layout (see :mod:`revitalize.data.io_user`).

Sources: National Bureau of Statistics of China, input-output tables 2017, 2018 and
2020 (via the R package ionet, Carol-seven/ionet@51145dc); CEADs CO2 inventories
(Shan et al. 2018, *Sci. Data* 5:170201; Guan et al. 2021, *Earth's Future* 9).
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import cache
from typing import TypedDict

import pandas as pd

from revitalize.data.catalogue import dataset_info, files_dir
from revitalize.data.io_layout import FINAL_DEMAND, VALUE_ADDED, IOParts, assemble
from revitalize.data.io_user import read_user_io_table
from revitalize.exceptions import InputError

__all__ = [
    "FINAL_DEMAND",
    "NBS_TABLES",
    "SATELLITE_UNITS",
    "VALUE_ADDED",
    "IOParts",
    "Satellites",
    "io_labels",
    "load_nbs_table",
    "nbs_satellites",
    "read_user_io_table",
    "sector_concordance",
]

#: (year, number of sectors) of the shipped NBS tables
NBS_TABLES: tuple[tuple[int, int], ...] = (
    (2017, 42), (2018, 42), (2020, 42), (2017, 149), (2018, 153), (2020, 153),
)
#: the detailed (competitive) table published for each year of a 42-sector table
DETAILED = {2017: 149, 2018: 153, 2020: 153}
#: canonical unit of each satellite account
SATELLITE_UNITS: dict[str, str] = {"employment": "10k persons", "co2": "Mt CO2"}
UNIT = "CNY 10k"
_COLUMN_ORDER = ("TIU", "FU101", "FU102", "THC", "FU103", "TC", "FU201", "FU202", "GCF",
                 "EX", "TFU", "IM", "GO")
_CODES = {"row": str, "col": str, "code": str, "sector_42": str, "io_sector": str,
          "employment_code": str, "sector": str, "region": str, "period": str}


class Satellites(TypedDict):
    """Satellite accounts aligned with a table: ``F`` (stressor x sector), ``F_Y``
    (stressor x final-demand category; direct emissions of households) or None,
    ``units`` (stressor -> unit) and ``notes`` (the estimates made)."""

    F: pd.DataFrame
    F_Y: pd.DataFrame | None
    units: dict[str, str]
    notes: list[str]


@cache
def _curated(name: str) -> pd.DataFrame:
    """A curated io_* file with its codes read as text (cached; callers copy)."""
    info = dataset_info(name)
    with files_dir().joinpath(info.file).open("rb") as fh:
        return pd.read_csv(fh, dtype=_CODES, keep_default_na=False, na_values={"value": [""]})


def _check_table(year: int, sectors: int) -> None:
    if (year, sectors) not in NBS_TABLES:
        have = ", ".join(f"{y}/{n}" for y, n in NBS_TABLES)
        raise InputError(f"No NBS input-output table for {year} at {sectors} sectors.",
                         f"Shipped tables (year/sectors): {have}.")


def io_labels(sectors: int = 42) -> pd.DataFrame:
    """Codes and names of an NBS sector classification (42, 149 or 153 sectors).

    Returns a frame indexed by ``code`` with ``name_en``, ``name_zh`` and, for the
    detailed classifications, ``sector_42`` (the 42-sector block it belongs to).
    """
    if sectors not in (42, 149, 153):
        raise InputError(f"No NBS classification with {sectors} sectors.", "Use 42, 149 or 153.")
    return _curated(f"io_sectors_{sectors}").set_index("code").copy()


def sector_concordance(sectors: int) -> pd.Series:
    """Map from the 149- or 153-sector codes to the 42-sector codes (derived, exact).

    The detailed tables nest in the 42-sector tables of the same year: blocks of
    consecutive codes reproduce the 42-sector gross output and value added exactly
    (see the catalogue entry of ``io_sectors_153``).
    """
    if sectors not in (149, 153):
        raise InputError(f"No concordance from {sectors} sectors to 42.", "Use 149 or 153.")
    return io_labels(sectors)["sector_42"].rename("sector_42")


def _wide(year: int, sectors: int) -> tuple[pd.DataFrame, list[str]]:
    long = _curated(f"io_china_{year}_{sectors}")
    codes = list(io_labels(sectors).index)
    wide = long.pivot_table(index=["row", "row_kind"], columns="col", values="value",
                            aggfunc="sum", fill_value=0.0, sort=False)
    fd = (["TC", "FU201", "FU202", "EX"] if sectors == 42
          else ["FU101", "FU102", "FU103", "FU201", "FU202", "EX"])
    others = [c for c in _COLUMN_ORDER if c in wide.columns or c in fd]
    return wide.reindex(columns=codes + others, fill_value=0.0), codes


def load_nbs_table(year: int = 2020, sectors: int = 42, *,
                   split_consumption: bool = True) -> IOParts:
    """An NBS national input-output table as labelled matrices.

    Parameters
    ----------
    year, sectors
        One of :data:`NBS_TABLES`: 2017, 2018 or 2020 at 42 sectors (non-competitive
        imports, as published); 2017 at 149 or 2018/2020 at 153 sectors (competitive
        imports, split here into domestic and imported use by import proportionality,
        see :func:`revitalize.data.io_layout.import_shares`).
    split_consumption
        42-sector tables publish only total consumption (TC). When true, TC is split
        into rural (FU101) and urban (FU102) household and government (FU103)
        consumption with each product's shares in the detailed table of the same year
        (an estimate, recorded in ``notes``); when false, TC is kept.

    Returns
    -------
    IOParts
        ``Z``, ``Zm``, ``Y``, ``Ym``, ``V`` (VA001-VA004), ``x``, ``imports``, ``sectors``
        (labels), ``year``, ``unit`` (``"CNY 10k"``), ``layout`` and ``notes``.

    References
    ----------
    National Bureau of Statistics of China, *China Input-Output Tables* 2017, 2018, 2020.
    Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis*, 2nd ed., ch. 2.
    """
    _check_table(year, sectors)
    wide, codes = _wide(year, sectors)
    labels = io_labels(sectors)[["name_en", "name_zh"]]
    parts = assemble(wide, codes, labels, year=year, unit=UNIT,
                     notes=[f"NBS input-output table {year}, {sectors} sectors."])
    if sectors == 42 and split_consumption:
        _split_consumption(parts, year)
    return parts


def _split_consumption(parts: IOParts, year: int) -> None:
    """Replace TC by FU101/FU102/FU103 with shares from the detailed table (in place)."""
    n = DETAILED[year]
    wide, codes = _wide(year, n)
    prod = pd.DataFrame(wide.xs("product", level=1)).reindex(codes)
    agg = prod[["FU101", "FU102", "FU103"]].groupby(sector_concordance(n)).sum()
    total = agg.sum(axis=1)
    national = agg.sum(axis=0) / float(total.sum())
    shares = pd.DataFrame(agg.div(total.where(total != 0), axis=0)).fillna(national)
    parts["Y"] = _split_tc(parts["Y"], shares)
    if parts["Ym"] is not None:
        parts["Ym"] = _split_tc(parts["Ym"], shares)
    parts["notes"].append(
        f"Total consumption (TC) split into rural (FU101), urban (FU102) household and "
        f"government (FU103) consumption with each product's shares in the {year} "
        f"{n}-sector table (domestic and imported use assumed to split alike): an estimate."
    )


def _split_tc(frame: pd.DataFrame, shares: pd.DataFrame) -> pd.DataFrame:
    """``frame`` with its TC column replaced by TC x shares (FU101, FU102, FU103)."""
    if "TC" not in frame:
        return frame
    new = shares.reindex(frame.index).mul(frame["TC"], axis=0)
    pos = list(frame.columns).index("TC")
    out = pd.concat([frame.iloc[:, :pos], new, frame.iloc[:, pos + 1:]], axis=1)
    out.columns.name = "category"
    return out


def _latest(years: Sequence[int], year: int, what: str) -> int:
    before = [y for y in years if y <= year]
    if not before:
        raise InputError(f"No {what} data for {year} or earlier.",
                         f"The data cover {min(years)}-{max(years)}.")
    return max(before)


def employment_by_io_sector(year: int) -> tuple[pd.Series, int]:
    """Employment (10k persons) by 42 IO sector for the latest year <= ``year``.

    Sums the GB/T 4754 sections and divisions of ``io_employment`` with the concordance
    ``io_employment_concordance_42`` (many-to-one). Returns the series and the year used.
    """
    emp = _curated("io_employment")
    y = _latest(sorted({int(p) for p in emp["period"]}), year, "employment")
    values = emp[emp["period"] == str(y)].set_index("indicator")["value"]
    conc = _curated("io_employment_concordance_42")
    ind = "employment_" + conc["employment_code"].str.lower()
    out = pd.Series(values.reindex(ind).to_numpy(float), index=conc["io_sector"])
    return out.groupby(level=0).sum().rename("employment"), y


def co2_by_io_sector(year: int, region: str = "100000") -> tuple[pd.Series, pd.Series, int]:
    """CO2 (Mt) by 42 IO sector and household CO2 for the latest year <= ``year``.

    From ``io_co2_by_sector_42`` (CEADs mapped with ``io_ceads_concordance_42``).
    Returns (sectors 01-42, households_urban/households_rural, year used).
    """
    co2 = _curated("io_co2_by_sector_42")
    co2 = co2[co2["region"] == region]
    y = _latest(sorted(set(co2["year"].astype(int))), year, "CO2")
    s = co2[co2["year"].astype(int) == y].set_index("sector")["value"].astype(float)
    hh = s[s.index.str.startswith("households")]
    return s.drop(hh.index).rename("co2"), hh, y


def nbs_satellites(year: int, sectors: int, x: pd.Series, categories: Sequence[str],
                   names: Sequence[str] = ("employment", "co2")) -> Satellites:
    """Employment and CO2 accounts aligned with an NBS table.

    Parameters
    ----------
    year, sectors
        The table; data of the latest year not after ``year`` are used.
    x
        Gross output of the table (splits 42-sector values over 149/153 sectors).
    categories
        Final-demand columns of the table: household CO2 goes to FU101 (rural) and
        FU102 (urban), or to THC / TC where those are the household columns.
    names
        Satellites to build: ``"employment"`` (10k persons) and/or ``"co2"`` (Mt CO2).
    """
    _check_table(year, sectors)
    unknown = [n for n in names if n not in SATELLITE_UNITS]
    if unknown:
        raise InputError(f"Unknown satellite(s) {unknown}.",
                         f"Choose from {', '.join(SATELLITE_UNITS)}.")
    rows: dict[str, pd.Series] = {}
    notes: list[str] = []
    F_Y: pd.DataFrame | None = None
    if "employment" in names:
        emp, ey = employment_by_io_sector(year)
        rows["employment"] = emp
        notes.append(
            f"Employment by IO sector is an estimate: national employment of {ey} by "
            "GB/T 4754 section/division (industries) summed onto the 42 IO sectors "
            "(products) with io_employment_concordance_42.")
    if "co2" in names:
        co2, hh, cy = co2_by_io_sector(year)
        rows["co2"] = co2
        notes.append(
            f"CO2 by IO sector: CEADs national scope-1 inventory of {cy} mapped with "
            "io_ceads_concordance_42; CEADs sectors spanning several IO sectors are split "
            "by gross output shares (an estimate).")
        F_Y = _household_co2(hh, list(categories), notes)
    F42 = pd.DataFrame(rows).T.reindex(columns=io_labels(42).index).fillna(0.0)
    if sectors == 42:
        F = F42
    else:
        conc = sector_concordance(sectors)
        xs = x.reindex(conc.index).astype(float)
        block = xs.groupby(conc).transform("sum")
        share = (xs / block.where(block != 0)).fillna(0.0)
        F = F42[conc.to_numpy()].set_axis(conc.index, axis=1) * share.to_numpy()
        notes.append(f"Satellites split from 42 to {sectors} sectors by gross output "
                     "shares within each 42-sector block (an estimate).")
    F.index.name, F.columns.name = "stressor", "sector"
    return Satellites(F=F, F_Y=F_Y, units={n: SATELLITE_UNITS[n] for n in rows},
                      notes=notes)


def _household_co2(hh: pd.Series, categories: list[str], notes: list[str]) -> pd.DataFrame | None:
    urban = float(hh.get("households_urban", 0.0))
    rural = float(hh.get("households_rural", 0.0))
    target: dict[str, float]
    if "FU101" in categories and "FU102" in categories:
        target = {"FU101": rural, "FU102": urban}
    else:
        col = next((c for c in ("THC", "TC") if c in categories), None)
        if col is None:
            notes.append("Direct household CO2 left out: the table has no household column.")
            return None
        target = {col: rural + urban}
    F_Y = pd.DataFrame(0.0, index=pd.Index(["co2"], name="stressor"),
                       columns=pd.Index(categories, name="category"))
    for c, v in target.items():
        F_Y.loc["co2", c] = v
    return F_Y

