"""National WPP 2024 rates and the provincial rates derived from them.

WPP publishes rates for China only. Provincial rates are derived from the census by
*relative indirect standardisation* (Preston et al. 2001, section 2.6; Siegel and
Swanson 2004, ch. 10): a province's ratio of observed to expected events, with the
expected events computed from the national schedule applied to the province's own age
structure, divided by the same ratio for the nation (which cancels any under-count
common to all provinces):

* mortality: :math:`k^{m}_r = \\frac{D_r / \\sum_x m^{nat}_x N_{r,x}}
  {D / \\sum_x m^{nat}_x N_x}` from the 2010 census crude death rates (deaths in the
  12 months before the census); provincial :math:`m_{r,x}(t) = k^m_r\\,m^{nat}_x(t)`;
* fertility: :math:`k^{f}_r = \\frac{N_{r,0} / \\sum_x f^{nat}_x W_{r,x}}
  {N_{0} / \\sum_x f^{nat}_x W_{x}}` from the 2020 census count at age 0 and women by
  age; provincial :math:`\\mathrm{TFR}_r(t) = k^f_r\\,\\mathrm{TFR}^{nat}(t)`;
* net migration: the 2010-2020 intercensal residual (forward survival method, Siegel
  and Swanson 2004, ch. 19): survive the 2010 census ten years with provincial
  mortality, subtract from the 2020 census at ages 10+, remove the national residual
  rate (coverage differences between the censuses), and gross up for migrants aged
  0-9 (see :func:`migration_profile`); the age-sex shares of the residual are the
  province's migration age profile; the rate per person divides the annual
  average by the mean of the two census populations.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
from numpy.typing import NDArray

from revitalize import regions
from revitalize.exceptions import InputError
from revitalize.population.ages import FERTILE, SEXES, collapse_to_projection_grid
from revitalize.population.lifetable import LifeTable, life_table, projection_survivorship
from revitalize.population.projection import asfr_from_tfr, project_step

__all__ = [
    "NationalRates",
    "ProvincialRates",
    "census_population",
    "employment_ratio",
    "fertility_ratio",
    "intercensal_net_migration",
    "intercensal_residual",
    "migration_profile",
    "mortality_ratio",
    "national_rates",
    "projection_grid_mx",
    "provincial_rates",
]

F = NDArray[np.float64]
MX_KEYS = ("0", "1", *[str(a) for a in range(5, 100, 5)], "100+")
FEMALE = np.array([False, True])
NATIONAL = "100000"
VARIANTS = ("low", "medium", "high")


@dataclass(frozen=True)
class NationalRates:
    """WPP 2024 schedules for China, as arrays.

    ``mx[period]`` has shape (2, 22) (sex x abridged age); ``pasfr[year]`` (9,) for
    women 10-14 ... 50-54; ``tfr[variant][year]``; ``srb[year]`` males per female;
    ``migration_profile`` (2, 18) shares of net migrants by sex and age (sum 1);
    ``e0[sex][year]``, ``e0_period[sex][period]`` and ``pop_total[variant][year]``
    (thousands) for reference.
    """

    mx: dict[str, F]
    pasfr: dict[int, F]
    tfr: dict[str, dict[int, float]]
    srb: dict[int, float]
    migration_profile: F
    e0: dict[str, dict[int, float]]
    e0_period: dict[str, dict[str, float]]
    pop_total: dict[str, dict[int, float]]

    def step(self, year: int, variant: str = "medium") -> tuple[F, float, F, float]:
        """Rates of the five-year step starting 1 Nov ``year``: mx, TFR, pattern, SRB.

        The step uses WPP's five-year period ``year-(year+5)`` for mortality and the
        means of the annual TFR (``variant``), fertility pattern and SRB over the years
        ``year`` ... ``year + 4`` (estimates before 2024).
        """
        key = f"{year}-{year + 5}"
        if key not in self.mx:
            raise InputError(f"WPP 2024 has no mortality for the period {key}.",
                             "Start the projection in a year ending in 0 or 5, 1950-2095.")
        years = range(year, year + 5)
        tfr = float(np.mean([self.tfr[variant].get(y, self.tfr["medium"][y]) for y in years]))
        pattern = np.mean([self.pasfr[y] for y in years], axis=0)
        srb = float(np.mean([self.srb[y] for y in years]))
        return self.mx[key], tfr, pattern, srb


@cache
def national_rates() -> NationalRates:
    """Read ``wpp2024_china`` into :class:`NationalRates` (cached)."""
    from revitalize.data import load_table

    w = load_table("wpp2024_china")
    w["age"] = w["age"].astype(str)
    w["period"] = w["period"].astype(str)
    mx = w[w["indicator"] == "mx"].pivot_table(index=["period", "sex"], columns="age",
                                               values="value")[list(MX_KEYS)]
    mx_d = {p: mx.loc[p].loc[list(SEXES)].to_numpy(float)
            for p in mx.index.get_level_values(0).unique()}
    pas = w[w["indicator"] == "pasfr"].pivot_table(index="period", columns="age",
                                                   values="value")
    pas = pas[[f"{a}-{a + 4}" for a in range(10, 55, 5)]]
    pasfr = {int(str(y)): row.to_numpy(float) for y, row in pas.iterrows()}

    def annual(ind: str, sex: str = "both") -> pd.DataFrame:
        d = w[(w["indicator"] == ind) & (w["sex"] == sex)]
        return d.assign(year=d["period"].astype(int))

    t = annual("tfr")
    est = dict(zip(t[t["variant"] == "estimates"]["year"], t[t["variant"] == "estimates"]
                   ["value"], strict=True))
    tfr = {v: est | dict(zip(t[t["variant"] == v]["year"], t[t["variant"] == v]["value"],
                             strict=True)) for v in VARIANTS}
    s = annual("sex_ratio_at_birth")
    srb = dict(zip(s["year"], s["value"], strict=True))
    mig = w[(w["indicator"] == "net_migrants") & (w["period"] == "2020-2025")]
    prof = np.stack([collapse_to_projection_grid(
        mig[mig["sex"] == sx].set_index("age")["value"]) for sx in SEXES])
    e0 = {sx: dict(zip(annual("e0", sx)["year"], annual("e0", sx)["value"], strict=True))
          for sx in SEXES}
    ep = w[w["indicator"] == "e0_period"]
    e0p = {sx: dict(zip(ep[ep["sex"] == sx]["period"], ep[ep["sex"] == sx]["value"],
                        strict=True)) for sx in SEXES}
    pt = annual("pop_total")
    pop = {v: dict(zip(pt[pt["variant"].isin([v, "estimates"])]["year"],
                       pt[pt["variant"].isin([v, "estimates"])]["value"], strict=True))
           for v in VARIANTS}
    return NationalRates(mx_d, pasfr, tfr, srb, prof / prof.sum(), e0, e0p, pop)


@cache
def _census() -> pd.DataFrame:
    from revitalize.data import load_table

    c = load_table("census_population_age_sex")
    return c.assign(region=c["region"].astype(str), age=c["age"].astype(str))


def census_population(region: str, year: int) -> F:
    """Census population (1 Nov ``year``, 2010 or 2020) by sex and projection age group.

    Returns an array of shape (2, 18), persons; ``region`` is any name, code or alias.
    """
    code = NATIONAL if region in ("100000", "national", "china") else regions.resolve(
        region).code
    c = _census()
    sel = c[(c["region"] == code) & (c["year"] == year)]
    if sel.empty:
        raise InputError(f"No census population for {region!r} in {year}.",
                         "Census years are 2010 and 2020; regions are provinces or 100000.")
    return np.stack([collapse_to_projection_grid(
        sel[sel["sex"] == sx].set_index("age")["value"]) for sx in SEXES])


def projection_grid_mx(lt: LifeTable) -> F:
    r"""Death rates on the projection grid from a life table: :math:`{}_5d_x / {}_5L_x`,
    with the open group :math:`m_{85+} = l_{85} / T_{85}`."""
    d = np.concatenate([lt.ndx[..., :2].sum(-1, keepdims=True), lt.ndx[..., 2:18]], -1)
    big_l = np.concatenate([lt.nLx[..., :2].sum(-1, keepdims=True), lt.nLx[..., 2:18]], -1)
    m_open = lt.lx[..., 18] / lt.Tx[..., 18]
    return np.concatenate([d / big_l, m_open[..., None]], axis=-1)


def _indicator(region: str, name: str) -> float:
    from revitalize.data import load_table

    t = load_table("census_province_indicators")
    t = t.assign(region=t["region"].astype(str))
    sel = t[(t["region"] == region) & (t["indicator"] == name)]["value"]
    if sel.empty:
        raise InputError(f"The census tables have no {name} for region {region}.",
                         "Use a province or a Northeast prefecture.")
    return float(sel.iloc[0])


def _provinces() -> list[str]:
    c = _census()
    return sorted(r for r in set(c["region"]) - {NATIONAL} if r.endswith("0000"))


@cache
def mortality_ratio(region: str) -> float:
    """Relative standardised mortality ratio :math:`k^m_r` (module docstring)."""
    nat = national_rates()
    lt = life_table((nat.mx["2005-2010"] + nat.mx["2010-2015"]) / 2.0, FEMALE)
    m = projection_grid_mx(lt)
    ratios = {}
    for r in _provinces():
        pop = census_population(r, 2010)
        ratios[r] = (_indicator(r, "crude_death_rate") / 1000.0 * pop.sum(), (m * pop).sum())
    obs = sum(v[0] for v in ratios.values())
    exp = sum(v[1] for v in ratios.values())
    if region == NATIONAL:
        return 1.0
    if region not in ratios:
        pop = census_population(region, 2010)
        ratios[region] = (_indicator(region, "crude_death_rate") / 1000.0 * pop.sum(),
                          (m * pop).sum())
    o, e = ratios[region]
    return float((o / e) / (obs / exp))


@cache
def fertility_ratio(region: str) -> float:
    """Relative standardised fertility ratio :math:`k^f_r` (module docstring)."""
    nat = national_rates()
    f = asfr_from_tfr(np.array(nat.tfr["medium"][2020]), nat.pasfr[2020])

    def ratio(code: str) -> float:
        c = _census()
        sel = c[(c["region"] == code) & (c["year"] == 2020)]
        age0 = float(sel[sel["age"] == "0"]["value"].sum())
        women = census_population(code, 2020)[1, FERTILE]
        return age0 / float((f * women).sum())

    return ratio(regions.resolve(region).code if region != NATIONAL else NATIONAL) / ratio(
        NATIONAL)


def _survive_closed(pop: F, mx: F) -> F:
    lt = life_table(mx, FEMALE)
    sb, s = projection_survivorship(lt)
    zero_f = np.zeros(9)
    return project_step(pop, sb, s, zero_f, 1.0, np.zeros_like(pop)).population


@cache
def intercensal_residual(region: str) -> F:
    """Net migrants 2010-2020 by sex and age in 2020 (ages 10+; 0-9 are zero), persons.

    Forward survival of the 2010 census with provincial mortality, minus the 2020
    census, less the national residual rate of each age and sex (module docstring).
    """
    nat = national_rates()

    def residual(code: str, k: float) -> tuple[F, F]:
        p = census_population(code, 2010)
        for period in ("2010-2015", "2015-2020"):
            p = _survive_closed(p, k * nat.mx[period])
        obs = census_population(code, 2020)
        out = obs - p
        out[:, :2] = 0.0
        return out, obs

    res_nat, pop_nat = residual(NATIONAL, 1.0)
    code = regions.resolve(region).code
    res, pop = residual(code, mortality_ratio(code))
    with np.errstate(invalid="ignore", divide="ignore"):
        rate = np.where(pop_nat > 0, res_nat / np.where(pop_nat > 0, pop_nat, 1.0), 0.0)
    return np.asarray(res - pop * rate, dtype=float)


def migration_profile(residual: F) -> F:
    r"""Age-sex shares of net migrants from an intercensal residual.

    :math:`w_{s,x} = \max(\sigma R_{s,x}, 0) / \sum \max(\sigma R, 0)` with
    :math:`\sigma` the sign of the total: the ages that carried the province's net
    flow. The groups 0-4 and 5-9 (born after 2010, not covered by the residual) get
    the share of 10-14 (children move with their parents).
    """
    r = np.asarray(residual, dtype=float).copy()
    r[:, 0] = r[:, 2]
    r[:, 1] = r[:, 2]
    sign = 1.0 if r.sum() >= 0 else -1.0
    w = np.maximum(sign * r, 0.0)
    return np.asarray(w / w.sum(), dtype=float)


@cache
def intercensal_net_migration(region: str) -> float:
    """Average annual net migrants 2010-2020, persons (module docstring).

    The residual covers ages 10+ in 2020; migrants aged 0-9 are added at the share of
    10-14 per group (see :func:`migration_profile`).
    """
    res = intercensal_residual(region)
    prof = migration_profile(res)
    share_10_plus = float(prof[:, 2:].sum())
    return float(res.sum()) / share_10_plus / 10.0


@dataclass(frozen=True)
class ProvincialRates:
    """Derived provincial parameters of one region."""

    region: str
    base: F
    mortality_ratio: float
    fertility_ratio: float
    net_migration: float
    net_migration_rate: float
    migration_profile: F


def provincial_rates(region: str) -> ProvincialRates:
    """Base population (census 2020) and derived ratios of one province."""
    code = regions.resolve(region).code
    base = census_population(code, 2020)
    mean_pop = 0.5 * (base.sum() + census_population(code, 2010).sum())
    mig = intercensal_net_migration(code)
    return ProvincialRates(code, base, mortality_ratio(code), fertility_ratio(code), mig,
                           mig / mean_pop, migration_profile(intercensal_residual(code)))



def employment_ratio(region: str) -> float:
    """Employed persons per person aged 15+ at the 2020 census (long-form sample).

    Prefectures take their province's ratio (the bundled tables hold it by province).
    """
    code = regions.resolve(region).code[:2] + "0000"
    return _indicator(code, "employed_sample_2020") / _indicator(code, "aged_15_plus_sample_2020")
