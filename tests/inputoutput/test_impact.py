"""Shocks and impacts: published two-sector example, leakage, batches, bad input."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from revitalize.exceptions import InputError, MalformedFileError, UnknownRegionError
from revitalize.inputoutput.impact import (
    Shock,
    impact_summary,
    impacts,
    read_shocks,
    shock_matrix,
)
from revitalize.inputoutput.table import IOTable


@pytest.fixture(scope="module")
def mb() -> IOTable:
    """Miller & Blair (2009), section 2.3, table 2.3: the two-sector example.

    Z = [[150, 500], [200, 100]], final demand (350, 1700), x = (1000, 2000); value added
    (650, 1400), here split into compensation (300, 700) and the rest (350, 700), with
    GFCF (FU201) taken as the whole of final demand and one employment satellite.
    """
    return IOTable.from_arrays(
        [[150, 500], [200, 100]],
        [[350], [1700]],
        [[300, 700], [350, 700]],
        sectors=["1", "2"],
        categories=["FU201"],
        components=["VA001", "VA004"],
        satellites=[[10, 40]],
        stressors=["employment"],
        satellite_units={"employment": "persons"},
        unit="CNY",
    )


def test_two_sector_output_impact_matches_the_leontief_inverse(mb: IOTable) -> None:
    # L = [[1.2541, 0.3300], [0.2640, 1.1221]] (Miller & Blair 2009, eq. 2.14 example)
    y = shock_matrix(mb, [Shock("s1", unit="CNY", kind="final_demand", final_demand={"1": 100.0})])
    res = impacts(mb, y)
    out = res[res.measure == "output"].set_index("sector")["value"]
    assert out["1"] == pytest.approx(125.41, abs=0.01)
    assert out["2"] == pytest.approx(26.40, abs=0.01)
    emp = res[res.measure == "employment"].set_index("sector")["value"]
    assert emp["1"] == pytest.approx(out["1"] * 10 / 1000)  # 10 persons per 1000 of output
    income = res[res.measure == "income"]["value"].sum()
    assert income == pytest.approx(out["1"] * 300 / 1000 + out["2"] * 700 / 2000)


def test_batch_equals_single_solves(mb: IOTable) -> None:
    shocks = [
        Shock(f"s{k}", unit="CNY", kind="final_demand", final_demand={"1": float(k), "2": 2.0 * k})
        for k in range(1, 6)
    ]
    batch = impacts(mb, shock_matrix(mb, shocks))
    for s in shocks:
        one = impacts(mb, shock_matrix(mb, [s]))
        a = batch[batch.scenario == s.name].set_index(["sector", "measure"])["value"]
        b = one.set_index(["sector", "measure"])["value"]
        assert np.allclose(a.sort_index(), b.sort_index(), rtol=1e-12)


def test_investment_follows_gfcf_mix_and_imports_leak() -> None:
    t = IOTable.from_nbs(2020, 42)
    y = shock_matrix(t, [Shock("jl", 1.0e10, "CNY", region="220000")])["jl"]
    gfcf_dom, gfcf_imp = t.Y["FU201"].clip(lower=0), t.Ym["FU201"].clip(lower=0)
    expected_total = 1.0e6 * gfcf_dom.sum() / (gfcf_dom.sum() + gfcf_imp.sum())  # CNY 10k
    assert y.sum() == pytest.approx(expected_total)
    assert 0.8e6 < y.sum() < 1.0e6  # most of China's investment goods are made at home
    assert y.idxmax() == t.Y["FU201"].idxmax()  # construction dominates GFCF
    summary = impact_summary(impacts(t, y.to_frame()))
    out = summary.set_index("measure").loc["output", "per_unit_shock"]
    assert 2.0 < out < 4.0


def test_mix_shock_validates_shares_and_sectors(mb: IOTable) -> None:
    with pytest.raises(InputError, match="sum to"):
        shock_matrix(mb, [Shock("m", 10.0, "CNY", "mix", {"1": 0.5, "2": 0.4})])
    with pytest.raises(InputError, match="Unknown sector '9'"):
        shock_matrix(mb, [Shock("m", 10.0, "CNY", "mix", {"9": 1.0})])
    y = shock_matrix(mb, [Shock("m", 10.0, "CNY", "mix", {"1": 0.25, "2": 0.75})])["m"]
    assert y.tolist() == pytest.approx([2.5, 7.5])  # no imports in this table


def test_sector_names_resolve_and_suggest() -> None:
    t = IOTable.from_nbs(2020, 42)
    y = shock_matrix(
        t, [Shock("c", unit="亿元", kind="final_demand", final_demand={"Construction": 1.0})]
    )["c"]
    code = t.sectors.index[t.sectors["name_en"] == "Construction"][0]
    assert y[code] == pytest.approx(1e4)  # 1 亿元 = 10,000 万元
    with pytest.raises(InputError, match="Closest") as info:
        shock_matrix(t, [Shock("c", kind="final_demand", final_demand={"Constructoin": 1})])
    assert f"{code} (construction)" in str(info.value)


def test_yaml_scenarios(tmp_path: Path) -> None:
    good = tmp_path / "s.yaml"
    good.write_text(
        "table: {year: 2020, sectors: 42}\n"
        "scenarios:\n"
        "  - name: jilin\n    region: 吉林\n    investment: 1.0e10\n"
        "  - name: cars\n    final_demand: {'18': 2.0e9}\n",
        encoding="utf-8",
    )
    opts, shocks = read_shocks(good)
    assert opts == {"year": 2020, "sectors": 42}
    assert [s.kind for s in shocks] == ["investment", "final_demand"]
    assert shocks[0].region == "220000"

    bad = tmp_path / "bad.yaml"
    bad.write_text("scenarios:\n  - name: x\n    investmnet: 5\n", encoding="utf-8")
    with pytest.raises(MalformedFileError, match="unknown keys"):
        read_shocks(bad)
    broken = tmp_path / "broken.yaml"
    broken.write_text("scenarios: [\n  - a: 1\n", encoding="utf-8")
    with pytest.raises(MalformedFileError, match="not valid YAML"):
        read_shocks(broken)
    region = tmp_path / "region.yaml"
    region.write_text("scenarios:\n  - investment: 1\n    region: Jilinn\n", encoding="utf-8")
    with pytest.raises(UnknownRegionError):
        read_shocks(region)


def test_mix_on_products_without_investment_keeps_their_domestic_share() -> None:
    # Agriculture (01) and public administration (42 sectors: 40 = education) have little
    # or no GFCF; their share of final demand bought at home applies instead of zero.
    t = IOTable.from_nbs(2020, 42)
    y = shock_matrix(t, [Shock("m", 1.0e10, "CNY", "mix", {"01": 0.5, "40": 0.5})])["m"]
    assert 0.9e6 < y.sum() <= 1.0e6  # CNY 10k: almost all bought from Chinese producers
