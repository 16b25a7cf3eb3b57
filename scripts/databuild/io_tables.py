"""NBS national input-output tables, sector labels, employment and CO2 by IO sector.

Sources (``shared/data/ionet_china_io`` and ``shared/data/ceads_emissions``)
-------------------------------------------------------------------------
``china_<year>_42.csv`` (2017, 2018, 2020)
    42 sectors, non-competitive import layout: rows 01-42 ``Origin=Domestic``, rows
    01-42 ``Origin=Imports``, then TII, VA001-VA004, TVA, TI; columns 01-42, TIU, TC,
    FU201, FU202, EX, TFU, GO. Unit 10,000 CNY.
``china_2017_149.csv``, ``china_<year>_153.csv`` (2018, 2020)
    149/153 sectors, competitive import layout (product rows are domestic + imported
    supply; an ``IM`` column holds imports), final use split into rural/urban household
    consumption, government, GFCF, inventories and exports.
``china_employment.csv``
    employed persons by GB/T 4754 section and division (source codes: section letter +
    sequence), 1990-2018, 10,000 persons.
CEADs ``ceads_china_national_by_sector_1997_2019.csv`` and
``ceads_province_sector_scope1_1997_2019.csv``
    scope-1 CO2 by 45 economic sectors + urban/rural households, Mt CO2.

The tables are stored long (nonzero cells only) and re-checked here: every column of
every table satisfies TII + TVA = TI = GO, every row TIU + TFU (- IM) = GO, and the
149/153-sector tables aggregate exactly to the 42-sector table of the same year, which
is how their concordance to the 42 sectors is derived (contiguous code blocks whose
gross output and value added match the 42-sector table).
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pandas as pd

from revitalize import regions

from . import io_concordance as conc
from .common import Dataset

DIR = "ionet_china_io"
TABLES = ((2017, 42), (2018, 42), (2020, 42), (2017, 149), (2018, 153), (2020, 153))
DETAILED = {2017: 149, 2018: 153, 2020: 153}
EMPLOYMENT = f"{DIR}/china_employment.csv"
ORIGIN = "National Bureau of Statistics of China (NBS, stats.gov.cn)"
INTERMEDIARY = "GitHub Carol-seven/ionet (R package ionet v0.2.2, data/*.rda, read with pyreadr)"
COMMIT = "51145dcab476e75783af41a688488db1a4abeb56"
LICENCE = (
    "Official statistics of the National Bureau of Statistics of China (cite NBS as the "
    "primary source); machine-readable copy from the ionet package, licence GPL (>= 3)."
)
VINTAGE = "ionet_0.2.2"
VA_ROWS = ("VA001", "VA002", "VA003", "VA004")
TOTAL_ROWS = ("TII", "TVA", "TI")
FD_COLS = ("FU101", "FU102", "FU103", "FU201", "FU202", "EX")
SUBTOTAL_COLS = ("TIU", "THC", "GCF", "TFU", "GO")
#: typos of the source labels corrected in the label datasets
LABEL_FIXES = {"Eentertainment": "Entertainment"}


def raw_path(year: int, n: int) -> str:
    """Path of a raw NBS table under ``shared/data``."""
    return f"{DIR}/china_{year}_{n}.csv"


def read_raw(shared: Path, year: int, n: int) -> pd.DataFrame:
    """A raw table with codes as text."""
    return pd.read_csv(shared / raw_path(year, n), dtype={"Code": str})


def _sector_cols(df: pd.DataFrame, n: int) -> list[str]:
    cols = [c for c in df.columns if c.isdigit()]
    if len(cols) != n:
        raise ValueError(f"expected {n} sector columns, found {len(cols)}")
    return cols


def check_table(df: pd.DataFrame, n: int, where: str) -> None:
    """Raise ValueError unless the published accounting identities hold (rel. 1e-9)."""
    sec = _sector_cols(df, n)
    num = df[sec + [c for c in df.columns if c.isupper() and c != "Code"]]
    if "Origin" in df.columns:
        dom = df["Origin"] == "Domestic"
        prod = df["Origin"].isin(["Domestic", "Imports"])
    else:
        dom = prod = df["Code"].str.isdigit()
    tot = df.set_index("Code").loc[list(VA_ROWS + TOTAL_ROWS), sec].astype(float)
    go = num.loc[dom, "GO"].to_numpy(float)
    ti = tot.loc["TI"].to_numpy()
    scale = np.abs(go).max()
    checks = {
        "TII = column sum of product rows": num.loc[prod, sec].sum().to_numpy() - tot.loc["TII"],
        "TVA = VA001+...+VA004": tot.loc[list(VA_ROWS)].sum().to_numpy() - tot.loc["TVA"],
        "TII + TVA = TI": tot.loc["TII"] + tot.loc["TVA"] - ti,
        "TI = GO": ti - go,
    }
    rows = num.loc[prod]
    im = rows.get("IM", 0.0)
    checks["TIU + TFU - IM = GO (rows)"] = (rows["TIU"] + rows["TFU"] - im - rows["GO"]).to_numpy()
    checks["TIU = row sum"] = (rows[sec].sum(axis=1) - rows["TIU"]).to_numpy()
    for name, gap in checks.items():
        worst = float(np.max(np.abs(np.asarray(gap, float))))
        if worst > 1e-9 * scale:
            raise ValueError(f"{where}: identity {name} fails by {worst:.3g}")


def long_table(df: pd.DataFrame, n: int) -> pd.DataFrame:
    """Long layout with row/column kinds, nonzero cells only."""
    sec = _sector_cols(df, n)
    competitive = "Origin" not in df.columns
    if competitive:
        origin = np.where(df["Code"].str.isdigit(), "product", "TOT")
    else:
        origin = df["Origin"].map({"Domestic": "domestic", "Imports": "imports", "TOT": "TOT"})
    row_kind = np.where(
        origin != "TOT", origin, np.where(df["Code"].isin(VA_ROWS), "value_added", "total")
    )
    value_cols = [c for c in df.columns if c in sec or (c.isupper() and c not in ("Code",))]
    wide = df[value_cols].set_axis(pd.MultiIndex.from_arrays([df["Code"], row_kind]), axis=0)
    wide.index.names = ["row", "row_kind"]
    long = wide.stack().rename("value").reset_index().rename(columns={"level_2": "col"})
    long = long[long["value"].notna() & (long["value"] != 0)].copy()

    def col_kind(c: str) -> str:
        if c in sec:
            return "sector"
        if c == "IM":
            return "imports"
        if c in FD_COLS or (c == "TC" and not competitive):
            return "final_demand"
        return "total"

    kinds = {c: col_kind(c) for c in value_cols}
    long["col_kind"] = long["col"].map(kinds)
    return long[["row", "row_kind", "col", "col_kind", "value"]].reset_index(drop=True)


def labels(df: pd.DataFrame) -> pd.DataFrame:
    """Sector labels (code, name_en, name_zh) of a raw table, typos corrected."""
    rows = df[df["Code"].str.isdigit()].drop_duplicates("Code")
    out = pd.DataFrame({
        "code": rows["Code"].to_numpy(),
        "name_en": rows["Description"].str.strip().replace(LABEL_FIXES).to_numpy(),
        "name_zh": rows["DescriptionInChinese"].str.strip().to_numpy(),
    })
    return out


def derive_42(detail: pd.DataFrame, n: int, table42: pd.DataFrame) -> list[str]:
    """42-sector code of every detailed sector, from matching cumulative gross output.

    The detailed sectors are ordered like the 42 sectors, so each 42-sector is a block of
    consecutive detailed codes; the block ends where the cumulative gross output of the
    detailed table reaches that of the 42-sector table. Checked on value added too.
    """
    go_d = detail.loc[detail["Code"].str.isdigit(), "GO"].to_numpy(float)
    go_42 = table42.loc[table42["Origin"] == "Domestic", "GO"].to_numpy(float)
    ends = [int(np.argmin(np.abs(np.cumsum(go_d) - c))) for c in np.cumsum(go_42)]
    if ends != sorted(set(ends)) or ends[-1] != n - 1:
        raise ValueError(f"{n}-sector table does not nest in the 42-sector table")
    idx = np.searchsorted(np.array(ends), np.arange(n))
    sec_d = _sector_cols(detail, n)
    va_d = detail.set_index("Code").loc["TVA", sec_d].to_numpy(float)
    va_42 = table42.set_index("Code").loc["TVA", _sector_cols(table42, 42)].to_numpy(float)
    for what, a, b in (("GO", go_d, go_42), ("VA", va_d, va_42)):
        gap = np.max(np.abs(np.bincount(idx, weights=a, minlength=42) - b) / np.abs(b))
        if gap > 1e-9:
            raise ValueError(f"{n}-sector blocks do not reproduce the 42-sector {what} ({gap})")
    return [f"{i + 1:02d}" for i in idx]


def _meta(title_zh: str, title_en: str, description: str, raw: list[str],
          coverage: str, **extra: object) -> dict[str, object]:
    return {
        "title_zh": title_zh, "title_en": title_en, "description": description,
        "origin": ORIGIN, "intermediary": INTERMEDIARY, "intermediary_commit": COMMIT,
        "raw_files": raw, "licence": LICENCE, "vintages": [VINTAGE], "coverage": coverage,
        **extra,
    }


TABLE_DESC = (
    "National input-output table of China for {year} at {n} sectors, producers' prices, "
    "unit 10,000 CNY (万元) as published, in a long layout (nonzero cells only; values "
    "written with 10 significant digits). Columns: row (product code or TII, VA001 "
    "compensation of employees, VA002 net taxes on production, VA003 depreciation of "
    "fixed assets, VA004 operating surplus, TVA, TI), row_kind, col (sector code or "
    "{cols}), col_kind, value. {layout} Checked: TII + TVA = TI = GO for every sector, "
    "TIU + TFU{im} = GO for every product row (relative 1e-9). Load it as matrices with "
    "revitalize.data.io_tables.load_nbs_table({year}, {n})."
)
LAYOUT_42 = (
    "Non-competitive import layout: row_kind 'domestic' rows are uses of domestic "
    "products, 'imports' rows uses of imported products (their GO column is total "
    "imports), 'value_added' and 'total' rows follow; col_kind 'sector', 'final_demand' "
    "(TC total consumption = households + government, not split in this table; FU201 "
    "gross fixed capital formation; FU202 changes in inventories; EX exports) and "
    "'total' (TIU, TFU, GO)."
)
LAYOUT_DETAIL = (
    "Competitive import layout: row_kind 'product' rows are uses of domestic and imported "
    "products together; col_kind 'imports' is the IM column (imports, to be subtracted); "
    "'final_demand' columns are FU101 rural and FU102 urban household consumption, "
    "FU103 government consumption, FU201 gross fixed capital formation, FU202 changes in "
    "inventories, EX exports; 'total' columns are TIU, THC, TC, GCF, TFU, GO. The "
    "domestic/imported split of these tables is not published; load_nbs_table estimates "
    "it by import proportionality."
)


def build_tables(shared: Path) -> tuple[list[Dataset], dict[int, pd.DataFrame]]:
    """The six long tables and the three label datasets; returns also the 42 tables."""
    out: list[Dataset] = []
    raw = {(y, n): read_raw(shared, y, n) for y, n in TABLES}
    for (y, n), df in raw.items():
        check_table(df, n, f"china_{y}_{n}")
        long = long_table(df, n)
        detail = n != 42
        desc = TABLE_DESC.format(
            year=y, n=n, layout=LAYOUT_DETAIL if detail else LAYOUT_42,
            im=" - IM" if detail else "",
            cols="TIU, FU101, FU102, THC, FU103, TC, FU201, FU202, GCF, EX, TFU, IM, GO"
            if detail else "TIU, TC, FU201, FU202, EX, TFU, GO",
        )
        rows = df["Origin"] == "Domestic" if not detail else df["Code"].str.isdigit()
        go = float(df.loc[rows, "GO"].sum())
        out.append(Dataset(f"io_china_{y}_{n}", "table", _meta(
            f"{y}年全国投入产出表({n}部门)", f"China input-output table {y}, {n} sectors",
            desc, [raw_path(y, n)], f"China (region 100000), {y}, {n} sectors",
            unit="CNY 10k", year=y, sectors=n,
            layout="competitive" if detail else "non_competitive",
            gross_output_total=round(go, 3),
        ), frame=long))
    lab42 = labels(raw[(2020, 42)])
    for y in (2017, 2018):
        if not labels(raw[(y, 42)]).equals(lab42):
            raise ValueError(f"42-sector labels of {y} differ from 2020")
    out.append(Dataset("io_sectors_42", "table", _meta(
        "投入产出42部门分类", "Input-output sector classification, 42 sectors",
        "Codes and English/Chinese names of the 42 product sectors of the NBS "
        "input-output tables 2017, 2018 and 2020 (identical in the three tables).",
        [raw_path(y, 42) for y in (2017, 2018, 2020)], "NBS IO tables 2017-2020"),
        frame=lab42))
    for n, years in ((149, (2017,)), (153, (2018, 2020))):
        lab = labels(raw[(years[-1], n)])
        maps = {y: derive_42(raw[(y, n)], n, raw[(y, 42)]) for y in years}
        if len({tuple(m) for m in maps.values()}) != 1:
            raise ValueError(f"{n}-sector concordance differs between years")
        lab["sector_42"] = maps[years[-1]]
        out.append(Dataset(f"io_sectors_{n}", "table", _meta(
            f"投入产出{n}部门分类", f"Input-output sector classification, {n} sectors",
            f"Codes and English/Chinese names of the {n} product sectors of the NBS "
            f"input-output table(s) {', '.join(map(str, years))}, with sector_42, the "
            "42-sector code each belongs to. sector_42 is derived, not published: the "
            f"{n} sectors are ordered like the 42 sectors, and the blocks of consecutive "
            "codes were found from cumulative gross output and checked to reproduce the "
            "gross output and value added of every 42-sector column of the same year "
            "(relative 1e-9). Source typo 'Eentertainment' corrected.",
            [raw_path(y, n) for y in years] + [raw_path(y, 42) for y in years],
            f"NBS IO tables {', '.join(map(str, years))}"), frame=lab))
    tables42 = {y: raw[(y, 42)] for y in (2017, 2018, 2020)}
    return out, tables42


def employment(shared: Path) -> Dataset:
    """National employment by section/division as a tidy dataset."""
    e = pd.read_csv(shared / EMPLOYMENT, dtype={"Code": str})
    e.loc[e["Code"] == "K", "Description"] = "Real estate"  # the source repeats the code
    e["Description"] = e["Description"].replace({"Eentertainment": "Entertainment"})
    years = [c for c in e.columns if c.isdigit()]
    ind = {c: "employment" if c == "TOT" else f"employment_{c.lower()}" for c in e["Code"]}
    indicators: dict[str, dict[str, object]] = {}
    for code, en, zh in e[["Code", "Description", "DescriptionInChinese"]].itertuples(False):
        entry: dict[str, object] = {"unit": "10k persons", "additive": True}
        if code == "TOT":
            entry |= {"en": "Employed persons, total", "zh": "就业人员合计"}
        else:
            entry |= {"en": f"Employed persons: {en} ({code})", "zh": f"就业人员:{zh}"}
            entry["parts_of"] = "employment" if len(code) == 1 else f"employment_{code[0].lower()}"
        indicators[ind[code]] = entry
    long = e.melt(id_vars="Code", value_vars=years, var_name="period", value_name="value")
    frame = pd.DataFrame({
        "region": regions.NATIONAL, "indicator": long["Code"].map(ind),
        "period": long["period"], "value": long["value"].astype(float),
        "unit": "10k persons", "source": f"NBS via ionet@{COMMIT[:7]}", "vintage": VINTAGE,
    })
    desc = (
        "Employed persons in China by sector, 1990-2018, 10,000 persons: the total "
        "(employment), the 20 GB/T 4754 sections A-T (employment_a ...) and their "
        "divisions (employment_a01 ...; the source numbers divisions by section letter + "
        "sequence, not by the GB/T 4754 two-digit codes). Divisions add up to their "
        "section and sections to the total within rounding (a few 10k persons). The "
        "source labels section K with its code; it is real estate (房地产业). Used by "
        "revitalize.inputoutput to estimate employment by input-output sector through "
        "the concordance io_employment_concordance_42."
    )
    return Dataset("io_employment", "tidy", _meta(
        "分行业就业人员(全国)", "Employment by sector, China (GB/T 4754)", desc,
        [EMPLOYMENT], "China (region 100000), 1990-2018", indicators=indicators,
        rounding_step=1.0), frame=frame)


def build(shared: Path) -> list[Dataset]:
    """Build the IO tables, labels, employment, CO2 by IO sector and the concordances.

    Parameters
    ----------
    shared
        The ``shared/data`` folder with the raw files.

    Returns
    -------
    list of Dataset
        ``io_china_<year>_<n>`` (6 tables), ``io_sectors_42/149/153``, ``io_employment``,
        ``io_employment_concordance_42``, ``io_ceads_concordance_42`` and
        ``io_co2_by_sector_42``.
    """
    tables, tables42 = build_tables(shared)
    go42 = {y: t.loc[t["Origin"] == "Domestic"].set_index("Code")["GO"].astype(float)
            for y, t in tables42.items()}
    emp = employment(shared)
    extra = [
        conc.employment_concordance(_meta),
        *conc.co2_datasets(shared, go42, _meta),
    ]
    return [*tables, emp, *extra]
