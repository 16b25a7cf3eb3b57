"""``revitalize report``: write the Northeast report (self-contained HTML, zh/en)."""

from __future__ import annotations

from pathlib import Path

import typer
from rich.progress import BarColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

from revitalize.cli._common import Lang, handle_errors, out


@handle_errors
def report(
    output: Path = typer.Option(
        Path("northeast-report.html"), "--output", "-o", help="HTML file to write."
    ),
    lang: Lang = typer.Option(Lang.zh, "--lang", help="Initial language of the page."),
) -> None:
    """Write the Northeast China report: one self-contained HTML file (中文/English)."""
    from revitalize.report.render import build_report
    from revitalize.report.sections import SECTIONS

    with Progress(
        SpinnerColumn(),
        TextColumn("{task.description}"),
        BarColumn(),
        TextColumn("{task.completed}/{task.total}"),
        TimeElapsedColumn(),
        transient=True,
    ) as bar:
        task = bar.add_task("Building report", total=len(SECTIONS) + 2)

        def step(label: str) -> None:
            bar.update(task, advance=1, description=label)

        path = build_report(output, lang=lang.value, progress=step)
    out.print(f"Report written to {path}")
