"""Shocks on the Northeast MRIO: where demand lands, spillovers, accounting."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from revitalize.exceptions import InputError
from revitalize.inputoutput.impact import Shock, shock_matrix
from revitalize.inputoutput.mrio_impact import (
    RegionalModel,
    distribute_final_demand,
    northeast_model,
    regional_impacts,
)


@pytest.fixture(scope="module")
def model() -> RegionalModel:
    return northeast_model(2020)


def test_final_demand_is_split_without_loss(model: RegionalModel) -> None:
    n = len(model.mrio.sectors)
    y = np.random.default_rng(0).random((n, 3))
    y_mrio, outside = distribute_final_demand(model, "JL", y)
    total = y_mrio.reshape(3, n, 3).sum(axis=0) + outside
    np.testing.assert_allclose(total, y, rtol=1e-12)
    assert (y_mrio >= 0).all() and (outside >= 0).all()


def test_a_jilin_project_spills_over_to_the_neighbours(model: RegionalModel) -> None:
    s = shock_matrix(
        model.national, [Shock("jl", 1.0e10, "CNY", "mix", {"19": 0.6, "16": 0.2, "27": 0.2})]
    )
    r = regional_impacts(model, "JL", s)
    out = r[r.measure == "output"].groupby("region")["value"].sum()
    fd = r[r.measure == "final_demand"].groupby("region")["value"].sum()
    assert out["220000"] > fd["220000"]  # the multiplier works in Jilin
    assert out["210000"] > fd["210000"] > 0 and out["230000"] > fd["230000"] > 0
    assert out["220000"] > 10 * out["210000"]  # most of the effect stays in Jilin
    # demand on the model plus outside purchases = the domestic demand of the shock (亿元)
    landed = fd.sum() + r[r.measure == "outside_purchases"]["value"].sum()
    assert landed == pytest.approx(s["jl"].sum() / 1e4)


def test_unknown_region_is_an_error(model: RegionalModel) -> None:
    with pytest.raises(InputError, match="not a region of this model"):
        distribute_final_demand(model, "Shanghai", np.ones(42))
    with pytest.raises(InputError, match="indexed by the table's sectors"):
        regional_impacts(model, "LN", pd.DataFrame({"a": np.ones(3)}))
