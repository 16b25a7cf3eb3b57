"""The complexity section: activity space, ECI over time, prefectures, opportunities."""

from __future__ import annotations

import numpy as np
import pytest

from revitalize.report.blocks import Content, FigureBlock, Missing, Paragraph, TableBlock
from revitalize.report.context import ReportContext
from revitalize.report.sections import SECTIONS
from revitalize.report.sections.complexity import COMPLEXITY, activity_space_positions


@pytest.fixture(scope="module")
def content() -> Content:
    return COMPLEXITY.build(ReportContext())


def test_registered() -> None:
    assert COMPLEXITY in SECTIONS


def test_blocks_and_bilingual_text(content: Content) -> None:
    figs = [b for b in content.blocks if isinstance(b, FigureBlock)]
    assert [f.id for f in figs] == ["complexity-space", "complexity-eci-fai",
                                   "complexity-feasibility"]
    assert all(set(f.figures) == {"zh", "en"} for f in figs)
    tables = [b for b in content.blocks if isinstance(b, TableBlock)]
    assert len(tables) == 3
    # every caption states the resolution
    assert all("resolution" in t.caption.en and "分辨率" in t.caption.zh
               for t in tables if t.caption)
    prefs = tables[1]
    assert len(prefs.rows) >= 36  # Liaoning 14 + Jilin 9 + Heilongjiang 13
    assert not [b for b in content.blocks if isinstance(b, Missing)]
    text = " ".join(b.text.en for b in content.blocks if isinstance(b, Paragraph))
    assert "Resolution" in text and "not separable" in text
    assert content.headline is not None and "section resolution" in content.headline.en


def test_activity_space_network_has_19_sections(content: Content) -> None:
    fig = next(b for b in content.blocks if isinstance(b, FigureBlock)).figures["en"]
    nodes = fig.data[1]
    assert len(nodes.x) == 19


def test_mds_positions_recover_a_line() -> None:
    # three activities on a line: 1-phi distances 0.2, 0.2, 0.4 -> collinear positions
    phi = 1 - np.array([[0, 0.2, 0.4], [0.2, 0, 0.2], [0.4, 0.2, 0]])
    pos = activity_space_positions(phi)
    d = np.linalg.norm(pos[:, None] - pos[None, :], axis=2)
    assert np.allclose(d, 1 - phi, atol=1e-9)
