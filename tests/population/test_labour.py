"""Labour supply, dependency ratios, talent gap."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from revitalize.exceptions import InputError
from revitalize.population.checks import ProbabilityError
from revitalize.population.labour import (
    calibrate_employment_rates,
    labour_supply,
    talent_gap,
)
from revitalize.population.model import summarise
from revitalize.population.rates import census_population, employment_ratio


def test_calibrated_rates_reproduce_the_census_employment_ratio() -> None:
    pop = census_population("LN", 2020)
    ratio = employment_ratio("LN")
    e = calibrate_employment_rates(pop, ratio)
    assert labour_supply(pop, e) / pop[:, 3:].sum() == pytest.approx(ratio, rel=1e-9)


def test_dependency_ratios_by_hand() -> None:
    pop = np.zeros((2, 18))
    pop[:, 0] = 10  # 20 children
    pop[:, 5] = 40  # 80 aged 25-29
    pop[:, 14] = 20  # 40 aged 70-74
    s = summarise(pop)
    assert s["young_dependency"] == pytest.approx(25.0)
    assert s["old_dependency"] == pytest.approx(50.0)
    assert s["total_dependency"] == pytest.approx(75.0)


def test_talent_gap_subtracts_the_demand_frame() -> None:
    sup = pd.DataFrame({"region": ["210000"] * 2, "year": [2025, 2030], "value": [10.0, 8.0]})
    dem = pd.DataFrame({"region": ["210000"] * 2, "year": [2025, 2030], "value": [9.0, 9.5]})
    g = talent_gap(sup, dem)
    assert g["gap"].tolist() == [1.0, -1.5]
    with pytest.raises(InputError, match="lacks columns"):
        talent_gap(sup, dem.rename(columns={"value": "persons"}))


def test_rates_above_one_are_rejected() -> None:
    with pytest.raises(ProbabilityError, match="above 1"):
        labour_supply(np.ones((2, 18)), np.full((2, 18), 1.5))
    with pytest.raises(ProbabilityError):
        calibrate_employment_rates(np.ones((2, 18)), 55.0)
