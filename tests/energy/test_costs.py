"""Cost arithmetic (:mod:`revitalize.energy.costs`)."""

from __future__ import annotations

import pytest

from revitalize.energy.costs import annuity, capital_cost, marginal_cost
from revitalize.exceptions import InputError


def test_annuity_matches_capital_recovery_factor_tables() -> None:
    # Capital recovery factor tables (e.g. Short, Packey & Holt 1995, NREL/TP-462-5173,
    # appendix): CRF(10 %, 20 y) = 0.11746, CRF(7 %, 25 y) = 0.08581.
    assert annuity(0.10, 20) == pytest.approx(0.11746, abs=1e-5)
    assert annuity(0.07, 25) == pytest.approx(0.08581, abs=1e-5)
    assert annuity(0.0, 25) == pytest.approx(0.04)
    with pytest.raises(InputError):
        annuity(0.05, 0)


def test_capital_cost_is_pro_rated() -> None:
    full = capital_cost(1e6, 25, fom_percent=2.0, rate=0.07)
    assert full == pytest.approx(1e6 * (annuity(0.07, 25) + 0.02))
    assert capital_cost(1e6, 25, 2.0, 0.07, share_of_year=168 / 8760) == pytest.approx(
        full * 168 / 8760
    )


def test_marginal_cost() -> None:
    assert marginal_cost(vom=3.5, fuel=8.0, efficiency=0.4) == pytest.approx(23.5)
    assert marginal_cost(0, 8.0, 0.4, co2_intensity=0.34, co2_price=100) == pytest.approx(105.0)
    with pytest.raises(InputError):
        marginal_cost(efficiency=0)
