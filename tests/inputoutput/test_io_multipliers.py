"""Multipliers and footprints (revitalize.inputoutput.multipliers) against dense formulas."""

from __future__ import annotations

import numpy as np
import numpy.testing as npt
import pytest

from revitalize.inputoutput import core, multipliers

RNG = np.random.default_rng(20240601)
N = 12
A = RNG.random((N, N)) * (RNG.random((N, N)) < 0.6)
A *= 0.7 / A.sum(axis=0).max()
L = np.linalg.inv(np.eye(N) - A)
X = L @ (RNG.random(N) * 100.0)
WAGES = RNG.random(N) * 0.3 * X
CONSUMPTION = RNG.random(N) * 50.0
JOBS = RNG.random(N) * 0.01 * X
JOBS[3] = 0.0  # a sector without employment: Type I/II undefined there


def test_output_multipliers_are_column_sums_of_L() -> None:
    npt.assert_allclose(multipliers.output_multipliers(A), L.sum(axis=0), rtol=1e-13)


def test_simple_multipliers_for_several_coefficient_rows() -> None:
    C = core.coefficients(np.vstack([WAGES, JOBS]), X)
    npt.assert_allclose(multipliers.simple_multipliers(A, C), C @ L, rtol=1e-12)


def test_a_solver_can_stand_in_for_A() -> None:
    s = core.LeontiefSolver(A)
    npt.assert_allclose(
        multipliers.output_multipliers(s), multipliers.output_multipliers(A), rtol=1e-15
    )


def test_type_i_multipliers_are_nan_without_direct_effect() -> None:
    e = core.coefficients(JOBS, X)
    t1 = multipliers.type_i_multipliers(A, e)
    assert np.isnan(t1[3])
    mask = np.arange(N) != 3
    npt.assert_allclose(t1[mask], (e @ L)[mask] / e[mask], rtol=1e-12)
    assert np.all(t1[mask] >= 1.0)  # total effect includes the direct one


def test_household_coefficients_divide_consumption_by_total_compensation() -> None:
    h_row, h_col = multipliers.household_coefficients(WAGES, CONSUMPTION, X)
    npt.assert_allclose(h_row, WAGES / X, rtol=1e-15)
    npt.assert_allclose(h_col, CONSUMPTION / WAGES.sum(), rtol=1e-15)
    _, h_col2 = multipliers.household_coefficients(WAGES, CONSUMPTION, X, household_income=1e4)
    npt.assert_allclose(h_col2, CONSUMPTION / 1e4, rtol=1e-15)


def _closed_dense(h_row: np.ndarray, h_col: np.ndarray, h_hh: float) -> np.ndarray:
    A_bar = np.block([[A, h_col[:, None]], [h_row[None, :], np.array([[h_hh]])]])
    return np.linalg.inv(np.eye(N + 1) - A_bar)


@pytest.mark.parametrize("h_hh", [0.0, 0.03])
def test_closed_model_multipliers_against_dense_inverse(h_hh: float) -> None:
    h_row, h_col = multipliers.household_coefficients(WAGES, CONSUMPTION * 0.5, X)
    L_bar = _closed_dense(h_row, h_col, h_hh)
    e = core.coefficients(JOBS, X)
    npt.assert_allclose(
        multipliers.total_output_multipliers(A, h_row, h_col, h_hh),
        L_bar[:N, :N].sum(axis=0),
        rtol=1e-12,
    )
    npt.assert_allclose(
        multipliers.total_output_multipliers(A, h_row, h_col, h_hh, include_households=True),
        L_bar[:, :N].sum(axis=0),
        rtol=1e-12,
    )
    npt.assert_allclose(
        multipliers.total_income_multipliers(A, h_row, h_col, h_hh), L_bar[N, :N], rtol=1e-12
    )
    npt.assert_allclose(
        multipliers.total_multipliers(A, e, h_row, h_col, h_hh), e @ L_bar[:N, :N], rtol=1e-12
    )
    t2 = multipliers.type_ii_multipliers(A, e, h_row, h_col, h_hh)
    assert np.isnan(t2[3])
    t1 = multipliers.type_i_multipliers(A, e)
    mask = np.arange(N) != 3
    # households add induced effects: Type II > Type I wherever defined
    assert np.all(t2[mask] > t1[mask])
    ratio = multipliers.type_ratio(
        multipliers.type_ii_income_multipliers(A, h_row, h_col, h_hh),
        multipliers.type_i_multipliers(A, h_row),
    )
    npt.assert_allclose(ratio, np.full(N, L_bar[N, N]), rtol=1e-12)


def test_household_income_must_be_positive() -> None:
    with pytest.raises(ValueError, match="household income must be positive"):
        multipliers.household_coefficients(np.zeros(N), CONSUMPTION, X)


def test_footprints() -> None:
    F = np.vstack([RNG.random(N) * X, RNG.random(N) * X * 0.1])  # CO2, energy
    S = multipliers.satellite_intensities(F, X)
    y = RNG.random(N) * 10.0
    by_fd = multipliers.footprint_by_final_demand(A, S, y)
    npt.assert_allclose(by_fd, S @ L @ np.diag(y), rtol=1e-12)
    npt.assert_allclose(multipliers.footprint_total(A, S, y), S @ L @ y, rtol=1e-12)
    by_producer = multipliers.footprint_by_producer(A, S, y)
    npt.assert_allclose(by_producer, S * (L @ y), rtol=1e-12)
    # both allocations account for the same total
    npt.assert_allclose(by_fd.sum(axis=1), by_producer.sum(axis=1), rtol=1e-12)
    # a single stressor as a vector
    npt.assert_allclose(multipliers.footprint_by_final_demand(A, S[0], y), by_fd[0], rtol=1e-14)
