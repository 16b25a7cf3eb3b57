"""Projections of the Northeast provinces: scenarios, the probabilistic option, summaries.

A projection starts from the 2020 census (1 November 2020) and runs in five-year steps;
the year ``t`` of a result means 1 November of ``t``. Rates per step come from WPP 2024
(China) scaled to each province (:mod:`revitalize.population.rates`).

Scenarios
---------
fertility ``low`` / ``central`` / ``high``
    WPP 2024 low / medium / high TFR path for China times the province's fertility
    ratio :math:`k^f_r` (the WPP low and high variants are the medium -/+ 0.5 child).
migration ``outflow-continues`` / ``outflow-stops`` / ``inflow``
    A net migration *rate* (net migrants per person per year, applied to the
    population at the start of each step) equal to the 2010-2020 intercensal average
    of the province; zero; or a net inflow at half the size of the 2010-2020 outflow
    rate (for a province that gained migrants in 2010-2020: half its past rate).
    Migrants are spread over sex and age with the province's own 2010-2020 residual
    age profile (:func:`revitalize.population.rates.migration_profile`).
probabilistic
    ``draws`` joint draws of a TFR multiplier :math:`\\exp(0.15 Z_1)`, a mortality
    multiplier :math:`\\exp(0.10 Z_2)` and a migration rate
    :math:`r + 0.5\\,|r_{2010-2020}|\\,Z_3` (independent standard normals, constant
    over the horizon), projected at once on arrays with a draw axis.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd
from numpy.typing import ArrayLike, NDArray

from revitalize import regions
from revitalize.exceptions import InputError
from revitalize.population.ages import PROJ_AGES, SEXES
from revitalize.population.checks import check_horizon, check_nonnegative
from revitalize.population.lifetable import life_table, projection_survivorship
from revitalize.population.projection import asfr_from_tfr, project_step
from revitalize.population.rates import FEMALE, national_rates, provincial_rates

__all__ = [
    "BASE_YEAR",
    "FERTILITY",
    "MIGRATION",
    "Projection",
    "migration_rate",
    "project",
    "project_probabilistic",
    "province_codes",
    "run_cohort_component",
    "scenario_tfr_path",
    "summarise",
]

F = NDArray[np.float64]
BASE_YEAR = 2020
FERTILITY = {"low": "low", "central": "medium", "high": "high"}
MIGRATION = ("outflow-continues", "outflow-stops", "inflow")
NORTHEAST = ("210000", "220000", "230000")
SIGMA_TFR, SIGMA_MORT, SIGMA_MIG = 0.15, 0.10, 0.5


def _steps(to: int) -> int:
    if to <= BASE_YEAR or (to - BASE_YEAR) % 5 or to > 2095:
        raise InputError(f"Cannot project to {to}.",
                         "Use a year 2025, 2030, ..., 2095 (five-year steps from the 2020 "
                         "census).")
    return (to - BASE_YEAR) // 5


def migration_rate(region: str, scenario: str) -> float:
    """Net migrants per person per year of a migration scenario (module docstring)."""
    if scenario not in MIGRATION:
        raise InputError(f"Unknown migration scenario {scenario!r}.",
                         f"Use one of: {', '.join(MIGRATION)}.")
    past = provincial_rates(region).net_migration_rate
    if scenario == "outflow-continues":
        return past
    if scenario == "outflow-stops":
        return 0.0
    return 0.5 * abs(past)


def run_cohort_component(
    base: ArrayLike,
    mortality_ratio: ArrayLike,
    tfr: ArrayLike,
    migration_rate: ArrayLike,
    steps: int,
    start: int = BASE_YEAR,
    migration_profile: ArrayLike | None = None,
) -> dict[str, F]:
    """Project populations with leading axes ``(...)`` by ``steps`` five-year steps.

    Parameters
    ----------
    base
        Population, shape ``(..., 2, 18)``.
    mortality_ratio
        Multiplier of the WPP China death rates, shape ``(...)``.
    tfr
        TFR per step, shape ``(..., n)`` with ``n >= steps``.
    migration_rate
        Net migrants per person per year, shape ``(...)``, applied to the population
        at the start of each step.
    migration_profile
        Shares of net migrants by sex and age, ``(..., 2, 18)`` summing to 1; default
        WPP 2024's profile for China.

    Returns
    -------
    dict
        ``population`` (steps + 1, ..., 2, 18), ``births`` (steps, ..., 2), ``deaths``
        and ``migrants`` (steps, ..., 2, 18).
    """
    nat = national_rates()
    pop = check_nonnegative(base, "Base population")
    k = check_nonnegative(mortality_ratio, "Mortality ratio")
    t = check_nonnegative(tfr, "TFR path")
    check_horizon(np.zeros(t.shape[-1]), steps, "The TFR path")
    lead = pop.shape[:-2]
    rate = np.broadcast_to(np.asarray(migration_rate, dtype=float), lead)
    prof = nat.migration_profile if migration_profile is None else check_nonnegative(
        migration_profile, "Migration age profile")
    k = np.broadcast_to(k, lead)
    t = np.broadcast_to(t, (*lead, t.shape[-1]))
    out: dict[str, list[F]] = {"population": [pop], "births": [], "deaths": [],
                               "migrants": []}
    for i in range(steps):
        mx, _tfr, pattern, srb = nat.step(start + 5 * i)
        lt = life_table(k[..., None, None] * mx, FEMALE)
        sb, s = projection_survivorship(lt)
        f = asfr_from_tfr(t[..., i], pattern)
        total = pop.sum(axis=(-1, -2))
        m = 5.0 * (rate * total)[..., None, None] * prof
        res = project_step(pop, sb, s, f, srb, m)
        pop = res.population
        out["population"].append(pop)
        out["births"].append(res.births)
        out["deaths"].append(res.deaths)
        out["migrants"].append(res.migrants)
    return {key: np.stack(v) for key, v in out.items()}


def scenario_tfr_path(variant: str, steps: int) -> F:
    """National WPP 2024 TFR per five-year step of a variant (low, medium, high)."""
    nat = national_rates()
    return np.array([nat.step(BASE_YEAR + 5 * i, variant)[1] for i in range(steps)])


@dataclass(frozen=True)
class Projection:
    """Result of :func:`project`: population by region, year, sex and age."""

    regions: tuple[str, ...]
    years: tuple[int, ...]
    fertility: str
    migration: str
    population: F  # (year, region, sex, age)
    births: F
    deaths: F
    migrants: F

    def frame(self) -> pd.DataFrame:
        """Tidy frame: region, year, sex, age, value (persons), scenario columns."""
        y, r, s, a = np.meshgrid(np.array(self.years), np.array(self.regions),
                                 np.array(SEXES), np.array(PROJ_AGES), indexing="ij")
        return pd.DataFrame({
            "region": r.ravel(), "year": y.ravel(), "sex": s.ravel(), "age": a.ravel(),
            "fertility": self.fertility, "migration": self.migration,
            "value": self.population.ravel(), "unit": "persons",
        })


def province_codes(region: str | Sequence[str]) -> tuple[str, ...]:
    """Region codes of names, codes, aliases or groups (provinces or NE prefectures)."""
    specs = [region] if isinstance(region, str) else list(region)
    codes: list[str] = []
    for spec in specs:
        for part in str(spec).split(","):
            part = part.strip()
            if regions.is_group(part):
                codes.extend(regions.group(part).members)
            elif part:
                codes.append(regions.resolve(part).code)
    return tuple(dict.fromkeys(codes))


def project(
    region: str | Sequence[str] = "northeast",
    to: int = 2035,
    fertility: str = "central",
    migration: str = "outflow-continues",
    tfr_path: Sequence[float] | None = None,
) -> Projection:
    """Cohort-component projection of provinces from the 2020 census.

    Parameters
    ----------
    region
        Provinces (names, codes, aliases or groups such as ``"northeast"``).
    to
        End year (2025, 2030, ...).
    fertility, migration
        Scenario names (module docstring).
    tfr_path
        Optional TFR per five-year step (one value per step, used for every region)
        instead of the fertility scenario.
    """
    steps = _steps(to)
    if fertility not in FERTILITY:
        raise InputError(f"Unknown fertility scenario {fertility!r}.",
                         f"Use one of: {', '.join(FERTILITY)}.")
    codes = province_codes(region)
    if not codes:
        raise InputError(f"No province in {region!r}.", "Pass provinces such as LN,JL,HL.")
    rates = [provincial_rates(c) for c in codes]
    if tfr_path is not None:
        check_horizon(list(tfr_path), steps, "The TFR path")
        tfr = np.tile(np.asarray(tfr_path, dtype=float)[:steps], (len(codes), 1))
    else:
        path = scenario_tfr_path(FERTILITY[fertility], steps)
        tfr = np.stack([r.fertility_ratio * path for r in rates])
    res = run_cohort_component(
        np.stack([r.base for r in rates]), np.array([r.mortality_ratio for r in rates]),
        tfr, np.array([migration_rate(c, migration) for c in codes]), steps,
        migration_profile=np.stack([r.migration_profile for r in rates]))
    years = tuple(BASE_YEAR + 5 * i for i in range(steps + 1))
    return Projection(codes, years, fertility if tfr_path is None else "custom", migration,
                      res["population"], res["births"], res["deaths"], res["migrants"])


def project_probabilistic(
    region: str | Sequence[str] = "northeast",
    to: int = 2050,
    draws: int = 1000,
    migration: str = "outflow-continues",
    seed: int = 0,
) -> dict[str, F]:
    """Probabilistic projection: ``draws`` joint draws of TFR, mortality and migration.

    Returns the arrays of :func:`run_cohort_component` with a leading draw axis after
    the step axis (``population``: (steps + 1, draws, regions, 2, 18)) plus the draws
    themselves (``tfr_multiplier``, ``mortality_multiplier``, ``migration_rate``).
    """
    if draws < 1:
        raise InputError("The number of draws must be positive.", "Use e.g. --draws 1000.")
    steps = _steps(to)
    codes = province_codes(region)
    rates = [provincial_rates(c) for c in codes]
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((3, draws, len(codes)))
    path = scenario_tfr_path("medium", steps)
    kf = np.array([r.fertility_ratio for r in rates])
    tfr_mult = np.exp(SIGMA_TFR * z[0])
    tfr = (tfr_mult * kf)[..., None] * path
    mort = np.exp(SIGMA_MORT * z[1]) * np.array([r.mortality_ratio for r in rates])
    level = np.array([migration_rate(c, migration) for c in codes])
    spread = np.array([abs(r.net_migration_rate) for r in rates])
    mig = level + SIGMA_MIG * spread * z[2]
    base = np.broadcast_to(np.stack([r.base for r in rates]), (draws, len(codes), 2, 18))
    prof = np.stack([r.migration_profile for r in rates])
    out = run_cohort_component(base, mort, tfr, mig, steps, migration_profile=prof)
    out.update(tfr_multiplier=tfr_mult, mortality_multiplier=np.exp(SIGMA_MORT * z[1]),
               migration_rate=mig)
    return out


def summarise(population: ArrayLike) -> dict[str, F]:
    r"""Totals and dependency ratios from populations with sex and age on the last axes.

    Young :math:`D_y = N_{0-14}/N_{15-64}`, old :math:`D_o = N_{65+}/N_{15-64}`, total
    :math:`D_y + D_o` (United Nations definition, per 100 persons aged 15-64).
    """
    p = np.asarray(population, dtype=float).sum(axis=-2)
    young = p[..., :3].sum(-1)
    work = p[..., 3:13].sum(-1)
    old = p[..., 13:].sum(-1)
    return {
        "population": p.sum(-1), "aged_0_14": young, "aged_15_64": work, "aged_65_plus": old,
        "young_dependency": 100 * young / work, "old_dependency": 100 * old / work,
        "total_dependency": 100 * (young + old) / work,
    }
