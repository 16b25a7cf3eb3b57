"""Published check figures of the curated GDP, power and industrial-output files (read
directly from ``src/revitalize/data/files``) and unit tests of the Wind-export parser."""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd
import pytest

from revitalize.data.catalogue import catalogue as _catalogue
from revitalize.data.loaders import _read_curated

ROOT = Path(__file__).resolve().parents[2]
FILES = ROOT / "src" / "revitalize" / "data" / "files"
sys.path.insert(0, str(ROOT / "scripts"))

from databuild.wind_export import (  # noqa: E402
    apply_zero_rule,
    read_wind_export,
    series_region,
    within_time_period,
)

LN, JL, HL, NM = "210000", "220000", "230000", "150000"


def tidy(name: str) -> pd.DataFrame:
    """The curated file as shipped (all vintages, file order)."""
    return _read_curated(name)


def catalogue() -> dict[str, dict]:
    """Catalogue entries as written by the build script."""
    return {k: v.raw for k, v in _catalogue().items()}


def value(name: str, region: str, indicator: str, period: str,
          vintage: str = "first_release") -> float:
    df = tidy(name)
    hit = df[(df.region == region) & (df.indicator == indicator) & (df.period == period)
             & (df.vintage == vintage)]
    assert len(hit) == 1, (name, region, indicator, period, vintage, len(hit))
    return float(hit["value"].iloc[0])


# --------------------------------------------------------------------------- GDP


@pytest.mark.parametrize(
    ("region", "period", "expected"),
    [
        (LN, "2023H1", 13998.1), (JL, "2023H1", 6147.11), (HL, "2023H1", 6604.8),
        (LN, "2022", 28975.1), (JL, "2022", 13070.24), (HL, "2022", 15901.0),
        (LN, "2023", 30209.4), (JL, "2023", 13531.19), (HL, "2023", 15883.9),
    ],
)
def test_gdp_first_release_figures(region: str, period: str, expected: float) -> None:
    assert value("gdp", region, "gdp", period) == pytest.approx(expected, abs=0.005)


def test_northeast_h1_2023_sum() -> None:
    total = sum(value("gdp", r, "gdp", "2023H1") for r in (LN, JL, HL))
    assert total == pytest.approx(26750.0, abs=0.05)


def test_gdp_revised_vintage() -> None:
    assert value("gdp", LN, "gdp", "2022", "revised") == pytest.approx(28826.1)
    df = tidy("gdp")
    rev = df[df.vintage == "revised"]
    assert set(rev[rev.region != "100000"].indicator) == {"gdp"}
    # only revisions that differ from the first release are stored
    first = df[(df.vintage == "first_release") & (df.indicator == "gdp")]
    m = rev[rev.region != "100000"].merge(first, on=["region", "indicator", "period"])
    assert ((m.value_x - m.value_y).abs() > 0.05).all()


def test_gdp_national_quarters_and_ytd_sums() -> None:
    q = [value("gdp", "100000", "gdp", f"2023Q{i}", "revised") for i in (1, 2, 3, 4)]
    assert value("gdp", "100000", "gdp", "2023", "revised") == pytest.approx(sum(q))
    assert value("gdp", "100000", "gdp", "2023H1", "revised") == pytest.approx(q[0] + q[1])
    assert sum(q) == pytest.approx(1294271.8, abs=0.5)


def test_gdp_sectors_and_growth() -> None:
    # Xinjiang's rotated sector names are fixed by Wind id (2015 published split)
    assert value("gdp", "650000", "gdp_primary", "2015") == pytest.approx(1559.08)
    assert value("gdp", "650000", "gdp_secondary", "2015") == pytest.approx(3596.40)
    assert value("gdp", "650000", "gdp_tertiary", "2015") == pytest.approx(4169.32)
    parts = sum(value("gdp", LN, f"gdp_{s}", "2023") for s in ("primary", "secondary", "tertiary"))
    assert parts == pytest.approx(value("gdp", LN, "gdp", "2023"), abs=0.15)
    # a genuine 0.0 % growth is kept (Tianjin Q1-Q3 2020), placeholders are not
    assert value("gdp", "120000", "gdp_real_growth", "2020Q1-Q3") == 0.0
    inds = catalogue()["gdp"]["indicators"]
    assert inds["gdp_primary"]["parts_of"] == "gdp"
    assert "parts_of" not in inds["gdp_industry"]
    assert inds["gdp_real_growth"]["additive"] is False


# --------------------------------------------------------------------------- power

SNAPSHOT_2023_12 = {
    LN: {"thermal": 3856, "wind": 1429, "solar": 958, "nuclear": 668, "hydro": 334},
    JL: {"thermal": 1890, "wind": 1268, "solar": 460, "hydro": 648},
    HL: {"thermal": 2557, "wind": 1127, "solar": 565, "hydro": 235},
}
CASES = [(r, s, v) for r, d in SNAPSHOT_2023_12.items() for s, v in d.items()]


@pytest.mark.parametrize(("region", "src", "expected"), CASES)
def test_capacity_2023(region: str, src: str, expected: float) -> None:
    assert value("power", region, f"capacity_{src}", "2023") == pytest.approx(expected)
    if src != "nuclear":  # nuclear is annual only
        assert value("power", region, f"capacity_{src}", "2023-12") == pytest.approx(expected)


def test_power_units_conversions_and_zero_rule() -> None:
    # 2,955,338 (10^4 kWh) = 295.5338 亿千瓦时; its December YTD is a 0.00 placeholder
    assert value("power", LN, "generation_wind_ytd", "2023-11") == pytest.approx(295.5338)
    df = tidy("power")
    wind = df[(df.region == LN) & (df.indicator == "generation_wind")]
    assert "2023" not in set(wind.period)
    assert value("power", LN, "generation_thermal", "2023") == pytest.approx(1346.2)
    # genuine zeros: Liaoning's nuclear capacity before Hongyanhe, Chongqing's always
    assert value("power", LN, "capacity_nuclear", "2012") == 0.0
    assert value("power", "500000", "capacity_nuclear", "2023") == 0.0
    gen_zero = df[(df.value == 0) & df.indicator.str.startswith("generation")]
    assert set(gen_zero.indicator) <= {"generation_nuclear", "generation_nuclear_ytd"}
    units = df.groupby("indicator").unit.first()
    assert units["capacity_wind"] == "10 MW" and units["generation_hydro"] == "100m kWh"
    assert units["utilisation_hours_wind"] == "h" and units["utilisation_rate_solar"] == "%"


def test_utilisation_rates() -> None:
    df = tidy("power")
    rates = df[df.indicator == "utilisation_rate_wind"]
    assert NM not in set(rates.region)  # Mengxi / Mengdong are not registry regions
    months = rates[(rates.region == LN) & rates.period.str.startswith("2023-")]
    assert len(months) == 12
    assert value("power", LN, "utilisation_rate_wind", "2023") == pytest.approx(
        months.value.mean())
    inds = catalogue()["power"]["indicators"]
    for ind in ("utilisation_rate_wind", "utilisation_hours_solar"):
        assert inds[ind]["additive"] is False
    assert inds["capacity_wind"]["additive"] is True


def test_consumption_month_and_ytd() -> None:
    ytd = value("power", LN, "electricity_consumption_ytd", "2022-12")
    assert value("power", LN, "electricity_consumption", "2022") == pytest.approx(ytd)
    months = tidy("power")[(tidy("power").region == LN)
                           & (tidy("power").indicator == "electricity_consumption")
                           & tidy("power").period.str.startswith("2022-")]
    assert months.value.sum() == pytest.approx(ytd, rel=0.005)


# --------------------------------------------------------------------------- industry


def test_industrial_output() -> None:
    df = tidy("industrial_output")
    assert value("industrial_output", LN, "output_crude_steel", "2023") == pytest.approx(
        value("industrial_output", LN, "output_crude_steel_ytd", "2023-12"))
    assert value("industrial_output", LN, "output_crude_steel", "2023") == pytest.approx(7344.09)
    # cement published in tonnes, stored in 万吨
    assert value("industrial_output", LN, "output_cement", "2023") == pytest.approx(
        3814.01579, rel=1e-6)
    units = df.groupby("indicator").unit.first()
    assert units["output_motor_vehicles"] == "10k units"
    assert units["output_plain_glass"] == "10k weight cases"
    assert not df.duplicated(["region", "indicator", "period", "vintage"]).any()


@pytest.mark.parametrize("name", ["gdp", "power", "industrial_output"])
def test_files_are_small_and_keys_unique(name: str) -> None:
    assert (FILES / f"{name}.csv").stat().st_size < 6_000_000
    df = tidy(name)
    assert not df.duplicated(["region", "indicator", "period", "vintage"]).any()
    assert len(df) == catalogue()[name]["rows"]


# --------------------------------------------------------------------------- parser

EXPORT = """\ufeffWind,,,
Name,China: Jilin: GDP: YTD,China: Jilin: Nuclear,(DC) China: Beijing: Hydro
Unit,CNY 100mn,10000 kw,10000 kw
Source,Jilin Provincial Bureau of Statistics,Wind,Wind
Frequency,Season,Year,Month
ID,M0049002,X1,X2
Time Period,1992-03:2024-12,2000-12:2024-12,2010-01:2010-02
2010-01,0.00 ,0.00 ,5.00
2010-02,"1,234.50 ",0.00 ,0.00
2010-03,"13,531.19 ", ,0.00
2010-12,0.00 ,7.00 ,0.00
,,,
Source: Wind,,,
"""


def test_parser_reads_headers_by_label_in_any_order() -> None:
    df = read_wind_export(EXPORT)
    assert {"name", "unit", "source", "frequency", "id", "time_period"} <= set(df.columns)
    row = df[(df.col == 0) & (df.date == "2010-03")].iloc[0]
    assert row["value"] == pytest.approx(13531.19)  # thousands separator and blank
    assert row["source"] == "Jilin Provincial Bureau of Statistics"
    assert row["frequency"] == "Season" and row["id"] == "M0049002"
    # 0.00 is missing, blanks are missing, the footer is no data
    assert set(df[df.col == 0].date) == {"2010-02", "2010-03"}
    assert (df.value != 0).all()
    assert set(df.date) <= {"2010-01", "2010-02", "2010-03", "2010-12"}


def test_parser_shuffled_header_gives_same_result() -> None:
    lines = EXPORT.lstrip("\ufeff").splitlines()
    shuffled = "\n".join([lines[0], lines[6], lines[4], lines[2], lines[1], lines[5],
                          lines[3], *lines[7:]]) + "\n"
    a = read_wind_export(EXPORT)
    b = read_wind_export(shuffled)
    cols = ["col", "name", "unit", "source", "frequency", "id", "date", "value"]
    pd.testing.assert_frame_equal(a[cols], b[cols])


def test_parser_requires_a_name_row() -> None:
    with pytest.raises(ValueError, match="Name"):
        read_wind_export("Wind,,\nUnit,a,b\n2010-01,1,2\n")


def test_zero_rules() -> None:
    df = read_wind_export(EXPORT, keep_zeros=True).assign(indicator="x")
    assert len(apply_zero_rule(df, "missing", ["indicator"]).query("value == 0")) == 0
    pub = apply_zero_rule(df, "published", ["indicator"])
    # every date has a non-zero value in some series, so all zeros count as real
    assert set(pub[pub.value == 0].date) == {"2010-01", "2010-02", "2010-03", "2010-12"}
    only_b = df[df.col == 1]  # alone, series 1 publishes nothing but 2010-12
    assert set(apply_zero_rule(only_b, "published", ["indicator"]).date) == {"2010-12"}
    stock = apply_zero_rule(df, "before_first", ["indicator"])
    zeros = stock[stock.value == 0]
    # series 0 and 1 have zeros before their first value only; series 2 became positive
    # in 2010-01, so its later zeros are placeholders
    assert set(zeros.col) == {0, 1}
    assert set(zeros[zeros.col == 1].date) == {"2010-01", "2010-02"}
    assert set(zeros[zeros.col == 0].date) == {"2010-01"}


def test_time_period_and_regions() -> None:
    df = read_wind_export(EXPORT, keep_zeros=True)
    kept = within_time_period(df)
    assert set(kept[kept.col == 2].date) == {"2010-01", "2010-02"}
    assert series_region("(DC) China: Beijing: Hydro") == "110000"
    assert series_region("Output: Solar: Jilin: YTD") == "220000"
    assert series_region("China: Wind Power Utilization Rate") == "100000"
    assert series_region("China: Inner Mongolia: Mengdong: Wind Power Utilization Rate") is None
    assert series_region("Installed Power Generation Capacity: YTD") is None
