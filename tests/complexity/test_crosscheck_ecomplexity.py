"""Cross-check against the Growth Lab's ``ecomplexity`` package (skipped if absent)."""

from __future__ import annotations

import warnings

import numpy as np
import pandas as pd
import pytest

from revitalize.complexity import complexity_table

ecomplexity = pytest.importorskip("ecomplexity")

MEASURES = ["diversity", "ubiquity", "mcp", "rca", "eci", "pci", "density", "coi", "cog"]


def _long_panel(seed: int, nt: int = 3, nl: int = 30, npr: int = 45) -> pd.DataFrame:
    rng = np.random.default_rng(seed)
    n = nt * nl * npr
    val = rng.lognormal(0, 2, n) * (rng.random(n) < 0.8)
    return pd.DataFrame({
        "year": 2000 + np.repeat(np.arange(nt), nl * npr),
        "region": np.tile(np.repeat([f"R{i:02d}" for i in range(nl)], npr), nt),
        "industry": np.tile([f"S{j:02d}" for j in range(npr)], nt * nl),
        "employed": val,
    })


COLS = {"time": "year", "loc": "region", "prod": "industry", "val": "employed"}


def _anchor(df: pd.DataFrame, **kw: object) -> pd.DataFrame:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        out = ecomplexity.ecomplexity(
            df, COLS, check_logsupermodularity=False, verbose=False, **kw
        )
    return out.sort_values(["year", "region", "industry"]).reset_index(drop=True)


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_equals_ecomplexity_to_1e8(seed: int) -> None:
    df = _long_panel(seed)
    ours = complexity_table(df, COLS)
    ref = _anchor(df)
    assert len(ours) == len(ref)
    for key in ["year", "region", "industry"]:
        assert (ours[key].to_numpy() == ref[key].to_numpy()).all()
    for c in MEASURES:
        diff = np.max(np.abs(ours[c].to_numpy(float) - ref[c].to_numpy(float)))
        assert diff < 1e-8, (c, diff)


def test_equals_ecomplexity_with_another_threshold() -> None:
    df = _long_panel(5, nt=1)
    ours = complexity_table(df, COLS, threshold=0.8)
    ref = _anchor(df, rca_mcp_threshold=0.8)
    for c in MEASURES:
        assert np.max(np.abs(ours[c].to_numpy(float) - ref[c].to_numpy(float))) < 1e-8


def test_per_capita_presence_equals_ecomplexity_rpop() -> None:
    from revitalize.complexity import complexity_matrix

    df = _long_panel(7, nt=1)
    rng = np.random.default_rng(7)
    regions = sorted(df["region"].unique())
    pop = pd.DataFrame({"year": 2000, "region": regions,
                        "pop": rng.uniform(1e5, 1e7, len(regions))})
    ref = _anchor(df, presence_test="rpop", pop=pop)
    x = df.pivot(index="region", columns="industry", values="employed")
    ours = complexity_matrix(x.to_numpy(), population=pop["pop"].to_numpy())
    assert np.max(np.abs(ours.mcp.ravel() - ref["mcp"].to_numpy(float))) == 0
    for name, arr in (("eci", np.repeat(ours.eci, x.shape[1])),
                      ("pci", np.tile(ours.pci, x.shape[0])),
                      ("density", ours.density.ravel()), ("cog", ours.cog.ravel()),
                      ("coi", np.repeat(ours.coi, x.shape[1]))):
        assert np.max(np.abs(arr - ref[name].to_numpy(float))) < 1e-8, name
