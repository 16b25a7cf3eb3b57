"""Proximity between activities, relatedness density and distance."""

from __future__ import annotations

import numpy as np
from numpy.typing import ArrayLike, NDArray

__all__ = ["density", "distance", "proximity"]

Array = NDArray[np.float64]


def proximity(m: ArrayLike) -> Array:
    r"""Proximity of activities: minimum of the two conditional probabilities.

    .. math::

        \phi_{pq} = \frac{\sum_c M_{cp} M_{cq}}{\max(k_{p,0}, k_{q,0})}
        = \min\{P(M_{cp}=1 \mid M_{cq}=1),\; P(M_{cq}=1 \mid M_{cp}=1)\}

    Activities present nowhere (:math:`k_{p,0} = 0`) get proximity 0 to every other
    activity (``ecomplexity`` returns NaN there).

    References
    ----------
    Hidalgo, C. A., Klinger, B., Barabási, A.-L. & Hausmann, R. (2007). The product space
    conditions the development of nations. *Science* 317(5837), 482-487.
    """
    x = np.asarray(m, dtype=float)
    if x.shape[0] < 2**24 and bool(((x == 0) | (x == 1)).all()):
        # co-occurrence counts are integers below 2**24: exact in single precision
        x32 = x.astype(np.float32)
        co = (x32.T @ x32).astype(float)
    else:
        co = x.T @ x
    u = np.diag(co).copy()
    denom = np.maximum(u[:, None], u[None, :])
    denom[denom == 0] = np.inf  # never-present activities: proximity 0
    co /= denom
    phi: Array = co
    return phi


def density(m: ArrayLike, phi: ArrayLike, *, symmetric: bool | None = None) -> Array:
    r"""Relatedness density of each activity around each location.

    .. math::

        \omega_{cp} = \frac{\sum_q M_{cq}\, \phi_{pq}}{\sum_q \phi_{pq}}

    the share of the activities related to :math:`p` (weighted by proximity) that
    location :math:`c` already has. Rows of :math:`\phi` summing to 0 give 0.
    ``symmetric=True`` skips the symmetry check (``phi`` from :func:`proximity` is
    symmetric by construction).

    References
    ----------
    Hidalgo et al. (2007), *Science* 317, 482-487; Hausmann et al. (2014), *The Atlas of
    Economic Complexity*, technical box 5.1.
    """
    x = np.asarray(m, dtype=float)
    p = np.asarray(phi, dtype=float)
    tot = p.sum(axis=1)
    if symmetric is None:
        symmetric = p.shape[0] == p.shape[1] and np.array_equal(p, p.T)
    if symmetric:  # no transposed copy
        out: Array = x @ p
        out /= np.where(tot > 0, tot, 1.0)[None, :]
        return out
    out = x @ (p.T / np.where(tot > 0, tot, 1.0)[None, :])
    return out


def distance(m: ArrayLike, phi: ArrayLike) -> Array:
    r"""Distance of each location to each activity, :math:`d_{cp} = 1 - \omega_{cp}`.

    .. math:: d_{cp} = \frac{\sum_q (1 - M_{cq})\,\phi_{pq}}{\sum_q \phi_{pq}}

    References
    ----------
    Hausmann et al. (2014), *The Atlas of Economic Complexity*, technical box 5.1.
    """
    out: Array = 1.0 - density(m, phi)
    return out
