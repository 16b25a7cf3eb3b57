"""The `revitalize complexity` commands."""

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


def test_eci_prefectures_2020_as_csv_states_resolution() -> None:
    code, out, _ = run("complexity", "eci", "--level", "prefecture", "--year", "2020",
                       "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"region": str})
    assert len(df) > 300
    assert df["eci"].mean() == __import__("pytest").approx(0.0, abs=1e-9)
    assert set(df["resolution"]) == {"prefecture x GB/T 4754-2017 section (19 of 20, T dropped)"}
    assert {"220100", "210100", "230100"} <= set(df["region"])


def test_eci_region_filter_selects_prefectures_of_a_province() -> None:
    code, out, _ = run("complexity", "eci", "--level", "prefecture", "--region", "吉林",
                       "-f", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 9 and all(r["region"].startswith("22") for r in rows)


def test_eci_table_caption_names_resolution_and_derived_years() -> None:
    code, out, _ = run("complexity", "eci", "--source", "fai", "--region", "northeast")
    assert code == 0
    assert "Resolution: province x GB/T 4754-2017 section" in out
    assert "derived from growth rates" in out


def test_opportunities_for_jilin() -> None:
    code, out, _ = run("complexity", "opportunities", "--region", "吉林", "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"region": str})
    assert set(df["region"]) == {"220000"}
    assert df["score"].is_monotonic_decreasing
    assert (df["rca"] < 1).all()  # only activities not yet present
    assert df["resolution"].str.contains("section").all()
    code, out, _ = run("complexity", "opportunities", "--region", "吉林", "--lang", "zh")
    assert code == 0 and "分辨率" in out


def test_opportunities_for_a_prefecture_uses_prefecture_level() -> None:
    code, out, _ = run("complexity", "opportunities", "--region", "长春", "--top", "3",
                       "-f", "json")
    assert code == 0
    rows = json.loads(out)
    assert len(rows) == 3 and rows[0]["region"] == "220100"
    assert rows[0]["resolution"].startswith("prefecture")


def test_rca_and_sei() -> None:
    code, out, _ = run("complexity", "rca", "--region", "LN", "-f", "csv")
    assert code == 0
    df = pd.read_csv(io.StringIO(out), dtype={"region": str})
    assert set(df["region"]) == {"210000"} and set(df["mcp"]) <= {0, 1}
    assert ((df["rca"] >= 1) == (df["mcp"] == 1)).all()
    code, out, _ = run("complexity", "sei", "-f", "json")
    rows = json.loads(out)
    assert len(rows) == 9 and not any(r["separable"] for r in rows)


def test_bad_input_exits_2() -> None:
    code, _, err = run("complexity", "eci", "--level", "county")
    assert code == 2 and "no 'county' level" in err
    code, _, err = run("complexity", "eci", "--year", "1999")
    assert code == 2 and "Available years" in err
    code, _, err = run("complexity", "eci", "--threshold", "1000")
    assert code == 2 and "threshold" in err
    code, _, err = run("complexity", "opportunities", "--region", "Atlantis")
    assert code == 2


def test_robustness_report_is_seeded() -> None:
    args = ("complexity", "robustness", "--source", "employment", "--boot", "10", "--seed",
            "3", "-f", "csv")
    code, out, _ = run(*args)
    assert code == 0
    df = pd.read_csv(io.StringIO(out))
    assert set(df["time"]) == {2010, 2020}
    assert "eci_vs_next_year" in set(df["check"])
    assert df["value"].between(-1, 1).all()
    assert run(*args)[1] == out


def test_users_own_table_from_the_cli(tmp_path: Path) -> None:
    f = tmp_path / "yearbook.csv"
    f.write_text(
        # a connected presence network (each province shares an industry with another)
        "地区,C13,C26,C36,C39\n辽宁,237,256,377,475\n吉林,18,72,411,474\n"
        "黑龙江,125,156,434,212\n广东,137,414,129,205\n江苏,322,275,43,14\n",
        encoding="utf-8",
    )
    res = "province x 4 industries (test yearbook)"
    r = runner.invoke(app, ["complexity", "eci", "--file", str(f), "--resolution", res,
                            "-f", "csv"])
    assert r.exit_code == 0, r.stderr
    df = pd.read_csv(io.StringIO(r.stdout), dtype={"region": str})
    assert set(df["region"]) == {"210000", "220000", "230000", "440000", "320000"}
    assert (df["resolution"] == res).all()
    r = runner.invoke(app, ["complexity", "opportunities", "--region", "吉林", "--file", str(f),
                            "--resolution", res, "-f", "csv"])
    assert r.exit_code == 0, r.stderr
    opp = pd.read_csv(io.StringIO(r.stdout), dtype={"region": str})
    assert set(opp["activity"]) <= {"C13", "C26", "C36", "C39"} and len(opp) > 0
    f.write_text("地区,C13\n辽宁,-1\n", encoding="utf-8")  # a negative value: exit 2
    r = runner.invoke(app, ["complexity", "eci", "--file", str(f)])
    assert r.exit_code == 2 and "negative" in r.stderr.lower()
