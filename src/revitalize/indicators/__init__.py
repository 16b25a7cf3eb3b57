"""Revitalization monitor: indicators for every pillar, a composite index with
uncertainty and sensitivity analysis, plan-target tracking and peer benchmarking.

Modules
-------
catalogue    the indicator catalogue (``catalogue.toml``) and indicator values
formula      the safe formula language of the catalogue
composite    imputation, winsorisation, normalisers, weighters, aggregators, the index
uncertainty  Monte Carlo rank intervals and Sobol sensitivity indices
targets      plan targets (``targets.toml``, cited), gap, pace and traffic light
peers        nearest peers and disparities (CV, Theil)

Examples
--------
>>> from revitalize.indicators import indicator_values, composite_index
>>> v = indicator_values(years=(2018, 2019))
>>> res = composite_index(v, imputation="mean")
>>> int(res.index.loc[("110000", 2019), "rank"])
1
"""

from __future__ import annotations

from revitalize.indicators.catalogue import (
    PILLARS,
    Indicator,
    Pillar,
    indicator,
    indicator_catalogue,
    indicator_table,
    indicator_values,
)
from revitalize.indicators.composite import IndexResult, composite_index
from revitalize.indicators.peers import disparities, nearest_peers, theil_index
from revitalize.indicators.targets import Target, load_targets, read_targets, track
from revitalize.indicators.uncertainty import (
    ChoiceSpace,
    monte_carlo,
    rank_sensitivity,
    sobol_indices,
)

__all__ = [
    "PILLARS",
    "ChoiceSpace",
    "IndexResult",
    "Indicator",
    "Pillar",
    "Target",
    "composite_index",
    "disparities",
    "indicator",
    "indicator_catalogue",
    "indicator_table",
    "indicator_values",
    "load_targets",
    "monte_carlo",
    "nearest_peers",
    "rank_sensitivity",
    "read_targets",
    "sobol_indices",
    "theil_index",
    "track",
]
