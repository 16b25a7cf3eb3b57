"""The `revitalize energy` commands (coarse resolution keeps them fast)."""

from __future__ import annotations

import io

import pandas as pd
import pytest
from typer.testing import CliRunner

from revitalize.cli import app

pytest.importorskip("pypsa")
runner = CliRunner()


def test_backcast_2023_compares_with_reported_generation() -> None:
    r = runner.invoke(
        app,
        [
            "energy",
            "backcast",
            "--year",
            "2023",
            "--resolution",
            "24h",
            "--save",
            "bc",
            "-f",
            "csv",
        ],
    )
    assert r.exit_code == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout), dtype={"region": str})
    assert {"region", "source", "modelled_twh", "reported_twh"} <= set(df.columns)
    ln = df[df.region == "210000"].set_index("source")
    # reported (NBS via CREA): Liaoning 2023 hydro 3.19 TWh is dispatched as available
    assert ln.loc["hydro", "reported_twh"] == pytest.approx(3.19)
    assert ln.loc["thermal", "modelled_twh"] > 0
    assert set(df["region"]) >= {"210000", "220000", "230000", "mengdong"}
    # the run is stored: model results and the comparison with statistics
    r = runner.invoke(app, ["data", "runs", "--show", "bc", "-f", "csv"])
    assert r.exit_code == 0, r.stderr
    run = pd.read_csv(io.StringIO(r.stdout), dtype={"region": str})
    assert {"generation", "backcast_reported", "backcast_modelled"} <= set(run["indicator"])
    stored = run[(run.indicator == "backcast_reported") & (run.region == "210000")]
    assert stored.set_index("carrier").loc["hydro", "value"] == pytest.approx(3.19)


def test_plan_with_a_cap_and_a_bad_year() -> None:
    r = runner.invoke(
        app,
        [
            "energy",
            "plan",
            "--year",
            "2035",
            "--co2-cap",
            "300",
            "--resolution",
            "24h",
            "-f",
            "csv",
        ],
    )
    assert r.exit_code == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout), dtype={"region": str})
    emis = df[df.indicator.str.contains("emission")]["value"].sum()
    assert 0 < emis <= 300e6 * 1.0001
    r = runner.invoke(app, ["energy", "backcast", "--year", "1990", "--resolution", "24h"])
    assert r.exit_code == 2 and "1990" in r.stderr
    r = runner.invoke(app, ["energy", "plan", "--method", "barrier"])
    assert r.exit_code == 2 and "barrier" in r.stderr and "ipm" in r.stderr


def test_plan_saved_as_a_run() -> None:
    r = runner.invoke(
        app,
        [
            "energy",
            "plan",
            "--year",
            "2030",
            "--resolution",
            "typical:6",
            "--save",
            "p2030",
            "-f",
            "json",
        ],
    )
    assert r.exit_code == 0, r.stderr
    r = runner.invoke(app, ["data", "runs", "-f", "csv"])
    assert r.exit_code == 0 and "p2030" in r.stdout and "energy_plan" in r.stdout
    r = runner.invoke(app, ["data", "runs", "--show", "p2030", "-f", "csv"])
    df = pd.read_csv(io.StringIO(r.stdout))
    assert {"capacity", "generation", "emissions"} <= set(df["indicator"])
