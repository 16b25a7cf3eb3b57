"""Abridged life tables and the survivorship ratios of a cohort-component projection.

All functions work on numpy arrays whose *last* axis is age (the abridged grid
0, 1-4, 5-9, ..., open group); leading axes (draw, region, sex) broadcast, so one call
computes many life tables at once.

References
----------
Preston, S. H., Heuveline, P. and Guillot, M. (2001). *Demography: Measuring and
Modeling Population Processes*. Oxford: Blackwell. Chapter 3 (life table, Table 3.3
for the Coale-Demeny a-values) and chapter 6 (projection).
Coale, A. J. and Demeny, P. (1983). *Regional Model Life Tables and Stable
Populations*, 2nd ed. New York: Academic Press.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.typing import ArrayLike, NDArray

from revitalize.population.ages import LT_STARTS
from revitalize.population.checks import check_a_values, check_nonnegative

__all__ = [
    "LifeTable",
    "coale_demeny_a0",
    "coale_demeny_a1",
    "life_table",
    "nqx_from_nmx",
    "projection_survivorship",
]

F = NDArray[np.float64]


def coale_demeny_a0(m0: ArrayLike, female: ArrayLike) -> F:
    r"""Person-years lived in the first year by infants who die, :math:`{}_1a_0`.

    Coale-Demeny (West) rule as given by Preston et al. (2001), Table 3.3:

    .. math::
        {}_1a_0 = \begin{cases} 0.045 + 2.684\,{}_1m_0 & \text{male},\ m_0 < 0.107 \\
        0.053 + 2.800\,{}_1m_0 & \text{female},\ m_0 < 0.107 \\
        0.330\ (\text{male}),\ 0.350\ (\text{female}) & m_0 \ge 0.107 \end{cases}
    """
    m0 = np.asarray(m0, dtype=float)
    fem = np.asarray(female, dtype=bool)
    low = np.where(fem, 0.053 + 2.800 * m0, 0.045 + 2.684 * m0)
    high = np.where(fem, 0.350, 0.330)
    return np.asarray(np.where(m0 >= 0.107, high, low), dtype=float)


def coale_demeny_a1(m0: ArrayLike, female: ArrayLike) -> F:
    r""":math:`{}_4a_1` by the Coale-Demeny rule (Preston et al. 2001, Table 3.3).

    .. math::
        {}_4a_1 = \begin{cases} 1.651 - 2.816\,{}_1m_0 & \text{male},\ m_0 < 0.107 \\
        1.522 - 1.518\,{}_1m_0 & \text{female},\ m_0 < 0.107 \\
        1.352\ (\text{male}),\ 1.361\ (\text{female}) & m_0 \ge 0.107 \end{cases}
    """
    m0 = np.asarray(m0, dtype=float)
    fem = np.asarray(female, dtype=bool)
    low = np.where(fem, 1.522 - 1.518 * m0, 1.651 - 2.816 * m0)
    high = np.where(fem, 1.361, 1.352)
    return np.asarray(np.where(m0 >= 0.107, high, low), dtype=float)


def nqx_from_nmx(nmx: ArrayLike, n: ArrayLike, nax: ArrayLike) -> F:
    r"""Probability of dying in :math:`[x, x+n)` from the central death rate.

    .. math:: {}_nq_x = \frac{n\,{}_nm_x}{1 + (n - {}_na_x)\,{}_nm_x}

    (Preston et al. 2001, eq. 3.5), capped at 1; the open group has :math:`q = 1`
    (``n`` = inf).
    """
    m = np.asarray(nmx, dtype=float)
    n_ = np.broadcast_to(np.asarray(n, dtype=float), m.shape)
    a = np.asarray(nax, dtype=float)
    with np.errstate(invalid="ignore", divide="ignore"):
        q = np.where(np.isinf(n_), 1.0, n_ * m / (1.0 + (n_ - a) * m))
    return np.asarray(np.clip(q, 0.0, 1.0), dtype=float)


@dataclass(frozen=True)
class LifeTable:
    """Columns of an abridged life table (radix :math:`l_0 = 1`), age on the last axis."""

    starts: F
    nmx: F
    nax: F
    nqx: F
    lx: F
    ndx: F
    nLx: F  # noqa: N815 (textbook name)
    Tx: F
    ex: F

    @property
    def e0(self) -> F:
        """Life expectancy at birth."""
        return np.asarray(self.ex[..., 0], dtype=float)


def life_table(
    nmx: ArrayLike,
    female: ArrayLike,
    starts: ArrayLike = LT_STARTS,
    nax: ArrayLike | None = None,
) -> LifeTable:
    r"""Abridged life table from age-specific death rates :math:`{}_nm_x`.

    Steps (Preston et al. 2001, section 3.3): a-values by Coale-Demeny for ages 0 and
    1-4, :math:`n/2` for closed groups above, :math:`1/m_\omega` for the open group;
    :math:`q` by :func:`nqx_from_nmx`; :math:`l_{x+n} = l_x (1 - {}_nq_x)`,
    :math:`{}_nd_x = l_x\,{}_nq_x`,
    :math:`{}_nL_x = n\,l_{x+n} + {}_na_x\,{}_nd_x` (open group
    :math:`L_\omega = l_\omega / m_\omega`), :math:`T_x = \sum_{y \ge x} {}_nL_y`,
    :math:`e_x = T_x / l_x`.

    Parameters
    ----------
    nmx
        Death rates per person-year, age on the last axis (groups starting at
        ``starts``; the last group is open). Leading axes broadcast with ``female``.
    female
        Boolean, broadcastable to ``nmx[..., 0]``: selects the a-values of ages 0, 1-4.
    starts
        Starts of the age groups, default 0, 1, 5, 10, ..., 100.
    nax
        Optional given :math:`{}_na_x` (years lived in the group by those who die in
        it), broadcastable to ``nmx``, e.g. the Keyfitz-Flieger values that Preston et
        al. (2001, Box 3.1) borrow for ages 5-80. NaN entries fall back to the default
        rule above; the open group always uses :math:`1/m_\omega` (the only value
        consistent with :math:`L_\omega = l_\omega/m_\omega`). A given value must
        lie in :math:`[0, n]` (:class:`~revitalize.population.checks.AValueError`).
    """
    m = check_nonnegative(nmx, "Death rates m(x)")
    x = np.asarray(starts, dtype=float)
    if m.shape[-1] != x.size:
        raise ValueError(f"nmx has {m.shape[-1]} age groups, starts {x.size}")
    n = np.append(np.diff(x), np.inf)
    fem = np.asarray(female, dtype=bool)
    lead = np.broadcast_shapes(m.shape[:-1], fem.shape)
    m = np.broadcast_to(m, (*lead, x.size))
    a = np.broadcast_to(n / 2.0, m.shape).copy()
    if x[0] == 0 and x.size > 2 and n[0] == 1 and n[1] == 4:
        a[..., 0] = coale_demeny_a0(m[..., 0], fem)
        a[..., 1] = coale_demeny_a1(m[..., 0], fem)
    if nax is not None:
        given = check_a_values(nax, n, m.shape)
        a = np.where(np.isnan(given), a, given)
    with np.errstate(divide="ignore"):
        a[..., -1] = np.where(m[..., -1] > 0, 1.0 / m[..., -1], np.inf)
    q = nqx_from_nmx(m, n, a)
    surv = np.cumprod(1.0 - q, axis=-1)
    lx = np.concatenate([np.ones((*lead, 1)), surv[..., :-1]], axis=-1)
    dx = lx * q
    with np.errstate(invalid="ignore"):
        big_l = np.where(np.isinf(n), lx / m, n * (lx - dx) + a * dx)
    tx = np.cumsum(big_l[..., ::-1], axis=-1)[..., ::-1]
    with np.errstate(invalid="ignore", divide="ignore"):
        ex = np.where(lx > 0, tx / lx, 0.0)
    return LifeTable(x, m, a, q, lx, dx, big_l, tx, ex)


def projection_survivorship(lt: LifeTable) -> tuple[F, F]:
    r"""Survivorship ratios of a five-year projection to the groups 0-4 ... 80-84, 85+.

    From the life table on the grid 0, 1-4, 5-9, ..., build :math:`{}_5L_0 =
    {}_1L_0 + {}_4L_1` and :math:`{}_5L_x` for :math:`x = 5, ..., 80`,
    :math:`T_{85}`; then (Preston et al. 2001, eqs. 6.1-6.3)

    .. math::
        S_b = \frac{{}_5L_0}{5\,l_0},\qquad
        S_x = \frac{{}_5L_{x+5}}{{}_5L_x}\ (x = 0, \dots, 75),\qquad
        S_{80+} = \frac{T_{85}}{T_{80}}

    where :math:`S_x` carries the group starting at :math:`x` into the next one and
    :math:`S_{80+}` carries everybody aged 80+ into 85+.

    Returns
    -------
    (S_b, S)
        ``S_b`` with the leading shape; ``S`` with 17 values on the last axis
        (from 0-4 into 5-9, ..., from 75-79 into 80-84, from 80+ into 85+).
    """
    big_l = lt.nLx
    l5 = np.concatenate([big_l[..., :2].sum(axis=-1, keepdims=True), big_l[..., 2:18]], axis=-1)
    t80 = lt.Tx[..., 17]
    t85 = lt.Tx[..., 18]
    s_b = l5[..., 0] / (5.0 * lt.lx[..., 0])
    with np.errstate(invalid="ignore", divide="ignore"):
        s = np.where(l5[..., :-1] > 0, l5[..., 1:] / np.where(l5[..., :-1] > 0,
                                                            l5[..., :-1], 1.0), 0.0)
        s_open = np.where(t80 > 0, t85 / np.where(t80 > 0, t80, 1.0), 0.0)
    return np.asarray(s_b, dtype=float), np.concatenate([s, s_open[..., None]], axis=-1)
