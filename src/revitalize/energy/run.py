"""Entry points: solve a network, backcast a year, plan a year, run a myopic pathway.

All optimisation is PyPSA's linear optimal power flow solved by HiGHS
(``n.optimize(solver_name="highs")``; Brown et al. 2018) with the extra constraints of
:mod:`revitalize.energy.constraints`.

Resolution and solve time (2 cores, curated 2023 data, 4 buses + exchange):

=====================  ==========================  =====================================
run                    resolution                  solve time; error against 3-hourly
=====================  ==========================  =====================================
backcast 2023          hourly / 3h / 24h           6.3 s / 2.1 s / 1.0 s
plan 2035, no cap      3h (reference)              106 s
plan 2035, no cap      4h                          32 s; cost -0.1 %, new solar +12 %
plan 2035, no cap      6h                          10 s; cost -0.4 %, new solar +68 %
plan 2035, no cap      typical:24 (default)        2.9 s; cost +0.04 %, new solar -8 %,
                                                   emissions +1.6 %
plan 2035, no cap      typical:12                  2.2 s; cost +0.01 %, new solar -7 %
=====================  ==========================  =====================================

n-hourly means flatten the solar peak and overvalue solar; typical days keep the
diurnal shape, hence :data:`PLAN_RESOLUTION` = ``"typical:24"`` for planning. The full
hourly planning year solves with ``method="ipm"`` in about 45 minutes on 2 cores (its
cost is within 0.01 % of typical:24's; docs/energy.md §9).

References
----------
Brown, T., Hörsch, J. & Schlachtberger, D. (2018). PyPSA: Python for Power System
Analysis. *Journal of Open Research Software* 6(1), 4. doi:10.5334/jors.188
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import time
import warnings
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from revitalize.energy.components import hours_in_year
from revitalize.energy.constraints import extra_functionality
from revitalize.energy.diagnostics import (
    InfeasibleScenarioError,
    check_feasibility,
    infeasible_error,
)
from revitalize.energy.inputs import CARRIERS, NetworkInputs, SnapshotSelection
from revitalize.energy.network import EXTENDABLE, build_network
from revitalize.energy.results import Results, collect
from revitalize.exceptions import InputError, RevitalizeError

__all__ = [
    "PLAN_RESOLUTION",
    "SOLVER_METHODS",
    "Backcast",
    "Pathway",
    "SolverError",
    "backcast",
    "compare_with_reported",
    "pathway",
    "plan",
    "reported_generation",
    "solve",
    "solver_output_to_stderr",
]


PLAN_RESOLUTION = "typical:24"
"""Default time resolution of :func:`plan` and :func:`pathway` (see the module notes)."""


class SolverError(RevitalizeError):
    """The solver stopped without an optimum for a reason other than infeasibility."""


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    names = ("pypsa", "linopy")
    levels = {nm: logging.getLogger(nm).level for nm in names}
    try:
        for nm in names:
            logging.getLogger(nm).setLevel(logging.ERROR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", FutureWarning)
            warnings.simplefilter("ignore", UserWarning)
            yield
    finally:
        for nm, lv in levels.items():
            logging.getLogger(nm).setLevel(lv)


@contextlib.contextmanager
def solver_output_to_stderr() -> Iterator[None]:
    """Send what the solver's C library prints (the HiGHS banner) to stderr.

    highspy prints its banner to file descriptor 1 whatever the options; redirecting the
    descriptor keeps stdout for results (csv/json output stays parseable).
    """
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


#: HiGHS options of each ``method`` of :func:`plan`
SOLVER_METHODS: dict[str, dict[str, Any]] = {
    "simplex": {},
    "ipm": {"solver": "ipm", "run_crossover": "off"},
}


def solve(
    n: Any,
    *,
    check: bool = True,
    time_limit: float | None = None,
    solver_options: Mapping[str, Any] | None = None,
) -> Results:
    """Optimise ``n`` with HiGHS and collect the results.

    Parameters
    ----------
    n
        Network from :func:`revitalize.energy.network.build_network`.
    check
        Run the cheap sufficient infeasibility checks first
        (:func:`revitalize.energy.diagnostics.check_feasibility`).
    time_limit
        Solver time limit in seconds.
    solver_options
        Extra HiGHS options.

    Raises
    ------
    InfeasibleScenarioError
        When the scenario cannot be solved; the message names the likely cause.
    SolverError
        When HiGHS stops without an optimum for another reason (e.g. the time limit).
    """
    if check:
        check_feasibility(n)
    opts: dict[str, Any] = {"output_flag": False}
    if time_limit is not None:
        opts["time_limit"] = float(time_limit)
    opts |= dict(solver_options or {})
    start = time.perf_counter()
    with _quiet():
        status, condition = n.optimize(
            solver_name="highs",
            extra_functionality=extra_functionality,
            include_objective_constant=False,
            solver_options=opts,
            log_to_console=False,
            progress=False,
        )
    seconds = time.perf_counter() - start
    if "infeasible" in str(condition):
        raise infeasible_error(n)
    if status != "ok" or str(condition) != "optimal":  # e.g. a time limit reported as "ok"
        raise SolverError(
            f"HiGHS stopped without an optimum ({condition}) after {seconds:.0f} s. "
            "Use a coarser resolution (e.g. '6h' or 'typical:12') or a longer time_limit."
        )
    return collect(n, status=str(condition), solve_seconds=seconds)


# --------------------------------------------------------------------------- backcast
_SOURCES = {
    "thermal": ("coal", "gas"),
    "hydro": ("hydro",),
    "nuclear": ("nuclear",),
    "wind": ("wind",),
    "solar": ("solar",),
}


def reported_generation(year: int, buses: Sequence[str]) -> tuple[pd.DataFrame, list[str]]:
    """Reported annual generation (TWh) by bus and source from the ``power`` dataset.

    Uses ``generation_<source>`` for ``year``; where the annual value is missing, the
    December year-to-date value ``generation_<source>_ytd`` of ``year-12``. The dataset is
    in 100 million kWh (0.1 TWh). Returns the frame (NaN where missing) and notes.
    """
    from revitalize.data.loaders import load

    notes: list[str] = []
    provinces = [b for b in buses if b.isdigit()]
    months = [str(year)] + [f"{year}-{m:02d}" for m in range(1, 13)]
    df = load("power", regions=provinces, periods=months, indicators="generation_*", totals=False)
    out = pd.DataFrame(float("nan"), index=list(buses), columns=list(_SOURCES))
    for b in provinces:
        mine = df[df.region == b]
        for src in _SOURCES:
            annual = mine[(mine.indicator == f"generation_{src}") & (mine.period == str(year))]
            ytd = mine[mine.indicator == f"generation_{src}_ytd"].sort_values("period")
            if not annual.empty:
                out.at[b, src] = float(annual.value.iloc[0]) / 10.0  # 100m kWh -> TWh
            elif not ytd.empty and ytd.period.iloc[-1] == f"{year}-12":
                out.at[b, src] = float(ytd.value.iloc[-1]) / 10.0
                notes.append(f"{b} {src}: annual value missing, December YTD used.")
            elif not ytd.empty:
                notes.append(
                    f"{b} {src}: no {year} annual generation in 'power'; the latest "
                    f"year-to-date value is {float(ytd.value.iloc[-1]) / 10:.1f} TWh "
                    f"to {ytd.period.iloc[-1]}."
                )
            else:
                notes.append(f"{b} {src}: no reported {year} generation in 'power'.")
    for b in buses:
        if not b.isdigit():
            notes.append(
                f"{b}: no reported generation (provincial statistics cover all of Inner "
                "Mongolia only)."
            )
    return out, notes


def compare_with_reported(results: Results, reported: pd.DataFrame) -> pd.DataFrame:
    """Modelled vs reported generation (TWh) by (region, source), modelled annualised."""
    scale = hours_in_year(results.year) / results.hours / 1e6
    gen = results.generation
    rows = []
    for b in reported.index:
        for src, carriers in _SOURCES.items():
            have = [c for c in carriers if c in gen.columns]
            model = float(gen.loc[b, have].sum()) * scale if have else 0.0
            rep = float(reported.loc[b, src])
            rows.append((b, src, model, rep))
        model_total = sum(r[2] for r in rows[-len(_SOURCES) :])
        rep_total = float(reported.loc[b].sum(min_count=len(_SOURCES)))
        rows.append((b, "total", model_total, rep_total))
    out = pd.DataFrame(rows, columns=["region", "source", "modelled_twh", "reported_twh"])
    out["difference_twh"] = out.modelled_twh - out.reported_twh
    out["ratio"] = out.modelled_twh / out.reported_twh.where(out.reported_twh > 0)
    return out.set_index(["region", "source"])


@dataclass(frozen=True, eq=False)
class Backcast:
    """Base-year dispatch of the existing fleet compared with reported generation."""

    results: Results
    comparison: pd.DataFrame
    notes: tuple[str, ...] = ()


def backcast(
    year: int = 2023,
    resolution: str | int | None = "3h",
    *,
    snapshots: SnapshotSelection = None,
    inputs: NetworkInputs | None = None,
    time_limit: float | None = None,
) -> Backcast:
    """Dispatch the ``year`` fleet (nothing extendable) and compare with statistics.

    Returns a :class:`Backcast` whose ``comparison`` is indexed by (region, source)
    with modelled and reported TWh (modelled values annualised when the snapshots cover
    part of the year; reported NaN where the ``power`` dataset has no series, see
    ``notes``).
    """
    inp = inputs if inputs is not None else NetworkInputs.from_data(year, snapshots=snapshots)
    if inputs is not None:
        inp = inp.select(snapshots)
    n = build_network(inp, year=year, extendable=(), resolution=resolution)
    res = solve(n, time_limit=time_limit)
    reported, notes = reported_generation(year, inp.buses)
    for src, carriers in _SOURCES.items():
        installed = pd.concat([inp.installed(c) for c in carriers], axis=1).sum(axis=1)
        none = (installed == 0).reindex(reported.index).fillna(False).astype(bool)
        for b in reported.index[reported[src].isna() & none]:
            if str(b).isdigit():
                reported.at[b, src] = 0.0
                notes.append(f"{b} {src}: no such plant and no series; reported taken as 0.")
    if reported["solar"].notna().any():
        notes.append(
            "Reported solar is NBS generation of enterprises above designated size; "
            "distributed PV, part of the installed capacity, is largely not in it."
        )
    cmp = compare_with_reported(res, reported)
    if res.hours < hours_in_year(res.year) - 24:
        notes.append(f"Modelled values annualised from {res.hours:.0f} modelled hours.")
    return Backcast(res, cmp, tuple(notes) + res.notes)


def plan(
    year: int = 2035,
    co2_cap: float | None = None,
    resolution: str | int | None = PLAN_RESOLUTION,
    *,
    co2_price: float | None = None,
    extendable: Sequence[str] = EXTENDABLE,
    reserve_margin: float | None = None,
    snapshots: SnapshotSelection = None,
    inputs: NetworkInputs | None = None,
    time_limit: float | None = None,
    method: str = "simplex",
) -> Results:
    """Least-cost capacity expansion for ``year`` (tCO2 cap per year, optional).

    ``method``: HiGHS's algorithm, a key of :data:`SOLVER_METHODS`. ``"simplex"`` (dual
    simplex, the default) is fastest up to the 3-hourly year; ``"ipm"`` (interior point
    without crossover) is the one that solves the full hourly year on a small machine
    (43 minutes on 2 cores, where the simplex did not finish in 70; docs/energy.md §9).
    """
    if method not in SOLVER_METHODS:
        raise InputError(f"Unknown solver method {method!r}.",
                         "Use one of: " + ", ".join(SOLVER_METHODS) + ".")
    inp = inputs if inputs is not None else NetworkInputs.from_data(year, snapshots=snapshots)
    if inputs is not None:
        inp = inp.select(snapshots)
    n = build_network(
        inp,
        year=year,
        co2_cap=co2_cap,
        co2_price=co2_price,
        extendable=extendable,
        reserve_margin=reserve_margin,
        resolution=resolution,
    )
    return solve(n, time_limit=time_limit, solver_options=SOLVER_METHODS[method])


# --------------------------------------------------------------------------- pathway
@dataclass(frozen=True, eq=False)
class Pathway:
    """Results of a myopic pathway, one :class:`Results` per period."""

    periods: dict[int, Results]
    capacity: pd.DataFrame
    notes: tuple[str, ...] = field(default=())


def _cohorts(
    capacity: pd.DataFrame, base_year: int, lifetimes: Mapping[str, float]
) -> pd.DataFrame:
    """Split the base fleet into five-year cohorts with ages spread evenly over the lifetime."""
    rows = []
    for b, row in capacity.iterrows():
        for c, mw in row.items():
            life = float(lifetimes.get(str(c), 40.0))
            ages = [a + 2.5 for a in range(0, max(int(life), 5), 5)]
            for a in ages:
                rows.append((b, c, base_year - a, float(mw) / len(ages), life))
    return pd.DataFrame(rows, columns=["bus", "carrier", "build_year", "p_nom", "lifetime"])


def pathway(
    years: Sequence[int] = (2025, 2030, 2035, 2040, 2045, 2050, 2055, 2060),
    co2_caps: Mapping[int, float | None] | Sequence[float | None] | None = None,
    resolution: str | int | None = PLAN_RESOLUTION,
    *,
    snapshots: SnapshotSelection = None,
    extendable: Sequence[str] = EXTENDABLE,
    reserve_margin: float | None = None,
    inputs_for: Any = None,
    time_limit: float | None = None,
) -> Pathway:
    """Myopic pathway: each period starts from the previous optimum, retiring by lifetime.

    The base fleet (existing capacity of the first year) is split into five-year
    cohorts whose ages are spread evenly over each technology's lifetime (no unit-level
    commissioning data), so it retires linearly. Plant built in period :math:`y` retires
    when :math:`y + L \\le` the period year. New corridors carry forward; batteries and
    hydrogen are re-optimised each period (their earlier build is not carried).

    Parameters
    ----------
    years
        Period years, increasing.
    co2_caps
        Annual caps (tCO2) by year, or a sequence aligned with ``years``; None: no cap.
    inputs_for
        Optional callable ``year -> NetworkInputs`` (default
        :meth:`NetworkInputs.from_data`), e.g. for tests.
    """
    ys = [int(y) for y in years]
    if ys != sorted(set(ys)):
        raise InputError(f"Pathway years must increase; got {ys}.")
    if co2_caps is None:
        caps: dict[int, float | None] = dict.fromkeys(ys)
    elif isinstance(co2_caps, Mapping):
        caps = {y: co2_caps.get(y) for y in ys}
    else:
        if len(co2_caps) != len(ys):
            raise InputError("co2_caps must have one value per pathway year.")
        caps = dict(zip(ys, co2_caps, strict=True))
    get = inputs_for or (lambda y: NetworkInputs.from_data(y, snapshots=snapshots))
    first = get(ys[0])
    life = {c: first.cost(c, "lifetime", 40.0) for c in first.capacity.columns}
    fleet = _cohorts(first.capacity.reindex(list(first.buses)).fillna(0.0), ys[0], life)
    corridors = first.corridors
    storage = first.storage
    periods: dict[int, Results] = {}
    caps_by_year = []
    for y in ys:
        inp = first if y == ys[0] else get(y)
        alive = fleet[fleet.build_year + fleet.lifetime > y]
        cap = alive.pivot_table(index="bus", columns="carrier", values="p_nom", aggfunc="sum")
        carriers = [c for c in CARRIERS if c in first.capacity.columns or c in set(fleet.carrier)]
        cap = cap.reindex(index=list(inp.buses), columns=carriers).fillna(0.0)
        inp = inp.replace(capacity=cap, corridors=corridors, storage=storage)
        n = build_network(
            inp,
            year=y,
            co2_cap=caps[y],
            extendable=extendable,
            reserve_margin=reserve_margin,
            resolution=resolution,
        )
        try:
            res = solve(n, time_limit=time_limit)
        except InfeasibleScenarioError as err:
            causes = [f"in period {y} (after {sorted(periods)} solved), {c}" for c in err.causes]
            raise InfeasibleScenarioError(causes, err.hint or "") from None
        periods[y] = res
        new = res.new_capacity
        built_rows = [
            (str(b), str(c), y, float(mw), inp.cost(str(c), "lifetime", 40.0))
            for c in new.columns
            if c in CARRIERS
            for b, mw in new[c].items()
            if float(mw) > 1e-3
        ]
        if built_rows:
            fleet = pd.concat(
                [fleet, pd.DataFrame(built_rows, columns=fleet.columns)], ignore_index=True
            )
        if "PHS" in new.columns:
            storage = storage.add(new["PHS"], fill_value=0.0)
        tr = res.transmission
        built = tr[tr.p_nom_new > 1e-3] if not tr.empty else tr
        if not built.empty:
            lengths = n.links.groupby("corridor").length.first()
            extra = pd.DataFrame(
                {
                    "bus0": built.bus0,
                    "bus1": built.bus1,
                    "p_nom_mw": built.p_nom_new,
                    "length_km": lengths.reindex(built.index).to_numpy(),
                }
            )
            corridors = pd.concat([corridors, extra], ignore_index=True)
        caps_by_year.append(res.capacity.assign(year=y).set_index("year", append=True))
    capacity = pd.concat(caps_by_year).swaplevel().sort_index().fillna(0.0)
    return Pathway(periods, capacity, ("Myopic: base fleet retires linearly over lifetime.",))
