"""Period labels and selections."""

from __future__ import annotations

import pytest

from revitalize.exceptions import PeriodParseError
from revitalize.periods import parse_period, parse_selection


@pytest.mark.parametrize(
    ("text", "label", "span"),
    [
        ("2023", "2023", (1, 12)),
        ("2023H1", "2023H1", (1, 6)),
        ("2023h2", "2023H2", (7, 12)),
        ("2023Q2", "2023Q2", (4, 6)),
        ("2023Q1-Q3", "2023Q1-Q3", (1, 9)),
        ("2023Q1-Q2", "2023H1", (1, 6)),
        ("2023Q1-Q4", "2023", (1, 12)),
        ("2023-06", "2023-06", (6, 6)),
        ("2023M6", "2023-06", (6, 6)),
        ("2023年上半年", "2023H1", (1, 6)),
        ("2023年前三季度", "2023Q1-Q3", (1, 9)),
        ("2023年", "2023", (1, 12)),
        ("2023年6月", "2023-06", (6, 6)),
    ],
)
def test_parse(text: str, label: str, span: tuple[int, int]) -> None:
    p = parse_period(text)
    assert p.label == label
    assert (p.first_month, p.last_month) == span


@pytest.mark.parametrize("bad", ["2023Q5", "2023H3", "23", "2023-13", "last year", "2023Q2-Q3", ""])
def test_bad_periods_raise(bad: str) -> None:
    with pytest.raises(PeriodParseError, match="Cannot parse period"):
        parse_period(bad)


def test_year_range_selects_years_only() -> None:
    (sel,) = parse_selection("2020:2024")
    assert [sel.matches(x) for x in ["2019", "2020", "2024", "2025", "2023H1", "2022-06"]] == [
        False,
        True,
        True,
        False,
        False,
        False,
    ]


def test_quarter_range_selects_ytd_periods() -> None:
    (sel,) = parse_selection("2023Q1:2024Q2")
    labels = ["2023Q1", "2023H1", "2023Q1-Q3", "2023", "2024H1", "2024Q1-Q3", "2023-03"]
    assert [sel.matches(x) for x in labels] == [True, True, True, False, True, False, False]


def test_open_ranges_and_lists() -> None:
    (sel,) = parse_selection("2022:")
    assert sel.matches("2030") and not sel.matches("2021")
    (sel,) = parse_selection(":2001")
    assert sel.matches("1990") and not sel.matches("2002")
    sels = parse_selection("2020,2023H1")
    assert [s.start.label for s in sels] == ["2020", "2023H1"]


def test_range_of_mixed_frequencies_is_an_error() -> None:
    with pytest.raises(PeriodParseError):
        parse_selection("2020:2023Q2")
