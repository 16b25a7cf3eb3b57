"""Shocks and their impacts: output, value added, income, jobs, CO2, energy.

A *shock* is a change in final demand for domestic products. Projects are described as
money spent ("10 billion yuan of investment in new-energy equipment in Jilin"); the
spending becomes a final-demand vector by a product mix:

* ``investment``: the product mix of gross fixed capital formation (NBS column FU201).
  Only the domestic part of each product's GFCF stays in the economy; the imported part
  leaks abroad (non-competitive-import tables keep the two apart):

  .. math:: \\Delta y_i = I \\cdot \\frac{g^d_i}{\\sum_k (g^d_k + g^m_k)}

  where :math:`g^d, g^m` are domestic and imported GFCF and :math:`I` the investment.
* ``mix``: a user mix of products :math:`w_i` (shares summing to 1), with the same
  import leakage per product: :math:`\\Delta y_i = I w_i g^d_i / (g^d_i + g^m_i)`.
* ``final_demand``: amounts of demand for domestic products by sector, taken as given.

Impacts of many shocks are solved at once: :math:`\\Delta X = L \\Delta Y` with one LU
factorisation of :math:`(I - A)` and one batched solve (the dense inverse is never
formed), then satellite and value-added coefficients give the other measures
(Miller & Blair 2009, §2.5 and §6.1).
"""

from __future__ import annotations

import contextlib
import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError, MalformedFileError
from revitalize.inputoutput.table import IOTable
from revitalize.units import conversion_factor

__all__ = [
    "Shock",
    "final_demand_shock",
    "impact_summary",
    "impacts",
    "investment_shock",
    "read_shocks",
    "shock_matrix",
]

GFCF = "FU201"


@dataclass(frozen=True)
class Shock:
    """One scenario: money spent on an investment mix or on given products.

    Attributes
    ----------
    name
        Scenario name (a column of the shock matrix).
    amount
        Money spent, in ``unit``; ignored when ``final_demand`` is given.
    unit
        Money unit of ``amount`` and ``final_demand`` (``"CNY"``, ``"亿元"`` ...).
    kind
        ``"investment"`` (GFCF product mix), ``"mix"`` (``mix`` shares) or
        ``"final_demand"`` (amounts by sector).
    mix
        Product shares (sector code or name -> share) for ``kind="mix"``.
    final_demand
        Amounts by sector (code or name -> money) for ``kind="final_demand"``.
    region
        Where the spending happens (informational for a single-region table).
    """

    name: str
    amount: float = 0.0
    unit: str = "CNY"
    kind: str = "investment"
    mix: Mapping[str, float] = field(default_factory=dict)
    final_demand: Mapping[str, float] = field(default_factory=dict)
    region: str | None = None


def _sector_lookup(table: IOTable) -> dict[str, Any]:
    look: dict[str, Any] = {}
    for code in table.x.index:
        look[str(code).lower()] = code
    for col in ("name_en", "name_zh"):
        if col in table.sectors:
            for code, name in table.sectors[col].items():
                look.setdefault(str(name).lower(), code)
    return look


def resolve_sector(table: IOTable, name: str) -> Any:
    """The sector code for a code or an English/Chinese sector name.

    Raises
    ------
    InputError
        For an unknown sector, listing the closest codes and names.
    """
    look = _sector_lookup(table)
    key = str(name).strip().lower()
    if key in look:
        return look[key]
    close = difflib.get_close_matches(key, list(look), n=4, cutoff=0.5)
    hint = ", ".join(f"{look[c]} ({c})" for c in close) or "see `revitalize io sectors`"
    raise InputError(
        f"Unknown sector {name!r} in the {len(table.x)}-sector table.", f"Closest: {hint}."
    )


def _domestic_share(table: IOTable, column: str) -> pd.Series:
    """Share of each product bought from domestic (or local) producers.

    From the ``column`` of final demand (GFCF for investment); products absent there
    take their share over all final demand, and products without any use data 1.
    """

    def share(dom: pd.Series, imp: pd.Series) -> pd.Series:
        total = dom + imp
        return (dom / total.where(total > 0)).clip(0.0, 1.0)

    dom_all = table.Y.clip(lower=0).sum(axis=1)
    imp_all = pd.Series(0.0, index=dom_all.index)
    if table.Ym is not None and table.Ym.index.equals(table.Y.index):
        imp_all = table.Ym.clip(lower=0).sum(axis=1)
    fallback = share(dom_all, imp_all).fillna(1.0)
    if column not in table.Y:
        return fallback
    dom = table.Y[column].clip(lower=0)
    imp = pd.Series(0.0, index=dom.index)
    if table.Ym is not None and column in table.Ym and table.Ym.index.equals(dom.index):
        imp = table.Ym[column].clip(lower=0)
    return share(dom, imp).fillna(fallback)


def investment_shock(table: IOTable, amount: float) -> pd.Series:
    """Final demand for domestic products from ``amount`` of investment (table unit).

    .. math:: \\Delta y_i = I \\, g^d_i / \\sum_k (g^d_k + g^m_k)
    """
    if GFCF not in table.Y:
        raise InputError(
            "The table has no gross fixed capital formation column (FU201).",
            "Give the shock as a product mix or as final demand by sector.",
        )
    dom = table.Y[GFCF].clip(lower=0.0)
    imp = table.Ym[GFCF].clip(lower=0.0).sum() if table.Ym is not None and GFCF in table.Ym else 0.0
    return (amount * dom / (dom.sum() + imp)).rename("investment")


def mix_shock(table: IOTable, amount: float, mix: Mapping[str, float]) -> pd.Series:
    """Final demand from ``amount`` spent on a product mix, less each product's imports."""
    shares = pd.Series(0.0, index=table.x.index)
    for name, share in mix.items():
        if share < 0:
            raise InputError(
                f"Mix share of {name!r} is negative ({share}).",
                "Shares are fractions between 0 and 1.",
            )
        shares[resolve_sector(table, name)] += float(share)
    if not np.isclose(shares.sum(), 1.0, atol=1e-6):
        raise InputError(
            f"Mix shares sum to {shares.sum():.6g}, not 1.",
            "Give shares that add up to 1 (e.g. 0.6 and 0.4).",
        )
    return (amount * shares * _domestic_share(table, GFCF).where(shares > 0, 0.0)).rename("mix")


def final_demand_shock(table: IOTable, amounts: Mapping[str, float]) -> pd.Series:
    """Final demand for domestic products by sector, as given (table unit)."""
    y = pd.Series(0.0, index=table.x.index)
    for name, value in amounts.items():
        y[resolve_sector(table, name)] += float(value)
    return y.rename("final_demand")


def shock_matrix(table: IOTable, shocks: Sequence[Shock]) -> pd.DataFrame:
    """Final-demand changes, sector x scenario, in the table's money unit."""
    cols = {}
    for s in shocks:
        f = conversion_factor(s.unit, table.unit)
        if s.kind == "investment":
            y = investment_shock(table, s.amount * f)
        elif s.kind == "mix":
            y = mix_shock(table, s.amount * f, s.mix)
        elif s.kind == "final_demand":
            y = final_demand_shock(table, {k: v * f for k, v in s.final_demand.items()})
        else:
            raise InputError(
                f"Unknown shock kind {s.kind!r} in scenario {s.name!r}.",
                "Use investment, mix or final_demand.",
            )
        if s.name in cols:
            raise InputError(f"Scenario name {s.name!r} is used twice.", "Names must be unique.")
        cols[s.name] = y
    return pd.DataFrame(cols, index=table.x.index)


def impacts(table: IOTable, shocks: pd.DataFrame) -> pd.DataFrame:
    """Impacts of many final-demand shocks at once, as a tidy frame.

    .. math:: \\Delta X = L \\, \\Delta Y, \\quad \\Delta V = \\hat v \\, \\Delta X,
              \\quad \\Delta F = S \\, \\Delta X

    (Miller & Blair 2009, eq. 2.11 and §2.5). One LU factorisation serves all columns.

    Returns
    -------
    DataFrame
        Columns ``scenario, sector, measure, value, unit``; measures ``final_demand``,
        ``output``, ``value_added``, ``income`` (compensation) and each satellite.
    """
    if not shocks.index.equals(table.x.index):
        raise InputError(
            "The shock matrix is not indexed by the table's sectors.",
            "Build it with shock_matrix(table, shocks).",
        )
    dx = table.solver.solve(shocks.to_numpy(float))
    if dx.ndim == 1:
        dx = dx[:, None]
    measures: dict[str, tuple[np.ndarray, str]] = {
        "final_demand": (shocks.to_numpy(float), table.unit),
        "output": (dx, table.unit),
        "value_added": (table.value_added_coefficients.to_numpy()[:, None] * dx, table.unit),
    }
    with contextlib.suppress(InputError):  # a table without compensation has no income
        measures["income"] = (table.compensation_coefficients.to_numpy()[:, None] * dx, table.unit)
    for name, row in table.satellite_coefficients.iterrows():
        measures[str(name)] = (
            row.to_numpy(float)[:, None] * dx,
            table.satellite_units.get(str(name), ""),
        )
    index, columns = table.x.index.to_numpy(), shocks.columns.to_numpy()
    n, k = len(index), len(columns)
    parts = [
        pd.DataFrame(
            {
                "scenario": np.tile(columns, n),
                "sector": np.repeat(index, k),
                "measure": measure,
                "value": values.reshape(n, k).ravel(),
                "unit": unit,
            }
        )
        for measure, (values, unit) in measures.items()
    ]
    return pd.concat(parts, ignore_index=True)


def impact_summary(result: pd.DataFrame) -> pd.DataFrame:
    """Totals per scenario and measure, with the multiplier (output per unit of shock)."""
    tot = result.groupby(["scenario", "measure", "unit"], sort=False)["value"].sum()
    summary = tot.reset_index()
    shock = summary[summary.measure == "final_demand"].set_index("scenario")["value"]
    summary["per_unit_shock"] = summary["value"] / summary["scenario"].map(shock)
    return summary


def read_shocks(path: str | Path) -> tuple[dict[str, Any], list[Shock]]:
    """Read a YAML scenario file: ``table`` options and a list of ``scenarios``.

    Example::

        table: {year: 2020, sectors: 42}
        scenarios:
          - name: jilin_new_energy_equipment
            region: JL
            investment: 1.0e10          # yuan, GFCF product mix
          - name: equipment_mix
            investment: 5.0e9
            unit: CNY
            mix: {"18": 0.6, "19": 0.4}  # sector codes or names
          - name: car_exports
            final_demand: {"18": 2.0e9}
    """
    import yaml

    p = Path(path)
    if not p.exists():
        raise InputError(f"Scenario file {str(p)!r} does not exist.", "Check the path.")
    try:
        doc = yaml.safe_load(p.read_text("utf-8")) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise MalformedFileError(
            str(p),
            f"is not valid YAML ({getattr(exc, 'problem', exc)}).",
            row=mark.line + 1 if mark else None,
        ) from exc
    if not isinstance(doc, dict) or not isinstance(doc.get("scenarios"), list):
        raise MalformedFileError(
            str(p),
            "needs a list under 'scenarios'.",
            hint="See `revitalize io impact --help` for the format.",
        )
    shocks = [_shock(str(p), i, item) for i, item in enumerate(doc["scenarios"], start=1)]
    table_opts = doc.get("table") or {}
    if not isinstance(table_opts, dict):
        raise MalformedFileError(str(p), "'table' must be a mapping (year, sectors).")
    return table_opts, shocks


_KEYS = {"name", "region", "investment", "mix", "final_demand", "unit", "description"}


def _shock(path: str, i: int, item: Any) -> Shock:
    where = f"scenario {i}"
    if not isinstance(item, dict):
        raise MalformedFileError(path, f"{where} is not a mapping.")
    unknown = sorted(set(item) - _KEYS)
    if unknown:
        raise MalformedFileError(
            path,
            f"{where} has unknown keys {unknown}.",
            hint=f"Allowed: {', '.join(sorted(_KEYS))}.",
        )
    name = str(item.get("name") or f"scenario_{i}")
    unit = str(item.get("unit", "CNY"))
    region = str(item["region"]) if item.get("region") is not None else None
    if region is not None:
        from revitalize.regions import resolve

        region = resolve(region).code
    if "final_demand" in item:
        fd = item["final_demand"]
        if not isinstance(fd, dict) or not fd:
            raise MalformedFileError(path, f"{where}: final_demand must map sectors to amounts.")
        return Shock(
            name,
            unit=unit,
            kind="final_demand",
            final_demand={str(k): _num(path, where, v) for k, v in fd.items()},
            region=region,
        )
    if "investment" not in item:
        raise MalformedFileError(path, f"{where} gives neither investment nor final_demand.")
    amount = _num(path, where, item["investment"])
    mix = item.get("mix")
    if mix is not None:
        if not isinstance(mix, dict):
            raise MalformedFileError(path, f"{where}: mix must map sectors to shares.")
        return Shock(
            name,
            amount,
            unit,
            "mix",
            {str(k): _num(path, where, v) for k, v in mix.items()},
            region=region,
        )
    return Shock(name, amount, unit, "investment", region=region)


def _num(path: str, where: str, v: Any) -> float:
    try:
        return float(v)
    except (TypeError, ValueError):
        raise MalformedFileError(path, f"{where}: {v!r} is not a number.") from None
