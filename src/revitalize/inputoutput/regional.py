"""Provincial input-output tables derived from the national table.

:func:`provincial_table` turns the national NBS table into a table for one province:

1. output by sector from the province's GDP by branch
   (:func:`~revitalize.inputoutput.regionalize.provincial_sector_output`: national sector
   mix within each branch, national value-added ratios);
2. regional purchase coefficients by a location-quotient method (FLQ by default,
   Flegg & Webber 1997), :math:`a^r_{ij} = \\min(LQ_{ij}, 1)\\, a^n_{ij}`
   (Miller & Blair 2009, §8.2);
3. :math:`Z^r = A^r \\hat{x}^r`; value added by component with national coefficients;
   intermediate inputs bought outside the province (rest of China and abroad) as one
   ``outside`` row of ``Zm`` (the column balance), and final demand for the province's
   products as the row balance :math:`x^r - Z^r i` (one ``final_demand`` column that
   includes sales to other provinces and abroad);
4. satellites: employment with national coefficients (an estimate); CO2 from the
   province's own CEADs inventory mapped to the IO sectors (divided by the estimated
   output, so intensities carry the output estimate's error).

Every assumption is written into ``table.notes``.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError
from revitalize.inputoutput import regionalize as rg
from revitalize.inputoutput.table import IOTable
from revitalize.regions import resolve

__all__ = ["LQ_METHODS", "provincial_table"]

LQ_METHODS = ("slq", "cilq", "flq", "aflq")
_MONEY = 1e4  # the national table is in 10k CNY; provincial GDP in 100m CNY


@cache
def _national(year: int, sectors: int) -> IOTable:
    return IOTable.from_nbs(year, sectors)


def _lq(method: str, xr: pd.Series, xn: pd.Series, delta: float) -> np.ndarray:
    r, n = xr.to_numpy(float), xn.to_numpy(float)
    if method == "slq":
        return np.asarray(rg.simple_lq(r, n), dtype=float)
    if method == "cilq":
        return np.asarray(rg.cross_industry_lq(r, n), dtype=float)
    if method == "flq":
        return np.asarray(rg.flq(r, n, delta=delta), dtype=float)
    if method == "aflq":
        return np.asarray(rg.aflq(r, n, delta=delta), dtype=float)
    raise InputError(
        f"Unknown location-quotient method {method!r}.", f"Use one of {', '.join(LQ_METHODS)}."
    )


def provincial_table(
    province: str,
    year: int = 2020,
    *,
    method: str = "flq",
    delta: float = 0.3,
    national: IOTable | None = None,
) -> IOTable:
    """An input-output table for ``province`` regionalized from the national table.

    Parameters
    ----------
    province
        Any name or code of a province (``"LN"``, ``"吉林"``, ``"230000"``).
    year
        Year of the national NBS table (2017, 2018 or 2020, 42 sectors) and of the
        provincial GDP used for output.
    method, delta
        Location-quotient method (``slq``, ``cilq``, ``flq``, ``aflq``) and FLQ's δ.
    national
        A national 42-sector table to start from (default: the NBS table of ``year``).
    """
    reg = resolve(province)
    if reg.level != "province":
        raise InputError(
            f"{reg.name_en} is not a province.",
            "Give a provincial-level region, e.g. LN, JL or HL.",
        )
    nat = national if national is not None else _national(year, 42)
    va_n = nat.V.sum(axis=0) / _MONEY
    x_n = nat.x / _MONEY
    est = rg.provincial_sector_output(reg.code, year, va_n, x_n)
    xr = (est["output"] * _MONEY).reindex(nat.x.index).fillna(0.0)
    lq = _lq(method, xr / _MONEY, x_n, delta)
    A_r = np.asarray(rg.regional_coefficients(nat.A.to_numpy(float), lq), dtype=float)
    x = xr.to_numpy(float)
    Z = A_r * x
    v_coef = nat.V.to_numpy(float) / np.where(
        nat.x.to_numpy(float) > 0, nat.x.to_numpy(float), np.inf
    )
    V = v_coef * x
    outside = x - Z.sum(axis=0) - V.sum(axis=0)
    households = _household_consumption(nat, x, V, lq)
    other = x - Z.sum(axis=1) - households
    idx = nat.x.index
    sat = nat.satellite_coefficients * x if not nat.satellites.empty else None
    notes = [
        f"{reg.name_en} {year}: regionalized from the national NBS table by "
        f"{method.upper()}{f' (delta = {delta})' if method in ('flq', 'aflq') else ''}.",
        *rg.NOTES,
        *[str(n) for n in est.attrs.get("notes", [])],
        "Intermediate inputs from outside the province (rest of China and abroad) are "
        "one 'outside' row; final demand is the row balance and includes sales to "
        "other provinces and abroad.",
        "Household consumption of local products: national household consumption "
        "pattern x the province's compensation of employees relative to the nation's x "
        "min(SLQ_i, 1) as the local share (an estimate, used for Type II multipliers).",
    ]
    satellites = None
    units: dict[str, str] = {}
    if sat is not None:
        satellites = sat.copy()
        units = dict(nat.satellite_units)
        if "co2" in satellites.index:
            co2 = _provincial_co2(reg.code, year, idx)
            if co2 is not None:
                satellites.loc["co2"] = co2.to_numpy(float)
                notes.append(
                    f"CO2: CEADs inventory of {reg.name_en} {co2.attrs['year']} "
                    "by IO sector (CEADs-to-IO concordance)."
                )
        if "employment" in satellites.index:
            notes.append("Employment: national employment per unit of output (estimate).")
    table = IOTable(
        Z=pd.DataFrame(Z, index=idx, columns=idx),
        Y=pd.DataFrame({"households": households, "other_final_demand": other}, index=idx),
        V=pd.DataFrame(V, index=nat.V.index, columns=idx),
        x=pd.Series(x, index=idx, name="x"),
        Zm=pd.DataFrame([outside], index=pd.Index(["outside"], name="origin"), columns=idx),
        satellites=satellites if satellites is not None else pd.DataFrame(),
        satellite_units=units,
        unit=nat.unit,
        year=year,
        region=reg.code,
        sectors=nat.sectors,
        zero_sectors=tuple(idx[x <= 0]),
        notes=tuple(notes),
        household_columns=("households",),
        rtol=1e-6,
    )
    return table


def _household_consumption(
    nat: IOTable, x: np.ndarray, V: np.ndarray, lq: np.ndarray
) -> np.ndarray:
    """Household consumption of local products (see the module notes), capped so that
    it never exceeds the sector's sales to final demand."""
    try:
        hc = nat.household_consumption.to_numpy(float)
    except InputError:
        return np.zeros_like(x)
    comp_row = list(nat.V.index).index("VA001") if "VA001" in nat.V.index else None
    if comp_row is None:
        return np.zeros_like(x)
    scale = V[comp_row].sum() / nat.V.loc["VA001"].sum()
    local = np.minimum(np.diag(lq) if lq.ndim == 2 else lq, 1.0)
    return np.asarray(hc * scale * local, dtype=float)


def _provincial_co2(code: str, year: int, index: pd.Index) -> pd.Series | None:
    from revitalize.data.io_tables import co2_by_io_sector

    try:
        sectors, _households, used = co2_by_io_sector(year, region=code)
    except InputError:
        return None
    if sectors.empty:
        return None
    out = sectors.reindex(index).fillna(0.0)
    out.attrs["year"] = used
    return out
