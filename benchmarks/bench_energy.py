"""Benchmark the energy domain (PyPSA 1.4 + HiGHS) in one run; prints ratios.

Usage: python benchmarks/bench_energy.py [--full] [--time-limit 1800] [--repeat 3]

Not part of the test suite. Three parts, all on the 2035 least-cost plan of the 4-bus
Northeast network (curated data, every technology extendable, no CO2 cap, CHP minimum
on, no reserve margin - the defaults of ``revitalize energy plan``):

(a) build overhead: ``build_network`` + ``solve`` of :mod:`revitalize.energy` against the
    same network written in plain PyPSA code - the component tables of our network are
    copied into plain pandas objects beforehand, then ``pypsa.Network()`` + ``n.add``
    per component + ``n.optimize(solver_name="highs")`` with the CHP minimum and the
    corridor pairs written directly in linopy. Same LP, same solver options; the
    objectives must agree. Goal: overhead <= 10 %. At typical:24 (median of
    ``--repeat`` runs in this process) and 3-hourly (one run each, in fresh
    subprocesses).
(b) resolution study: objective error against a reference and speed-up (build + solve
    wall time) of 6h, 24h and typical:12/24/48. Goal: <= 2 % error at >= 10x. The
    reference is the 3-hourly plan (2,920 snapshots) by default; ``--full`` adds the
    hourly plan (8,760 snapshots, solver time limit ``--time-limit``) and uses it as the
    reference if it solves. The hourly plan is solved with ``--hourly-solver`` (default
    ``ipm``: HiGHS's interior point without crossover; its dual simplex did not finish in
    70 minutes on 2 cores, nor PDLP in 40), so expect a long run.
(c) peak memory: ``ru_maxrss`` of the subprocess that ran the finest plan, at three
    stages (inputs loaded, network built, solved).

HiGHS runs its dual simplex (every plan but the hourly one) on one thread; the machine
has 2 cores. Compare the ratios of one run, not absolute times across runs. The default
run takes about 5 minutes.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import logging
import os
import resource
import statistics
import subprocess
import sys
import time
import warnings
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

YEAR = 2035
MARK = "BENCH_RESULT "
ORDER = ("Carrier", "Bus", "Load", "Generator", "StorageUnit", "Store", "Link")
SOLVER_OPTIONS: dict[str, Any] = {"output_flag": False}


@contextlib.contextmanager
def quiet() -> Iterator[None]:
    """Silence PyPSA/linopy logging and warnings (our ``solve`` does the same) and send
    what the HiGHS library prints (its banner) to stderr, away from the figures."""
    for name in ("pypsa", "linopy"):
        logging.getLogger(name).setLevel(logging.ERROR)
    sys.stdout.flush()
    saved = os.dup(1)
    try:
        os.dup2(2, 1)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        sys.stdout.flush()
        os.dup2(saved, 1)
        os.close(saved)


def maxrss_gib() -> float:
    """Peak resident set size of this process so far (Linux: ru_maxrss in KiB).

    Linux carries the parent's high-water mark over fork + exec, so a subprocess reports
    at least the parent's size at spawn time: the workers are spawned while the parent
    is still small, and :func:`hwm_gib` (the peak of this program's own memory map) is
    printed next to it as a check."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20


def hwm_gib() -> float:
    """``VmHWM`` of ``/proc/self/status`` (peak RSS since exec), NaN where absent."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 2**20
    except OSError:
        pass
    return float("nan")


def solver_seconds(n: Any) -> float:
    """Time HiGHS itself reports for the last solve."""
    try:
        return float(n.model.solver_model.getRunTime())
    except AttributeError:
        return float("nan")


# ----------------------------------------------------------------------------- ours
def hourly_inputs(year: int = YEAR) -> Any:
    from revitalize.energy import NetworkInputs

    with quiet():
        return NetworkInputs.from_data(year)


def build_ours(inputs: Any, resolution: str) -> Any:
    from revitalize.energy import build_network

    with quiet():
        return build_network(inputs, year=YEAR, resolution=resolution)


#: HiGHS methods for the hourly plan: those of ``revitalize.energy.run.SOLVER_METHODS``
#: (imported in the worker only, so that this parent process stays small) plus PDLP
HOURLY_SOLVERS = ("simplex", "ipm", "pdlp")


def solver_options(method: str) -> dict[str, Any]:
    from revitalize.energy.run import SOLVER_METHODS

    return {"solver": "pdlp"} if method == "pdlp" else dict(SOLVER_METHODS[method])


def run_ours(
    inputs: Any,
    resolution: str,
    time_limit: float | None = None,
    solver_options: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """``build_network`` + ``solve`` as :func:`revitalize.energy.plan` does them."""
    from revitalize.energy import solve
    from revitalize.energy.run import SolverError

    t0 = time.perf_counter()
    n = build_ours(inputs, resolution)
    t1 = time.perf_counter()
    rss_built = maxrss_gib()
    try:
        with quiet():
            res = solve(n, time_limit=time_limit, solver_options=solver_options)
        status = res.status
    except SolverError as err:
        status = str(err)
    t2 = time.perf_counter()
    if status != "optimal":  # linopy reports a time limit as status "ok": check here
        return {
            "status": f"not solved in {t2 - t1:.0f} s ({status})",
            "build_s": t1 - t0,
            "snapshots": len(n.snapshots),
            "rss_built_gib": rss_built,
        }
    new = res.new_capacity.sum() / 1e3
    parts = wrapper_seconds(inputs, resolution, n)
    return parts | {
        "status": status,
        "snapshots": len(n.snapshots),
        "build_s": t1 - t0,
        "solve_s": t2 - t1,
        "total_s": t2 - t0,
        "solver_s": solver_seconds(n),
        "objective": res.objective,
        "new_solar_gw": float(new.get("solar", 0.0)),
        "new_wind_gw": float(new.get("wind", 0.0)),
        "emissions_mt": float(res.emissions.sum() / 1e6),
        "rss_built_gib": rss_built,
    }


def wrapper_seconds(inputs: Any, resolution: str, n: Any) -> dict[str, float]:
    """Times of the steps plain PyPSA code does not have, each run once more on its own:
    the time aggregation inside ``build_network``, and the feasibility pre-checks and the
    result collection inside ``solve``."""
    from revitalize.energy.diagnostics import check_feasibility
    from revitalize.energy.results import collect

    out = {}
    for key, step in (
        ("aggregate_s", lambda: inputs.aggregate(resolution)),
        ("checks_s", lambda: check_feasibility(n)),
        ("collect_s", lambda: collect(n)),
    ):
        t0 = time.perf_counter()
        with quiet():
            step()
        out[key] = time.perf_counter() - t0
    return out


# ------------------------------------------------------------------ plain PyPSA copy
@dataclass
class Spec:
    """Plain pandas copy of a network: what a hand-written PyPSA script would hold."""

    snapshots: pd.DatetimeIndex
    weights: np.ndarray
    static: dict[str, pd.DataFrame] = field(default_factory=dict)
    dynamic: dict[str, dict[str, pd.DataFrame]] = field(default_factory=dict)
    chp_share: dict[str, np.ndarray] = field(default_factory=dict)  # bus -> share by month
    pairs: list[tuple[str, str]] = field(default_factory=list)


def network_spec(n: Any) -> Spec:
    """Copy the input attributes that differ from PyPSA's defaults, component by component."""
    spec = Spec(pd.DatetimeIndex(n.snapshots), n.snapshot_weightings.objective.to_numpy().copy())
    for comp in ORDER:
        c = n.components[comp]
        if c.static.empty:
            continue
        defaults = c.defaults
        inputs = defaults.index[defaults.status.str.startswith("Input")]
        keep = []
        for attr in c.static.columns:
            if attr not in inputs or attr in ("name", "type"):
                continue
            col, default = c.static[attr], defaults.at[attr, "default"]
            same = col.isna() if pd.isna(default) else col.eq(default)
            if not bool(same.all()):
                keep.append(attr)
        spec.static[comp] = c.static[keep].copy()
        spec.dynamic[comp] = {
            attr: frame.copy()
            for attr, frame in c.dynamic.items()
            if not frame.empty and str(defaults.at[attr, "status"]).startswith("Input")
        }
    spec.chp_share = {b: np.asarray(v, dtype=float) for b, v in n.meta["chp_min"].items()}
    spec.pairs = [(a, b) for a, b in n.meta["link_pairs"]]
    return spec


def build_plain(spec: Spec) -> Any:
    """``pypsa.Network()`` + one ``n.add`` per component type + the time series."""
    import pypsa

    n: Any = pypsa.Network()
    n.set_snapshots(spec.snapshots)
    n.snapshot_weightings.loc[:, :] = spec.weights[:, None]
    for comp, static in spec.static.items():
        n.add(comp, static.index, **{k: static[k] for k in static.columns})
        for attr, frame in spec.dynamic[comp].items():
            n.components[comp].dynamic[attr] = frame
    return n


def plain_extra(spec: Spec) -> Callable[[Any, pd.Index], None]:
    """The CHP minimum and the equal-size corridor pairs, written directly in linopy."""
    import xarray as xr

    def extra(n: Any, snapshots: pd.Index) -> None:
        m = n.model
        if spec.pairs:
            cap = m.variables["Link-p_nom"]
            fwd = cap.sel(name=[a for a, _ in spec.pairs]).rename(name="pair")
            bwd = cap.sel(name=[b for _, b in spec.pairs]).rename(name="pair")
            idx = range(len(spec.pairs))
            m.add_constraints(
                fwd.assign_coords(pair=idx) - bwd.assign_coords(pair=idx) == 0,
                name="corridor_pairs",
            )
        gens = n.generators
        months = pd.DatetimeIndex(snapshots).month.to_numpy() - 1
        p, p_nom = m.variables["Generator-p"], m.variables["Generator-p_nom"]
        for bus, by_month in spec.chp_share.items():
            share = by_month[months]
            coal = gens[(gens.carrier == "coal") & (gens.bus == bus)]
            if not (share > 0).any() or coal.empty:
                continue
            ext = coal.p_nom_extendable.astype(bool)
            s = xr.DataArray(share, coords={"snapshot": snapshots})
            lhs = p.sel(name=list(coal.index)).sum("name")
            if ext.any():
                lhs = lhs - s * p_nom.sel(name=list(coal.index[ext])).sum("name")
            fixed = float(coal.p_nom[~ext].sum())
            m.add_constraints(lhs >= s * fixed, name=f"chp_min-{bus}", mask=s > 0)

    return extra


def run_plain(spec: Spec) -> dict[str, Any]:
    t0 = time.perf_counter()
    with quiet():
        n = build_plain(spec)
        t1 = time.perf_counter()
        _, condition = n.optimize(
            solver_name="highs",
            extra_functionality=plain_extra(spec),
            include_objective_constant=False,
            solver_options=SOLVER_OPTIONS,
            log_to_console=False,
            progress=False,
        )
    t2 = time.perf_counter()
    return {
        "status": str(condition),
        "build_s": t1 - t0,
        "solve_s": t2 - t1,
        "total_s": t2 - t0,
        "solver_s": solver_seconds(n),
        "objective": float(n.objective),
    }


# --------------------------------------------------------------------- subprocesses
def worker(
    kind: str, resolution: str, time_limit: float | None, solver: str = "simplex"
) -> dict[str, Any]:
    """Body of ``--worker``: one run in a fresh process, with its peak memory."""
    import pypsa  # noqa: F401  (imported before timing, as in a warm process)

    t0 = time.perf_counter()
    inputs = hourly_inputs()
    out: dict[str, Any] = {"inputs_s": time.perf_counter() - t0, "rss_inputs_gib": maxrss_gib()}
    if kind == "ours":
        out |= run_ours(inputs, resolution, time_limit, solver_options(solver))
        out["solver"] = solver
    else:
        spec = network_spec(build_ours(inputs, resolution))
        out |= run_plain(spec)
    out["rss_peak_gib"] = maxrss_gib()
    out["hwm_peak_gib"] = hwm_gib()
    return out


def in_subprocess(
    kind: str, resolution: str, time_limit: float | None = None, solver: str = "simplex"
) -> dict[str, Any]:
    cmd = [sys.executable, os.path.abspath(__file__), "--worker", kind, "--resolution", resolution]
    cmd += ["--solver", solver]
    if time_limit is not None:
        cmd += ["--time-limit", str(time_limit)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    for line in reversed(proc.stdout.splitlines()):
        if line.startswith(MARK):
            result: dict[str, Any] = json.loads(line[len(MARK) :])
            return result
    raise RuntimeError(f"worker {kind} {resolution} failed:\n{proc.stderr[-3000:]}")


# ---------------------------------------------------------------------------- report
def pct(x: float) -> str:
    return f"{100 * x:+.2f} %"


def median_runs(fn: Callable[[], dict[str, Any]], repeat: int) -> dict[str, Any]:
    runs = [fn() for _ in range(repeat)]
    out = dict(runs[0])
    for key in ("build_s", "solve_s", "total_s", "solver_s", "aggregate_s", "checks_s"):
        if key in out:
            out[key] = statistics.median(r[key] for r in runs)
    return out


def overhead_row(label: str, ours: dict[str, Any], plain: dict[str, Any]) -> None:
    o_rest = ours["total_s"] - ours["solver_s"]
    p_rest = plain["total_s"] - plain["solver_s"]
    excl = (o_rest - p_rest) / plain["total_s"]
    print(
        f"{label:<13}{ours['build_s']:>7.2f}{ours['aggregate_s']:>7.2f}{ours['solve_s']:>8.2f}"
        f"{ours['checks_s'] + ours['collect_s']:>7.2f}{ours['solver_s']:>8.2f}"
        f"{ours['total_s']:>8.2f} |{plain['build_s']:>7.2f}{plain['solve_s']:>8.2f}"
        f"{plain['solver_s']:>8.2f}{plain['total_s']:>8.2f} |"
        f"{ours['total_s'] / plain['total_s'] - 1:>+8.1%}{excl:>+9.1%}"
        f"{ours['objective'] / plain['objective'] - 1:>+10.1e}"
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    ap.add_argument("--full", action="store_true", help="also solve the hourly plan")
    ap.add_argument("--time-limit", type=float, default=1800.0, help="for the hourly plan (s)")
    ap.add_argument("--repeat", type=int, default=3, help="repeats of the cheap runs")
    ap.add_argument(
        "--hourly-solver",
        choices=HOURLY_SOLVERS,
        default="ipm",
        help="HiGHS method for the hourly plan (ipm: interior point without crossover)",
    )
    ap.add_argument(
        "--solver", choices=HOURLY_SOLVERS, default="simplex", help=argparse.SUPPRESS
    )
    ap.add_argument("--worker", choices=("ours", "plain"), help=argparse.SUPPRESS)
    ap.add_argument("--resolution", default="3h", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.worker:
        limit = args.time_limit if args.resolution in ("1h", "1") else None
        result = worker(args.worker, args.resolution, limit, args.solver)
        print(MARK + json.dumps(result), flush=True)
        return 0

    start = time.perf_counter()
    print(f"revitalize energy benchmark: {YEAR} plan, 4 buses + exchange, HiGHS, 2 cores")
    # the expensive runs first, in fresh subprocesses spawned while this one is small
    ours_3h = in_subprocess("ours", "3h")
    plain_3h = in_subprocess("plain", "3h")
    hourly = None
    if args.full:
        hourly = in_subprocess("ours", "1h", args.time_limit, args.hourly_solver)
    t0 = time.perf_counter()
    inputs = hourly_inputs()
    print(f"hourly inputs from the curated data: {time.perf_counter() - t0:.2f} s (not counted)")

    # (a) build overhead -------------------------------------------------------------
    spec = network_spec(build_ours(inputs, "typical:24"))  # also warms up the imports
    ours_t24 = median_runs(lambda: run_ours(inputs, "typical:24"), args.repeat)
    plain_t24 = median_runs(lambda: run_plain(spec), args.repeat)
    print("\n(a) build + solve in seconds, revitalize | plain PyPSA | overhead")
    print(
        f"{'resolution':<13}{'build':>7}{'(agg)':>7}{'solve':>8}{'(c+r)':>7}{'(HiGHS)':>8}"
        f"{'total':>8} |{'build':>7}{'solve':>8}{'(HiGHS)':>8}{'total':>8} |"
        f"{'total':>8}{'excl.':>9}{'obj diff':>10}"
    )
    overhead_row(f"typical:24 x{args.repeat}", ours_t24, plain_t24)
    overhead_row("3h", ours_3h, plain_3h)
    print(
        "(agg) time aggregation inside build; (c+r) feasibility checks + result collection\n"
        "inside solve; (HiGHS) the solver's own run time. Overhead 'total' = our total / plain\n"
        "total - 1 (goal <= 10 %); 'excl.' = the same with each side's HiGHS time removed\n"
        "(differences in solver time are noise: the LPs are identical)."
    )

    # (b) resolution study -----------------------------------------------------------
    cases: dict[str, dict[str, Any]] = {"3h": ours_3h}
    if hourly is not None:
        cases["1h"] = hourly
    for res in ("6h", "24h", "typical:12", "typical:24", "typical:48"):
        cases[res] = ours_t24 if res == "typical:24" else run_ours(inputs, res)
    ref_name = "1h" if args.full and "objective" in cases["1h"] else "3h"
    ref = cases[ref_name]
    print(f"\n(b) resolution study, reference {ref_name} ({ref['snapshots']:,} snapshots)")
    if args.full and ref_name != "1h":
        print(f"    hourly plan: {cases['1h']['status']}")
    print(
        f"{'resolution':<12}{'snaps':>7}{'build+solve s':>15}{'speed-up':>10}{'objective':>14}"
        f"{'error':>10}{'new solar GW':>14}{'new wind GW':>13}{'CO2 Mt':>9}  goal"
    )
    for name, r in cases.items():
        if "objective" not in r:
            continue
        err = r["objective"] / ref["objective"] - 1
        speed = ref["total_s"] / r["total_s"]
        goal = "ref" if name == ref_name else ("yes" if abs(err) <= 0.02 and speed >= 10 else "no")
        print(
            f"{name:<12}{r['snapshots']:>7,}{r['total_s']:>15.2f}{speed:>9.1f}x"
            f"{r['objective'] / 1e9:>11.3f} bn{pct(err):>10}{r['new_solar_gw']:>14.1f}"
            f"{r['new_wind_gw']:>13.1f}{r['emissions_mt']:>9.1f}  {goal}"
        )
    print("objective: annualised system cost without the fixed costs of existing plant, CNY")

    # (c) peak memory ----------------------------------------------------------------
    finest = cases["1h"] if args.full else ours_3h
    print(f"\n(c) peak memory of the finest run ({finest['snapshots']:,} snapshots, subprocess)")
    print(
        f"ru_maxrss: inputs loaded {finest['rss_inputs_gib']:.2f} GiB, network built "
        f"{finest['rss_built_gib']:.2f} GiB, solved {finest['rss_peak_gib']:.2f} GiB "
        f"(VmHWM {finest['hwm_peak_gib']:.2f} GiB)"
    )
    print(f"\nbenchmark wall time {time.perf_counter() - start:.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
