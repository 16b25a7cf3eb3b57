"""The mixed-precision solver agrees with the double-precision one."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from revitalize.exceptions import InvalidTableError, NotProductiveError
from revitalize.inputoutput import core
from revitalize.inputoutput.core import LeontiefSolver


def _system(n: int, seed: int, scale: float = 0.9) -> np.ndarray:
    rng = np.random.default_rng(seed)
    a = rng.random((n, n))
    return a * (scale / a.sum(axis=0))  # column sums = scale < 1


@settings(max_examples=25, deadline=None)
@given(n=st.integers(2, 120), seed=st.integers(0, 10_000), scale=st.floats(0.05, 0.97))
def test_mixed_equals_double(n: int, seed: int, scale: float) -> None:
    a = _system(n, seed, scale)
    y = np.random.default_rng(seed + 1).random((n, 3))
    d, m = LeontiefSolver(a), LeontiefSolver(a, precision="mixed")
    np.testing.assert_allclose(m.solve(y), d.solve(y), rtol=1e-10, atol=1e-12)
    s = np.ones(n)
    np.testing.assert_allclose(m.solve_transposed(s), d.solve_transposed(s), rtol=1e-10)
    np.testing.assert_allclose(m.inverse(), d.inverse(), rtol=1e-9, atol=1e-12)


def test_refinement_reaches_double_accuracy_on_the_textbook_example() -> None:
    # Miller & Blair (2009) two-sector example: x = (1000, 2000) for f = (350, 1700)
    m = LeontiefSolver([[0.15, 0.25], [0.20, 0.05]], precision="mixed")
    assert m.solve([350.0, 1700.0]) == pytest.approx([1000.0, 2000.0], rel=1e-13)
    big = LeontiefSolver(_system(300, 7), precision="mixed")
    x = big.solve(np.ones(300))
    assert big.refinements >= 1  # float32 alone is not exact here ...
    residual = np.ones(300) - x + _system(300, 7) @ x
    assert np.abs(residual).max() <= 1e-13  # ... the refined solution is


def test_falls_back_to_double_when_refinement_stalls() -> None:
    a = _system(50, 3, 0.999)  # nearly unproductive: refinement needs many steps
    m = LeontiefSolver(a, precision="mixed", max_refine=0)
    y = np.ones(50)
    np.testing.assert_allclose(m.solve(y), LeontiefSolver(a).solve(y), rtol=1e-10)
    assert m.precision == "double" and m._A is None  # refactorised in double


def test_auto_precision_is_double_for_small_tables_and_mixed_for_large(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    a, y = _system(300, 11), np.ones(300)
    assert LeontiefSolver(a).precision == "double"  # 300 < MIXED_MIN_N
    assert LeontiefSolver(a, precision="double").precision == "double"
    monkeypatch.setattr(core, "MIXED_MIN_N", 200)
    auto = LeontiefSolver(a)
    assert auto.precision == "mixed"
    np.testing.assert_allclose(
        auto.solve(y), LeontiefSolver(a, precision="double").solve(y), rtol=1e-11
    )
    assert auto.refinements >= 1


def test_bad_precision_and_unproductive_matrix() -> None:
    with pytest.raises(InvalidTableError, match="precision"):
        LeontiefSolver([[0.1]], precision="half")
    with pytest.raises(NotProductiveError):
        LeontiefSolver([[0.6, 0.6], [0.6, 0.6]], precision="mixed")
