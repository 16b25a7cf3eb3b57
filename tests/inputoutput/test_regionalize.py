"""Location-quotient regionalization and provincial output by IO sector."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.regionalize import (
    GDP_AGGREGATES,
    GDP_BRANCH_TO_IO42,
    NOTES,
    aflq,
    cross_industry_lq,
    flq,
    flq_lambda,
    provincial_sector_output,
    regional_coefficients,
    regional_output_by_sector,
    simple_lq,
)

# A hand example (not published): three sectors, region = a quarter of the nation.
XR = np.array([10.0, 30.0, 60.0])
XN = np.array([100.0, 100.0, 200.0])
A_N = np.array([[0.10, 0.20, 0.05], [0.30, 0.10, 0.20], [0.05, 0.15, 0.25]])


def test_simple_lq_by_hand() -> None:
    """Shares in the region (.1, .3, .6) over shares in the nation (.25, .25, .5)."""
    slq = simple_lq(XR, XN)
    np.testing.assert_allclose(slq[:, 0], [0.4, 1.2, 1.2])
    assert (slq == slq[:, [0]]).all()  # depends on the selling sector only


def test_cilq_by_hand() -> None:
    """x^r_i / x^n_i = (.1, .3, .3); CILQ_ij = rho_i / rho_j."""
    c = cross_industry_lq(XR, XN, diagonal="one")
    np.testing.assert_allclose(c, [[1, 1 / 3, 1 / 3], [3, 1, 1], [3, 1, 1]])
    np.testing.assert_allclose(np.diag(cross_industry_lq(XR, XN)), [0.4, 1.2, 1.2])


def test_flq_lambda_by_hand() -> None:
    """TRE/TNE = 100/400: lambda* = log2(1.25)^0.3 = 0.321928^0.3
    = exp(0.3 ln 0.321928) = exp(-0.340007) = 0.711750 (by hand)."""
    assert flq_lambda(XR, XN, 0.3) == pytest.approx(math.log2(1.25) ** 0.3)
    assert flq_lambda(XR, XN, 0.3) == pytest.approx(0.711750, abs=1e-6)
    assert flq_lambda(XR, XN, 0.0) == 1.0


def test_flq_delta_zero_is_cilq_with_slq_diagonal() -> None:
    """Flegg & Webber (1997, 2000): FLQ_ij = lambda* CILQ_ij (i != j), lambda* SLQ_i (i = j);
    with delta = 0, lambda* = 1."""
    np.testing.assert_array_equal(flq(XR, XN, 0.0), cross_industry_lq(XR, XN, diagonal="slq"))
    lam = flq_lambda(XR, XN, 0.3)
    np.testing.assert_allclose(flq(XR, XN, 0.3), lam * cross_industry_lq(XR, XN))


def test_larger_delta_gives_smaller_coefficients() -> None:
    prev = regional_coefficients(A_N, flq(XR, XN, 0.0))
    for delta in (0.1, 0.3, 0.5, 1.0):
        cur = regional_coefficients(A_N, flq(XR, XN, delta))
        assert (cur <= prev + 1e-15).all() and (cur < prev).any()
        prev = cur


def test_regional_coefficients_cap() -> None:
    lq = np.array([[0.5, 2.0, 1.0], [0.0, 1.5, 0.2], [1.0, 1.0, 3.0]])
    np.testing.assert_allclose(regional_coefficients(A_N, lq), np.minimum(lq, 1) * A_N)
    assert (regional_coefficients(A_N, simple_lq(XR, XN)) <= A_N).all()


def test_aflq_raises_specialised_purchasers() -> None:
    """Flegg & Webber (2000): AFLQ_ij = FLQ_ij log2(1 + SLQ_j) where SLQ_j > 1."""
    a, f = aflq(XR, XN, 0.3), flq(XR, XN, 0.3)
    np.testing.assert_allclose(a[:, 0], f[:, 0])  # SLQ_1 = 0.4: unchanged
    np.testing.assert_allclose(a[:, 1:], f[:, 1:] * math.log2(2.2))
    assert (a >= f).all()
    xr = np.array([5.0, 80.0, 5.0])  # very specialised in sector 2
    assert aflq(xr, XN, 0.1).max() > 1  # can exceed 1 ...
    capped = regional_coefficients(A_N, aflq(xr, XN, 0.1))
    assert (capped <= A_N).all()  # ... but the cap keeps a^r <= a^n
    assert (regional_coefficients(A_N, aflq(xr, XN, 0.1), cap=False) > A_N).any()


def test_absent_sector_keeps_matrix_finite() -> None:
    xr = np.array([10.0, 0.0, 60.0])
    c = cross_industry_lq(xr, XN)
    assert np.isfinite(c).all() and (c[1] == 0).all() and (c[[0, 2], 1] == 1).all()
    assert (regional_coefficients(A_N, flq(xr, XN))[1] == 0).all()


@pytest.mark.parametrize(
    ("xr", "xn", "msg"),
    [
        ([-1.0, 2.0], [3.0, 3.0], "non-negative; regional output of sector 0 is -1"),
        ([1.0, 2.0], [3.0, -3.0], "national output of sector 1"),
        ([1.0, 2.0], [3.0, 3.0, 3.0], "same length"),
        ([1.0, 2.0], [0.0, 3.0], "no national output"),
        ([0.0, 0.0], [1.0, 3.0], "without output in every sector"),
        ([1.0, np.inf], [1.0, 3.0], "NaN or infinite"),
    ],
)
def test_bad_lq_inputs(xr: list[float], xn: list[float], msg: str) -> None:
    with pytest.raises(InvalidTableError, match=msg):
        simple_lq(xr, xn)


def test_mismatched_labels_and_bad_parameters() -> None:
    a = pd.Series([1.0, 2.0], index=["01", "02"])
    with pytest.raises(InvalidTableError, match="different sector labels"):
        flq(a, pd.Series([3.0, 3.0], index=["01", "03"]))
    with pytest.raises(InvalidTableError, match="delta must lie in"):
        flq(XR, XN, 1.5)
    with pytest.raises(InvalidTableError, match="exceeds the national total"):
        flq(XN * 2, XN, 0.3)
    with pytest.raises(InvalidTableError, match="same shape"):
        regional_coefficients(A_N, np.ones((2, 2)))
    with pytest.raises(InvalidTableError, match="non-negative"):
        regional_coefficients(A_N, -np.ones((3, 3)))
    with pytest.raises(InvalidTableError, match="Unknown diagonal"):
        cross_industry_lq(XR, XN, diagonal="zero")


# ---------------------------------------------------------------------------- sectors
def test_concordance_covers_each_sector_once() -> None:
    codes = [c for b in GDP_BRANCH_TO_IO42.values() for c in b]
    assert sorted(codes) == [f"{k:02d}" for k in range(1, 43)]
    assert sorted(b for bs in GDP_AGGREGATES.values() for b in bs) == sorted(GDP_BRANCH_TO_IO42)


def test_concordance_matches_nbs_labels() -> None:
    from revitalize.data.io_tables import io_labels

    name = io_labels(42)["name_en"].to_dict()
    want = {
        "gdp_primary": ("Agriculture",),
        "gdp_industry": ("Mining", "Exploitation", "Manufacture", "Processing", "Smelting",
                         "Other manuf", "Repair", "Production and supply"),
        "gdp_construction": ("Construction",),
        "gdp_wholesale_retail": ("Wholesale",),
        "gdp_transport_storage_post": ("Transport",),
        "gdp_accommodation_catering": ("Accommodation",),
        "gdp_finance": ("Finance",),
        "gdp_real_estate": ("Real estate",),
    }  # fmt: skip
    for branch, starts in want.items():
        for code in GDP_BRANCH_TO_IO42[branch]:
            assert name[code].startswith(starts), (branch, code, name[code])
    assert name["31"].startswith("Information") and name["42"].startswith("Public admin")


def _national() -> tuple[pd.Series, pd.Series]:
    codes = [f"{k:02d}" for k in range(1, 43)]
    va = pd.Series(np.arange(1.0, 43.0), index=codes)
    return va, va * 3.0  # VA/output = 1/3 everywhere


def test_output_by_sector_all_branches_reported() -> None:
    va, x = _national()
    gdp = pd.Series(
        {"gdp_primary": 10.0, "gdp_secondary": 40.0, "gdp_tertiary": 50.0,
         "gdp_industry": 30.0, "gdp_construction": 10.0, "gdp_wholesale_retail": 5.0,
         "gdp_transport_storage_post": 5.0, "gdp_accommodation_catering": 5.0,
         "gdp_finance": 10.0, "gdp_real_estate": 10.0, "gdp_other_services": 15.0}
    )  # fmt: skip
    out = regional_output_by_sector(gdp, va, x)
    assert list(out.index) == list(va.index)
    assert out["value_added"].sum() == pytest.approx(100.0)
    by = out.groupby("branch")["value_added"].sum()
    assert by["gdp_industry"] == pytest.approx(30.0) and by["gdp_finance"] == pytest.approx(10.0)
    # within a branch: national VA shares (sector 02 has weight 2 of sum(2..26) = 350)
    assert out.loc["02", "value_added"] == pytest.approx(30.0 * 2 / 350)
    np.testing.assert_allclose(out["output"], 3 * out["value_added"])
    assert out.attrs["notes"][: len(NOTES)] == list(NOTES)


def test_output_by_sector_missing_branches_share_the_residual() -> None:
    va, x = _national()
    gdp = pd.Series({"gdp_primary": 10.0, "gdp_secondary": 40.0, "gdp_tertiary": 50.0,
                     "gdp_construction": 8.0, "gdp_finance": 20.0})  # fmt: skip
    out = regional_output_by_sector(gdp, va, x)
    by = out.groupby("aggregate")["value_added"].sum()
    assert by.to_dict() == pytest.approx({"gdp_primary": 10, "gdp_secondary": 40,
                                          "gdp_tertiary": 50})  # fmt: skip
    assert out.loc["27", "value_added"] == pytest.approx(8.0)
    assert out.loc["02":"26", "value_added"].sum() == pytest.approx(32.0)
    assert any("not reported" in n for n in out.attrs["notes"])


def test_output_by_sector_branches_exceeding_aggregate() -> None:
    va, x = _national()
    gdp = pd.Series({"gdp_primary": 1.0, "gdp_secondary": 10.0, "gdp_tertiary": 5.0,
                     "gdp_industry": 15.0})  # fmt: skip
    out = regional_output_by_sector(gdp, va, x)
    assert out.loc["02":"26", "value_added"].sum() == pytest.approx(10.0)
    assert out.loc["27", "value_added"] == 0.0
    assert any("exceed the aggregate" in n for n in out.attrs["notes"])


def test_output_by_sector_errors() -> None:
    va, x = _national()
    with pytest.raises(InvalidTableError, match="gdp_tertiary is missing"):
        regional_output_by_sector(pd.Series({"gdp_primary": 1.0, "gdp_secondary": 1.0}), va, x)
    gdp = pd.Series({"gdp_primary": 1.0, "gdp_secondary": 1.0, "gdp_tertiary": 1.0})
    with pytest.raises(InvalidTableError, match="lacks IO sectors"):
        regional_output_by_sector(gdp, va.iloc[:40], x)
    with pytest.raises(InvalidTableError, match="differ"):
        regional_output_by_sector(gdp, va, x, concordance={"gdp_primary": ("01",)})


def test_provincial_sector_output_jilin_2020() -> None:
    """Jilin 2020 from the curated gdp dataset (first release, CNY 100m): the three
    sectors 1553.00 + 4326.22 + 6432.10 = 12311.32 are the control totals."""
    va, x = _national()
    out = provincial_sector_output("JL", 2020, va, x)
    assert out["value_added"].sum() == pytest.approx(12311.32)
    assert out.loc["01", "value_added"] == pytest.approx(1553.00)
    assert out.loc["27", "value_added"] == pytest.approx(843.59 * 4326.22 / 4344.78)
    assert any("scaled by" in n for n in out.attrs["notes"])
    assert "vintages" in out.attrs["notes"][-1]
    with pytest.raises(InvalidTableError, match="No GDP by sector"):
        provincial_sector_output("JL", 1900, va, x)
