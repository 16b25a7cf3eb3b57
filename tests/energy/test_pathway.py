"""Myopic pathway on a small network."""

from __future__ import annotations

import pytest

pytest.importorskip("pypsa")
pytest.importorskip("highspy")

from energy_cases import COSTS, make_inputs

from revitalize.energy.inputs import NetworkInputs
from revitalize.energy.run import pathway, plan
from revitalize.exceptions import InputError


def _inputs(year: int) -> NetworkInputs:
    inp = make_inputs(hours=48, load_mw=1000.0 + 20.0 * (year - 2025))
    return inp.replace(year=year)


def test_pathway_carries_capacity_and_retires_by_lifetime() -> None:
    costs = COSTS.copy()
    costs.loc["coal", "lifetime"] = 20.0  # base fleet ages 2.5-17.5 y: all gone by 2045
    years = (2025, 2035, 2045)

    def get(y: int) -> NetworkInputs:
        return _inputs(y).replace(costs=costs)

    path = pathway(
        years,
        co2_caps=[None, None, 1e6],
        resolution=6,
        inputs_for=get,
        extendable=("wind", "solar", "gas", "battery"),
    )
    assert list(path.periods) == list(years)
    cap = path.capacity
    coal = cap["coal"].groupby(level="year").sum()
    assert coal[2025] == pytest.approx(2400.0)
    assert coal[2035] == pytest.approx(2400.0 * 2 / 4)  # two of four cohorts retired
    assert coal[2045] == pytest.approx(0.0)
    wind = cap["wind"].groupby(level="year").sum()
    # base wind (lifetime 25 y, five cohorts aged 2.5-22.5 y): 3/5 left in 2035, plus all
    # wind built in 2025
    built_2025 = path.periods[2025].new_capacity["wind"].sum()
    assert wind[2035] >= 800.0 * 3 / 5 + built_2025 - 1e-6
    for r in path.periods.values():
        assert r.unserved.sum() < 1e-3 * r.generation.to_numpy().sum()


def test_pathway_rejects_bad_years() -> None:
    with pytest.raises(InputError, match="increase"):
        pathway((2030, 2025), inputs_for=_inputs)
    with pytest.raises(InputError, match="one value per"):
        pathway((2025, 2030), co2_caps=[1.0], inputs_for=_inputs)


def test_plan_with_given_inputs() -> None:
    r = plan(2030, inputs=_inputs(2030), resolution=4, snapshots=24)
    assert r.hours == pytest.approx(24)
    assert r.year == 2030


def test_pathway_names_the_infeasible_period() -> None:
    from revitalize.energy.diagnostics import InfeasibleScenarioError

    def get(y: int) -> NetworkInputs:
        return make_inputs(hours=24, chp=0.5).replace(year=y)

    with pytest.raises(InfeasibleScenarioError, match=r"in period 2030 .*CO2 cap"):
        pathway(
            (2025, 2030),
            co2_caps=[None, 1000.0],
            inputs_for=get,
            resolution=6,
            extendable=("wind",),
        )


def test_plan_interior_point_matches_the_simplex() -> None:
    simplex = plan(2030, inputs=_inputs(2030), resolution=4, snapshots=24)
    ipm = plan(2030, inputs=_inputs(2030), resolution=4, snapshots=24, method="ipm")
    assert ipm.objective == pytest.approx(simplex.objective, rel=1e-6)
    with pytest.raises(InputError, match=r"solver method 'barrier'.*simplex, ipm"):
        plan(2030, inputs=_inputs(2030), method="barrier")


def test_a_time_limit_raises_solver_error() -> None:
    from revitalize.energy.run import SolverError

    with pytest.raises(SolverError, match=r"without an optimum.*time_limit"):
        plan(2030, inputs=_inputs(2030), resolution=1, time_limit=1e-9)
