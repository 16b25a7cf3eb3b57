"""The dataset catalogue: what each curated file holds and where it came from.

The catalogue (``files/catalogue.toml``) is data: it is written by
``scripts/build_data.py`` from the builders' metadata and read here. Each entry names the
origin agency, the public intermediary and commit the raw file came from, the licence,
vintages, coverage and, for tidy datasets, every indicator with its unit and whether it
may be summed across regions (``additive``).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from typing import Any

import pandas as pd

__all__ = ["DatasetInfo", "IndicatorInfo", "catalogue", "dataset_info", "files_dir"]


@dataclass(frozen=True)
class IndicatorInfo:
    """One indicator of a tidy dataset.

    ``parts_of`` names the total that this indicator and its siblings sum to;
    ``split_of`` does the same for a second, alternative split of that total (e.g. fuels
    as well as sectors for CO2, urban/rural as well as age groups for population).
    """

    name: str
    unit: str
    zh: str
    en: str
    additive: bool
    parts_of: str | None = None
    split_of: str | None = None


@dataclass(frozen=True)
class DatasetInfo:
    """Catalogue entry of one dataset."""

    id: str
    kind: str
    file: str
    title_zh: str
    title_en: str
    description: str
    origin: str
    intermediary: str
    intermediary_commit: str
    licence: str
    vintages: tuple[str, ...]
    coverage: str
    indicators: dict[str, IndicatorInfo] = field(default_factory=dict)
    raw: dict[str, Any] = field(default_factory=dict, repr=False)

    def title(self, lang: str = "en") -> str:
        """Title in ``"en"`` or ``"zh"``."""
        return self.title_zh if lang == "zh" else self.title_en

    def citation(self) -> str:
        """One-line citation: origin, intermediary and licence."""
        return (
            f"{self.origin}; via {self.intermediary} ({self.intermediary_commit}); "
            f"licence: {self.licence}"
        )


def files_dir() -> Any:
    """The package folder holding the curated files (an importlib Traversable)."""
    return resources.files("revitalize.data.files")


def _info(key: str, e: dict[str, Any]) -> DatasetInfo:
    inds = {
        name: IndicatorInfo(
            name=name,
            unit=v["unit"],
            zh=v.get("zh", name),
            en=v.get("en", name),
            additive=bool(v.get("additive", False)),
            parts_of=v.get("parts_of"),
            split_of=v.get("split_of"),
        )
        for name, v in e.get("indicators", {}).items()
    }
    return DatasetInfo(
        id=key,
        kind=e.get("kind", "tidy"),
        file=e["file"],
        title_zh=e.get("title_zh", ""),
        title_en=e.get("title_en", ""),
        description=e.get("description", ""),
        origin=e.get("origin", ""),
        intermediary=e.get("intermediary", ""),
        intermediary_commit=str(e.get("intermediary_commit", "")),
        licence=e.get("licence", ""),
        vintages=tuple(e.get("vintages", ())),
        coverage=e.get("coverage", ""),
        indicators=inds,
        raw=e,
    )


@cache
def catalogue() -> dict[str, DatasetInfo]:
    """All catalogue entries, keyed by dataset id."""
    text = files_dir().joinpath("catalogue.toml").read_text("utf-8")
    entries = tomllib.loads(text).get("datasets", {})
    return {k: _info(k, v) for k, v in entries.items()}


def dataset_info(name: str) -> DatasetInfo:
    """Catalogue entry of ``name``; raises DatasetNotFoundError with suggestions."""
    cat = catalogue()
    if name in cat:
        return cat[name]
    import difflib

    from revitalize.exceptions import DatasetNotFoundError

    raise DatasetNotFoundError(name, difflib.get_close_matches(name, list(cat), n=3))


def table() -> pd.DataFrame:
    """The catalogue as a DataFrame (one row per dataset)."""
    rows = [
        {
            "id": d.id,
            "kind": d.kind,
            "title_en": d.title_en,
            "title_zh": d.title_zh,
            "origin": d.origin,
            "licence": d.licence,
            "vintages": ", ".join(d.vintages),
            "coverage": d.coverage,
            "indicators": len(d.indicators),
            "file": d.file,
        }
        for d in catalogue().values()
    ]
    return pd.DataFrame(rows).set_index("id")
