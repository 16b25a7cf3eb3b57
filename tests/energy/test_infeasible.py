"""Infeasible scenarios raise InfeasibleScenarioError naming the cause."""

from __future__ import annotations

import pytest

pytest.importorskip("pypsa")
pytest.importorskip("highspy")

from energy_cases import make_inputs

from revitalize.energy.diagnostics import InfeasibleScenarioError, diagnose
from revitalize.energy.network import build_network
from revitalize.energy.run import solve
from revitalize.exceptions import InputError


def test_co2_cap_below_chp_must_run() -> None:
    inp = make_inputs(hours=48, chp=0.5)
    n = build_network(inp, co2_cap=1000.0, extendable=("wind",), resolution=None)
    with pytest.raises(InfeasibleScenarioError, match="CO2 cap") as err:
        solve(n)
    assert isinstance(err.value, InputError)  # exit code 2 on the command line
    assert "chp_min" in str(err.value) and "co2_cap" in str(err.value)


def test_solver_detected_infeasibility_is_explained_not_traced() -> None:
    # Skip the pre-check: HiGHS itself reports infeasibility and the error is diagnosed.
    inp = make_inputs(hours=48, chp=0.5)
    n = build_network(inp, co2_cap=1000.0, extendable=(), resolution=None)
    with pytest.raises(InfeasibleScenarioError, match="must emit") as err:
        solve(n, check=False)
    assert "Traceback" not in str(err.value) and "HiGHS" not in str(err.value)


def test_must_run_above_load_and_export() -> None:
    inp = make_inputs(hours=48, chp=0.9, coal=3000.0, load_mw=500.0, corridor_mw=0.0)
    n = build_network(inp, extendable=(), resolution=None)
    with pytest.raises(InfeasibleScenarioError, match="exceeds load"):
        solve(n)


def test_must_run_above_availability() -> None:
    inp = make_inputs(hours=24, chp=0.95)
    with pytest.raises(InfeasibleScenarioError, match="availability"):
        solve(build_network(inp, extendable=(), resolution=None))


def test_reserve_margin_beyond_every_potential() -> None:
    inp = make_inputs(hours=24, coal=300.0)
    n = build_network(inp, extendable=("wind", "solar"), reserve_margin=0.15, resolution=None)
    causes = diagnose(n)
    assert causes and "reserve margin" in causes[0][0]
    with pytest.raises(InfeasibleScenarioError, match="firm capacity"):
        solve(n)


def test_feasible_scenario_has_no_causes() -> None:
    n = build_network(make_inputs(hours=24, chp=0.3), co2_cap=1e9, resolution=None)
    assert diagnose(n) == []


def test_peak_above_all_possible_capacity_without_shedding() -> None:
    inp = make_inputs(hours=24, coal=500.0, wind=0.0, solar=0.0)
    n = build_network(inp, extendable=("nuclear",), load_shedding=False, resolution=None)
    with pytest.raises(InfeasibleScenarioError, match="load shedding is off"):
        solve(n)
    # with shedding (the default) the same shortfall is unserved energy, not an error
    r = solve(build_network(inp, extendable=("nuclear",), resolution=None))
    assert r.unserved.sum() > 0
