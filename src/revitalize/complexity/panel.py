"""Containers: all complexity measures of one matrix, and the tidy panel wrapper.

:func:`complexity_table` takes and returns the long table of the Growth Lab's
``ecomplexity`` (columns time, loc, prod, val, renamed through ``cols``) and reproduces
its numbers; the reshaping uses categorical codes and numpy index arithmetic.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from revitalize.complexity.checks import ComplexityInputError, as_matrix, check_no_zero_lines
from revitalize.complexity.eci import eci_pci_raw, standardise_eci_pci
from revitalize.complexity.outlook import complexity_outlook_gain, complexity_outlook_index
from revitalize.complexity.proximity import density, proximity
from revitalize.complexity.rca import binary_presence, rca, rpop

__all__ = ["OUTPUT_COLUMNS", "ComplexityResult", "complexity_matrix", "complexity_table"]

Array = NDArray[np.float64]
T = TypeVar("T")
R = TypeVar("R")
KEYS = ("time", "loc", "prod", "val")
#: measures added by :func:`complexity_table`, in ``ecomplexity``'s order
OUTPUT_COLUMNS = ["diversity", "ubiquity", "mcp", "eci", "pci", "density", "coi", "cog",
                  "rca"]


@dataclass(frozen=True)
class ComplexityResult:
    """Every measure of one location x activity matrix (arrays in row/column order)."""

    rca: Array
    mcp: Array
    diversity: Array
    ubiquity: Array
    eci: Array
    pci: Array
    proximity: Array
    density: Array
    coi: Array
    cog: Array


def complexity_matrix(
    values: ArrayLike,
    *,
    threshold: float = 1.0,
    population: ArrayLike | None = None,
) -> ComplexityResult:
    r"""RCA, M, diversity, ubiquity, ECI, PCI, proximity, density, COI and COG.

    Normalisation as ``ecomplexity`` 0.5: ECI z-scored; PCI scaled with the ECI's mean
    and standard deviation; COI z-scored; COG divided by the standard deviation of the
    raw ECI; COI and COG computed with the raw (unit-norm) PCI eigenvector.

    Parameters
    ----------
    values
        Non-negative location x activity matrix without all-zero rows or columns.
    threshold
        :math:`M_{cp} = 1` where RCA (or RPOP) :math:`\ge` threshold.
    population
        If given, presence uses per-capita RCA (:func:`~revitalize.complexity.rca.rpop`).
    """
    x = as_matrix(values)
    check_no_zero_lines(x)
    r = rca(x)
    index = rpop(x, population) if population is not None else r
    m = binary_presence(index, threshold)
    kc, kp = eci_pci_raw(m)
    phi = proximity(m)
    omega = density(m, phi, symmetric=True)
    coi = complexity_outlook_index(m, omega, kp)
    cog = complexity_outlook_gain(m, phi, kp)
    sd = float(np.nanstd(kc))
    eci, pci = standardise_eci_pci(kc, kp)
    sd_coi = float(np.nanstd(coi))
    # all locations with the same outlook: no spread to standardise by (NaN, as 0/0)
    coi_z = (coi - np.nanmean(coi)) / sd_coi if sd_coi > 0 else np.full_like(coi, np.nan)
    return ComplexityResult(
        rca=r, mcp=m, diversity=m.sum(axis=1), ubiquity=m.sum(axis=0), eci=eci, pci=pci,
        proximity=phi, density=omega, coi=coi_z, cog=cog / sd,
    )


def _usable_cpus() -> int:
    """CPUs this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def _available_memory() -> int | None:
    """Bytes of physical memory available now (Linux/BSD), or ``None``."""
    try:
        return int(os.sysconf("SC_AVPHYS_PAGES")) * int(os.sysconf("SC_PAGE_SIZE"))
    except (AttributeError, ValueError, OSError):
        return None


def _memory_cap(workers: int, n_loc: int, n_act: int, share: float = 0.25) -> int:
    """At most as many years in flight as fit in ``share`` of the available memory.

    A year holds about :math:`8(2 P^2 + 12 L P)` bytes (proximity and co-occurrence,
    P x P; a dozen L x P arrays).
    """
    per_year = 8 * (2 * n_act * n_act + 12 * n_loc * n_act)
    avail = _available_memory()
    if avail is None or per_year <= 0:
        return workers
    return max(1, min(workers, int(share * avail) // per_year))


def _n_workers(workers: int | None) -> int:
    """Threads to use: ``workers``, or the usable CPUs when ``None``."""
    if workers is not None and (isinstance(workers, bool) or workers < 1):
        raise ComplexityInputError(f"workers must be at least 1; got {workers}.",
                                   "Pass workers=None (all CPUs) or a positive number.")
    return _usable_cpus() if workers is None else int(workers)


def _map(fn: Callable[[T], R], items: Sequence[T], workers: int) -> list[R]:
    """``[fn(i) for i in items]``, in a thread pool with single-threaded BLAS calls when
    ``workers`` > 1 (and more than one item), else in order. Errors are re-raised here.
    """
    w = min(workers, len(items))
    if w <= 1:
        return [fn(i) for i in items]
    from concurrent.futures import ThreadPoolExecutor

    from threadpoolctl import threadpool_limits

    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(w) as pool:
        return [f.result() for f in [pool.submit(fn, i) for i in items]]


def _codes(col: pd.Series) -> tuple[NDArray[np.intp], pd.Index]:
    """Integer codes and sorted unique labels of a key column."""
    codes, uniques = pd.factorize(col, sort=True)
    if (codes < 0).any():
        raise ComplexityInputError(
            f"Column {col.name!r} has missing keys.", "Fill or drop rows without a key."
        )
    return np.asarray(codes, dtype=np.intp), pd.Index(uniques)


def complexity_table(
    data: pd.DataFrame,
    cols: Mapping[str, str] | None = None,
    *,
    threshold: float = 1.0,
    workers: int | None = None,
) -> pd.DataFrame:
    """Complexity measures of a long panel, with ``ecomplexity``'s columns and numbers.

    Parameters
    ----------
    data
        Long table with a time, location, activity and value column.
    cols
        Names of those columns, ``{"time": ..., "loc": ..., "prod": ..., "val": ...}``
        (as ``ecomplexity``'s ``cols_input``); default: the names themselves.
    threshold
        RCA threshold of the presence matrix.
    workers
        Years computed at once, each in its own thread with a single-threaded BLAS (the
        years are independent; the result does not depend on this). Default: the CPUs
        this process may use, at most the number of years and no more than fit in a
        quarter of the available memory. ``1``: one year after the other, with the
        BLAS's own threading.

    Returns
    -------
    DataFrame
        One row per time x location x activity of each year's rectangular grid, with
        :data:`OUTPUT_COLUMNS`, sorted by time, location, activity, under the input's
        column names (location and activity labels as ``pandas.Categorical`` of the
        input's labels: the same values in a fraction of the memory; ``.astype(str)``
        gives plain strings). Locations and activities with a zero total in a year are left
        out of that year's grid; their input rows come back with NaN measures. Missing
        values count as 0.

    Raises
    ------
    ComplexityInputError
        Missing columns or a repeated (time, loc, prod) key.
    NegativeValueError
        Negative values.
    """
    n_workers = _n_workers(workers)
    names = {k: (cols or {}).get(k, k) for k in KEYS}
    missing = [v for v in names.values() if v not in data.columns]
    if missing:
        raise ComplexityInputError(
            f"The panel lacks column(s) {missing}.",
            "Pass cols={'time': ..., 'loc': ..., 'prod': ..., 'val': ...} naming them.",
        )
    val = pd.to_numeric(data[names["val"]], errors="coerce").fillna(0.0).to_numpy(float)
    if (val < 0).any():
        from revitalize.complexity.checks import NegativeValueError

        raise NegativeValueError(
            f"The panel has {int((val < 0).sum())} negative value(s) in column "
            f"{names['val']!r}.",
            "Exports, output and employment cannot be negative; fix or drop those rows.",
        )
    (tc, times), (lc, locs), (pc, prods) = _map(
        _codes, [data[names[k]] for k in ("time", "loc", "prod")], n_workers)
    nt, nl, npr = len(times), len(locs), len(prods)
    size = nt * nl * npr
    flat = (tc * nl + lc) * npr + pc
    if len(flat) == size and bool((flat[1:] > flat[:-1]).all()) and flat[0] == 0:
        # complete panel already in (time, loc, prod) order: flat is 0..size-1
        dense, has_rows = val, None
    else:
        seen = np.zeros(size, dtype=np.uint8)
        seen[flat] = 1
        if int(seen.sum(dtype=np.int64)) != len(flat):
            raise ComplexityInputError(
                "The panel repeats some (time, loc, prod) keys.",
                "Aggregate the duplicates first (e.g. groupby(...).sum()).",
            )
        dense = np.zeros(size)
        dense[flat] = val
        has_rows = seen.reshape(nt, nl, npr).astype(bool)
    cube = dense.reshape(nt, nl, npr)
    # Pass 1 (cheap): each year's grid of active locations x active activities.
    loc_on = cube.sum(axis=2) > 0  # (time, loc)
    prod_on = cube.sum(axis=1) > 0  # (time, prod)
    grids = [(t, np.flatnonzero(loc_on[t]), np.flatnonzero(prod_on[t]))
             for t in range(nt) if loc_on[t].any()]
    if not grids:
        raise ComplexityInputError("The panel has no positive value.", "Check the data.")
    # input rows of an inactive (time, loc) or (time, prod) fall outside every grid
    if has_rows is None:
        any_out = not (loc_on.all() and prod_on.all())
    else:
        any_out = bool((has_rows.any(axis=2) & ~loc_on).any()
                       or (has_rows.any(axis=1) & ~prod_on).any())
    dropped = (np.flatnonzero(~(loc_on.ravel()[flat // npr] & prod_on[tc, pc]))
               if any_out else np.zeros(0, dtype=np.intp))
    n = sum(li.size * pi.size for _, li, pi in grids) + dropped.size
    # Pass 2: compute each year and write it straight into preallocated columns; grid
    # rows come out sorted by (time, loc, prod).
    cols_out = {c: np.empty(n) for c in ("val", *OUTPUT_COLUMNS)}
    codes = {k: np.empty(n, dtype=np.int32) for k in ("t", "l", "p")}
    starts = np.cumsum([0] + [li.size * pi.size for _, li, pi in grids])

    def fill(k: int) -> None:
        """Compute year ``k`` of ``grids`` and write it into its rows (disjoint slices)."""
        t, li, pi = grids[k]
        n_l, n_p = li.size, pi.size
        sub = cube[t][np.ix_(li, pi)]
        r = complexity_matrix(sub, threshold=threshold)
        sl = slice(int(starts[k]), int(starts[k + 1]))
        codes["t"][sl] = t
        codes["l"][sl].reshape(n_l, n_p)[:] = li[:, None]
        codes["p"][sl].reshape(n_l, n_p)[:] = pi[None, :]
        cols_out["val"][sl] = sub.ravel()
        for c, v in (("diversity", r.diversity), ("eci", r.eci), ("coi", r.coi)):
            cols_out[c][sl].reshape(n_l, n_p)[:] = v[:, None]
        for c, v in (("ubiquity", r.ubiquity), ("pci", r.pci)):
            cols_out[c][sl].reshape(n_l, n_p)[:] = v[None, :]
        for c, v in (("mcp", r.mcp), ("density", r.density), ("cog", r.cog), ("rca", r.rca)):
            cols_out[c][sl] = v.ravel()

    # the years are independent and each writes its own rows: the result is the same
    # whatever the number of threads; by default no more years at once than fit in memory
    if workers is None:
        n_workers = _memory_cap(n_workers, nl, npr)
    _map(fill, range(len(grids)), n_workers)
    at = int(starts[-1])
    if dropped.size:  # input rows outside every grid: NaN measures, merged in order
        codes["t"][at:], codes["l"][at:], codes["p"][at:] = tc[dropped], lc[dropped], pc[dropped]
        cols_out["val"][at:] = val[dropped]
        for c in OUTPUT_COLUMNS:
            cols_out[c][at:] = np.nan
        key = (codes["t"].astype(np.int64) * nl + codes["l"]) * npr + codes["p"]
        order = np.argsort(key, kind="stable")
        cols_out = {c: v[order] for c, v in cols_out.items()}
        codes = {k: v[order] for k, v in codes.items()}
    out = pd.DataFrame({
        names["time"]: times.take(codes["t"]),
        names["loc"]: pd.Categorical.from_codes(codes["l"], locs),
        names["prod"]: pd.Categorical.from_codes(codes["p"], prods),
        names["val"]: cols_out["val"],
        **{c: cols_out[c] for c in OUTPUT_COLUMNS},
    }, copy=False)
    return out
