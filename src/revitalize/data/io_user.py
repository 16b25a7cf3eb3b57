"""Read a user's own input-output table (CSV or Excel) in the NBS layout, validated.

Layout (as the NBS tables and ``shared/data/ionet_china_io``): one row per product and
one column per sector, both labelled by the same sector codes in a ``Code`` column and
the header; optional label columns ``Description``/``name_en`` and
``DescriptionInChinese``/``name_zh``; an optional ``Origin`` column (``Domestic`` /
``Imports`` / ``TOT``) for a non-competitive table. After the product rows come
``TII``, the value-added rows ``VA001``-``VA004`` (or just ``TVA``), ``TVA`` and ``TI``;
after the sector columns come ``TIU``, the final-use columns (``FU101`` ... ``EX``, or
any names), ``TFU``, optionally ``IM`` (competitive imports) and ``GO``.

Every problem is reported with the file, the row (as numbered in a spreadsheet, the
header being row 1) and the column, and how to fix it: unreadable or non-numeric cells
and misaligned codes raise :class:`~revitalize.exceptions.MalformedFileError`;
negative intermediate flows and totals that do not add up raise
:class:`~revitalize.exceptions.InvalidTableError`.
"""

from __future__ import annotations

import re
from pathlib import Path

import numpy as np
import pandas as pd

from revitalize.data.io_layout import FINAL_DEMAND, TOTAL_COLUMNS, TOTAL_ROWS, IOParts, assemble
from revitalize.exceptions import InvalidTableError, MalformedFileError

__all__ = ["read_user_io_table"]

_EN = ("description", "name_en", "name", "sector_name")
_ZH = ("descriptioninchinese", "name_zh", "名称", "部门")
_NON_SECTOR = set(TOTAL_COLUMNS) | set(FINAL_DEMAND) | {"IM"}
_ORIGIN = {"domestic": "domestic", "国内": "domestic", "imports": "imports", "进口": "imports",
           "tot": "total", "total": "total", "": "total"}
_EMPTY = {"", "-", "--", "—", "nan", "NaN", "None"}


def _code(v: object) -> str:
    """A code as text: Excel numbers 1 / 1.0 -> "1"; strings stripped."""
    if isinstance(v, float) and v.is_integer():
        return str(int(v))
    return "" if v is None or (isinstance(v, float) and np.isnan(v)) else str(v).strip()


def _read(path: Path, sheet: str | int) -> pd.DataFrame:
    if not path.is_file():
        raise MalformedFileError(str(path), "file not found", hint="Check the path.")
    try:
        if path.suffix.lower() in (".xlsx", ".xlsm", ".xls"):
            df = pd.read_excel(path, sheet_name=sheet, dtype=object, header=0)
        else:
            try:
                df = pd.read_csv(path, dtype=str, keep_default_na=False,
                                 skip_blank_lines=False, encoding="utf-8-sig")
            except UnicodeDecodeError:
                df = pd.read_csv(path, dtype=str, keep_default_na=False,
                                 skip_blank_lines=False, encoding="gb18030")
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise MalformedFileError(str(path), f"cannot be read as a table ({exc})",
                                 hint="Save it as UTF-8 CSV or .xlsx with one header row.") \
            from exc
    df.columns = [_code(c) for c in df.columns]
    df.index = pd.RangeIndex(2, len(df) + 2)  # spreadsheet row numbers (header = row 1)
    df = df[~df.map(lambda v: _code(v) == "").all(axis=1)]
    if df.empty:
        raise MalformedFileError(str(path), "the table has no rows",
                                 hint="Put the sector codes in the first column.")
    return df


def _numbers(df: pd.DataFrame, path: str) -> pd.DataFrame:
    """Cells as floats (empty -> 0); MalformedFileError at the first non-numeric cell."""
    text = df.map(lambda v: "" if v is None or (isinstance(v, float) and np.isnan(v))
                  else str(v).strip().replace(",", "").replace("\u00a0", "").replace(" ", ""))
    empty = text.isin(_EMPTY)
    out = text.mask(empty, "0").apply(pd.to_numeric, errors="coerce").astype(float)
    bad = np.argwhere((out.isna() & ~empty).to_numpy())
    if bad.size:
        i, j = bad[0]
        raise MalformedFileError(
            path, f"non-numeric value {df.iat[i, j]!r}", row=int(str(df.index[i])),
            column=str(df.columns[j]),
            hint="Write plain numbers (e.g. 1234.5, no units or footnote marks); "
            "leave the cell empty or write 0 for no flow.")
    return pd.DataFrame(out)


def _layout(df: pd.DataFrame, path: str) -> tuple[str, list[str], list[str], str | None]:
    """(code column, label columns, numeric columns, origin column)."""
    cols = list(df.columns)
    code_col = next((c for c in cols if c.lower() in ("code", "代码")), cols[0])
    labels = [c for c in cols if c.lower() in _EN + _ZH + ("origin", "来源")]
    origin = next((c for c in labels if c.lower() in ("origin", "来源")), None)
    numeric = [c for c in cols if c != code_col and c not in labels]
    if "GO" not in numeric:
        raise MalformedFileError(path, "no gross output column 'GO'",
                                 hint="Add a column named GO with each sector's gross output.")
    return code_col, labels, numeric, origin


def _kinds(codes: pd.Series, origin: pd.Series | None, has_va: bool) -> pd.Series:
    def kind(code: str, org: object) -> str:
        if code in TOTAL_ROWS and not (code == "TVA" and not has_va):
            return "total"
        if re.fullmatch(r"VA\d+", code) or code == "TVA":
            return "value_added"
        if origin is None:
            return "product"
        return _ORIGIN.get(_code(org).lower(), "product")

    org = origin if origin is not None else pd.Series("", index=codes.index)
    return pd.Series([kind(c, o) for c, o in zip(codes, org, strict=True)], index=codes.index)


def _align(path: str, codes: pd.Series, kinds: pd.Series, sectors: list[str]) -> list[str]:
    """Check that product rows and sector columns list the same codes."""
    notes: list[str] = []
    for k in ("domestic", "imports", "product"):
        rows = codes[kinds == k]
        if rows.empty:
            continue
        dup = rows[rows.duplicated()]
        if not dup.empty:
            raise MalformedFileError(path, f"sector code {dup.iloc[0]!r} appears twice",
                                     row=int(dup.index[0]), column="Code",
                                     hint="Each sector may have one row (per origin).")
        if list(rows) == sectors:
            continue
        if set(rows) == set(sectors):
            notes.append(f"{k} rows listed in another order than the columns; matched by code.")
            continue
        extra = [c for c in rows if c not in sectors]
        missing = [c for c in sectors if c not in set(rows)]
        if extra:
            r = int(rows.index[list(rows).index(extra[0])])
            pos = list(rows).index(extra[0])
            col = sectors[pos] if pos < len(sectors) else None
            problem = f"row code {extra[0]!r} has no sector column of the same code"
        else:
            r, col = int(rows.index[-1]), missing[0]
            problem = f"sector column {missing[0]!r} has no {k} row of the same code"
        raise MalformedFileError(
            path, problem + f" (rows: {len(rows)}, sector columns: {len(sectors)})",
            row=r, column=col,
            hint="Sector rows and sector columns must carry the same codes (e.g. 01 ... 42) "
            "in the same order; sector columns are those before TIU / the first final-use "
            "column.")
    return notes


def _check_totals(path: str, vals: pd.DataFrame, codes: pd.Series, kinds: pd.Series,
                  sectors: list[str], fd: list[str], rtol: float) -> None:
    rownum = [int(str(r)) for r in vals.index]

    def fail(i: int, col: str, what: str, got: float, want: float, fix: str) -> None:
        raise InvalidTableError(
            f"{path}, row {rownum[i]}, column {col!r}: {what} add up to {got:.10g} but the "
            f"table gives {want:.10g} (difference {got - want:.4g}, tolerance rtol={rtol:g}).",
            fix + " If the file is rounded, pass a larger rtol to read_user_io_table().")

    def first_off(got: np.ndarray, want: np.ndarray, scale: np.ndarray,
                  skip: np.ndarray | None = None) -> int | None:
        bad = np.abs(got - want) > rtol * np.maximum(np.abs(want), scale)
        if skip is not None:
            bad &= ~skip
        return int(np.argmax(bad)) if bad.any() else None

    kind = kinds.to_numpy()
    prod = np.flatnonzero(np.isin(kind, ["domestic", "product", "imports"]))
    z = vals[sectors].to_numpy(float)
    y = vals[fd].to_numpy(float)
    im = vals["IM"].to_numpy(float) if "IM" in vals else np.zeros(len(vals))
    go = vals["GO"].to_numpy(float)
    zs, ys = z[prod].sum(axis=1), y[prod].sum(axis=1)
    scale = np.abs(z[prod]).sum(axis=1) + np.abs(y[prod]).sum(axis=1) + np.abs(im[prod])
    if "TIU" in vals:
        tiu = vals["TIU"].to_numpy(float)[prod]
        k = first_off(zs, tiu, scale)
        if k is not None:
            fail(int(prod[k]), "TIU", "intermediate uses", float(zs[k]), float(tiu[k]),
                 "TIU must be the sum of the sector columns of the row.")
    got = zs + ys - im[prod]
    k = first_off(got, go[prod], scale, skip=(kind[prod] == "imports") & (go[prod] == 0))
    if k is not None:
        i = int(prod[k])
        fail(i, "GO", f"uses of product {codes.iloc[i]!r} (TIU + final use - IM)",
             float(got[k]), float(go[i]), "Each product row must satisfy intermediate use + "
             "final use - imports = gross output (GO); correct the row or its GO cell.")
    own = np.flatnonzero(np.isin(kind, ["domestic", "product"]))
    go_s = pd.Series(go[own], index=codes.iloc[own].to_numpy()).reindex(sectors).to_numpy()
    va = np.flatnonzero(kind == "value_added")
    tot = {str(codes.iloc[i]): int(i) for i in np.flatnonzero(kind == "total")}
    inputs, added = z[prod].sum(axis=0), z[va].sum(axis=0)
    cscale = np.abs(z[prod]).sum(axis=0) + np.abs(z[va]).sum(axis=0)
    if "TII" in tot:
        k = first_off(inputs, z[tot["TII"]], cscale)
        if k is not None:
            fail(tot["TII"], sectors[k], "intermediate inputs", float(inputs[k]),
                 float(z[tot["TII"], k]), "TII must be the column sum of the product rows.")
    if "TI" in tot:
        k = first_off(z[tot["TI"]], go_s, cscale)
        if k is not None:
            fail(tot["TI"], sectors[k], "total inputs (TI)", float(z[tot["TI"], k]),
                 float(go_s[k]), f"TI of sector {sectors[k]!r} must equal its gross output.")
    k = first_off(inputs + added, go_s, cscale)
    if k is not None:
        fail(tot.get("TI", int(va[-1])), sectors[k],
             f"inputs of sector {sectors[k]!r} (intermediate + value added)",
             float(inputs[k] + added[k]), float(go_s[k]), "Each sector column must satisfy "
             "intermediate inputs + value added = gross output (GO of its row); correct the "
             "column or the GO cell of that sector.")


def read_user_io_table(path: str | Path, *, sheet: str | int = 0, year: int | None = None,
                       unit: str = "CNY 10k", rtol: float = 1e-4) -> IOParts:
    """Read and validate a user's input-output table in the NBS layout.

    Parameters
    ----------
    path
        CSV (UTF-8 or GB18030) or Excel file; see the module docstring for the layout.
    sheet
        Sheet name or index for Excel files.
    year, unit
        Year and unit of the values (default 10,000 CNY, the NBS unit).
    rtol
        Relative tolerance of the accounting checks (row: TIU + TFU - IM = GO; column:
        intermediate inputs + value added = GO), relative to GO or to the sum of the
        absolute terms, whichever is larger.

    Returns
    -------
    IOParts
        The same labelled parts as :func:`revitalize.data.io_tables.load_nbs_table`.

    Raises
    ------
    MalformedFileError
        Unreadable file, no GO column, non-numeric cells, duplicated or misaligned
        sector codes, no value-added rows.
    InvalidTableError
        Negative intermediate flows; rows or columns that do not add up.
    """
    p = Path(path)
    where = str(p)
    df = _read(p, sheet)
    code_col, label_cols, numeric, origin_col = _layout(df, where)
    codes = df[code_col].map(_code)
    if (codes == "").any():
        r = int(str(codes.index[codes == ""][0]))
        raise MalformedFileError(where, "row without a code", row=r, column=code_col,
                                 hint="Give every row a sector code or TII/VA001/TVA/TI.")
    has_va = bool(codes.str.fullmatch(r"VA\d+").any())
    kinds = _kinds(codes, df[origin_col] if origin_col else None, has_va)
    if not (kinds == "value_added").any():
        raise MalformedFileError(where, "no value-added rows", column=code_col,
                                 hint="Add rows VA001-VA004 (or one row TVA) below the products.")
    first = next((i for i, c in enumerate(numeric)
                  if c in _NON_SECTOR or re.fullmatch(r"FU\d+", c)), len(numeric))
    sectors = numeric[:first]
    notes = _align(where, codes, kinds, sectors)
    vals = _numbers(df[numeric], where)
    fd = [c for c in numeric[first:] if c not in TOTAL_COLUMNS and c != "IM"]
    if any(c in fd for c in ("FU101", "FU102", "FU103")) and "TC" in fd:
        fd.remove("TC")
    flows = vals.loc[kinds.isin(["domestic", "imports", "product"]), sectors]
    neg = np.argwhere(flows.to_numpy() < 0)
    if neg.size:
        i, j = neg[0]
        r, c = int(str(flows.index[i])), sectors[j]
        raise InvalidTableError(
            f"{where}, row {r}, column {c!r}: negative intermediate flow "
            f"{flows.to_numpy()[i, j]:.10g} from product {str(codes.loc[r])!r} to sector {c!r}.",
            "Intermediate flows must be >= 0: book negative items as changes in "
            "inventories (final use) or as net taxes on production (VA002).")
    _check_totals(where, vals, codes, kinds, sectors, fd, rtol)
    en = next((c for c in label_cols if c.lower() in _EN), None)
    zh = next((c for c in label_cols if c.lower() in _ZH), None)
    first_rows = ~codes.duplicated() & kinds.isin(["domestic", "product"])
    lab = pd.DataFrame({
        "name_en": df.loc[first_rows, en].map(_code) if en else codes[first_rows],
        "name_zh": df.loc[first_rows, zh].map(_code) if zh else codes[first_rows],
    }).set_axis(codes[first_rows].to_numpy())
    wide = vals.set_axis(pd.MultiIndex.from_arrays([codes, kinds]), axis=0)
    wide = wide[[*sectors, *[c for c in numeric[first:]]]]
    return assemble(wide, sectors, lab, year=year, unit=unit,
                    notes=[f"User table {where}.", *notes])
