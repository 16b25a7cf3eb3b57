"""Render the report into one self-contained bilingual HTML file.

:func:`build_report` runs every section of :data:`~revitalize.report.sections.SECTIONS`,
serialises the figures (one per language) as JSON and fills the Jinja2 template
``templates/report.html.j2``. plotly.js is embedded once, inline; the page loads nothing
from the network (no CDN scripts, web fonts or map tiles). Figures are drawn by
``Plotly.newPlot`` when their language is first shown, so hidden plots never need
resizing. The file is written atomically (temporary file, then rename).
"""

from __future__ import annotations

import datetime as _dt
import json
import os
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import jinja2

from revitalize import __version__
from revitalize.report.blocks import Card, Content, FigureBlock, Missing, Paragraph, TableBlock
from revitalize.report.context import ReportContext
from revitalize.report.i18n import LANGS, STRINGS, Text
from revitalize.report.sections import SECTIONS, Section

__all__ = ["RenderedSection", "build_report", "figure_json", "render_html"]

Progress = Callable[[str], None]


@dataclass
class RenderedSection:
    """A section's content ready for the template."""

    id: str
    title: Text
    headline: Text | None
    blocks: list[dict[str, Any]] = field(default_factory=list)


@cache
def _plotlyjs() -> str:
    from plotly.offline import get_plotlyjs

    js: str = get_plotlyjs()
    return js


def _env() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.PackageLoader("revitalize.report", "templates"),
        autoescape=jinja2.select_autoescape(["html", "j2"]),
        trim_blocks=True,
        lstrip_blocks=True,
    )


def figure_json(fig: Any, templates: dict[str, str]) -> str:
    """Serialise a plotly figure to JSON safe to embed in a ``<script>`` element.

    The figure's layout template is moved into ``templates`` (keyed by a short id) so
    that a template shared by many figures is embedded only once; the figure keeps a
    reference ``"_tpl"`` that the page's script resolves.
    """
    import plotly.io as pio

    spec = json.loads(pio.to_json(fig, validate=False))
    tpl = spec.get("layout", {}).pop("template", None)
    if tpl is not None:
        text = json.dumps(tpl, separators=(",", ":"), ensure_ascii=False)
        key = next((k for k, v in templates.items() if v == text), f"t{len(templates)}")
        templates[key] = text
        spec["_tpl"] = key
    return _script_safe(json.dumps(spec, separators=(",", ":"), ensure_ascii=False))


def _script_safe(text: str) -> str:
    """Escape ``<`` as ``\\u003c`` so JSON cannot close or comment out its script element."""
    return text.replace("<", "\\u003c")


def _block(block: object, templates: dict[str, str]) -> dict[str, Any]:
    if isinstance(block, FigureBlock):
        figs = {lang: figure_json(block.figures[lang], templates) for lang in LANGS}
        return {"kind": "figure", "id": block.id, "figs": figs, "sources": block.sources,
                "notes": block.notes}
    if isinstance(block, TableBlock):
        return {"kind": "table", "header": block.header, "rows": block.rows,
                "sources": block.sources, "caption": block.caption}
    if isinstance(block, Card):
        return {"kind": "card", "card": block}
    if isinstance(block, Paragraph):
        return {"kind": "paragraph", "text": block.text}
    if isinstance(block, Missing):
        return {"kind": "missing", "text": block.what}
    raise TypeError(f"Unknown report block {type(block).__name__}")


def _group_cards(blocks: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Merge consecutive card blocks into one ``cards`` block (laid out as a grid)."""
    out: list[dict[str, Any]] = []
    for b in blocks:
        if b["kind"] == "card" and out and out[-1]["kind"] == "cards":
            out[-1]["cards"].append(b["card"])
        elif b["kind"] == "card":
            out.append({"kind": "cards", "cards": [b["card"]]})
        else:
            out.append(b)
    return out


def render_section(
    section: Section, content: Content, templates: dict[str, str]
) -> RenderedSection:
    """Turn a section's :class:`Content` into template data."""
    blocks = _group_cards([_block(b, templates) for b in content.blocks])
    return RenderedSection(section.id, section.title, content.headline, blocks)


def render_html(
    rendered: Sequence[RenderedSection],
    *,
    lang: str,
    templates: dict[str, str],
    citations: Sequence[tuple[Text, str]],
    generated: str,
) -> str:
    """Fill the page template; returns the complete HTML text."""
    headline = next((r.headline for r in rendered if r.headline is not None), None)
    return _env().get_template("report.html.j2").render(
        lang=lang,
        langs=LANGS,
        s=STRINGS,
        sections=rendered,
        headline=headline,
        plotlyjs=_plotlyjs(),
        templates_json=_script_safe(
            "{" + ",".join(f'"{k}":{v}' for k, v in templates.items()) + "}"
        ),
        citations=citations,
        generated=generated,
        version=__version__,
    )


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            fh.write(text)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o666 & ~umask)  # mkstemp creates 0600; give the usual file mode
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_report(
    output: Path,
    lang: str = "zh",
    progress: Progress | None = None,
    *,
    sections: Sequence[Section] | None = None,
) -> Path:
    """Build the report and write it to ``output`` as one self-contained HTML file.

    Parameters
    ----------
    output
        Path of the HTML file to write (parent folders are created).
    lang
        Language shown first: ``"zh"`` or ``"en"``; the page has a switch for the other.
    progress
        Called with a short label before each step (one per section, then
        ``"html"`` and ``"write"``).
    sections
        Sections to render (default: :data:`~revitalize.report.sections.SECTIONS`).

    Returns
    -------
    pathlib.Path
        ``output``.

    Raises
    ------
    ValueError
        If ``lang`` is neither ``"zh"`` nor ``"en"``.
    """
    if lang not in LANGS:
        raise ValueError(f"lang must be one of {LANGS}, not {lang!r}")
    step = progress or (lambda _label: None)
    ctx = ReportContext()
    templates: dict[str, str] = {}
    rendered = []
    for section in sections if sections is not None else SECTIONS:
        step(section.id)
        rendered.append(render_section(section, section.build(ctx), templates))
    step("html")
    citations = [
        (Text(info.title_zh or info.id, info.title_en or info.id), info.citation())
        for ds in ctx.used
        if (info := ctx.info(ds)) is not None
    ]
    generated = _dt.datetime.now().astimezone().strftime("%Y-%m-%d %H:%M %Z").strip()
    html = render_html(rendered, lang=lang, templates=templates, citations=citations,
                       generated=generated)
    step("write")
    output = Path(output)
    _write_atomic(output, html)
    return output
