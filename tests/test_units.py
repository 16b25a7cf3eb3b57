"""Units: canonical ids, conversions, errors."""

from __future__ import annotations

import pytest

from revitalize.exceptions import InputError, UnknownUnitError
from revitalize.units import UNITS, canonical_unit, conversion_factor, convert


@pytest.mark.parametrize(
    ("text", "unit"),
    [
        ("亿元", "CNY 100m"),
        ("CNY 100mn", "CNY 100m"),
        ("万千瓦", "10 MW"),
        ("万千瓦时", "10k kWh"),
        ("亿千瓦时", "100m kWh"),
        ("万人", "10k persons"),
        ("%", "%"),
        ("Mt_CO2", "Mt CO2"),
        ("件", "count"),
    ],
)
def test_aliases(text: str, unit: str) -> None:
    assert canonical_unit(text) == unit


def test_published_conversions() -> None:
    # 26,750 亿元 = 2.675 trillion yuan (H1 2023, three NE provinces)
    assert convert(26_750.0, "亿元", "CNY tn") == pytest.approx(2.675)
    # Liaoning thermal capacity 3,856 万千瓦 = 38.56 GW
    assert convert(3_856.0, "万千瓦", "GW") == pytest.approx(38.56)
    # 1 亿千瓦时 = 0.1 TWh
    assert conversion_factor("亿千瓦时", "TWh") == pytest.approx(0.1)


def test_unknown_unit_names_the_unit_and_suggests() -> None:
    with pytest.raises(UnknownUnitError) as info:
        canonical_unit("CNY 100n")
    assert "CNY 100n" in str(info.value)
    assert "CNY 100m" in info.value.suggestions


def test_wrong_dimension_is_an_error() -> None:
    with pytest.raises(InputError, match="Cannot convert"):
        conversion_factor("亿元", "MW")


def test_every_unit_label_resolves_to_itself() -> None:
    for u in UNITS.values():
        assert canonical_unit(u.id) == u.id
        assert canonical_unit(u.zh) == u.id or UNITS[canonical_unit(u.zh)].dimension == u.dimension
