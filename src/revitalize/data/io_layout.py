
"""The NBS input-output table layout: codes, parts and the import split.

Both the curated NBS tables (:mod:`revitalize.data.io_tables`) and a user's own table
(:mod:`revitalize.data.io_user`) arrive as one *wide* frame in the NBS layout: rows
indexed by ``(code, kind)`` with kind ``domestic``/``imports`` (non-competitive
layout), ``product`` (competitive layout), ``value_added`` or ``total``; columns are
sector codes followed by final-use, import and total columns. :func:`assemble` turns it
into the labelled parts of an input-output table (:class:`IOParts`).

Row codes: ``TII`` total intermediate input, ``VA001`` compensation of employees,
``VA002`` net taxes on production, ``VA003`` depreciation of fixed assets, ``VA004``
operating surplus, ``TVA`` total value added, ``TI`` total input. Column codes: ``TIU``
total intermediate use, ``FU101``/``FU102`` rural/urban household consumption,
``THC`` household total, ``FU103`` government consumption, ``TC`` total consumption,
``FU201`` gross fixed capital formation, ``FU202`` changes in inventories, ``GCF``
gross capital formation, ``EX`` exports, ``TFU`` total final use, ``IM`` imports,
``GO`` gross output.
"""

from __future__ import annotations

from typing import TypedDict

import numpy as np
import pandas as pd

__all__ = [
    "FINAL_DEMAND",
    "HOUSEHOLD_COLUMNS",
    "TOTAL_COLUMNS",
    "TOTAL_ROWS",
    "VALUE_ADDED",
    "IOParts",
    "assemble",
    "import_shares",
]

#: final-demand categories of the NBS tables: code -> (English, Chinese)
FINAL_DEMAND: dict[str, tuple[str, str]] = {
    "FU101": ("Rural household consumption", "农村居民消费支出"),
    "FU102": ("Urban household consumption", "城镇居民消费支出"),
    "FU103": ("Government consumption", "政府消费支出"),
    "TC": ("Final consumption (households and government)", "最终消费支出"),
    "FU201": ("Gross fixed capital formation", "固定资本形成总额"),
    "FU202": ("Changes in inventories", "存货变动"),
    "EX": ("Exports", "出口"),
}
#: value-added components: code -> (English, Chinese)
VALUE_ADDED: dict[str, tuple[str, str]] = {
    "VA001": ("Compensation of employees", "劳动者报酬"),
    "VA002": ("Net taxes on production", "生产税净额"),
    "VA003": ("Depreciation of fixed assets", "固定资产折旧"),
    "VA004": ("Operating surplus", "营业盈余"),
}
#: columns that hold household consumption (summed for the household vector)
HOUSEHOLD_COLUMNS = ("FU101", "FU102", "THC")
#: total and subtotal rows / columns (never final demand or value added)
TOTAL_ROWS = ("TII", "TVA", "TI")
TOTAL_COLUMNS = ("TIU", "THC", "GCF", "TFU", "GO")


class IOParts(TypedDict):
    """Labelled parts of one input-output table (values in ``unit``).

    ``Z`` domestic intermediate use (sector x sector), ``Zm`` imported intermediate use
    (imported product x sector), ``Y``/``Ym`` domestic/imported final use (product x
    category), ``V`` value added (component x sector), ``x`` gross output, ``imports``
    total imports by product; ``Zm``, ``Ym`` and ``imports`` are None for a table
    without imports. ``notes`` lists every estimate made while assembling.
    """

    Z: pd.DataFrame
    Zm: pd.DataFrame | None
    Y: pd.DataFrame
    Ym: pd.DataFrame | None
    V: pd.DataFrame
    x: pd.Series
    imports: pd.Series | None
    sectors: pd.DataFrame
    year: int | None
    unit: str
    layout: str
    notes: list[str]


def final_demand_columns(columns: list[str], sectors: list[str]) -> list[str]:
    """Final-demand categories among ``columns`` (not sectors, totals or ``IM``).

    ``TC`` is a category only where it is not split into FU101-FU103.
    """
    split = any(c in columns for c in ("FU101", "FU102", "FU103"))
    skip = set(sectors) | set(TOTAL_COLUMNS) | {"IM"} | ({"TC"} if split else set())
    return [c for c in columns if c not in skip]


def import_shares(total_use: pd.Series, exports: pd.Series, imports: pd.Series) -> pd.Series:
    """Import share of domestic use of each product (import proportionality).

    .. math:: m_i = \\frac{IM_i}{\\sum_j z_{ij} + \\sum_k y_{ik} - e_i}

    Every user of product *i* at home is assumed to buy the same share :math:`m_i` from
    abroad; exports are domestic products. The standard way to build a non-competitive
    table from a competitive one (Miller & Blair 2009, §2.6; United Nations 2018,
    *Handbook on Supply, Use and Input-Output Tables with Extensions and Applications*,
    §11.4). Shares are 0 where a product has no domestic use.
    """
    use = (total_use - exports).to_numpy(float)
    im = imports.to_numpy(float)
    out = np.zeros_like(use)
    np.divide(im, use, out=out, where=use > 0)
    return pd.Series(out, index=imports.index, name="import_share")


def _frame(values: pd.DataFrame, index_name: str, columns_name: str) -> pd.DataFrame:
    out = values.astype(float).copy()
    out.index = pd.Index([str(i) for i in out.index], name=index_name)
    out.columns = pd.Index([str(c) for c in out.columns], name=columns_name)
    return out


def assemble(
    wide: pd.DataFrame,
    sectors: list[str],
    labels: pd.DataFrame,
    *,
    year: int | None,
    unit: str,
    notes: list[str] | None = None,
) -> IOParts:
    """Split a wide NBS-layout frame into the labelled parts of an IO table.

    Non-competitive layout (``domestic`` and ``imports`` rows): the parts are read as
    published. Competitive layout (``product`` rows and an ``IM`` column): intermediate
    and final use are split into domestic and imported by :func:`import_shares`, so that
    :math:`x = Z i + Y i` holds for the domestic parts; exports stay domestic. Without
    imports rows or ``IM`` column the table is closed (``Zm`` = ``Ym`` = None).

    Parameters
    ----------
    wide
        Rows indexed by ``(code, kind)``; columns as in the NBS layout; missing cells 0.
    sectors
        Sector codes, in order (the sector columns and the product rows).
    labels
        Sector labels indexed by code with columns ``name_en`` and ``name_zh``.
    year, unit
        Year of the table and the unit of its values.
    notes
        Notes gathered so far (copied; estimates made here are appended).
    """
    notes = list(notes or [])
    kinds = wide.index.get_level_values(1)
    cols = [str(c) for c in wide.columns]
    fd = final_demand_columns(cols, sectors)
    va_mask = np.asarray(kinds == "value_added")
    V = _frame(wide.loc[va_mask, sectors].droplevel(1), "component", "sector")
    Zm: pd.DataFrame | None = None
    Ym: pd.DataFrame | None = None
    if "domestic" in set(kinds):
        layout = "non_competitive"
        dom = pd.DataFrame(wide.xs("domestic", level=1)).reindex(sectors).fillna(0.0)
        imp = pd.DataFrame(wide.xs("imports", level=1)).reindex(sectors).fillna(0.0)
        Z = _frame(dom[sectors], "sector", "sector")
        Y = _frame(dom[fd], "sector", "category")
        Zm_ = _frame(imp[sectors], "sector", "sector")
        Ym_ = _frame(imp[fd], "sector", "category")
        Zm, Ym = Zm_, Ym_
        x = dom["GO"] if "GO" in dom else Z.sum(axis=1) + Y.sum(axis=1)
        imports: pd.Series | None = Zm_.sum(axis=1) + Ym_.sum(axis=1)
    else:
        layout = "competitive"
        prod = pd.DataFrame(wide.xs("product", level=1)).reindex(sectors).fillna(0.0)
        Z = _frame(prod[sectors], "sector", "sector")
        Y = _frame(prod[fd], "sector", "category")
        x = prod["GO"] if "GO" in prod else Z.sum(axis=1) + Y.sum(axis=1)
        imports = None
        if "IM" in prod and prod["IM"].abs().sum() > 0:
            layout = "competitive_split"
            ex = Y["EX"] if "EX" in Y else pd.Series(0.0, index=Y.index)
            m = import_shares(Z.sum(axis=1) + Y.sum(axis=1), ex, prod["IM"].astype(float))
            Zm_ = Z.mul(m, axis=0)
            Ym_ = Y.drop(columns=[c for c in ("EX",) if c in Y]).mul(m, axis=0)
            Ym_ = Ym_.reindex(columns=Y.columns, fill_value=0.0)
            Z, Y = Z - Zm_, Y - Ym_
            Zm, Ym = Zm_, Ym_
            imports = prod["IM"].astype(float)
            notes.append(
                "Competitive-import table: domestic and imported use were split by import "
                "proportionality (each domestic user of a product imports the same share "
                f"of it; shares 0 to {m.max():.2f}); exports are domestic. An estimate: "
                "the NBS does not publish this split at this level of detail."
            )
    x = pd.Series(x.to_numpy(float), index=pd.Index(sectors, name="sector"), name="x")
    if imports is not None:
        imports = pd.Series(imports.to_numpy(float), index=x.index.copy(), name="imports")
    lab = labels.reindex(sectors)
    lab.index.name = "sector"
    return IOParts(Z=Z, Zm=Zm, Y=Y, Ym=Ym, V=V, x=x, imports=imports, sectors=lab,
                   year=year, unit=unit, layout=layout, notes=notes)
