"""Hypothesis invariants of the complexity engine."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from revitalize.complexity import (
    ComplexityInputError,
    binary_presence,
    eci_pci,
    fitness_complexity,
    rca,
)

matrices = arrays(
    np.float64,
    st.tuples(st.integers(3, 8), st.integers(3, 8)),
    elements=st.floats(0, 1e6, allow_nan=False, allow_subnormal=False),
)


def _ok(x: np.ndarray) -> bool:
    return bool((x.sum(axis=1) > 0).all() and (x.sum(axis=0) > 0).all())


@settings(max_examples=60, deadline=None)
@given(x=matrices, seed=st.integers(0, 2**31 - 1))
def test_eci_is_invariant_to_permuting_locations(x: np.ndarray, seed: int) -> None:
    assume(_ok(x))
    try:
        m = binary_presence(rca(x))
        eci, pci = eci_pci(m)
    except ComplexityInputError:
        return
    d = m.sum(axis=1)
    assume(np.isfinite(eci).all() and np.isfinite(pci[m.sum(axis=0) > 0]).all())
    # a degenerate second eigenvalue makes the eigenvector arbitrary: skip those
    dd, u = d[d > 0], m.sum(axis=0)
    mv = m[d > 0][:, u > 0]
    a = mv / np.sqrt(dd)[:, None] / np.sqrt(u[u > 0])[None, :]
    ev = np.sort(np.linalg.eigvalsh(a @ a.T if a.shape[0] <= a.shape[1] else a.T @ a))
    assume(len(ev) >= 3 and ev[-2] - ev[-3] > 1e-6 and ev[-1] - ev[-2] > 1e-6)
    assume(abs(np.corrcoef(d, eci)[0, 1]) > 1e-6 if np.std(d) > 0 else False)
    perm = np.random.default_rng(seed).permutation(x.shape[0])
    eci_p, pci_p = eci_pci(binary_presence(rca(x[perm])))
    assert np.allclose(eci_p, eci[perm], atol=1e-7)
    assert np.allclose(pci_p, pci, atol=1e-7, equal_nan=True)


@given(x=matrices)
def test_rca_of_a_location_that_is_the_whole_world_is_one(x: np.ndarray) -> None:
    assume(_ok(x))
    world = np.vstack([x, x.sum(axis=0)])
    # with the world itself as a location, its share equals the world share
    assert np.allclose(rca(world)[-1], 1.0)
    assert np.allclose(rca(x.sum(axis=0, keepdims=True)), 1.0)


@settings(max_examples=30, deadline=None)
@given(n=st.integers(3, 12), extra=st.integers(0, 4))
def test_fitness_converges_on_nested_matrix_and_ranks_by_nestedness(n: int, extra: int) -> None:
    # perfectly nested: location i has products i..n-1 (plus `extra` ubiquitous columns)
    m = np.hstack([np.triu(np.ones((n, n))), np.ones((n, extra))])
    res = fitness_complexity(m)
    assert res.converged
    assert (np.diff(res.fitness) < 0).all()  # more diversified => fitter
    q = res.complexity[:n]
    assert (np.diff(q) < 0).all()  # rarer (made only by the fittest) => more complex
    # the ranking is stable: running longer does not change it
    longer = fitness_complexity(m, patience=2 * 200)
    assert (np.argsort(longer.fitness) == np.argsort(res.fitness)).all()


@settings(max_examples=60, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 12), st.integers(1, 15)),
    share=st.floats(0.0, 1.0),
    weighted=st.booleans(),
    seed=st.integers(0, 2**31 - 1),
)
def test_presence_product_sparse_and_dense_paths_agree(
    shape: tuple[int, int], share: float, weighted: bool, seed: int
) -> None:
    from revitalize.complexity.proximity import presence_product

    rng = np.random.default_rng(seed)
    x = (rng.random(shape) < share).astype(float)
    b = rng.random((shape[1], 7))
    w = rng.random(shape[1]) if weighted else None
    expected = (x if w is None else x * w[None, :]) @ b
    got = presence_product(x, b, weights=w)
    assert got.shape == expected.shape
    np.testing.assert_allclose(got, expected, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("share", [0.05, 0.5])
def test_presence_product_takes_each_path(share: float, monkeypatch: pytest.MonkeyPatch) -> None:
    """At 5 % ones the sparse product runs, at 50 % the dense one; same numbers."""
    import importlib

    import scipy.sparse

    # the module, not the function of the same name re-exported by the package
    prox = importlib.import_module("revitalize.complexity.proximity")

    rng = np.random.default_rng(3)
    x = (rng.random((40, 60)) < share).astype(float)
    b, w = rng.random((60, 60)), rng.random(60)
    calls: list[int] = []
    real = scipy.sparse.csr_array

    def spy(*args: object, **kwargs: object) -> object:
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(prox.scipy.sparse, "csr_array", spy)
    got = prox.presence_product(x, b, weights=w)
    assert bool(calls) == (share < prox.SPARSE_SHARE)
    np.testing.assert_allclose(got, (x * w[None, :]) @ b, rtol=1e-12)
