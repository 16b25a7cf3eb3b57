"""Importing a user's location x activity table (wide or long), with validation."""

from __future__ import annotations

from pathlib import Path

import pytest

from revitalize.complexity import ZeroLineError
from revitalize.complexity.opportunities import location_table
from revitalize.complexity.userdata import read_activity_table
from revitalize.exceptions import MalformedFileError

RES = "province x industry (yearbook, 4)"


def _write(tmp: Path, text: str) -> Path:
    f = tmp / "t.csv"
    f.write_text(text, "utf-8")
    return f


def test_wide_yearbook_table(tmp_path: Path) -> None:
    f = _write(tmp_path, "地区,C13,C26,C36,C39\n辽宁,10,\"1,200\",30,5\n吉林,3,20,400,1\n"
                         "黑龙江,50,10,5,0\n广东,20,300,200,900\n")
    m = read_activity_table(f, resolution=RES)
    assert list(m.index) == ["210000", "220000", "230000", "440000"]
    assert m.loc["210000", "C26"] == 1200
    assert m.attrs["resolution"] == RES
    t = location_table(m)
    assert set(t["resolution"]) == {RES}


def test_long_customs_table(tmp_path: Path) -> None:
    f = _write(tmp_path, "province,hs,exports\nLN,8703,5\nLN,2710,9\nJL,8703,7\nHL,1201,3\n"
                         "JL,1201,1\n")
    m = read_activity_table(f, resolution="province x HS4", location="province",
                            activity="hs", value="exports")
    assert m.shape == (3, 3) and m.loc["230000", "8703"] == 0


@pytest.mark.parametrize("text,match", [
    ("地区,A,B\n辽宁,1,-2\n吉林,1,1\n", "negative"),
    ("地区,A,B\n辽宁,1,x\n吉林,1,1\n", "not a number"),
    ("地区,A,B\n辽宁,1,2\n辽宁,1,1\n", "repeats"),
])
def test_bad_files_name_row_and_column(tmp_path: Path, text: str, match: str) -> None:
    with pytest.raises(MalformedFileError, match=match) as exc:
        read_activity_table(_write(tmp_path, text), resolution=RES)
    assert exc.value.row is not None


def test_all_zero_activity_and_unknown_column(tmp_path: Path) -> None:
    with pytest.raises(ZeroLineError, match="B"):
        read_activity_table(_write(tmp_path, "地区,A,B\n辽宁,1,0\n吉林,1,\n"), resolution=RES)
    with pytest.raises(MalformedFileError, match="not found"):
        read_activity_table(_write(tmp_path, "a,b,c\n1,2,3\n"), resolution=RES,
                            location="region", activity="b", value="c")
