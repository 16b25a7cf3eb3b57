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
    assert len(tables) == 4
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


def test_robustness_table(content: Content) -> None:
    """Five checks x (provinces, prefectures) x (2010, 2020), rho in [-1, 1]; the 2010 vs
    2020 check has a value only in the 2010 columns."""
    table = [b for b in content.blocks if isinstance(b, TableBlock)][2]
    assert "Robustness" in table.caption.en and "稳健性" in table.caption.zh
    assert len(table.rows) == 5 and all(len(r) == 5 for r in table.rows)
    cells = {r[0].en: [c.en for c in r[1:]] for r in table.rows}
    reflections = cells["Eigenvector vs reflections (18)"]
    assert all(0.9 <= float(v) <= 1.0 for v in reflections)  # same ranking, two methods
    years = cells["2010 vs 2020 (common locations)"]
    assert years[1] == years[3] == "—" and all(-1 <= float(years[i]) <= 1 for i in (0, 2))
    for row in cells.values():
        assert all(v == "—" or -1.0 <= float(v) <= 1.0 for v in row)
