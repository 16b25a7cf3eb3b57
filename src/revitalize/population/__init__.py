"""Population and talent: cohort-component projections of the Northeast provinces.

The 2020 census (by sex and five-year age) is projected in five-year steps with UN WPP
2024 rates for China, scaled to each province by relative indirect standardisation;
migration scenarios come from the 2010-2020 intercensal residual. Labour supply,
dependency ratios and the talent gap (against a demand frame passed in by the caller)
follow. See ``docs/population.md`` for the method.

>>> from revitalize.population import project, summarise
>>> p = project("LN", to=2035, migration="outflow-stops")
>>> p.years
(2020, 2025, 2030, 2035)
>>> round(float(summarise(p.population)["population"][0, 0]))
42591407
"""

from __future__ import annotations

from revitalize.population.checks import (
    AgeGroupError,
    HorizonError,
    NegativeRateError,
    ProbabilityError,
)
from revitalize.population.labour import (
    calibrate_employment_rates,
    labour_supply,
    talent_gap,
)
from revitalize.population.lifetable import LifeTable, life_table, projection_survivorship
from revitalize.population.model import (
    FERTILITY,
    MIGRATION,
    Projection,
    project,
    project_probabilistic,
    run_cohort_component,
    summarise,
)
from revitalize.population.projection import asfr_from_tfr, cohort_balance, project_step
from revitalize.population.validation import backcast

__all__ = [
    "FERTILITY",
    "MIGRATION",
    "AgeGroupError",
    "HorizonError",
    "LifeTable",
    "NegativeRateError",
    "ProbabilityError",
    "Projection",
    "asfr_from_tfr",
    "backcast",
    "calibrate_employment_rates",
    "cohort_balance",
    "labour_supply",
    "life_table",
    "project",
    "project_probabilistic",
    "project_step",
    "projection_survivorship",
    "run_cohort_component",
    "summarise",
    "talent_gap",
]
