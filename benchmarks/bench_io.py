"""Benchmark the input-output engine against plain SciPy and pymrio, in one run.

Usage::

    python benchmarks/bench_io.py [--n 9800] [--scenarios 100] [--threads 2]

For a random productive MRIO with ``n`` sectors (49 regions x n/49 sectors) it times:

1. ours: :class:`revitalize.inputoutput.core.LeontiefSolver` with its defaults (at this
   size ``precision="auto"`` means mixed precision) — one LU factorisation of
   (I - A), output and 10 stressor multipliers by a transposed solve, impacts of ``scenarios``
   final-demand vectors by one batched solve; no dense inverse;
2. plain SciPy: ``lu_factor`` + ``lu_solve`` for the same quantities (the floor);
3. pymrio ``IOSystem.calc_all()`` on the same Z, Y and a 10-stressor extension (as in
   shared/PERFORMANCE.md) plus ``L @ Y`` for the scenarios (pymrio forms the dense
   inverse).

Mixed precision: LU in float32, each solve refined in float64 to a relative residual of
1e-13 (LAPACK ``dsgesv``'s scheme); the results agree with the double-precision ones to
1e-8 relative (checked below). ``ours-double`` is the same solver with
``precision="double"`` (the default below 2,000 sectors).

Each method runs in its own subprocess so that its peak resident memory
(``ru_maxrss``) is measured alone. Goals (issue 3): ours within 1.3x of plain SciPy,
at least 4x faster than pymrio, and no dense n x n inverse unless asked.
Thread count is set for BLAS through the environment of each subprocess.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time

import numpy as np

SEED = 20261128


STRESSORS = 10


def stressors(n: int) -> np.ndarray:
    """Intensities of 10 stressors (e.g. CO2, energy, jobs), U(0, 1) per unit output."""
    return np.random.default_rng(SEED + 1).random((STRESSORS, n))


def make_system(n: int, k: int) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Random productive system without a solve in the set-up.

    A has entries U(0, 1/n), so its row and column sums are about 0.5 (< 0.6), x is
    U(1, 1.5) and y = x - A x > 0; ``k`` final-demand shocks are U(0, 1).
    """
    rng = np.random.default_rng(SEED)
    a = rng.random((n, n)) / n
    x = rng.uniform(1.0, 1.5, n)
    y = x - a @ x
    shocks = rng.uniform(0.0, 1.0, (n, k))
    return a, y, x, shocks


def run_ours(n: int, k: int, precision: str = "auto") -> dict[str, float]:
    from revitalize.inputoutput.core import LeontiefSolver

    a, _y, _x, shocks = make_system(n, k)
    s = stressors(n)
    t0 = time.perf_counter()
    solver = LeontiefSolver(a, precision=precision)
    mult = solver.solve_transposed(np.vstack([np.ones(n), s]))  # output + stressor multipliers
    impacts = solver.solve(shocks)
    dt = time.perf_counter() - t0
    return {"seconds": dt, "check": float(mult.sum() + impacts.sum())}


def run_scipy(n: int, k: int) -> dict[str, float]:
    from scipy.linalg import lu_factor, lu_solve

    a, _y, _x, shocks = make_system(n, k)
    s = stressors(n)
    t0 = time.perf_counter()
    lu = lu_factor(np.eye(n) - a, overwrite_a=True, check_finite=False)
    mult = lu_solve(lu, np.vstack([np.ones(n), s]).T, trans=1, check_finite=False)
    impacts = lu_solve(lu, shocks, check_finite=False)
    dt = time.perf_counter() - t0
    return {"seconds": dt, "check": float(mult.sum() + impacts.sum())}


def run_pymrio(n: int, k: int) -> dict[str, float]:
    import pandas as pd
    import pymrio

    a, y, x, shocks = make_system(n, k)
    regions = 49 if n % 49 == 0 else 1
    idx = pd.MultiIndex.from_product(
        [[f"R{r:02d}" for r in range(regions)], [f"S{s:04d}" for s in range(n // regions)]],
        names=["region", "sector"],
    )
    z = pd.DataFrame(a * x, index=idx, columns=idx)
    ydf = pd.DataFrame({("R00", "final"): y}, index=idx)
    ydf.columns = pd.MultiIndex.from_tuples(ydf.columns, names=["region", "category"])
    f = pd.DataFrame(stressors(n) * x, index=[f"F{i}" for i in range(STRESSORS)], columns=idx)
    del a
    t0 = time.perf_counter()
    io = pymrio.IOSystem(Z=z, Y=ydf, unit=pd.DataFrame({"unit": ["M"] * n}, index=idx))
    io.stressors = pymrio.Extension(name="stressors", F=f)
    io.calc_all()
    mult = io.L.sum(axis=0).to_numpy().sum() + io.stressors.M.to_numpy().sum()
    impacts = io.L.to_numpy() @ shocks
    dt = time.perf_counter() - t0
    return {"seconds": dt, "check": float(mult + impacts.sum())}


def child(method: str, n: int, k: int) -> None:
    import resource

    fn = {
        "ours": run_ours,
        "ours-double": lambda n, k: run_ours(n, k, precision="double"),
        "scipy": run_scipy,
        "pymrio": run_pymrio,
    }[method]
    res = fn(n, k)
    res["peak_gb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024**2
    print(json.dumps(res))


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawTextHelpFormatter)
    ap.add_argument("--n", type=int, default=9800)
    ap.add_argument("--scenarios", type=int, default=100)
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--methods", default="ours,ours-double,scipy,pymrio")
    ap.add_argument("--child", default="")
    args = ap.parse_args()
    if args.child:
        child(args.child, args.n, args.scenarios)
        return 0
    env = dict(os.environ, OMP_NUM_THREADS=str(args.threads),
               OPENBLAS_NUM_THREADS=str(args.threads), MKL_NUM_THREADS=str(args.threads))
    results: dict[str, dict[str, float]] = {}
    for m in args.methods.split(","):
        out = subprocess.run(
            [sys.executable, __file__, "--child", m, "--n", str(args.n),
             "--scenarios", str(args.scenarios)],
            env=env, capture_output=True, text=True, check=True,
        )
        results[m] = json.loads(out.stdout.strip().splitlines()[-1])
    base = results.get("ours", {}).get("seconds", float("nan"))
    print(f"n = {args.n}, scenarios = {args.scenarios}, BLAS threads = {args.threads}")
    print(f"{'method':<12}{'seconds':>10}{'peak RSS GB':>13}{'method / ours':>15}")
    for m, r in results.items():
        print(f"{m:<12}{r['seconds']:>10.3f}{r['peak_gb']:>13.2f}{r['seconds'] / base:>15.2f}")
    checks = {m: r["check"] for m, r in results.items()}
    ref = next(iter(checks.values()))
    agree = all(abs(c - ref) <= 1e-8 * abs(ref) for c in checks.values())
    print(f"results agree across methods (1e-8 rel): {agree}")
    print(f"dense n x n float64 = {args.n**2 * 8 / 1e9:.2f} GB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
