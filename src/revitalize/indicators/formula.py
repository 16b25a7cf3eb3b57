"""A small, safe expression language for indicator formulas.

A formula combines dataset indicators, written ``dataset.indicator``, with numbers,
``+ - * /``, unary minus, parentheses and these functions:

``growth(x)``
    year-on-year growth in per cent, :math:`100\\,(x_t / x_{t-1} - 1)`;
``diff(x)``
    year-on-year difference, :math:`x_t - x_{t-1}`;
``lag(x)``
    the previous year's value, :math:`x_{t-1}`;
``nation(x)``
    the sum over the 31 provinces in each year (a year with fewer than
    :data:`NATION_MIN` provinces reporting is missing), broadcast to every region;
``fill0(x)``
    missing values taken as zero (for series that are absent where a source has no
    plant of that kind, e.g. nuclear capacity).

The formula is parsed with :mod:`ast` and only these node types are accepted; nothing
is passed to :func:`eval`. Each reference is evaluated as a frame with regions as rows
and years as columns, so arithmetic aligns on region and year.

Examples
--------
>>> parse_formula("gdp.gdp_tertiary / gdp.gdp * 100").references
(('gdp', 'gdp_tertiary'), ('gdp', 'gdp'))
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from dataclasses import dataclass

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError

__all__ = ["FUNCTIONS", "NATION_MIN", "Formula", "FormulaError", "evaluate", "parse_formula"]

#: minimum number of provinces reporting for ``nation()`` to form a total
NATION_MIN = 30

Getter = Callable[[str, str], pd.DataFrame]


class FormulaError(InputError):
    """An indicator formula that does not parse or names unknown data."""


def _shift(x: pd.DataFrame) -> pd.DataFrame:
    """Value of the previous calendar year (missing where that year is absent)."""
    prev = x.copy()
    prev.columns = [int(c) + 1 for c in x.columns]
    return prev.reindex(columns=x.columns)


def _growth(x: pd.DataFrame) -> pd.DataFrame:
    return (x / _shift(x) - 1.0) * 100.0


def _diff(x: pd.DataFrame) -> pd.DataFrame:
    return x - _shift(x)


def _nation(x: pd.DataFrame) -> pd.DataFrame:
    prov = x[[str(r).endswith("0000") and str(r) != "100000" for r in x.index]]
    total = prov.sum(axis=0, min_count=1).where(prov.notna().sum(axis=0) >= NATION_MIN)
    return pd.DataFrame(np.broadcast_to(total.to_numpy(), x.shape), index=x.index,
                        columns=x.columns)


def _fill0(x: pd.DataFrame) -> pd.DataFrame:
    return x.fillna(0.0)


#: functions a formula may call
FUNCTIONS: dict[str, Callable[[pd.DataFrame], pd.DataFrame]] = {
    "growth": _growth,
    "diff": _diff,
    "lag": _shift,
    "nation": _nation,
    "fill0": _fill0,
}

_BINOPS: dict[type[ast.operator], Callable[[object, object], object]] = {
    ast.Add: lambda a, b: a + b,  # type: ignore[operator]
    ast.Sub: lambda a, b: a - b,  # type: ignore[operator]
    ast.Mult: lambda a, b: a * b,  # type: ignore[operator]
    ast.Div: lambda a, b: a / b,  # type: ignore[operator]
}


@dataclass(frozen=True)
class Formula:
    """A parsed formula: its text, syntax tree and the data it references."""

    text: str
    tree: ast.Expression
    references: tuple[tuple[str, str], ...]


def _check(node: ast.AST, text: str, refs: list[tuple[str, str]]) -> None:
    if isinstance(node, ast.Expression):
        _check(node.body, text, refs)
    elif isinstance(node, ast.BinOp):
        if type(node.op) not in _BINOPS:
            raise FormulaError(f"Operator {type(node.op).__name__} not allowed in {text!r}.",
                               "Use + - * / and the functions " + ", ".join(FUNCTIONS) + ".")
        _check(node.left, text, refs)
        _check(node.right, text, refs)
    elif isinstance(node, ast.UnaryOp) and isinstance(node.op, (ast.USub, ast.UAdd)):
        _check(node.operand, text, refs)
    elif isinstance(node, ast.Constant) and isinstance(node.value, (int, float)) \
            and not isinstance(node.value, bool):
        pass
    elif isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name):
        refs.append((node.value.id, node.attr))
    elif isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and not node.keywords:
        if node.func.id not in FUNCTIONS or len(node.args) != 1:
            raise FormulaError(f"Unknown function {node.func.id!r} in {text!r}.",
                               "Known functions (one argument each): "
                               + ", ".join(FUNCTIONS) + ".")
        _check(node.args[0], text, refs)
    else:
        raise FormulaError(f"Formula {text!r} contains {ast.dump(node)[:60]}, which is not "
                           "allowed.", "Write dataset.indicator references, numbers, + - * / "
                           "and " + ", ".join(FUNCTIONS) + ".")


def parse_formula(text: str) -> Formula:
    """Parse and check a formula; raise :class:`FormulaError` if it is not allowed."""
    if not text.strip():
        raise FormulaError("Empty formula.", "Give an expression such as 'gdp.gdp_tertiary / "
                           "gdp.gdp * 100'.")
    try:
        tree = ast.parse(text.strip(), mode="eval")
    except SyntaxError as exc:
        raise FormulaError(f"Formula {text!r} does not parse: {exc.msg}.",
                           "Check brackets and operators.") from None
    refs: list[tuple[str, str]] = []
    _check(tree, text, refs)
    return Formula(text, tree, tuple(refs))


def _eval(node: ast.AST, get: Getter) -> pd.DataFrame | float:
    if isinstance(node, ast.Expression):
        return _eval(node.body, get)
    if isinstance(node, ast.BinOp):
        left, right = _eval(node.left, get), _eval(node.right, get)
        return _BINOPS[type(node.op)](left, right)  # type: ignore[return-value]
    if isinstance(node, ast.UnaryOp):
        val = _eval(node.operand, get)
        return -val if isinstance(node.op, ast.USub) else val
    if isinstance(node, ast.Constant):
        return float(node.value)  # type: ignore[arg-type]
    if isinstance(node, ast.Attribute):
        assert isinstance(node.value, ast.Name)
        return get(node.value.id, node.attr)
    assert isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
    arg = _eval(node.args[0], get)
    if not isinstance(arg, pd.DataFrame):
        raise FormulaError(f"{node.func.id}() needs a dataset indicator, not a number.")
    return FUNCTIONS[node.func.id](arg)


def evaluate(formula: Formula | str, get: Getter) -> pd.DataFrame:
    """Evaluate a formula to a regions x years frame.

    Parameters
    ----------
    formula
        A :class:`Formula` or its text.
    get
        ``get(dataset, indicator)`` returns the regions x years frame of one series and
        raises :class:`~revitalize.exceptions.InputError` for unknown names.
    """
    f = parse_formula(formula) if isinstance(formula, str) else formula
    out = _eval(f.tree, get)
    if not isinstance(out, pd.DataFrame):
        raise FormulaError(f"Formula {f.text!r} names no dataset indicator.",
                           "Reference at least one series as dataset.indicator.")
    out = out.replace([np.inf, -np.inf], np.nan)
    return out.sort_index(axis=0).sort_index(axis=1)
