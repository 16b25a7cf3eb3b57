"""``revitalize monitor``: indicators, composite index, plan targets, peers."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from revitalize.cli._common import FORMAT_OPT, Format, emit, err, handle_errors

app = typer.Typer(
    help="Revitalization monitor: indicators by pillar, composite index with rank "
    "intervals, plan targets, peers and disparities.",
    no_args_is_help=True,
)

YEAR_OPT = typer.Option(2023, "--year", "-y", help="Year.")
WINDOW_OPT = typer.Option(10, "--window", help="Years of the panel ending in --year "
                          "(normalisation and 'previous' imputation use the whole panel).")
SOURCE = "revitalize.indicators on the bundled datasets (gdp, population, rd_innovation, " \
    "power, co2, grain)"


#: short pillar headers for the table view
SHORT = {"economy": "econ", "innovation": "innov", "emerging": "emerg", "agriculture": "agri",
         "energy": "enrg", "openness": "open", "population": "pop", "ecology": "ecol"}


def _name(code: str) -> str:
    from revitalize import regions

    return regions.resolve(code).name_en


def _abbr(code: str) -> str:
    from revitalize import regions

    return regions.resolve(code).abbr or code


def _rounded(df: pd.DataFrame, decimals: int = 1) -> pd.DataFrame:
    """A copy for the table view with floats rounded (csv/json keep full precision)."""
    out = df.copy()
    for c in out.columns:
        if pd.api.types.is_float_dtype(out[c]):
            out[c] = out[c].round(decimals)
    return out


def _panel(year: int, window: int) -> pd.DataFrame:
    from revitalize.exceptions import InputError
    from revitalize.indicators import indicator_values

    if window < 1:
        raise InputError(f"--window {window}.", "Give at least one year.")
    with err.status("Computing indicators ..."):
        v = indicator_values(years=(year - window + 1, year))
    if v.empty or not (v["year"] == year).any():
        raise InputError(f"No indicator values in {year}.", "Choose a year from 2000 to 2024.")
    return v


@app.command("indicators")
@handle_errors
def indicators_cmd(fmt: Format = FORMAT_OPT) -> None:
    """List the indicator catalogue (pillar, unit, direction, formula, data status)."""
    from revitalize.indicators import indicator_table

    df = indicator_table()
    emit(df, fmt, title="Indicators", table_columns={
        "indicator": "indicator", "pillar": "pillar", "en": "name", "unit": "unit",
        "direction": "better", "status": "status", "source": "source"})


@app.command("index")
@handle_errors
def index_cmd(
    year: int = YEAR_OPT,
    region: str = typer.Option("all", "--region", "-r",
                               help="Regions to show (all, northeast, LN, ...)."),
    normalisation: str = typer.Option("minmax", "--normalisation",
                                      help="minmax, zscore, rank or frontier."),
    aggregation: str = typer.Option("arithmetic", "--aggregation",
                                    help="arithmetic or geometric."),
    imputation: str = typer.Option("previous", "--imputation",
                                   help="none, mean, median or previous (last value "
                                   "carried forward)."),
    draws: int = typer.Option(1000, "--draws", help="Monte Carlo draws for the rank "
                              "interval (0: none)."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    window: int = WINDOW_OPT,
    fmt: Format = FORMAT_OPT,
) -> None:
    """Composite index by province and pillar, with the 5-95 % rank interval."""
    from revitalize import regions
    from revitalize.indicators import PILLARS, composite_index, monte_carlo

    v = _panel(year, window)
    res = composite_index(v, imputation=imputation, normalisation=normalisation,
                          aggregation=aggregation)
    df = res.index.xs(year, level="year").join(res.pillars.xs(year, level="year"))
    df = df.reset_index().rename(columns={"score": "index"})
    if draws > 0:
        with err.status(f"Monte Carlo, {draws} draws ..."):
            mc = monte_carlo(v, n=draws, seed=seed)
        s = mc.summary[mc.summary["year"] == year].set_index("region")
        df = df.join(s[["rank_p05", "rank_median", "rank_p95"]], on="region")
    if region != "all":
        keep = {r.code for r in regions.expand(region)}
        df = df[df["region"].isin(keep)]
    df.insert(1, "name", df["region"].map(_name))
    df.insert(2, "year", year)
    df = df.sort_values("rank", kind="stable")
    pill = [p for p in PILLARS if p in df.columns]
    show = _rounded(df, 0)
    show["abbr"] = show["region"].map(_abbr)
    tcols = {"abbr": "", "index": "index", "rank": "rank"}
    if draws > 0:
        show["interval"] = [f"{a:.0f}-{b:.0f}" for a, b in zip(df["rank_p05"], df["rank_p95"],
                                                                strict=True)]
        tcols |= {"interval": "5-95%"}
    tcols |= {p: SHORT.get(p, p[:3]) for p in pill}
    if fmt != Format.table:
        show = df
    emit(show, fmt, title=f"Revitalization index {year} (0-100, {normalisation}, "
         f"{aggregation}; pillars equal weight)", table_columns=tcols,
         footer=[f"Rank interval: {draws} Monte Carlo draws over imputation, normalisation, "
                 "aggregation and pillar weights (seed {seed}).".replace("{seed}", str(seed))
                 if draws else "",
                 "Pillars without data in the panel: "
                 + (", ".join(p for p in PILLARS if p not in pill) or "none") + ".",
                 f"Source: {SOURCE}.", *res.notes[:3]])


@app.command("targets")
@handle_errors
def targets_cmd(
    region: str = typer.Option("national", "--region", "-r",
                               help="national, or a province: its targets and the "
                               "national targets as a reference."),
    file: Path | None = typer.Option(
        None, "--file", "-f", exists=True, dir_okay=False, readable=True,
        help="TOML file of further targets (e.g. a province's plan outline), laid out "
        "as the bundled targets.toml; every entry needs a citation."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """Plan targets: latest value, gap, required vs achieved pace, traffic light."""
    from revitalize.indicators import read_targets, track

    reg = None if region.lower() in ("national", "china", "cn", "100000", "全国") else region
    df = track(reg, targets=read_targets(file) if file is not None else None)
    if reg is None:
        df = df[df["region"] == "100000"]
    show = _rounded(df, 2) if fmt == Format.table else df
    if fmt == Format.table:
        show["target"] = [f"{t.replace('cn14_', '')} ({y})" for t, y in
                          zip(show["target"], show["target_year"], strict=True)]
        show["latest_year"] = show["latest_year"].map(lambda y: "" if pd.isna(y) else f"{y:.0f}")
    emit(show, fmt, title=f"Plan targets (14th Five-Year Plan), {region}", table_columns={
        "target": "target (by)", "target_value": "goal",
        "latest_year": "yr", "latest_value": "now",
        "pace_required": "need/yr", "pace_achieved": "done/yr", "light": "light"},
        footer=[("Targets of " + str(file) + " included. " if file is not None else "")
                + "Provincial 14th FYP targets are not bundled; add them with --file "
                "(see docs/indicators.md).",
                "Citations: --format csv or json (column citation)."])


@app.command("peers")
@handle_errors
def peers_cmd(
    region: str = typer.Option(..., "--region", "-r", help="A province."),
    year: int = typer.Option(2019, "--year", "-y", help="Year (2019: the latest year "
                             "with CO2 data)."),
    k: int = typer.Option(5, "--k", help="Number of peers."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """The k provinces most similar on the normalised indicators."""
    from revitalize.indicators import nearest_peers

    df = nearest_peers(region, year, k)
    df.insert(2, "peer_name", df["peer"].map(_name))
    emit(df, fmt, title=f"Provinces most similar to {_name(df['region'].iloc[0])} in {year}"
         if len(df) else "Peers", table_columns={"rank": "#", "peer_name": "peer",
                                                  "distance": "distance"},
         footer=["Distance: root mean squared difference of min-max normalised indicators."])


@app.command("disparities")
@handle_errors
def disparities_cmd(
    group: str = typer.Option("northeast", "--group", "-g", help="Group of regions."),
    year: int = typer.Option(2019, "--year", "-y", help="Year."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """Coefficient of variation and Theil index of each indicator within a group."""
    from revitalize.indicators import disparities

    df = disparities(year, group)
    show = _rounded(df, 3) if fmt == Format.table else df
    emit(show, fmt, title=f"Disparities within {group}, {year}", table_columns={
        "indicator": "indicator", "mean": "mean", "cv": "CV", "theil": "Theil"})


@app.command("sensitivity")
@handle_errors
def sensitivity_cmd(
    year: int = YEAR_OPT,
    n: int = typer.Option(512, "--n", help="Base sample size (power of two)."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    window: int = WINDOW_OPT,
    fmt: Format = FORMAT_OPT,
) -> None:
    """Sobol indices of the provinces' ranks to each modelling choice."""
    from revitalize.indicators import rank_sensitivity

    v = _panel(year, window)
    res = rank_sensitivity(v, n=n, seed=seed, year=year)
    df = pd.DataFrame({"factor": res.first.index, "first_order": res.first.to_numpy(),
                       "total": res.total.to_numpy(), "year": year})
    emit(_rounded(df, 3) if fmt == Format.table else df, fmt,
         title=f"Sensitivity of the {year} ranks (Sobol indices, N = {res.n})")
