"""The labelled IOTable: construction, validation, derived properties, aggregation.

References
----------
Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis: Foundations and Extensions*,
2nd ed., Cambridge University Press, §2.3 (two-sector example: Z = [[150, 500],
[200, 100]], f = [350, 1700], x = [1000, 2000], A = [[.15, .25], [.20, .05]],
L = [[1.2541, 0.3300], [0.2640, 1.1221]]).
NBS input-output table 2020 (``shared/data/ionet_china_io/SOURCE.md``: sum of GO = 2.699e10).
"""

from __future__ import annotations

import dataclasses
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from revitalize.exceptions import InvalidTableError, MalformedFileError
from revitalize.inputoutput.table import IOTable

MB_Z = [[150.0, 500.0], [200.0, 100.0]]
MB_Y = [[350.0], [1700.0]]
MB_V = [[650.0, 1400.0]]


@cache
def nbs(year: int = 2020, sectors: int = 42) -> IOTable:
    return IOTable.from_nbs(year, sectors)


def mb() -> IOTable:
    return IOTable.from_arrays(MB_Z, MB_Y, MB_V, sectors=["ag", "mf"], categories=["f"])


# --- textbook reference ------------------------------------------------------------------


def test_miller_blair_two_sector_example() -> None:
    t = mb()
    np.testing.assert_allclose(t.x, [1000.0, 2000.0])
    np.testing.assert_allclose(t.A, [[0.15, 0.25], [0.20, 0.05]])
    np.testing.assert_allclose(t.L, [[1.2541, 0.3300], [0.2640, 1.1221]], atol=1e-4)
    np.testing.assert_allclose(t.B, [[0.15, 0.5], [0.1, 0.05]])
    np.testing.assert_allclose(t.solver.solve(t.Y["f"].to_numpy()), t.x)
    np.testing.assert_allclose(t.value_added_coefficients, [0.65, 0.70])
    assert list(t.A.index) == ["ag", "mf"] and t.sectors.loc["ag", "name_en"] == "ag"


def test_table_is_frozen_and_derived_values_are_cached() -> None:
    t = mb()
    with pytest.raises(dataclasses.FrozenInstanceError):
        t.x = t.x  # type: ignore[misc]
    assert t.A is t.A and t.solver is t.solver
    assert t.with_notes("checked").notes[-1] == "checked"


# --- the NBS table -----------------------------------------------------------------------


def test_nbs_2020_published_total_and_coefficients() -> None:
    t = nbs()
    assert t.x.sum() == pytest.approx(2.699e10, rel=2e-4)  # SOURCE.md
    assert t.n == 42 and t.unit == "CNY 10k" and t.year == 2020 and t.region == "100000"
    assert (t.A.sum(axis=0) < 1).all()
    inputs = t.A.sum(axis=0) + t.Zm.sum(axis=0) / t.x + t.value_added_coefficients
    np.testing.assert_allclose(inputs, 1.0, rtol=1e-8)
    assert t.sectors.loc["24", "name_zh"] == "电力、热力的生产和供应"


@pytest.mark.parametrize(("year", "n"), [(2017, 42), (2018, 42), (2017, 149), (2020, 153)])
def test_every_nbs_table_builds_and_is_productive(year: int, n: int) -> None:
    t = IOTable.from_nbs(year, n)
    assert t.n == n and (t.A.sum(axis=0) < 1).all()
    assert (t.solver.solve_transposed(np.ones(n)) >= 1).all()  # output multipliers


def test_nbs_satellites_and_household_vectors() -> None:
    t = nbs()
    assert list(t.satellites.index) == ["employment", "co2"]
    assert t.satellite_units == {"employment": "10k persons", "co2": "Mt CO2"}
    assert (t.employment_coefficients > 0).all()
    assert t.satellites_y is not None and t.satellites_y.loc["co2"].sum() > 0
    hc = t.household_consumption
    assert hc.sum() == pytest.approx(t.Y[["FU101", "FU102"]].to_numpy().sum())
    assert t.household_shares.sum() == pytest.approx(1.0)
    assert (t.compensation_coefficients > 0).all()
    notes = " ".join(t.notes)
    assert "Employment by IO sector is an estimate" in notes and "CEADs" in notes


def test_without_consumption_split_the_household_vector_is_refused() -> None:
    t = IOTable.from_nbs(2020, 42, satellites=(), split_consumption=False)
    assert t.satellites.empty
    with pytest.raises(InvalidTableError, match="household"):
        _ = t.household_consumption
    with pytest.raises(InvalidTableError, match="employment"):
        _ = t.employment_coefficients


# --- validation --------------------------------------------------------------------------


def test_misaligned_labels_are_named() -> None:
    t = mb()
    with pytest.raises(InvalidTableError, match="position 2 is 'mn', expected 'mf'"):
        dataclasses.replace(t, Y=t.Y.set_axis(["ag", "mn"]))


def test_negative_flow_is_named() -> None:
    with pytest.raises(InvalidTableError, match="negative flow -5 from 'ag' to 'mf'"):
        IOTable.from_arrays(
            [[150, -5], [200, 100]], MB_Y, [[650, 1400]], sectors=["ag", "mf"], x=[1000, 2000]
        )


def test_identity_failure_names_the_sector_and_the_fix() -> None:
    with pytest.raises(InvalidTableError, match=r"row identity.*'mf'.*intermediate plus final"):
        IOTable.from_arrays(MB_Z, MB_Y, MB_V, x=[1000, 2100], sectors=["ag", "mf"])
    with pytest.raises(InvalidTableError, match=r"column identity.*'mf'"):
        IOTable.from_arrays(MB_Z, MB_Y, [[650, 1300]], sectors=["ag", "mf"])


def test_zero_output_sectors_must_be_declared() -> None:
    Z = [[150, 500, 0], [200, 100, 0], [0, 0, 0]]
    Y = [[350], [1700], [0]]
    V = [[650, 1400, 0]]
    with pytest.raises(InvalidTableError, match=r"zero gross output.*zero_sectors"):
        IOTable.from_arrays(Z, Y, V, sectors=["a", "b", "c"])
    t = IOTable.from_arrays(Z, Y, V, sectors=["a", "b", "c"], zero_sectors=("c",))
    assert t.A["c"].sum() == 0 and t.value_added_coefficients["c"] == 0


def test_nan_and_missing_units_are_refused() -> None:
    with pytest.raises(InvalidTableError, match="NaN"):
        IOTable.from_arrays([[150, np.nan], [200, 100]], MB_Y, MB_V, x=[1000, 2000])
    t = mb()
    with pytest.raises(InvalidTableError, match="No unit"):
        dataclasses.replace(
            t, satellites=pd.DataFrame([[1.0, 2.0]], index=["co2"], columns=t.Z.columns)
        )


# --- multi-regional tables and aggregation ------------------------------------------------


def mrio() -> IOTable:
    Z = np.array([[10, 5, 2, 1], [4, 20, 1, 3], [3, 1, 15, 6], [1, 2, 5, 25]], dtype=float)
    Y = np.array([[50, 10], [60, 5], [8, 70], [4, 80]], dtype=float)
    x = Z.sum(axis=1) + Y.sum(axis=1)
    V = (x - Z.sum(axis=0))[None, :]
    return IOTable.from_arrays(
        Z,
        Y,
        V,
        regions=["210000", "220000"],
        sectors=["ind", "srv"],
        categories=[("210000", "hh"), ("220000", "hh")],
        satellites=[[1.0, 2.0, 3.0, 4.0]],
        stressors=["co2"],
        satellite_units={"co2": "Mt CO2"},
    )


def test_multiregional_index() -> None:
    t = mrio()
    assert t.is_multiregional and t.regions == ["210000", "220000"]
    assert t.A.index.names == ["region", "sector"]
    np.testing.assert_allclose(t.solver.solve(t.Y.sum(axis=1).to_numpy()), t.x)


def test_aggregate_multiregional_keeps_regions() -> None:
    t = mrio().aggregate({"ind": "all", "srv": "all"})
    assert list(t.x.index) == [("210000", "all"), ("220000", "all")]
    assert t.Z.to_numpy().sum() == mrio().Z.to_numpy().sum()
    np.testing.assert_allclose(t.satellites.loc["co2"], [3.0, 7.0])


def test_aggregate_153_to_42_matches_the_published_42_table() -> None:
    a = nbs(2020, 153).aggregate("42")
    b = IOTable.from_nbs(2020, 42, split_consumption=False)
    assert a.n == 42 and a.sectors.loc["33", "name_en"] == "Real estate"
    np.testing.assert_allclose(a.x, b.x, rtol=1e-9)
    np.testing.assert_allclose(a.Z + a.Zm, b.Z + b.Zm, rtol=1e-7, atol=1.0)
    np.testing.assert_allclose(a.V, b.V, rtol=1e-8, atol=1.0)
    np.testing.assert_allclose(a.satellites, b.satellites, rtol=1e-9, atol=1e-12)
    assert "Aggregated from 153 to 42 sectors" in a.notes[-1]


def test_aggregate_with_an_incomplete_mapping_is_refused() -> None:
    with pytest.raises(InvalidTableError, match=r"lacks sector\(s\) \['mf'\]"):
        mb().aggregate({"ag": "all"})
    with pytest.raises(InvalidTableError, match="'42'"):
        mb().aggregate("42")


# --- user tables -------------------------------------------------------------------------


def test_read_user_table(tmp_path: Path) -> None:
    path = tmp_path / "user.csv"
    path.write_text(
        "Code,name_en,name_zh,01,02,TIU,FU101,FU103,GO\n"
        "01,Farming,农业,150,500,650,300,50,1000\n"
        "02,Industry,工业,200,100,300,1200,500,2000\n"
        "VA001,Compensation,劳动者报酬,400,900,,,,\n"
        "VA002,Taxes,生产税净额,250,500,,,,\n",
        "utf-8",
    )
    t = IOTable.read(path, year=2022, region="210000")
    np.testing.assert_allclose(t.A, [[0.15, 0.25], [0.20, 0.05]])
    assert t.region == "210000" and t.sectors.loc["01", "name_zh"] == "农业"
    assert t.household_consumption.tolist() == [300.0, 1200.0]
    bad = tmp_path / "bad.csv"
    bad.write_text(path.read_text("utf-8").replace("1200,500", "1200,x5"), "utf-8")
    with pytest.raises(MalformedFileError, match=r"bad\.csv, row 3, column 'FU103'"):
        IOTable.read(bad)
