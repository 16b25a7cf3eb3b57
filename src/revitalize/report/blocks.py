"""Building blocks of report sections: the section record and its rendered content.

A :class:`Section` has an id, a bilingual title and a ``build`` function that turns a
:class:`~revitalize.report.context.ReportContext` into :class:`Content`: an optional
headline sentence and a list of blocks (figures, tables, key-figure cards, paragraphs
and notices of missing series). The renderer knows how to show each block type.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from revitalize.report.i18n import Text, t

if TYPE_CHECKING:
    from revitalize.report.context import ReportContext

__all__ = ["Block", "Card", "Content", "FigureBlock", "Missing", "Paragraph", "Section",
           "TableBlock", "missing_text"]


@dataclass(frozen=True)
class FigureBlock:
    """A plotly figure drawn once per language.

    Attributes
    ----------
    id
        Unique id of the figure within the report (used for the HTML element ids).
    figures
        ``{"zh": Figure, "en": Figure}``.
    sources
        Source lines shown under the figure.
    notes
        Further notes (e.g. how a national total was formed).
    """

    id: str
    figures: dict[str, Any]
    sources: tuple[Text, ...] = ()
    notes: tuple[Text, ...] = ()


@dataclass(frozen=True)
class TableBlock:
    """A small table; every cell is bilingual."""

    header: tuple[Text, ...]
    rows: tuple[tuple[Text, ...], ...]
    sources: tuple[Text, ...] = ()
    caption: Text | None = None


@dataclass(frozen=True)
class Card:
    """A key figure: label, value, a detail line and its source."""

    label: Text
    value: Text
    detail: Text
    sources: tuple[Text, ...] = ()


@dataclass(frozen=True)
class Paragraph:
    """A paragraph of running text."""

    text: Text


@dataclass(frozen=True)
class Missing:
    """A notice that a series the section needs is not available."""

    what: Text


Block = FigureBlock | TableBlock | Card | Paragraph | Missing


@dataclass
class Content:
    """What a section renders: an optional headline sentence and blocks."""

    headline: Text | None = None
    blocks: list[Block] = field(default_factory=list)

    def add(self, *blocks: Block) -> Content:
        """Append blocks and return ``self`` (for chaining)."""
        self.blocks.extend(blocks)
        return self

    @property
    def missing(self) -> list[Missing]:
        """The missing-series notices among the blocks."""
        return [b for b in self.blocks if isinstance(b, Missing)]


@dataclass(frozen=True)
class Section:
    """One section of the report.

    Attributes
    ----------
    id
        Stable identifier, used as the HTML anchor (``<section id=...>``).
    title
        Bilingual title.
    build
        Function of the report context returning the section's :class:`Content`.
    """

    id: str
    title: Text
    build: Callable[[ReportContext], Content]


def missing_text(what: Text) -> Missing:
    """A :class:`Missing` block whose text starts with "Series missing:"."""
    return Missing(t("missing") + what)
