"""Solved small networks: balance, limits, CHP, CO2, unserved energy, reserve margin."""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pytest

pytest.importorskip("pypsa")
pytest.importorskip("highspy")

from energy_cases import make_inputs

from revitalize.energy.network import build_network
from revitalize.energy.results import tidy
from revitalize.energy.run import solve

TOL = 1e-3  # MW


def bus_balance(n: Any) -> pd.DataFrame:
    """Snapshots x buses: injections minus withdrawals (should be 0)."""
    bal = pd.DataFrame(0.0, index=n.snapshots, columns=n.buses.index)
    for name, bus in n.generators.bus.items():
        bal[bus] += n.generators_t.p[name]
    for name, bus in n.storage_units.bus.items():
        bal[bus] += n.storage_units_t.p[name]
    for name, bus in n.stores.bus.items():
        bal[bus] += n.stores_t.p[name]
    for name, link in n.links.iterrows():
        bal[link.bus0] -= n.links_t.p0[name]
        bal[link.bus1] -= n.links_t.p1[name]
    for name, bus in n.loads.bus.items():
        bal[bus] -= n.loads_t.p[name]
    return bal


def test_dispatch_balance_and_limits() -> None:
    inp = make_inputs(hours=96, chp=0.3, exchange_mw=200.0)
    n = build_network(inp, extendable=(), resolution=None)
    r = solve(n)
    assert np.abs(bus_balance(n).to_numpy()).max() < TOL
    p = n.generators_t.p
    pmax = n.get_switchable_as_dense("Generator", "p_max_pu") * n.generators.p_nom_opt
    pmin = n.get_switchable_as_dense("Generator", "p_min_pu") * n.generators.p_nom_opt
    assert (p <= pmax + TOL).all().all()
    assert (p >= pmin - TOL).all().all()
    flows = n.links_t.p0
    assert (flows <= n.links.p_nom_opt + TOL).all().all() and (flows >= -TOL).all().all()
    assert r.unserved.sum() == pytest.approx(0.0, abs=1e-6)
    # curtailment = available - dispatched, never negative
    assert (r.curtailment >= -1e-6).all().all()
    # the system cost adds the fixed O&M of existing plant to the optimised objective
    fixed = float((n.generators.capital_cost * n.generators.p_nom).sum())
    assert r.system_cost["total"] == pytest.approx(r.objective + fixed, rel=1e-6)
    long = tidy(r)
    assert {"region", "indicator", "carrier", "period", "value", "unit"} <= set(long.columns)
    assert (long.period == "2023").all()
    assert r.units["lcoe"] == "CNY/MWh" and r.units["system_cost"] == "CNY"


def test_chp_minimum_holds_in_heating_months() -> None:
    # Mid-March to mid-May: heating months (1-4, 10-12) and non-heating months mixed.
    inp = make_inputs(hours=24 * 7, start="2023-04-27", chp=0.6, wind=3000.0)
    n = build_network(inp, extendable=(), resolution=None)
    solve(n)
    coal = n.generators.index[n.generators.carrier == "coal"]
    p = n.generators_t.p[coal]
    april = p.index.month == 4
    cap = n.generators.p_nom[coal]
    assert (p[april] >= 0.6 * cap - TOL).all().all()
    # in May the constraint is off and the cheap wind pushes coal below the CHP minimum
    assert (p[~april] < 0.6 * cap - 1).any().any()


def test_chp_minimum_applies_to_extendable_coal() -> None:
    inp = make_inputs(hours=48, chp=0.5, coal=0.0, wind=0.0, solar=0.0)
    n = build_network(inp, extendable=("coal",), resolution=None)
    solve(n)
    coal = n.generators.index[n.generators.carrier == "coal"]
    built = n.generators.p_nom_opt[coal]
    assert built.sum() > 0
    assert (n.generators_t.p[coal] >= 0.5 * built - TOL).all().all()


@pytest.mark.parametrize(("year", "start", "hours_in_year"), [(2023, "2023-01-09", 8760),
                                                             (2060, "2060-01-12", 8784)])
def test_co2_cap_is_respected_and_binds(year: int, start: str, hours_in_year: int) -> None:
    """The annual cap is pro-rated by the modelled hours over the calendar year's hours
    (8,784 in a leap year), so a full leap year is held to the annual cap, not 0.27 % more."""
    inp = make_inputs(hours=72, start=start, year=year)
    free = solve(build_network(inp, extendable=("wind", "solar", "battery"), resolution=3))
    cap = 0.5 * free.emissions.sum() * 8760 / 72  # annual cap: half the unconstrained rate
    capped = solve(
        build_network(inp, co2_cap=cap, extendable=("wind", "solar", "battery"), resolution=3)
    )
    assert capped.emissions.sum() <= cap * 72 / hours_in_year * (1 + 1e-6)
    assert capped.emissions.sum() == pytest.approx(cap * 72 / hours_in_year, rel=1e-4)
    assert capped.system_cost["total"] > free.system_cost["total"]
    assert (
        capped.new_capacity[["wind", "solar"]].to_numpy().sum()
        > free.new_capacity[["wind", "solar"]].to_numpy().sum()
    )


def test_co2_price_raises_coal_marginal_cost() -> None:
    inp = make_inputs(hours=24)
    n = build_network(inp, co2_price=100.0, extendable=(), resolution=None)
    coal = n.generators.loc["210000 coal"]
    assert coal.marginal_cost == pytest.approx(20 + (100 + 100 * 0.34) / 0.4)


def test_unserved_energy_zero_when_capacity_suffices_positive_when_not() -> None:
    enough = solve(build_network(make_inputs(hours=48), extendable=(), resolution=None))
    assert enough.unserved.sum() == pytest.approx(0.0, abs=1e-6)
    short_inp = make_inputs(hours=48, coal=500.0, wind=0.0, solar=0.0, corridor_mw=0.0)
    short = solve(build_network(short_inp, extendable=(), resolution=None))
    expected = (short_inp.load - 500.0 * 0.9).clip(lower=0).to_numpy().sum()
    assert short.unserved.sum() == pytest.approx(expected, rel=1e-6)
    assert (short.unserved > 0).all()


def test_reserve_margin_forces_firm_capacity() -> None:
    inp = make_inputs(hours=48, coal=600.0, wind=0.0, solar=0.0)
    ext = ("gas", "wind")
    r = solve(build_network(inp, extendable=ext, reserve_margin=0.2, resolution=None))
    firm = r.capacity[["coal", "gas"]].to_numpy().sum() + 0.05 * r.capacity["wind"].sum()
    peak = inp.load.sum(axis=1).max()
    assert firm >= 1.2 * peak - TOL
    r_bus = solve(
        build_network(inp, extendable=ext, reserve_margin=0.2, reserve_scope="bus", resolution=None)
    )
    for b in inp.buses:
        firm_b = r_bus.capacity.loc[b, ["coal", "gas"]].sum() + 0.05 * r_bus.capacity.loc[b, "wind"]
        assert firm_b >= 1.2 * inp.load[b].max() - TOL


def test_expansion_respects_potentials_and_corridor_pairs() -> None:
    inp = make_inputs(hours=72, coal=0.0, wind=0.0, solar=0.0, corridor_mw=100.0)
    pot = inp.potentials.copy()
    pot.loc["220000", "wind"] = 0.0
    pot.loc["210000", "wind"] = 800.0
    inp = inp.replace(potentials=pot)
    n = build_network(inp, resolution=6)
    r = solve(n)
    assert r.capacity.loc["210000", "wind"] <= 800.0 + TOL
    assert r.capacity.loc["220000", "wind"] == pytest.approx(0.0, abs=TOL)
    new = n.links[n.links.p_nom_extendable]
    pairs = new.groupby("corridor").p_nom_opt.agg(["min", "max"])
    np.testing.assert_allclose(pairs["min"], pairs["max"], atol=TOL)
    assert (r.lcoe.dropna() > 0).all()
    assert np.abs(bus_balance(n).to_numpy()).max() < TOL
