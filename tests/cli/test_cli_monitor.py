"""`revitalize monitor` commands."""

from __future__ import annotations

import io
import json

import pandas as pd
from typer.testing import CliRunner

from revitalize.cli import app

runner = CliRunner()


def test_index_json_has_rank_intervals() -> None:
    res = runner.invoke(app, ["monitor", "index", "--year", "2023", "--region", "northeast",
                              "--draws", "200", "--format", "json"])
    assert res.exit_code == 0, res.output
    rows = json.loads(res.stdout)
    assert {r["region"] for r in rows} == {"210000", "220000", "230000"}
    for r in rows:
        assert r["rank_p05"] <= r["rank_median"] <= r["rank_p95"]
        assert 0 <= r["index"] <= 100 and r["year"] == 2023


def test_index_table_and_bad_option() -> None:
    res = runner.invoke(app, ["monitor", "index", "--year", "2022", "--draws", "50"])
    assert res.exit_code == 0 and "Revitalization index 2022" in res.output
    res = runner.invoke(app, ["monitor", "index", "--normalisation", "softmax"])
    assert res.exit_code == 2 and "softmax" in res.output


def test_targets_csv_has_citations() -> None:
    res = runner.invoke(app, ["monitor", "targets", "--region", "LN", "--format", "csv"])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(io.StringIO(res.stdout))
    assert set(df["region"].astype(str)) == {"210000"}
    assert df["citation"].str.contains("十四个五年规划").all()
    assert set(df["light"]) <= {"green", "amber", "red", "grey"}


def test_peers_and_unknown_region() -> None:
    res = runner.invoke(app, ["monitor", "peers", "--region", "JL", "--format", "csv"])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(io.StringIO(res.stdout))
    assert len(df) == 5 and "220000" not in set(df["peer"].astype(str))
    res = runner.invoke(app, ["monitor", "peers", "--region", "Atlantis"])
    assert res.exit_code == 2


def test_indicators_and_disparities() -> None:
    res = runner.invoke(app, ["monitor", "indicators", "--format", "json"])
    rows = json.loads(res.stdout)
    assert {r["status"] for r in rows} == {"ok", "no_data"}
    res = runner.invoke(app, ["monitor", "disparities", "--format", "csv"])
    assert res.exit_code == 0 and "theil" in res.stdout


def test_targets_with_a_users_file(tmp_path: object) -> None:
    from pathlib import Path

    f = Path(str(tmp_path)) / "plan.toml"
    f.write_text(
        '[[targets]]\nid = "fixture_jl_urban"\nregion = "JL"\nindicator = "urbanisation_rate"\n'
        'kind = "level"\nvalue = 70.0\nunit = "%"\nbase_year = 2020\ntarget_year = 2025\n'
        'document = "Fixture plan (test only)"\nissuer = "Test"\ndate = "2021"\n'
        'section = "Table 1"\n', encoding="utf-8")
    res = runner.invoke(app, ["monitor", "targets", "--region", "JL", "--file", str(f),
                              "--format", "csv"])
    assert res.exit_code == 0, res.output
    df = pd.read_csv(io.StringIO(res.stdout))
    row = df[df["target"] == "fixture_jl_urban"]
    assert len(row) == 1 and row["citation"].iloc[0].startswith("Fixture plan")
    assert (df["target"].str.startswith("cn14_")).sum() >= 1  # national references stay
    f.write_text(f.read_text(encoding="utf-8").replace('section = "Table 1"\n', ""),
                 encoding="utf-8")
    res = runner.invoke(app, ["monitor", "targets", "--region", "JL", "--file", str(f)])
    assert res.exit_code == 2 and "no citation" in res.output  # EXIT_INPUT
