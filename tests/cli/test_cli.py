"""The command line: output formats, exit codes, errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from revitalize.cli import app

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    r = runner.invoke(app, list(args))
    return r.exit_code, r.stdout, r.stderr


def test_help_lists_groups() -> None:
    code, out, _ = run("--help")
    assert code == 0
    for group in ("regions", "data", "report"):
        assert group in out


def test_data_show_northeast_h1_2023_table() -> None:
    code, out, _ = run(
        "data", "show", "gdp", "--region", "northeast", "--period", "2023H1", "--indicator", "gdp"
    )
    assert code == 0
    for text in (
        "Liaoning",
        "Jilin",
        "Heilongjiang",
        "13,998.1",
        "6,147.11",
        "6,604.8",
        "26,750",
        "Source",
    ):
        assert text in out


def test_data_show_csv_columns_and_total() -> None:
    code, out, _ = run(
        "data", "show", "gdp", "-r", "northeast", "-p", "2023H1", "-i", "gdp", "--format", "csv"
    )
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"region": str})
    assert list(df.columns) == ["region", "indicator", "period", "value", "unit", "source"]
    vals = df.set_index("region")["value"]
    assert vals["northeast"] == pytest.approx(26_750.0, abs=0.05)
    assert vals[["210000", "220000", "230000"]].sum() == pytest.approx(vals["northeast"])
    assert set(df["unit"]) == {"CNY 100m"}
    assert df["source"].str.len().min() > 5


def test_data_show_json() -> None:
    code, out, _ = run(
        "data", "show", "gdp", "-r", "黑龙江", "-p", "2023", "-i", "gdp", "-f", "json"
    )
    assert code == 0
    recs = json.loads(out)
    assert recs[0]["region"] == "230000" and recs[0]["value"] == pytest.approx(15_883.9)


def test_data_show_converts_units() -> None:
    code, out, _ = run(
        "data",
        "show",
        "gdp",
        "-r",
        "northeast",
        "-p",
        "2023H1",
        "-i",
        "gdp",
        "--unit",
        "万亿元",
        "-f",
        "csv",
    )
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"region": str}).set_index("region")
    assert df.loc["northeast", "value"] == pytest.approx(2.675, abs=1e-5)
    assert df.loc["northeast", "unit"] == "CNY tn"
    code, _, err = run("data", "show", "gdp", "-p", "2023H1", "-i", "gdp", "--unit", "MW")
    assert code == 2 and "Cannot convert" in err


def test_unknown_region_exit_2_with_suggestions() -> None:
    code, out, err = run("data", "show", "gdp", "--region", "Heilongjang")
    assert code == 2
    assert "Unknown region 'Heilongjang'" in err and "Heilongjiang" in err
    assert "Traceback" not in out + err


def test_bad_period_exit_2() -> None:
    code, _, err = run("data", "show", "gdp", "--period", "2023Q7")
    assert code == 2 and "Cannot parse period '2023Q7'" in err


def test_unknown_dataset_exit_2() -> None:
    code, _, err = run("data", "show", "gpd")
    assert code == 2 and "gdp" in err


def test_regions_commands() -> None:
    code, out, _ = run("regions", "list", "--level", "prefecture", "-f", "csv")
    assert code == 0 and len(pd.read_csv(io.StringIO(out))) == 41
    code, out, _ = run("regions", "show", "CN-HL")
    assert code == 0 and "230000" in out and "Harbin" in out
    code, out, _ = run("regions", "show", "northeast4")
    assert code == 0 and "Chifeng" in out


def test_data_list_shows_origin_and_licence() -> None:
    code, out, _ = run("data", "list", "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out))
    assert {"gdp", "power", "population"} <= set(df["id"])
    assert df["licence"].notna().all() and df["origin"].notna().all()


@pytest.mark.parametrize("suffix", [".csv", ".parquet", ".xlsx"])
def test_export(tmp_path: Path, suffix: str) -> None:
    target = tmp_path / f"ne{suffix}"
    code, _, _ = run(
        "data", "export", "gdp", "-r", "northeast", "-p", "2020:2023", "-o", str(target)
    )
    assert code == 0
    df = {".csv": pd.read_csv, ".parquet": pd.read_parquet, ".xlsx": pd.read_excel}[suffix](target)
    assert {"region", "indicator", "period", "value", "unit", "source"} <= set(df.columns)
    assert len(df) > 0


def test_import_then_show_and_errors(tmp_path: Path) -> None:
    good = tmp_path / "fai.csv"
    good.write_text("地区,2022,2023\n辽宁,3.6,3.9\n吉林,-47.6,0.3\n", encoding="utf-8")
    code, out, _ = run(
        "data", "import", str(good), "--dataset", "fai", "--indicator", "fai_growth", "--unit", "%"
    )
    assert code == 0 and "Imported 4 values" in out
    code, out, _ = run("data", "show", "fai", "-r", "LN", "-f", "csv")
    assert code == 0 and "3.9" in out
    bad = tmp_path / "bad.csv"
    bad.write_text("region,indicator,period,value,unit\nLN,x,2023,1,furlongs\n", encoding="utf-8")
    code, _, err = run("data", "import", str(bad), "--dataset", "bad")
    assert code == 2 and "bad.csv, row 2, column 'unit'" in err
    code, out, _ = run("data", "list", "-f", "csv")
    assert "fai" in out and ",bad," not in out


def test_data_info_lists_indicators_with_units() -> None:
    code, out, _ = run("data", "info", "gdp", "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out)).set_index("indicator")
    assert df.loc["gdp", "unit"] == "CNY 100m"
    assert df.loc["gdp_primary", "parts_of"] == "gdp"
    code, out, _ = run("data", "info", "co2", "-f", "json")
    entry = json.loads(out)
    assert code == 0 and "CEADs" in entry["origin"] and entry["licence"]
    code, _, err = run("data", "info", "gdpp")
    assert code == 2 and "gdp" in err
