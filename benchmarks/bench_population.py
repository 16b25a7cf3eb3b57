"""Benchmark the probabilistic population projection, in one run.

Usage::

    python benchmarks/bench_population.py [--draws 1000] [--to 2050] [--loop-draws 100]

Times a ``draws``-draw probabilistic cohort-component projection of Liaoning, Jilin and
Heilongjiang from the 2020 census to ``to`` (draws of TFR, mortality and migration):

1. ours: :func:`revitalize.population.project_probabilistic`, all draws and provinces
   on one array (draw x province x sex x age), one life table call per step;
2. anchor: the same model run one draw and one province at a time (a plain loop
   over :func:`revitalize.population.run_cohort_component`), on ``loop-draws`` draws
   and scaled to ``draws``; its results are checked against ours.

Prints seconds, the ratio and the peak Python memory (tracemalloc) of each.
Goal (issue 7): under 10 s on 2 cores for 1,000 draws to 2050.
"""

from __future__ import annotations

import argparse
import time
import tracemalloc

import numpy as np

from revitalize.population import project_probabilistic, run_cohort_component
from revitalize.population.model import BASE_YEAR, scenario_tfr_path
from revitalize.population.rates import provincial_rates


def _timed(fn):  # type: ignore[no-untyped-def]
    tracemalloc.start()
    t0 = time.perf_counter()
    out = fn()
    sec = time.perf_counter() - t0
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return out, sec, peak / 2**20


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--draws", type=int, default=1000)
    ap.add_argument("--to", type=int, default=2050)
    ap.add_argument("--loop-draws", type=int, default=100)
    args = ap.parse_args()
    codes = ("210000", "220000", "230000")
    steps = (args.to - BASE_YEAR) // 5
    # warm the caches (data files, derived rates) outside the timings
    project_probabilistic(codes, to=args.to, draws=2, seed=1)

    ours, t_ours, m_ours = _timed(
        lambda: project_probabilistic(codes, to=args.to, draws=args.draws, seed=0))

    def loop() -> np.ndarray:
        rates = [provincial_rates(c) for c in codes]
        path = scenario_tfr_path("medium", steps)
        out = np.empty((steps + 1, args.loop_draws, len(codes), 2, 18))
        for d in range(args.loop_draws):
            for i, r in enumerate(rates):
                res = run_cohort_component(
                    r.base, r.mortality_ratio * ours["mortality_multiplier"][d, i],
                    r.fertility_ratio * ours["tfr_multiplier"][d, i] * path,
                    ours["migration_rate"][d, i], steps, migration_profile=r.migration_profile)
                out[:, d, i] = res["population"]
        return out

    anchor, t_loop, m_loop = _timed(loop)
    t_anchor = t_loop * args.draws / args.loop_draws
    diff = np.abs(anchor - ours["population"][:, : args.loop_draws]).max()
    tot = ours["population"].sum(axis=(-1, -2))[-1]
    lo, mid, hi = np.percentile(tot, [10, 50, 90], axis=0) / 1e4
    print(f"probabilistic projection: {args.draws} draws x {len(codes)} provinces, "
          f"{BASE_YEAR} -> {args.to} ({steps} five-year steps)")
    print(f"  ours (vectorised)   {t_ours:8.3f} s   peak {m_ours:7.1f} MiB")
    print(f"  anchor (loop)       {t_anchor:8.3f} s   (measured {t_loop:.3f} s on "
          f"{args.loop_draws} draws)   peak {m_loop:7.1f} MiB")
    print(f"  ratio anchor / ours {t_anchor / t_ours:8.1f} x")
    print(f"  max |ours - anchor| {diff:.3g} persons")
    for c, a, b, z in zip(codes, lo, mid, hi, strict=True):
        print(f"  {c} {args.to}: p10 {a:,.0f}  p50 {b:,.0f}  p90 {z:,.0f} (10k persons)")
    print(f"  goal < 10 s: {'met' if t_ours < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
