"""Parser for Wind Economic Database CSV exports (as shipped by CREA's ``china_co2``).

Layout of an export
-------------------
The first column holds row labels. A block of *header rows* describes each column
(series): ``Wind`` (empty banner row), ``Country``, ``Table Name``, ``Name`` (e.g.
``China: Jilin: GDP: Secondary Industry: YTD``), ``Frequency`` (Month/Season/Year),
``Unit``, ``ID`` (Wind series id), ``Source`` (primary publisher), ``Time Period``,
``Update``. Which of these rows exist, and in which order, differs from file to file,
so they are read **by their label**, never by position. Then follow the *data rows*,
whose first cell is a month ``YYYY-MM``; numbers carry thousands separators and a
trailing blank (``"13,531.19 "``). Footer rows (``Source: Wind``) and blank rows are
ignored.

The 0.00 rule
-------------
Wind writes ``0.00`` where a value was *not published* (e.g. December YTD of provincial
wind generation, January YTD values that NBS publishes only as Jan-Feb, months before a
series starts). :func:`read_wind_export` therefore treats every ``0.00`` as missing
(``zero_rule="missing"``, the default). Builders that know a series can be genuinely
zero choose another rule for it with :func:`apply_zero_rule`:

``"missing"``
    every zero is missing (default; GDP, output, generation, hours, rates).
``"published"``
    a zero is real where the same date is published for the indicator, i.e. at least
    one other series of the same group has a non-zero value that month (flows that may
    well be zero, e.g. newly added capacity).
``"before_first"``
    for stocks (installed capacity): a zero is real only if the date is published (as
    above) **and** the series has no non-zero value at or before that date (e.g. nuclear
    capacity in a province without nuclear plants, or before its first unit). A zero
    after a series has been positive is always a placeholder.

Output
------
A long frame, one row per (series, date) with a value: ``col`` (column position, the
series key; names can repeat), the header attributes as snake-case columns (``name``,
``frequency``, ``unit``, ``id``, ``source``, ``country``, ``table_name``,
``time_period``, ``update`` - whichever the file has), ``date`` (``YYYY-MM``) and
``value`` (float).
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Literal

import pandas as pd

from revitalize.exceptions import UnknownRegionError

from .common import parse_number, region_code

__all__ = [
    "ZeroRule", "apply_zero_rule", "header_key", "read_wind_export", "series_region",
    "within_time_period",
]

ZeroRule = Literal["missing", "published", "before_first"]

_DATE = re.compile(r"(\d{4})-(\d{1,2})")


def header_key(label: str) -> str:
    """Snake-case column name of a header-row label (``"Time Period"`` -> ``time_period``)."""
    return re.sub(r"[^a-z0-9]+", "_", label.strip().lower()).strip("_")


def _rows(src: Path | str) -> list[list[str]]:
    """CSV rows of a file path or of CSV text (text is recognised by a newline)."""
    if isinstance(src, str) and "\n" in src:
        text = src
    else:
        text = Path(src).read_text(encoding="utf-8-sig")
    return list(csv.reader(io.StringIO(text.lstrip("\ufeff"))))


def read_wind_export(src: Path | str, *, keep_zeros: bool = False) -> pd.DataFrame:
    """Parse one Wind export into a long frame (see the module docstring).

    Parameters
    ----------
    src
        Path of the CSV file, or its text.
    keep_zeros
        If False (default) every published ``0.00`` is treated as missing and dropped.
        If True zeros are kept (as 0.0) so that :func:`apply_zero_rule` can decide.
    """
    rows = _rows(src)
    header: dict[str, list[str]] = {}
    data: list[tuple[str, list[str]]] = []
    for row in rows:
        if not row:
            continue
        first = row[0].strip()
        m = _DATE.fullmatch(first)
        if m:
            data.append((f"{int(m[1]):04d}-{int(m[2]):02d}", row[1:]))
        elif not data and first:
            key = header_key(first)
            if key != "wind":  # the banner row carries nothing
                header[key] = [c.strip() for c in row[1:]]
        # anything after the data block (``Source: Wind``, blanks) is a footer
    if "name" not in header:
        raise ValueError("Wind export without a 'Name' header row")
    ncol = len(header["name"])
    records: list[dict[str, object]] = []
    for date, cells in data:
        for j in range(ncol):
            cell = cells[j] if j < len(cells) else ""
            value = parse_number(cell)
            if value is None or (value == 0.0 and not keep_zeros):
                continue
            rec: dict[str, object] = {"col": j}
            for key, vals in header.items():
                rec[key] = vals[j] if j < len(vals) else ""
            rec["date"] = date
            rec["value"] = value
            records.append(rec)
    cols = ["col", *header.keys(), "date", "value"]
    out = pd.DataFrame.from_records(records, columns=cols)
    return out.astype({"col": int, "value": float})


def apply_zero_rule(
    df: pd.DataFrame, rule: ZeroRule, group: Iterable[str], series: str = "col"
) -> pd.DataFrame:
    """Drop the zeros of ``df`` that ``rule`` treats as placeholders.

    ``group`` names the columns that make series comparable (e.g. ``["indicator"]``: all
    provinces of one indicator); ``series`` identifies one series. Non-zero rows are
    never touched.
    """
    zero = df["value"] == 0.0
    if rule == "missing" or not zero.any():
        return df.loc[~zero]
    keys = [*group, "date"]
    published = df.loc[~zero, keys].drop_duplicates()
    published["_pub"] = True
    merged = df[keys].merge(published, on=keys, how="left")
    keep = zero & merged["_pub"].fillna(False).astype(bool).to_numpy()
    if rule == "before_first":
        first = df.loc[~zero].groupby(series)["date"].min()
        first_pos = df[series].map(first)
        keep &= first_pos.isna() | (df["date"] < first_pos)
    elif rule != "published":
        raise ValueError(f"unknown zero rule {rule!r}")
    return df.loc[~zero | keep]


def series_region(name: str) -> str | None:
    """GB/T 2260 code of the region named in a Wind series name, or None.

    The parts between colons are tried in order (after a leading ``China``/``(DC)``);
    ``National`` and a name naming no province (``China: Wind Power Utilization Rate``)
    give the national code ``100000``. Grid sub-regions (``Inner Mongolia: Mengxi``) are
    no region of the registry and give None.
    """
    if re.search(r"\b(Mengxi|Mengdong)\b", name):
        return None
    parts = [p.strip() for p in re.sub(r"^\(DC\)\s*", "", name).split(":")]
    national = parts[0] == "China"
    for part in parts[1:] if national else parts:
        if part == "National":
            return "100000"
        try:
            return region_code(part)
        except UnknownRegionError:
            continue
    return "100000" if national else None


def within_time_period(df: pd.DataFrame) -> pd.DataFrame:
    """Keep rows whose date lies in the series' ``Time Period`` (``start:end``) header.

    Wind pads discontinued series with ``0.00`` after their end; this removes them.
    Rows of series without a parseable time period are kept.
    """
    if "time_period" not in df.columns:
        return df
    span = df["time_period"].str.extract(r"(\d{4}-\d{2})\s*:\s*(\d{4}-\d{2})")
    ok = span[0].isna() | ((df["date"] >= span[0]) & (df["date"] <= span[1]))
    return df.loc[ok]
