"""Report sections and their registry.

The report is the list :data:`SECTIONS`, rendered in order. To add a section, write a
function ``build(ctx: ReportContext) -> Content`` (see
:mod:`revitalize.report.blocks` for the blocks it may return) and append
``Section(id, Text(zh, en), build)`` to :data:`SECTIONS`. A section that lacks data adds
a :class:`~revitalize.report.blocks.Missing` block instead of drawing anything.
"""

from __future__ import annotations

from revitalize.report.blocks import (
    Block,
    Card,
    Content,
    FigureBlock,
    Missing,
    Paragraph,
    Section,
    TableBlock,
)
from revitalize.report.sections.complexity import COMPLEXITY
from revitalize.report.sections.economy import GDP_TREND, MOMENTUM, STRUCTURE
from revitalize.report.sections.energy import CO2
from revitalize.report.sections.energy_outlook import ENERGY_OUTLOOK
from revitalize.report.sections.geography import MAP
from revitalize.report.sections.headline import SECTION as HEADLINE
from revitalize.report.sections.industry import INDUSTRY
from revitalize.report.sections.monitor import MONITOR
from revitalize.report.sections.population_outlook import POPULATION_OUTLOOK
from revitalize.report.sections.power import POWER
from revitalize.report.sections.society import POPULATION, RD

__all__ = [
    "SECTIONS",
    "Block",
    "Card",
    "Content",
    "FigureBlock",
    "Missing",
    "Paragraph",
    "Section",
    "TableBlock",
]

#: The report's sections, in page order.
SECTIONS: list[Section] = [
    HEADLINE,
    MONITOR,
    GDP_TREND,
    STRUCTURE,
    INDUSTRY,
    COMPLEXITY,
    MOMENTUM,
    POWER,
    ENERGY_OUTLOOK,
    RD,
    POPULATION,
    POPULATION_OUTLOOK,
    CO2,
    MAP,
]
