"""Benchmark the composite-index Monte Carlo against a naive per-draw pandas loop.

Usage::

    python benchmarks/bench_indicators.py [--draws 10000] [--naive 40] [--threads 2]

Panel: the 31 provinces x 10 years (2014-2023) of every catalogue indicator with data.
Each draw picks an imputation, a normalisation and an aggregation and perturbs the
pillar weights (issue 5 goal: 10,000 draws in under 20 s on 2 cores).

1. ours: :func:`revitalize.indicators.monte_carlo` — pillar scores of every discrete
   combination computed once, draws as matrix products, ranks by batched argsort;
2. anchor: the same draws one at a time through :func:`composite_index` (pandas) —
   ``--naive`` draws are timed and the time per draw is scaled to ``--draws``.

Each runs in its own subprocess so that its peak resident memory is measured alone.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time


def _values():  # type: ignore[no-untyped-def]
    from revitalize.indicators import indicator_values

    return indicator_values(years=(2014, 2023))


def run_ours(draws: int) -> dict[str, float]:
    from revitalize.indicators import monte_carlo

    v = _values()
    t0 = time.perf_counter()
    res = monte_carlo(v, n=draws, seed=1)
    dt = time.perf_counter() - t0
    assert res.ranks.shape[1] == draws
    return {"seconds": dt, "per_draw": dt / draws}


def run_naive(draws: int) -> dict[str, float]:
    import numpy as np

    from revitalize.indicators import PILLARS, composite_index
    from revitalize.indicators.uncertainty import ChoiceSpace

    v = _values()
    space = ChoiceSpace()
    pillars = [p for p in PILLARS if p in set(v["pillar"])]
    rng = np.random.default_rng(1)
    t0 = time.perf_counter()
    for _ in range(draws):
        u = rng.random(3 + len(pillars))
        w = (1 + space.weight_spread * (2 * u[3:] - 1)) / len(pillars)
        w = w / w.sum()
        composite_index(
            v,
            imputation=space.imputation[int(u[0] * len(space.imputation))],
            normalisation=space.normalisation[int(u[1] * len(space.normalisation))],
            aggregation=space.aggregation[int(u[2] * len(space.aggregation))],
            pillar_weights=dict(zip(pillars, w.tolist(), strict=True)),
        )
    dt = time.perf_counter() - t0
    return {"seconds": dt, "per_draw": dt / draws}


def _child(method: str, draws: int) -> None:
    import resource

    out = run_ours(draws) if method == "ours" else run_naive(draws)
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps(out))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--draws", type=int, default=10_000)
    ap.add_argument("--naive", type=int, default=40, help="draws timed for the anchor")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--child", choices=["ours", "naive"])
    args = ap.parse_args()
    if args.child:
        _child(args.child, args.draws)
        return
    env = {**os.environ, "OMP_NUM_THREADS": str(args.threads),
           "OPENBLAS_NUM_THREADS": str(args.threads), "MKL_NUM_THREADS": str(args.threads)}
    res = {}
    for method, n in (("ours", args.draws), ("naive", args.naive)):
        proc = subprocess.run([sys.executable, __file__, "--child", method, "--draws", str(n)],
                              capture_output=True, text=True, env=env, check=True)
        res[method] = json.loads(proc.stdout.strip().splitlines()[-1])
    ours = res["ours"]
    naive_total = res["naive"]["per_draw"] * args.draws
    print(f"Monte Carlo of the index, 31 provinces x 10 years, {args.draws:,} draws, "
          f"{args.threads} threads")
    print(f"  ours (vectorised)   {ours['seconds']:8.2f} s   peak {ours['peak_mb']:7.0f} MB")
    print(f"  naive pandas loop   {naive_total:8.2f} s   (scaled from {args.naive} draws, "
          f"{res['naive']['per_draw'] * 1000:.0f} ms/draw)   "
          f"peak {res['naive']['peak_mb']:7.0f} MB")
    print(f"  ratio naive/ours    {naive_total / ours['seconds']:8.1f}x")
    print(f"  goal (< 20 s)       {'met' if ours['seconds'] < 20 else 'NOT met'}")


if __name__ == "__main__":
    main()
