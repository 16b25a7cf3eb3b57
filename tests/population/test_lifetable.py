"""Life tables: WPP 2024's own published e0 from its own m(x); hand-checked columns."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revitalize.population.ages import LT_STARTS
from revitalize.population.checks import AValueError, NegativeRateError
from revitalize.population.lifetable import (
    coale_demeny_a0,
    coale_demeny_a1,
    life_table,
    nqx_from_nmx,
    projection_survivorship,
)
from revitalize.population.rates import FEMALE, national_rates

#: WPP computes e0 from single-year life tables; from the abridged 5-year m(x) it also
#: publishes, the Coale-Demeny / n/2 a-values reproduce its e0 to within this (years)
E0_TOL = 0.1
PERIODS = [f"{y}-{y + 5}" for y in range(1950, 2020, 5)]


@pytest.mark.parametrize("period", PERIODS)
def test_e0_matches_wpp_2024_published_period_e0(period: str) -> None:
    """UN WPP 2024, China, e0 by sex for five-year periods (wpp2024 package, e0M/e0F)."""
    nat = national_rates()
    lt = life_table(nat.mx[period], FEMALE)
    for i, sex in enumerate(("male", "female")):
        published = nat.e0_period[sex][period]
        assert lt.e0[i] == pytest.approx(published, abs=E0_TOL), (sex, period)


def test_coale_demeny_a_values_preston_table_3_3() -> None:
    # Preston, Heuveline & Guillot (2001), Table 3.3
    assert coale_demeny_a0(0.2, False) == pytest.approx(0.330)
    assert coale_demeny_a0(0.2, True) == pytest.approx(0.350)
    assert coale_demeny_a0(0.01, False) == pytest.approx(0.045 + 0.02684)
    assert coale_demeny_a0(0.01, True) == pytest.approx(0.053 + 0.028)
    assert coale_demeny_a1(0.2, False) == pytest.approx(1.352)
    assert coale_demeny_a1(0.01, True) == pytest.approx(1.522 - 0.01518)


def test_nqx_formula_and_open_group() -> None:
    q = nqx_from_nmx([0.01, 0.5], [5.0, np.inf], [2.5, 2.0])
    assert q[0] == pytest.approx(5 * 0.01 / (1 + 2.5 * 0.01))
    assert q[1] == 1.0


def test_constant_hazard_life_table_has_known_e0() -> None:
    """With one rate m at all ages and a = n/2, e0 is close to 1/m (exact: 1/m)."""
    m = np.full(LT_STARTS.size, 0.02)
    lt = life_table(m, False, LT_STARTS)
    # a0 is not n/2 under Coale-Demeny; e0 stays within 0.2 % of 1/m = 50
    assert lt.e0 == pytest.approx(50.0, rel=2e-3)
    assert lt.lx[0] == 1.0 and np.all(np.diff(lt.lx) <= 0)
    assert lt.Tx[0] == pytest.approx(lt.nLx.sum())


def test_survivorship_ratios_are_probabilities_and_vectorised() -> None:
    nat = national_rates()
    mx = np.stack([nat.mx["2020-2025"], 1.5 * nat.mx["2020-2025"]])
    sb, s = projection_survivorship(life_table(mx, FEMALE))
    assert sb.shape == (2, 2) and s.shape == (2, 2, 17)
    assert np.all((s > 0) & (s <= 1)) and np.all((sb > 0) & (sb <= 1))
    assert np.all(s[1] < s[0])  # higher mortality, lower survival


def test_given_a_values_override_and_nan_falls_back_to_default() -> None:
    m = np.full(LT_STARTS.size, 0.01)
    default = life_table(m, True)
    same = life_table(m, True, nax=np.full(LT_STARTS.size, np.nan))
    assert same.nLx == pytest.approx(default.nLx) and same.nax == pytest.approx(default.nax)
    given = np.full(LT_STARTS.size, np.nan)
    given[2:-1] = 2.0  # deaths early in each five-year group: fewer person-years
    lt = life_table(m, True, nax=given)
    assert lt.nax[2:-1] == pytest.approx(2.0)
    assert lt.nax[:2] == pytest.approx(default.nax[:2])  # Coale-Demeny kept
    assert lt.nax[-1] == pytest.approx(1 / 0.01)  # open group always 1/m
    # same l(5); deaths earlier in 5-9 mean fewer person-years lived there
    assert lt.lx[2] == pytest.approx(default.lx[2])
    assert lt.nLx[2] < default.nLx[2]


@pytest.mark.parametrize("bad", [
    np.full(LT_STARTS.size, 6.0),          # above n = 5 (and above 1 at age 0)
    np.full(LT_STARTS.size, -0.1),         # negative
    np.full(LT_STARTS.size - 1, 2.5),      # one group short
])
def test_a_values_outside_their_group_or_misshaped_are_rejected(bad: np.ndarray) -> None:
    with pytest.raises(AValueError):
        life_table(np.full(LT_STARTS.size, 0.01), True, nax=bad)


def test_negative_death_rates_are_rejected() -> None:
    m = np.full(LT_STARTS.size, 0.01)
    m[3] = -0.001
    with pytest.raises(NegativeRateError, match="negative"):
        life_table(m, True)


@settings(max_examples=100, deadline=None)
@given(scale=st.floats(0.2, 5.0), sex=st.booleans())
def test_e0_falls_as_mortality_rises(scale: float, sex: bool) -> None:
    """Invariant: scaling every m(x) up lowers e0; lx never increases; T0 = sum of L."""
    base = national_rates().mx["2015-2020"][int(sex)]
    lo, hi = life_table(base * scale, sex), life_table(base * scale * 1.1, sex)
    assert hi.e0 < lo.e0
    assert np.all(np.diff(lo.lx) <= 0) and lo.Tx[0] == pytest.approx(lo.nLx.sum())
