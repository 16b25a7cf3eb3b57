"""Units of measure used in Chinese statistics, with conversion.

Each indicator is stored in one canonical unit (the one its primary publisher uses, e.g.
GDP in 亿元 = 1e8 yuan). A unit belongs to a *dimension*; values convert between units
of the same dimension by the ratio of their factors to the dimension's base unit:

.. math:: x_{to} = x_{from} \\cdot f_{from} / f_{to}

Unit strings are matched case-insensitively against the id, the Chinese and English
labels and the aliases, so "亿元", "CNY 100mn" and "100 million yuan" all resolve to
``"CNY 100m"``.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from typing import TypeVar

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError, UnknownUnitError

__all__ = ["UNITS", "Unit", "canonical_unit", "conversion_factor", "convert", "get_unit"]


@dataclass(frozen=True)
class Unit:
    """A unit of measure.

    Attributes
    ----------
    id
        Canonical identifier stored in the ``unit`` column of every table.
    dimension
        What it measures; only units of one dimension convert into each other.
    factor
        Size of one unit in the dimension's base unit.
    zh, en
        Display labels.
    aliases
        Other spellings found in the sources.
    """

    id: str
    dimension: str
    factor: float
    zh: str
    en: str
    aliases: tuple[str, ...] = field(default=())


_U = Unit
_ALL: tuple[Unit, ...] = (
    # money (base: yuan)
    _U("CNY", "money_cny", 1.0, "元", "yuan", ("yuan", "rmb", "元/人", "cny/person")),
    _U("CNY 10k", "money_cny", 1e4, "万元", "10,000 yuan", ("万元", "10k yuan", "cny 10000")),
    _U(
        "CNY 100m",
        "money_cny",
        1e8,
        "亿元",
        "100 million yuan",
        (
            "亿元",
            "cny 100mn",
            "cny 100 mn",
            "100 mn cny",
            "100m yuan",
            "100 million yuan",
            "cny 100 million",
            "100 million cny",
            "rmb 100m",
            "100mn cny",
        ),
    ),
    _U("CNY bn", "money_cny", 1e9, "十亿元", "billion yuan", ("cny billion", "billion yuan")),
    _U("CNY tn", "money_cny", 1e12, "万亿元", "trillion yuan", ("万亿元", "trillion yuan")),
    _U("USD", "money_usd", 1.0, "美元", "US dollars", ("us$", "usd", "dollars")),
    _U("USD m", "money_usd", 1e6, "百万美元", "million US dollars", ("usd mn", "million usd")),
    # people (base: person)
    _U("persons", "persons", 1.0, "人", "persons", ("人", "person", "people")),
    _U("10k persons", "persons", 1e4, "万人", "10,000 persons", ("万人", "10000 persons")),
    _U("person-years", "fte", 1.0, "人年", "person-years (FTE)", ("人年", "fte")),
    _U("10k person-years", "fte", 1e4, "万人年", "10,000 person-years", ("万人年",)),
    _U("households", "households", 1.0, "户", "households", ("户",)),
    _U("10k households", "households", 1e4, "万户", "10,000 households", ("万户",)),
    _U("persons/household", "household_size", 1.0, "人/户", "persons per household", ("人/户",)),
    # power capacity (base: MW)
    _U("kW", "power", 1e-3, "千瓦", "kilowatts", ("千瓦",)),
    _U("MW", "power", 1.0, "兆瓦", "megawatts", ("兆瓦", "megawatt")),
    _U("10 MW", "power", 10.0, "万千瓦", "10,000 kW", ("万千瓦", "10000 kw", "10,000 kw", "10mw")),
    _U("GW", "power", 1e3, "吉瓦", "gigawatts", ("百万千瓦", "gigawatt")),
    # energy (base: MWh)
    _U("MWh", "energy", 1.0, "兆瓦时", "megawatt-hours", ("兆瓦时",)),
    _U(
        "10k kWh", "energy", 10.0, "万千瓦时", "10,000 kWh", ("万千瓦时", "10000 kwh", "10,000 kwh")
    ),
    _U("GWh", "energy", 1e3, "吉瓦时", "gigawatt-hours", ("百万千瓦时",)),
    _U(
        "100m kWh",
        "energy",
        1e5,
        "亿千瓦时",
        "100 million kWh",
        ("亿千瓦时", "100 mn kwh", "100mn kwh"),
    ),
    _U("TWh", "energy", 1e6, "太瓦时", "terawatt-hours", ("十亿千瓦时",)),
    _U("h", "duration", 1.0, "小时", "hours", ("hours", "小时", "hour")),
    # shares and indices
    _U("%", "share", 1.0, "%", "per cent", ("percent", "per cent", "pct")),
    _U("fraction", "share", 100.0, "比例", "fraction of 1", ("ratio",)),
    _U("index", "index", 1.0, "指数", "index", ("上年=100", "previous year = 100")),
    # mass (base: tonne)
    _U("kg", "mass", 1e-3, "千克", "kilograms", ("千克", "公斤")),
    _U("t", "mass", 1.0, "吨", "tonnes", ("吨", "tonne", "tonnes", "tons")),
    _U("10k t", "mass", 1e4, "万吨", "10,000 tonnes", ("万吨", "10000 tons", "10,000 tons")),
    _U("Mt", "mass", 1e6, "百万吨", "million tonnes", ("百万吨", "million tonnes")),
    _U("t CO2", "co2", 1e-6, "吨二氧化碳", "tonnes CO2", ("tco2", "吨co2")),
    _U("Mt CO2", "co2", 1.0, "百万吨二氧化碳", "million tonnes CO2", ("mt_co2", "mtco2", "mt co2")),
    # counts
    _U(
        "count",
        "count",
        1.0,
        "个",
        "count",
        ("件", "项", "items", "个", "number", "units", "辆", "台"),
    ),
    _U("10k units", "count", 1e4, "万辆", "10,000 units", ("万辆", "万台", "万个", "10000 units")),
    _U("10k weight cases", "glass", 1.0, "万重量箱", "10,000 weight cases", ("万重量箱",)),
    # area
    _U("ha", "area", 1.0, "公顷", "hectares", ("公顷", "hectare")),
    _U("1000 ha", "area", 1e3, "千公顷", "1,000 hectares", ("千公顷",)),
    _U("km2", "area", 100.0, "平方公里", "square kilometres", ("平方公里", "km²")),
    # yields
    _U("kg/ha", "yield", 1.0, "公斤/公顷", "kg per hectare", ("公斤/公顷", "千克/公顷")),
    _U("t/ha", "yield", 1e3, "吨/公顷", "tonnes per hectare", ("吨/公顷",)),
)

UNITS: dict[str, Unit] = {u.id: u for u in _ALL}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text.strip().lower())


_LOOKUP: dict[str, str] = {}
for _u in _ALL:
    for _name in (_u.id, _u.zh, _u.en, *_u.aliases):
        _LOOKUP.setdefault(_norm(_name), _u.id)


def canonical_unit(unit: str) -> str:
    """Return the canonical id of a unit string.

    Parameters
    ----------
    unit
        Any id, label or alias (``"亿元"``, ``"CNY 100mn"``).

    Raises
    ------
    UnknownUnitError
        If the string is no known unit; the message suggests close matches.

    Examples
    --------
    >>> canonical_unit("亿元")
    'CNY 100m'
    """
    key = _norm(str(unit))
    if key in _LOOKUP:
        return _LOOKUP[key]
    close = difflib.get_close_matches(key, list(_LOOKUP), n=3, cutoff=0.6)
    raise UnknownUnitError(str(unit), sorted({_LOOKUP[c] for c in close}))


def get_unit(unit: str) -> Unit:
    """Return the :class:`Unit` for any spelling of it."""
    return UNITS[canonical_unit(unit)]


def conversion_factor(from_unit: str, to_unit: str) -> float:
    """Factor that converts a value in ``from_unit`` into ``to_unit``.

    :math:`f = f_{from} / f_{to}`; both units must share a dimension.

    Examples
    --------
    >>> conversion_factor("亿元", "CNY tn")
    0.0001
    """
    a, b = get_unit(from_unit), get_unit(to_unit)
    if a.dimension != b.dimension:
        raise InputError(
            f"Cannot convert {a.id!r} ({a.dimension}) into {b.id!r} ({b.dimension}).",
            "Choose a target unit of the same dimension.",
        )
    return a.factor / b.factor


T = TypeVar("T", float, np.ndarray, pd.Series)


def convert(values: T, from_unit: str, to_unit: str) -> T:
    """Convert ``values`` from one unit into another of the same dimension.

    Examples
    --------
    >>> round(convert(26750.0, "亿元", "CNY tn"), 6)
    2.675
    """
    return values * conversion_factor(from_unit, to_unit)
