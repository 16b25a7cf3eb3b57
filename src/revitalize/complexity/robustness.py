"""Robustness of the ECI ranking: across methods, neighbouring years and bootstrap."""

from __future__ import annotations

from collections.abc import Mapping
from itertools import pairwise

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from revitalize.complexity.checks import ComplexityInputError
from revitalize.complexity.eci import eci_pci, fitness_complexity, method_of_reflections
from revitalize.complexity.rca import binary_presence, rca

__all__ = ["bootstrap_eci", "robustness_report", "spearman"]

Array = NDArray[np.float64]


def spearman(a: ArrayLike, b: ArrayLike) -> float:
    r"""Spearman rank correlation (average ranks for ties; NaN pairs dropped).

    .. math:: \rho = \mathrm{corr}(\mathrm{rank}(a), \mathrm{rank}(b))

    References
    ----------
    Spearman, C. (1904). The proof and measurement of association between two things.
    *American Journal of Psychology* 15(1), 72-101.
    """
    x = pd.Series(np.asarray(a, dtype=float))
    y = pd.Series(np.asarray(b, dtype=float))
    ok = x.notna() & y.notna()
    if ok.sum() < 3:
        return float("nan")
    rx, ry = x[ok].rank().to_numpy(), y[ok].rank().to_numpy()
    if rx.std() == 0 or ry.std() == 0:
        return float("nan")
    return float(np.corrcoef(rx, ry)[0, 1])


def bootstrap_eci(
    values: ArrayLike, *, n: int = 100, seed: int = 0, threshold: float = 1.0
) -> Array:
    """Spearman correlation of the ECI with the ECI of ``n`` bootstrap matrices.

    Each replicate draws the activities (columns) with replacement, keeps every
    location, recomputes RCA, M and ECI, and compares the ECI ranking with that of the
    full matrix (locations left with no activity are ignored). Seeded, so repeatable.
    """
    x = np.asarray(values, dtype=float)
    base, _ = eci_pci(binary_presence(rca(x), threshold))
    rng = np.random.default_rng(seed)
    out = np.full(n, np.nan)
    for i in range(n):
        cols = rng.integers(0, x.shape[1], x.shape[1])
        xb = x[:, cols]
        keep = xb.sum(axis=1) > 0
        try:
            e, _ = eci_pci(binary_presence(rca(xb[keep]), threshold))
        except ComplexityInputError:
            continue
        out[i] = spearman(base[keep], e)
    return out


def robustness_report(
    panel: Mapping[object, pd.DataFrame],
    *,
    threshold: float = 1.0,
    n_boot: int = 100,
    seed: int = 0,
    reflections: int = 18,
) -> pd.DataFrame:
    """Rank agreement of the ECI across methods, neighbouring years and bootstrap.

    Parameters
    ----------
    panel
        ``{time: location x activity frame}`` (index: locations, columns: activities).
    threshold, n_boot, seed, reflections
        RCA threshold; bootstrap replicates and seed; iterations of the method of
        reflections.

    Returns
    -------
    DataFrame
        Columns ``time``, ``check``, ``value`` (Spearman's rho), ``detail``. Checks:
        ``eci_vs_reflections``, ``eci_vs_fitness`` (log fitness), ``eci_vs_next_year``
        (common locations), ``bootstrap_median`` and ``bootstrap_p05``.
    """
    rows: list[dict[str, object]] = []
    times = list(panel)
    ecis: dict[object, pd.Series] = {}
    for t in times:
        frame = panel[t]
        x = frame.to_numpy(float)
        m = binary_presence(rca(x), threshold)
        live = (m.sum(axis=1) > 0)
        e, _ = eci_pci(m)
        ecis[t] = pd.Series(e, index=frame.index)
        mm = m[live][:, m[live].sum(axis=0) > 0]
        kc, _ = method_of_reflections(mm, reflections)
        fit = fitness_complexity(mm)
        with np.errstate(divide="ignore"):
            logf = np.log(fit.fitness)
        rows.append({"time": t, "check": "eci_vs_reflections", "value": spearman(e[live], kc),
                     "detail": f"k_c,{reflections}"})
        rows.append({"time": t, "check": "eci_vs_fitness",
                     "value": spearman(e[live], np.where(np.isfinite(logf), logf, -1e300)),
                     "detail": f"{fit.iterations} iterations, converged={fit.converged}"})
        boot = bootstrap_eci(x, n=n_boot, seed=seed, threshold=threshold)
        rows.append({"time": t, "check": "bootstrap_median",
                     "value": float(np.nanmedian(boot)), "detail": f"{n_boot} replicates"})
        rows.append({"time": t, "check": "bootstrap_p05",
                     "value": float(np.nanpercentile(boot, 5)), "detail": f"seed {seed}"})
    for a, b in pairwise(times):
        ea, eb = ecis[a].align(ecis[b], join="inner")
        rows.append({"time": a, "check": "eci_vs_next_year", "value": spearman(ea, eb),
                     "detail": f"vs {b}, {len(ea)} common locations"})
    return pd.DataFrame(rows, columns=["time", "check", "value", "detail"])
