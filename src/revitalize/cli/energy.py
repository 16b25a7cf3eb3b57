"""``revitalize energy``: power-system backcast and planning on PyPSA + HiGHS."""

from __future__ import annotations

import contextlib

import pandas as pd
import typer

from revitalize.cli._common import FORMAT_OPT, Format, emit, err, handle_errors

app = typer.Typer(
    help="Power system of the Northeast on PyPSA: backcast and least-cost plans.",
    no_args_is_help=True,
)

RESOLUTION_OPT = typer.Option(
    "3h",
    "--resolution",
    help="Time resolution: 1h, 3h, 6h, 24h, or typical:N (N typical days; fastest).",
)
PLAN_RESOLUTION_OPT = typer.Option(
    "typical:24",
    "--resolution",
    help="typical:N (N typical days, default 24: ~3 s, cost within 0.1 % of 3-hourly), "
    "or 1h, 3h, 6h ... (3h: ~2 min).",
)
TIME_LIMIT_OPT = typer.Option(None, "--time-limit", help="Solver time limit in seconds.")
SAVE_OPT = typer.Option(None, "--save", help="Store the results as a named run in the local store.")


def _save(name: str | None, kind: str, params: dict[str, object], values: pd.DataFrame) -> None:
    if not name:
        return
    from revitalize.data import store

    n = store.write_run(name, kind, params, values, replace=True)
    err.print(f"Saved run [bold]{name}[/] ({n} values) in {store.store_path()}")


def _solver_output_to_stderr() -> contextlib.AbstractContextManager[None]:
    from revitalize.energy.run import solver_output_to_stderr

    return solver_output_to_stderr()


def _resolution(text: str) -> str | int:
    t = text.strip().lower()
    if t.endswith("h") and t[:-1].isdigit():
        return int(t[:-1])
    if t.isdigit():
        return int(t)
    return t


@app.command("backcast")
@handle_errors
def backcast(
    year: int = typer.Option(2023, "--year", "-y", help="Base year (fleet and load)."),
    resolution: str = RESOLUTION_OPT,
    time_limit: float = TIME_LIMIT_OPT,
    save: str = SAVE_OPT,
    fmt: Format = FORMAT_OPT,
) -> None:
    """Dispatch the base-year fleet and compare the generation mix with statistics.

    Example: revitalize energy backcast --year 2023 --save backcast2023
    """
    from revitalize.energy.results import tidy
    from revitalize.energy.run import backcast as run

    with (
        err.status(f"Dispatching the {year} fleet (PyPSA + HiGHS) ..."),
        _solver_output_to_stderr(),
    ):
        bc = run(year, _resolution(resolution), time_limit=time_limit)
    cmp = bc.comparison.reset_index()
    if save:
        compared = cmp.melt(
            id_vars=["region", "source"],
            value_vars=["modelled_twh", "reported_twh", "difference_twh"],
            var_name="indicator",
        ).rename(columns={"source": "carrier"})
        compared["indicator"] = "backcast_" + compared["indicator"].str.removesuffix("_twh")
        compared["unit"] = "TWh"
        values = pd.concat([tidy(bc.results), compared], ignore_index=True)
        _save(save, "energy_backcast", {"year": year, "resolution": resolution}, values)
    emit(
        cmp,
        fmt,
        title=f"Backcast {year}: modelled vs reported generation (TWh)",
        columns=list(cmp.columns),
        footer=[f"Note: {n}" for n in bc.notes]
        + [f"Solved in {bc.results.solve_seconds:.1f} s ({bc.results.status})."],
    )


@app.command("plan")
@handle_errors
def plan(
    year: int = typer.Option(2035, "--year", "-y", help="Planning year."),
    co2_cap: float = typer.Option(
        None, "--co2-cap", help="CO2 cap for the Northeast, Mt per year (none = no cap)."
    ),
    co2_price: float = typer.Option(None, "--co2-price", help="CO2 price per t instead."),
    reserve_margin: float = typer.Option(
        None, "--reserve-margin", help="Firm capacity above peak load, e.g. 0.15."
    ),
    resolution: str = PLAN_RESOLUTION_OPT,
    time_limit: float = TIME_LIMIT_OPT,
    method: str = typer.Option(
        "simplex", "--method",
        help="HiGHS algorithm: simplex (default) or ipm (interior point without crossover; "
        "use it for --resolution 1h, which takes about 45 minutes on 2 cores)."),
    save: str = SAVE_OPT,
    fmt: Format = FORMAT_OPT,
) -> None:
    """Least-cost capacity and dispatch for a year, with an optional CO2 cap.

    Example: revitalize energy plan --year 2035 --co2-cap 300 --resolution 6h
    """
    from revitalize.energy.results import tidy
    from revitalize.energy.run import plan as run

    cap_t = None if co2_cap is None else co2_cap * 1e6
    with (
        err.status(f"Optimising the {year} system (PyPSA + HiGHS) ..."),
        _solver_output_to_stderr(),
    ):
        res = run(
            year,
            cap_t,
            _resolution(resolution),
            co2_price=co2_price,
            reserve_margin=reserve_margin,
            time_limit=time_limit,
            method=method,
        )
    params = {
        "year": year,
        "co2_cap_mt": co2_cap,
        "co2_price": co2_price,
        "reserve_margin": reserve_margin,
        "resolution": resolution,
        "method": method,
    }
    _save(save, "energy_plan", params, tidy(res))
    if fmt != Format.table:
        emit(tidy(res), fmt)
        return
    cap = (res.capacity / 1e3).T  # carriers in rows, buses in columns
    cap.index.name = "carrier"
    emit(cap.reset_index(), fmt, title=f"Capacity {year}, GW (optimal)")
    gen = (res.generation / 1e6).T
    gen.index.name = "carrier"
    emit(gen.reset_index(), fmt, title=f"Generation {year}, TWh")
    summary = pd.DataFrame(
        {
            "indicator": [
                "emissions (Mt CO2)",
                "unserved energy (GWh)",
                f"system cost ({res.currency} bn)",
            ],
            "value": [
                res.emissions.sum() / 1e6,
                res.unserved.sum() / 1e3,
                float(res.system_cost.get("total", res.system_cost.sum())) / 1e9,
            ],
        }
    )
    emit(summary, fmt, title="System", footer=[f"Note: {n}" for n in res.notes])


@app.command("pathway")
@handle_errors
def pathway(
    years: str = typer.Option(
        "2025,2030,2035,2040,2045,2050,2055,2060", "--years", help="Periods, comma-separated."
    ),
    co2_caps: str = typer.Option(
        None, "--co2-caps", help="CO2 cap per period, Mt, comma-separated (same count)."
    ),
    resolution: str = PLAN_RESOLUTION_OPT,
    save: str = SAVE_OPT,
    fmt: Format = FORMAT_OPT,
) -> None:
    """Myopic pathway: each period plans from the previous one's optimum (retiring by age).

    Example: revitalize energy pathway --years 2030,2045,2060 --co2-caps 400,200,50
    """
    from revitalize.energy.results import tidy
    from revitalize.energy.run import pathway as run
    from revitalize.exceptions import InputError

    ys = [int(y) for y in years.split(",") if y.strip()]
    caps: list[float | None] = [None] * len(ys)
    if co2_caps:
        vals = [float(c) * 1e6 for c in co2_caps.split(",") if c.strip()]
        if len(vals) != len(ys):
            raise InputError(
                f"{len(vals)} CO2 caps for {len(ys)} periods.",
                "Give one cap per period in --co2-caps.",
            )
        caps = list(vals)
    with err.status(f"Optimising {len(ys)} periods ..."), _solver_output_to_stderr():
        res = run(ys, caps, resolution=_resolution(resolution))
    frames = [tidy(r).assign(period=str(y)) for y, r in res.periods.items()]
    out = pd.concat(frames, ignore_index=True)
    _save(
        save,
        "energy_pathway",
        {"years": ys, "co2_caps_mt": co2_caps, "resolution": resolution},
        out,
    )
    if fmt != Format.table:
        emit(out, fmt)
        return
    cap = (
        out[out.indicator == "capacity"].pivot_table(
            index="carrier", columns="period", values="value", aggfunc="sum"
        )
        / 1e3
    )
    emit(cap.reset_index(), fmt, title="Capacity path, GW (all buses)")
    em = out[out.indicator == "emissions"].groupby("period")["value"].sum() / 1e6
    emit(em.rename("Mt CO2").reset_index(), fmt, title="Emissions")
