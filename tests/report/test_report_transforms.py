"""Small computations of the report on hand-made tidy frames with known results."""

from __future__ import annotations

import pandas as pd
import pytest

from revitalize.report import transforms as tf


def tidy(rows: list[tuple[str, str, str, float]], unit: str = "CNY 100m") -> pd.DataFrame:
    """Tidy frame from (region, indicator, period, value) tuples."""
    df = pd.DataFrame(rows, columns=["region", "indicator", "period", "value"])
    return df.assign(unit=unit, source="test", vintage="v")


def test_composition_shares_sum_to_100_and_drop_incomplete_rows() -> None:
    w = pd.DataFrame(
        {"p": [10.0, 5.0, 1.0], "s": [40.0, 15.0, None], "t": [50.0, 30.0, 1.0]},
        index=["2020", "2021", "2022"],
    )
    out = tf.composition_shares(w)
    assert list(out.index) == ["2020", "2021"]
    assert list(out.loc["2020"]) == [10.0, 40.0, 50.0]
    assert list(out.loc["2021"]) == pytest.approx([10.0, 30.0, 60.0])
    assert out.sum(axis=1).tolist() == pytest.approx([100.0, 100.0])


def test_index_to_base_defaults_to_first_complete_period() -> None:
    w = pd.DataFrame({"a": [None, 2.0, 3.0], "b": [1.0, 4.0, 2.0]}, index=["2019", "2020", "2021"])
    out = tf.index_to_base(w)
    assert list(out.index) == ["2020", "2021"]
    assert list(out.loc["2020"]) == [100.0, 100.0]
    assert list(out.loc["2021"]) == [150.0, 50.0]


def test_national_uses_published_series_else_the_sum_never_both() -> None:
    df = tidy([
        ("100000", "gdp", "2021", 100.0),
        ("provinces", "gdp", "2021", 99.0),
        ("provinces", "gdp", "2022", 110.0),
        ("210000", "gdp", "2022", 5.0),
    ])
    out = tf.national(df, "gdp")
    assert out["region"].tolist() == ["100000"] and out["value"].tolist() == [100.0]
    only_sum = tf.national(df[df["region"] != "100000"], "gdp")
    assert only_sum["region"].unique().tolist() == ["provinces"]
    assert only_sum["period"].tolist() == ["2021", "2022"]
    assert tf.national_at(df, "gdp", "2022") == (110.0, "provinces")
    assert tf.national_at(df, "gdp", "2030") == (None, None)


def test_latest_period_requires_all_regions() -> None:
    df = tidy([
        ("210000", "x", "2021", 1.0), ("220000", "x", "2021", 1.0),
        ("210000", "x", "2022", 1.0),
    ])
    assert tf.latest_period(df) == "2022"
    assert tf.latest_period(df, ["210000", "220000"]) == "2021"
    assert tf.latest_period(df.iloc[0:0]) is None


def test_annual_and_ytd_filters() -> None:
    df = tidy([
        ("210000", "x", p, 1.0)
        for p in ["2023", "2023Q1", "2023Q2", "2023H1", "2023Q1-Q3", "2023-06"]
    ])
    assert tf.annual(df)["period"].tolist() == ["2023"]
    assert sorted(tf.ytd(df)["period"]) == ["2023", "2023H1", "2023Q1", "2023Q1-Q3"]


def test_wide_orders_periods_chronologically() -> None:
    df = tidy([("a", "x", "2023H1", 2.0), ("a", "x", "2023Q1", 1.0), ("b", "x", "2023", 3.0)])
    w = tf.wide(df)
    assert list(w.index) == ["2023Q1", "2023H1", "2023"]
    assert list(w.columns) == ["a", "b"]


def test_ratio_and_value_at() -> None:
    r = tf.ratio(pd.Series({"2020": 1.0, "2021": 3.0}), pd.Series({"2020": 4.0, "2021": 0.0}))
    assert r["2020"] == 25.0 and pd.isna(r["2021"])
    df = tidy([("210000", "gdp", "2023H1", 14003.6)])
    assert tf.value_at(df, "gdp", "210000", "2023H1") == 14003.6
    assert tf.value_at(df, "gdp", "220000", "2023H1") is None
