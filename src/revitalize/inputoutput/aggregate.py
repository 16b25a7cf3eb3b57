
"""Aggregation of an :class:`~revitalize.inputoutput.table.IOTable` to fewer sectors.

With a concordance (aggregation) matrix :math:`S` (new sector x old sector, 0/1 with
one 1 per column), flows and satellites are summed (Miller & Blair 2009, §4.3):

.. math:: Z^* = S Z S', \\quad Y^* = S Y, \\quad V^* = V S', \\quad x^* = S x,
          \\quad F^* = F S'
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping
from dataclasses import replace
from typing import TYPE_CHECKING

import pandas as pd

from revitalize.exceptions import InvalidTableError

if TYPE_CHECKING:
    from revitalize.inputoutput.table import IOTable

__all__ = ["aggregate_table"]


def _resolve(table: IOTable, mapping: Mapping[Hashable, Hashable] | pd.Series | str,
             labels: pd.DataFrame | None) -> tuple[dict[Hashable, Hashable], pd.DataFrame | None]:
    if isinstance(mapping, str):
        from revitalize.data.io_tables import io_labels, sector_concordance

        n = len(table.sectors)
        if mapping != "42" or n not in (149, 153):
            raise InvalidTableError(
                f"Cannot aggregate a {n}-sector table with {mapping!r}.",
                "Use '42' for the NBS 149/153-sector tables, or pass a dict "
                "{old code: new code}.")
        conc = sector_concordance(n)
        return dict(conc.items()), io_labels(42)[["name_en", "name_zh"]] if labels is None \
            else labels
    return dict(mapping.items()), labels


def _group_keys(index: pd.Index, mapping: dict[Hashable, Hashable]) -> pd.Index:
    codes = index.get_level_values(-1) if isinstance(index, pd.MultiIndex) else index
    missing = [c for c in dict.fromkeys(codes) if c not in mapping]
    if missing:
        raise InvalidTableError(
            f"The aggregation mapping lacks sector(s) {[str(m) for m in missing[:10]]}.",
            "Map every sector code of the table to a new code.")
    new = [mapping[c] for c in codes]
    if isinstance(index, pd.MultiIndex):
        return pd.MultiIndex.from_arrays([index.get_level_values(0), new],
                                         names=["region", "sector"])
    return pd.Index(new, name="sector")


def _rows(frame: pd.DataFrame | pd.Series, keys: pd.Index) -> pd.DataFrame | pd.Series:
    out = frame.set_axis(keys, axis=0).groupby(level=list(range(keys.nlevels)), sort=False).sum()
    out.index.names = keys.names
    return out


def _cols(frame: pd.DataFrame, keys: pd.Index) -> pd.DataFrame:
    out = _rows(frame.T, keys)
    assert isinstance(out, pd.DataFrame)
    out = out.T
    out.index.name = frame.index.name
    return out


def aggregate_table(table: IOTable, mapping: Mapping[Hashable, Hashable] | pd.Series | str,
                    labels: pd.DataFrame | None = None) -> IOTable:
    """Sum ``table`` onto the classification given by ``mapping`` (see
    :meth:`IOTable.aggregate`)."""
    conc, lab = _resolve(table, mapping, labels)
    keys = _group_keys(table.x.index, conc)
    Z = _cols(pd.DataFrame(_rows(table.Z, keys)), keys)
    Y = pd.DataFrame(_rows(table.Y, keys))
    V = _cols(table.V, keys)
    x = _rows(table.x, keys)
    Zm, Ym, imports = table.Zm, table.Ym, table.imports
    if Zm is not None:
        Zm = _cols(Zm, keys)
        if Zm.index.equals(table.x.index):  # imported products in the same classification
            Zm = _rows(Zm, keys)  # type: ignore[assignment]
            Ym = _rows(Ym, keys) if Ym is not None else None  # type: ignore[assignment]
            imports = _rows(imports, keys) if imports is not None else None  # type: ignore[assignment]
    sat = _cols(table.satellites, keys) if not table.satellites.empty else table.satellites
    if table.satellites.empty:
        sat = pd.DataFrame(index=table.satellites.index, columns=Z.columns, dtype=float)
    codes = keys.get_level_values(-1).unique()
    if lab is None:
        lab = pd.DataFrame({"name_en": [str(c) for c in codes], "name_zh": [str(c) for c in codes]},
                           index=pd.Index(list(codes), name="sector"))
    else:
        lab = lab.reindex(list(codes))
        lab.index.name = "sector"
    assert isinstance(x, pd.Series)
    zero = tuple(x.index[x == 0])
    note = f"Aggregated from {len(table.sectors)} to {len(codes)} sectors by summing flows."
    return replace(table, Z=Z, Y=Y, V=V, x=x, Zm=Zm, Ym=Ym, imports=imports, satellites=sat,
                   sectors=lab, zero_sectors=zero, notes=(*table.notes, note))
