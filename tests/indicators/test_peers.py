"""Peers and disparities."""

from __future__ import annotations

import numpy as np
import pytest

from revitalize.exceptions import InputError
from revitalize.indicators.peers import (
    coefficient_of_variation,
    disparities,
    nearest_peers,
    peer_distances,
    theil_index,
)


def test_theil_and_cv_by_hand() -> None:
    assert theil_index(np.array([5.0, 5.0, 5.0])) == pytest.approx(0.0)
    # two units, one with all: T = ln 2 when the other has (almost) nothing
    assert theil_index(np.array([1.0, 3.0])) == pytest.approx(
        0.5 * (0.5 * np.log(0.5) + 1.5 * np.log(1.5)))
    # population-weighted: s = (0.25, 0.75), p = (0.5, 0.5)
    t = theil_index(np.array([1.0, 3.0]), np.array([1.0, 1.0]))
    assert t == pytest.approx(0.25 * np.log(0.5) + 0.75 * np.log(1.5))
    assert coefficient_of_variation(np.array([1.0, 3.0])) == pytest.approx(0.5)
    with pytest.raises(InputError):
        theil_index(np.array([0.0, 1.0]))


def test_distances_symmetric_zero_diagonal() -> None:
    d = peer_distances(2019)
    np.testing.assert_allclose(d.to_numpy(), d.to_numpy().T)
    np.testing.assert_allclose(np.diag(d.to_numpy()), 0.0)
    assert d.shape == (31, 31)


def test_nearest_peers_sorted_and_exclude_self() -> None:
    p = nearest_peers("JL", 2019, k=4)
    assert len(p) == 4 and "220000" not in set(p["peer"])
    assert p["distance"].is_monotonic_increasing
    with pytest.raises(InputError):
        nearest_peers("JL", 2019, k=0)


def test_disparities_within_the_northeast() -> None:
    d = disparities(2019)
    row = d.set_index("indicator").loc["gdp_per_capita"]
    assert row["min"] <= row["mean"] <= row["max"]
    assert 0 < row["cv"] < 1 and row["theil"] > 0
