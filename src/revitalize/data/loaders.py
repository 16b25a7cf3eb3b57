"""Loaders: curated and user datasets as tidy, labelled pandas frames.

Every tidy frame has the columns ``region`` (GB/T 2260 code, or a group id for group
totals), ``indicator``, ``period`` (canonical label), ``value``, ``unit``, ``source`` and
``vintage``. Notes about the selection (e.g. a group total left out because a member has
no data) are attached as ``frame.attrs["notes"]``.

Examples
--------
>>> df = load("gdp", regions="northeast", periods="2023H1", indicators="gdp")
>>> df.loc[df.region == "northeast", "value"].round(1).item()
26750.0
"""

from __future__ import annotations

import difflib
import fnmatch
import json
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import pandas as pd

from revitalize import regions as _regions
from revitalize.data.catalogue import DatasetInfo, catalogue, dataset_info, files_dir
from revitalize.exceptions import DatasetNotFoundError, InputError
from revitalize.periods import parse_selection, period_sort_key

__all__ = ["TIDY_COLUMNS", "group_totals", "load", "load_geojson", "load_table", "select_latest"]

TIDY_COLUMNS = ["region", "indicator", "period", "value", "unit", "source", "vintage"]
KEY = ["region", "indicator", "period"]
_DTYPES: dict[str, str] = {
    "region": "str",
    "indicator": "str",
    "period": "str",
    "unit": "str",
    "source": "str",
    "vintage": "str",
    "value": "float64",
}


@cache
def _read_curated(name: str) -> pd.DataFrame:
    info = dataset_info(name)
    with files_dir().joinpath(info.file).open("rb") as fh:
        df = pd.read_csv(
            fh,
            dtype=_DTYPES,
            keep_default_na=False,
            na_values={"value": [""]},
        )
    return df


def _raw(name: str) -> tuple[pd.DataFrame, DatasetInfo | None]:
    if name in catalogue():
        info = catalogue()[name]
        if info.kind != "tidy":
            raise InputError(
                f"Dataset {name!r} is a {info.kind}, not a tidy table.",
                "Use revitalize.data.load_table() or load_geojson() for it.",
            )
        return _read_curated(name), info
    from revitalize.data import store

    if store.has_dataset(name):
        return store.read_dataset(name), None
    known = list(catalogue()) + store.list_datasets()["dataset"].tolist()
    raise DatasetNotFoundError(name, difflib.get_close_matches(name, known, n=3))


def select_latest(df: pd.DataFrame, order: Sequence[str]) -> pd.DataFrame:
    """Keep, for each (region, indicator, period), the row of the latest vintage.

    ``order`` lists vintages oldest first; vintages not in it rank by their label.
    """
    if df.empty or df["vintage"].nunique() <= 1:
        return df
    known = {v: i for i, v in enumerate(order)}
    labels = sorted(set(df["vintage"]) - set(known))
    rank = {**known, **{v: len(order) + i for i, v in enumerate(labels)}}
    r = df["vintage"].map(rank)
    idx = r.groupby([df[k] for k in KEY], sort=False).idxmax()
    return df.loc[sorted(idx.to_numpy())]


def _additive(info: DatasetInfo | None, indicator: str, unit: str) -> bool:
    if info is not None and indicator in info.indicators:
        return info.indicators[indicator].additive
    from revitalize.units import get_unit

    return get_unit(unit).dimension not in ("share", "index", "duration", "yield", "household_size")


def group_totals(
    df: pd.DataFrame, group: _regions.Group, info: DatasetInfo | None = None
) -> tuple[pd.DataFrame, list[str]]:
    """Sum additive indicators over the members of ``group``.

    .. math:: x_{G,i,t} = \\sum_{r \\in G} x_{r,i,t}

    ``df`` must hold one vintage per (region, indicator, period), as after
    :func:`select_latest`. A total is formed only for (indicator, period) cells where
    every member has a value; the cells left out are described in the returned notes.
    The total's ``vintage`` joins its members' vintages (``first_release+revised``).
    """
    members = set(group.members)
    sub = df[df["region"].isin(members)]
    notes: list[str] = []
    if sub.empty:
        return sub.iloc[0:0], notes
    out = []
    for (ind, unit), part in sub.groupby(["indicator", "unit"], sort=False):
        if not _additive(info, str(ind), str(unit)):
            continue
        g = part.groupby("period", sort=False)
        counts = g["region"].nunique()
        complete = counts[counts == len(members)].index
        missing = len(counts) - len(complete)
        if missing:
            have = set(part["region"])
            lacking = [m for m in group.members if m not in have]
            names = [_regions.resolve(c).name_en for c in lacking[:6]]
            what = f"no data for {', '.join(names)}" if lacking else "members incomplete"
            notes.append(
                f"{group.id} total of {ind} left out for {missing} period(s): {what}. "
                + (group.note or "")
            )
        if len(complete) == 0:
            continue
        agg = g.agg(
            value=("value", "sum"),
            source=("source", lambda s: "; ".join(sorted(set(s)))),
            vintage=("vintage", lambda s: "+".join(sorted(set(s)))),
        ).loc[complete]
        out.append(
            pd.DataFrame(
                {
                    "region": group.id,
                    "indicator": ind,
                    "period": agg.index.to_numpy(),
                    "value": agg["value"].round(6).to_numpy(),  # drop float noise
                    "unit": unit,
                    "source": ("sum of members: " + agg["source"]).to_numpy(),
                    "vintage": agg["vintage"].to_numpy(),
                }
            )
        )
    if not out:
        return sub.iloc[0:0], notes
    return pd.concat(out, ignore_index=True), notes


def _as_list(x: str | Iterable[str] | None) -> list[str] | None:
    if x is None:
        return None
    if isinstance(x, str):
        return [p.strip() for p in x.split(",") if p.strip()]
    return [str(p) for p in x]


def load(
    dataset: str,
    regions: str | Sequence[str] | None = None,
    periods: str | int | Sequence[str | int] | None = None,
    vintage: str = "latest",
    indicators: str | Sequence[str] | None = None,
    *,
    totals: bool = True,
) -> pd.DataFrame:
    """Load a dataset as a tidy frame.

    Parameters
    ----------
    dataset
        Catalogue id (``"gdp"``) or the name of a dataset imported into the store.
    regions
        Region names, codes, aliases or groups (``"northeast"``, ``"LN,JL"``); ``None``
        for all. For each group, a total row (``region`` = group id) is added for
        additive indicators when ``totals`` is true.
    periods
        Period selection: ``2023``, ``"2023H1"``, ``"2020:2024"``, or a list.
    vintage
        ``"latest"`` (default: newest vintage of each value), ``"all"``, or a vintage
        label from the catalogue (``"first_release"``, ``"revised"``).
    indicators
        Indicator names or shell-style patterns (``"gdp_*"``); ``None`` for all.
    """
    df, info = _raw(dataset)
    notes: list[str] = []
    wanted = _as_list(indicators)
    if wanted:
        names = df["indicator"].unique().tolist()
        keep: set[str] = set()
        for w in wanted:
            hit = fnmatch.filter(names, w)
            if not hit:
                raise InputError(
                    f"Dataset {dataset!r} has no indicator {w!r}.",
                    "Close matches: "
                    + (", ".join(difflib.get_close_matches(w, names, n=5)) or "none")
                    + f". See `revitalize data show {dataset} --help` / the catalogue.",
                )
            keep.update(hit)
        df = df[df["indicator"].isin(keep)]

    if periods is not None:
        sels = parse_selection(periods if not isinstance(periods, int) else str(periods))
        mask = pd.Series(False, index=df.index)
        for s in sels:
            mask |= s.mask(df["period"])
        df = df[mask]

    order_codes: list[str] | None = None
    groups: list[_regions.Group] = []
    codes: list[str] = []
    if regions is not None:
        for spec in _as_list(regions) or []:
            if _regions.is_group(spec):
                g = _regions.group(spec)
                groups.append(g)
                codes.extend(c for c in g.members if c not in codes)
            else:
                c = _regions.resolve(spec).code
                if c not in codes:
                    codes.append(c)
        df = df[df["region"].isin(codes)]
        order_codes = codes + [g.id for g in groups]

    # Vintages are chosen after the selection has narrowed the frame (same result,
    # since "latest" is decided per region, indicator and period).
    order = list(info.vintages) if info else sorted(df["vintage"].unique())
    if vintage == "latest":
        df = select_latest(df, order)
    elif vintage != "all":
        avail = sorted(set(df["vintage"]))
        if vintage not in avail:
            raise InputError(
                f"Dataset {dataset!r} has no vintage {vintage!r}.",
                f"Use one of: latest, all, {', '.join(avail)}.",
            )
        df = df[df["vintage"] == vintage]

    if groups and totals:
        single = df if vintage != "all" else select_latest(df, order)
        parts = [df]
        for g in groups:
            tot, n = group_totals(single, g, info)
            parts.append(tot)
            notes.extend(n)
        df = pd.concat(parts, ignore_index=True)
    if codes:
        absent = [c for c in codes if c not in set(df["region"])]
        if absent:
            names = [_regions.resolve(c).name_en for c in absent]
            notes.append(f"No data in {dataset!r} for: {', '.join(names)}.")

    df = _sort(df, order_codes)
    df.attrs["notes"] = notes
    df.attrs["dataset"] = dataset
    return df


def _sort(df: pd.DataFrame, order_codes: list[str] | None) -> pd.DataFrame:
    if df.empty:
        return df.reset_index(drop=True)
    rorder = {c: i for i, c in enumerate(order_codes or sorted(df["region"].unique()))}
    pkeys = {}
    for p in df["period"].unique():
        y, last, first = period_sort_key(p)
        pkeys[p] = y * 10_000 + last * 100 + first
    key = pd.DataFrame(
        {
            "i": df["indicator"],
            "p": df["period"].map(pkeys),
            "r": df["region"].map(rorder).fillna(len(rorder)),
            "v": df["vintage"],
        },
        index=df.index,
    )
    idx = key.sort_values(["i", "p", "r", "v"], kind="stable").index
    return df.loc[idx, TIDY_COLUMNS].reset_index(drop=True)


def load_table(dataset: str) -> pd.DataFrame:
    """Load a non-tidy curated table (e.g. ``"power_plants"``)."""
    info = dataset_info(dataset)
    if info.kind != "table":
        raise InputError(f"Dataset {dataset!r} is a {info.kind}.", "Use load() for tidy data.")
    with files_dir().joinpath(info.file).open("rb") as fh:
        return pd.read_csv(
            fh,
            dtype={"province": str, "prefecture": str, "province_reported": str, "plant_id": str},
        )


def load_geojson(dataset: str) -> dict[str, Any]:
    """Load a boundary dataset as a GeoJSON FeatureCollection (dict)."""
    info = dataset_info(dataset)
    if info.kind != "geojson":
        raise InputError(f"Dataset {dataset!r} is a {info.kind}.", "Use load() or load_table().")
    data: dict[str, Any] = json.loads(files_dir().joinpath(info.file).read_text("utf-8"))
    return data
