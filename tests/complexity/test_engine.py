"""Engine: RCA, presence, ECI/PCI, reflections, Fitness-Complexity, proximity, outlook."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from revitalize.complexity import (
    ComplexityInputError,
    EmptyPresenceError,
    NegativeValueError,
    ZeroLineError,
    binary_presence,
    bootstrap_eci,
    complexity_matrix,
    complexity_table,
    density,
    distance,
    eci_pci,
    fitness_complexity,
    method_of_reflections,
    proximity,
    rca,
    robustness_report,
    rpop,
    spearman,
)
from revitalize.exceptions import InputError

X = np.array([[10.0, 5.0, 0.0, 1.0], [2.0, 8.0, 4.0, 0.0], [1.0, 1.0, 9.0, 6.0]])


def _panel(seed: int = 0, nl: int = 25, npr: int = 40) -> np.ndarray:
    rng = np.random.default_rng(seed)
    x = rng.lognormal(0, 1.5, (nl, npr)) * (rng.random((nl, npr)) < 0.7)
    x[:, 0] += 1.0
    x[0] += 1.0
    return x


def _structured(seed: int, nl: int = 30, npr: int = 50) -> np.ndarray:
    """Values from a capability model (a_c + noise > b_p), so the ECI has a signal."""
    rng = np.random.default_rng(seed)
    a, b = rng.random(nl), rng.random(npr)
    keep = a[:, None] + 0.15 * rng.standard_normal((nl, npr)) > b[None, :]
    return rng.lognormal(0, 0.5, (nl, npr)) * keep + 0.01


def test_rca_by_hand() -> None:
    # RCA_00 = (10/16) / (13/47)
    assert rca(X)[0, 0] == pytest.approx((10 / 16) / (13 / 47))
    # the world-weighted mean of RCA over locations is 1 for each activity
    w = X.sum(axis=1) / X.sum()
    assert np.allclose(w @ rca(X), 1.0)


def test_rpop_equals_rca_when_population_is_proportional_to_size() -> None:
    assert np.allclose(rpop(X, X.sum(axis=1) * 3.0), rca(X))
    with pytest.raises(ComplexityInputError, match="Population"):
        rpop(X, [1.0, 2.0])


def test_presence_threshold_is_inclusive() -> None:
    assert binary_presence([[1.0, 0.99], [np.nan, 2.0]]).tolist() == [[1.0, 0.0], [0.0, 1.0]]


def test_reflections_converge_to_eci_ranking() -> None:
    x = _panel(3)
    m = binary_presence(rca(x))
    eci, _ = eci_pci(m)
    kc, _ = method_of_reflections(m, 30)
    assert spearman(eci, kc) > 0.9


def test_reflections_first_step_is_mean_ubiquity() -> None:
    m = binary_presence(rca(X))
    kc1, kp1 = method_of_reflections(m, 1)
    u = m.sum(axis=0)
    assert np.allclose(kc1, (m @ u) / m.sum(axis=1))
    assert np.allclose(kp1, (m.T @ m.sum(axis=1)) / u)


def test_fitness_agrees_with_eci_on_noisy_nested_panel() -> None:
    # capability model: location c has activity p when a_c + noise > b_p
    rng = np.random.default_rng(5)
    a, b = rng.random(40), rng.random(60)
    m = (a[:, None] + 0.15 * rng.standard_normal((40, 60)) > b[None, :]).astype(float)
    m = m[m.sum(axis=1) > 0][:, m[m.sum(axis=1) > 0].sum(axis=0) > 0]
    res = fitness_complexity(m)
    assert res.converged
    eci, _ = eci_pci(m)
    assert spearman(eci, np.log(res.fitness)) > 0.8
    assert res.fitness.mean() == pytest.approx(1.0)
    assert res.complexity.mean() == pytest.approx(1.0)


def test_fitness_reports_non_convergence() -> None:
    res = fitness_complexity(np.triu(np.ones((6, 6))), max_iter=5, patience=100)
    assert not res.converged and res.stopped_by == "max_iter" and res.iterations == 5


def test_proximity_is_min_conditional_probability() -> None:
    m = binary_presence(rca(_panel(1)))
    phi = proximity(m)
    co = m.T @ m
    u = m.sum(axis=0)
    p, q = 2, 7
    assert phi[p, q] == pytest.approx(min(co[p, q] / u[p], co[p, q] / u[q]))
    assert np.allclose(phi, phi.T)
    assert np.allclose(np.diag(phi)[u > 0], 1.0)


def test_density_and_distance_are_complements_in_unit_interval() -> None:
    m = binary_presence(rca(_panel(2)))
    phi = proximity(m)
    d = density(m, phi)
    assert ((d >= -1e-12) & (d <= 1 + 1e-12)).all()
    assert np.allclose(d + distance(m, phi), 1.0)
    # a location with every activity has density 1 everywhere
    full = np.vstack([m, np.ones(m.shape[1])])
    assert np.allclose(density(full, proximity(full))[-1], 1.0)


def test_eci_equals_mean_pci_of_present_activities() -> None:
    res = complexity_matrix(_panel(4))
    m = res.mcp
    assert np.allclose(res.eci, (m @ res.pci) / m.sum(axis=1))
    assert res.eci.mean() == pytest.approx(0.0, abs=1e-12)
    assert res.eci.std() == pytest.approx(1.0)
    assert res.coi.std() == pytest.approx(1.0)
    # COG is zero where the activity is already present
    assert np.all(res.cog[m == 1] == 0)


def test_robustness_report_is_seeded_and_complete() -> None:
    panel = {y: pd.DataFrame(_panel(y)) for y in (2019, 2020)}
    a = robustness_report(panel, n_boot=10, seed=7)
    b = robustness_report(panel, n_boot=10, seed=7)
    pd.testing.assert_frame_equal(a, b)
    assert set(a["check"]) == {"eci_vs_reflections", "eci_vs_fitness", "bootstrap_median",
                               "bootstrap_p05", "eci_vs_next_year"}
    assert (a["value"].dropna().between(-1, 1)).all()
    boot = bootstrap_eci(_structured(9), n=10, seed=1)
    assert np.nanmedian(boot) > 0.8


# --- bad input -----------------------------------------------------------------------


def test_negative_values_are_rejected() -> None:
    with pytest.raises(NegativeValueError, match="negative") as exc:
        rca([[1.0, -2.0], [3.0, 4.0]])
    assert isinstance(exc.value, InputError) and exc.value.hint
    with pytest.raises(NegativeValueError, match="NaN"):
        rca([[1.0, np.nan], [3.0, 4.0]])
    df = pd.DataFrame({"time": 1, "loc": ["a", "b"], "prod": ["x", "x"], "val": [1.0, -1.0]})
    with pytest.raises(NegativeValueError):
        complexity_table(df)


def test_all_zero_location_or_activity_is_rejected_by_the_matrix_functions() -> None:
    with pytest.raises(ZeroLineError, match="location"):
        rca([[0.0, 0.0], [3.0, 4.0]])
    with pytest.raises(ZeroLineError, match="activity"):
        complexity_matrix([[0.0, 1.0], [0.0, 4.0]])


def test_all_zero_location_gets_nan_in_the_panel_wrapper() -> None:
    x = _panel(6, 8, 10)
    rows = [
        {"time": 2020, "loc": f"L{i}", "prod": f"P{j}", "val": x[i, j]}
        for i in range(8) for j in range(10)
    ]
    rows += [{"time": 2020, "loc": "ZERO", "prod": f"P{j}", "val": 0.0} for j in range(10)]
    out = complexity_table(pd.DataFrame(rows))
    zero = out[out["loc"] == "ZERO"]
    assert len(zero) == 10 and zero["eci"].isna().all()
    assert out.loc[out["loc"] != "ZERO", "eci"].notna().all()


def test_threshold_leaving_m_empty() -> None:
    with pytest.raises(EmptyPresenceError, match="threshold 1000"):
        complexity_matrix(X, threshold=1000)


def test_panel_rejects_missing_columns_and_duplicates() -> None:
    with pytest.raises(ComplexityInputError, match="lacks"):
        complexity_table(pd.DataFrame({"a": [1]}))
    df = pd.DataFrame({"time": 1, "loc": ["a", "a"], "prod": ["x", "x"], "val": [1.0, 2.0]})
    with pytest.raises(ComplexityInputError, match="repeats"):
        complexity_table(df)


def test_eci_rejects_non_binary_and_tiny_matrices() -> None:
    with pytest.raises(ComplexityInputError, match="only 0 and 1"):
        eci_pci([[0.5, 1.0], [1.0, 0.0]])
    with pytest.raises(ComplexityInputError, match="at least 2"):
        eci_pci([[1.0, 1.0]])


def test_disconnected_network_warns() -> None:
    from revitalize.complexity.eci import ComplexityWarning

    m = np.array([[1, 1, 0, 0], [1, 0, 0, 0], [0, 0, 1, 1], [0, 0, 1, 0]], dtype=float)
    with pytest.warns(ComplexityWarning, match="disconnected"):
        eci_pci(m)


def test_density_symmetric_flag_gives_the_same_result() -> None:
    rng = np.random.default_rng(5)
    m = (rng.random((12, 30)) > 0.6).astype(float)
    m[:, m.sum(axis=0) == 0] = 1.0
    phi = proximity(m)
    np.testing.assert_array_equal(density(m, phi, symmetric=True), density(m, phi))
    asym = phi.copy()
    asym[0, 1] += 0.1  # not symmetric: the general formula divides by row sums of phi'
    expected = m @ (asym.T / asym.sum(axis=1)[None, :])
    np.testing.assert_allclose(density(m, asym), expected, rtol=1e-12)


def test_proximity_of_an_activity_present_nowhere_is_zero() -> None:
    m = np.array([[1, 0, 1, 0], [1, 1, 0, 0], [0, 1, 1, 0]], dtype=float)
    phi = proximity(m)
    assert np.isfinite(phi).all()
    assert (phi[3] == 0).all() and (phi[:, 3] == 0).all()
    assert phi[0, 1] == pytest.approx(0.5)  # co-occur in 1 of 2 locations each


def test_panel_result_does_not_depend_on_workers() -> None:
    rng = np.random.default_rng(11)
    rows = []
    for year in (2018, 2019, 2020):
        x = _structured(year)
        for i in range(x.shape[0]):
            for j in range(x.shape[1]):
                rows.append((year, f"c{i:02d}", f"p{j:02d}", x[i, j] * rng.uniform(0.9, 1.1)))
    df = pd.DataFrame(rows, columns=["time", "loc", "prod", "val"])
    one = complexity_table(df, workers=1)
    pd.testing.assert_frame_equal(complexity_table(df, workers=3), one)
    pd.testing.assert_frame_equal(complexity_table(df), one)
    with pytest.raises(InputError, match="workers"):
        complexity_table(df, workers=0)


def test_default_workers_are_capped_by_memory(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib

    panel = importlib.import_module("revitalize.complexity.panel")
    monkeypatch.setattr(panel, "_available_memory", lambda: 8 * 2**30)  # 8 GiB free
    # 5,000 activities: 8 (2 * 5000^2 + 12 * 300 * 5000) B = 0.544 GB a year -> 3 years
    # in a quarter of 8 GiB (2.15 GB)
    assert panel._memory_cap(16, 300, 5000) == 3
    assert panel._memory_cap(16, 30, 20) == 16
    assert panel._memory_cap(4, 10**4, 10**5) == 1  # never below one
    monkeypatch.setattr(panel, "_available_memory", lambda: None)
    assert panel._memory_cap(16, 300, 5000) == 16
