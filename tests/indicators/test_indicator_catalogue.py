"""The indicator catalogue: every pillar covered, no-data indicators listed, values."""

from __future__ import annotations

import pandas as pd
import pytest

from revitalize.exceptions import InputError
from revitalize.indicators import PILLARS, indicator, indicator_catalogue, indicator_values
from revitalize.indicators.catalogue import indicator_table

PILLAR_IDS = ["economy", "innovation", "emerging", "agriculture", "energy", "openness",
              "population", "ecology"]


def test_the_eight_policy_pillars() -> None:
    assert list(PILLARS) == PILLAR_IDS
    cat = indicator_catalogue()
    for p in PILLAR_IDS:
        assert any(i.pillar == p for i in cat.values()), p


def test_pillars_with_data_and_openness_without() -> None:
    cat = indicator_catalogue().values()
    with_data = {i.pillar for i in cat if i.has_data}
    assert with_data == set(PILLAR_IDS) - {"openness"}
    openness = [i for i in cat if i.pillar == "openness"]
    assert openness and all(not i.has_data and i.feeds_from for i in openness)


def test_no_data_indicators_have_no_values_and_say_why() -> None:
    ind = indicator("trade_to_gdp")
    with pytest.raises(InputError, match="customs"):
        indicator_values("trade_to_gdp")
    assert "GACC" in ind.feeds_from
    tab = indicator_table()
    assert set(tab.loc[tab.status == "no_data", "formula"]) == {""}


def test_unknown_indicator_suggests() -> None:
    with pytest.raises(InputError, match="rd_intensity"):
        indicator("rd_intensty")


@pytest.fixture(scope="module")
def values() -> pd.DataFrame:
    return indicator_values(years=(2016, 2018))


def test_values_are_tidy_and_cover_the_31_provinces(values: pd.DataFrame) -> None:
    assert list(values.columns) == ["region", "indicator", "pillar", "year", "value", "unit"]
    assert values["region"].nunique() == 31
    assert values["value"].notna().all()
    assert not values.duplicated(["region", "indicator", "year"]).any()


def test_grain_matches_the_published_nbs_figures(values: pd.DataFrame) -> None:
    # NBS 2018 grain output (10k t): Heilongjiang 7,506.8; Jilin 3,632.7; Liaoning
    # 2,192.5; national 65,789.2 (fabio_chn_crops_province/SOURCE.md)
    v = values[(values.indicator == "grain_output") & (values.year == 2018)]
    got = v.set_index("region")["value"]
    assert got["230000"] == pytest.approx(7506.8, abs=0.05)
    assert got["220000"] == pytest.approx(3632.7, abs=0.05)
    assert got["210000"] == pytest.approx(2192.5, abs=0.06)
    share = values[(values.indicator == "grain_share_nation") & (values.year == 2018)]
    hl = share.set_index("region").loc["230000", "value"]
    assert hl == pytest.approx(100 * 7506.8 / 65789.2, abs=0.01)


def test_ratios_follow_their_formula(values: pd.DataFrame) -> None:
    from revitalize.data import load

    gdp = load("gdp", regions="LN", periods=2018, indicators="gdp,gdp_tertiary", totals=False)
    g = gdp.set_index("indicator")["value"]
    v = values[(values.region == "210000") & (values.year == 2018)].set_index("indicator")
    assert v.loc["tertiary_share", "value"] == pytest.approx(
        100 * g["gdp_tertiary"] / g["gdp"])
    assert v.loc["share_65_plus", "unit"] == "%"
    assert indicator("share_65_plus").direction == "lower"
