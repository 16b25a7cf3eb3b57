"""Hypothesis invariants of the foundation: periods, units, regions."""

from __future__ import annotations

import math

from hypothesis import given
from hypothesis import strategies as st

from revitalize import regions as R
from revitalize.periods import Period, parse_period, parse_selection
from revitalize.units import UNITS, convert

spans = st.sampled_from(
    [(1, 12), (1, 6), (7, 12), (1, 3), (4, 6), (7, 9), (10, 12), (1, 9)]
    + [(m, m) for m in range(1, 13)]
)


@given(year=st.integers(1949, 2100), span=spans)
def test_period_label_round_trips(year: int, span: tuple[int, int]) -> None:
    p = Period(year=year, last_month=span[1], first_month=span[0])
    assert parse_period(p.label) == p


@given(year=st.integers(1949, 2100), span=spans)
def test_a_single_period_selection_matches_only_itself(year: int, span: tuple[int, int]) -> None:
    p = Period(year=year, last_month=span[1], first_month=span[0])
    (sel,) = parse_selection(p.label)
    assert sel.matches(p.label)
    assert not sel.matches(str(year + 1) if p.kind != "Y" else f"{year}H1")


@given(lo=st.integers(1990, 2030), n=st.integers(0, 10), y=st.integers(1980, 2045))
def test_year_range_membership(lo: int, n: int, y: int) -> None:
    (sel,) = parse_selection(f"{lo}:{lo + n}")
    assert sel.matches(str(y)) == (lo <= y <= lo + n)


dims: dict[str, list[str]] = {}
for _u in UNITS.values():
    dims.setdefault(_u.dimension, []).append(_u.id)
pairs = st.sampled_from(sorted(dims)).flatmap(
    lambda d: st.tuples(st.sampled_from(dims[d]), st.sampled_from(dims[d]))
)


@given(pair=pairs, x=st.floats(-1e12, 1e12, allow_nan=False))
def test_conversion_round_trips(pair: tuple[str, str], x: float) -> None:
    a, b = pair
    back = convert(convert(x, a, b), b, a)
    assert math.isclose(back, x, rel_tol=1e-12, abs_tol=1e-9)


names = st.sampled_from(
    [
        (n, r.code)
        for r in R.all_regions()
        for n in (r.name_zh, r.name_en, r.pinyin, *r.aliases)
        if len(n) > 1
    ]
)


@given(item=names, upper=st.booleans(), pad=st.sampled_from(["", " ", "  "]))
def test_every_alias_resolves_to_its_region(item: tuple[str, str], upper: bool, pad: str) -> None:
    name, code = item
    text = pad + (name.upper() if upper else name) + pad
    got = R.resolve(text).code
    # An alias shared by a province and a prefecture resolves to the province.
    assert got == code or (R.resolve(got).level == "province" and got[:2] == code[:2])
