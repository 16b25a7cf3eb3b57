"""Bilingual labels and number formatting."""

from __future__ import annotations

import pytest

from revitalize.report.i18n import STRINGS, Text, fmt_number, period_label, region_label


@pytest.mark.parametrize(
    ("value", "decimals", "expected"),
    [(26750.0, 0, "26,750"), (2.675, 2, "2.68"), (26750 * 1e8 / 1e12, 2, "2.68"),
     (1234.5, 0, "1,235"), (float("nan"), 1, "–"), (None, 0, "–")],
)
def test_fmt_number_rounds_half_up(value: float | None, decimals: int, expected: str) -> None:
    assert fmt_number(value, decimals) == expected


def test_region_labels() -> None:
    assert region_label("210000") == Text("辽宁", "Liaoning")
    assert region_label("100000").en == "China"
    assert "31" in region_label("provinces").en
    assert region_label("northeast").zh == "东北三省"
    assert region_label("nonsense").en == "nonsense"


def test_period_labels() -> None:
    assert period_label("2023H1", "zh") == "2023年上半年"
    assert period_label("2023H1", "en") == "2023 H1"
    assert period_label("2023Q1-Q3", "zh") == "2023年前三季度"
    assert period_label("2023", "en") == "2023"


def test_every_string_has_both_languages() -> None:
    for key, text in STRINGS.items():
        assert text.zh and text.en, key
