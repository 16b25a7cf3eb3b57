"""The `revitalize io` commands."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
from typer.testing import CliRunner

from revitalize.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_sectors_lists_the_42_sector_classification() -> None:
    code, out, _ = run("io", "sectors", "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"sector": str})
    assert len(df) == 42 and df.loc[df.sector == "27", "name_en"].item() == "Construction"


def test_multipliers_for_a_province_as_tidy_csv() -> None:
    code, out, _ = run("io", "multipliers", "--region", "LN", "--year", "2020", "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"sector": str, "region": str})
    assert set(df["region"]) == {"210000"}
    assert {"output", "value_added", "income", "employment", "co2"} <= set(df["indicator"])
    out_m = df[df.indicator == "output"]["value"]
    assert len(out_m) == 42 and (out_m >= 1).all() and (out_m < 3).all()
    assert set(df.loc[df.indicator == "employment", "unit"]) == {"persons per million yuan"}


def test_multipliers_table_and_notes() -> None:
    code, out, _ = run("io", "multipliers", "-r", "national", "--top", "5")
    assert code == 0 and "Output" in out and "notes" in out


def test_linkages_json() -> None:
    code, out, _ = run("io", "linkages", "-r", "JL", "-f", "json")
    assert code == 0
    recs = json.loads(out)
    assert len(recs) == 42 and {r["class"] for r in recs} <= {"key", "backward", "forward", "weak"}


def test_extract_and_errors() -> None:
    code, out, _ = run("io", "extract", "-s", "Construction", "-r", "HL", "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"sector": str})
    assert df["loss"].sum() > 0
    code, _, err = run("io", "extract", "-s", "Constructoin", "-r", "HL")
    assert code == 2 and "Unknown sector" in err
    code, _, err = run("io", "multipliers", "-r", "Atlantis")
    assert code == 2 and "Unknown region" in err
    code, _, err = run("io", "multipliers", "-r", "Harbin")
    assert code == 2 and "not a province" in err


def test_impact_scenarios(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "table: {year: 2020}\nscenarios:\n"
        "  - name: jilin_equipment\n    region: JL\n    investment: 1.0e10\n"
        "    mix: {'19': 0.6, '16': 0.2, '27': 0.2}\n"
        "  - name: national\n    investment: 1.0e10\n",
        encoding="utf-8",
    )
    code, out, _ = run("io", "impact", str(spec), "-f", "csv")
    assert code == 0, out
    df = pd.read_csv(io.StringIO(out), dtype={"region": str})
    jl = df[df.scenario == "jilin_equipment"].set_index("measure")
    assert jl.loc["final_demand", "unit"] == "CNY 100m"
    assert 0 < jl.loc["final_demand", "value"] <= 100.0  # at most the 100 亿元 spent
    assert jl.loc["output", "value"] > jl.loc["final_demand", "value"]
    nat = df[df.scenario == "national"].set_index("measure")
    # a province keeps less of the chain than the nation does
    assert jl.loc["output", "per_unit_shock"] < nat.loc["output", "per_unit_shock"]
    bad = tmp_path / "bad.yaml"
    bad.write_text("scenarios:\n  - final_demand: {'99': 1}\n", encoding="utf-8")
    code, _, err = run("io", "impact", str(bad))
    assert code == 2 and "Unknown sector '99'" in err


def test_impact_on_the_mrio(tmp_path: Path) -> None:
    spec = tmp_path / "s.yaml"
    spec.write_text(
        "scenarios:\n  - name: jl\n    region: JL\n    investment: 1.0e10\n", encoding="utf-8"
    )
    code, out, _ = run("io", "impact", str(spec), "--mrio", "-f", "csv")
    assert code == 0, out
    df = pd.read_csv(io.StringIO(out), dtype={"region": str})
    outp = df[df.measure == "output"].set_index("region")["value"]
    assert {"210000", "220000", "230000"} <= set(outp.index)
    assert outp["220000"] > outp["210000"] > 0
    spec.write_text("scenarios:\n  - name: x\n    investment: 1.0e10\n", encoding="utf-8")
    code, _, err = run("io", "impact", str(spec), "--mrio")
    assert code == 2 and "region: LN, JL or HL" in err
