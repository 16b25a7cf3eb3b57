
"""Conversion between :class:`~revitalize.inputoutput.table.IOTable` and pymrio.

pymrio (Stadler, K. (2021) Pymrio - a Python based multi-regional input-output
analysis toolbox, *Journal of Open Research Software* 9(1), 8,
doi:10.5334/jors.251) indexes every block by ``(region, sector)`` rows and
``(region, category)`` final-demand columns. :func:`to_pymrio` writes

* ``Z``, ``Y``, ``x`` (column ``indout``) and ``unit`` of the core system;
* extension ``factor_inputs``: ``F`` = value added ``V`` (index ``inputtype``);
* extension ``imports`` (if the table has them): ``F`` = imported intermediate use
  ``Zm``, ``F_Y`` = imported final use ``Ym`` (index ``product``);
* extension ``satellites``: ``F`` = the satellite accounts, ``F_Y`` = direct stressors
  of final demand (index ``stressor``), with their units.

:func:`from_pymrio` reads these back (and any other extension as satellites). pymrio
is an optional dependency (extra ``io``) and imported only here.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import pandas as pd

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.table import IOTable

if TYPE_CHECKING:
    import pymrio

__all__ = ["from_pymrio", "to_pymrio"]


def _pymrio() -> Any:
    try:
        import pymrio
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ImportError("pymrio is needed for this: pip install 'revitalize[io]'") from exc
    return pymrio


def _mi(index: pd.Index, region: str, inner: str) -> pd.MultiIndex:
    if isinstance(index, pd.MultiIndex):
        return index.set_names(["region", inner])
    return pd.MultiIndex.from_product([[region], list(index)], names=["region", inner])


def _y_columns(table: IOTable, columns: pd.Index) -> pd.MultiIndex:
    if isinstance(columns, pd.MultiIndex):
        return columns.set_names(["region", "category"])
    return _mi(columns, table.region, "category")


def _unit(index: pd.Index, units: Any) -> pd.DataFrame:
    values = [units.get(i, "") if isinstance(units, dict) else units for i in index]
    return pd.DataFrame({"unit": values}, index=index.copy())


def to_pymrio(table: IOTable, name: str | None = None) -> pymrio.IOSystem:
    """An :class:`pymrio.IOSystem` holding ``table`` (see the module docstring).

    ``x`` is passed explicitly, so pymrio's ``calc_all()`` uses the published gross
    output rather than recomputing it from ``Z`` and ``Y``.
    """
    pm = _pymrio()
    rows = _mi(table.x.index, table.region, "sector")
    ycols = _y_columns(table, table.Y.columns)
    Z = pd.DataFrame(table.Z.to_numpy(float), index=rows, columns=rows.copy())
    Y = pd.DataFrame(table.Y.to_numpy(float), index=rows.copy(), columns=ycols)
    x = pd.DataFrame({"indout": table.x.to_numpy(float)}, index=rows.copy())
    io = pm.IOSystem(Z=Z, Y=Y, x=x, unit=_unit(rows, table.unit),
                     name=name or f"revitalize {table.region} {table.year or ''}".strip())
    io.year = table.year
    V = pd.DataFrame(table.V.to_numpy(float), columns=rows.copy(),
                     index=pd.Index([str(i) for i in table.V.index], name="inputtype"))
    io.factor_inputs = pm.Extension(name="factor_inputs", F=V, unit=_unit(V.index, table.unit))
    if table.Zm is not None:
        pidx = pd.Index([str(i) for i in table.Zm.index], name="product")
        Fm = pd.DataFrame(table.Zm.to_numpy(float), index=pidx, columns=rows.copy())
        FYm = None
        if table.Ym is not None:
            FYm = pd.DataFrame(table.Ym.to_numpy(float), index=pidx.copy(),
                               columns=_y_columns(table, table.Ym.columns))
        io.imports = pm.Extension(name="imports", F=Fm, F_Y=FYm, unit=_unit(pidx, table.unit))
    if not table.satellites.empty:
        sidx = pd.Index([str(i) for i in table.satellites.index], name="stressor")
        F = pd.DataFrame(table.satellites.to_numpy(float), index=sidx, columns=rows.copy())
        FY = pd.DataFrame(0.0, index=sidx.copy(), columns=ycols.copy())
        if table.satellites_y is not None:
            sy = table.satellites_y.reindex(table.satellites.index).fillna(0.0)
            FY.loc[:, :] = sy.to_numpy(float)
        io.satellites = pm.Extension(name="satellites", F=F, F_Y=FY,
                                     unit=_unit(sidx, dict(table.satellite_units)))
    return io


def _flat(index: pd.Index) -> pd.Index:
    if isinstance(index, pd.MultiIndex):
        return pd.Index(["/".join(map(str, t)) for t in index], name="stressor")
    return pd.Index([str(i) for i in index], name="stressor")


def from_pymrio(io: pymrio.IOSystem, *, value_added: str = "factor_inputs",
                unit: str | None = None, **kwargs: Any) -> IOTable:
    """An :class:`IOTable` from a pymrio system.

    Parameters
    ----------
    io
        A system with ``Z`` and ``Y`` (``x`` is computed as :math:`Z i + Y i` when
        missing). A single-region system gives a table indexed by sector with
        ``region`` set to its region; otherwise the ``(region, sector)`` MultiIndex is
        kept (Y keeps its ``(region, category)`` columns; ``region`` is ``"mrio"``).
    value_added
        Name of the extension holding value added (default ``factor_inputs``), or
        ``"residual"`` for one row ``VA`` = :math:`x' - i'Z - i'Z_m`. Every other
        extension except ``imports`` becomes satellite accounts (MultiIndex stressor
        labels joined with ``/``).
    unit
        Money unit (default: the first entry of ``io.unit``).
    kwargs
        Passed to :class:`IOTable` (e.g. ``rtol``, ``zero_sectors``, ``notes``).
    """
    if io.Z is None or io.Y is None:
        raise InvalidTableError("The pymrio system has no Z or Y.",
                                "Load a system with flows (not only coefficients) or call "
                                "calc_system() / reset_to_flows() first.")
    regions = list(io.Z.index.get_level_values(0).unique())
    single = len(regions) == 1

    def idx(index: pd.Index) -> pd.Index:
        out: pd.Index = index
        if single and isinstance(index, pd.MultiIndex):
            out = pd.Index(index.get_level_values(-1), name=str(index.names[-1]))
        return out

    def frame(df: pd.DataFrame, rows: bool = True) -> pd.DataFrame:
        return pd.DataFrame(df.to_numpy(float), index=idx(df.index) if rows else df.index,
                            columns=idx(df.columns))

    Z, Y = frame(io.Z), frame(io.Y)
    Z.index.name, Z.columns.name = "sector", "sector"
    x = (io.x.iloc[:, 0] if io.x is not None else io.Z.sum(axis=1) + io.Y.sum(axis=1))
    x = pd.Series(x.to_numpy(float), index=Z.index.copy(), name="x")
    exts = {e.name: e for e in io.get_extensions(data=True)}
    by_attr = {a: getattr(io, a) for a in io.get_extensions()}
    exts.update(by_attr)
    Zm = Ym = imports = None
    if "imports" in exts:
        Zm = frame(exts["imports"].F)
        Ym = frame(exts["imports"].F_Y, rows=True) if exts["imports"].F_Y is not None else None
        name = "sector" if Zm.index.equals(Z.index) else "product"
        Zm.index.name = name
        if Ym is not None:
            Ym.index.name = name
        imports = Zm.sum(axis=1) + (Ym.sum(axis=1) if Ym is not None else 0.0)
        imports.name = "imports"
    if value_added == "residual":
        zm = Zm.sum(axis=0).to_numpy() if Zm is not None else 0.0
        V = pd.DataFrame([x.to_numpy() - Z.sum(axis=0).to_numpy() - zm],
                         index=pd.Index(["VA"], name="component"), columns=Z.columns.copy())
    elif value_added in exts:
        V = frame(exts[value_added].F)
        V.index.name = "component"
    else:
        raise InvalidTableError(f"The pymrio system has no extension {value_added!r}.",
                                f"Extensions: {sorted(exts)}; or pass value_added='residual'.")
    sats, sats_y, units = [], [], {}
    for name in (n for n in by_attr if n not in (value_added, "imports")):
        ext = by_attr[name]
        F = frame(ext.F).set_axis(_flat(ext.F.index), axis=0)
        sats.append(F)
        if ext.F_Y is not None:
            sats_y.append(frame(ext.F_Y).set_axis(F.index, axis=0))
        u = ext.unit.iloc[:, 0].tolist() if ext.unit is not None else [""] * len(F)
        units.update(dict(zip(F.index, map(str, u), strict=True)))
    money = unit or (str(io.unit.iloc[0, 0]) if io.unit is not None else "")
    satellites = pd.concat(sats) if sats else pd.DataFrame()
    satellites_y = None
    if sats_y:
        fy = pd.concat(sats_y)
        fy = fy[(fy != 0).any(axis=1)]  # stressors without direct final-demand entries
        satellites_y = fy if not fy.empty else None
    year = getattr(io, "year", None)
    return IOTable(
        Z=Z, Y=Y, V=V, x=x, Zm=Zm, Ym=Ym, imports=imports, satellites=satellites,
        satellite_units=units, satellites_y=satellites_y, unit=money,
        year=int(year) if year is not None else None,
        region=str(regions[0]) if single else "mrio", **kwargs)
