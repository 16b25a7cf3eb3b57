"""Multi-regional model: gravity trade, construction, feedback/spillover, CHARM."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from revitalize.exceptions import InvalidTableError, UnknownRegionError
from revitalize.inputoutput import regionalize
from revitalize.inputoutput.mrio import (
    MRIO,
    REST,
    build_mrio,
    capital_distances,
    charm,
    charm_heterogeneity,
    decompose_multipliers,
    gravity_trade_shares,
    leakage,
    multiplier_table,
    round_decomposition,
)

SECTORS = ["s1", "s2", "s3"]
A_N = pd.DataFrame(
    [[0.10, 0.20, 0.05], [0.30, 0.10, 0.20], [0.05, 0.15, 0.25]], index=SECTORS, columns=SECTORS
)
X_N = pd.Series([1000.0, 800.0, 1200.0], index=SECTORS)
X_R = pd.DataFrame(
    {"LN": [60.0, 20.0, 40.0], "JL": [20.0, 30.0, 10.0], "HL": [40.0, 10.0, 20.0]}, index=SECTORS
)


def _three() -> MRIO:
    return build_mrio(A_N, X_R, X_N, delta=0.3)


def test_capital_distances() -> None:
    d = capital_distances(["LN", "JL", "HL"])
    assert list(d.index) == ["LN", "JL", "HL", REST] and list(d.columns) == ["LN", "JL", "HL"]
    sq = d.loc[["LN", "JL", "HL"]].to_numpy()
    np.testing.assert_allclose(sq, sq.T)
    assert (np.diag(sq) == 0).all()
    # Shenyang-Changchun and Changchun-Harbin are about 270 and 240 km apart in a line
    assert 250 < d.loc["LN", "JL"] < 290 and 220 < d.loc["JL", "HL"] < 260
    with pytest.raises(InvalidTableError, match="No capital coordinates"):
        capital_distances(["Shanghai"])
    with pytest.raises(UnknownRegionError):
        capital_distances(["Atlantis"])


def test_haversine_quarter_meridian() -> None:
    from revitalize.inputoutput.mrio import _great_circle_km

    assert _great_circle_km((0.0, 0.0), (90.0, 0.0)) == pytest.approx(math.pi / 2 * 6371.0088)


def test_gravity_shares_by_hand() -> None:
    """Two regions a, b and the rest; one product; supplies 1, 2, 7.

    Into a from b (distance 100) and rest (distance 200), beta = 1:
    weights 2/100 = .02 and 7/200 = .035, so t = .02/.055 = 4/11 and 7/11 (by hand).
    """
    supply = pd.DataFrame([[1.0, 2.0, 7.0]], columns=["a", "b", REST])
    dist = pd.DataFrame([[0.0, 100.0], [100.0, 0.0], [200.0, 300.0]],
                        index=["a", "b", REST], columns=["a", "b"])  # fmt: skip
    t = gravity_trade_shares(supply, dist, beta=1.0)
    assert t.shape == (3, 2, 1)
    np.testing.assert_allclose(t[:, 0, 0], [0.0, 4 / 11, 7 / 11])
    np.testing.assert_allclose(t[:, 1, 0], [(1 / 100) / (1 / 100 + 7 / 300), 0.0,
                                            (7 / 300) / (1 / 100 + 7 / 300)])  # fmt: skip
    # larger beta: the nearer origin gains
    assert gravity_trade_shares(supply, dist, beta=2.0)[1, 0, 0] > 4 / 11
    with pytest.raises(InvalidTableError, match="beta must be positive"):
        gravity_trade_shares(supply, dist, beta=0.0)
    with pytest.raises(InvalidTableError, match="rows must be the supply's origins"):
        gravity_trade_shares(supply, dist.iloc[:2], beta=1.0)
    with pytest.raises(InvalidTableError, match="finite and positive"):
        gravity_trade_shares(supply, dist.replace(100.0, 0.0), beta=1.0)


def test_gravity_without_other_supply_leaks_everything() -> None:
    supply = pd.DataFrame([[5.0, 0.0, 0.0]], columns=["a", "b", REST])
    dist = pd.DataFrame([[0.0, 1.0], [1.0, 0.0], [1.0, 1.0]], index=["a", "b", REST],
                        columns=["a", "b"])  # fmt: skip
    t = gravity_trade_shares(supply, dist)
    np.testing.assert_allclose(t[:, 0, 0], [0.0, 0.0, 1.0])  # nobody else makes it
    np.testing.assert_allclose(t[:, 1, 0], [1.0, 0.0, 0.0])


def test_mrio_conserves_national_coefficients() -> None:
    m = _three()
    n, A = 3, A_N.to_numpy()
    assert m.A.shape == (9, 9) and m.leak.shape == (3, 9)
    assert (m.A >= 0).all() and (m.leak >= 0).all()
    for s in m.regions:
        total = sum(m.block(r, s) for r in m.regions) + m.leak[:, m.regions.index(s) * n :][:, :n]
        np.testing.assert_allclose(total, A, atol=1e-15)
        assert (m.block(s, s) <= A).all()
    expected = regionalize.regional_coefficients(
        A, regionalize.flq(X_R["JL"].to_numpy(), X_N.to_numpy(), 0.3)
    )
    np.testing.assert_allclose(m.block("JL", "JL"), expected)
    assert m.frame().loc[("LN", "s1"), ("JL", "s2")] == m.block("LN", "JL")[0, 1]


@pytest.mark.parametrize("method", ["slq", "cilq", "flq", "aflq"])
def test_mrio_methods(method: str) -> None:
    m = build_mrio(A_N, X_R, X_N, method=method)
    for s in m.regions:
        assert (m.block(s, s) <= A_N.to_numpy() + 1e-15).all()


def test_decomposition_adds_up_exactly() -> None:
    m = _three()
    d = decompose_multipliers(m)
    np.testing.assert_allclose(d.intra + d.feedback + d.spillover, d.total, rtol=0, atol=1e-14)
    np.testing.assert_allclose(d.total, np.linalg.inv(np.eye(9) - m.A), atol=1e-12)
    assert (d.feedback >= -1e-15).all() and (d.spillover >= 0).all()
    tab = multiplier_table(m)
    np.testing.assert_allclose(tab[["intra", "feedback", "spillover"]].sum(axis=1), tab["total"])
    assert (tab["leak"] > 0).all() and list(tab.index.names) == ["region", "sector"]


def test_two_region_one_sector_feedback_by_hand() -> None:
    """A = [[.2, .1], [.3, .4]] (region 1, region 2; one sector each), computed by hand:
    det(I - A) = .8 * .6 - .1 * .3 = .45; L11 = .6/.45 = 4/3; intra = 1/.8 = 1.25;
    feedback = L11 - 1.25 = 1/12 (= a12 a21 / ((1 - a11) det) = .03/.36);
    spillover L21 = .3/.45 = 2/3. Not a published example."""
    m = MRIO(("r1", "r2"), ("x",), np.array([[0.2, 0.1], [0.3, 0.4]]), np.zeros((1, 2)),
             np.ones(2))  # fmt: skip
    d = decompose_multipliers(m)
    assert d.intra[0, 0] == pytest.approx(1.25) and d.feedback[0, 0] == pytest.approx(1 / 12)
    assert d.spillover[1, 0] == pytest.approx(2 / 3) and d.total[0, 0] == pytest.approx(4 / 3)
    assert d.feedback[1, 0] == 0 and d.spillover[0, 0] == 0
    r = round_decomposition(m)
    # two regions: the open loop is the direct spillover, the closed loop the feedback
    np.testing.assert_allclose(r.M2, [[1, 0.1 / 0.8], [0.3 / 0.6, 1]])
    np.testing.assert_allclose(r.M1 + r.spillover + r.feedback, d.total, atol=1e-14)


def test_round_decomposition_reproduces_inverse() -> None:
    m = _three()
    r = round_decomposition(m)
    L = decompose_multipliers(m).total
    np.testing.assert_allclose(r.M3 @ r.M2 @ r.M1, L, atol=1e-13)
    np.testing.assert_allclose(r.M1 + r.spillover + r.feedback, L, atol=1e-13)


def test_single_region_has_no_feedback() -> None:
    m = build_mrio(A_N, X_R[["JL"]], X_N)
    d = decompose_multipliers(m)
    assert not d.feedback.any() and not d.spillover.any()
    np.testing.assert_allclose(leakage(m)["other_regions"], 0.0)


def test_leakage_shares() -> None:
    lk = leakage(_three())
    assert list(lk.index) == ["LN", "JL", "HL"]
    np.testing.assert_allclose(lk[["intra", "other_regions", "rest"]].sum(axis=1), 1.0)
    assert ((lk[["intra", "other_regions", "rest"]] >= 0) & (lk <= 1)).all().all()
    assert (lk["leak_per_unit"] > 0).all()


def test_build_mrio_errors() -> None:
    with pytest.raises(InvalidTableError, match="Unknown LQ method"):
        build_mrio(A_N, X_R, X_N, method="lq")
    with pytest.raises(InvalidTableError, match=r"regional_output rows differ.*other order"):
        build_mrio(A_N, X_R.iloc[::-1], X_N)
    with pytest.raises(InvalidTableError, match="national_output differ"):
        build_mrio(A_N, X_R, X_N.rename({"s3": "s9"}))
    with pytest.raises(InvalidTableError, match="more of sector 's1' than the nation"):
        build_mrio(A_N, X_R * 10, X_N)
    with pytest.raises(InvalidTableError, match="lacks some origin"):
        build_mrio(A_N, X_R, X_N, distance=capital_distances(["LN", "JL", "HL"]).iloc[:3])
    with pytest.raises(InvalidTableError, match="must be non-negative"):
        build_mrio(A_N, X_R.assign(LN=[-1.0, 1.0, 1.0]), X_N)


def test_charm_by_hand() -> None:
    """National: x = 100, z = 50, f = 70, e = 10, m = 30 (x + m = z + f + e = 130);
    h = (40 - 20) / 220 = 1/11. Region: x = 10, z = 4, f = 9: b = -3, q = 23/11,
    v = 3 + 23/11 = 56/11, e = (56/11 - 3)/2 = 23/22, m = (56/11 + 3)/2 = 89/22
    (computed by hand for this test)."""
    h = charm_heterogeneity([100.0], [50.0], [70.0], [10.0], [30.0])
    np.testing.assert_allclose(h, [1 / 11])
    out = charm([10.0], [4.0], [9.0], h)
    np.testing.assert_allclose(out.loc[0, ["balance", "cross_hauling", "volume"]],
                               [-3.0, 23 / 11, 56 / 11])  # fmt: skip
    assert out.loc[0, "exports"] == pytest.approx(23 / 22)
    assert out.loc[0, "imports"] == pytest.approx(89 / 22)
    assert 10 + out.loc[0, "imports"] == pytest.approx(4 + 9 + out.loc[0, "exports"])
    with pytest.raises(InvalidTableError, match="one length"):
        charm([1.0, 2.0], [1.0], [1.0], [0.1])
    with pytest.raises(InvalidTableError, match="gross trade flows"):
        charm_heterogeneity([1.0], [1.0], [1.0], [-1.0], [1.0])


def test_northeast_mrio_from_the_2020_table() -> None:
    """LN, JL, HL, 42 sectors: national 2020 domestic coefficients (NBS, via ionet),
    provincial output from the curated GDP by branch; checks only accounting identities."""
    from revitalize.inputoutput.table import IOTable

    t = IOTable.from_nbs(2020, 42, satellites=())
    x = t.x / 1e4  # 10,000 CNY -> CNY 100m
    A = t.A
    va = t.V.sum(axis=0) / 1e4
    outs = {p: regionalize.provincial_sector_output(p, 2020, va, x)["output"]
            for p in ("LN", "JL", "HL")}  # fmt: skip
    m = build_mrio(A, pd.DataFrame(outs), x)
    d = decompose_multipliers(m)
    np.testing.assert_allclose(d.intra + d.feedback + d.spillover, d.total, atol=1e-13)
    lk = leakage(m)
    assert ((lk["rest"] > 0.3) & (lk["rest"] < 0.9)).all()
    assert (d.total.sum(axis=0) >= 1).all()
