"""IOTable <-> pymrio: cross-check of the NBS 2020 table and round trips.

pymrio (Stadler 2021, *J. Open Research Software* 9(1):8) forms the dense Leontief
inverse in ``calc_all()``; revitalize uses one LU factorisation (``core.LeontiefSolver``).
On the NBS 2020 42-sector table both must give the same A, x, output multipliers
(column sums of L) and CO2 footprint (:math:`D_{cba} = S L \\hat{y}`) to 1e-9.
"""

from __future__ import annotations

import warnings
from functools import cache
from typing import Any

import numpy as np
import pandas as pd
import pytest

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.pymrio_interop import from_pymrio, to_pymrio
from revitalize.inputoutput.table import IOTable

pymrio = pytest.importorskip("pymrio")
RTOL = 1e-9


@cache
def nbs(year: int = 2020, sectors: int = 42) -> IOTable:
    return IOTable.from_nbs(year, sectors)


@cache
def computed(year: int = 2020, sectors: int = 42) -> Any:
    io = to_pymrio(nbs(year, sectors))
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        io.calc_all()
    return io


@pytest.mark.parametrize(("year", "sectors"), [(2020, 42), (2020, 153)])
def test_pymrio_agrees_with_our_coefficients_multipliers_and_footprint(
    year: int, sectors: int
) -> None:
    t, io = nbs(year, sectors), computed(year, sectors)
    np.testing.assert_allclose(io.x["indout"], t.x, rtol=RTOL)
    np.testing.assert_allclose(io.A, t.A, rtol=RTOL, atol=1e-15)
    ours = t.solver.solve_transposed(np.ones(t.n))  # output multipliers i'L
    np.testing.assert_allclose(io.L.sum(axis=0), ours, rtol=RTOL)
    S = t.satellite_coefficients.to_numpy()
    np.testing.assert_allclose(io.satellites.S, S, rtol=RTOL, atol=1e-20)
    M = t.solver.solve_transposed(S)  # footprint multipliers S L
    footprint = M * t.Y.sum(axis=1).to_numpy()  # D_cba by product of final demand
    np.testing.assert_allclose(io.satellites.D_cba.loc["co2"], footprint[1], rtol=RTOL)
    np.testing.assert_allclose(io.satellites.M.loc["co2"], M[1], rtol=RTOL)
    # total footprint = production emissions: the model is closed for domestic output
    assert footprint[1].sum() == pytest.approx(t.satellites.loc["co2"].sum(), rel=1e-9)


def test_pymrio_layout_of_the_exported_table() -> None:
    io = computed()
    assert io.Z.index.names == ["region", "sector"] and io.Z.index[0] == ("100000", "01")
    assert io.Y.columns.names == ["region", "category"]
    assert set(io.get_extensions()) == {"factor_inputs", "imports", "satellites"}
    assert io.satellites.unit.loc["co2", "unit"] == "Mt CO2"
    assert io.factor_inputs.F.index.tolist() == ["VA001", "VA002", "VA003", "VA004"]
    assert io.satellites.F_Y.loc["co2", ("100000", "FU102")] > 0


def assert_same(a: IOTable, b: IOTable) -> None:
    for name in ("Z", "Y", "V", "Zm", "Ym", "satellites", "satellites_y"):
        fa, fb = getattr(a, name), getattr(b, name)
        if fa is None:
            assert fb is None, name
            continue
        pd.testing.assert_frame_equal(fa, fb, check_exact=False, rtol=1e-12, obj=name)
    pd.testing.assert_series_equal(a.x, b.x, check_exact=False, rtol=1e-12)
    if a.imports is not None:
        assert b.imports is not None
        np.testing.assert_allclose(a.imports, b.imports, rtol=1e-12)
    assert a.satellite_units == b.satellite_units
    assert (a.unit, a.year, a.region) == (b.unit, b.year, b.region)


@pytest.mark.parametrize(("year", "sectors"), [(2020, 42), (2018, 153)])
def test_round_trip_through_pymrio(year: int, sectors: int) -> None:
    t = nbs(year, sectors)
    assert_same(t, from_pymrio(to_pymrio(t)))
    assert_same(t, from_pymrio(t.to_pymrio()))


def test_round_trip_of_a_closed_table_without_satellites() -> None:
    t = IOTable.from_arrays(
        [[150.0, 500.0], [200.0, 100.0]],
        [[350.0], [1700.0]],
        [[650.0, 1400.0]],
        sectors=["1", "2"],
        categories=["FU201"],
        components=["VA"],
        year=2009,
        region="210000",
    )
    back = from_pymrio(to_pymrio(t))
    assert_same(t, back)
    assert back.satellites.empty and back.Zm is None


def test_multiregional_pymrio_test_system() -> None:
    io = pymrio.load_test()
    with pytest.raises(InvalidTableError, match="column identity"):
        from_pymrio(io)  # its factor inputs do not balance the columns
    t = from_pymrio(io, value_added="residual")
    assert t.is_multiregional and len(t.regions) == 6 and t.n == 48
    assert {"emission_type1/air", "emission_type2/water"} <= set(t.satellites.index)
    assert t.satellite_units["emission_type1/air"] == "kg"
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        io.calc_all()
        back = to_pymrio(t)
        back.calc_all()
    np.testing.assert_allclose(back.A, io.A, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(
        back.satellites.D_cba.loc["emission_type1/air"],
        io.emissions.D_cba.loc[("emission_type1", "air")],
        rtol=1e-9,
    )
    assert_same(t, from_pymrio(to_pymrio(t), value_added="factor_inputs"))
