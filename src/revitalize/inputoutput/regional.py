"""Provincial input-output tables derived from the national table.

:func:`provincial_table` turns the national NBS table into a table for one province:

1. output by sector from the province's GDP by branch
   (:func:`~revitalize.inputoutput.regionalize.provincial_sector_output`: national sector
   mix within each branch, national value-added ratios);
2. regional purchase coefficients by a location-quotient method (FLQ by default,
   Flegg & Webber 1997), :math:`a^r_{ij} = \\min(LQ_{ij}, 1)\\, a^n_{ij}`
   (Miller & Blair 2009, §8.2);
3. :math:`Z^r = A^r \\hat{x}^r`; value added by component with national coefficients;
   inputs bought outside the province (rest of China and abroad) by product in ``Zm``
   (national import coefficients plus the national domestic coefficients not supplied
   locally, so columns balance); household consumption and GFCF of local products
   estimated from the national patterns with local shares :math:`\\min(SLQ_i, 1)`, and
   other final demand (sales to other provinces and abroad) as the row balance;
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
    # Inputs bought outside the province, by product: the national import coefficients
    # plus the part of national domestic coefficients not supplied locally.
    am_n = _import_coefficients(nat)
    Zm = (nat.A.to_numpy(float) - A_r + am_n) * x
    local = np.minimum(_slq(xr / _MONEY, x_n), 1.0)
    household_total = _household_consumption(nat, x, V)
    households, households_outside = household_total * local, household_total * (1.0 - local)
    gfcf_local, gfcf_outside = _gfcf(nat, x, local)
    other = x - Z.sum(axis=1) - households - gfcf_local
    idx = nat.x.index
    sat = nat.satellite_coefficients * x if not nat.satellites.empty else None
    notes = [
        f"{reg.name_en} {year}: regionalized from the national NBS table by "
        f"{method.upper()}{f' (delta = {delta})' if method in ('flq', 'aflq') else ''}.",
        *[str(n) for n in est.attrs.get("notes", [])],
        "Inputs bought outside the province (rest of China and abroad), by product: "
        "national import coefficients plus the national domestic coefficients not "
        "supplied locally. Final demand other than households and GFCF is the row "
        "balance and includes sales to other provinces and abroad.",
        "GFCF: the national GFCF product mix scaled by the province's share of national "
        "output; the local part of each product min(SLQ_i, 1) x its national domestic "
        "share, the rest bought outside (an estimate).",
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
            else:
                notes.append(
                    f"CO2: no provincial inventory by IO sector for {reg.name_en} in the "
                    "bundled data; national CO2 per unit of output is used (estimate)."
                )
        if "employment" in satellites.index:
            notes.append("Employment: national employment per unit of output (estimate).")
    table = IOTable(
        Z=pd.DataFrame(Z, index=idx, columns=idx),
        Y=pd.DataFrame(
            {"households": households, "FU201": gfcf_local, "other_final_demand": other},
            index=idx,
        ),
        Ym=pd.DataFrame(
            {"households": households_outside, "FU201": gfcf_outside, "other_final_demand": 0.0},
            index=idx.copy(),
        ),
        V=pd.DataFrame(V, index=nat.V.index, columns=idx),
        x=pd.Series(x, index=idx, name="x"),
        Zm=pd.DataFrame(Zm, index=idx.copy(), columns=idx.copy()),
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


def _slq(xr: pd.Series, xn: pd.Series) -> np.ndarray:
    """Simple location quotients as a vector (the diagonal of the SLQ matrix)."""
    lq = np.asarray(rg.simple_lq(xr.to_numpy(float), xn.to_numpy(float)), dtype=float)
    return np.asarray(np.diag(lq) if lq.ndim == 2 else lq, dtype=float)


def _import_coefficients(nat: IOTable) -> np.ndarray:
    """National imported-input coefficients by product (zeros without ``Zm``)."""
    n = len(nat.x)
    if nat.Zm is None or len(nat.Zm.index) != n:
        return np.zeros((n, n))
    x = nat.x.to_numpy(float)
    return np.asarray(nat.Zm.to_numpy(float) / np.where(x > 0, x, np.inf), dtype=float)


def _gfcf(nat: IOTable, x: np.ndarray, local: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """GFCF of the province by product: bought locally and bought outside."""
    if "FU201" not in nat.Y:
        return np.zeros_like(x), np.zeros_like(x)
    dom = nat.Y["FU201"].clip(lower=0).to_numpy(float)
    imp = np.zeros_like(dom)
    if nat.Ym is not None and "FU201" in nat.Ym and len(nat.Ym) == len(dom):
        imp = nat.Ym["FU201"].clip(lower=0).to_numpy(float)
    total = (dom + imp) * (x.sum() / nat.x.sum())
    dom_share = np.divide(dom, dom + imp, out=np.zeros_like(dom), where=(dom + imp) > 0)
    local_part = total * dom_share * local
    return local_part, total - local_part


def _household_consumption(nat: IOTable, x: np.ndarray, V: np.ndarray) -> np.ndarray:
    """Household consumption of the province by product, local and bought outside
    (the national pattern scaled by compensation of employees; see the module notes)."""
    try:
        hc = nat.household_consumption.to_numpy(float)
    except InputError:
        return np.zeros_like(x)
    if "VA001" not in nat.V.index:
        return np.zeros_like(x)
    comp_row = list(nat.V.index).index("VA001")
    scale = V[comp_row].sum() / nat.V.loc["VA001"].sum()
    return np.asarray(hc * scale, dtype=float)


def _provincial_co2(code: str, year: int, index: pd.Index) -> pd.Series | None:
    from revitalize.data.io_tables import co2_by_io_sector

    try:
        sectors, _households, used = co2_by_io_sector(year, region=code)
    except (InputError, ValueError):  # no CEADs inventory for this province
        return None
    if sectors.empty:
        return None
    out = sectors.reindex(index).fillna(0.0)
    out.attrs["year"] = used
    return out
