"""Importing user files into the DuckDB store: validation, errors, atomicity."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest

from revitalize.data import store
from revitalize.data.importers import read_user_file
from revitalize.data.loaders import load
from revitalize.exceptions import (
    DuplicateKeyError,
    InputError,
    MalformedFileError,
    StoreError,
)

LONG = """region,indicator,period,value,unit,source
Liaoning,fai_growth,2023,3.9,%,test fixture
吉林,fai_growth,2023,0.3,%,test fixture
HL,fai_growth,2023,-14.8,%,test fixture
"""

WIDE = """地区,2021,2022年,2023
辽宁,"27,584.1","28,975.1","30,209.4"
吉林,13235.52,13070.24,13531.19
黑龙江,14879.2,15901.0,15883.9
"""


def _write(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    p = tmp_path / name
    p.write_text(text, encoding=encoding)
    return p


def _digest() -> str:
    return hashlib.sha256(store.store_path().read_bytes()).hexdigest()


def test_long_csv_round_trips_through_the_store(tmp_path: Path) -> None:
    df = read_user_file(_write(tmp_path, "fai.csv", LONG))
    assert list(df["region"]) == ["210000", "220000", "230000"]
    store.write_dataset("fai", df)
    got = load("fai", regions="northeast")
    assert got.loc[got.region == "230000", "value"].item() == -14.8
    # a percentage is not additive: no group total is formed
    assert "northeast" not in set(got["region"])


def test_wide_yearbook_table_in_gb18030(tmp_path: Path) -> None:
    p = _write(tmp_path, "gdp.csv", WIDE, encoding="gb18030")
    df = read_user_file(p, indicator="gdp_user", unit="亿元")
    assert len(df) == 9 and set(df["unit"]) == {"CNY 100m"}
    store.write_dataset("my_gdp", df)
    got = load("my_gdp", regions="northeast", periods="2022")
    total = got.loc[got.region == "northeast", "value"].item()
    assert total == pytest.approx(28_975.1 + 13_070.24 + 15_901.0)


def test_excel_import(tmp_path: Path) -> None:
    frame = pd.DataFrame({"地区": ["辽宁", "吉林"], "2023": [30209.4, 13531.19]})
    p = tmp_path / "gdp.xlsx"
    frame.to_excel(p, index=False)
    df = read_user_file(p, indicator="gdp_user", unit="CNY 100m")
    assert df.set_index("region")["value"].to_dict() == {"210000": 30209.4, "220000": 13531.19}


def test_wide_table_without_unit_asks_for_it(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--unit"):
        read_user_file(_write(tmp_path, "w.csv", WIDE), indicator="gdp_user")


def test_malformed_csv_names_file_row_and_column(tmp_path: Path) -> None:
    text = LONG + "Jilin,fai_growth,2022,1,%,x,extra\n"
    with pytest.raises(MalformedFileError) as info:
        read_user_file(_write(tmp_path, "bad.csv", text))
    e = info.value
    assert e.path.endswith("bad.csv") and e.row == 5 and e.column is not None
    assert "bad.csv, row 5" in str(e)


def test_non_numeric_value_names_row_and_column(tmp_path: Path) -> None:
    text = LONG.replace("0.3", "zero point three")
    with pytest.raises(MalformedFileError) as info:
        read_user_file(_write(tmp_path, "v.csv", text))
    assert (info.value.row, info.value.column) == (3, "value")


def test_unknown_unit(tmp_path: Path) -> None:
    text = LONG.replace("-14.8,%", "-14.8,percentish")
    with pytest.raises(MalformedFileError) as info:
        read_user_file(_write(tmp_path, "u.csv", text))
    assert "unknown unit 'percentish'" in str(info.value)
    assert (info.value.row, info.value.column) == (4, "unit")


def test_unit_of_wrong_kind_for_a_bundled_indicator(tmp_path: Path) -> None:
    text = "region,indicator,period,value,unit\nLiaoning,gdp,2023,30209.4,MW\n"
    with pytest.raises(InputError, match="bundled indicator"):
        read_user_file(_write(tmp_path, "g.csv", text))


def test_unknown_region_in_file_suggests(tmp_path: Path) -> None:
    text = LONG.replace("Liaoning", "Liaonig")
    with pytest.raises(MalformedFileError) as info:
        read_user_file(_write(tmp_path, "r.csv", text))
    assert info.value.row == 2 and "Liaoning" in str(info.value)


def test_duplicated_keys(tmp_path: Path) -> None:
    text = LONG + "辽宁省,fai_growth,2023,4.0,%,again\n"
    with pytest.raises(DuplicateKeyError) as info:
        read_user_file(_write(tmp_path, "d.csv", text))
    assert info.value.rows == [2, 5]


def test_period_that_does_not_parse(tmp_path: Path) -> None:
    text = LONG.replace("HL,fai_growth,2023", "HL,fai_growth,2023Q7")
    with pytest.raises(MalformedFileError) as info:
        read_user_file(_write(tmp_path, "p.csv", text))
    assert (info.value.row, info.value.column) == (4, "period")
    assert "2023Q7" in str(info.value)


def test_failed_import_leaves_store_byte_for_byte(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.write_dataset("fai", read_user_file(_write(tmp_path, "fai.csv", LONG)))
    before = _digest()
    values = load("fai")["value"].tolist()
    listing = sorted(p.name for p in store.store_path().parent.iterdir())

    # 1. a name clash is refused before anything is written
    with pytest.raises(InputError, match="--replace"):
        store.write_dataset("fai", read_user_file(_write(tmp_path, "f2.csv", LONG)))
    assert _digest() == before

    # 2. a failure in the middle of the transaction rolls everything back
    good = read_user_file(_write(tmp_path, "wide.csv", WIDE), indicator="gdp_user", unit="亿元")
    bad = good.copy()
    bad.loc[1, "region"] = None  # violates NOT NULL after the first rows were inserted
    with pytest.raises(StoreError):
        store.write_dataset("fai", bad, replace=True)
    assert _digest() == before
    assert sorted(p.name for p in store.store_path().parent.iterdir()) == listing
    assert load("fai")["value"].tolist() == values == [3.9, 0.3, -14.8]


def test_replace_and_delete(tmp_path: Path) -> None:
    store.write_dataset("fai", read_user_file(_write(tmp_path, "fai.csv", LONG)))
    df = read_user_file(_write(tmp_path, "fai2.csv", LONG.replace("3.9", "4.1")))
    store.write_dataset("fai", df, replace=True)
    assert 4.1 in load("fai")["value"].tolist()
    store.delete_dataset("fai")
    assert not store.has_dataset("fai")


def test_bundled_dataset_names_are_reserved(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="bundled"):
        store.write_dataset("gdp", read_user_file(_write(tmp_path, "fai.csv", LONG)))


def test_model_runs_are_stored_and_read_back() -> None:
    values = pd.DataFrame(
        {
            "region": ["210000", "220000"],
            "indicator": "capacity",
            "carrier": "wind",
            "period": "2035",
            "value": [1.0, 2.0],
            "unit": "MW",
        }
    )
    assert store.write_run("p1", "energy_plan", {"year": 2035}, values) == 2
    runs = store.list_runs()
    assert runs["run"].tolist() == ["p1"] and '"year": 2035' in runs["params"].iloc[0]
    assert store.read_run("p1")["value"].tolist() == [1.0, 2.0]
    before = _digest()
    with pytest.raises(InputError, match="already holds a run"):
        store.write_run("p1", "energy_plan", {}, values)
    assert _digest() == before
    store.write_run("p1", "energy_plan", {"year": 2040}, values.assign(value=3.0), replace=True)
    assert store.read_run("p1")["value"].tolist() == [3.0, 3.0]
    with pytest.raises(InputError, match="no run"):
        store.read_run("p2")
