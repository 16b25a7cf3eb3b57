"""Power-system model runs behind the energy outlook section (PyPSA + HiGHS).

Uses the public API of :mod:`revitalize.energy` only:

1. the :data:`BASE_YEAR` backcast: the year's fleet (nothing extendable) dispatched at
   :data:`DISPATCH_HOURS`-hour steps with
   :func:`~revitalize.energy.network.build_network` and
   :func:`~revitalize.energy.run.solve`, then compared with the reported generation
   (:func:`~revitalize.energy.run.reported_generation`,
   :func:`~revitalize.energy.run.compare_with_reported`). Building the network here,
   rather than calling :func:`~revitalize.energy.run.backcast`, keeps the solved network
   and its chronological dispatch: one solve gives both the comparison and the weeks;
2. a :data:`PLAN_YEAR` least-cost plan under a CO2 cap of :data:`CO2_CAP_MT` at
   :data:`PLAN_RESOLUTION`; the cap's shadow price is read from the solved network.

Model failures (PyPSA not installed, missing inputs, infeasible scenario, solver stop)
become notices instead of exceptions. The solver's C library prints to file descriptor
1; it is sent to stderr while solving.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from revitalize.energy.inputs import NetworkInputs
from revitalize.energy.network import build_network
from revitalize.energy.results import Results
from revitalize.energy.run import (
    compare_with_reported,
    reported_generation,
    solve,
    solver_output_to_stderr,
)
from revitalize.report.blocks import Missing
from revitalize.report.context import DATA_ERRORS
from revitalize.report.i18n import Text

__all__ = [
    "BASE_DATASETS",
    "BASE_YEAR",
    "CO2_CAP_MT",
    "DISPATCH_HOURS",
    "PLAN_DATASETS",
    "PLAN_RESOLUTION",
    "PLAN_YEAR",
    "WEEKS",
    "BaseRun",
    "OutlookRuns",
    "PlanRun",
    "dispatch_frame",
    "run_base",
    "run_models",
    "run_plan",
]

BASE_YEAR = 2023
PLAN_YEAR = 2035
#: Illustrative cap on the model region's CO2 (Mt per year); it binds (2023: ~300 Mt).
CO2_CAP_MT = 150.0
#: 12 typical days: the capped plan solves in ~6 s on 2 cores (typical:24 takes ~27 s).
PLAN_RESOLUTION = "typical:12"
DISPATCH_HOURS = 3
#: Monday-to-Sunday weeks of the base year shown as dispatch (first and last day).
WEEKS: dict[str, tuple[str, str]] = {
    "winter": (f"{BASE_YEAR}-01-16", f"{BASE_YEAR}-01-22"),
    "summer": (f"{BASE_YEAR}-07-17", f"{BASE_YEAR}-07-23"),
}
#: Datasets the model reads for the base year, and in addition for the plan.
BASE_DATASETS: tuple[str, ...] = (
    "power", "energy_load_profiles", "energy_monthly_cf", "energy_storage_capacity",
    "energy_corridors", "energy_chp", "energy_costs", "energy_mengdong_shares",
)  # fmt: skip
PLAN_DATASETS: tuple[str, ...] = ("energy_load_projection", "energy_potentials")

_PLANT = ("coal", "gas", "nuclear", "hydro", "wind", "solar")


@dataclass(frozen=True, eq=False)
class BaseRun:
    """The base-year dispatch.

    Attributes
    ----------
    results
        Labelled results of the solved network.
    comparison
        Modelled vs reported TWh by (region, source), see
        :func:`~revitalize.energy.run.compare_with_reported` (reported NaN where the
        ``power`` dataset has no series).
    notes
        Notes of :func:`~revitalize.energy.run.reported_generation` (English).
    network
        The solved ``pypsa.Network`` (chronological snapshots).
    """

    results: Results
    comparison: pd.DataFrame
    notes: tuple[str, ...]
    network: Any


@dataclass(frozen=True, eq=False)
class PlanRun:
    """The capped plan: its results and the CO2 shadow price (currency/t; None if no cap)."""

    results: Results
    co2_price: float | None


@dataclass
class OutlookRuns:
    """Both model runs (None where a run failed), the notices and the time taken (s)."""

    base: BaseRun | None = None
    plan: PlanRun | None = None
    missing: list[Missing] = field(default_factory=list)
    seconds: float = 0.0


def run_base(year: int = BASE_YEAR, resolution: int = DISPATCH_HOURS) -> BaseRun:
    """Dispatch the ``year`` fleet over the whole year and compare with statistics.

    Raises
    ------
    revitalize.exceptions.RevitalizeError
        Inputs unavailable, scenario infeasible or solver stopped.
    ImportError
        PyPSA (the ``energy`` extra) is not installed.
    """
    inp = NetworkInputs.from_data(year)
    n = build_network(inp, year=year, extendable=(), resolution=resolution)
    with solver_output_to_stderr():
        res = solve(n)
    reported, notes = reported_generation(year, inp.buses)
    return BaseRun(res, compare_with_reported(res, reported), tuple(notes), n)


def run_plan(
    year: int = PLAN_YEAR,
    co2_cap_mt: float | None = CO2_CAP_MT,
    resolution: str = PLAN_RESOLUTION,
) -> PlanRun:
    """Least-cost capacity and dispatch for ``year`` under a CO2 cap (Mt per year).

    Same network as :func:`~revitalize.energy.run.plan` with its defaults; built here to
    read the shadow price of the cap, :math:`-\\mu` of the ``co2_limit`` constraint.

    Raises
    ------
    revitalize.exceptions.RevitalizeError
        Inputs unavailable, scenario infeasible or solver stopped.
    ImportError
        PyPSA (the ``energy`` extra) is not installed.
    """
    inp = NetworkInputs.from_data(year)
    cap = None if co2_cap_mt is None else co2_cap_mt * 1e6
    n = build_network(inp, year=year, co2_cap=cap, resolution=resolution)
    with solver_output_to_stderr():
        res = solve(n)
    gc = n.global_constraints
    price = -float(gc.at["co2_limit", "mu"]) if "co2_limit" in gc.index else None
    return PlanRun(res, price)


def _failure(what: Text, exc: BaseException) -> Missing:
    if isinstance(exc, ImportError):
        why = Text(
            "未安装 PyPSA（可选依赖 energy：pip install 'revitalize[energy]'）",
            "PyPSA is not installed (optional extra: pip install 'revitalize[energy]')",
        )
    else:
        msg = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
        why = Text(f"模型未能求解（{msg}）", f"the model could not be solved ({msg})")
    return Missing(
        Text("电力系统模型结果缺失：", "Power-system model result missing: ")
        + what
        + Text("——", " - ")
        + why
    )


def run_models() -> OutlookRuns:
    """Run the backcast and the plan; a run that fails becomes a notice.

    Catches :class:`~revitalize.exceptions.RevitalizeError`, :class:`ImportError` and the
    report's other data errors (:data:`~revitalize.report.context.DATA_ERRORS`).
    """
    out = OutlookRuns()
    start = time.perf_counter()
    try:
        out.base = run_base()
    except DATA_ERRORS as exc:
        out.missing.append(_failure(Text(f"{BASE_YEAR}年回测", f"{BASE_YEAR} backcast"), exc))
    try:
        out.plan = run_plan()
    except DATA_ERRORS as exc:
        out.missing.append(
            _failure(Text(f"{PLAN_YEAR}年规划情景", f"{PLAN_YEAR} planning scenario"), exc)
        )
    out.seconds = time.perf_counter() - start
    return out


def dispatch_frame(n: Any, buses: Sequence[str], first: str, last: str) -> pd.DataFrame:
    """Dispatch of ``buses`` together, in MW, from day ``first`` to day ``last``.

    Returns
    -------
    pandas.DataFrame
        Indexed by snapshot; columns ``coal`` ... ``solar`` (generation), ``storage``
        (net discharge, negative while charging), ``imports`` (net flow into ``buses``
        over corridors from other buses; negative for net exports), ``unserved`` (load
        shedding) and ``load``. Generation + storage + imports + unserved = load.
    """
    snaps = n.snapshots[
        (n.snapshots >= pd.Timestamp(first))
        & (n.snapshots < pd.Timestamp(last) + pd.Timedelta(days=1))
    ]
    keep = list(buses)
    g = n.generators[n.generators.bus.isin(keep)]
    p = n.generators_t.p.reindex(index=snaps, columns=g.index).fillna(0.0)
    by = p.T.groupby(g.carrier).sum().T
    out = pd.DataFrame(index=snaps)
    for c in _PLANT:
        out[c] = by[c] if c in by.columns else 0.0
    su = n.storage_units[n.storage_units.bus.isin(keep)]
    out["storage"] = (
        n.storage_units_t.p.reindex(index=snaps, columns=su.index).fillna(0.0).sum(axis=1)
    )
    ac = n.links[n.links.carrier == "AC"]
    into = ac.index[ac.bus1.isin(keep) & ~ac.bus0.isin(keep)]
    out_of = ac.index[ac.bus0.isin(keep) & ~ac.bus1.isin(keep)]
    flow = n.links_t.p0.reindex(index=snaps).fillna(0.0)
    out["imports"] = flow.reindex(columns=into).fillna(0.0).sum(axis=1) - flow.reindex(
        columns=out_of
    ).fillna(0.0).sum(axis=1)
    out["unserved"] = by["load shedding"] if "load shedding" in by.columns else 0.0
    loads = n.loads[n.loads.bus.isin(keep)]
    out["load"] = n.loads_t.p_set.reindex(index=snaps, columns=loads.index).fillna(0.0).sum(axis=1)
    return out
