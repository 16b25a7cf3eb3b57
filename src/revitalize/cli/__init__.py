"""The ``revitalize`` command line (Typer + Rich).

Groups: ``regions``, ``data``, ``io``, ``energy``, ``report``. Errors print one
message (a traceback only with ``--debug``) and exit 2 for bad input, 1 for other
failures.
"""

from __future__ import annotations

import typer

from revitalize import __version__
from revitalize.cli import complexity, data, energy, io, monitor, population, regions
from revitalize.cli._common import STATE
from revitalize.cli.report import report

app = typer.Typer(
    name="revitalize",
    help="Monitor, diagnose and plan the revitalization of Northeast China.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)
app.add_typer(regions.app, name="regions")
app.add_typer(data.app, name="data")
app.add_typer(io.app, name="io")
app.add_typer(energy.app, name="energy")
app.add_typer(complexity.app, name="complexity")
app.add_typer(population.app, name="population")
app.add_typer(monitor.app, name="monitor")
app.command("report")(report)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"revitalize {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show tracebacks on errors."),
    version: bool = typer.Option(
        False, "--version", callback=_version, is_eager=True, help="Print the version."
    ),
) -> None:
    STATE["debug"] = debug


def main() -> None:
    """Console-script entry point."""
    app()
