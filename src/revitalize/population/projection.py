"""Cohort-component projection in five-year steps (pure array functions).

Arrays carry age on the last axis (the 18 projection groups 0-4 ... 80-84, 85+) and sex
on the one before (male, female); any leading axes (draw, region) broadcast, so one
call projects many populations at once.

Method (Preston, Heuveline and Guillot 2001, chapter 6; UN Population Division's
cohort-component method as used for World Population Prospects):

* survivors: :math:`N_{x+5}(t+5) = S_x\\,(N_x(t) + M_{x+5}/2) + M_{x+5}/2`, with the
  open group :math:`N_{85+}(t+5) = S_{80+}\\,(N_{80-84}(t) + N_{85+}(t) + M_{85+}/2)
  + M_{85+}/2`;
* births: :math:`B = 5 \\sum_x f_x\\,\\tfrac12\\,(W_x(t) + W_x(t+5))`, split by sex with
  the sex ratio at birth :math:`s`: :math:`B_m = B\\,s/(1+s)`;
* the youngest group: :math:`N_{0-4}(t+5) = S_b\\,(B + M_{0-4}/2) + M_{0-4}/2`.

``M`` are net migrants over the five years by sex and age at the end of the step; half
of them are exposed to the period's mortality (the mid-period convention). Deaths are
booked by cohort, so for every cohort
:math:`N(t+5) = N(t) + B - D + M` holds exactly (see :func:`cohort_balance`).

With ``migrant_age="period"`` the migrants :math:`I_x` are instead counted by age
group during the step, as in Preston et al. (2001, Box 6.2) and the UN's
``ccmppWPP`` ("even" migration): half of :math:`I_x` joins group :math:`x` at the
start and is survived with it, the other half joins group :math:`x` at the end,

.. math::
    N_{x+5}(t+5) = S_x\\,(N_x(t) + I_x/2) + I_{x+5}/2,\\qquad
    N_{0-4}(t+5) = S_b\\,B + I_{0-4}/2,

with the open group :math:`N_{85+}(t+5) = S_{80+}\\,(N_{80-84}(t) + N_{85+}(t) +
(I_{80-84} + I_{85+})/2) + I_{85+}/2`; the women exposed to childbearing at the start
include :math:`I_x/2`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import numpy as np
from numpy.typing import ArrayLike, NDArray

from revitalize.population.ages import FERTILE, PROJ_AGES
from revitalize.population.checks import (
    MigrationConventionError,
    check_nonnegative,
    check_probability,
)

__all__ = ["MigrantAge", "StepResult", "asfr_from_tfr", "cohort_balance", "project_step"]

F = NDArray[np.float64]
STEP = 5.0
N_AGES = len(PROJ_AGES)
#: how net migrants are indexed: by age at the end of the step, or by age during it
MigrantAge = Literal["end", "period"]


def asfr_from_tfr(tfr: ArrayLike, pattern: ArrayLike) -> F:
    r"""Age-specific fertility rates that sum to a total fertility rate.

    .. math:: f_x = \frac{\mathrm{TFR}\; p_x}{5 \sum_y p_y}

    where :math:`p_x` is the age pattern of fertility (e.g. WPP's percentage ASFR,
    ``pasfr``) over five-year age groups, so that :math:`5\sum_x f_x = \mathrm{TFR}`
    (Preston et al. 2001, eq. 5.2). ``tfr`` broadcasts against ``pattern[..., 0]``.
    """
    t = check_nonnegative(tfr, "TFR")
    p = check_nonnegative(pattern, "Fertility age pattern")
    total = p.sum(axis=-1, keepdims=True)
    if (total <= 0).any():
        raise ValueError("fertility pattern sums to zero")
    return np.asarray(t[..., None] * p / (STEP * total), dtype=float)


@dataclass(frozen=True)
class StepResult:
    """One five-year step: population at the end and the components by cohort.

    ``deaths`` and ``migrants`` are indexed by the age group at the end of the step
    (cohort ``j`` ends in group ``j``); ``births`` has shape ``(..., 2)``.
    """

    population: F
    births: F
    deaths: F
    migrants: F


def project_step(
    population: ArrayLike,
    s_birth: ArrayLike,
    survivorship: ArrayLike,
    asfr: ArrayLike,
    srb: ArrayLike,
    migrants: ArrayLike,
    migrant_age: MigrantAge = "end",
) -> StepResult:
    """Project a population by sex and age five years ahead (see the module docstring).

    Parameters
    ----------
    population
        Persons, shape ``(..., 2, 18)`` (sex male/female, groups 0-4 ... 85+).
    s_birth
        :math:`S_b = {}_5L_0 / 5 l_0` by sex, shape ``(..., 2)``.
    survivorship
        Ratios :math:`S_x` by sex, shape ``(..., 2, 17)``
        (from :func:`~revitalize.population.lifetable.projection_survivorship`).
    asfr
        Fertility rates of women aged 10-14 ... 50-54 per year, shape ``(..., 9)``.
    srb
        Sex ratio at birth (males per female), broadcast to the leading shape.
    migrants
        Net migrants over the step by sex and age, ``(..., 2, 18)``: age at the end of
        the step (``migrant_age="end"``, default) or age group during the step
        (``"period"``, Preston et al. 2001 Box 6.2; see the module docstring).
    migrant_age
        ``"end"`` or ``"period"``; anything else raises
        :class:`~revitalize.population.checks.MigrationConventionError`.
    """
    if migrant_age not in ("end", "period"):
        raise MigrationConventionError(
            f"Unknown migrant age convention {migrant_age!r}.",
            "Use 'end' (age at the end of the step) or 'period' (age during the step).",
        )
    pop = check_nonnegative(population, "Population")
    sb = check_probability(s_birth, "Survivorship at birth")
    s = check_probability(survivorship, "Survivorship ratios")
    f = check_nonnegative(asfr, "Age-specific fertility rates")
    ratio = check_nonnegative(srb, "Sex ratio at birth")
    m = np.asarray(migrants, dtype=float)
    lead = np.broadcast_shapes(pop.shape[:-2], sb.shape[:-1], s.shape[:-2], f.shape[:-1],
                               m.shape[:-2], np.shape(ratio))
    pop = np.broadcast_to(pop, (*lead, 2, N_AGES))
    m = np.broadcast_to(m, (*lead, 2, N_AGES))
    start = np.zeros((*lead, 2, N_AGES))
    start[..., 1:-1] = pop[..., :-2]
    start[..., -1] = pop[..., -2] + pop[..., -1]
    surv = np.zeros_like(start)
    surv[..., 1:] = s
    # half of the migrants join each cohort at the start (exposed to mortality), the
    # other half at the end; ``at_start`` is indexed by cohort (age group at the end)
    at_end = m / 2.0
    if migrant_age == "end":
        at_start = m / 2.0
        women_start = pop[..., 1, FERTILE]
    else:
        at_start = np.zeros_like(start)
        at_start[..., 1:-1] = m[..., :-2] / 2.0
        at_start[..., -1] = (m[..., -2] + m[..., -1]) / 2.0
        women_start = pop[..., 1, FERTILE] + m[..., 1, FERTILE] / 2.0
    # females first: births depend on women at both ends of the step
    exposed = start + at_start
    end = np.maximum(surv * exposed + at_end, 0.0)
    w = 0.5 * (np.maximum(women_start, 0.0) + end[..., 1, FERTILE])
    total_births = STEP * (f * w).sum(axis=-1)
    male_share = ratio / (1.0 + ratio)
    births = np.stack([total_births * male_share, total_births * (1.0 - male_share)], axis=-1)
    start[..., 0] = births
    surv[..., 0] = sb
    exposed = start + at_start
    deaths = (1.0 - surv) * np.maximum(exposed, 0.0)
    # an outflow larger than the cohort empties it; the migrants actually booked are
    # what keeps the balance N(t+5) = N(t) + B - D + M exact
    end = np.maximum(surv * exposed + at_end, 0.0)
    net_m = end - start + deaths
    return StepResult(end, births, deaths, net_m)


def cohort_balance(start: ArrayLike, step: StepResult) -> F:
    """Residual of :math:`N(t+5) - [N(t) + B - D + M]` by cohort (zero up to rounding).

    ``start`` is the population at the beginning, shape ``(..., 2, 18)``.
    """
    pop = np.asarray(start, dtype=float)
    begin = np.empty_like(step.population)
    begin[..., 0] = step.births
    begin[..., 1:-1] = pop[..., :-2]
    begin[..., -1] = pop[..., -2] + pop[..., -1]
    return np.asarray(step.population - (begin - step.deaths + step.migrants), dtype=float)
