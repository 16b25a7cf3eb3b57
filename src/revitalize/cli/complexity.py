"""``revitalize complexity``: relatedness, economic complexity and opportunities."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import typer

from revitalize.cli._common import FORMAT_OPT, LANG_OPT, Format, Lang, emit, handle_errors

app = typer.Typer(
    help="Economic complexity and relatedness: ECI/PCI, RCA, opportunity ranking, SEI.",
    no_args_is_help=True,
)

LEVEL_OPT = typer.Option("province", "--level", "-l", help="province or prefecture.")
YEAR_OPT = typer.Option(None, "--year", "-y", help="Year (default: latest available).")
SOURCE_OPT = typer.Option(
    "employment", "--source", "-s",
    help="employment (census 2010/2020), fai (investment 2003-2023) or industrial_output.",
)
THRESHOLD_OPT = typer.Option(1.0, "--threshold", help="RCA threshold of presence (M=1).")
FILE_OPT = typer.Option(
    None, "--file",
    help="Your own location x activity table (CSV or Excel, wide: first column the "
         "location, one column per activity) instead of the bundled data.",
)
RESOLUTION_OPT = typer.Option(
    "user table", "--resolution",
    help="With --file: what a row and a column are, e.g. 'province x 41 industries "
         "(yearbook 2022)'; shown with every result.",
)


def _matrix(source: str, level: str, year: int | None, file: Path | None,
            resolution: str) -> pd.DataFrame:
    """The bundled matrix, or the user's table when ``--file`` is given (validated)."""
    if file is None:
        from revitalize.complexity.matrices import activity_matrix

        return activity_matrix(source, level, year)
    from revitalize.complexity.userdata import read_activity_table

    m = read_activity_table(file, resolution=resolution)
    m.attrs["year"] = year if year is not None else "-"
    return m


def _codes(spec: str, index: pd.Index, level: str) -> list[str]:
    """Locations of the matrix that a region spec (alias, group, code) selects."""
    from revitalize import regions

    if spec.lower() in ("all", "*"):
        return [str(i) for i in index]
    wanted = [r.code for r in regions.expand(spec)]
    idx = [str(i) for i in index]
    if level == "prefecture":
        pre = tuple(c[:2] for c in wanted if c.endswith("0000"))
        exact = {c for c in wanted if not c.endswith("0000")}
        return [i for i in idx if i in exact or i.startswith(pre)]
    return [i for i in idx if i in wanted]


def _caption(m: pd.DataFrame) -> list[str]:
    notes = [str(n) for n in m.attrs.get("notes", [])]
    lines = [f"Resolution: {m.attrs.get('resolution')}; data: {m.attrs.get('source')} "
             f"({m.attrs.get('year')})."]
    if m.attrs.get("derived"):
        lines.append("Warning: values of this year were derived from growth rates, not "
                     "published levels.")
    return lines + [f"Note: {n}" for n in notes]


@app.command("eci")
@handle_errors
def eci(
    level: str = LEVEL_OPT,
    year: int | None = YEAR_OPT,
    source: str = SOURCE_OPT,
    region: str = typer.Option(
        "all", "--region", "-r",
        help="Show only these regions (alias, code or group; a province selects its "
             "prefectures at --level prefecture). ECI is always computed on all.",
    ),
    threshold: float = THRESHOLD_OPT,
    file: Path | None = FILE_OPT,
    resolution: str = RESOLUTION_OPT,
    fmt: Format = FORMAT_OPT,
    lang: Lang = LANG_OPT,
) -> None:
    """Economic Complexity Index of every province or prefecture.

    Example: revitalize complexity eci --level prefecture --year 2020 --region 吉林
    """
    from revitalize.complexity.matrices import location_names
    from revitalize.complexity.opportunities import location_table

    m = _matrix(source, level, year, file, resolution)
    t = location_table(m, threshold=threshold)
    t = t[t["region"].isin(_codes(region, m.index, level))]
    names = location_names(t["region"].tolist(), lang.value)
    t = t.assign(name=t["region"].map(names), year=m.attrs["year"],
                 source=m.attrs["source"]).sort_values("eci", ascending=False)
    emit(
        t, fmt,
        title=f"Economic Complexity Index, {level}s, {m.attrs['year']}",
        columns=["region", "name", "year", "eci", "eci_rank", "coi", "diversity",
                 "resolution", "source"],
        table_columns={"region": "Code", "name": "Region", "eci": "ECI",
                       "eci_rank": "Rank", "coi": "COI", "diversity": "Diversity"},
        footer=[*_caption(m), f"Rank among all {len(m)} {level}s."],
    )


@app.command("opportunities")
@handle_errors
def opportunities(
    region: str = typer.Option(..., "--region", "-r", help="Province or prefecture."),
    level: str = typer.Option(
        "", "--level", "-l", help="province or prefecture (default: the region's level)."),
    year: int | None = YEAR_OPT,
    source: str = SOURCE_OPT,
    top: int = typer.Option(10, "--top", help="Show the N best (0 = all)."),
    threshold: float = THRESHOLD_OPT,
    file: Path | None = FILE_OPT,
    resolution: str = RESOLUTION_OPT,
    fmt: Format = FORMAT_OPT,
    lang: Lang = LANG_OPT,
) -> None:
    """Activities a region could add: feasibility (density) vs PCI and COG.

    Example: revitalize complexity opportunities --region 吉林
    """
    from revitalize import regions
    from revitalize.complexity.opportunities import narrative, opportunity_table
    from revitalize.complexity.sei import sections, sei_by_section, sei_categories

    reg = regions.resolve(region)
    lvl = level or ("prefecture" if reg.level == "prefecture" else "province")
    m = _matrix(source, lvl, year, file, resolution)
    t = opportunity_table(m, reg.code, threshold=threshold)
    if top:
        t = t.head(top)
    labels: dict[str, tuple[str, str]] = {}
    sei_names: dict[str, list[tuple[str, str]]] = {}
    if source != "industrial_output" and file is None:  # bundled section matrices
        sec = sections()
        labels = {s: (str(sec.at[s, "zh"]), str(sec.at[s, "en"])) for s in sec.index}
        cats = sei_categories().set_index("id")
        sei_names = {s: [(str(cats.at[i, "zh"]), str(cats.at[i, "en"])) for i in ids]
                     for s, ids in sei_by_section().items()}
    lab = 0 if lang == Lang.zh else 1
    t = t.assign(
        name=t["activity"].map(lambda a: labels.get(a, (a, a))[lab]),
        sei=t["activity"].map(lambda a: "; ".join(n[lab] for n in sei_names.get(a, []))),
        year=m.attrs["year"], source=m.attrs["source"],
    )
    zh, en = narrative(t, reg.name_zh, reg.name_en, labels, sei_names)
    emit(
        t, fmt,
        title=f"Opportunities for {reg.name(lang.value)}, {m.attrs['year']}",
        columns=["region", "year", "rank", "activity", "name", "density", "distance", "pci",
                 "cog", "rca", "score", "sei", "resolution", "source"],
        table_columns={"rank": "#", "activity": "Code", "name": "Activity",
                       "density": "Density", "pci": "PCI", "cog": "COG", "rca": "RCA",
                       "score": "Score"},
        footer=[zh if lang == Lang.zh else en, *_caption(m),
                "Strategic emerging industries by section: --format csv (column sei).",
                "Score = 0.5 z(density) + 0.25 z(PCI) + 0.25 z(COG) over the candidates."],
    )


@app.command("rca")
@handle_errors
def rca_cmd(
    region: str = typer.Option("northeast", "--region", "-r", help="Regions to show."),
    level: str = LEVEL_OPT,
    year: int | None = YEAR_OPT,
    source: str = SOURCE_OPT,
    threshold: float = THRESHOLD_OPT,
    fmt: Format = FORMAT_OPT,
) -> None:
    """Revealed comparative advantage (Balassa) and presence of each activity.

    Example: revitalize complexity rca --region LN
    """
    import numpy as np

    from revitalize.complexity.matrices import activity_matrix
    from revitalize.complexity.rca import binary_presence, rca

    m = activity_matrix(source, level, year)
    r = rca(m.to_numpy(float))
    mm = binary_presence(r, threshold)
    keep = _codes(region, m.index, level)
    idx = [str(i) for i in m.index]
    rows = [i for i, c in enumerate(idx) if c in keep]
    t = pd.DataFrame({
        "region": np.repeat([idx[i] for i in rows], m.shape[1]),
        "activity": np.tile(m.columns.astype(str), len(rows)),
        "value": m.to_numpy(float)[rows].ravel(),
        "rca": r[rows].ravel(), "mcp": mm[rows].ravel().astype(int),
        "year": m.attrs["year"], "resolution": m.attrs["resolution"],
        "source": m.attrs["source"],
    })
    emit(t, fmt, title=f"RCA, {m.attrs['year']}",
         columns=["region", "year", "activity", "value", "rca", "mcp", "resolution", "source"],
         table_columns={"region": "Region", "activity": "Activity", "value": "Value",
                        "rca": "RCA", "mcp": "M"},
         footer=_caption(m))


@app.command("sei")
@handle_errors
def sei(fmt: Format = FORMAT_OPT, lang: Lang = LANG_OPT) -> None:
    """The nine strategic emerging industries (NBS 2018) and their industry sections."""
    from revitalize.complexity.sei import sei_categories

    t = sei_categories()
    t = t.assign(sections=t["sections"].map(";".join),
                 name=t["zh" if lang == Lang.zh else "en"])
    emit(t, fmt, title="Strategic emerging industries (NBS classification 2018)",
         columns=["id", "zh", "en", "sections", "separable", "note", "resolution", "source"],
         table_columns={"id": "Id", "name": "Category", "sections": "Sections",
                        "separable": "Separable"},
         footer=["Sections: GB/T 4754-2017; separable=False: the category is a small part "
                 "of each section and cannot be measured at section resolution."])


@app.command("robustness")
@handle_errors
def robustness(
    level: str = LEVEL_OPT,
    source: str = SOURCE_OPT,
    boot: int = typer.Option(100, "--boot", help="Bootstrap replicates per year."),
    seed: int = typer.Option(0, "--seed", help="Seed of the bootstrap."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """Rank agreement of the ECI across methods, neighbouring years and bootstrap.

    Example: revitalize complexity robustness --source employment --level prefecture
    """
    from revitalize.complexity.matrices import activity_panel
    from revitalize.complexity.robustness import robustness_report

    p = activity_panel(source, level)
    panel: dict[object, pd.DataFrame] = {}
    for y, g in p.groupby("time"):
        m = g.pivot_table(index="loc", columns="prod", values="val", aggfunc="sum",
                          fill_value=0.0)
        panel[y] = m.loc[m.sum(axis=1) > 0, m.sum(axis=0) > 0]
    t = robustness_report(panel, n_boot=boot, seed=seed)
    t = t.assign(resolution=p.attrs["resolution"], source=p.attrs["source"])
    emit(t, fmt, title="Robustness of the ECI ranking (Spearman's rho)",
         columns=["time", "check", "value", "detail", "resolution", "source"],
         table_columns={"time": "Year", "check": "Check", "value": "rho",
                        "detail": "Detail"},
         footer=[f"Resolution: {p.attrs['resolution']}; data: {p.attrs['source']}."])
