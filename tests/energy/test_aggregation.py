"""Time aggregation preserves energy (:mod:`revitalize.energy.aggregation`)."""

from __future__ import annotations

import numpy as np
import pytest

pytest.importorskip("pypsa")
pytest.importorskip("highspy")

from energy_cases import make_inputs

from revitalize.energy.aggregation import aggregate, parse_resolution
from revitalize.energy.network import build_network
from revitalize.energy.run import solve
from revitalize.exceptions import InputError


def _energy(frame, weights):  # type: ignore[no-untyped-def]
    return frame.mul(weights, axis=0).sum()


@pytest.mark.parametrize("resolution", [3, "4h", "24h", "5h", "typical:3"])
def test_aggregation_preserves_energy_totals(resolution: str | int) -> None:
    inp = make_inputs(hours=168)
    agg = aggregate(inp, resolution)
    w0, w1 = inp.snapshot_hours, agg.snapshot_hours
    assert w1.sum() == pytest.approx(168)
    np.testing.assert_allclose(_energy(agg.load, w1), _energy(inp.load, w0), rtol=1e-12)
    np.testing.assert_allclose(_energy(agg.cf, w1), _energy(inp.cf, w0), rtol=1e-12)
    assert (agg.peak == inp.load.max()).all()
    assert len(agg.snapshots) < len(inp.snapshots)


def test_parse_resolution() -> None:
    assert parse_resolution(None) == ("hourly", 1)
    assert parse_resolution("1h") == ("hourly", 1)
    assert parse_resolution("3h") == ("nhourly", 3)
    assert parse_resolution(6) == ("nhourly", 6)
    assert parse_resolution("typical:12") == ("typical", 12)
    with pytest.raises(InputError, match="typical:N"):
        parse_resolution("weekly")


def test_typical_days_need_whole_days() -> None:
    with pytest.raises(InputError, match="whole days"):
        aggregate(make_inputs(hours=50), "typical:2")


def test_solved_energy_totals_match_across_resolutions() -> None:
    inp = make_inputs(hours=168)
    served = {}
    for res in (None, "3h"):
        n = build_network(inp, extendable=(), resolution=res)
        r = solve(n)
        served[res] = r.generation.to_numpy().sum() + r.unserved.sum()
        assert n.snapshot_weightings.generators.sum() == pytest.approx(168)
    load = inp.load.to_numpy().sum()
    # generation covers load exactly (no storage, no exchange, lossless corridors)
    assert served[None] == pytest.approx(load, rel=1e-6)
    assert served["3h"] == pytest.approx(load, rel=1e-6)
