"""Hypothesis invariants of the complexity engine."""

from __future__ import annotations

import numpy as np
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
