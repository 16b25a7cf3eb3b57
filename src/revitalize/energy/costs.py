"""Cost arithmetic: annuities, annualised capital costs, marginal costs.

Pure functions on floats, following the conventions of PyPSA and its technology-data
pipeline (Brown et al. 2018; PyPSA documentation, "Optimal power flow: objective").

References
----------
Brown, T., Hörsch, J. & Schlachtberger, D. (2018). PyPSA: Python for Power System
Analysis. *Journal of Open Research Software* 6(1), 4. doi:10.5334/jors.188
PyPSA technology-data, ``scripts/compile_cost_assumptions.py`` (annuity convention).
"""

from __future__ import annotations

import math

from revitalize.exceptions import InputError

__all__ = ["DEFAULT_DISCOUNT_RATE", "annuity", "capital_cost", "marginal_cost"]

DEFAULT_DISCOUNT_RATE = 0.07
"""Real discount rate used where the cost table gives none (PyPSA-Eur default)."""


def annuity(rate: float, lifetime: float) -> float:
    """Capital recovery factor: the annual payment per unit of overnight investment.

    .. math::

        a(r, L) = \\frac{r}{1 - (1 + r)^{-L}} \\quad (r > 0), \\qquad
        a(0, L) = \\frac{1}{L}

    Examples
    --------
    >>> round(annuity(0.07, 25), 4)
    0.0858
    >>> annuity(0.0, 20)
    0.05
    """
    if not lifetime > 0 or not math.isfinite(lifetime):
        raise InputError(f"Lifetime must be a positive number of years; got {lifetime}.")
    if rate < 0:
        raise InputError(f"Discount rate must be non-negative; got {rate}.")
    if rate == 0:
        return 1.0 / lifetime
    return float(rate / (1.0 - (1.0 + rate) ** -lifetime))


def capital_cost(
    investment: float,
    lifetime: float,
    fom_percent: float = 0.0,
    rate: float = DEFAULT_DISCOUNT_RATE,
    share_of_year: float = 1.0,
) -> float:
    """Annualised capital cost (currency per MW and year, pro-rated).

    .. math:: c = I \\bigl(a(r, L) + \\mathrm{FOM}/100\\bigr) \\cdot \\frac{H}{8760}

    with :math:`I` the overnight investment, FOM in % of investment per year and
    :math:`H/8760` the share of the year the model covers (so a one-week model charges
    one week of annuity against one week of operation).
    """
    if investment < 0:
        raise InputError(f"Investment cost must be non-negative; got {investment}.")
    return investment * (annuity(rate, lifetime) + fom_percent / 100.0) * share_of_year


def marginal_cost(
    vom: float = 0.0,
    fuel: float = 0.0,
    efficiency: float = 1.0,
    co2_intensity: float = 0.0,
    co2_price: float = 0.0,
) -> float:
    """Short-run marginal cost per MWh of electricity.

    .. math:: m = \\mathrm{VOM} + \\frac{p_{fuel} + p_{CO_2}\\, e_{CO_2}}{\\eta}

    with fuel price and emission intensity per MWh of fuel (thermal) and
    :math:`\\eta` the electrical efficiency.

    Examples
    --------
    >>> marginal_cost(vom=3.5, fuel=8.15, efficiency=0.37, co2_intensity=0.34, co2_price=0)
    25.527027027027028
    """
    if not efficiency > 0:
        raise InputError(f"Efficiency must be positive; got {efficiency}.")
    return vom + (fuel + co2_price * co2_intensity) / efficiency
