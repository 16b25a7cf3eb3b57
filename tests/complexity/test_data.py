"""Bundled activity matrices, their resolution, and the SEI mapping."""

from __future__ import annotations

import pandas as pd
import pytest

from revitalize.complexity.checks import ComplexityInputError
from revitalize.complexity.matrices import activity_matrix, activity_panel, location_names
from revitalize.complexity.sei import sections, sei_by_section, sei_categories
from revitalize.data import load_table


def test_employment_census_2020_known_values() -> None:
    t = load_table("employment_sections")
    ln = t[(t.year == 2020) & (t.region == 210000)]
    # SOURCE.md: Liaoning 2020 = 1,799,414 employed in the long-form sample
    assert ln["value"].sum() == 1_799_414
    assert set(t["level"]) == {"province", "prefecture"}
    assert t.groupby(["year", "level"])["region"].nunique()[(2020, "province")] == 31
    assert t.groupby(["year", "level"])["region"].nunique()[(2010, "prefecture")] >= 330
    assert t["source"].str.contains("census").all()


def test_2010_sections_relabelled_by_content() -> None:
    t = load_table("employment_sections")
    sy = t[(t.region == 210000) & (t.year == 2010)].set_index("section")["value"]
    # 2010 wholesale/retail (garbled header 信息传输、批发和零售业) is larger than transport
    assert sy["F"] > sy["G"] > sy["I"]


def test_fai_derived_years_are_flagged() -> None:
    t = load_table("fai_sections")
    assert (t.loc[t.year >= 2018, "derived"]).all()
    assert not (t.loc[t.year <= 2017, "derived"]).any()
    assert set(t.loc[t.derived, "vintage"]) == {"derived_growth"}
    ln17 = t[(t.region == 210000) & (t.year == 2017)]["value"].sum()
    assert ln17 == pytest.approx(6677, rel=0.02)  # SOURCE.md: Liaoning 2017 = 6,677 亿元


@pytest.mark.parametrize("source,level", [("employment", "province"),
                                          ("employment", "prefecture"),
                                          ("fai", "province"),
                                          ("industrial_output", "province")])
def test_every_matrix_states_its_resolution(source: str, level: str) -> None:
    m = activity_matrix(source, level)
    assert level in m.attrs["resolution"]
    assert (m.sum(axis=1) > 0).all() and (m.sum(axis=0) > 0).all()
    p = activity_panel(source, level)
    assert (p["resolution"] == m.attrs["resolution"]).all()


def test_matrix_bad_requests() -> None:
    with pytest.raises(ComplexityInputError, match="Unknown activity source"):
        activity_matrix("exports")
    with pytest.raises(ComplexityInputError, match="Available years"):
        activity_matrix("employment", "province", 2015)


def test_sei_nine_categories_not_separable() -> None:
    s = sei_categories()
    assert len(s) == 9 and not s["separable"].any()
    assert s.loc[s.id == "sei5", "zh"].item() == "新能源汽车产业"
    assert set(sei_by_section()) <= set(sections().index)
    assert len(sections()) == 20


def test_location_names_fall_back_to_census_names() -> None:
    n = location_names(["220100", "130100"], "en")
    assert n["220100"] == "Changchun" and n["130100"] == "石家庄市"


def test_opportunity_attributes_join_and_weights() -> None:
    from revitalize.complexity.opportunities import opportunity_table

    m = activity_matrix("employment", "province", 2020)
    att = pd.DataFrame({"co2": range(m.shape[1])}, index=m.columns)
    base = opportunity_table(m, "220000")
    heavy = opportunity_table(m, "220000", attributes=att,
                              weights={"density": 0.0, "pci": 0.0, "cog": 0.0, "co2": -1.0})
    assert "co2" in heavy
    assert heavy["co2"].is_monotonic_increasing  # only CO2 counts, lower is better
    assert set(base["activity"]) == set(heavy["activity"])
    with pytest.raises(ComplexityInputError, match="unknown column"):
        opportunity_table(m, "220000", weights={"jobs": 1.0})
    with pytest.raises(ComplexityInputError, match="not a location"):
        opportunity_table(m, "220100")


def test_feasibility_chart_data() -> None:
    from revitalize.complexity.opportunities import feasibility_chart_data, opportunity_table

    m = activity_matrix("employment", "province", 2020)
    f = feasibility_chart_data(m, "210000")
    assert len(f) == m.shape[1]
    assert f["size_share"].sum() == pytest.approx(1.0)
    assert f["x_distance"].between(0, 1).all()
    opp = opportunity_table(m, "210000")
    assert set(opp["activity"]) == set(f.loc[~f["present"], "activity"])
    assert "province" in f.attrs["resolution"]
