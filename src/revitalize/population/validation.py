"""Backcast: project the 2020 census to the end of 2024 and compare with NBS figures.

The census counts residents on 1 November 2020; NBS reports year-end resident
population. The projection's first step ends on 1 November 2025; the population on
31 December 2024 is interpolated exponentially between the two census-dated points,
at the fraction :math:`\\theta = (2024 + 365/365 - (2020 + 305/365)) / 5 = 0.8329` of
the step: :math:`\\hat N = N_{2020}\\,(N_{2025}/N_{2020})^{\\theta}`.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from revitalize.population.model import MIGRATION, NORTHEAST, project

__all__ = ["THETA_2024", "backcast"]

#: share of the step 1 Nov 2020 -> 1 Nov 2025 elapsed on 31 Dec 2024
THETA_2024 = (2025.0 - (2020.0 + 305.0 / 365.0)) / 5.0


def backcast(regions: Sequence[str] = NORTHEAST,
             scenarios: Sequence[str] = MIGRATION) -> pd.DataFrame:
    """Projected vs reported year-end 2024 population, per province and scenario.

    Returns
    -------
    DataFrame
        region, migration, census_2020, projected_2024, reported_2024 (persons),
        error (persons), error_pct (projected / reported - 1, per cent).
    """
    from revitalize.data import load

    rep = load("population", regions=list(regions), periods="2024", indicators="population")
    reported = rep.set_index("region")["value"] * 1e4
    rows = []
    for mig in scenarios:
        p = project(list(regions), to=2025, migration=mig)
        tot = p.population.sum(axis=(-1, -2))
        est = tot[0] * (tot[1] / tot[0]) ** THETA_2024
        for i, code in enumerate(p.regions):
            rows.append({"region": code, "migration": mig, "census_2020": tot[0, i],
                         "projected_2024": est[i], "reported_2024": reported[code]})
    out = pd.DataFrame(rows)
    out["error"] = out["projected_2024"] - out["reported_2024"]
    out["error_pct"] = 100.0 * out["error"] / out["reported_2024"]
    return out.assign(projected_2024=np.round(out["projected_2024"]))
