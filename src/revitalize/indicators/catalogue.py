"""The indicator catalogue (``catalogue.toml``) and the indicator values it defines.

Each indicator has an id, names in Chinese and English, a pillar of the
revitalization policy, a unit, a direction (``higher`` or ``lower`` is better), a
formula over the bundled datasets (see :mod:`revitalize.indicators.formula`) and its
sources. Indicators that no bundled dataset can feed carry ``status = "no_data"`` and
name the dataset that would feed them; they are listed, never filled.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources

import pandas as pd

from revitalize import regions as _regions
from revitalize.exceptions import InputError
from revitalize.indicators.formula import Formula, FormulaError, evaluate, parse_formula

__all__ = [
    "PILLARS",
    "Indicator",
    "Pillar",
    "indicator",
    "indicator_catalogue",
    "indicator_table",
    "indicator_values",
    "series",
]

_YEAR = re.compile(r"^\d{4}$")
DIRECTIONS = ("higher", "lower")


@dataclass(frozen=True)
class Pillar:
    """A pillar of the revitalization policy."""

    id: str
    zh: str
    en: str


@dataclass(frozen=True)
class Indicator:
    """One indicator of the monitor."""

    id: str
    zh: str
    en: str
    pillar: str
    unit: str
    direction: str
    formula: str
    source: str
    status: str = "ok"
    feeds_from: str = ""

    @property
    def has_data(self) -> bool:
        """Whether a formula over bundled data defines the indicator."""
        return self.status != "no_data"

    @property
    def sign(self) -> float:
        """+1 if higher is better, -1 if lower is better."""
        return 1.0 if self.direction == "higher" else -1.0

    def parsed(self) -> Formula:
        """The parsed formula (raises :class:`FormulaError` for a no-data indicator)."""
        if not self.has_data:
            raise InputError(f"Indicator {self.id!r} has no data.",
                             f"It would be fed by: {self.feeds_from}.")
        return parse_formula(self.formula)


def _read() -> dict[str, object]:
    text = resources.files("revitalize.indicators").joinpath("catalogue.toml").read_text("utf-8")
    return tomllib.loads(text)


def _validate(ind: Indicator, pillars: dict[str, Pillar]) -> None:
    if ind.pillar not in pillars:
        raise InputError(f"Indicator {ind.id!r}: unknown pillar {ind.pillar!r}.",
                         "Use one of: " + ", ".join(pillars) + ".")
    if ind.direction not in DIRECTIONS:
        raise InputError(f"Indicator {ind.id!r}: direction {ind.direction!r}.",
                         "Use 'higher' or 'lower'.")
    if ind.has_data:
        parse_formula(ind.formula)
    elif not ind.feeds_from:
        raise InputError(f"Indicator {ind.id!r} has no data and names no dataset to feed it.",
                         "Add feeds_from = '...'.")


@cache
def _load() -> tuple[dict[str, Pillar], dict[str, Indicator]]:
    raw = _read()
    pillars = {k: Pillar(k, v["zh"], v["en"])
               for k, v in raw["pillars"].items()}  # type: ignore[attr-defined]
    inds: dict[str, Indicator] = {}
    for key, v in raw["indicators"].items():  # type: ignore[attr-defined]
        ind = Indicator(id=key, **v)
        _validate(ind, pillars)
        inds[key] = ind
    return pillars, inds


#: the pillars in policy order, id -> :class:`Pillar`
PILLARS: dict[str, Pillar] = _load()[0]


def indicator_catalogue() -> dict[str, Indicator]:
    """All indicators, id -> :class:`Indicator`, in catalogue order."""
    return dict(_load()[1])


def indicator(name: str) -> Indicator:
    """One indicator by id; raise :class:`InputError` naming close matches."""
    cat = _load()[1]
    if name not in cat:
        import difflib

        close = difflib.get_close_matches(name, list(cat), n=3)
        raise InputError(f"Unknown indicator {name!r}.",
                         ("Did you mean: " + ", ".join(close) + "?") if close
                         else "See `revitalize monitor indicators`.")
    return cat[name]


def indicator_table() -> pd.DataFrame:
    """The catalogue as a frame (one row per indicator)."""
    rows = [{"indicator": i.id, "pillar": i.pillar, "zh": i.zh, "en": i.en, "unit": i.unit,
             "direction": i.direction, "status": i.status,
             "formula": i.formula or "", "source": i.source or i.feeds_from}
            for i in _load()[1].values()]
    return pd.DataFrame(rows)


@cache
def _annual(dataset: str) -> pd.DataFrame:
    from revitalize.data import load

    df = load(dataset, totals=False)
    return df[df["period"].str.match(_YEAR)]


def series(dataset: str, name: str) -> pd.DataFrame:
    """One dataset indicator as a regions x years frame (latest vintage).

    Raises
    ------
    DatasetNotFoundError
        ``dataset`` is not in the catalogue nor the store.
    FormulaError
        ``dataset`` has no indicator ``name``.
    """
    df = _annual(dataset)
    sub = df[df["indicator"] == name]
    if sub.empty:
        import difflib

        close = difflib.get_close_matches(name, sorted(df["indicator"].unique()), n=3)
        raise FormulaError(f"Dataset {dataset!r} has no annual indicator {name!r}.",
                           ("Did you mean: " + ", ".join(close) + "?") if close
                           else f"See `revitalize data show {dataset}`.")
    wide = sub.pivot_table(index="region", columns="period", values="value", aggfunc="last")
    wide.columns = [int(c) for c in wide.columns]
    # every region and every year of the dataset, so that fill0() and alignment see
    # absent series as missing cells rather than absent rows
    years = df["period"].astype(int)
    rows = sorted({r.code for r in _regions.provinces()} | {"100000"} | set(wide.index))
    return wide.reindex(index=rows, columns=range(int(years.min()), int(years.max()) + 1))


def _evaluate(ind: Indicator) -> pd.DataFrame:
    return evaluate(ind.parsed(), series)


def indicator_values(
    indicators: str | list[str] | None = None,
    years: tuple[int, int] | None = None,
    *,
    provinces_only: bool = True,
) -> pd.DataFrame:
    """Values of catalogue indicators as a tidy frame.

    Parameters
    ----------
    indicators
        Ids (or a comma-separated string); ``None`` for every indicator with data.
    years
        Inclusive ``(first, last)``; ``None`` for all years with data.
    provinces_only
        Keep only the 31 provinces (drop the national row).

    Returns
    -------
    pandas.DataFrame
        Columns ``region, indicator, pillar, year, value, unit``.
    """
    if isinstance(indicators, str):
        indicators = [s.strip() for s in indicators.split(",") if s.strip()]
    chosen = ([indicator(i) for i in indicators] if indicators is not None
              else [i for i in indicator_catalogue().values() if i.has_data])
    provs = {r.code for r in _regions.provinces()}
    parts = []
    for ind in chosen:
        wide = _evaluate(ind)
        if provinces_only:
            wide = wide[wide.index.isin(provs)]
        long = pd.Series(wide.stack(), name="value").reset_index()
        long.columns = pd.Index(["region", "year", "value"])
        long = long.dropna(subset=["value"])
        long["year"] = long["year"].astype(int)
        if years is not None:
            long = long[(long["year"] >= years[0]) & (long["year"] <= years[1])]
        long = long.assign(indicator=ind.id, pillar=ind.pillar, unit=ind.unit)
        parts.append(long[["region", "indicator", "pillar", "year", "value", "unit"]])
    if not parts:
        return pd.DataFrame(columns=["region", "indicator", "pillar", "year", "value", "unit"])
    out: pd.DataFrame = pd.concat(parts, ignore_index=True)
    return out
