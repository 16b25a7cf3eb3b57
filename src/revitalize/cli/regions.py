"""``revitalize regions``: list and show regions and groups."""

from __future__ import annotations

import pandas as pd
import typer

from revitalize import regions as R
from revitalize.cli._common import FORMAT_OPT, Format, emit, handle_errors, out

app = typer.Typer(
    help="Regions: provinces, Northeast prefectures and groups.", no_args_is_help=True
)


@app.command("list")
@handle_errors
def list_(
    level: str = typer.Option(
        None, "--level", help="country, province or prefecture (default: all)."
    ),
    region: str = typer.Option(
        None, "--region", "-r", help="Only these regions or groups (e.g. northeast4)."
    ),
    fmt: Format = FORMAT_OPT,
) -> None:
    """List the regions in the registry."""
    df = R.table(level).reset_index()
    if level and df.empty:
        from revitalize.exceptions import InputError

        raise InputError(f"Unknown level {level!r}.", "Use country, province or prefecture.")
    if region:
        codes = [r.code for r in R.expand(region)]
        df = df.set_index("code").loc[codes].reset_index()
    emit(
        df,
        fmt,
        title="Regions",
        columns=[
            "code",
            "level",
            "parent",
            "iso",
            "abbr",
            "name_zh",
            "name_en",
            "pinyin",
            "aliases",
        ],
        table_columns={
            "code": "Code",
            "level": "Level",
            "iso": "ISO",
            "name_zh": "中文",
            "name_en": "English",
            "pinyin": "Pinyin",
        },
        footer=["Groups: " + ", ".join(g.id for g in R.GROUPS().values())],
    )


@app.command("show")
@handle_errors
def show(
    name: str = typer.Argument(..., help="Any name, code, alias or group."),
    fmt: Format = FORMAT_OPT,
) -> None:
    """Show one region (or group) and how it can be named."""
    if R.is_group(name):
        g = R.group(name)
        members = [R.resolve(c) for c in g.members]
        df = pd.DataFrame(
            [
                {"group": g.id, "code": m.code, "name_zh": m.short_zh, "name_en": m.name_en}
                for m in members
            ]
        )
        emit(
            df, fmt, title=f"{g.id}: {g.name_zh} / {g.name_en}", footer=[g.note] if g.note else None
        )
        return
    r = R.resolve(name)
    rec = {
        "code": r.code,
        "level": r.level,
        "parent": r.parent or "",
        "iso": r.iso or "",
        "abbr": r.abbr or "",
        "name_zh": r.name_zh,
        "short_zh": r.short_zh,
        "name_en": r.name_en,
        "pinyin": r.pinyin,
        "aliases": "; ".join(r.aliases),
    }
    if fmt != Format.table:
        emit(pd.DataFrame([rec]), fmt)
        return
    df = pd.DataFrame({"field": list(rec), "value": list(rec.values())})
    emit(df, fmt, title=f"{r.name_en} {r.name_zh}")
    children = [c for c in R.all_regions() if c.parent == r.code and c.level == "prefecture"]
    if children:
        out.print("Prefectures: " + ", ".join(f"{c.name_en} ({c.code})" for c in children))
