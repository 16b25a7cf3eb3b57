"""Integration: inputs from the curated data and the 2023 backcast (24-hourly, ~5 s)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pypsa")
pytest.importorskip("highspy")

from revitalize.exceptions import InputError


@pytest.fixture(scope="module")
def inputs_2023():  # type: ignore[no-untyped-def]
    try:
        from revitalize.data import energy_inputs  # noqa: F401
        from revitalize.energy.inputs import NetworkInputs

        return NetworkInputs.from_data(2023)
    except (ImportError, InputError, FileNotFoundError) as err:  # pragma: no cover
        pytest.skip(f"curated energy data not available ({err})")


def test_inputs_from_data_match_their_sources(inputs_2023) -> None:  # type: ignore[no-untyped-def]
    from revitalize.data import energy_inputs as ei

    inp = inputs_2023
    assert inp.buses == ("210000", "220000", "230000", "mengdong")
    assert len(inp.snapshots) == 8760 and inp.currency == "CNY"
    twh = ei.annual_consumption(2023)
    np.testing.assert_allclose(inp.load.sum() / 1e6, twh[list(inp.buses)], rtol=1e-9)
    monthly = ei.monthly_capacity_factors(2023)
    got = inp.cf.groupby(inp.cf.index.month).mean()
    for col in got.columns:
        np.testing.assert_allclose(got[col].to_numpy(), monthly[col].to_numpy(), atol=1e-6)
    # pumped hydro is storage, not hydro
    assert (inp.storage > 0).sum() == 3
    assert inp.capacity.loc["210000", "hydro"] == pytest.approx(3340 - 1200)
    assert inp.select(168).snapshots.size == 168


def test_backcast_2023_against_reported(inputs_2023) -> None:  # type: ignore[no-untyped-def]
    from revitalize.energy.run import backcast

    b = backcast(2023, resolution="24h", inputs=inputs_2023)
    cmp = b.comparison
    assert set(cmp.index.get_level_values("region")) == {"210000", "220000", "230000", "mengdong"}
    hydro = cmp.xs("hydro", level="source").dropna()
    np.testing.assert_allclose(hydro.modelled_twh, hydro.reported_twh, rtol=0.02)
    assert cmp.loc[("210000", "nuclear"), "ratio"] == pytest.approx(1.0, abs=0.15)
    # thermal is within a factor of 1.5 of the statistics in each province
    thermal = cmp.xs("thermal", level="source").dropna()
    assert ((thermal.ratio > 0.6) & (thermal.ratio < 1.5)).all()
    assert b.results.unserved.sum() == pytest.approx(0.0, abs=1.0)
    assert any("wind" in note for note in b.notes)  # the missing wind series is named
