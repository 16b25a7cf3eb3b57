"""Every curated file is catalogued and cited; the bundled data are consistent."""

from __future__ import annotations

import json

import pandas as pd
import pytest

from revitalize import regions as R
from revitalize.data.catalogue import catalogue, files_dir
from revitalize.data.loaders import load
from revitalize.periods import parse_period
from revitalize.units import canonical_unit

DATA_SUFFIXES = (".csv", ".parquet", ".json", ".geojson")
CAT = catalogue()
TIDY = [k for k, v in CAT.items() if v.kind == "tidy"]


def test_every_curated_file_has_a_catalogue_entry_with_origin_and_licence() -> None:
    files = {p.name for p in files_dir().iterdir() if p.name.endswith(DATA_SUFFIXES)}
    catalogued = {d.file for d in CAT.values()}
    assert files, "no curated files found"
    assert files - catalogued == set(), "files without a catalogue entry"
    for d in CAT.values():
        assert d.origin.strip(), f"{d.id} lacks its origin"
        assert d.licence.strip(), f"{d.id} lacks its licence"
        assert d.intermediary.strip() and d.intermediary_commit.strip(), d.id
        assert d.title_en and d.title_zh and d.vintages and d.coverage, d.id
        assert files_dir().joinpath(d.file).is_file(), f"{d.id}: {d.file} missing"


def test_the_core_datasets_exist() -> None:
    for ds in (
        "gdp",
        "power",
        "population",
        "rd_innovation",
        "co2",
        "industrial_output",
        "power_plants",
        "boundaries_provinces",
        "boundaries_ne_prefectures",
    ):
        assert ds in CAT, ds


@pytest.mark.parametrize("ds", TIDY)
def test_tidy_dataset_is_well_formed(ds: str) -> None:
    df = load(ds, vintage="all")
    info = CAT[ds]
    assert len(df) == info.raw["rows"]
    # no duplicate keys
    assert not df.duplicated(["region", "indicator", "period", "vintage"]).any()
    # units declared, canonical, one per indicator, as catalogued
    units = df.groupby("indicator")["unit"].unique()
    for ind, u in units.items():
        assert len(u) == 1 and canonical_unit(u[0]) == u[0] == info.indicators[ind].unit
    # regions known, periods canonical, vintages declared, sources present
    known = {r.code for r in R.all_regions()}
    assert set(df["region"]) <= known
    assert all(parse_period(p).label == p for p in df["period"].unique())
    assert set(df["vintage"]) <= set(info.vintages)
    assert (df["source"].str.len() > 0).all()


def _splits(ds: str) -> list[tuple[str, str, list[str]]]:
    """(kind, parent, parts) for every declared split of a total."""
    out = []
    for kind in ("parts_of", "split_of"):
        parents = {getattr(i, kind) for i in CAT[ds].indicators.values() if getattr(i, kind)}
        for parent in sorted(parents):
            parts = [n for n, i in CAT[ds].indicators.items() if getattr(i, kind) == parent]
            out.append((kind, parent, parts))
    return out


SPLITS = [(ds, *s) for ds in TIDY for s in _splits(ds)]


@pytest.mark.parametrize(
    ("ds", "kind", "parent", "parts"), SPLITS, ids=[f"{s[0]}:{s[1]}:{s[2]}" for s in SPLITS]
)
def test_parts_sum_to_totals_within_rounding(
    ds: str, kind: str, parent: str, parts: list[str]
) -> None:
    df = load(ds, vintage="all")
    key = ["region", "period", "vintage"]
    wide = df[df.indicator.isin([*parts, parent])].pivot_table(
        index=key, columns="indicator", values="value", aggfunc="first"
    )
    assert parent in wide.columns, f"{ds}: total {parent} has no values"
    wide = wide.dropna(subset=[parent])
    present = [p for p in parts if p in wide.columns]
    wide = wide[wide[present].notna().all(axis=1)]
    assert len(wide) > 0, f"{ds}: no complete {kind} split of {parent}"
    gap = (wide[present].sum(axis=1) - wide[parent]).abs()
    tol = 0.002 * wide[parent].abs() + 0.5 * len(present) * _step(ds)
    bad = wide[gap > tol]
    assert len(bad) / len(wide) <= CAT[ds].raw.get("parts_tolerance_share", 0.0), (
        f"{ds}: {parent} != sum of {present} in {len(bad)} of {len(wide)} rows:\n{bad.head()}"
    )


def _step(ds: str) -> float:
    """Rounding step of the published figures (one decimal for most tables)."""
    return float(CAT[ds].raw.get("rounding_step", 0.1))


def test_northeast_total_equals_the_sum_of_its_provinces() -> None:
    df = load("gdp", regions="northeast", periods="2015:2024", indicators="gdp")
    wide = df.pivot_table(index="period", columns="region", values="value")
    assert len(wide) >= 10
    assert (wide[["210000", "220000", "230000"]].sum(axis=1) - wide["northeast"]).abs().max() < 1e-6
    pop = load("population", regions="northeast", periods="2020", indicators="population")
    assert pop.set_index("region")["value"]["northeast"] == pytest.approx(
        pop[pop.region != "northeast"]["value"].sum()
    )


def test_non_additive_indicators_get_no_group_total() -> None:
    df = load("rd_innovation", regions="northeast", periods="2023", indicators="rd_intensity")
    assert "northeast" not in set(df["region"])


def test_boundaries_are_feature_collections_with_registry_codes() -> None:
    for ds in ("boundaries_provinces", "boundaries_ne_prefectures"):
        gj = json.loads(files_dir().joinpath(CAT[ds].file).read_text("utf-8"))
        assert gj["type"] == "FeatureCollection"
        codes = {f["properties"]["code"] for f in gj["features"]}
        if ds == "boundaries_ne_prefectures":
            assert codes == {r.code for r in R.all_regions() if r.level == "prefecture"}
        else:
            assert {r.code for r in R.provinces()} <= codes


def test_plants_are_assigned_to_registry_regions() -> None:
    from revitalize.data.loaders import load_table

    plants = load_table("power_plants")
    assert len(plants) > 1000
    known = {r.code for r in R.all_regions()}
    assert set(plants["province"].dropna()) <= known
    assert set(plants["prefecture"].dropna()) <= known
    assert pd.api.types.is_numeric_dtype(plants["lat"])
