"""Published check figures of the curated census and WPP 2024 tables."""

from __future__ import annotations

import pytest

from revitalize.data import load_table
from revitalize.data.catalogue import catalogue


@pytest.fixture(scope="module")
def census() -> object:
    c = load_table("census_population_age_sex")
    return c.assign(region=c["region"].astype(str))


def test_census_totals_match_the_communiques(census) -> None:  # type: ignore[no-untyped-def]
    tot = census.groupby(["region", "year"])["value"].sum()
    # 7th census: Liaoning 42,591,407, Jilin 24,073,453, Heilongjiang 31,850,088;
    # sum of 31 provinces 1,409,778,724 (the national total 1,411,778,724 includes 2 million
    # active military personnel); 6th census Liaoning 43,746,323
    assert tot[("210000", 2020)] == 42_591_407
    assert tot[("220000", 2020)] == 24_073_453
    assert tot[("230000", 2020)] == 31_850_088
    assert tot[("100000", 2020)] == 1_409_778_724
    assert tot[("210000", 2010)] == 43_746_323
    assert census.groupby(["region", "year", "sex"]).size().eq(19).all()
    assert (census["source"].str.len() > 0).all()


def test_wpp_values_as_published() -> None:
    w = load_table("wpp2024_china")
    tfr = w[(w["indicator"] == "tfr") & (w["variant"] == "estimates")].set_index("period")
    assert tfr.loc["2020", "value"] == pytest.approx(1.236, abs=5e-4)
    assert tfr.loc["2023", "value"] == pytest.approx(0.999, abs=5e-4)
    pasfr = w[w["indicator"] == "pasfr"].groupby("period")["value"].sum()
    assert pasfr.between(99.9, 100.1).all()
    assert set(w["unit"]) >= {"per person-year", "%", "thousands"}


def test_catalogue_entries_name_origin_and_licence() -> None:
    cat = catalogue()
    for ds in ("census_population_age_sex", "census_province_indicators", "wpp2024_china"):
        info = cat[ds]
        assert info.kind == "table" and info.origin and info.licence and info.vintages
