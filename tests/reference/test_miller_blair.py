
"""Published numbers from Miller & Blair (2009) and small examples computed by hand.

Miller, R.E. & Blair, P.D. (2009) *Input-Output Analysis: Foundations and Extensions*,
2nd ed., Cambridge University Press ("M&B 2009"). Pages, from the book's contents: the
two-sector example of §2.3.1 is on pp. 21-26 (Tables 2.3, 2.4, L, new final demand,
labour), the closed model of §2.5 on pp. 34-41; chapter 6 (multipliers) is pp. 238-288
in the 3rd edition (2022). The book prints results to four
decimals, so comparisons with printed numbers use ``atol=5e-5`` (half a unit in the
last printed place) or the printed rounding of a sum.

The structural decomposition example at the end is M&B's three-sector one (3rd ed., 2022,
pp. 348-351, Table 8.1; 2nd ed. §13.1), checked against its polar forms as printed in a
published worked solution. The extraction examples are *not* from a publication: each
is a tiny system whose answer is worked out by hand in the test's docstring.
"""

from __future__ import annotations

import numpy as np
import numpy.testing as npt
import pytest

from revitalize.inputoutput import core, decomposition, extraction, linkages, multipliers

# M&B 2009, ch. 2, §2.3.1, p. 21, Table 2.3 (the two-sector hypothetical example): flows,
# final demand and gross output of sectors 1 and 2.
Z_MB = np.array([[150.0, 500.0], [200.0, 100.0]])
F_MB = np.array([350.0, 1700.0])
X_MB = np.array([1000.0, 2000.0])
# Household row and column used to close the same example (M&B 2009, §2.5, pp. 34-41):
# labour-input coefficients, household consumption coefficients, household-to-household.
H_ROW_MB = np.array([0.30, 0.25])
H_COL_MB = np.array([0.05, 0.40])
H_HH_MB = 0.05


def test_table_2_3_balances() -> None:
    """M&B 2009, §2.3.1 (pp. 21-22), Table 2.3: x = Z i + f and the payments row
    v' = x' - i'Z = (650, 1400)."""
    npt.assert_allclose(core.total_output(Z_MB, F_MB), X_MB, rtol=0, atol=1e-12)
    npt.assert_allclose(core.value_added(Z_MB, X_MB), [650.0, 1400.0], rtol=0, atol=1e-12)


def test_technical_coefficients_table_2_4() -> None:
    """M&B 2009, §2.3.1 (pp. 21-22), Table 2.4: A = [[.15, .25], [.20, .05]] (exact)."""
    A = core.technical_coefficients(Z_MB, X_MB)
    npt.assert_allclose(A, [[0.15, 0.25], [0.20, 0.05]], rtol=0, atol=1e-15)


def test_leontief_inverse_chapter_2() -> None:
    """M&B 2009, §2.3.1, pp. 21-26 (numerical example after Table 2.4):
    L = [[1.2541, 0.3300], [0.2640, 1.1221]] to four decimals; exactly
    L = [[0.95, 0.25], [0.20, 0.85]] / 0.7575."""
    A = core.technical_coefficients(Z_MB, X_MB)
    L = core.leontief_inverse(A)
    npt.assert_allclose(L, [[1.2541, 0.3300], [0.2640, 1.1221]], rtol=0, atol=5e-5)
    npt.assert_allclose(L, np.array([[0.95, 0.25], [0.20, 0.85]]) / 0.7575, rtol=1e-14)


def test_new_final_demand_chapter_2() -> None:
    """M&B 2009, §2.3.1, pp. 21-24: final demand f_new = (600, 1500) needs
    x = (1247.52, 1841.58)."""
    A = core.technical_coefficients(Z_MB, X_MB)
    x = core.output_from_final_demand(A, [600.0, 1500.0])
    npt.assert_allclose(x, [1247.52, 1841.58], rtol=0, atol=5e-3)
    # and the original final demand reproduces the original output exactly
    npt.assert_allclose(core.output_from_final_demand(A, F_MB), X_MB, rtol=1e-14)


def test_labour_requirements_chapter_2() -> None:
    """The labour-input coefficients (0.3, 0.25) of the M&B 2009 ch. 2 example (also in
    pymrio's tests/test_math.py) times the new output: 0.3 * 1247.52 = 374.26 and
    0.25 * 1841.58 = 460.40 (derived from the printed output, not itself printed here)."""
    A = core.technical_coefficients(Z_MB, X_MB)
    x = core.output_from_final_demand(A, [600.0, 1500.0])
    npt.assert_allclose(H_ROW_MB * x, [374.26, 460.40], rtol=0, atol=5e-3)


def test_output_multipliers_chapter_6() -> None:
    """M&B 2009, §6.2 (simple output multipliers of the ch. 2 example): 1.5181, 1.4521.

    The book sums the printed (rounded) entries of L, 1.2541 + 0.2640 = 1.5181, whereas
    the exact value is 1.150 / 0.7575 = 1.518152; two rounded terms allow 1e-4."""
    A = core.technical_coefficients(Z_MB, X_MB)
    m = multipliers.output_multipliers(A)
    npt.assert_allclose(m, [1.5181, 1.4521], rtol=0, atol=1e-4)
    npt.assert_allclose(m, np.array([1.15, 1.10]) / 0.7575, rtol=1e-14)


def test_closed_model_leontief_inverse_chapter_2() -> None:
    """M&B 2009, §2.5, pp. 34-41 (households endogenous): with
    A-bar = [[.15, .25, .05], [.20, .05, .40], [.30, .25, .05]] the book prints
    L-bar = [[1.3651, 0.4253, 0.2509], [0.5273, 1.3481, 0.5954], [0.5698, 0.4890, 1.2885]].
    """
    A = core.technical_coefficients(Z_MB, X_MB)
    A_bar = multipliers.close_households(A, H_ROW_MB, H_COL_MB, H_HH_MB)
    npt.assert_allclose(
        A_bar, [[0.15, 0.25, 0.05], [0.20, 0.05, 0.40], [0.30, 0.25, 0.05]], atol=1e-15
    )
    L_bar = core.leontief_inverse(A_bar)
    printed = np.array(
        [[1.3651, 0.4253, 0.2509], [0.5273, 1.3481, 0.5954], [0.5698, 0.4890, 1.2885]]
    )
    npt.assert_allclose(L_bar, printed, rtol=0, atol=5e-5)


def test_type_ii_output_and_income_multipliers_closed_example() -> None:
    """Total (Type II) multipliers are sums over L-bar (M&B 2009, §6.2); checked against
    the column sums of the printed L-bar of §2.5 (so to 4 printed decimals, atol 1.5e-4
    for a sum of three rounded entries), and the household row over the labour
    coefficients for Type II income multipliers."""
    A = core.technical_coefficients(Z_MB, X_MB)
    printed = np.array(
        [[1.3651, 0.4253, 0.2509], [0.5273, 1.3481, 0.5954], [0.5698, 0.4890, 1.2885]]
    )
    truncated = multipliers.total_output_multipliers(A, H_ROW_MB, H_COL_MB, H_HH_MB)
    npt.assert_allclose(truncated, printed[:2, :2].sum(axis=0), rtol=0, atol=1e-4)
    with_households = multipliers.total_output_multipliers(
        A, H_ROW_MB, H_COL_MB, H_HH_MB, include_households=True
    )
    npt.assert_allclose(with_households, printed[:, :2].sum(axis=0), rtol=0, atol=1.5e-4)
    income = multipliers.total_income_multipliers(A, H_ROW_MB, H_COL_MB, H_HH_MB)
    npt.assert_allclose(income, printed[2, :2], rtol=0, atol=5e-5)
    type_ii = multipliers.type_ii_income_multipliers(A, H_ROW_MB, H_COL_MB, H_HH_MB)
    npt.assert_allclose(type_ii, printed[2, :2] / H_ROW_MB, rtol=0, atol=2e-4)


def test_type_ii_over_type_i_income_ratio_is_common_to_all_sectors() -> None:
    """For income multipliers Type II / Type I is the same for every sector, equal to
    the household-household entry of L-bar (1.2885 in M&B 2009's printed L-bar, §2.5);
    algebraically 1 / (1 - h_hh - h_R' L h_C)."""
    A = core.technical_coefficients(Z_MB, X_MB)
    type_i = multipliers.type_i_multipliers(A, H_ROW_MB)
    type_ii = multipliers.type_ii_income_multipliers(A, H_ROW_MB, H_COL_MB, H_HH_MB)
    ratio = multipliers.type_ratio(type_ii, type_i)
    npt.assert_allclose(ratio, [1.2885, 1.2885], rtol=0, atol=5e-5)
    L = core.leontief_inverse(A)
    exact = 1.0 / (1.0 - H_HH_MB - H_ROW_MB @ L @ H_COL_MB)
    npt.assert_allclose(ratio, [exact, exact], rtol=1e-13)


def test_rasmussen_backward_linkages_by_hand() -> None:
    """Backward linkages of the M&B example: multipliers over their mean,
    1.51815 / 1.48515 = 1.02222 and 1.45215 / 1.48515 = 0.97778 (computed by hand from
    the printed multipliers, not a printed result)."""
    A = core.technical_coefficients(Z_MB, X_MB)
    npt.assert_allclose(linkages.backward_linkages(A), [1.02222, 0.97778], atol=5e-5)


# -------------------------------------------------------------- hand-computed examples
def test_extraction_of_links_hand_computed() -> None:
    """Hand-computed (not published). Extracting the links of sector 1 of the M&B example
    leaves A-bar = [[0, 0], [0, 0.05]], so x-bar = (350, 1700 / 0.95 = 1789.4737);
    loss = (650, 210.5263), total 860.5263 of i'x = 3000."""
    A = core.technical_coefficients(Z_MB, X_MB)
    res = extraction.extract_links(A, F_MB, 0)
    npt.assert_allclose(res.x_extracted, [350.0, 1700.0 / 0.95], rtol=1e-13)
    npt.assert_allclose(res.loss, [650.0, 2000.0 - 1700.0 / 0.95], rtol=1e-13)
    assert res.total == pytest.approx(860.526315789, rel=1e-10)
    assert res.share == pytest.approx(860.526315789 / 3000.0, rel=1e-10)


def test_complete_extraction_hand_computed() -> None:
    """Hand-computed (not published). Removing sector 1 with its final demand leaves
    sector 2 alone: x2 = 1700 / 0.95 = 1789.4737; loss = (1000, 210.5263), total
    1210.5263."""
    A = core.technical_coefficients(Z_MB, X_MB)
    res = extraction.extract_complete(A, F_MB, [0])
    npt.assert_allclose(res.x_extracted, [0.0, 1700.0 / 0.95], rtol=1e-13)
    assert res.total == pytest.approx(3000.0 - 1700.0 / 0.95, rel=1e-13)


def test_partial_extraction_hand_computed() -> None:
    """Hand-computed (not published). Halving sector 1's links (every coefficient in
    row 1 or column 1 scaled once by 0.5): A-bar = [[.075, .125], [.1, .05]],
    det(I - A-bar) = .925 * .95 - .125 * .1 = .86625,
    x-bar = ((.95 * 350 + .125 * 1700), (.1 * 350 + .925 * 1700)) / .86625
    = (545, 1607.5) / .86625 = (629.1486, 1855.6999)."""
    A = core.technical_coefficients(Z_MB, X_MB)
    res = extraction.extract_partial(A, F_MB, 0, 0.5)
    npt.assert_allclose(res.x_extracted, np.array([545.0, 1607.5]) / 0.86625, rtol=1e-13)
    npt.assert_allclose(res.x_extracted, [629.1486, 1855.6999], atol=5e-5)


def test_structural_decomposition_one_sector_hand_computed() -> None:
    """Hand-computed (not published). One sector, a: 0.5 -> 0.6, y: 100 -> 120, so
    L: 2 -> 2.5 and x: 200 -> 300. Polar forms: dL y1 + L0 dy = 60 + 40 and
    dL y0 + L1 dy = 50 + 50; their average gives technology 55, final demand 45
    (M&B 2009, §13.1; Dietzenbacher & Los 1998 for the average of the polar forms)."""
    res = decomposition.sda_leontief([[0.5]], [100.0], [[0.6]], [120.0])
    npt.assert_allclose(res.technology, [55.0], rtol=1e-14)
    npt.assert_allclose(res.final_demand, [45.0], rtol=1e-14)
    npt.assert_allclose(res.total, [100.0], rtol=1e-14)


def test_structural_decomposition_demand_only_chapter_2() -> None:
    """With A unchanged the whole change is a final-demand effect: the M&B ch. 2 example
    with f: (350, 1700) -> (600, 1500) gives dx = (247.52, -158.42)."""
    A = core.technical_coefficients(Z_MB, X_MB)
    res = decomposition.sda_leontief(A, F_MB, A, [600.0, 1500.0])
    npt.assert_allclose(res.technology, [0.0, 0.0], atol=1e-12)
    npt.assert_allclose(res.final_demand, [247.52, -158.42], atol=5e-3)


@pytest.mark.parametrize("method", ["polar", "shapley"])
def test_final_demand_level_mix_distribution_hand_computed(method: decomposition.Method) -> None:
    """Hand-computed (not published). Two sectors, A = 0 (so L = I and x = y), two
    categories. Y0 = [[40, 0], [20, 40]], Y1 = [[60, 0], [30, 30]]: level f 100 -> 120,
    distribution d (.6, .4) -> (.75, .25), mix B = [[2/3, 0], [1/3, 1]] in both years.
    Polar 1 (L, B, d, f; factors left of the changed one at year 0, right at year 1):
    distribution B dd f1 = (.1, -.1) * 120 = (12, -12), level B d0 df = (.4, .6) * 20
    = (8, 12). Polar 2: distribution (.1, -.1) * 100 = (10, -10), level B d1 df
    = (.5, .5) * 20 = (10, 10). Average: distribution (11, -11), level (9, 11), mix and
    technology 0; sum (20, 0) = x1 - x0. Only d and f change, so the average over all
    orders ("shapley") is the same."""
    Z = np.zeros((2, 2))
    res = decomposition.sda_final_demand(
        Z, [[40.0, 0.0], [20.0, 40.0]], Z, [[60.0, 0.0], [30.0, 30.0]], method=method
    )
    npt.assert_allclose(res.distribution, [11.0, -11.0], rtol=1e-13)
    npt.assert_allclose(res.level, [9.0, 11.0], rtol=1e-13)
    npt.assert_allclose([res.technology, res.mix], 0.0, atol=1e-12)
    npt.assert_allclose(res.total, [20.0, 0.0], atol=1e-12)


# M&B's three-sector structural decomposition example: transactions and final demand in
# years 0 and 1. Miller & Blair (2022), 3rd ed., ch. 8, pp. 348-351, equations 8.3-8.7 and
# Table 8.1 (p. 351); the same example is in M&B 2009, §13.1 (equations 13.3-13.7).
Z0_SDA = np.array([[10.0, 20.0, 25.0], [15.0, 5.0, 30.0], [30.0, 40.0, 5.0]])
Y0_SDA = np.array([45.0, 30.0, 25.0])
Z1_SDA = np.array([[12.0, 15.0, 35.0], [24.0, 11.0, 30.0], [36.0, 50.0, 8.0]])
Y1_SDA = np.array([50.0, 35.0, 26.0])
# The two polar forms as printed (six decimals) in the worked solution of the
# Leiden CML "Advanced EEIO" course, Practical 11, which reproduces Table 8.1:
# eq. 8.3: tech = dL y0, demand = L1 dy; eq. 8.4: tech = dL y1, demand = L0 dy.
POLAR_8_3 = (np.array([0.898419, 8.622001, 9.009966]), np.array([11.101581, 11.377999, 10.990034]))
POLAR_8_4 = (np.array([0.784597, 9.660650, 9.963899]), np.array([11.215403, 10.339350, 10.036101]))


def test_structural_decomposition_miller_blair_table_8_1() -> None:
    """M&B's SDA example: output changes by (12, 20, 20), 52 in all; the average of the
    polar forms (eq. 8.7 / 13.7) splits the total into technology 19.469766 and final
    demand 32.530234 (the means of 18.530386 and 20.409146, of 33.469614 and 31.590854)."""
    x0, x1 = core.total_output(Z0_SDA, Y0_SDA), core.total_output(Z1_SDA, Y1_SDA)
    a0 = core.technical_coefficients(Z0_SDA, x0)
    a1 = core.technical_coefficients(Z1_SDA, x1)
    res = decomposition.sda_leontief(a0, Y0_SDA, a1, Y1_SDA)
    npt.assert_allclose(res.total, [12.0, 20.0, 20.0], rtol=0, atol=1e-12)
    tech = (POLAR_8_3[0] + POLAR_8_4[0]) / 2
    demand = (POLAR_8_3[1] + POLAR_8_4[1]) / 2
    npt.assert_allclose(res.technology, tech, rtol=0, atol=1e-6)  # printed to 1e-6
    npt.assert_allclose(res.final_demand, demand, rtol=0, atol=1e-6)
    assert res.technology.sum() == pytest.approx(19.469766, abs=1e-6)
    assert res.final_demand.sum() == pytest.approx(32.530234, abs=1e-6)
    # each polar form on its own, from the library's solver
    s0, s1 = core.LeontiefSolver(a0), core.LeontiefSolver(a1)
    dy = Y1_SDA - Y0_SDA
    npt.assert_allclose(s1.solve(Y0_SDA) - s0.solve(Y0_SDA), POLAR_8_3[0], atol=1e-6)
    npt.assert_allclose(s1.solve(dy), POLAR_8_3[1], atol=1e-6)
    npt.assert_allclose(s1.solve(Y1_SDA) - s0.solve(Y1_SDA), POLAR_8_4[0], atol=1e-6)
    npt.assert_allclose(s0.solve(dy), POLAR_8_4[1], atol=1e-6)
