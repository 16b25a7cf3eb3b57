"""Cohort-component step: accounting identity, published projection, bad input."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from revitalize.population.ages import age_starts, collapse_to_projection_grid
from revitalize.population.checks import (
    AgeGroupError,
    HorizonError,
    MigrationConventionError,
    NegativeRateError,
    ProbabilityError,
)
from revitalize.population.model import project, run_cohort_component
from revitalize.population.projection import asfr_from_tfr, cohort_balance, project_step
from revitalize.population.rates import census_population, national_rates

pops = arrays(float, (2, 18), elements=st.floats(0, 1e6))
probs = arrays(float, (2, 17), elements=st.floats(0, 1))
migr = arrays(float, (2, 18), elements=st.floats(-2e5, 2e5))


@settings(max_examples=200, deadline=None)
@given(pop=pops, s=probs, sb=arrays(float, (2,), elements=st.floats(0, 1)),
       tfr=st.floats(0, 5), m=migr, srb=st.floats(0.9, 1.2),
       age=st.sampled_from(["end", "period"]))
def test_accounting_identity_holds_exactly_by_cohort(pop, s, sb, tfr, m, srb, age) -> None:
    """N(t+5) = N(t) + B - D + M for every cohort, also when outflows empty one,
    whichever age the migrants are counted at."""
    pattern = np.array([0.5, 10, 30, 30, 18, 8, 3, 0.4, 0.1])
    step = project_step(pop, sb, s, asfr_from_tfr(np.array(tfr), pattern), srb, m,
                        migrant_age=age)
    scale = max(1.0, pop.sum(), np.abs(m).sum())
    assert np.abs(cohort_balance(pop, step)).max() <= 1e-9 * scale
    assert np.all(step.population >= 0) and np.all(step.deaths >= 0)
    assert np.all(step.births >= 0)


def test_closed_population_without_deaths_or_births_only_ages() -> None:
    pop = np.arange(36, dtype=float).reshape(2, 18)
    step = project_step(pop, np.ones(2), np.ones((2, 17)), np.zeros(9), 1.05,
                        np.zeros((2, 18)))
    assert step.population[:, 1:-1] == pytest.approx(pop[:, :-2])
    assert step.population[:, -1] == pytest.approx(pop[:, -2] + pop[:, -1])
    assert step.population[:, 0] == pytest.approx(0.0)


def test_asfr_sums_to_tfr() -> None:
    f = asfr_from_tfr(np.array([1.2, 2.0]), national_rates().pasfr[2030])
    assert 5 * f.sum(axis=-1) == pytest.approx([1.2, 2.0])


def test_national_projection_tracks_wpp_2024_medium() -> None:
    """Published reference: UN WPP 2024 medium variant, China, total population.

    The 2020 census base with WPP's own medium rates (TFR, m(x), fertility pattern,
    SRB, net migration about -250,000 a year) must reproduce WPP's growth factors: the
    base differs (census 1 Nov 2020 vs WPP's estimate adjusted for the under-count of
    children), so levels are not compared; tolerance 0.5 percentage points over five
    years and 2 points over 25.
    """
    nat = national_rates()
    base = census_population("100000", 2020)
    tfr = np.array([nat.step(2020 + 5 * i)[1] for i in range(6)])
    out = run_cohort_component(base, 1.0, tfr, -250e3 / 1.41e9, 6)
    tot = out["population"].sum(axis=(-1, -2))
    wpp = nat.pop_total["medium"]
    ours_5, wpp_5 = tot[2] / tot[1], wpp[2030] / wpp[2025]
    ours_25, wpp_25 = tot[6] / tot[1], wpp[2050] / wpp[2025]
    print(f"2025->2030 ours {ours_5:.4f} WPP {wpp_5:.4f}; 2025->2050 ours {ours_25:.4f} "
          f"WPP {wpp_25:.4f}")
    assert ours_5 == pytest.approx(wpp_5, abs=0.005)
    assert ours_25 == pytest.approx(wpp_25, abs=0.02)


def test_negative_rates_are_rejected() -> None:
    pop = np.ones((2, 18))
    with pytest.raises(NegativeRateError):
        project_step(pop, np.ones(2), np.ones((2, 17)), -np.ones(9), 1.05, np.zeros((2, 18)))
    with pytest.raises(NegativeRateError):
        asfr_from_tfr(np.array(-1.0), np.ones(9))


def test_period_migrants_split_between_start_and_end_groups() -> None:
    """Without deaths, births or ageing losses, migrants I_x counted during the step
    (Preston et al. 2001, Box 6.2) add I_x/2 to the cohort ageing out of group x and
    I_x/2 to group x; all of them are booked."""
    pop = np.zeros((2, 18))
    m = np.zeros((2, 18))
    m[1, 5] = 100.0  # 25-29
    m[0, 17] = 40.0  # 85+
    step = project_step(pop, np.ones(2), np.ones((2, 17)), np.zeros(9), 1.05, m,
                        migrant_age="period")
    assert step.population[1, 5] == pytest.approx(50.0)
    assert step.population[1, 6] == pytest.approx(50.0)
    assert step.population[0, 17] == pytest.approx(40.0)  # both halves stay in 85+
    assert step.migrants.sum() == pytest.approx(140.0)


def test_period_migrant_women_bear_children() -> None:
    """Half the female migrants of the step are exposed to fertility from its start."""
    pop = np.zeros((2, 18))
    m = np.zeros((2, 18))
    m[1, 5] = 1000.0
    f = np.zeros(9)
    f[3] = 0.1  # 25-29 is FERTILE index 3
    step = project_step(pop, np.ones(2), np.ones((2, 17)), f, 1.0, m,
                        migrant_age="period")
    # women 25-29: 500 at the start, 500 at the end -> 5 * 0.1 * 500 births
    assert step.births.sum() == pytest.approx(250.0)


def test_unknown_migrant_age_convention_is_rejected() -> None:
    pop = np.ones((2, 18))
    with pytest.raises(MigrationConventionError, match="convention"):
        project_step(pop, np.ones(2), np.ones((2, 17)), np.zeros(9), 1.05,
                     np.zeros((2, 18)), migrant_age="start")  # type: ignore[arg-type]


def test_survivorship_above_one_is_rejected() -> None:
    pop = np.ones((2, 18))
    s = np.ones((2, 17))
    s[0, 4] = 1.2
    with pytest.raises(ProbabilityError, match="above 1"):
        project_step(pop, np.ones(2), s, np.zeros(9), 1.05, np.zeros((2, 18)))


@pytest.mark.parametrize("labels", [
    ["0-4", "5-9", "15-19", "20+"],          # gap
    ["0-4", "3-9", "10+"],                   # overlap
    ["1-4", "5+"],                           # does not start at 0
    ["0-4", "5-9"],                          # no open group
    ["0-4", "5+", "10-14"],                  # open group not last
])
def test_age_groups_that_do_not_tile_are_rejected(labels: list[str]) -> None:
    with pytest.raises(AgeGroupError):
        age_starts(labels)


def test_groups_straddling_five_year_bounds_are_rejected() -> None:
    import pandas as pd

    with pytest.raises(AgeGroupError, match="straddles"):
        collapse_to_projection_grid(pd.Series([1.0, 2.0, 3.0], index=["0-2", "3-7", "8+"]))


def test_tfr_path_shorter_than_horizon_is_rejected() -> None:
    with pytest.raises(HorizonError, match="needs 3"):
        project("LN", to=2035, tfr_path=[1.0, 1.0])
