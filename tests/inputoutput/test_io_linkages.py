"""Rasmussen-Hirschman linkages, key sectors, dispersion (revitalize.inputoutput.linkages)."""

from __future__ import annotations

import numpy as np
import numpy.testing as npt
import pytest

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput import core, linkages

RNG = np.random.default_rng(7)
N = 9
A = RNG.random((N, N)) * (RNG.random((N, N)) < 0.7)
A *= 0.75 / A.sum(axis=0).max()
L = np.linalg.inv(np.eye(N) - A)


def test_backward_linkages_are_normalised_column_sums() -> None:
    bl = linkages.backward_linkages(A)
    npt.assert_allclose(bl, L.sum(axis=0) / (L.sum() / N), rtol=1e-12)
    assert bl.mean() == pytest.approx(1.0, rel=1e-14)


def test_forward_linkages_are_normalised_row_sums() -> None:
    fl = linkages.forward_linkages(A)
    npt.assert_allclose(fl, L.sum(axis=1) / (L.sum() / N), rtol=1e-12)
    assert fl.mean() == pytest.approx(1.0, rel=1e-14)


def test_ghosh_forward_linkages_are_normalised_row_sums_of_G() -> None:
    x = L @ (RNG.random(N) + 0.1)
    B = core.ghosh_coefficients(A * x, x)
    G = np.linalg.inv(np.eye(N) - B)
    fl = linkages.forward_linkages_ghosh(B)
    npt.assert_allclose(fl, G.sum(axis=1) / (G.sum() / N), rtol=1e-12)
    # G i = x^-1 L x: row sums of G from the Leontief side
    npt.assert_allclose(G.sum(axis=1), (L @ x) / x, rtol=1e-12)


def test_classify_key_sectors_quadrants() -> None:
    labels = linkages.classify_key_sectors([1.2, 1.1, 0.9, 0.8, 1.0], [1.3, 0.7, 1.05, 0.9, 1.0])
    assert labels.tolist() == ["key", "backward", "forward", "weak", "weak"]
    assert set(labels.tolist()) <= set(linkages.KEY_SECTOR_CLASSES)
    shifted = linkages.classify_key_sectors([1.2, 1.1], [1.3, 0.7], threshold=1.15)
    assert shifted.tolist() == ["key", "weak"]


def test_coefficient_of_variation_columns_and_rows() -> None:
    cv_col = linkages.coefficient_of_variation(A)
    npt.assert_allclose(cv_col, L.std(axis=0, ddof=1) / L.mean(axis=0), rtol=1e-12)
    cv_row = linkages.coefficient_of_variation(A, axis="row")
    npt.assert_allclose(cv_row, L.std(axis=1, ddof=1) / L.mean(axis=1), rtol=1e-12)
    # a sector that buys only from itself concentrates its effect: highest dispersion
    A2 = np.array([[0.5, 0.1, 0.1], [0.0, 0.1, 0.1], [0.0, 0.1, 0.1]])
    cv = linkages.coefficient_of_variation(A2)
    assert int(np.argmax(cv)) == 0


def test_coefficient_of_variation_needs_two_sectors_and_a_valid_axis() -> None:
    with pytest.raises(InvalidTableError, match="at least two sectors"):
        linkages.coefficient_of_variation([[0.1]])
    with pytest.raises(InvalidTableError, match="axis"):
        linkages.coefficient_of_variation(A, axis="diagonal")  # type: ignore[arg-type]


def test_all_zero_totals_are_rejected() -> None:
    with pytest.raises(InvalidTableError, match="zero"):
        linkages.backward_linkages(np.zeros((0, 0)))
