"""Reference: the UNDP Human Development Index, a published composite index built by
goalpost min-max normalisation and a geometric mean.

Method and goalposts: UNDP, *Human Development Report 2020, Technical notes*, p. 2
(life expectancy 20-85 years; expected years of schooling 0-18; mean years of schooling
0-15; GNI per capita 100-75,000 2017 PPP $, in logs; education index = arithmetic mean
of the two schooling indices; HDI = geometric mean of the three dimension indices).

Data and result: UNDP, *Human Development Report 2020*, Table 1, Norway (rank 1):
life expectancy at birth 82.4 years, expected years of schooling 18.1, mean years of
schooling 12.9, GNI per capita 66,494 (2017 PPP $), HDI 0.957. The published HDI is
computed from unrounded components; recomputed from the printed (rounded) components
it matches to the printed precision of three decimals.
"""

from __future__ import annotations

import numpy as np
import pytest

from revitalize.indicators.composite import (
    aggregate_arithmetic,
    aggregate_geometric,
    normalise_goalposts,
)


def test_hdi_norway_hdr2020() -> None:
    x = np.array([[82.4, 18.1, 12.9, np.log(66494.0)]])
    lo = np.array([20.0, 0.0, 0.0, np.log(100.0)])
    hi = np.array([85.0, 18.0, 15.0, np.log(75000.0)])
    idx = normalise_goalposts(x, lo, hi)
    assert idx[0, 0] == pytest.approx(0.96)
    assert idx[0, 1] == 1.0  # expected schooling above the 18-year goalpost is capped
    education = aggregate_arithmetic(idx[:, 1:3], np.array([0.5, 0.5]))
    dims = np.column_stack([idx[:, 0], education, idx[:, 3]])
    hdi = aggregate_geometric(dims, np.full(3, 1 / 3))
    assert round(float(hdi[0]), 3) == 0.957
