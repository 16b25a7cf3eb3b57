"""Complexity outlook index (COI) and complexity outlook gain (COG)."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

from revitalize.complexity.proximity import presence_product

__all__ = ["complexity_outlook_gain", "complexity_outlook_index"]

Array = NDArray[np.float64]


def complexity_outlook_index(m: ArrayLike, omega: ArrayLike, pci: ArrayLike) -> Array:
    r"""Complexity outlook index (raw).

    .. math:: COI_c = \sum_p \omega_{cp}\,(1 - M_{cp})\, PCI_p

    how much complexity lies near a location in activities it does not yet have.
    :func:`~revitalize.complexity.panel.complexity_matrix` passes the raw eigenvector
    :math:`k_p` and then standardises COI across locations, as ``ecomplexity`` does.
    NaN PCI (absent activities) counts as 0.

    References
    ----------
    Hausmann et al. (2014), *The Atlas of Economic Complexity*, technical box 5.2.
    """
    x = np.asarray(m, dtype=float)
    k = np.nan_to_num(np.asarray(pci, dtype=float))
    out: Array = (np.asarray(omega, dtype=float) * (1.0 - x)) @ k
    return out


def complexity_outlook_gain(m: ArrayLike, phi: ArrayLike, pci: ArrayLike) -> Array:
    r"""Complexity outlook gain (raw).

    .. math::

        COG_{cp} = (1 - M_{cp}) \sum_q \frac{\phi_{qp}}{\sum_{r} \phi_{qr}}
        (1 - M_{cq})\, PCI_q

    the gain in outlook a location would get from adding activity :math:`p`.
    :func:`~revitalize.complexity.panel.complexity_matrix` passes the raw :math:`k_p` and
    divides by the standard deviation of the raw ECI, as ``ecomplexity`` does.

    References
    ----------
    Hausmann et al. (2014), *The Atlas of Economic Complexity*, technical box 5.2.
    """
    x = np.asarray(m, dtype=float)
    p = np.asarray(phi, dtype=float)
    k = np.nan_to_num(np.asarray(pci, dtype=float))
    tot = p.sum(axis=1)
    v = k / np.where(tot > 0, tot, 1.0)
    # (1 - M) @ (diag(v) phi) = 1 (v' phi) - (M diag(v)) phi: one product with M's shape
    inner = presence_product(x, p, weights=v)
    np.subtract(v @ p, inner, out=inner)
    out: Array = (1.0 - x) * inner
    return out
