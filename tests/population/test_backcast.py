"""Validation: 2020 census -> end of 2024 against NBS year-end resident population."""

from __future__ import annotations

from revitalize.population.validation import backcast

#: Stated tolerances (per cent of the reported 2024 population). With no migration the
#: projection is within 2.5 % in every province; continuing the 2010-2020 outflow pace
#: overshoots the decline by up to 6 % (the outflow slowed after 2020).
TOL_STOPS = 2.5
TOL_CONTINUES = 6.0


def test_backcast_2024_error_per_province() -> None:
    df = backcast()
    print("\n" + df.to_string(index=False, float_format=lambda v: f"{v:,.2f}"))
    err = df.set_index(["migration", "region"])["error_pct"]
    assert err["outflow-stops"].abs().max() <= TOL_STOPS
    assert err["outflow-continues"].abs().max() <= TOL_CONTINUES
    # the reported figure lies between the two outflow scenarios in Jilin and
    # Heilongjiang: out-migration went on after 2020, but slower than in 2010-2020
    for code in ("220000", "230000"):
        assert err[("outflow-continues", code)] < 0 < err[("outflow-stops", code)]
