
"""Regionalization of national technical coefficients by location quotients.

The non-survey shortcut scales national technical coefficients down by a location
quotient measuring how far region :math:`r` can supply input :math:`i` itself
(Miller & Blair 2009, §8.2), :math:`a^r_{ij} = \\min(LQ_{ij}, 1)\\, a^n_{ij}`: the
regional input coefficient (purchases from firms in :math:`r`); the rest,
:math:`a^n_{ij} - a^r_{ij}`, is bought elsewhere. Regional technology = national.
The second half estimates each province's output by IO sector, which the LQs need, from
the GDP-by-branch data the package carries (assumptions in :data:`NOTES`).

References
----------
Flegg, A.T., Webber, C.D. & Elliott, M.V. (1995) On the appropriate use of location
quotients in generating regional input-output tables. *Regional Studies* 29(6), 547-561.
Flegg, A.T. & Webber, C.D. (1997) On the appropriate use of location quotients in
generating regional input-output tables: reply. *Regional Studies* 31(8), 795-805.
Flegg, A.T. & Webber, C.D. (2000) Regional size, regional specialization and the FLQ
formula. *Regional Studies* 34(6), 563-569.
McCann, P. & Dewhurst, J.H.Ll. (1998) Regional size, industrial location and input-output
expenditure coefficients. *Regional Studies* 32(5), 435-444.
Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis: Foundations and Extensions*,
2nd ed., Cambridge UP, §8.2.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
import numpy.typing as npt
import pandas as pd

from revitalize.exceptions import InvalidTableError

__all__ = [
    "GDP_AGGREGATES",
    "GDP_BRANCH_TO_IO42",
    "NOTES",
    "aflq",
    "cross_industry_lq",
    "flq",
    "flq_lambda",
    "provincial_sector_output",
    "regional_coefficients",
    "regional_output_by_sector",
    "simple_lq",
]

FloatArray = npt.NDArray[np.float64]

# The 42 product sectors of the NBS national IO tables (2017, 2018, 2020), labels checked
# against ionet_china_io/china_2020_42.csv: 01 agriculture, forestry, animal husbandry and
# fishery; 02-05 mining; 06-22 manufacturing; 23 repair of metal products, machinery and
# equipment; 24 electric power and heat; 25 gas; 26 water; 27 construction; 28 wholesale
# and retail; 29 transport, storage and post; 30 accommodation and catering;
# 31 information transmission, software and IT services; 32 finance; 33 real estate;
# 34-42 leasing and commercial services, R&D, technical services, water conservancy and
# environment, resident services, education, health, culture, public administration.
# GDP "industry" (工业) = mining + manufacturing + utilities = IO 02-26; information
# services (31) is not a separate GDP branch in the curated data, so it sits in
# "other services" with 34-42.
GDP_BRANCH_TO_IO42: dict[str, tuple[str, ...]] = {
    "gdp_primary": ("01",),
    "gdp_industry": tuple(f"{k:02d}" for k in range(2, 27)),
    "gdp_construction": ("27",),
    "gdp_wholesale_retail": ("28",),
    "gdp_transport_storage_post": ("29",),
    "gdp_accommodation_catering": ("30",),
    "gdp_finance": ("32",),
    "gdp_real_estate": ("33",),
    "gdp_other_services": ("31", *tuple(f"{k:02d}" for k in range(34, 43))),
}

#: The three-sector aggregate (三次产业) each GDP branch belongs to.
GDP_AGGREGATES: dict[str, tuple[str, ...]] = {
    "gdp_primary": ("gdp_primary",),
    "gdp_secondary": ("gdp_industry", "gdp_construction"),
    "gdp_tertiary": ("gdp_wholesale_retail", "gdp_transport_storage_post",
                     "gdp_accommodation_catering", "gdp_finance", "gdp_real_estate",
                     "gdp_other_services"),
}  # fmt: skip

#: Assumptions of :func:`regional_output_by_sector` (also attached to its result).
NOTES: tuple[str, ...] = (
    "Provincial value added by IO sector = provincial value added of the GDP branch x the "
    "sector's share of national value added within that branch (national table of the "
    "chosen year): within a branch a province is assumed to have the national sector mix.",
    "Gross output = value added x national output/value-added ratio of the sector: the "
    "province is assumed to use the national technology (same input structure and VA rate).",
    "The three-sector totals (primary, secondary, tertiary) are the control totals. Where "
    "every branch of an aggregate is reported, the branches are scaled proportionally to "
    "the aggregate; where some are missing, the missing ones share the residual by national "
    "value added; where none is reported, the aggregate is spread by national value added.",
    "The NBS three-sector rule (2012, revised 2018) counts agricultural and mining support "
    "services and the repair of machinery as tertiary, while IO sectors 01, 02-05 and 23 "
    "hold them and the GDP branch 'industry' includes mining support and repair; so "
    "industry + construction can exceed secondary (Jilin 2020: by 0.4%).",
    "GDP branches and IO sectors are both at producer prices but from different releases "
    "(provincial first releases vs the national table); the allocation only uses national "
    "shares and ratios, so units are those of the provincial GDP (CNY 100m).",
)


# ---------------------------------------------------------------------------- LQs
def _pair(
    regional_output: npt.ArrayLike | pd.Series, national_output: npt.ArrayLike | pd.Series
) -> tuple[FloatArray, FloatArray]:
    r, n = regional_output, national_output
    if isinstance(r, pd.Series) and isinstance(n, pd.Series) and not r.index.equals(n.index):
        diff = sorted(map(str, set(n.index).symmetric_difference(r.index)))[:3]
        raise InvalidTableError(
            f"Regional and national outputs carry different sector labels ({diff or 'order'}).",
            "Reindex one like the other: regional.reindex(national.index).",
        )
    xr, xn = np.asarray(r, dtype=np.float64), np.asarray(n, dtype=np.float64)
    problem = None
    if xr.ndim != 1 or xr.shape != xn.shape:
        problem = f"must be vectors of the same length, got shapes {xr.shape} and {xn.shape}"
    elif not (np.all(np.isfinite(xr)) and np.all(np.isfinite(xn))):
        problem = "hold NaN or infinite values"
    elif (xr < 0).any() or (xn < 0).any():
        which, x = ("regional", xr) if (xr < 0).any() else ("national", xn)
        k = int(np.flatnonzero(x < 0)[0])
        problem = f"must be non-negative; {which} output of sector {k} is {x[k]:.6g}"
    elif ((xn == 0) & (xr > 0)).any():
        problem = f"disagree: sector {int(np.flatnonzero((xn == 0) & (xr > 0))[0])} has "
        problem += "regional output but no national output"
    elif xr.sum() <= 0:
        problem = "leave the region without output in every sector"
    if problem:
        raise InvalidTableError(
            f"Location quotients: outputs {problem}.",
            "Pass gross output (or employment) by sector for the region and the nation, "
            "same sectors, same order, same unit.",
        )
    return xr, xn


def _ratio(xr: FloatArray, xn: FloatArray) -> FloatArray:
    rho = np.zeros_like(xr)
    np.divide(xr, xn, out=rho, where=xn > 0)
    return rho


def _slq(xr: FloatArray, xn: FloatArray) -> FloatArray:
    # ratio of shares (not x^r_i / x^n_i scaled): no overflow for tiny or huge outputs
    return _ratio(xr / xr.sum(), xn / xn.sum())


def simple_lq(
    regional_output: npt.ArrayLike | pd.Series, national_output: npt.ArrayLike | pd.Series
) -> FloatArray:
    """Simple location quotients as an n x n matrix (row i holds :math:`SLQ_i`).

    .. math:: SLQ_i = \\frac{x^r_i / x^r}{x^n_i / x^n}

    :math:`x^r_i, x^n_i` are regional and national output (or employment) of sector
    :math:`i`, :math:`x^r, x^n` their totals (Miller & Blair 2009, §8.2). The SLQ
    depends only on the selling sector, so every column is the same.
    """
    xr, xn = _pair(regional_output, national_output)
    slq = _slq(xr, xn)
    return np.repeat(slq[:, None], slq.size, axis=1)


def cross_industry_lq(
    regional_output: npt.ArrayLike | pd.Series,
    national_output: npt.ArrayLike | pd.Series,
    *,
    diagonal: str = "slq",
) -> FloatArray:
    """Cross-industry location quotients.

    .. math:: CILQ_{ij} = \\frac{SLQ_i}{SLQ_j} = \\frac{x^r_i / x^n_i}{x^r_j / x^n_j}

    (Miller & Blair 2009, §8.2). :math:`CILQ_{ii} = 1` by definition; with
    ``diagonal="slq"`` (default, as in the FLQ of Flegg & Webber 1997, 2000) the diagonal
    holds :math:`SLQ_i` instead, with ``diagonal="one"`` it holds 1. Columns of sectors
    absent from the region (:math:`x^r_j = 0`) buy nothing there and are set to 1 (0 in
    rows of absent sellers). A ratio beyond the float range is ``inf`` (an LQ that large
    only means "capped at 1").
    """
    if diagonal not in ("slq", "one"):
        raise InvalidTableError(f"Unknown diagonal {diagonal!r}.", "Use 'slq' or 'one'.")
    xr, xn = _pair(regional_output, national_output)
    rho = _slq(xr, xn)
    present = rho > 0
    out = np.ones((rho.size, rho.size))
    with np.errstate(over="ignore"):
        np.divide(rho[:, None], rho[None, :], out=out, where=present[None, :])
    out[~present, :] = 0.0
    np.fill_diagonal(out, _slq(xr, xn) if diagonal == "slq" else np.where(present, 1.0, 0.0))
    return out


def flq_lambda(
    regional_output: npt.ArrayLike | pd.Series,
    national_output: npt.ArrayLike | pd.Series,
    delta: float,
) -> float:
    """The FLQ regional-size weight :math:`\\lambda^* = [\\log_2(1 + TRE/TNE)]^\\delta`.

    :math:`TRE/TNE` is the region's share of the nation's total (employment in Flegg &
    Webber; here any size measure passed). :math:`0 \\le \\delta < 1`; larger
    :math:`\\delta` means a smaller :math:`\\lambda^*` and more imports.
    """
    if not 0.0 <= delta <= 1.0:
        raise InvalidTableError(
            f"FLQ delta must lie in [0, 1], got {delta}.",
            "Flegg & Webber (1997) suggest 0.3.",
        )
    xr, xn = _pair(regional_output, national_output)
    share = xr.sum() / xn.sum()
    if share > 1.0 + 1e-12:
        raise InvalidTableError(
            f"Regional total exceeds the national total (ratio {share:.4g}).",
            "Pass the region's and the nation's outputs in the same units.",
        )
    return float((np.log1p(min(share, 1.0)) / np.log(2.0)) ** delta)


def flq(
    regional_output: npt.ArrayLike | pd.Series,
    national_output: npt.ArrayLike | pd.Series,
    delta: float = 0.3,
) -> FloatArray:
    """Flegg location quotients.

    .. math::

        FLQ_{ij} = \\lambda^* \\times
        \\begin{cases} CILQ_{ij} & i \\ne j \\\\ SLQ_i & i = j \\end{cases},
        \\qquad \\lambda^* = [\\log_2(1 + TRE/TNE)]^\\delta

    (Flegg, Webber & Elliott 1995; Flegg & Webber 1997, 2000). With :math:`\\delta = 0`,
    :math:`\\lambda^* = 1` and the FLQ is the CILQ with the SLQ on its diagonal.
    """
    lam = flq_lambda(regional_output, national_output, delta)
    return lam * cross_industry_lq(regional_output, national_output, diagonal="slq")


def aflq(
    regional_output: npt.ArrayLike | pd.Series,
    national_output: npt.ArrayLike | pd.Series,
    delta: float = 0.3,
) -> FloatArray:
    """Augmented FLQ: the FLQ raised for purchasing sectors in which the region specialises.

    .. math::

        AFLQ_{ij} = \\begin{cases} FLQ_{ij}\\, \\log_2(1 + SLQ_j) & SLQ_j > 1 \\\\
        FLQ_{ij} & \\text{otherwise} \\end{cases}

    (Flegg & Webber 2000, answering McCann & Dewhurst 1998: a specialised regional
    industry may buy more of its inputs locally). Since :math:`\\log_2(1 + SLQ_j) > 1`
    for :math:`SLQ_j > 1`, :math:`AFLQ \\ge FLQ` and can exceed 1: with the usual cap
    (:func:`regional_coefficients` default) such cells keep the national coefficient;
    with ``cap=False`` they rise above it, as McCann & Dewhurst allow.
    """
    xr, xn = _pair(regional_output, national_output)
    slq = _slq(xr, xn)
    boost = np.where(slq > 1.0, np.log2(1.0 + slq), 1.0)
    return flq(regional_output, national_output, delta) * boost[None, :]


def regional_coefficients(
    A_national: npt.ArrayLike | pd.DataFrame,
    lq_matrix: npt.ArrayLike,
    *,
    cap: bool = True,
) -> FloatArray:
    """Regional input coefficients from national ones and an LQ matrix.

    .. math:: a^r_{ij} = \\min(LQ_{ij}, 1)\\, a^n_{ij} \\quad (\\text{``cap=True``}),
              \\qquad a^r_{ij} = LQ_{ij}\\, a^n_{ij} \\quad (\\text{``cap=False``})

    (Miller & Blair 2009, §8.2). With the cap, regional coefficients never
    exceed national ones, for any LQ; ``cap=False`` is meant for the AFLQ only (McCann &
    Dewhurst 1998), where it lets specialised sectors buy more locally than the national
    average -- with SLQ/CILQ/FLQ it would produce regional exports inside the
    coefficients and should not be used.
    """
    A = np.asarray(A_national, dtype=np.float64)
    lq = np.asarray(lq_matrix, dtype=np.float64)
    if A.ndim != 2 or A.shape[0] != A.shape[1] or lq.shape != A.shape:
        raise InvalidTableError(
            f"A ({A.shape}) must be square and the LQ matrix ({lq.shape}) of the same shape.",
            "Build the LQs from outputs with one entry per sector of A.",
        )
    if (lq < 0).any() or np.isnan(lq).any() or (not cap and np.isinf(lq).any()):
        raise InvalidTableError(
            "LQs must be non-negative numbers (+inf allowed only with the cap).",
            "Recompute them from non-negative outputs.",
        )
    if not np.isfinite(A).all() or (A < 0).any():
        raise InvalidTableError(
            "National technical coefficients must be finite and non-negative.",
            "Pass A = Z diag(x)^-1 of the domestic intermediate flows.",
        )
    out: FloatArray = (np.minimum(lq, 1.0) if cap else lq) * A
    return out


# ---------------------------------------------------------------------------- outputs
def _national(series: pd.Series, name: str, sectors: Sequence[str]) -> pd.Series:
    s = pd.Series(series, dtype="float64")
    s.index = s.index.astype(str)
    missing = [c for c in sectors if c not in s.index]
    if missing:
        raise InvalidTableError(
            f"National {name} lacks IO sectors {missing[:5]} named in the concordance.",
            "Index the national vectors by the IO sector codes ('01'..'42').",
        )
    wanted = set(sectors)
    s = s.loc[[c for c in s.index if c in wanted]]  # keep the national table's order
    if (s < 0).any() or s.isna().any():
        raise InvalidTableError(f"National {name} has negative or missing values.", "Fix them.")
    return s


def _spread(total: float, weights: pd.Series) -> pd.Series:
    """Split ``total`` in proportion to ``weights`` (equally if they are all zero)."""
    w = float(weights.sum())
    if w <= 0:
        return pd.Series(total / len(weights), index=weights.index)
    return weights * (total / w)


def _split_aggregate(
    agg: str, total: float, known: dict[str, float], unknown: list[str], notes: list[str]
) -> tuple[dict[str, float], float]:
    """Reported branch values reconciled with the aggregate, and the residual left."""
    ksum = sum(known.values())
    if total == 0:
        return {b: 0.0 for b in known}, 0.0
    if not unknown:
        if ksum <= 0:
            return {b: 0.0 for b in known}, total  # nothing to scale: spread it all
        if abs(ksum / total - 1.0) > 1e-3:
            notes.append(
                f"{agg}: reported branches sum to {ksum:.6g} vs {total:.6g}; "
                f"scaled by {total / ksum:.4f}."
            )
        return {b: v * total / ksum for b, v in known.items()}, 0.0
    residual = total - ksum
    if residual < 0:
        notes.append(
            f"{agg}: reported branches ({ksum:.6g}) exceed the aggregate ({total:.6g}); "
            f"scaled down to it, {', '.join(unknown)} set to 0."
        )
        return {b: v * total / ksum for b, v in known.items()}, 0.0
    notes.append(
        f"{agg}: {', '.join(unknown)} not reported; they share {residual:.6g} by "
        "national value added."
    )
    return known, residual


def regional_output_by_sector(
    gdp: pd.Series,
    national_va: pd.Series,
    national_output: pd.Series,
    concordance: Mapping[str, Sequence[str]] = GDP_BRANCH_TO_IO42,
    aggregates: Mapping[str, Sequence[str]] = GDP_AGGREGATES,
) -> pd.DataFrame:
    """A province's value added and gross output by IO sector, from GDP by branch.

    Value added of branch :math:`b` is allocated to its IO sectors :math:`j \\in b` by
    national value-added shares and turned into output with national VA/output ratios:

    .. math::

        va^r_j = VA^r_b \\frac{va^n_j}{\\sum_{k \\in b} va^n_k}, \\qquad
        x^r_j = va^r_j \\frac{x^n_j}{va^n_j}.

    The three-sector aggregates are control totals: reported branches are scaled to their
    aggregate when all are reported; missing branches share the residual
    (:math:`VA^r_{agg} - \\sum` reported, floored at 0) by national value added. Every
    assumption is listed in :data:`NOTES` and in ``result.attrs["notes"]``, together with
    what was done for this province.

    Parameters
    ----------
    gdp
        Value added of one province and year, indexed by indicator (``gdp_primary``,
        ``gdp_secondary``, ``gdp_tertiary`` required; branches such as ``gdp_industry``
        optional; NaN = not reported). Any currency unit; the result uses it.
    national_va, national_output
        National value added and gross output by IO sector code (any one unit).
    concordance
        GDP branch -> IO sector codes (default :data:`GDP_BRANCH_TO_IO42`).
    aggregates
        Three-sector aggregate -> its branches (default :data:`GDP_AGGREGATES`).

    Returns
    -------
    pandas.DataFrame
        By IO sector (national order): ``branch``, ``aggregate``, ``value_added``,
        ``output``.

    Raises ``InvalidTableError`` for a missing aggregate, negative values, national
    vectors lacking sectors, or a concordance that does not match ``aggregates``.
    """
    notes = list(NOTES)
    in_aggs = [b for bs in aggregates.values() for b in bs]
    if sorted(in_aggs) != sorted(concordance):
        raise InvalidTableError(
            "The branches of `aggregates` and of `concordance` differ: "
            f"{sorted(set(in_aggs).symmetric_difference(concordance))}.",
            "Every branch must belong to exactly one aggregate and map to IO sectors.",
        )
    sectors = [c for b in concordance.values() for c in b]
    if len(set(sectors)) != len(sectors):
        raise InvalidTableError(
            "The concordance maps an IO sector to more than one branch.",
            "Map each IO sector to exactly one GDP branch.",
        )
    va_n = _national(national_va, "value added", sectors)
    x_n = _national(national_output, "output", sectors)
    g = pd.Series(gdp, dtype="float64")
    rows: list[tuple[str, str, str, float]] = []
    for agg, branches in aggregates.items():
        if agg not in g.index or pd.isna(g[agg]):
            raise InvalidTableError(
                f"GDP of {agg} is missing.",
                "The three-sector values (gdp_primary, gdp_secondary, gdp_tertiary) are "
                "required; load them from the 'gdp' dataset.",
            )
        total = float(g[agg])
        known = {b: float(g[b]) for b in branches if b in g.index and not pd.isna(g[b])}
        if total < 0 or any(v < 0 for v in known.values()):
            raise InvalidTableError(f"{agg} or one of its branches is negative.", "Check it.")
        unknown = [b for b in branches if b not in known]
        values, residual = _split_aggregate(agg, total, known, unknown, notes)
        if residual > 0 and not unknown:  # all branches reported as zero
            unknown = list(branches)
            values = {}
        for b, v in values.items():
            alloc = _spread(v, va_n.loc[list(concordance[b])])
            rows += [(c, b, agg, float(alloc[c])) for c in concordance[b]]
        if unknown:
            pool = _spread(residual, va_n.loc[[c for b in unknown for c in concordance[b]]])
            rows += [(c, b, agg, float(pool[c])) for b in unknown for c in concordance[b]]
    out = pd.DataFrame(rows, columns=["sector", "branch", "aggregate", "value_added"])
    out = out.set_index("sector").loc[list(va_n.index)]
    x_n = x_n.reindex(va_n.index)
    ratio = np.divide(
        x_n.to_numpy(), va_n.to_numpy(), out=np.zeros(len(sectors)), where=va_n.to_numpy() > 0
    )
    out["output"] = out["value_added"].to_numpy() * ratio
    out.attrs["notes"] = notes
    return out


def provincial_sector_output(
    province: str,
    year: int | str,
    national_table_va: pd.Series,
    national_table_x: pd.Series,
    concordance: Mapping[str, Sequence[str]] = GDP_BRANCH_TO_IO42,
) -> pd.DataFrame:
    """:func:`regional_output_by_sector` for a province and year of the ``gdp`` dataset.

    Loads ``load("gdp", regions=province, periods=year, indicators="gdp_*")`` and passes
    the values (CNY 100m) with the national vectors on. The result's
    ``attrs["notes"]`` also names the vintages used.
    """
    from revitalize.data import load

    df = load("gdp", regions=province, periods=str(year), indicators="gdp_*")
    df = df[df["indicator"] != "gdp_real_growth"]
    if df.empty:
        raise InvalidTableError(
            f"No GDP by sector for {province!r} in {year}.",
            "See `revitalize data show gdp` for the years covered.",
        )
    gdp = df.set_index("indicator")["value"]
    out = regional_output_by_sector(gdp, national_table_va, national_table_x, concordance)
    vint = sorted(set(df["vintage"]))
    out.attrs["notes"].append(f"GDP of {province} {year}: vintages {', '.join(vint)}.")
    return out
