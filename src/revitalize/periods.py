"""Periods of Chinese statistics: years, half-years, quarters, Q1-Q3 and months.

A period is a span of calendar months within one year. Labels are canonical strings:

========== ===================== ===========================
label      span                  Chinese usage
========== ===================== ===========================
2023       Jan-Dec               全年
2023H1     Jan-Jun               上半年
2023H2     Jul-Dec               下半年
2023Q2     Apr-Jun               二季度
2023Q1-Q3  Jan-Sep (cumulative)  前三季度
2023-06    June                  6月
========== ===================== ===========================

Quarterly year-to-date statistics are published as Q1, H1, Q1-Q3 and the full year, so
``2023H1`` is both "the first half" and "year to date at the end of June".

A *selection* is one period or a range ``start:end`` of one frequency: ``2020:2024``
selects the years 2020 to 2024; ``2023Q1:2024Q4`` selects the quarterly and half-yearly
periods in those two years; ``2023-01:2023-12`` the months of 2023.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import pandas as pd

from revitalize.exceptions import PeriodParseError

__all__ = ["Period", "PeriodSelection", "parse_period", "parse_selection", "period_sort_key"]

_KINDS = ("Y", "H", "Q", "QQ", "M")
_FAMILY = {"Y": "Y", "H": "Q", "Q": "Q", "QQ": "Q", "M": "M"}
_OPEN_START = {"Y": (1, 12), "Q": (1, 3), "M": (1, 1)}
_OPEN_END_FIRST = {"Y": 1, "Q": 10, "M": 12}


@dataclass(frozen=True, order=True)
class Period:
    """A span of months ``first_month..last_month`` within ``year``."""

    year: int
    last_month: int
    first_month: int

    @property
    def kind(self) -> str:
        """``Y`` year, ``H`` half, ``Q`` quarter, ``QQ`` Q1-Q3, ``M`` month."""
        span = (self.first_month, self.last_month)
        if span == (1, 12):
            return "Y"
        if span in ((1, 6), (7, 12)):
            return "H"
        if span == (1, 9):
            return "QQ"
        if self.first_month == self.last_month:
            return "M"
        return "Q"

    @property
    def label(self) -> str:
        """Canonical label, e.g. ``2023H1``."""
        k = self.kind
        if k == "Y":
            return f"{self.year}"
        if k == "H":
            return f"{self.year}H{1 if self.first_month == 1 else 2}"
        if k == "QQ":
            return f"{self.year}Q1-Q3"
        if k == "M":
            return f"{self.year}-{self.first_month:02d}"
        return f"{self.year}Q{(self.last_month) // 3}"

    @property
    def end(self) -> pd.Timestamp:
        """Last day of the period (for plotting on a time axis)."""
        return pd.Timestamp(year=self.year, month=self.last_month, day=1) + pd.offsets.MonthEnd(0)

    def __str__(self) -> str:
        return self.label


def _make(year: int, first: int, last: int, text: str) -> Period:
    if not (1 <= first <= last <= 12) or not (1000 <= year <= 2999):
        raise PeriodParseError(text)
    return Period(year=year, last_month=last, first_month=first)


_ZH_SPANS = {
    "全年": (1, 12),
    "上半年": (1, 6),
    "下半年": (7, 12),
    "一季度": (1, 3),
    "第一季度": (1, 3),
    "二季度": (4, 6),
    "第二季度": (4, 6),
    "三季度": (7, 9),
    "第三季度": (7, 9),
    "四季度": (10, 12),
    "第四季度": (10, 12),
    "前三季度": (1, 9),
    "1-3季度": (1, 9),
}


def parse_period(text: str | int) -> Period:
    """Parse one period label.

    Accepts ``2023``, ``2023Q2``, ``2023H1``, ``2023Q1-Q3`` (and ``2023Q1-Q2`` = H1),
    ``2023-06``, ``2023M06``, ``2023-06-30`` (month), and the Chinese forms
    ``2023年``, ``2023年上半年``, ``2023年前三季度``, ``2023年6月``.

    Raises
    ------
    PeriodParseError
        If ``text`` is none of these.

    Examples
    --------
    >>> parse_period("2023h1").label
    '2023H1'
    >>> parse_period("2023Q1-Q2").label
    '2023H1'
    """
    raw = str(text)
    s = raw.strip().replace("－", "-").replace("—", "-")
    if isinstance(text, float) and float(text).is_integer():  # 2023.0 from spreadsheets
        s = str(int(text))
    if m := re.fullmatch(r"(\d{4})(?:\.0)?", s):
        return _make(int(m[1]), 1, 12, raw)
    if m := re.fullmatch(r"(\d{4})\s*[Hh]([12])", s):
        h = int(m[2])
        return _make(int(m[1]), 6 * h - 5, 6 * h, raw)
    if m := re.fullmatch(r"(\d{4})\s*[Qq]([1-4])", s):
        q = int(m[2])
        return _make(int(m[1]), 3 * q - 2, 3 * q, raw)
    if m := re.fullmatch(r"(\d{4})\s*[Qq]([1-4])\s*-\s*[Qq]?([1-4])", s):
        a, b = int(m[2]), int(m[3])
        if a != 1 and a != b:
            raise PeriodParseError(raw)
        return _make(int(m[1]), 3 * a - 2, 3 * b, raw)
    if m := re.fullmatch(r"(\d{4})\s*(?:-|/|M|m)\s*(\d{1,2})(?:-\d{1,2})?", s):
        mo = int(m[2])
        return _make(int(m[1]), mo, mo, raw)
    if m := re.fullmatch(r"(\d{4})年(.*)", s):
        rest = m[2].strip()
        if rest in ("", "度"):
            return _make(int(m[1]), 1, 12, raw)
        if rest in _ZH_SPANS:
            a, b = _ZH_SPANS[rest]
            return _make(int(m[1]), a, b, raw)
        if mm := re.fullmatch(r"(\d{1,2})月", rest):
            return _make(int(m[1]), int(mm[1]), int(mm[1]), raw)
    raise PeriodParseError(raw)


def period_sort_key(label: str) -> tuple[int, int, int]:
    """Chronological sort key of a label: year, last month, then longer spans first."""
    p = parse_period(label)
    return (p.year, p.last_month, p.first_month)


@dataclass(frozen=True)
class PeriodSelection:
    """One period, or a range of periods of one frequency family."""

    start: Period
    stop: Period
    is_range: bool

    def matches(self, label: str) -> bool:
        """Whether a stored period label is selected."""
        try:
            p = parse_period(label)
        except PeriodParseError:
            return False
        if not self.is_range:
            return p == self.start
        if _FAMILY[p.kind] != _FAMILY[self.start.kind]:
            return False
        lo = (self.start.year, self.start.first_month)
        hi = (self.stop.year, self.stop.last_month)
        return lo <= (p.year, p.first_month) and (p.year, p.last_month) <= hi

    def mask(self, labels: pd.Series) -> pd.Series:
        """Boolean mask over a column of labels (evaluated once per distinct label)."""
        uniq = {lab: self.matches(lab) for lab in pd.unique(labels.astype(str))}
        return labels.astype(str).map(uniq).astype(bool)


def parse_selection(spec: str | int | Iterable[str | int]) -> list[PeriodSelection]:
    """Parse a period selection: ``"2023H1"``, ``"2020:2024"``, or a list of these.

    A range's two ends must be of one frequency family (years; quarters/halves; months).

    Examples
    --------
    >>> [s.matches("2022") for s in parse_selection("2020:2024")]
    [True]
    """
    items: list[str | int]
    if isinstance(spec, (str, int)):
        items = [p for p in str(spec).split(",") if p.strip()]
    else:
        items = list(spec)
    out: list[PeriodSelection] = []
    for item in items:
        text = str(item).strip()
        if ":" in text:
            a_txt, _, b_txt = text.partition(":")
            a = parse_period(a_txt) if a_txt.strip() else None
            b = parse_period(b_txt) if b_txt.strip() else None
            if a is None and b is None:
                raise PeriodParseError(text)
            if a is None:
                first, last = _OPEN_START[_FAMILY[b.kind]]  # type: ignore[union-attr]
                a = Period(1000, last, first)
            if b is None:
                b = Period(2999, 12, _OPEN_END_FIRST[_FAMILY[a.kind]])
            if _FAMILY[a.kind] != _FAMILY[b.kind] or (a.year, a.first_month) > (
                b.year,
                b.last_month,
            ):
                raise PeriodParseError(text)
            out.append(PeriodSelection(a, b, True))
        else:
            p = parse_period(text)
            out.append(PeriodSelection(p, p, False))
    if not out:
        raise PeriodParseError(str(spec))
    return out
