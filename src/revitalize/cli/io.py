"""``revitalize io``: input-output multipliers, linkages, extraction and impacts."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd
import typer

from revitalize.cli._common import FORMAT_OPT, LANG_OPT, Format, Lang, emit, err, handle_errors

if TYPE_CHECKING:
    from revitalize.inputoutput.impact import Shock
    from revitalize.inputoutput.table import IOTable

app = typer.Typer(
    help="Input-output analysis: multipliers, key sectors, extraction, impacts.",
    no_args_is_help=True,
)

REGION_OPT = typer.Option(
    "national",
    "--region",
    "-r",
    help="national, or a province (LN, 吉林, ...): regionalized from the national table.",
)
YEAR_OPT = typer.Option(2020, "--year", "-y", help="Table year: 2017, 2018 or 2020.")
METHOD_OPT = typer.Option("flq", "--lq", help="Location quotient: slq, cilq, flq or aflq.")
DELTA_OPT = typer.Option(0.3, "--delta", help="FLQ/AFLQ delta (0 < delta < 1).")
SOURCE = "NBS input-output table {year} (via ionet); CEADs; revitalize estimates"
# Display units: multipliers per million yuan of final demand.
PER_MILLION = 1e6


def _table(region: str, year: int, method: str, delta: float, sectors: int = 42) -> IOTable:
    from revitalize.inputoutput.table import IOTable

    with err.status(f"Building the {year} input-output table for {region} ..."):
        if region.lower() in ("national", "china", "cn", "100000", "全国"):
            return IOTable.from_nbs(year, sectors)
        if sectors != 42:
            from revitalize.exceptions import InputError

            raise InputError(
                f"Provincial tables have 42 sectors, not {sectors}.",
                "Use sectors: 42 (or a national scenario for 149/153).",
            )
        from revitalize.inputoutput.regional import provincial_table

        return provincial_table(region, year, method=method, delta=delta)


def _scale(table: IOTable, measure: str) -> tuple[float, str]:
    """Factor and unit that show a multiplier per million yuan of final demand."""
    from revitalize.units import conversion_factor

    per_yuan = conversion_factor("CNY", table.unit)  # table units per yuan
    if measure in table.satellite_units:
        unit = table.satellite_units[measure]
        target = {"10k persons": "persons", "Mt CO2": "t CO2"}.get(unit, unit)
        f = conversion_factor(unit, target) * per_yuan * PER_MILLION
        return f, f"{target} per million yuan"
    return 1.0, "yuan per yuan"


def _tidy(table: IOTable, frame: pd.DataFrame, measures: list[str], year: int) -> pd.DataFrame:
    rows = []
    for m in measures:
        f, unit = _scale(table, m)
        part = pd.DataFrame(
            {
                "region": table.region,
                "year": year,
                "sector": frame.index.astype(str),
                "name_en": frame.get("name_en"),
                "name_zh": frame.get("name_zh"),
                "indicator": m,
                "value": frame[m].to_numpy(float) * f,
                "unit": unit,
                "source": SOURCE.format(year=year),
            }
        )
        rows.append(part)
    return pd.concat(rows, ignore_index=True)


def _labelled(frame: pd.DataFrame, table: IOTable, lang: Lang) -> pd.DataFrame:
    """Add the ``sector`` code, ``region`` and display ``name`` columns of a result."""
    out = frame.assign(sector=frame.index.astype(str), region=table.region)
    out["name"] = out["name_zh" if lang == Lang.zh else "name_en"]
    out.attrs = dict(frame.attrs)
    return out


NOTES_OPT = typer.Option(False, "--notes", help="Print every assumption behind the table.")


def _notes(table: IOTable, show: bool) -> list[str]:
    if show:
        return [f"Note: {n}" for n in table.notes]
    return [
        f"Note: {table.notes[0]} ({len(table.notes)} notes on the estimates: --notes)"
        if table.notes
        else ""
    ]


@app.command("sectors")
@handle_errors
def sectors(
    classification: int = typer.Option(42, "--sectors", help="42, 149 or 153."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """List the sectors of the NBS input-output classification."""
    from revitalize.data.io_tables import io_labels

    df = io_labels(classification).reset_index()
    df = df.rename(columns={df.columns[0]: "sector"})
    emit(
        df,
        fmt,
        title=f"NBS {classification}-sector classification",
        columns=[c for c in ("sector", "name_en", "name_zh", "sector_42") if c in df],
    )


@app.command("multipliers")
@handle_errors
def multipliers(
    region: str = REGION_OPT,
    year: int = YEAR_OPT,
    method: str = METHOD_OPT,
    delta: float = DELTA_OPT,
    top: int = typer.Option(
        0, "--top", help="Only the N sectors with the largest output multiplier (0 = all)."
    ),
    notes: bool = NOTES_OPT,
    fmt: Format = FORMAT_OPT,
    lang: Lang = LANG_OPT,
) -> None:
    """Output, value-added, income, employment and CO2 multipliers by sector.

    Example: revitalize io multipliers --region LN --year 2020
    """
    from revitalize.inputoutput.analysis import multipliers as calc

    table = _table(region, year, method, delta)
    m = calc(table)
    if top:
        m = m.sort_values("output", ascending=False).head(top)
    measures = [
        c
        for c in (
            "output",
            "output_type_ii",
            "value_added",
            "income",
            "income_type_ii",
            *table.satellite_units,
        )
        if c in m
    ]
    if fmt != Format.table:
        emit(
            _tidy(table, m, measures, year),
            fmt,
            columns=[
                "region",
                "year",
                "sector",
                "name_en",
                "name_zh",
                "indicator",
                "value",
                "unit",
                "source",
            ],
        )
        return
    view = m.copy()
    for c in measures:
        view[c] = view[c] * _scale(table, c)[0]
    view = _labelled(view, table, lang)
    heads = {
        "sector": "Code",
        "name": "Sector",
        "output": "Output",
        "output_type_ii": "Output II",
        "value_added": "VA",
        "income": "Income",
        "employment": "Jobs/M¥",
        "co2": "tCO2/M¥",
    }
    emit(
        view,
        fmt,
        title=f"Multipliers, {region} {year} (per yuan of final demand)",
        table_columns={k: v for k, v in heads.items() if k in view},
        footer=[
            "Jobs/M¥: persons per million yuan; tCO2/M¥: t CO2 per million yuan.",
            *_notes(table, notes),
        ],
    )


@app.command("linkages")
@handle_errors
def linkages(
    region: str = REGION_OPT,
    year: int = YEAR_OPT,
    method: str = METHOD_OPT,
    delta: float = DELTA_OPT,
    fmt: Format = FORMAT_OPT,
    lang: Lang = LANG_OPT,
) -> None:
    """Backward and forward linkages and key sectors (Rasmussen-Hirschman)."""
    from revitalize.inputoutput.analysis import key_sectors

    table = _table(region, year, method, delta)
    k = key_sectors(table)
    k = _labelled(k, table, lang)
    k = k.sort_values(["class", "backward"], ascending=[True, False])
    emit(
        k,
        fmt,
        title=f"Linkages and key sectors, {region} {year}",
        columns=[
            "region",
            "sector",
            "name_en",
            "name_zh",
            "backward",
            "forward",
            "forward_ghosh",
            "class",
            "dispersion",
        ],
        table_columns={
            "sector": "Code",
            "name": "Sector",
            "backward": "Backward",
            "forward": "Forward",
            "forward_ghosh": "Forward (Ghosh)",
            "class": "Class",
        },
        footer=["Key: backward and forward linkage above the average (1)."],
    )


@app.command("extract")
@handle_errors
def extract(
    sector: list[str] = typer.Option(
        ..., "--sector", "-s", help="Sector code or name; repeat for several."
    ),
    region: str = REGION_OPT,
    year: int = YEAR_OPT,
    how: str = typer.Option("links", "--method", help="links, complete or partial."),
    fraction: float = typer.Option(None, "--fraction", help="For partial extraction."),
    lq: str = METHOD_OPT,
    delta: float = DELTA_OPT,
    fmt: Format = FORMAT_OPT,
    lang: Lang = LANG_OPT,
) -> None:
    """Hypothetical extraction: the output that depends on the sectors' links."""
    from revitalize.inputoutput.analysis import extraction

    table = _table(region, year, lq, delta)
    e = extraction(table, sector, method=how, fraction=fraction)
    e = _labelled(e, table, lang)
    e["unit"] = table.unit
    total, share = e.attrs["total_loss"], e.attrs["share"]
    emit(
        e.sort_values("loss", ascending=False),
        fmt,
        title=f"Extraction of {', '.join(e.attrs['extracted'])} ({how}), {region} {year}",
        columns=[
            "region",
            "sector",
            "name_en",
            "output",
            "output_extracted",
            "loss",
            "loss_share",
            "unit",
        ],
        table_columns={
            "sector": "Code",
            "name": "Sector",
            "output": "Output",
            "loss": "Loss",
            "loss_share": "Share lost",
        },
        footer=[f"Total output lost: {total:,.0f} {table.unit} ({share:.2%} of output)."],
    )


@app.command("impact")
@handle_errors
def impact(
    scenarios: Path = typer.Argument(..., help="YAML file with scenarios (see docs)."),
    by_sector: bool = typer.Option(False, "--by-sector", help="Impacts by sector, not totals."),
    mrio: bool = typer.Option(
        False, "--mrio", help="Run on the LN-JL-HL MRIO: impacts by province, with spillovers."
    ),
    lq: str = METHOD_OPT,
    delta: float = DELTA_OPT,
    fmt: Format = FORMAT_OPT,
) -> None:
    """Impacts of investment or final-demand shocks on output, value added, income,
    jobs and CO2. Scenarios with a province are run on that province's table.

    Example scenario file::

        table: {year: 2020}
        scenarios:
          - name: jilin_new_energy_equipment
            region: JL
            investment: 1.0e10
    """
    from revitalize.inputoutput.impact import (
        impact_summary,
        impacts,
        read_shocks,
        shock_matrix,
    )

    opts, shocks = read_shocks(scenarios)
    year = int(opts.get("year", 2020))
    n_sectors = int(opts.get("sectors", 42))
    if mrio:
        _impact_mrio(shocks, year, lq, delta, by_sector, fmt)
        return
    groups: dict[str, list[Shock]] = {}
    for s in shocks:
        groups.setdefault(s.region or "national", []).append(s)
    frames = []
    for region, group in groups.items():
        table = _table(region, year, lq, delta, n_sectors)
        res = impacts(table, shock_matrix(table, group))
        res.insert(0, "region", table.region)
        frames.append(res)
    result = pd.concat(frames, ignore_index=True)
    if by_sector:
        emit(
            result,
            fmt,
            title="Impacts by sector",
            columns=["region", "scenario", "sector", "measure", "value", "unit"],
        )
        return
    summary = pd.concat(
        [impact_summary(f).assign(region=f["region"].iloc[0]) for f in frames],
        ignore_index=True,
    )
    summary = _display_units(summary)
    emit(
        summary,
        fmt,
        title=f"Impacts ({year} tables)",
        columns=["region", "scenario", "measure", "value", "unit", "per_unit_shock", "per_unit"],
        table_columns={
            "region": "Region",
            "scenario": "Scenario",
            "measure": "Measure",
            "value": "Total",
            "unit": "Unit",
            "per_unit_shock": "Per unit",
            "per_unit": "Per unit of",
        },
    )


def _display_units(summary: pd.DataFrame) -> pd.DataFrame:
    """Money in 亿元 (CNY 100m); jobs in persons and CO2 in t, per million yuan."""
    from revitalize.units import conversion_factor, get_unit

    out = summary.copy()
    out["per_unit"] = "yuan"
    money = next(u for u in summary["unit"] if get_unit(u).dimension == "money_cny")
    for i, row in out.iterrows():
        unit = str(row["unit"])
        if get_unit(unit).dimension == "money_cny":
            out.at[i, "value"] = row["value"] * conversion_factor(unit, "CNY 100m")
            out.at[i, "unit"] = "CNY 100m"
            continue
        target = {"10k persons": "persons", "Mt CO2": "t CO2"}.get(unit, unit)
        f = conversion_factor(unit, target)
        out.at[i, "value"] = row["value"] * f
        out.at[i, "unit"] = target
        out.at[i, "per_unit_shock"] = (
            row["per_unit_shock"] * f * conversion_factor("CNY", money) * PER_MILLION
        )
        out.at[i, "per_unit"] = "million yuan"
    return out


def _impact_mrio(
    shocks: list[Shock], year: int, lq: str, delta: float, by_sector: bool, fmt: Format
) -> None:
    """Scenarios on the three-province Northeast MRIO (impacts by province)."""
    from revitalize.inputoutput.impact import shock_matrix
    from revitalize.inputoutput.mrio_impact import northeast_model, regional_impacts

    with err.status(f"Building the {year} Northeast MRIO ..."):
        model = northeast_model(year, method=lq, delta=delta)
    frames = []
    for s in shocks:
        if s.region not in model.regions:
            from revitalize.exceptions import InputError

            raise InputError(
                f"Scenario {s.name!r} has no Northeast province as its region.",
                "With --mrio every scenario needs region: LN, JL or HL.",
            )
        y = shock_matrix(model.national, [s])
        frames.append(regional_impacts(model, s.region, y))
    result = pd.concat(frames, ignore_index=True)
    if by_sector:
        emit(
            result,
            fmt,
            title="Impacts by province and sector (MRIO)",
            columns=["scenario", "region", "sector", "measure", "value", "unit"],
        )
        return
    summary = (
        result.groupby(["scenario", "region", "measure", "unit"], sort=False)["value"]
        .sum()
        .reset_index()
    )
    emit(
        summary,
        fmt,
        title=f"Impacts by province ({year} Northeast MRIO)",
        columns=["scenario", "region", "measure", "value", "unit"],
        table_columns={
            "scenario": "Scenario",
            "region": "Region",
            "measure": "Measure",
            "value": "Total",
            "unit": "Unit",
        },
        footer=[
            f"Note: {model.notes[-1]}",
            "region 'rest': direct purchases from the rest of China (leave the model).",
        ],
    )
