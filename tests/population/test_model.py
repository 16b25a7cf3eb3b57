"""Scenarios, the probabilistic option and summaries."""

from __future__ import annotations

import numpy as np
import pytest

from revitalize.exceptions import InputError
from revitalize.population.model import project, project_probabilistic, summarise


def test_scenarios_are_ordered() -> None:
    tot = {m: summarise(project("HL", 2035, migration=m).population)["population"][-1, 0]
           for m in ("outflow-continues", "outflow-stops", "inflow")}
    assert tot["outflow-continues"] < tot["outflow-stops"] < tot["inflow"]
    f = {f: summarise(project("LN", 2035, fertility=f).population)["aged_0_14"][-1, 0]
         for f in ("low", "central", "high")}
    assert f["low"] < f["central"] < f["high"]


def test_frame_is_tidy_and_sums_to_totals() -> None:
    p = project("northeast", 2030)
    df = p.frame()
    assert set(df.columns) >= {"region", "year", "sex", "age", "value", "unit"}
    assert len(df) == 3 * 3 * 2 * 18
    s = df[(df.region == "210000") & (df.year == 2020)]["value"].sum()
    assert s == 42_591_407


def test_probabilistic_is_seeded_and_brackets_the_central_path() -> None:
    a = project_probabilistic("northeast", 2050, draws=200, seed=3)
    b = project_probabilistic("northeast", 2050, draws=200, seed=3)
    assert np.array_equal(a["population"], b["population"])
    tot = a["population"].sum(axis=(-1, -2))  # (steps+1, draws, regions)
    lo, hi = np.percentile(tot[-1], [10, 90], axis=0)
    central = summarise(project("northeast", 2050).population)["population"][-1]
    assert np.all(lo < central) and np.all(central < hi)
    assert np.all(tot[0] == tot[0, 0])  # all draws start from the census


def test_bad_scenarios_and_years() -> None:
    with pytest.raises(InputError, match="migration scenario"):
        project("LN", 2030, migration="exodus")
    with pytest.raises(InputError, match="fertility scenario"):
        project("LN", 2030, fertility="boom")
    with pytest.raises(InputError, match="Cannot project to 2033"):
        project("LN", 2033)


def test_vectorised_draws_equal_one_draw_at_a_time() -> None:
    from revitalize.population.model import run_cohort_component, scenario_tfr_path
    from revitalize.population.rates import provincial_rates

    out = project_probabilistic("LN,HL", 2040, draws=5, seed=7)
    path = scenario_tfr_path("medium", 4)
    for i, code in enumerate(("210000", "230000")):
        r = provincial_rates(code)
        for d in range(5):
            one = run_cohort_component(
                r.base, r.mortality_ratio * out["mortality_multiplier"][d, i],
                r.fertility_ratio * out["tfr_multiplier"][d, i] * path,
                out["migration_rate"][d, i], 4, migration_profile=r.migration_profile)
            assert np.allclose(one["population"], out["population"][:, d, i], rtol=1e-12)
