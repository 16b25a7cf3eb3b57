"""``revitalize population``: cohort-component projections, backcast, life tables."""

from __future__ import annotations

import numpy as np
import pandas as pd
import typer

from revitalize.cli._common import FORMAT_OPT, Format, emit, handle_errors

app = typer.Typer(
    help="Population and talent: projections by scenario, backcast, life tables.",
    no_args_is_help=True,
)

REGION_OPT = typer.Option("northeast", "--region", "-r",
                          help="Provinces, NE prefectures or groups: LN, northeast, "
                          "Harbin, 辽宁 ...")
SOURCE = "NBS census 2020; UN WPP 2024; revitalize cohort-component projection"
COLUMNS = ["region", "name", "year", "fertility", "migration", "indicator", "value", "unit",
           "source"]
UNITS = {"population": "persons", "aged_0_14": "persons", "aged_15_64": "persons",
         "aged_65_plus": "persons", "young_dependency": "per 100 aged 15-64",
         "old_dependency": "per 100 aged 15-64", "total_dependency": "per 100 aged 15-64",
         "labour_supply": "persons"}


def _name(code: str) -> str:
    from revitalize import regions

    return regions.resolve(code).name_en


def summary_frame(region: str, to: int, fertility: str, migration: str) -> pd.DataFrame:
    """Tidy yearly summary of one scenario: totals, age groups, dependency, labour."""
    from revitalize.population.labour import calibrate_employment_rates, labour_supply
    from revitalize.population.model import project, summarise
    from revitalize.population.rates import employment_ratio

    p = project(region, to=to, fertility=fertility, migration=migration)
    s = summarise(p.population)
    rates = np.stack([calibrate_employment_rates(p.population[0, i], employment_ratio(c))
                      for i, c in enumerate(p.regions)])
    s["labour_supply"] = labour_supply(p.population, rates)
    rows = [
        {"region": c, "name": _name(c), "year": y, "fertility": fertility,
         "migration": migration, "indicator": ind, "value": float(v[t, i]),
         "unit": UNITS[ind], "source": SOURCE}
        for ind, v in s.items() for t, y in enumerate(p.years) for i, c in enumerate(p.regions)
    ]
    return pd.DataFrame(rows, columns=COLUMNS)


@app.command()
@handle_errors
def project(
    region: str = REGION_OPT,
    scenario: str = typer.Option("outflow-continues", "--scenario", "-s",
                                 help="Migration: outflow-continues, outflow-stops, inflow."),
    fertility: str = typer.Option("central", "--fertility", help="low, central or high."),
    to: int = typer.Option(2035, "--to", help="End year: 2025, 2030, ..., 2095."),
    by_age: bool = typer.Option(False, "--by-age", help="Population by sex and age instead."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """Project the population from the 2020 census under a scenario."""
    if by_age:
        from revitalize.population.model import project as run

        df = run(region, to=to, fertility=fertility, migration=scenario).frame()
        df["source"] = SOURCE
        emit(df, fmt, title=f"Population by sex and age, {scenario}, fertility {fertility}")
        return
    df = summary_frame(region, to, fertility, scenario)
    if fmt == Format.table:
        df = df[df["indicator"].isin(["population", "aged_15_64", "aged_65_plus",
                                      "old_dependency", "labour_supply"])]
        wide = df.pivot_table(index=["name", "year"], columns="indicator", values="value",
                              sort=False).reset_index()
        for c in ("population", "aged_15_64", "aged_65_plus", "labour_supply"):
            wide[c] = (wide[c] / 1e4).round(1)
        wide["old_dependency"] = wide["old_dependency"].round(1)
        heads = {"name": "region", "year": "year", "population": "pop. (10k)",
                 "aged_15_64": "15-64", "aged_65_plus": "65+",
                 "labour_supply": "employed", "old_dependency": "old dep."}
        emit(wide, fmt, title=f"Projection from the 2020 census: migration {scenario}, "
             f"fertility {fertility}", table_columns=heads,
             footer=["Persons in 10k; old dep. = 65+ per 100 aged 15-64; employed = labour "
                     "supply at census employment rates; year t = 1 November of t.",
                     "Source: " + SOURCE])
        return
    emit(df, fmt)


@app.command()
@handle_errors
def backcast(fmt: Format = FORMAT_OPT) -> None:
    """Project 2020 -> end of 2024 and compare with the reported population."""
    from revitalize.population.validation import backcast as run

    df = run()
    df.insert(1, "name", df["region"].map(_name))
    df["error_pct"] = df["error_pct"].round(2)
    df["unit"] = "persons"
    df["source"] = "NBS census 2020 and year-end population 2024; revitalize projection"
    emit(df, fmt, title="Backcast 2020 census -> 31 Dec 2024 vs NBS year-end population",
         table_columns={"name": "region", "migration": "migration",
                        "projected_2024": "projected", "reported_2024": "reported",
                        "error_pct": "error %"})


@app.command()
@handle_errors
def lifetable(
    sex: str = typer.Option("female", "--sex", help="male or female."),
    period: str = typer.Option("2020-2025", "--period", help="WPP period, e.g. 2020-2025."),
    region: str = typer.Option("national", "--region", "-r",
                               help="national, or a province (scaled mortality)."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """Abridged life table from WPP 2024 death rates (optionally a province's)."""
    from revitalize.exceptions import InputError
    from revitalize.population.ages import LT_AGES
    from revitalize.population.lifetable import life_table
    from revitalize.population.rates import mortality_ratio, national_rates

    if sex not in ("male", "female"):
        raise InputError(f"Unknown sex {sex!r}.", "Use male or female.")
    nat = national_rates()
    if period not in nat.mx:
        raise InputError(f"WPP 2024 has no period {period!r}.",
                         "Use five-year periods such as 2015-2020 or 2020-2025.")
    k, code = 1.0, "100000"
    if region.lower() not in ("national", "china", "100000", "全国"):
        from revitalize import regions

        code = regions.resolve(region).code
        k = mortality_ratio(code)
    i = 0 if sex == "male" else 1
    lt = life_table(k * nat.mx[period][i], sex == "female")
    df = pd.DataFrame({
        "region": code, "sex": sex, "period": period, "age": list(LT_AGES),
        "nmx": lt.nmx, "nax": lt.nax, "nqx": lt.nqx, "lx": lt.lx, "ndx": lt.ndx,
        "nLx": lt.nLx, "Tx": lt.Tx, "ex": lt.ex,
        "source": "UN WPP 2024 m(x)" + ("" if k == 1.0 else f" x {k:.3f} (census 2010)"),
    })
    emit(df, fmt, title=f"Life table, {sex}, {period} (e0 = {lt.ex[0]:.2f})",
         table_columns={c: c for c in ("age", "nmx", "nqx", "lx", "nLx", "ex")})


@app.command()
@handle_errors
def uncertainty(
    region: str = REGION_OPT,
    scenario: str = typer.Option("outflow-continues", "--scenario", "-s",
                                 help="Central migration scenario of the draws."),
    to: int = typer.Option(2050, "--to", help="End year."),
    draws: int = typer.Option(1000, "--draws", help="Number of draws."),
    seed: int = typer.Option(0, "--seed", help="Random seed."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """Probabilistic projection: 10th, 50th and 90th percentiles of population."""
    from revitalize.population.model import BASE_YEAR, project_probabilistic, province_codes

    out = project_probabilistic(region, to=to, draws=draws, migration=scenario, seed=seed)
    pop = out["population"]
    codes = province_codes(region)
    rows = []
    for ind, arr in (("population", pop.sum(axis=(-1, -2))),
                     ("aged_15_64", pop[..., 3:13].sum(axis=(-1, -2)))):
        q = np.percentile(arr, [10, 50, 90], axis=1)  # (3, steps+1, regions)
        for t in range(arr.shape[0]):
            for i, c in enumerate(codes):
                rows.append({"region": c, "name": _name(c), "year": BASE_YEAR + 5 * t,
                             "indicator": ind, "p10": round(q[0, t, i]),
                             "p50": round(q[1, t, i]), "p90": round(q[2, t, i]),
                             "unit": "persons", "draws": draws})
    df = pd.DataFrame(rows)
    emit(df, fmt, title=f"Probabilistic projection ({draws} draws, seed {seed})",
         table_columns={"name": "region", "year": "year", "indicator": "indicator",
                        "p10": "p10", "p50": "p50", "p90": "p90"})
