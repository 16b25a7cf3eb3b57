"""`NetworkInputs` validation and selection."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from energy_cases import make_inputs

from revitalize.exceptions import InputError


def test_valid_inputs_and_views() -> None:
    inp = make_inputs(hours=48, chp=0.3)
    assert inp.snapshots.size == 48
    assert inp.snapshot_hours.sum() == 48
    assert inp.installed("coal").tolist() == [1200.0, 1200.0]
    assert inp.installed("gas").sum() == 0
    assert inp.potential("210000", "coal") == float("inf")
    assert inp.potential("210000", "wind") == 5000.0
    share = inp.chp_share()
    assert share.shape == (48, 2) and (share == 0.3).all().all()  # January


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"load": "drop-bus"}, "no column for bus"),
        ({"cf": "too-high"}, "within \\[0, 1\\]"),
        ({"corridors": "stray"}, "unknown bus"),
        ({"capacity": "unknown-carrier"}, "unknown carrier"),
        ({"chp_min": "bad-share"}, "chp_min"),
    ],
)
def test_bad_inputs_raise_with_hint(change: dict[str, str], match: str) -> None:
    good = make_inputs(hours=24)
    what = next(iter(change.values()))
    if what == "drop-bus":
        kw = {"load": good.load.drop(columns="220000")}
    elif what == "too-high":
        kw = {"cf": good.cf * 2 + 0.5}
    elif what == "stray":
        kw = {
            "corridors": pd.DataFrame(
                [{"bus0": "210000", "bus1": "999999", "p_nom_mw": 1.0, "length_km": 1.0}]
            )
        }
    elif what == "unknown-carrier":
        kw = {"capacity": good.capacity.assign(biomass=1.0)}
    else:
        kw = {"chp_min": good.chp_min + 1.5}
    with pytest.raises(InputError, match=match):
        good.replace(**kw)


def test_missing_profile_for_installed_wind_is_explained() -> None:
    good = make_inputs(hours=24)
    with pytest.raises(InputError, match="Add the column to cf"):
        good.replace(cf=good.cf.drop(columns=("wind", "220000")))


def test_select_keeps_the_hourly_peak() -> None:
    inp = make_inputs(hours=72)
    sub = inp.select(slice("2023-01-09 00:00", "2023-01-09 05:00"))
    assert len(sub.snapshots) == 6
    assert (sub.peak == inp.load.max()).all()
    assert len(inp.select(10).snapshots) == 10
    with pytest.raises(InputError, match="not in the inputs"):
        inp.select(pd.DatetimeIndex(["2030-01-01"]))
    assert np.isfinite(sub.cf.to_numpy()).all()
