"""The population outlook section: pyramids, working-age paths, dependency, backcast."""

from __future__ import annotations

import pytest

from revitalize.report.blocks import Content, FigureBlock, Missing, Paragraph, TableBlock
from revitalize.report.context import ReportContext
from revitalize.report.sections import SECTIONS
from revitalize.report.sections import population_outlook as po


@pytest.fixture(scope="module")
def content() -> Content:
    return po.POPULATION_OUTLOOK.build(ReportContext())


def test_registered_after_population() -> None:
    ids = [s.id for s in SECTIONS]
    assert ids.index("population_outlook") == ids.index("population") + 1


def test_section_has_pyramids_paths_table_and_backcast(content: Content) -> None:
    figs = {b.id: b for b in content.blocks if isinstance(b, FigureBlock)}
    assert set(figs) == {"population-pyramids", "population-working-age"}
    pyr = figs["population-pyramids"].figures["en"]
    # 3 provinces x 2 years x 2 sexes; males drawn to the left
    assert len(pyr.data) == 12 and min(pyr.data[0].x) < 0
    paths = figs["population-working-age"].figures["zh"]
    assert len(paths.data) == 3 * len(po.SCENARIOS)
    table = next(b for b in content.blocks if isinstance(b, TableBlock))
    assert len(table.rows) == 3 * len(po.SCENARIOS)
    assert any(isinstance(b, Paragraph) and "Backcast" in b.text.en for b in content.blocks)
    assert content.headline is not None and "15-64" in content.headline.en
    assert not content.missing


def test_missing_data_gives_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    import revitalize.population.model as model

    def broken(*_a: object, **_k: object) -> None:
        raise FileNotFoundError("census_population_age_sex.csv")

    monkeypatch.setattr(model, "project", broken)
    c = po.POPULATION_OUTLOOK.build(ReportContext())
    assert len(c.blocks) == 1 and isinstance(c.blocks[0], Missing)
