"""Bad input: non-productive matrices, NaN, negative entries, misaligned shapes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
import pytest

from revitalize.exceptions import InputError, InvalidTableError, NotProductiveError
from revitalize.inputoutput import (
    core,
    decomposition,
    extraction,
    linkages,
    multipliers,
    spa,
)

A_OK = np.array([[0.15, 0.25], [0.20, 0.05]])


@pytest.mark.parametrize(
    ("A", "rho"),
    [
        (np.array([[0.5, 0.6], [0.6, 0.5]]), 1.1),  # every column sums to 1.1
        (np.array([[0.5, 0.5], [0.5, 0.5]]), 1.0),  # rho exactly 1: I - A singular
        (np.array([[0.2, 2.0], [0.6, 0.5]]), 1.4556672193747993),  # bounds straddle 1
        (np.array([[1.5]]), 1.5),
    ],
)
def test_not_productive_reports_spectral_radius(A: np.ndarray, rho: float) -> None:
    for build in (core.check_productive, core.LeontiefSolver, core.leontief_inverse):
        with pytest.raises(NotProductiveError) as exc:
            build(A)
        assert exc.value.spectral_radius == pytest.approx(rho, rel=1e-9)
        assert f"{rho:.6g}" in str(exc.value)
        assert "spectral radius" in str(exc.value)
        assert isinstance(exc.value, InputError)


def test_not_productive_propagates_from_every_module() -> None:
    A = np.array([[0.5, 0.6], [0.6, 0.5]])
    y = np.ones(2)
    calls: list[Callable[[], Any]] = [
        lambda: multipliers.output_multipliers(A),
        lambda: linkages.backward_linkages(A),
        lambda: extraction.extract_links(A, y, 0),
        lambda: decomposition.sda_leontief(A, y, A_OK, y),
        lambda: spa.structural_paths(A, y),
    ]
    for call in calls:
        with pytest.raises(NotProductiveError):
            call()


@pytest.mark.parametrize("bad", [np.nan, np.inf, -np.inf])
def test_nan_and_inf_are_rejected(bad: float) -> None:
    A = A_OK.copy()
    A[1, 0] = bad
    with pytest.raises(InvalidTableError, match=r"NaN or infinite.*position \(1, 0\)"):
        core.LeontiefSolver(A)
    with pytest.raises(InvalidTableError, match="NaN or infinite"):
        core.check_productive(A)
    with pytest.raises(InvalidTableError, match="NaN or infinite"):
        core.technical_coefficients([[1.0, bad], [0.0, 1.0]], [2.0, 2.0])
    with pytest.raises(InvalidTableError, match="NaN or infinite"):
        core.output_from_final_demand(A_OK, [1.0, bad])


def test_negative_entries_are_rejected() -> None:
    A = A_OK.copy()
    A[0, 1] = -0.01
    with pytest.raises(InvalidTableError, match=r"negative entries.*-0\.01.*\(0, 1\)"):
        core.check_productive(A)
    with pytest.raises(InvalidTableError, match="negative"):
        core.LeontiefSolver(A)
    with pytest.raises(InvalidTableError, match="negative"):
        core.technical_coefficients([[1.0, -1.0], [0.0, 1.0]], [2.0, 2.0])
    with pytest.raises(InvalidTableError, match="negative"):
        core.coefficients([1.0, 1.0], [2.0, -2.0])
    with pytest.raises(InvalidTableError, match="negative"):
        spa.structural_paths(A_OK, [1.0, -1.0])


def test_negative_final_demand_is_allowed_in_the_leontief_model() -> None:
    """Inventory changes and net exports can be negative; x = L y is still defined."""
    x = core.output_from_final_demand(A_OK, [-10.0, 100.0])
    assert np.all(np.isfinite(x))


@pytest.mark.parametrize(
    "call",
    [
        lambda: core.technical_coefficients(np.ones((2, 3)), np.ones(3)),
        lambda: core.technical_coefficients(np.ones((2, 2)), np.ones(3)),
        lambda: core.ghosh_coefficients(np.ones((2, 2)), np.ones(3)),
        lambda: core.coefficients(np.ones((4, 3)), np.ones(2)),
        lambda: core.LeontiefSolver(np.zeros((2, 3))),
        lambda: core.LeontiefSolver(np.zeros(3)),
        lambda: core.LeontiefSolver(A_OK).solve(np.ones(3)),
        lambda: core.LeontiefSolver(A_OK).solve(np.ones((3, 2))),
        lambda: core.LeontiefSolver(A_OK).solve_transposed(np.ones((2, 3))),
        lambda: core.total_output(np.ones((2, 2)), np.ones((3, 1))),
        lambda: multipliers.simple_multipliers(A_OK, np.ones(3)),
        lambda: multipliers.close_households(A_OK, np.ones(3), np.ones(2)),
        lambda: multipliers.footprint_total(A_OK, np.ones((2, 2)), np.ones(3)),
        lambda: linkages.classify_key_sectors(np.ones(2), np.ones(3)),
        lambda: extraction.extract_links(A_OK, np.ones(3), 0),
        lambda: extraction.extract_links(A_OK, np.ones(2), 2),
        lambda: extraction.extract_links(A_OK, np.ones(2), []),
        lambda: extraction.extract_partial(A_OK, np.ones(2), 0, 1.5),
        lambda: decomposition.sda_leontief(A_OK, np.ones(2), np.eye(3) * 0.1, np.ones(3)),
        lambda: decomposition.sda_final_demand(A_OK, np.ones((2, 2)), A_OK, np.ones((2, 3))),
        lambda: spa.structural_paths(A_OK, np.ones(3)),
        lambda: spa.structural_paths(A_OK, np.ones(2), max_order=-1),
    ],
)
def test_misaligned_or_malformed_input_raises_invalid_table(call: Callable[[], Any]) -> None:
    with pytest.raises(InvalidTableError) as exc:
        call()
    assert exc.value.hint  # every message says how to fix the input


def test_non_numeric_input() -> None:
    with pytest.raises(InvalidTableError, match="not numeric"):
        core.LeontiefSolver([["a", "b"], ["c", "d"]])


def test_zero_category_with_offsetting_entries_is_rejected() -> None:
    with pytest.raises(InvalidTableError, match="sums to zero"):
        decomposition.final_demand_components([[5.0, 1.0], [-5.0, 1.0]])
