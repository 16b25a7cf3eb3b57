"""Complexity measures on a worked example whose answers are known in closed form.

The matrix is the perfectly nested 3 x 3 example (location 1 makes every product,
location 2 the two most ubiquitous, location 3 only the most ubiquitous one), with the
definitions of Hidalgo & Hausmann (2009, PNAS 106:10570) and the Atlas of Economic
Complexity (Hausmann et al. 2014, technical box 2.1). Derivation:
diversity = ubiquity = (3, 2, 1); the location matrix
M~C = D^-1 M U^-1 M' has trace 49/36 and determinant 1/36 (det D^-1 det U^-1 = 1/36,
det(M)^2 = 1), so its eigenvalues are 1, 1/4 and 1/9. The eigenvector of 1/4 is
(2, -1, -4) (sign: positive correlation with diversity), so ECI = (3, 0, -3)/sqrt(6);
k_p = U^-1 M' k_c / (1/4) = (-4, 2, 8), so PCI = (k_p - mean k_c)/sd k_c =
(-3, 3, 9)/sqrt(6). Proximity phi_pq = |p and q| / max(u_p, u_q): phi_12 = 2/3,
phi_13 = 1/3, phi_23 = 1/2. First reflection k_c,1 = mean ubiquity = (2, 2.5, 3).
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from revitalize.complexity import eci_pci, fitness_complexity, method_of_reflections, proximity

M = np.array([[1, 1, 1], [1, 1, 0], [1, 0, 0]], dtype=float)
R6 = math.sqrt(6.0)


def test_eci_pci_closed_form() -> None:
    eci, pci = eci_pci(M)
    assert eci == pytest.approx([3 / R6, 0.0, -3 / R6], abs=1e-12)
    assert pci == pytest.approx([-3 / R6, 3 / R6, 9 / R6], abs=1e-12)


def test_second_eigenvalue_is_one_quarter() -> None:
    d, u = M.sum(axis=1), M.sum(axis=0)
    mcc = (M / d[:, None]) @ (M / u[None, :]).T
    assert sorted(np.linalg.eigvals(mcc).real) == pytest.approx([1 / 9, 1 / 4, 1.0])


def test_proximity_closed_form() -> None:
    phi = proximity(M)
    assert phi == pytest.approx(
        np.array([[1, 2 / 3, 1 / 3], [2 / 3, 1, 1 / 2], [1 / 3, 1 / 2, 1]]), abs=1e-12
    )


def test_first_reflection() -> None:
    kc1, kp1 = method_of_reflections(M, 1)
    assert kc1 == pytest.approx([2.0, 2.5, 3.0])
    assert kp1 == pytest.approx([2.0, 2.5, 3.0])


def test_fitness_ranks_by_nestedness() -> None:
    res = fitness_complexity(M)
    assert res.converged
    assert list(np.argsort(-res.fitness)) == [0, 1, 2]
    assert list(np.argsort(-res.complexity)) == [2, 1, 0]
