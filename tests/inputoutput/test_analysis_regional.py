"""Labelled analyses and provincial tables."""

from __future__ import annotations

import numpy as np
import pytest

from revitalize.exceptions import InputError
from revitalize.inputoutput.analysis import extraction, key_sectors, multipliers
from revitalize.inputoutput.regional import provincial_table
from revitalize.inputoutput.table import IOTable


@pytest.fixture(scope="module")
def mb() -> IOTable:
    """Miller & Blair (2009) two-sector example with the household closure of §2.5:
    labour inputs (0.3, 0.25) and household consumption (40, 320) out of the total labour
    income of 800 — the closed matrix [[.15, .25, .05], [.20, .05, .40], [.30, .25, h]]; the
    book has h = 0.05 (households buying household services), the closure here h = 0."""
    return IOTable.from_arrays(
        [[150, 500], [200, 100]],
        [[40, 310], [320, 1380]],
        [[300, 500], [350, 900]],
        sectors=["1", "2"],
        categories=["FU102", "EX"],
        components=["VA001", "VA004"],
        unit="CNY",
    )


def test_multipliers_match_the_textbook(mb: IOTable) -> None:
    m = multipliers(mb)
    # Type I output multipliers 1.5181, 1.4521 (M&B 2009, section 6.2; exact 1.518152)
    assert m["output"].tolist() == pytest.approx([1.518152, 1.452145], abs=1e-6)
    closed = np.array([[0.15, 0.25, 0.05], [0.20, 0.05, 0.40], [0.30, 0.25, 0.0]])
    lbar = np.linalg.inv(np.eye(3) - closed)
    assert m["output_type_ii"].tolist() == pytest.approx(lbar[:2, :2].sum(axis=0), rel=1e-12)
    # Type II / Type I income ratio is the household element of L-bar in every sector
    assert m["type_ii_ratio"].tolist() == pytest.approx([lbar[2, 2]] * 2, rel=1e-12)


def test_key_sectors_are_labelled(mb: IOTable) -> None:
    k = key_sectors(mb)
    assert k["backward"].mean() == pytest.approx(1.0)
    assert set(k["class"]) <= {"key", "backward", "forward", "weak"}


def test_extraction_of_a_sector_loses_output(mb: IOTable) -> None:
    e = extraction(mb, ["1"], method="complete")
    assert e.attrs["total_loss"] > 1000.0  # at least sector 1's own output
    assert (e["loss"] >= -1e-9).all()
    with pytest.raises(InputError, match="fraction"):
        extraction(mb, ["1"], method="partial")
    with pytest.raises(InputError, match="Unknown sector"):
        extraction(mb, ["7"])


@pytest.fixture(scope="module")
def national() -> IOTable:
    return IOTable.from_nbs(2020, 42)


@pytest.mark.parametrize("province", ["LN", "JL", "HL"])
def test_provincial_tables_are_consistent_and_below_national(
    province: str, national: IOTable
) -> None:
    t = provincial_table(province, 2020, national=national)
    assert t.region in {"210000", "220000", "230000"}
    # regional purchase coefficients never exceed the national ones (FLQ)
    assert (t.A.to_numpy() <= national.A.to_numpy() + 1e-12).all()
    # Liaoning's estimated output sums to a plausible share of China's (1.5 %-4 %)
    share = t.x.sum() / national.x.sum()
    assert 0.005 < share < 0.04
    m = multipliers(t)
    assert (m["output"] >= 1.0).all()
    assert (m["output"] <= multipliers(national)["output"] + 1e-9).all()
    assert any("FLQ" in n for n in t.notes)


def test_provincial_co2_comes_from_the_province_inventory(national: IOTable) -> None:
    t = provincial_table("LN", 2020, national=national)
    # CEADs Liaoning 2019: 533.4 Mt in all, of which households are not in sectors
    assert 400 < t.satellites.loc["co2"].sum() < 533.5
    assert any("CEADs inventory of Liaoning 2019" in n for n in t.notes)


def test_bad_region_and_method(national: IOTable) -> None:
    with pytest.raises(InputError, match="not a province"):
        provincial_table("Harbin", 2020, national=national)
    with pytest.raises(InputError, match="Unknown location-quotient"):
        provincial_table("LN", 2020, method="lq9", national=national)
    assert np.isfinite(provincial_table("JL", 2020, method="slq", national=national).x).all()


def test_decomposition_2017_2020_adds_up_to_the_change_in_output() -> None:
    from revitalize.inputoutput.analysis import decompose

    t0, t1 = IOTable.from_nbs(2017, 42), IOTable.from_nbs(2020, 42)
    d = decompose(t0, t1)
    parts = d[["technology", "mix", "distribution", "level"]].sum(axis=1)
    np.testing.assert_allclose(parts, d["x1"] - d["x0"], rtol=1e-9, atol=1e-3)
    # gross output grew by about 44 trillion yuan between the 2017 and 2020 tables
    # (SOURCE.md: 2020 gross output 269.9 trillion), mostly through the level of demand
    assert 40e8 < (d["x1"] - d["x0"]).sum() < 50e8  # 10k CNY
    assert d["level"].sum() > d["total"].sum() * 0.9
    assert "current prices" in d.attrs["notes"][0]
    with pytest.raises(InputError, match="different sectors"):
        decompose(t0, IOTable.from_nbs(2020, 153))


def test_province_without_a_provincial_co2_inventory_says_so(national: IOTable) -> None:
    t = provincial_table("GD", 2020, national=national)
    assert any("national CO2 per unit of output" in n for n in t.notes)


def test_households_buy_part_of_their_goods_outside_the_province(national: IOTable) -> None:
    t = provincial_table("HL", 2020, national=national)
    assert t.Ym is not None and t.Ym["households"].sum() > 0
    assert (t.Y["households"] >= 0).all()
