"""Benchmark the data layer and the report against plain pandas, in one run.

Usage: python benchmarks/bench_data.py [--repeat 5]

Prints medians and the ratio us / anchor for:

1. loading GDP for the Northeast with its group total (``revitalize.data.load``, cold
   and cached) vs. the same selection in plain pandas (read_csv, filter, sum);
2. the command ``revitalize data show gdp --region northeast --period 2023H1`` as a
   fresh process vs. a bare ``python -c "import pandas"``;
3. building the full report (the main job; the target is < 60 s on 2 cores).

Thread count: numpy/BLAS play no part here; timings are single-process wall clock.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import pandas as pd


def median_time(fn: Callable[[], object], repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def plain_pandas_gdp() -> pd.DataFrame:
    from revitalize.data.catalogue import files_dir

    with files_dir().joinpath("gdp.csv").open("rb") as fh:
        df = pd.read_csv(fh, dtype={"region": str, "period": str})
    df = df[df.vintage == "first_release"]
    df = df[df.region.isin(["210000", "220000", "230000"]) & (df.indicator == "gdp")]
    years = df.period.str.fullmatch(r"\d{4}") & df.period.astype(str).between("2015", "2024")
    df = df[years]
    tot = df.groupby("period", as_index=False)["value"].sum().assign(region="northeast")
    return pd.concat([df, tot])


def ours_gdp(cold: bool) -> pd.DataFrame:
    from revitalize.data import loaders

    if cold:
        loaders._read_curated.cache_clear()
    return loaders.load("gdp", regions="northeast", periods="2015:2024", indicators="gdp")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    r = args.repeat
    rows = []

    anchor = median_time(plain_pandas_gdp, r)
    cold = median_time(lambda: ours_gdp(cold=True), r)
    warm = median_time(lambda: ours_gdp(cold=False), r)
    rows.append(("load gdp northeast 2015:2024 (cold)", cold, "plain pandas", anchor))
    rows.append(("load gdp northeast 2015:2024 (cached)", warm, "plain pandas", anchor))

    exe = Path(sys.executable).parent / "revitalize"
    cli = median_time(lambda: subprocess.run(
        [str(exe), "data", "show", "gdp", "-r", "northeast", "-p", "2023H1", "-i", "gdp"],
        check=True, capture_output=True), r)
    bare = median_time(lambda: subprocess.run(
        [sys.executable, "-c", "import pandas"], check=True, capture_output=True), r)
    rows.append(("CLI data show (new process)", cli, "python -c 'import pandas'", bare))

    from revitalize.report.render import build_report

    with tempfile.TemporaryDirectory() as d:
        rep = median_time(lambda: build_report(Path(d) / "r.html", lang="zh"), max(1, r // 2))
    rows.append(("build_report (main job)", rep, "target", 60.0))

    print(f"{'case':<42}{'ours [s]':>10}  {'anchor':<28}{'anchor [s]':>11}{'ratio':>8}")
    for name, ours, aname, a in rows:
        print(f"{name:<42}{ours:>10.4f}  {aname:<28}{a:>11.4f}{ours / a:>8.2f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
