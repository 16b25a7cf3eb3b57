"""Location x activity tables a user brings (CSV or Excel), validated before use.

Typical files: industrial enterprises above designated size by region x 41 industries
(a statistical yearbook table: regions in rows, industries in columns), or customs
exports by province x HS product (long: one row per region, product and value). The
file is read by :func:`revitalize.data.importers.read_rows`; every problem is reported
with file, row and column (:class:`~revitalize.exceptions.MalformedFileError`) and no
partial result is returned.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from revitalize import regions
from revitalize.complexity.checks import as_matrix, check_no_zero_lines
from revitalize.data.importers import read_rows
from revitalize.exceptions import MalformedFileError, UnknownRegionError

__all__ = ["read_activity_table"]

_MISSING = {"", "-", "--", "—", "…", "...", "na", "n/a", "nan", "null"}


def _value(text: str, path: str, row: int, col: str) -> float:
    s = text.replace(",", "").replace("\u00a0", "").replace(" ", "")
    if s.lower() in _MISSING:
        return 0.0
    try:
        v = float(s)
    except ValueError:
        raise MalformedFileError(path, f"value {text!r} is not a number.", row=row, column=col,
                                 hint="Use plain numbers; leave absent activities empty.") from None
    if v < 0 or v != v:
        raise MalformedFileError(path, f"value {text!r} is negative.", row=row, column=col,
                                 hint="Output, employment and exports cannot be negative.")
    return v


def _location(text: str) -> str:
    """GB/T 2260 code where the registry knows the name, else the label as given."""
    try:
        return regions.resolve(text).code
    except UnknownRegionError:
        return text.strip()


def read_activity_table(
    path: str | Path,
    *,
    resolution: str,
    location: str | None = None,
    activity: str | None = None,
    value: str | None = None,
    sheet: str | None = None,
) -> pd.DataFrame:
    """Read a user's location x activity table into a validated matrix.

    Parameters
    ----------
    path
        CSV or Excel file.
    resolution
        What a row and a column are, e.g. ``"province x industry (41, yearbook)"``;
        stored in ``attrs["resolution"]`` and shown with every result.
    location, activity, value
        For a long file, the names of its three columns. Without them the file is
        wide: the first column names the location, every other column is an activity.
    sheet
        Excel sheet (default: the first).

    Returns
    -------
    DataFrame
        Locations (GB/T 2260 codes where known, else the label) x activities, with no
        all-zero row or column (those raise), ``attrs["resolution"]`` and
        ``attrs["source"]``.

    Raises
    ------
    MalformedFileError
        Unknown column, non-numeric or negative value, repeated location/activity.
    ZeroLineError
        A location or activity with no positive value.
    """
    raw = read_rows(path, sheet)
    p = raw.path
    cells: dict[tuple[str, str], float] = {}
    seen: dict[tuple[str, str], int] = {}
    if location or activity or value:
        idx = {}
        for name in (location, activity, value):
            if name is None or name not in raw.header:
                raise MalformedFileError(
                    p, f"column {name!r} not found.", row=1,
                    hint=f"Columns are: {', '.join(raw.header)}; pass location=, "
                         "activity= and value= for a long file.")
            idx[name] = raw.header.index(name)
        assert location is not None and activity is not None and value is not None
        for r, row in raw.rows:
            key = (_location(row[idx[location]]), row[idx[activity]].strip())
            if key in seen:
                raise MalformedFileError(p, f"{key} repeats row {seen[key]}.", row=r,
                                         hint="Give each location and activity once.")
            seen[key] = r
            cells[key] = _value(row[idx[value]], p, r, value)
    else:
        acts = [h.strip() for h in raw.header[1:]]
        if len(set(acts)) != len(acts) or not acts:
            raise MalformedFileError(p, "activity columns are missing or repeated.", row=1,
                                     hint="One column per activity, each named once.")
        for r, row in raw.rows:
            loc = _location(row[0])
            for j, a in enumerate(acts, start=1):
                key = (loc, a)
                if key in seen:
                    raise MalformedFileError(p, f"location {loc!r} repeats row {seen[key]}.",
                                             row=r, column=raw.header[0],
                                             hint="Give each location once.")
                seen[key] = r
                cells[key] = _value(row[j] if j < len(row) else "", p, r, raw.header[j])
    if not cells:
        raise MalformedFileError(p, "no data rows.", hint="Add one row per location.")
    s = pd.Series(cells)
    m = s.unstack().fillna(0.0)
    x = as_matrix(m.to_numpy(float), "table")
    check_no_zero_lines(x, [str(i) for i in m.index], [str(c) for c in m.columns])
    m.index.name, m.columns.name = "loc", "prod"
    m.attrs.update(resolution=resolution, source=str(path), notes=[], year=None,
                   derived=False)
    return m
