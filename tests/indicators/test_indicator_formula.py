"""The safe formula language of the indicator catalogue."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from revitalize.exceptions import DatasetNotFoundError, InputError
from revitalize.indicators.catalogue import series
from revitalize.indicators.formula import FormulaError, evaluate, parse_formula

YEARS = [2019, 2020, 2021]
REGS = ["210000", "220000"]


def _frame(values: list[list[float]]) -> pd.DataFrame:
    return pd.DataFrame(values, index=REGS, columns=YEARS, dtype=float)


DATA = {
    ("d", "a"): _frame([[100, 110, 121], [50, 50, 40]]),
    ("d", "b"): _frame([[10, 10, 20], [5, np.nan, 4]]),
}


def _get(ds: str, name: str) -> pd.DataFrame:
    return DATA[(ds, name)]


def test_references_are_collected() -> None:
    f = parse_formula("growth(d.a) + d.b / d.a * 100")
    assert f.references == (("d", "a"), ("d", "b"), ("d", "a"))


def test_arithmetic_aligns_on_region_and_year() -> None:
    out = evaluate("d.b / d.a * 100", _get)
    assert out.loc["210000", 2021] == pytest.approx(20 / 121 * 100)
    assert np.isnan(out.loc["220000", 2020])


def test_growth_diff_lag_fill0() -> None:
    g = evaluate("growth(d.a)", _get)
    assert np.isnan(g.loc["210000", 2019])
    assert g.loc["210000", 2020] == pytest.approx(10.0)
    assert g.loc["220000", 2021] == pytest.approx(-20.0)
    assert evaluate("diff(d.a)", _get).loc["210000", 2021] == pytest.approx(11.0)
    assert evaluate("lag(d.a)", _get).loc["210000", 2021] == pytest.approx(110.0)
    assert evaluate("fill0(d.b)", _get).loc["220000", 2020] == 0.0
    assert evaluate("-d.a", _get).loc["210000", 2019] == -100.0


@pytest.mark.parametrize("text", [
    "__import__('os').system('true')",
    "d.a.__class__",
    "d.a ** 2",
    "open('x')",
    "[d.a]",
    "d.a if 1 else 2",
    "lambda: 1",
    "True + d.a",
])
def test_unsafe_or_unknown_syntax_is_refused(text: str) -> None:
    with pytest.raises(FormulaError):
        parse_formula(text)


def test_unknown_function_names_the_known_ones() -> None:
    with pytest.raises(FormulaError, match="growth"):
        parse_formula("log(d.a)")


def test_syntax_error_and_empty_formula() -> None:
    with pytest.raises(FormulaError, match="does not parse"):
        parse_formula("d.a / (d.b")
    with pytest.raises(FormulaError, match="Empty"):
        parse_formula("  ")


def test_constant_only_formula_is_refused() -> None:
    with pytest.raises(FormulaError, match="names no dataset"):
        evaluate("1 + 2", _get)


def test_missing_dataset_is_a_clear_input_error() -> None:
    with pytest.raises(DatasetNotFoundError):
        evaluate("no_such_dataset.gdp / gdp.gdp", series)


def test_missing_indicator_is_a_clear_error_with_suggestion() -> None:
    with pytest.raises(FormulaError, match="gdp_tertiary"):
        evaluate("gdp.gdp_tertiarry / gdp.gdp", series)
    assert issubclass(FormulaError, InputError)


def test_nation_sums_the_provinces() -> None:
    gdp = series("gdp", "gdp")
    nat = evaluate("nation(gdp.gdp)", series)
    provs = gdp[[c.endswith("0000") and c != "100000" for c in gdp.index]]
    assert nat.loc["210000", 2023] == pytest.approx(provs[2023].sum())
    # Guangdong's share of the 31-province total in 2023
    share = evaluate("gdp.gdp / nation(gdp.gdp) * 100", series).loc["440000", 2023]
    assert 10 < share < 12
