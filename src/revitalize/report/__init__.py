"""Report layer: tables, figures and maps of the monitored region, as one HTML file.

The entry point is :func:`revitalize.report.render.build_report`; the page is assembled
from the sections in :data:`revitalize.report.sections.SECTIONS`.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

__all__ = ["build_report"]

if TYPE_CHECKING:
    from collections.abc import Callable


def build_report(
    output: Path, lang: str = "zh", progress: Callable[[str], None] | None = None
) -> Path:
    """Build the HTML report; see :func:`revitalize.report.render.build_report`."""
    from revitalize.report.render import build_report as _build

    return _build(output, lang, progress)
