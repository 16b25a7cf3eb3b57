"""Revealed comparative advantage, presence matrix, diversity and ubiquity.

All functions take a location x activity matrix (rows: locations ``c``; columns:
activities ``p`` — products, industries, industry sections) as a numpy array.
"""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from revitalize.complexity.checks import as_matrix, check_binary, check_no_zero_lines

__all__ = ["binary_presence", "diversity", "rca", "rpop", "ubiquity"]

Array = NDArray[np.float64]


def rca(values: ArrayLike) -> Array:
    r"""Balassa's revealed comparative advantage.

    .. math::

        RCA_{cp} = \frac{X_{cp} / \sum_{p'} X_{cp'}}{\sum_{c'} X_{c'p} / \sum_{c'p'} X_{c'p'}}

    Parameters
    ----------
    values
        Non-negative location x activity matrix :math:`X` (exports, output, employment).

    Returns
    -------
    ndarray
        :math:`RCA` of the same shape.

    Raises
    ------
    NegativeValueError
        Negative, NaN or infinite values.
    ZeroLineError
        A location or activity with all-zero values (its RCA is undefined).

    References
    ----------
    Balassa, B. (1965). Trade liberalisation and "revealed" comparative advantage.
    *The Manchester School* 33(2), 99-123.
    """
    x = as_matrix(values)
    check_no_zero_lines(x)
    loc_share = x / x.sum(axis=1, keepdims=True)
    world_share = x.sum(axis=0, keepdims=True) / x.sum()
    out: Array = loc_share / world_share
    return out


def rpop(values: ArrayLike, population: ArrayLike) -> Array:
    r"""Per-capita revealed comparative advantage (RPOP).

    .. math::

        RPOP_{cp} = \frac{X_{cp} / N_c}{\sum_{c'} X_{c'p} / \sum_{c'} N_{c'}}

    with :math:`N_c` the population of location :math:`c` (Growth Lab convention, as in
    ``ecomplexity``'s ``presence_test="rpop"``).

    References
    ----------
    Hausmann, R., Hidalgo, C. A. et al. (2014). *The Atlas of Economic Complexity*,
    2nd ed., MIT Press (per-capita presence used for small economies).
    """
    x = as_matrix(values)
    check_no_zero_lines(x)
    pop = np.asarray(population, dtype=float).reshape(-1)
    if pop.shape[0] != x.shape[0] or not np.all(np.isfinite(pop)) or (pop <= 0).any():
        from revitalize.complexity.checks import ComplexityInputError

        raise ComplexityInputError(
            f"Population must be one positive number per location ({x.shape[0]}); got "
            f"{pop.shape[0]} value(s), {int((pop <= 0).sum())} non-positive.",
            "Pass the population of every row of the matrix, in the same order.",
        )
    out: Array = (x / pop[:, None]) / (x.sum(axis=0, keepdims=True) / pop.sum())
    return out


def binary_presence(index: ArrayLike, threshold: float = 1.0) -> Array:
    r"""Binary presence matrix from RCA (or RPOP).

    .. math:: M_{cp} = 1 \text{ if } RCA_{cp} \ge \theta \text{ else } 0

    NaN counts as absent (as in ``ecomplexity``).

    Raises
    ------
    EmptyPresenceError
        If no entry reaches the threshold.

    References
    ----------
    Hidalgo, C. A. & Hausmann, R. (2009). The building blocks of economic complexity.
    *PNAS* 106(26), 10570-10575 (threshold :math:`\theta = 1`).
    """
    r = np.nan_to_num(np.asarray(index, dtype=float))
    m: Array = (r >= threshold).astype(float)
    check_binary(m, threshold)
    return m


def diversity(m: ArrayLike) -> Array:
    r"""Diversity of each location, :math:`k_{c,0} = \sum_p M_{cp}` (Hidalgo & Hausmann 2009)."""
    out: Array = np.asarray(m, dtype=float).sum(axis=1)
    return out


def ubiquity(m: ArrayLike) -> Array:
    r"""Ubiquity of each activity, :math:`k_{p,0} = \sum_c M_{cp}` (Hidalgo & Hausmann 2009)."""
    out: Array = np.asarray(m, dtype=float).sum(axis=0)
    return out
