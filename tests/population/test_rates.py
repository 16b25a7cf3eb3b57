"""Provincial rates derived from the census: sanity against published census facts."""

from __future__ import annotations

import numpy as np
import pytest

from revitalize.population.rates import (
    census_population,
    employment_ratio,
    intercensal_residual,
    migration_profile,
    provincial_rates,
)


def test_census_base_sums_to_published_totals() -> None:
    # 7th census communique: Liaoning 42,591,407; Jilin 24,073,453; Heilongjiang 31,850,088
    assert census_population("LN", 2020).sum() == 42_591_407
    assert census_population("JL", 2020).sum() == 24_073_453
    assert census_population("HL", 2020).sum() == 31_850_088
    assert census_population("LN", 2010).sum() == 43_746_323


def test_northeast_fertility_is_far_below_national_and_outflow_is_negative() -> None:
    for code in ("LN", "JL", "HL"):
        r = provincial_rates(code)
        assert 0.4 < r.fertility_ratio < 0.8
        assert 0.8 < r.mortality_ratio < 1.2
        assert r.net_migration < 0
    # Heilongjiang lost 6.46 million residents 2010-2020 with about zero natural
    # increase: an outflow of roughly 0.6 million a year
    assert provincial_rates("HL").net_migration == pytest.approx(-6.1e5, rel=0.1)


def test_migration_profile_is_a_distribution() -> None:
    p = migration_profile(intercensal_residual("JL"))
    assert p.shape == (2, 18) and p.sum() == pytest.approx(1.0) and np.all(p >= 0)
    # working ages carry most of the flow
    assert p[:, 3:13].sum() > 0.7


def test_employment_ratio_is_a_share() -> None:
    for code in ("LN", "JL", "HL"):
        assert 0.4 < employment_ratio(code) < 0.6


def test_prefecture_bases_sum_to_their_province() -> None:
    from revitalize import regions

    for prov, total in (("21", 42_591_407), ("22", 24_073_453), ("23", 31_850_088)):
        prefs = [r.code for r in regions.all_regions()
                 if r.level == "prefecture" and r.code.startswith(prov)]
        assert sum(census_population(c, 2020).sum() for c in prefs) == total


def test_prefectures_get_their_own_rates() -> None:
    # provincial capitals drew migrants in 2010-2020 while their provinces lost them
    assert provincial_rates("Shenyang").net_migration > 0
    assert provincial_rates("Changchun").net_migration > 0
    assert provincial_rates("Hulunbuir").net_migration < 0
