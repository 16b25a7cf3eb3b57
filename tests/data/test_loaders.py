"""The loader: selections, vintages, group totals, errors."""

from __future__ import annotations

import pytest

from revitalize.data import load
from revitalize.data.loaders import load_geojson, load_table
from revitalize.exceptions import DatasetNotFoundError, InputError, PeriodParseError


def test_h1_2023_reproduces_the_policy_text() -> None:
    # Policy text: "In the first half of this year, the three northeastern provinces
    # achieved a regional GDP of 2.7 trillion yuan." Published: LN 13,998.1; JL 6,147.11;
    # HL 6,604.8 亿元 (provincial statistics bureaus, 2023 H1 releases).
    df = load("gdp", regions="northeast", periods="2023H1", indicators="gdp")
    v = df.set_index("region")["value"]
    assert v["210000"] == 13_998.1 and v["220000"] == 6_147.11 and v["230000"] == 6_604.8
    assert v["northeast"] == pytest.approx(26_750.0, abs=0.02)
    assert round(v["northeast"] / 1e4, 1) == 2.7  # trillion yuan
    assert "sum of members" in df.set_index("region").loc["northeast", "source"]


def test_vintages() -> None:
    first = load("gdp", regions="LN", periods="2022", indicators="gdp", vintage="first_release")
    revised = load("gdp", regions="LN", periods="2022", indicators="gdp", vintage="revised")
    latest = load("gdp", regions="LN", periods="2022", indicators="gdp")
    both = load("gdp", regions="LN", periods="2022", indicators="gdp", vintage="all")
    assert first["value"].item() == 28_975.1  # Liaoning communiqué, first release
    assert revised["value"].item() == 28_826.1  # NBS after the 2023 economic census
    assert latest["value"].item() == 28_826.1
    assert sorted(both["vintage"]) == ["first_release", "revised"]
    with pytest.raises(InputError, match="no vintage"):
        load("gdp", vintage="final")


def test_group_total_uses_one_vintage_per_member() -> None:
    df = load("gdp", regions="northeast", periods="2022", indicators="gdp")
    members = df[df.region != "northeast"]
    assert len(members) == 3
    total = df.set_index("region").loc["northeast"]
    assert total["value"] == pytest.approx(members["value"].sum())
    assert set(total["vintage"].split("+")) == set(members["vintage"])


def test_northeast4_total_only_where_prefecture_data_exist() -> None:
    gdp = load("gdp", regions="northeast4", periods="2023", indicators="gdp")
    assert "northeast4" not in set(gdp["region"])
    assert any("Chifeng" in n and "prefecture level" in n for n in gdp.attrs["notes"])
    plants = load("power_plants_summary", regions="northeast4")
    assert "northeast4" in set(plants["region"])


def test_indicator_patterns_and_errors() -> None:
    df = load("power", regions="JL", periods="2023", indicators="capacity_*")
    assert {"capacity_thermal", "capacity_wind"} <= set(df["indicator"])
    with pytest.raises(InputError, match="no indicator 'capacty_wind'") as info:
        load("power", indicators="capacty_wind")
    assert "capacity_wind" in str(info.value)


def test_unknown_dataset_and_period() -> None:
    with pytest.raises(DatasetNotFoundError, match="gdp"):
        load("gpd")
    with pytest.raises(PeriodParseError):
        load("gdp", periods="2023Q9")


def test_tables_and_geojson_have_their_own_loaders() -> None:
    with pytest.raises(InputError, match="load_table"):
        load("power_plants")
    assert len(load_table("power_plants")) > 1000
    assert load_geojson("boundaries_ne_prefectures")["type"] == "FeatureCollection"


def test_range_of_quarters_returns_ordered_ytd_and_single_quarters() -> None:
    df = load("gdp", regions="HL", periods="2023Q1:2023Q4", indicators="gdp")
    assert list(df["period"]) == ["2023Q1", "2023H1", "2023Q2", "2023Q1-Q3", "2023Q3", "2023Q4"]


def test_single_quarters_are_ytd_differences_and_sum_to_the_year() -> None:
    df = load(
        "gdp", regions="LN", periods="2023Q1:2023Q4", indicators="gdp", vintage="first_release"
    )
    v = df.set_index("period")["value"]
    assert v["2023Q2"] == pytest.approx(13_998.1 - 6_661.4)  # H1 - Q1 (Liaoning releases)
    assert "derived" in df.set_index("period").loc["2023Q2", "source"]
    year = load("gdp", regions="LN", periods="2023", indicators="gdp", vintage="first_release")
    quarters = v[["2023Q1", "2023Q2", "2023Q3", "2023Q4"]].sum()
    assert quarters == pytest.approx(year["value"].item()) == pytest.approx(30_209.4)
