"""Labour supply, dependency and the talent gap.

Labour supply is the population by sex and age times an *employment-rate schedule*
(employed persons per person of the group). The schedule's shape by age and sex is an
assumption (:data:`EMPLOYMENT_SHAPE`, documented in ``docs/population.md``: the usual
Chinese profile with retirement at 60 for men and 50-55 for women); its level is set per
province so that the schedule reproduces the 2020 census ratio of employed persons to
persons aged 15+ (long-form sample counts) on the province's 2020 census population.

Labour demand is not computed here: the caller (the scenario layer, e.g. from sector
employment intensities of the input-output engine) passes it in as a frame, and
:func:`talent_gap` subtracts it from the supply.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from revitalize.exceptions import InputError
from revitalize.population.checks import check_nonnegative, check_probability

__all__ = [
    "EMPLOYMENT_SHAPE",
    "calibrate_employment_rates",
    "labour_supply",
    "talent_gap",
]

F = NDArray[np.float64]

#: assumed employment rates by sex (rows male, female) and projection age group
#: (0-4 ... 85+) before calibration to the census level
EMPLOYMENT_SHAPE = np.array([
    [0, 0, 0, 0.08, 0.55, 0.88, 0.93, 0.94, 0.94, 0.92, 0.88, 0.78, 0.45, 0.25, 0.12,
     0.05, 0.02, 0.0],
    [0, 0, 0, 0.07, 0.50, 0.78, 0.80, 0.81, 0.80, 0.75, 0.58, 0.40, 0.25, 0.14, 0.06,
     0.02, 0.01, 0.0],
])


def calibrate_employment_rates(population: ArrayLike, employment_ratio_15_plus: float,
                               shape: ArrayLike = EMPLOYMENT_SHAPE) -> F:
    r"""Scale an age-sex schedule so it reproduces an observed employment ratio.

    .. math:: e_{s,x} = \min\!\left(1,\ c\,\tilde e_{s,x}\right),\quad
        c = \frac{E/N_{15+}}{\sum_{s,x} \tilde e_{s,x} N_{s,x} / N_{15+}}

    (indirect standardisation of the schedule :math:`\tilde e` to the observed ratio
    :math:`E/N_{15+}`; Siegel and Swanson 2004, ch. 10).
    """
    pop = check_nonnegative(population, "Population")
    shp = check_probability(shape, "Employment-rate schedule")
    ratio = float(check_probability(employment_ratio_15_plus, "Employment ratio"))
    n15 = pop[..., 3:].sum()
    implied = (shp * pop).sum() / n15
    return np.asarray(np.minimum(1.0, shp * ratio / implied), dtype=float)


def labour_supply(population: ArrayLike, rates: ArrayLike) -> F:
    r"""Employed persons :math:`L = \sum_{s,x} e_{s,x} N_{s,x}` (sex and age last)."""
    pop = check_nonnegative(population, "Population")
    e = check_probability(rates, "Employment rates")
    return np.asarray((pop * e).sum(axis=(-1, -2)), dtype=float)


def talent_gap(supply: pd.DataFrame, demand: pd.DataFrame) -> pd.DataFrame:
    """Labour supply minus labour demand by region and year (persons).

    Parameters
    ----------
    supply, demand
        Frames with columns ``region``, ``year``, ``value`` (persons). ``demand``
        comes from the caller (e.g. sector output x employment intensity).

    Returns
    -------
    DataFrame
        region, year, supply, demand, gap (= supply - demand; negative is a shortage).
    """
    for name, f in (("supply", supply), ("demand", demand)):
        missing = {"region", "year", "value"} - set(f.columns)
        if missing:
            raise InputError(f"The labour {name} frame lacks columns {sorted(missing)}.",
                             "Give columns region, year, value (persons).")
    m = supply.rename(columns={"value": "supply"})[["region", "year", "supply"]].merge(
        demand.rename(columns={"value": "demand"})[["region", "year", "demand"]],
        on=["region", "year"], how="inner")
    if m.empty:
        raise InputError("Labour supply and demand share no region and year.",
                         "Give demand for the projected regions and years (2025, 2030, ...).")
    return m.assign(gap=m["supply"] - m["demand"])

