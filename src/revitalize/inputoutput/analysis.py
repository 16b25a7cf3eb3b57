"""Labelled analyses of an :class:`IOTable`: multipliers, linkages, extraction.

These functions call the pure maths of :mod:`~revitalize.inputoutput.multipliers`,
:mod:`~revitalize.inputoutput.linkages` and :mod:`~revitalize.inputoutput.extraction`
with the table's coefficients and one shared LU factorisation, and return DataFrames
indexed by sector with English and Chinese names.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError
from revitalize.inputoutput import decomposition as sda
from revitalize.inputoutput import extraction as ex
from revitalize.inputoutput import linkages as lk
from revitalize.inputoutput import multipliers as mu
from revitalize.inputoutput.impact import resolve_sector
from revitalize.inputoutput.table import IOTable

__all__ = ["decompose", "extraction", "key_sectors", "multipliers", "sector_names"]


def sector_names(table: IOTable) -> pd.DataFrame:
    """Sector names (``name_en``, ``name_zh``) aligned with the table's index."""
    cols = [c for c in ("name_en", "name_zh") if c in table.sectors]
    if table.is_multiregional:
        codes = table.x.index.get_level_values(-1)
        names = table.sectors.reindex(codes)[cols]
        names.index = table.x.index
        return names
    return table.sectors.reindex(table.x.index)[cols]


def _household_closure(table: IOTable) -> tuple[np.ndarray, np.ndarray] | None:
    try:
        comp = table.V.loc[[r for r in ("VA001",) if r in table.V.index]].sum(axis=0)
        if comp.sum() <= 0:
            return None
        cons = table.household_consumption
    except InputError:
        return None
    return mu.household_coefficients(
        comp.to_numpy(float), cons.to_numpy(float), table.x.to_numpy(float)
    )


def multipliers(table: IOTable, *, type_ii: bool = True) -> pd.DataFrame:
    """Type I (and Type II) multipliers by sector.

    Columns: ``output`` (:math:`i'L`), ``value_added``, ``income`` (compensation), each
    satellite (e.g. ``employment`` per money unit, ``co2``) as simple multipliers
    :math:`c'L` (Miller & Blair 2009, §6.2); ``income_type_i`` (:math:`c'L / c`); with
    ``type_ii`` and a table that has compensation and household consumption,
    ``output_type_ii``, ``income_type_ii`` (households endogenous, M&B §6.2) and their
    ratio. Units follow the table: per unit of final demand in ``table.unit``.
    """
    solver = table.solver
    out = sector_names(table)
    out["output"] = mu.output_multipliers(solver)
    out["value_added"] = mu.simple_multipliers(solver, table.value_added_coefficients)
    closure = _household_closure(table)
    if "VA001" in table.V.index:
        comp = table.compensation_coefficients.to_numpy(float)
        out["income"] = mu.simple_multipliers(solver, comp)
        out["income_type_i"] = mu.type_i_multipliers(solver, comp)
    for name, row in table.satellite_coefficients.iterrows():
        out[str(name)] = mu.simple_multipliers(solver, row.to_numpy(float))
    if type_ii and closure is not None:
        h_row, h_col = closure
        A = table.A.to_numpy(float)
        out["output_type_ii"] = mu.total_output_multipliers(A, h_row, h_col)
        t2 = mu.type_ii_income_multipliers(A, h_row, h_col)
        out["income_type_ii"] = t2
        out["type_ii_ratio"] = mu.type_ratio(t2, out["income_type_i"].to_numpy(float))
    out.attrs["unit"] = f"per {table.unit} of final demand"
    out.attrs["notes"] = list(table.notes)
    return out


def key_sectors(table: IOTable) -> pd.DataFrame:
    """Rasmussen-Hirschman linkages and key sectors (Miller & Blair 2009, §12.2).

    Columns: ``backward`` and ``forward`` (normalised row/column sums of L; 1 = average),
    ``forward_ghosh`` (normalised row sums of the Ghosh inverse), ``class`` (key,
    backward, forward, weak) and ``dispersion`` (coefficient of variation of columns).
    """
    solver = table.solver
    out = sector_names(table)
    out["backward"] = lk.backward_linkages(solver)
    out["forward"] = lk.forward_linkages(solver)
    out["forward_ghosh"] = lk.forward_linkages_ghosh(table.B.to_numpy(float))
    out["class"] = lk.classify_key_sectors(
        out["backward"].to_numpy(), out["forward_ghosh"].to_numpy()
    )
    out["dispersion"] = lk.coefficient_of_variation(solver, axis="column")
    return out


def extraction(
    table: IOTable,
    sectors: Sequence[str],
    *,
    method: str = "links",
    fraction: float | None = None,
) -> pd.DataFrame:
    """Output lost when sectors are hypothetically extracted (M&B 2009, §12.2).

    ``method``: ``"links"`` (remove the sectors' intermediate purchases and sales),
    ``"complete"`` (remove the sectors entirely) or ``"partial"`` (scale their links by
    ``1 - fraction``). Returns output, output without the sectors, loss and share by
    sector; ``attrs["total_loss"]`` and ``attrs["share"]`` give the totals.
    """
    codes = [resolve_sector(table, s) for s in sectors]
    pos = [int(table.x.index.get_indexer(pd.Index([c]))[0]) for c in codes]
    A = table.A.to_numpy(float)
    y = table.x.to_numpy(float) - A @ table.x.to_numpy(float)
    if method == "links":
        res = ex.extract_links(A, y, pos)
    elif method == "complete":
        res = ex.extract_complete(A, y, pos)
    elif method == "partial":
        if fraction is None or not 0 < fraction <= 1:
            raise InputError(
                "Partial extraction needs a fraction in (0, 1].",
                "Pass --fraction 0.5 to halve the sectors' links.",
            )
        res = ex.extract_partial(A, y, pos, fraction)
    else:
        raise InputError(
            f"Unknown extraction method {method!r}.", "Use links, complete or partial."
        )
    out = sector_names(table)
    out["output"] = res.x
    out["output_extracted"] = res.x_extracted
    out["loss"] = res.loss
    out["loss_share"] = res.loss / np.where(res.x > 0, res.x, np.nan)
    out.attrs.update(
        total_loss=float(res.total),
        share=float(res.share),
        extracted=[str(c) for c in codes],
        unit=table.unit,
    )
    return out


def decompose(t0: IOTable, t1: IOTable, *, method: str = "polar") -> pd.DataFrame:
    """Structural decomposition of the change in output between two tables.

    .. math:: x^1 - x^0 = \\Delta L\\, y + L\\, \\Delta y

    split further into the mix, distribution (across final-demand categories) and level
    of final demand (Dietzenbacher & Los 1998; Miller & Blair 2009, §13.1), averaged
    over the two polar forms (``method="polar"``) or all orders (``"shapley"``). The
    tables must share sectors and final-demand categories. The bundled NBS tables are
    at current prices and no input-output deflators ship with the package, so the
    effects include price change (``attrs["notes"]`` says so).
    """
    if not t0.x.index.equals(t1.x.index):
        raise InputError(
            "The two tables have different sectors.",
            "Aggregate both to one classification first (IOTable.aggregate).",
        )
    cats = [c for c in t0.Y.columns if c in t1.Y.columns]
    if not cats:
        raise InputError(
            "The two tables share no final-demand category.",
            "Give tables with the same final-demand columns.",
        )
    res = sda.sda_final_demand(
        t0.A.to_numpy(float),
        t0.Y[cats].to_numpy(float),
        t1.A.to_numpy(float),
        t1.Y[cats].to_numpy(float),
        method="shapley" if method == "shapley" else "polar",
    )
    out = sector_names(t1)
    for name in ("technology", "mix", "distribution", "level", "total"):
        out[name] = getattr(res, name)
    out["x0"] = t0.solver.solve(t0.Y[cats].sum(axis=1).to_numpy(float))
    out["x1"] = t1.solver.solve(t1.Y[cats].sum(axis=1).to_numpy(float))
    out.attrs["unit"] = t1.unit
    out.attrs["notes"] = [
        f"{t0.year} -> {t1.year} at current prices (no input-output deflators bundled): "
        "effects include price change."
    ]
    return out
