
"""Validation of labelled input-output tables (kept apart from the model code).

:func:`check_table` is called by :class:`~revitalize.inputoutput.table.IOTable` on
construction; every failure raises :class:`~revitalize.exceptions.InvalidTableError`
naming the block, the sector (or stressor / category) label and how to fix it.

The accounting identities checked (Miller & Blair 2009, §2.2, table 2.3):

.. math::

    x = Z i + Y i \\qquad x' = i' Z + i' Z_m + i' V

where :math:`Z_m` (imported intermediate inputs) is absent in a closed table.
"""

from __future__ import annotations

from collections.abc import Hashable, Iterable
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from revitalize.exceptions import InvalidTableError

if TYPE_CHECKING:
    from revitalize.inputoutput.table import IOTable

__all__ = ["check_labels", "check_table"]


def _label(key: Hashable) -> str:
    return "/".join(map(str, key)) if isinstance(key, tuple) else str(key)


def check_labels(name: str, got: pd.Index, want: pd.Index, axis: str) -> None:
    """Raise unless ``got`` equals ``want`` (same labels, same order)."""
    if got.equals(want):
        return
    if len(got) != len(want):
        detail = f"{len(got)} labels, expected {len(want)}"
    else:
        pos = next(i for i, (a, b) in enumerate(zip(got, want, strict=True)) if a != b)
        detail = f"position {pos + 1} is {_label(got[pos])!r}, expected {_label(want[pos])!r}"
    raise InvalidTableError(
        f"The {axis} of {name} do not match the sectors of Z: {detail}.",
        "Label every block with the same sector codes in the same order "
        "(reindex the frames, e.g. frame.reindex(Z.index)).",
    )


def _finite(name: str, frame: pd.DataFrame | pd.Series) -> None:
    arr = frame.to_numpy(dtype=float)
    if np.all(np.isfinite(arr)):
        return
    pos = np.argwhere(~np.isfinite(arr))[0]
    where = _label(frame.index[pos[0]])
    if arr.ndim == 2:
        where += f", {_label(frame.columns[pos[1]])}"
    raise InvalidTableError(f"{name} holds NaN or infinite values (first at {where}).",
                            "Fill missing cells with 0 (no flow) before building the table.")


def _nonnegative(name: str, frame: pd.DataFrame) -> None:
    arr = frame.to_numpy(dtype=float)
    if arr.size == 0 or arr.min() >= 0:
        return
    i, j = np.argwhere(arr < 0)[0]
    raise InvalidTableError(
        f"{name} has a negative flow {arr[i, j]:.6g} from {_label(frame.index[i])!r} to "
        f"{_label(frame.columns[j])!r}; intermediate flows must be >= 0.",
        "Book negative items as changes in inventories (final demand) or as net taxes on "
        "production (value added).",
    )


def _identity(what: str, got: np.ndarray, x: np.ndarray, scale: np.ndarray,
              labels: pd.Index, rtol: float, fix: str) -> None:
    gap = np.abs(got - x)
    tol = rtol * np.maximum(np.abs(x), scale)
    bad = np.flatnonzero(gap > tol)
    if bad.size == 0:
        return
    k = bad[np.argmax(gap[bad] / np.maximum(tol[bad], 1e-300))]
    raise InvalidTableError(
        f"{what} does not hold for {bad.size} sector(s); worst {_label(labels[k])!r}: "
        f"{got[k]:.10g} vs gross output {x[k]:.10g} (difference {got[k] - x[k]:.4g}, "
        f"rtol={rtol:g}).",
        fix,
    )


def check_table(table: IOTable, rtol: float | None = None,
                zero_sectors: Iterable[Hashable] | None = None) -> None:
    """Check labels, signs and the accounting identities of an :class:`IOTable`.

    Parameters
    ----------
    table
        The table to check.
    rtol
        Relative tolerance of the identities (default ``table.rtol``), relative to
        :math:`|x_j|` or the sum of the absolute terms, whichever is larger.
    zero_sectors
        Sectors allowed to have zero gross output (default ``table.zero_sectors``).

    Raises
    ------
    InvalidTableError
        Misaligned labels, NaN, negative intermediate flows, negative gross output,
        zero gross output not declared in ``zero_sectors``, or an identity that fails.
    """
    rtol = table.rtol if rtol is None else rtol
    zero = set(table.zero_sectors if zero_sectors is None else zero_sectors)
    idx = table.Z.index
    check_labels("Z", table.Z.columns, idx, "columns")
    check_labels("Y", table.Y.index, idx, "rows")
    check_labels("V", table.V.columns, idx, "columns")
    check_labels("x", table.x.index, idx, "labels")
    blocks: list[tuple[str, pd.DataFrame | pd.Series]] = [
        ("Z", table.Z), ("Y", table.Y), ("V", table.V), ("x", table.x)]
    if table.Zm is not None:
        check_labels("Zm", table.Zm.columns, idx, "columns")
        blocks.append(("Zm", table.Zm))
    if table.Ym is not None:
        if table.Zm is not None:
            check_labels("Ym", table.Ym.index, table.Zm.index, "rows (vs Zm)")
        check_labels("Ym", table.Ym.columns, table.Y.columns, "columns (vs Y)")
        blocks.append(("Ym", table.Ym))
    if table.imports is not None:
        blocks.append(("imports", table.imports))
    if not table.satellites.empty:
        check_labels("satellites", table.satellites.columns, idx, "columns")
        blocks.append(("satellites", table.satellites))
        missing = [s for s in table.satellites.index if s not in table.satellite_units]
        if missing:
            raise InvalidTableError(f"No unit given for satellite(s) {missing}.",
                                    "Pass satellite_units={'co2': 'Mt CO2', ...}.")
    if table.satellites_y is not None:
        check_labels("satellites_y", table.satellites_y.columns, table.Y.columns,
                     "columns (vs Y)")
        blocks.append(("satellites_y", table.satellites_y))
    for name, frame in blocks:
        _finite(name, frame)
    _nonnegative("Z", table.Z)
    if table.Zm is not None:
        _nonnegative("Zm", table.Zm)
    x = table.x.to_numpy(dtype=float)
    if (x < 0).any():
        k = int(np.argmax(x < 0))
        raise InvalidTableError(f"Gross output of {_label(idx[k])!r} is negative ({x[k]:.6g}).",
                                "Gross output must be >= 0; check the sign and the GO column.")
    undeclared = [_label(idx[int(k)]) for k in np.flatnonzero(x == 0)
                  if idx[int(k)] not in zero]
    if undeclared:
        raise InvalidTableError(
            f"Sector(s) {undeclared[:10]} have zero gross output.",
            "Remove them (aggregate them into a neighbour) or declare them with "
            "zero_sectors=(...) to keep them with zero coefficients.",
        )
    Z, Y, V = (f.to_numpy(dtype=float) for f in (table.Z, table.Y, table.V))
    Zm = table.Zm.to_numpy(dtype=float) if table.Zm is not None else np.zeros((0, len(x)))
    rows = Z.sum(axis=1) + Y.sum(axis=1)
    _identity("The row identity x = Z i + Y i", rows, x,
              np.abs(Z).sum(axis=1) + np.abs(Y).sum(axis=1), idx, rtol,
              "Each sector's gross output must equal its intermediate plus final uses "
              "(domestic products only; imports belong in Zm/Ym).")
    cols = Z.sum(axis=0) + Zm.sum(axis=0) + V.sum(axis=0)
    _identity("The column identity x' = i'Z + i'Zm + i'V", cols, x,
              np.abs(Z).sum(axis=0) + np.abs(Zm).sum(axis=0) + np.abs(V).sum(axis=0), idx,
              rtol, "Each sector's gross output must equal its intermediate inputs "
              "(domestic and imported) plus value added; pass imported inputs as Zm.")
