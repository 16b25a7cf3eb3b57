"""``revitalize data``: list, show, import, export and delete datasets."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd
import typer

from revitalize.cli._common import (
    FORMAT_OPT,
    LANG_OPT,
    Format,
    Lang,
    emit,
    err,
    handle_errors,
    out,
)
from revitalize.exceptions import InputError

app = typer.Typer(
    help="Datasets: bundled (cited) and imported into the local store.", no_args_is_help=True
)

TIDY_OUT = ["region", "indicator", "period", "value", "unit", "source"]

REGION_OPT = typer.Option(
    None,
    "--region",
    "-r",
    help="Regions: names, codes, aliases or groups, comma-separated (e.g. northeast, LN,JL).",
)
PERIOD_OPT = typer.Option(
    None, "--period", "-p", help="Period or range: 2023, 2023Q2, 2023H1, 2020:2024."
)
VINTAGE_OPT = typer.Option(
    "latest", "--vintage", help="latest, all, or a vintage (first_release, revised)."
)
INDICATOR_OPT = typer.Option(
    None, "--indicator", "-i", help="Indicators or patterns, comma-separated (e.g. gdp_*)."
)


@app.command("list")
@handle_errors
def list_(fmt: Format = FORMAT_OPT) -> None:
    """List bundled datasets (with origin and licence) and imported ones."""
    from revitalize.data import store
    from revitalize.data.catalogue import table

    cat = table().reset_index()
    cat["where"] = "bundled"
    user = store.list_datasets()
    rows = [cat]
    if not user.empty:
        rows.append(
            pd.DataFrame(
                {
                    "id": user["dataset"],
                    "kind": "tidy",
                    "title_en": user["title"],
                    "title_zh": user["title"],
                    "origin": user["source_file"],
                    "licence": "",
                    "vintages": "",
                    "coverage": "",
                    "indicators": None,
                    "file": "",
                    "where": "store",
                }
            )
        )
    df = pd.concat(rows, ignore_index=True)
    if fmt == Format.table:
        df["licence"] = df["licence"].map(_first_sentence)
        df["origin"] = df["origin"].map(_first_sentence)
    emit(
        df,
        fmt,
        title="Datasets",
        columns=[
            "id",
            "where",
            "kind",
            "title_en",
            "title_zh",
            "origin",
            "licence",
            "vintages",
            "coverage",
        ],
        table_columns={
            "id": "Dataset",
            "where": "Where",
            "title_zh": "名称",
            "title_en": "Title",
            "origin": "Origin",
            "licence": "Licence",
        },
        footer=["Full entries: revitalize data info DATASET"],
    )


def _first_sentence(text: object, limit: int = 60) -> str:
    s = str(text or "")
    for stop in (". ", "; ", " ("):
        if stop in s:
            s = s.split(stop, 1)[0]
    return s if len(s) <= limit else s[: limit - 1] + "…"


@app.command("info")
@handle_errors
def info(
    dataset: str = typer.Argument(..., help="Bundled dataset id."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """Show a dataset's catalogue entry: origin, licence, vintages and its indicators."""
    from revitalize.data.catalogue import dataset_info

    d = dataset_info(dataset)
    inds = pd.DataFrame(
        [
            {
                "indicator": i.name,
                "unit": i.unit,
                "zh": i.zh,
                "en": i.en,
                "additive": i.additive,
                "parts_of": i.parts_of or i.split_of or "",
            }
            for i in d.indicators.values()
        ],
        columns=["indicator", "unit", "zh", "en", "additive", "parts_of"],
    )
    if fmt == Format.json:
        entry = {k: v for k, v in d.raw.items() if k != "indicators"}
        entry["indicators"] = inds.to_dict(orient="records")
        sys.stdout.write(json.dumps(entry, ensure_ascii=False, indent=1, default=str) + "\n")
        return
    if fmt == Format.csv:
        emit(inds, fmt)
        return
    fields = (
        ("Origin", d.origin),
        ("Via", f"{d.intermediary} ({d.intermediary_commit})"),
        ("Licence", d.licence),
        ("Vintages", ", ".join(d.vintages)),
        ("Coverage", d.coverage),
        ("File", d.file),
        ("About", d.description),
    )
    out.print(f"[bold]{d.id}[/]: {d.title_en} / {d.title_zh}")
    for label, value in fields:
        out.print(f"[bold]{label}:[/] {value}", highlight=False)
    if not inds.empty:
        emit(
            inds,
            fmt,
            title="Indicators",
            table_columns={
                "indicator": "Indicator",
                "unit": "Unit",
                "zh": "中文",
                "en": "English",
                "parts_of": "Part of",
            },
        )


def _select(
    dataset: str, region: str | None, period: str | None, vintage: str, indicator: str | None
) -> pd.DataFrame:
    from revitalize.data.loaders import load

    return load(dataset, regions=region, periods=period, vintage=vintage, indicators=indicator)


def _names(df: pd.DataFrame, lang: Lang) -> pd.Series:
    from revitalize import regions as R

    def name(code: str) -> str:
        if R.is_group(code):
            return R.group(code).name(lang.value)
        try:
            return R.resolve(code).name(lang.value)
        except InputError:
            return code

    mapping = {c: name(c) for c in df["region"].unique()}
    return df["region"].map(mapping)


def _convert(df: pd.DataFrame, unit: str) -> pd.DataFrame:
    """Convert every value into ``unit`` (all indicators must be of its dimension)."""
    from revitalize.units import canonical_unit, conversion_factor

    target = canonical_unit(unit)
    out = df.copy()
    for u in out["unit"].unique():
        factor = conversion_factor(u, target)
        sel = out["unit"] == u
        out.loc[sel, "value"] = out.loc[sel, "value"] * factor
    out["unit"] = target
    return out


@app.command("show")
@handle_errors
def show(
    dataset: str = typer.Argument(..., help="Dataset id (see `revitalize data list`)."),
    region: str = REGION_OPT,
    period: str = PERIOD_OPT,
    vintage: str = VINTAGE_OPT,
    indicator: str = INDICATOR_OPT,
    unit: str = typer.Option(
        None, "--unit", "-u", help="Convert values to this unit, e.g. 'CNY tn' or 万亿元."
    ),
    fmt: Format = FORMAT_OPT,
    lang: Lang = LANG_OPT,
) -> None:
    """Show values of a dataset, with units and sources.

    Example: revitalize data show gdp --region northeast --period 2023H1 --unit 万亿元
    """
    df = _select(dataset, region, period, vintage, indicator)
    if unit:
        df = _convert(df, unit)
    if df.empty:
        raise InputError(
            f"No values of {dataset!r} match the selection.",
            "Widen --region/--period/--indicator; `revitalize data list` shows coverage.",
        )
    if fmt != Format.table:
        emit(df, fmt, columns=TIDY_OUT + (["vintage"] if vintage == "all" else []))
        for n in df.attrs.get("notes", []):
            err.print(f"Note: {n}", highlight=False)
        return
    from revitalize.data.catalogue import catalogue

    view = df.copy()
    view["name"] = _names(view, lang)
    refs = {src: f"[{i}]" for i, src in enumerate(pd.unique(view["source"]), start=1)}
    view["ref"] = view["source"].map(refs)
    footer = [f"{ref} {src}" for src, ref in refs.items()]
    footer += [f"Note: {n}" for n in df.attrs.get("notes", [])]
    if dataset in catalogue():
        footer.append("Dataset: " + catalogue()[dataset].citation())
    cols = {
        "name": "Region",
        "region": "Code",
        "indicator": "Indicator",
        "period": "Period",
        "value": "Value",
        "unit": "Unit",
        "ref": "Source",
    }
    if vintage == "all":
        cols["vintage"] = "Vintage"
    emit(view, fmt, title=dataset, table_columns=cols, footer=footer)


@app.command("import")
@handle_errors
def import_(
    file: Path = typer.Argument(..., help="CSV or Excel file (long or yearbook-style wide)."),
    dataset: str = typer.Option(..., "--dataset", "-d", help="Name of the dataset in the store."),
    indicator: str = typer.Option(None, "--indicator", help="Indicator (for wide tables)."),
    unit: str = typer.Option(None, "--unit", help="Unit, e.g. 亿元 or 'CNY 100m' (wide tables)."),
    source: str = typer.Option(None, "--source", help="Source text (default: file name)."),
    vintage: str = typer.Option("user", "--vintage", help="Vintage label of the values."),
    sheet: str = typer.Option(None, "--sheet", help="Excel sheet (default: the first)."),
    replace: bool = typer.Option(False, "--replace", help="Overwrite an existing dataset."),
    title: str = typer.Option("", "--title", help="Title shown by `data list`."),
) -> None:
    """Validate a file and import it into the local store in one transaction."""
    from revitalize.data import store
    from revitalize.data.importers import read_user_file

    df = read_user_file(
        file, indicator=indicator, unit=unit, source=source, vintage=vintage, sheet=sheet
    )
    n = store.write_dataset(
        dataset, df, title=title or dataset, source_file=str(file), replace=replace
    )
    out.print(
        f"Imported {n} values ({df['indicator'].nunique()} indicators, "
        f"{df['region'].nunique()} regions) into dataset [bold]{dataset}[/] "
        f"in {store.store_path()}"
    )


@app.command("export")
@handle_errors
def export(
    dataset: str = typer.Argument(..., help="Dataset id."),
    output: Path = typer.Option(..., "--output", "-o", help="File: .csv, .parquet or .xlsx."),
    region: str = REGION_OPT,
    period: str = PERIOD_OPT,
    vintage: str = VINTAGE_OPT,
    indicator: str = INDICATOR_OPT,
) -> None:
    """Export a (selection of a) dataset to CSV, Parquet or Excel."""
    suffix = output.suffix.lower()
    if suffix not in (".csv", ".parquet", ".xlsx"):
        raise InputError(
            f"Cannot export to {output.name!r}.",
            "Give --output a .csv, .parquet or .xlsx file name.",
        )
    df = _select(dataset, region, period, vintage, indicator)
    output.parent.mkdir(parents=True, exist_ok=True)
    tmp = output.with_name(output.name + ".tmp")
    try:
        if suffix == ".csv":
            df.to_csv(tmp, index=False)
        elif suffix == ".parquet":
            df.to_parquet(tmp, index=False)
        else:
            df.to_excel(tmp, index=False, sheet_name=dataset[:31], engine="openpyxl")
        tmp.replace(output)
    finally:
        if tmp.exists():
            tmp.unlink()
    out.print(f"Wrote {len(df)} rows to {output}")


@app.command("delete")
@handle_errors
def delete(dataset: str = typer.Argument(..., help="Imported dataset to remove.")) -> None:
    """Remove an imported dataset from the store."""
    from revitalize.data import store

    store.delete_dataset(dataset)
    out.print(f"Deleted dataset {dataset}.")


@app.command("runs")
@handle_errors
def runs(
    show: str = typer.Option(None, "--show", help="Print the values of this run."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """List stored model runs (e.g. `energy plan --save NAME`), or show one."""
    from revitalize.data import store

    if show:
        emit(store.read_run(show), fmt, title=f"Run {show}")
        return
    emit(store.list_runs(), fmt, title="Stored runs")
