"""Shared contract of the data builders.

Each builder module in this package exposes ``build(shared: Path) -> list[Dataset]``.
``scripts/build_data.py`` calls every builder, validates each :class:`Dataset` and writes
its file plus its entry in ``catalogue.toml``.

Kinds of dataset
----------------
``tidy``     long table with exactly the columns :data:`TIDY_COLUMNS`, written as CSV.
``table``    any other table (e.g. power plants with coordinates), written as CSV.
``geojson``  a FeatureCollection (dict), written as compact JSON with suffix .geojson.

Catalogue entry (``meta``), keys required for every dataset
-----------------------------------------------------------
title_zh, title_en, description, origin (primary agency), intermediary (public
repository or package the raw file came from), intermediary_commit, raw_files (paths
under shared/data), licence, vintages (list, oldest first; the values used in the
``vintage`` column), coverage (free text: regions and periods), and for tidy datasets
``indicators``: {indicator: {"unit": canonical unit id, "zh": ..., "en": ...,
"additive": bool (may values be summed across regions?), "parts_of": optional parent
indicator whose value the parts of one split sum to}}.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from typing import Any

import pandas as pd

from revitalize import regions
from revitalize.periods import parse_period
from revitalize.units import canonical_unit

TIDY_COLUMNS = ["region", "indicator", "period", "value", "unit", "source", "vintage"]
KEY = ["region", "indicator", "period", "vintage"]
REQUIRED_META = (
    "title_zh", "title_en", "description", "origin", "intermediary", "intermediary_commit",
    "raw_files", "licence", "vintages", "coverage",
)


@dataclass
class Dataset:
    """One curated dataset produced by a builder."""

    id: str
    kind: str  # "tidy" | "table" | "geojson"
    meta: dict[str, Any]
    frame: pd.DataFrame | None = None
    geojson: dict[str, Any] | None = None
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def filename(self) -> str:
        return f"{self.id}.geojson" if self.kind == "geojson" else f"{self.id}.csv"


@cache
def region_code(name: str) -> str:
    """GB/T 2260 code of any region name or alias found in a source file."""
    return regions.resolve(name).code


def parse_number(text: object) -> float | None:
    """Parse a published number: strip thousands separators and blanks.

    ``"13,531.19 "`` -> 13531.19; empty, "--" or "nan" -> None.
    """
    if text is None:
        return None
    if isinstance(text, (int, float)):
        return None if pd.isna(text) else float(text)
    s = str(text).strip().replace(",", "").replace("\u00a0", "")
    if s in ("", "-", "--", "—", "nan", "NaN", "..."):
        return None
    return float(s)


def slug(text: str) -> str:
    """Lower-case ASCII identifier for indicator names."""
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_")


def validate_tidy(ds: Dataset) -> pd.DataFrame:
    """Check a tidy dataset and return it sorted; raise ValueError naming the problem."""
    df = ds.frame
    if df is None:
        raise ValueError(f"{ds.id}: tidy dataset without a frame")
    missing = [c for c in TIDY_COLUMNS if c not in df.columns]
    if missing:
        raise ValueError(f"{ds.id}: missing columns {missing}")
    df = df[TIDY_COLUMNS].copy()
    df["value"] = pd.to_numeric(df["value"], errors="raise").astype(float)
    df = df.dropna(subset=["value"])
    known = {r.code for r in regions.all_regions()}
    bad = sorted(set(df["region"]) - known)
    if bad:
        raise ValueError(f"{ds.id}: region codes not in the registry: {bad[:10]}")
    for p in df["period"].unique():
        if parse_period(p).label != p:
            raise ValueError(f"{ds.id}: period {p!r} is not a canonical label")
    inds = ds.meta.get("indicators", {})
    for ind, unit in df.groupby("indicator")["unit"].unique().items():
        if ind not in inds:
            raise ValueError(f"{ds.id}: indicator {ind!r} has no catalogue entry")
        if len(unit) != 1 or canonical_unit(unit[0]) != unit[0] or unit[0] != inds[ind]["unit"]:
            raise ValueError(f"{ds.id}: indicator {ind!r} units {list(unit)} != catalogue")
    bad_v = set(df["vintage"]) - set(ds.meta["vintages"])
    if bad_v:
        raise ValueError(f"{ds.id}: vintages {bad_v} not declared in meta['vintages']")
    dup = df.duplicated(KEY, keep=False)
    if dup.any():
        raise ValueError(f"{ds.id}: duplicated keys:\n{df[dup].head(10)}")
    return df.sort_values(KEY, kind="stable").reset_index(drop=True)


def check_meta(ds: Dataset) -> None:
    """Raise ValueError if a catalogue entry lacks a required key."""
    missing = [k for k in REQUIRED_META if not ds.meta.get(k)]
    if missing:
        raise ValueError(f"{ds.id}: catalogue entry lacks {missing}")
    if ds.kind == "tidy" and not ds.meta.get("indicators"):
        raise ValueError(f"{ds.id}: tidy dataset needs meta['indicators']")
