"""Importers: read a user's CSV or Excel file into a validated tidy frame.

Two layouts are recognised:

* **long** — columns ``region, indicator, period, value, unit`` (optional ``source``,
  ``vintage``; Chinese headers 地区/指标/时期/数值/单位/来源 also work);
* **wide** (yearbook style) — regions in the first column, one column per period
  (``2019``, ``2020年``, ``2023H1``...); the indicator and unit are given by the caller.

Validation happens before anything is written. Every problem raises an
:class:`~revitalize.exceptions.InputError` that names the file, the row (1-based, the
header is row 1) and the column, and says how to fix it.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from revitalize import regions
from revitalize.exceptions import (
    DuplicateKeyError,
    InputError,
    MalformedFileError,
    PeriodParseError,
    UnknownRegionError,
    UnknownUnitError,
)
from revitalize.periods import parse_period
from revitalize.units import canonical_unit, get_unit

__all__ = ["RawTable", "read_rows", "read_user_file"]

_HEADER_ALIASES = {
    "region": ("region", "地区", "省份", "地区名称", "province", "area"),
    "indicator": ("indicator", "指标", "变量", "variable", "series"),
    "period": ("period", "时期", "时间", "年份", "year", "date"),
    "value": ("value", "数值", "值", "数据"),
    "unit": ("unit", "单位", "units"),
    "source": ("source", "来源", "数据来源"),
    "vintage": ("vintage", "版本"),
}
_MISSING = {"", "-", "--", "—", "…", "...", "na", "n/a", "nan", "null"}


@dataclass(frozen=True)
class RawTable:
    """Cells of a file as strings, with 1-based row numbers (header = row 1)."""

    path: str
    header: list[str]
    rows: list[tuple[int, list[str]]]


def _decode(data: bytes, path: str) -> str:
    for enc in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(enc)
        except UnicodeDecodeError:
            continue
    raise MalformedFileError(
        path, "is neither UTF-8 nor GB18030 text.", hint="Save the file as UTF-8 CSV."
    )


def _read_csv(path: Path) -> RawTable:
    text = _decode(path.read_bytes(), str(path))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
        delim = dialect.delimiter
    except csv.Error:
        delim = ","
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delim, strict=True)
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    try:
        for cells in reader:
            n = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            if header is None:
                header = [c.strip() for c in cells]
                continue
            if len(cells) != len(header):
                raise MalformedFileError(
                    str(path),
                    f"has {len(cells)} fields but the header has {len(header)}.",
                    row=n,
                    column=header[min(len(cells), len(header)) - 1] if cells else None,
                    hint="Check for a stray delimiter or an unquoted comma in a number "
                    '(write "1,234.5" in quotes or 1234.5).',
                )
            rows.append((n, [c.strip() for c in cells]))
    except csv.Error as exc:
        raise MalformedFileError(
            str(path),
            f"is not valid CSV ({exc}).",
            row=reader.line_num,
            hint="Check the quoting on that line.",
        ) from exc
    if header is None:
        raise MalformedFileError(str(path), "is empty.", hint="Give a header row and data rows.")
    return RawTable(str(path), header, rows)


def _read_excel(path: Path, sheet: str | None) -> RawTable:
    from openpyxl import load_workbook

    try:
        wb = load_workbook(path, read_only=True, data_only=True)
    except Exception as exc:
        raise MalformedFileError(str(path), f"cannot be read as Excel ({exc}).") from exc
    try:
        ws = wb[sheet] if sheet else wb.worksheets[0]
    except KeyError as exc:
        raise InputError(
            f"{path}: no sheet {sheet!r}.", f"Sheets: {', '.join(wb.sheetnames)}."
        ) from exc
    header: list[str] | None = None
    rows: list[tuple[int, list[str]]] = []
    for n, values in enumerate(ws.iter_rows(values_only=True), start=1):
        cells = [
            ""
            if v is None
            else (
                str(int(v))
                if isinstance(v, float) and v.is_integer() and header is None
                else str(v)
            ).strip()
            for v in values
        ]
        if not any(cells):
            continue
        if header is None:
            header = cells
            while header and not header[-1]:
                header.pop()
            continue
        rows.append((n, (cells + [""] * len(header))[: len(header)]))
    wb.close()
    if header is None:
        raise MalformedFileError(str(path), "has no rows.", hint="Give a header row and data.")
    return RawTable(str(path), header, rows)


def read_rows(path: str | Path, sheet: str | None = None) -> RawTable:
    """Read a CSV or Excel file into strings, checking its shape."""
    p = Path(path)
    if not p.exists():
        raise InputError(f"File {str(p)!r} does not exist.", "Check the path.")
    suffix = p.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        return _read_excel(p, sheet)
    if suffix in (".csv", ".txt", ".tsv"):
        return _read_csv(p)
    raise InputError(
        f"Cannot import {p.name!r}: unknown file type {suffix!r}.", "Give a .csv or .xlsx file."
    )


def _number(text: str, path: str, row: int, col: str) -> float | None:
    s = text.replace(",", "").replace("\u00a0", "").replace(" ", "")
    if s.lower() in _MISSING:
        return None
    try:
        return float(s)
    except ValueError:
        raise MalformedFileError(
            path,
            f"value {text!r} is not a number.",
            row=row,
            column=col,
            hint="Use plain numbers such as 1234.5; leave missing cells empty.",
        ) from None


def _region(text: str, path: str, row: int, col: str) -> str:
    try:
        return regions.resolve(text).code
    except UnknownRegionError as exc:
        raise MalformedFileError(
            path, f"unknown region {text!r}.", row=row, column=col, hint=exc.hint
        ) from None


def _period(text: str, path: str, row: int, col: str) -> str:
    try:
        return parse_period(text).label
    except PeriodParseError as exc:
        raise MalformedFileError(
            path, f"period {text!r} does not parse.", row=row, column=col, hint=exc.hint
        ) from None


def _unit(text: str, path: str, row: int | None, col: str) -> str:
    try:
        return canonical_unit(text)
    except UnknownUnitError as exc:
        raise MalformedFileError(
            path, f"unknown unit {text!r}.", row=row, column=col, hint=exc.hint
        ) from None


def _find(header: Sequence[str], field: str) -> int | None:
    names = [h.strip().lower() for h in header]
    for alias in _HEADER_ALIASES[field]:
        if alias in names:
            return names.index(alias)
    return None


def read_user_file(
    path: str | Path,
    *,
    indicator: str | None = None,
    unit: str | None = None,
    source: str | None = None,
    vintage: str = "user",
    sheet: str | None = None,
) -> pd.DataFrame:
    """Read and validate a user file; return a tidy frame ready for the store.

    Parameters
    ----------
    path
        CSV (UTF-8 or GB18030) or Excel file.
    indicator, unit
        Required for wide (yearbook-style) tables; for long tables they fill in a
        missing ``indicator`` / ``unit`` column.
    source
        Fills the ``source`` column where the file has none (default: the file name).
    vintage
        Fills the ``vintage`` column where the file has none.
    """
    raw = read_rows(path, sheet)
    p = raw.path
    cols = {f: _find(raw.header, f) for f in _HEADER_ALIASES}
    src_default = source or Path(p).name
    records: list[tuple[str, str, str, float, str, str, str, int]] = []
    if cols["value"] is not None and cols["period"] is not None:
        if cols["region"] is None:
            raise MalformedFileError(
                p, "has no region column.", row=1, hint="Name one column 'region' (or 地区)."
            )
        if cols["indicator"] is None and not indicator:
            raise MalformedFileError(
                p,
                "has no indicator column.",
                row=1,
                hint="Add an 'indicator' column or pass --indicator.",
            )
        if cols["unit"] is None and not unit:
            raise MalformedFileError(
                p, "has no unit column.", row=1, hint="Add a 'unit' column or pass --unit."
            )
        fixed_unit = _unit(unit, p, None, "--unit") if unit else None
        h = raw.header
        for n, cells in raw.rows:

            def cell(f: str, cells: list[str] = cells) -> str:
                i = cols[f]
                return cells[i] if i is not None else ""

            val = _number(cell("value"), p, n, h[cols["value"]])
            if val is None:
                continue
            ind = cell("indicator") or indicator or ""
            if not ind:
                raise MalformedFileError(p, "indicator is empty.", row=n, column="indicator")
            u = (
                _unit(cell("unit"), p, n, h[cols["unit"]])
                if cols["unit"] is not None and cell("unit")
                else fixed_unit
            )
            if u is None:
                raise MalformedFileError(
                    p, "unit is empty.", row=n, column="unit", hint="Fill the unit or pass --unit."
                )
            records.append(
                (
                    _region(cell("region"), p, n, h[cols["region"]]),
                    ind,
                    _period(cell("period"), p, n, h[cols["period"]]),
                    val,
                    u,
                    cell("source") or src_default,
                    cell("vintage") or vintage,
                    n,
                )
            )
    else:
        if not indicator or not unit:
            raise InputError(
                f"{p}: looks like a wide (yearbook-style) table: regions in rows, periods in "
                "columns.",
                "Pass --indicator NAME and --unit UNIT (e.g. --unit 亿元), or give long "
                "columns region, indicator, period, value, unit.",
            )
        u = _unit(unit, p, None, "--unit")
        periods = [_period(c, p, 1, c) for c in raw.header[1:]]
        for n, cells in raw.rows:
            reg = _region(cells[0], p, n, raw.header[0])
            for j, per in enumerate(periods, start=1):
                val = _number(cells[j], p, n, raw.header[j])
                if val is not None:
                    records.append((reg, indicator, per, val, u, src_default, vintage, n))
    if not records:
        raise MalformedFileError(p, "holds no values.", hint="Check that value cells are filled.")
    df = pd.DataFrame(
        records,
        columns=["region", "indicator", "period", "value", "unit", "source", "vintage", "row"],
    )
    _check_duplicates(df, p)
    _check_units(df, p)
    return df.drop(columns="row")


def _check_duplicates(df: pd.DataFrame, path: str) -> None:
    key = ["region", "indicator", "period", "vintage"]
    dup = df.duplicated(key, keep=False)
    if dup.any():
        d = df[dup]
        keys = sorted({f"{r.region}/{r.indicator}/{r.period}" for r in d.itertuples()})
        raise DuplicateKeyError(path, keys, sorted(d["row"].tolist()))


def _check_units(df: pd.DataFrame, path: str) -> None:
    """One unit per indicator, and the dimension of a bundled indicator of that name."""
    from revitalize.data.catalogue import catalogue

    known = {name: info.unit for d in catalogue().values() for name, info in d.indicators.items()}
    for ind, units in df.groupby("indicator")["unit"].unique().items():
        if len(units) > 1:
            raise InputError(
                f"{path}: indicator {ind!r} comes in several units {list(units)}.",
                "Use one unit per indicator.",
            )
        if ind in known and get_unit(units[0]).dimension != get_unit(known[ind]).dimension:
            raise InputError(
                f"{path}: indicator {ind!r} is in {units[0]!r}, but the bundled indicator of "
                f"that name is measured in {known[ind]!r}.",
                f"Give the values in {known[ind]!r} (or a unit of the same kind), or rename "
                "the indicator.",
            )
