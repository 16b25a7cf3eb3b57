"""Section computations and the context's handling of missing data."""

from __future__ import annotations

from typing import Any

import pandas as pd
import pytest

from revitalize.data import loaders
from revitalize.exceptions import DatasetNotFoundError, InputError
from revitalize.report.blocks import Missing
from revitalize.report.context import ReportContext
from revitalize.report.sections import SECTIONS
from revitalize.report.sections.economy import ne_share_of_national, sector_shares
from revitalize.report.sections.power import capacity_table, clean_share, sum_regions, to_unit
from revitalize.report.sections.society import share_65_plus


def tidy(rows: list[tuple[str, str, str, float]], unit: str = "CNY 100m") -> pd.DataFrame:
    df = pd.DataFrame(rows, columns=["region", "indicator", "period", "value"])
    return df.assign(unit=unit, source="test", vintage="v")


def test_section_ids_are_unique_and_complete() -> None:
    ids = [s.id for s in SECTIONS]
    assert len(ids) == len(set(ids))
    assert ids == ["headline", "monitor", "gdp_trend", "structure", "industry", "complexity",
                   "momentum", "power", "energy_outlook", "rd", "population",
                   "population_outlook", "co2", "map"]
    for s in SECTIONS:
        assert s.title.zh and s.title.en


def capacity_rows(region: str, period: str, **values: float) -> list[tuple[str, str, str, float]]:
    return [(region, f"capacity_{k}", period, v) for k, v in values.items()]


def test_clean_share_is_non_fossil_over_total() -> None:
    rows = capacity_rows("210000", "2022", thermal=60.0, hydro=10.0, nuclear=5.0, wind=20.0,
                         solar=5.0)
    w, never = capacity_table(tidy(rows, unit="10 MW"))
    out = clean_share(w)
    assert never == {}
    assert out["region"].tolist() == ["210000"]
    assert out["value"].tolist() == pytest.approx([40.0])


def test_capacity_table_drops_incomplete_years_and_zeroes_absent_optional_sources() -> None:
    rows = [
        *capacity_rows("210000", "2022", thermal=60.0, hydro=10.0, nuclear=5.0, wind=20.0,
                       solar=5.0),
        *capacity_rows("210000", "2023", thermal=60.0, hydro=10.0, nuclear=5.0, solar=5.0),
        *capacity_rows("220000", "2022", thermal=30.0, hydro=5.0, wind=10.0, solar=5.0),
        *capacity_rows("230000", "2022", thermal=30.0, hydro=5.0, wind=10.0),  # no solar
    ]
    w, never = capacity_table(tidy(rows, unit="10 MW"))
    assert list(w.index) == [("210000", "2022"), ("220000", "2022")]  # 2023: no wind
    assert never == {"220000": ["capacity_nuclear"], "230000": ["capacity_nuclear"]}
    assert w.loc[("220000", "2022"), "capacity_nuclear"] == 0.0
    share = clean_share(w).set_index("region")["value"]
    assert share["220000"] == pytest.approx(40.0)
    ne = sum_regions(w, ["210000", "220000"], "northeast")
    assert float(ne.to_numpy().sum()) == pytest.approx(150.0)
    assert sum_regions(w, ["210000", "220000", "230000"], "northeast").empty


def test_to_unit_converts_10mw_to_gw() -> None:
    out = to_unit(tidy([("210000", "capacity_wind", "2022", 1234.0)], unit="10 MW"), "GW")
    assert out["value"].tolist() == pytest.approx([12.34]) and out["unit"].tolist() == ["GW"]


def test_sector_shares_and_ne_share_of_national() -> None:
    df = tidy([
        ("northeast", "gdp_primary", "2022", 10.0), ("northeast", "gdp_secondary", "2022", 30.0),
        ("northeast", "gdp_tertiary", "2022", 60.0), ("northeast", "gdp", "2022", 100.0),
        ("100000", "gdp", "2022", 2000.0), ("provinces", "gdp", "2021", 1000.0),
        ("northeast", "gdp", "2021", 80.0),
    ])
    shares = sector_shares(df, "northeast")
    assert list(shares.loc["2022"]) == pytest.approx([10.0, 30.0, 60.0])
    assert sector_shares(df, "210000").empty
    assert ne_share_of_national(df).to_dict() == pytest.approx({"2022": 5.0})
    summed = ne_share_of_national(df[df["region"] != "100000"])
    assert summed.to_dict() == pytest.approx({"2021": 8.0})


def test_share_65_plus_prefers_published_and_computes_the_rest() -> None:
    df = tidy([
        ("210000", "share_65_plus", "2022", 17.0),
        ("210000", "population_65_plus", "2022", 700.0), ("210000", "population", "2022", 4200.0),
        ("northeast", "population_65_plus", "2022", 2000.0),
        ("northeast", "population", "2022", 10000.0),
    ], unit="10k persons")
    out = share_65_plus(df).set_index("region")["value"]
    assert out["210000"] == 17.0
    assert out["northeast"] == pytest.approx(20.0)


def test_context_reports_missing_dataset_and_indicator(monkeypatch: pytest.MonkeyPatch) -> None:
    def fake_load(dataset: str, indicators: list[str] | None = None, **_: Any) -> pd.DataFrame:
        if dataset == "nope":
            raise DatasetNotFoundError(dataset)
        df = tidy([("210000", "gdp", "2022", 1.0)])
        if indicators and not set(indicators) <= set(df["indicator"]):
            raise InputError(f"Dataset {dataset!r} has no indicator {indicators!r}.")
        return df

    monkeypatch.setattr(loaders, "load", fake_load)
    ctx = ReportContext()
    f = ctx.fetch("nope", ["gdp"])
    assert f.frame.empty and len(f.missing) == 1 and isinstance(f.missing[0], Missing)
    assert "nope" in f.missing[0].what.en and f.missing[0].what.en.startswith("Series missing")
    g = ctx.fetch("other", ["gdp", "gdp_wanted"])
    assert g.has("gdp") and not g.has("gdp_wanted")
    assert len(g.missing) == 1 and "gdp_wanted" in g.missing[0].what.en
    assert ctx.used == ["nope", "other"]
