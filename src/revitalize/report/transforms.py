"""Small pure computations on tidy frames used by the report sections.

Every function takes a tidy frame (columns ``region``, ``indicator``, ``period``,
``value``, ...) or a wide frame derived from one, and returns a new frame; nothing is
loaded or plotted here, so each step can be tested on a hand-made table.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from revitalize import regions
from revitalize.exceptions import PeriodParseError
from revitalize.periods import parse_period, period_sort_key

__all__ = [
    "annual",
    "composition_shares",
    "index_to_base",
    "latest_period",
    "national",
    "national_at",
    "pick",
    "ratio",
    "value_at",
    "wide",
    "ytd",
]

PROVINCES_SUM = "provinces"
NATIONAL_CODES = (regions.NATIONAL, PROVINCES_SUM)


def _kind(label: str) -> str | None:
    try:
        return parse_period(label).kind
    except PeriodParseError:
        return None


def pick(
    df: pd.DataFrame, indicator: str, region_codes: Sequence[str] | None = None
) -> pd.DataFrame:
    """Rows of one indicator (and, optionally, of the given regions only).

    Parameters
    ----------
    df
        Tidy frame.
    indicator
        Indicator name.
    region_codes
        Region codes or group ids to keep; ``None`` keeps all.
    """
    out = df[df["indicator"] == indicator]
    if region_codes is not None:
        out = out[out["region"].isin(list(region_codes))]
    return out


def annual(df: pd.DataFrame) -> pd.DataFrame:
    """Rows whose period is a calendar year (``"2023"``)."""
    kinds = {p: _kind(p) for p in df["period"].unique()}
    return df[df["period"].map(kinds) == "Y"]


def ytd(df: pd.DataFrame) -> pd.DataFrame:
    """Rows of year-to-date quarterly periods: Q1, H1, Q1-Q3 and the full year.

    These are the cumulative spans in which Chinese quarterly GDP is published.
    """
    spans = {(1, 3), (1, 6), (1, 9), (1, 12)}
    keep = {}
    for p in df["period"].unique():
        try:
            q = parse_period(p)
        except PeriodParseError:
            keep[p] = False
            continue
        keep[p] = (q.first_month, q.last_month) in spans
    return df[df["period"].map(keep).astype(bool)]


def national(df: pd.DataFrame, indicator: str) -> pd.DataFrame:
    """The national series of ``indicator``: the country's own rows, else the sum.

    One series never mixes the two: the published national rows (region ``"100000"``)
    are used whenever there are any; only if there are none is the ``"provinces"``
    group total (the sum of the 31 provinces, formed by the loader) used, keeping the
    region id ``"provinces"`` so that it is labelled as a sum. (The sum of provincial
    GDP differs from the national figure, so splicing the two would create breaks.)

    Returns
    -------
    pandas.DataFrame
        Tidy rows, one per period.
    """
    sub = pick(df, indicator, NATIONAL_CODES)
    own = sub[sub["region"] == regions.NATIONAL]
    if not own.empty:
        return own.reset_index(drop=True)
    return sub[sub["region"] == PROVINCES_SUM].reset_index(drop=True)


def wide(df: pd.DataFrame, columns: str = "region") -> pd.DataFrame:
    """Pivot a tidy frame to periods (rows, chronological) by ``columns``.

    Duplicated (period, column) pairs keep their first value.
    """
    if df.empty:
        return pd.DataFrame()
    w = df.pivot_table(index="period", columns=columns, values="value", aggfunc="first")
    order = sorted(w.index, key=period_sort_key)
    w = w.loc[order]
    w.columns.name = None
    return w


def latest_period(df: pd.DataFrame, region_codes: Sequence[str] | None = None) -> str | None:
    """The latest period for which every region in ``region_codes`` has a value.

    Parameters
    ----------
    df
        Tidy frame of one indicator.
    region_codes
        Regions that must all be present; ``None`` accepts any region.

    Returns
    -------
    str or None
        The period label, or ``None`` if no period qualifies.
    """
    if df.empty:
        return None
    need = set(region_codes) if region_codes is not None else set()
    have = df.dropna(subset=["value"]).groupby("period")["region"].agg(set)
    ok = [str(p) for p, rs in have.items() if need <= rs]
    return max(ok, key=period_sort_key) if ok else None


def composition_shares(wide_parts: pd.DataFrame) -> pd.DataFrame:
    """Shares (%) of each column in the row total.

    .. math:: s_{t,k} = 100 \\, x_{t,k} / \\sum_j x_{t,j}

    Rows with any missing part are dropped, so every row sums to 100.

    Examples
    --------
    >>> w = pd.DataFrame({"a": [1.0, 3.0], "b": [3.0, 1.0]}, index=["2020", "2021"])
    >>> composition_shares(w)["a"].tolist()
    [25.0, 75.0]
    """
    full = wide_parts.dropna(how="any")
    total = full.sum(axis=1)
    return full.div(total.where(total != 0), axis=0) * 100.0


def index_to_base(w: pd.DataFrame, base: str | None = None) -> pd.DataFrame:
    """Rebase every column so that its value in ``base`` equals 100.

    .. math:: I_{t} = 100 \\, x_t / x_{base}

    Parameters
    ----------
    w
        Wide frame, periods as rows.
    base
        Base period; default the first row where every column has a value.
    """
    if w.empty:
        return w
    if base is None:
        complete = w.dropna(how="any")
        if complete.empty:
            return w.iloc[0:0]
        base = str(complete.index[0])
    w = w.loc[[p for p in w.index if period_sort_key(str(p)) >= period_sort_key(base)]]
    ref = w.loc[base].replace(0, np.nan)
    return w.div(ref, axis=1) * 100.0


def ratio(num: pd.Series, den: pd.Series, scale: float = 100.0) -> pd.Series:
    """``scale * num / den`` aligned on the index; periods missing on either side drop.

    Examples
    --------
    >>> ratio(pd.Series({"2020": 1.0}), pd.Series({"2020": 4.0, "2021": 2.0})).tolist()
    [25.0]
    """
    both = pd.concat([num.rename("n"), den.rename("d")], axis=1).dropna()
    return scale * both["n"] / both["d"].where(both["d"] != 0)


def value_at(df: pd.DataFrame, indicator: str, region: str, period: str) -> float | None:
    """The value of one (indicator, region, period) cell, ``None`` if absent or NaN."""
    hit = df.loc[
        (df["indicator"] == indicator) & (df["region"] == region) & (df["period"] == period),
        "value",
    ]
    if hit.empty or pd.isna(hit.iloc[0]):
        return None
    return float(hit.iloc[0])


def national_at(df: pd.DataFrame, indicator: str, period: str) -> tuple[float | None, str | None]:
    """National value of ``indicator`` in ``period`` and the region id it came from.

    Returns ``(value, "100000")`` for a published national value, ``(value,
    "provinces")`` for the sum of the 31 provinces, or ``(None, None)``.
    """
    for code in NATIONAL_CODES:
        v = value_at(df, indicator, code, period)
        if v is not None:
            return v, code
    return None, None
