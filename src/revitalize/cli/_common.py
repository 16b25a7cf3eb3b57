"""Shared CLI plumbing: error handling, output formats, consoles."""

from __future__ import annotations

import functools
import json
import sys
import traceback
from collections.abc import Callable
from enum import StrEnum
from typing import Any, ParamSpec, TypeVar

import pandas as pd
import typer
from rich.console import Console
from rich.table import Table

from revitalize.exceptions import InputError, RevitalizeError

STATE: dict[str, bool] = {"debug": False}
out = Console(soft_wrap=True)
err = Console(stderr=True, soft_wrap=True)

P = ParamSpec("P")
R = TypeVar("R")


class Format(StrEnum):
    """Output format of commands that print results."""

    table = "table"
    csv = "csv"
    json = "json"


class Lang(StrEnum):
    """Display language."""

    zh = "zh"
    en = "en"


FORMAT_OPT = typer.Option(Format.table, "--format", "-f", help="Output format.")
LANG_OPT = typer.Option(Lang.en, "--lang", help="Language of names in tables.")

# Free-text columns may wrap in tables; codes, numbers and units never do.
_WRAP = {
    "name",
    "source",
    "title_en",
    "title_zh",
    "origin",
    "licence",
    "en",
    "zh",
    "aliases",
    "coverage",
    "value_text",
    "params",
}

EXIT_INPUT = 2
EXIT_FAILURE = 1


def handle_errors(fn: Callable[P, R]) -> Callable[P, R]:
    """Print one clear message for known errors; exit 2 for bad input, 1 otherwise."""

    @functools.wraps(fn)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        try:
            return fn(*args, **kwargs)
        except InputError as exc:
            if STATE["debug"]:
                traceback.print_exc()
            err.print(f"[bold red]Error:[/] {exc.message}", highlight=False)
            if exc.hint:
                err.print(f"[yellow]Hint:[/] {exc.hint}", highlight=False)
            raise typer.Exit(EXIT_INPUT) from None
        except RevitalizeError as exc:
            if STATE["debug"]:
                traceback.print_exc()
            err.print(f"[bold red]Error:[/] {exc}", highlight=False)
            raise typer.Exit(EXIT_FAILURE) from None
        except (typer.Exit, typer.Abort, KeyboardInterrupt):
            raise
        except BrokenPipeError:  # output piped into `head` and closed early: not an error
            import os

            devnull = os.open(os.devnull, os.O_WRONLY)
            os.dup2(devnull, sys.stdout.fileno())
            raise typer.Exit(0) from None
        except Exception as exc:  # a bug: say so plainly, keep the traceback for --debug
            if STATE["debug"]:
                raise
            err.print(
                f"[bold red]Internal error:[/] {type(exc).__name__}: {exc}",
                highlight=False,
            )
            err.print("Run again with --debug for the traceback and report it.")
            raise typer.Exit(EXIT_FAILURE) from None

    return wrapper


def _fmt_value(v: Any) -> str:
    """Numbers with thousands separators; two decimals from 1,000 up, four below."""
    if isinstance(v, float):
        if pd.isna(v):
            return "—"
        if abs(v) < 0.01 and v != 0:
            return f"{v:.4g}"
        decimals = 2 if abs(v) >= 1000 else 4
        return f"{v:,.{decimals}f}".rstrip("0").rstrip(".")
    return str(v)


def emit(
    df: pd.DataFrame,
    fmt: Format,
    *,
    title: str = "",
    columns: list[str] | None = None,
    table_columns: dict[str, str] | None = None,
    footer: list[str] | None = None,
) -> None:
    """Print a frame as a Rich table, CSV or JSON records.

    ``columns`` are the machine-readable columns (csv/json); ``table_columns`` maps
    frame columns to headers for the table view.
    """
    cols = columns or list(df.columns)
    if fmt == Format.csv:
        df[cols].to_csv(sys.stdout, index=False, lineterminator="\n")
        return
    if fmt == Format.json:
        records = json.loads(df[cols].to_json(orient="records", force_ascii=False))
        sys.stdout.write(json.dumps(records, ensure_ascii=False, indent=1) + "\n")
        return
    tcols = table_columns or {c: c for c in cols}
    t = Table(title=title or None, show_lines=False, header_style="bold")
    for c, head in tcols.items():
        numeric = pd.api.types.is_numeric_dtype(df[c]) if c in df else False
        t.add_column(
            head,
            justify="right" if numeric else "left",
            overflow="fold",
            no_wrap=c not in _WRAP,
        )
    for row in df[list(tcols)].itertuples(index=False):
        t.add_row(*[_fmt_value(v) for v in row])
    out.print(t)
    for line in footer or []:
        out.print(line, highlight=False, style="dim")
