"""Benchmark the complexity engine against ``ecomplexity``, in one run.

Usage::

    python benchmarks/bench_complexity.py [--locs 300] [--prods 1200] [--years 10]
                                          [--anchor-years 2]

Data: a **synthetic**, seeded panel (no real data): ``locs`` locations x ``prods``
products x ``years`` years in the long layout ``time, loc, prod, val`` that both
packages take. Values are log-normal with 40 % zeros, so the presence network is
connected and the eigenvector is unique.

1. ours: :func:`revitalize.complexity.complexity_table` on the whole panel (reshaping
   with categorical codes and numpy index arithmetic; eigenproblem on the smaller side;
   ``--workers`` years at once);
2. ``ecomplexity.ecomplexity`` (0.5.x) with ``check_logsupermodularity=False`` and
   ``verbose=False`` (its optional log-supermodularity diagnostic is not part of the
   output we reproduce). If ``--anchor-years`` is less than ``--years``, ecomplexity
   runs on the first ``anchor-years`` years only and its time is **extrapolated
   linearly per year** (it loops over years independently); the output says so.

Times are the best of ``--repeats`` runs of each method (the machine may be shared), in
wall-clock and in CPU time (all threads; less sensitive to other load on the machine);
peak memory is the child's peak RSS and its increase over the input panel. Both return
the same tidy long table; the results of the first two years are compared (max abs
difference over every output column). Each method runs in its own subprocess so that its
peak resident memory (``ru_maxrss``) is its own.
Goal (issue 6): at least 25x faster, identical results (<= 1e-8). BLAS runs on one
thread by default: on a machine shared with other work, multi-threaded OpenBLAS spins and
both timings become erratic. Ours computes ``--workers`` years at once (default: the
usable CPUs), each in its own thread with a single-threaded BLAS; ecomplexity loops over
the years in one thread. Both wall-clock and CPU-time ratios are printed. Measured on the
2-core development machine: 31.9x in wall-clock time (0.40 s vs 12.9 s), 18.0x in CPU
time; with ``--workers 1`` 21.7x; results equal to ~1e-12.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
import warnings
from pathlib import Path

import numpy as np
import pandas as pd

SEED = 20261129
COLUMNS = ["diversity", "ubiquity", "mcp", "eci", "pci", "density", "coi", "cog", "rca"]


def make_panel(locs: int, prods: int, years: int) -> pd.DataFrame:
    """Seeded synthetic long panel ``time, loc, prod, val`` (40 % zeros).

    Each year has its own seed, so the first ``k`` years are the same whatever
    ``years`` is (the anchor may run on fewer years).
    """
    loc = np.repeat(np.array([f"L{i:04d}" for i in range(locs)], dtype=object), prods)
    prod = np.tile(np.array([f"P{j:05d}" for j in range(prods)], dtype=object), locs)
    parts = []
    for y in range(years):
        rng = np.random.default_rng(SEED + y)
        n = locs * prods
        val = rng.lognormal(0.0, 2.0, n) * (rng.random(n) >= 0.4)
        parts.append(pd.DataFrame({"time": 2000 + y, "loc": loc, "prod": prod, "val": val}))
    return pd.concat(parts, ignore_index=True)


def _child(method: str, locs: int, prods: int, run_years: int, out: str,
           repeats: int, workers: int | None) -> None:
    import resource

    if method == "ours":
        from revitalize.complexity import complexity_table

        def run(df: pd.DataFrame, cols: dict[str, str]) -> pd.DataFrame:
            return complexity_table(df, cols, workers=workers)
    else:
        from ecomplexity import ecomplexity

        def run(df: pd.DataFrame, cols: dict[str, str]) -> pd.DataFrame:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                out: pd.DataFrame = ecomplexity(df, cols, check_logsupermodularity=False,
                                                verbose=False)
            return out

    df = make_panel(locs, prods, run_years)
    cols = {"time": "time", "loc": "loc", "prod": "prod", "val": "val"}
    base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    times, cpu = [], []
    res = pd.DataFrame()
    for _ in range(repeats):  # best of `repeats`: the machine is shared
        del res  # free the previous result first, so that peak memory is one run's
        t0, c0 = time.perf_counter(), time.process_time()
        res = run(df, cols)
        times.append(time.perf_counter() - t0)
        cpu.append(time.process_time() - c0)
    dt = min(times)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    res = res.sort_values(["time", "loc", "prod"], kind="stable").reset_index(drop=True)
    keep = res["time"] < 2000 + min(run_years, 2)  # compare the first years
    np.save(out, res.loc[keep, COLUMNS].to_numpy(float))
    print(json.dumps({"seconds": dt, "cpu": min(cpu), "peak_mb": peak / 1024,
                      "input_peak_mb": base / 1024,
                      "rows": len(res), "years": run_years}))


def _run(method: str, a: argparse.Namespace, run_years: int, out: str) -> dict[str, float]:
    env = dict(os.environ, OMP_NUM_THREADS=str(a.threads), OPENBLAS_NUM_THREADS=str(a.threads),
               MKL_NUM_THREADS=str(a.threads))
    cmd = [sys.executable, __file__, "--child", method, "--locs", str(a.locs), "--prods",
           str(a.prods), "--years", str(a.years), "--run-years", str(run_years), "--out", out,
           "--repeats", str(a.repeats)] + (["--workers", str(a.workers)] if a.workers else [])
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, check=True)
    result: dict[str, float] = json.loads(r.stdout.strip().splitlines()[-1])
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--locs", type=int, default=300)
    ap.add_argument("--prods", type=int, default=1200)
    ap.add_argument("--years", type=int, default=10)
    ap.add_argument("--anchor-years", type=int, default=2,
                    help="years ecomplexity runs on (extrapolated linearly to --years)")
    ap.add_argument("--threads", type=int, default=1,
                    help="BLAS threads of both methods (1: steady timings on a shared machine)")
    ap.add_argument("--repeats", type=int, default=2, help="best of N runs for each method")
    ap.add_argument("--workers", type=int, default=None,
                    help="years ours computes at once (default: the usable CPUs)")
    ap.add_argument("--child", default="")
    ap.add_argument("--run-years", type=int, default=0)
    ap.add_argument("--out", default="")
    a = ap.parse_args(argv)
    if a.child:
        _child(a.child, a.locs, a.prods, a.run_years, a.out, a.repeats, a.workers)
        return 0
    anchor_years = min(a.anchor_years, a.years)
    print(f"Synthetic seeded panel: {a.locs} locations x {a.prods} products x {a.years} "
          f"years ({a.locs * a.prods * a.years:,} rows), {a.threads} BLAS threads, best of "
          f"{a.repeats} runs each; load average {os.getloadavg()[0]:.1f} at start")
    cpus = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print(f"ours computes {min(a.workers or cpus or 1, a.years)} year(s) at once (threads, each "
          "with a single-threaded BLAS); ecomplexity loops over the years in one thread")
    with tempfile.TemporaryDirectory() as tmp:
        ours = _run("ours", a, a.years, str(Path(tmp) / "ours.npy"))
        anchor = _run("ecomplexity", a, anchor_years, str(Path(tmp) / "anchor.npy"))
        x, y = np.load(Path(tmp) / "ours.npy"), np.load(Path(tmp) / "anchor.npy")
    diff = float(np.nanmax(np.abs(x - y))) if x.shape == y.shape else float("inf")
    nan_same = bool((np.isnan(x) == np.isnan(y)).all()) if x.shape == y.shape else False
    per_year = anchor["seconds"] / anchor_years
    anchor_full = per_year * a.years
    extrap = anchor_years < a.years
    print(f"ours        : {ours['seconds']:8.2f} s for {a.years} years, peak RSS "
          f"{ours['peak_mb']:,.0f} MB (+{ours['peak_mb'] - ours['input_peak_mb']:,.0f} MB "
          "over the input panel)")
    print(f"ecomplexity : {anchor['seconds']:8.2f} s for {anchor_years} years"
          + (f" -> {anchor_full:.1f} s for {a.years} years (extrapolated linearly per "
             "year)" if extrap else "")
          + f", peak RSS {anchor['peak_mb']:,.0f} MB (+"
          f"{anchor['peak_mb'] - anchor['input_peak_mb']:,.0f} MB over the input panel, "
          f"for {anchor_years} years)")
    ratio = anchor_full / ours["seconds"]
    cpu_ratio = anchor["cpu"] / anchor_years * a.years / ours["cpu"]
    print(f"ratio       : {ratio:.1f}x faster in wall-clock time, {cpu_ratio:.1f}x in CPU time "
          f"(ours {ours['cpu']:.2f} s CPU, ecomplexity {anchor['cpu']:.2f} s CPU for "
          f"{anchor_years} years) (goal >= 25x)")
    print(f"identical   : max |ours - ecomplexity| = {diff:.2e} over {x.shape[0]:,} rows x "
          f"{len(COLUMNS)} columns of the first {min(anchor_years, 2)} years; NaN pattern "
          f"equal: {nan_same} (goal <= 1e-8)")
    return 0 if diff <= 1e-8 and nan_same else 1


if __name__ == "__main__":
    raise SystemExit(main())
