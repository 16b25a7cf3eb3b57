"""Region registry: counts, codes, aliases, groups and errors."""

from __future__ import annotations

import pytest

from revitalize import regions as R
from revitalize.exceptions import UnknownRegionError


def test_counts_match_the_administrative_divisions() -> None:
    levels = [r.level for r in R.all_regions()]
    assert levels.count("country") == 1
    assert levels.count("province") == 31
    pref = [r for r in R.all_regions() if r.level == "prefecture"]
    by_parent = {
        p: sum(r.parent == p for r in pref) for p in ("210000", "220000", "230000", "150000")
    }
    # 14 Liaoning, 9 Jilin, 13 Heilongjiang, 5 eastern Inner Mongolia
    assert by_parent == {"210000": 14, "220000": 9, "230000": 13, "150000": 5}


def test_codes_are_unique_gbt2260_and_prefectures_nest_in_provinces() -> None:
    codes = [r.code for r in R.all_regions()]
    assert len(codes) == len(set(codes))
    assert all(len(c) == 6 and c.isdigit() for c in codes)
    for r in R.all_regions():
        if r.level == "prefecture":
            assert r.code[:2] == r.parent[:2]  # type: ignore[index]
            assert r.code.endswith("00") and not r.code.endswith("0000")
        if r.level == "province":
            assert r.code.endswith("0000") and r.iso and r.iso.startswith("CN-")


@pytest.mark.parametrize(
    ("alias", "code"),
    [
        ("InnerMongolia", "150000"),
        ("Nei Mongol", "150000"),
        ("内蒙古自治区", "150000"),
        ("HL", "230000"),
        ("CN-HL", "230000"),
        ("黑龙江省", "230000"),
        ("黑龙江", "230000"),
        ("Beijing Municipality", "110000"),
        ("liaoning province", "210000"),
        ("21", "210000"),
        (210000, "210000"),
        ("吉林", "220000"),
        ("吉林市", "220200"),
        ("Jilin City", "220200"),
        ("Harbin", "230100"),
        ("哈尔滨市", "230100"),
        ("Hulunbuir", "150700"),
        ("锡林郭勒盟", "152500"),
        ("Hinggan League", "152200"),
        ("Yanbian Korean Autonomous Prefecture", "222400"),
        ("全国", "100000"),
    ],
)
def test_resolver_accepts_aliases(alias: str | int, code: str) -> None:
    assert R.resolve(alias).code == code


def test_unknown_region_suggests_close_matches() -> None:
    with pytest.raises(UnknownRegionError) as info:
        R.resolve("Heilongjang")
    assert "Heilongjiang" in str(info.value)
    assert info.value.suggestions


def test_group_name_given_to_resolve_points_to_expand() -> None:
    with pytest.raises(UnknownRegionError, match="expand"):
        R.resolve("northeast")


def test_groups() -> None:
    assert [r.abbr for r in R.expand("northeast")] == ["LN", "JL", "HL"]
    assert [r.code for r in R.expand("东北")] == ["210000", "220000", "230000"]
    ne4 = R.expand("northeast4")
    assert len(ne4) == 8 and {r.code for r in ne4[3:]} == {
        "150400",
        "150500",
        "150700",
        "152200",
        "152500",
    }
    assert "prefecture level" in R.group("northeast4").note
    assert len(R.expand("provinces")) == 31
    assert [r.code for r in R.expand("LN, JL,LN")] == ["210000", "220000"]


def test_table_has_one_row_per_region() -> None:
    t = R.table()
    assert len(t) == 73 and t.index.is_unique
    assert len(R.table("prefecture")) == 41
