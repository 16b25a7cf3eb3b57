"""The revitalization monitor section: scorecard, index with rank intervals, targets."""

from __future__ import annotations

import pytest

from revitalize.report.blocks import Content, Missing, Paragraph, TableBlock
from revitalize.report.context import ReportContext
from revitalize.report.sections import SECTIONS
from revitalize.report.sections.monitor import LIGHTS, MONITOR


@pytest.fixture(scope="module")
def content() -> Content:
    return MONITOR.build(ReportContext())


def test_registered() -> None:
    assert "monitor" in [s.id for s in SECTIONS]


def test_scorecard_index_and_targets(content: Content) -> None:
    tables = [b for b in content.blocks if isinstance(b, TableBlock)]
    assert len(tables) == 3
    score, index, targets = tables
    assert len(score.rows) == 8  # every pillar, openness shown as "no data"
    assert any(c.en == "no data" for row in score.rows for c in row)
    assert [r[0].en for r in index.rows] == ["Liaoning", "Jilin", "Heilongjiang"]
    for row in index.rows:
        lo, hi = (int(x) for x in row[3].en.split("–"))
        assert 1 <= lo <= hi <= 31
    lights = {r[-1].en for r in targets.rows}
    assert lights <= {t.en for t in LIGHTS.values()} and len(lights) >= 2
    assert any(isinstance(b, Paragraph) for b in content.blocks)
    assert content.headline is not None and "rank among 31" in content.headline.en


def test_no_data_indicators_are_listed_as_missing(content: Content) -> None:
    missing = [b for b in content.blocks if isinstance(b, Missing)]
    assert len(missing) == 1
    assert "customs" in missing[0].what.en and "森林覆盖率" in missing[0].what.zh
