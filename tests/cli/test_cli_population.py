"""The `revitalize population` commands."""

from __future__ import annotations

import io
import json

import pandas as pd
from typer.testing import CliRunner

from revitalize.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_project_as_tidy_csv() -> None:
    code, out, _ = run("population", "project", "--region", "HL", "--scenario",
                       "outflow-continues", "--to", "2035", "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"region": str})
    assert set(df["region"]) == {"230000"}
    assert sorted(df["year"].unique()) == [2020, 2025, 2030, 2035]
    pop = df[df.indicator == "population"].set_index("year")["value"]
    assert pop[2020] == 31_850_088 and pop[2035] < pop[2020]
    assert {"unit", "source", "migration", "fertility"} <= set(df.columns)


def test_project_table_and_by_age_json() -> None:
    code, out, _ = run("population", "project", "-r", "northeast", "--to", "2030")
    assert code == 0 and "Liaoning" in out and "Heilongjiang" in out
    code, out, _ = run("population", "project", "-r", "吉林", "--to", "2025", "--by-age",
                       "-f", "json")
    rows = json.loads(out)
    assert code == 0 and len(rows) == 2 * 2 * 18
    assert {r["age"] for r in rows} >= {"0-4", "85+"}


def test_backcast_lists_every_province_and_scenario() -> None:
    code, out, _ = run("population", "backcast", "-f", "csv")
    df = pd.read_csv(io.StringIO(out))
    assert code == 0 and len(df) == 9 and df["error_pct"].abs().max() < 10


def test_lifetable_reproduces_wpp_e0() -> None:
    code, out, _ = run("population", "lifetable", "--sex", "female", "--period", "2015-2020",
                       "-f", "csv")
    df = pd.read_csv(io.StringIO(out))
    assert code == 0 and abs(df["ex"].iloc[0] - 80.40) < 0.1


def test_uncertainty_percentiles_are_ordered() -> None:
    code, out, _ = run("population", "uncertainty", "-r", "JL", "--draws", "100", "--to",
                       "2035", "-f", "csv")
    df = pd.read_csv(io.StringIO(out))
    assert code == 0 and (df["p10"] <= df["p50"]).all() and (df["p50"] <= df["p90"]).all()


def test_bad_input_exits_2_with_a_hint() -> None:
    code, _, err = run("population", "project", "--scenario", "exodus")
    assert code == 2 and "Use one of" in err
    code, _, err = run("population", "project", "--to", "2033")
    assert code == 2 and "five-year" in err
    code, _, err = run("population", "lifetable", "--period", "2021-2026")
    assert code == 2
