"""The power system outlook section: backcast, capped 2035 plan, dispatch weeks, failures."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd
import pytest

from revitalize.energy.diagnostics import InfeasibleScenarioError
from revitalize.exceptions import DatasetNotFoundError
from revitalize.report.blocks import Content, FigureBlock, Paragraph, TableBlock
from revitalize.report.context import ReportContext
from revitalize.report.i18n import Text
from revitalize.report.sections import SECTIONS
from revitalize.report.sections import energy_outlook_data as data
from revitalize.report.sections.energy_outlook import (
    ENERGY_OUTLOOK,
    comparison_rows,
    headline,
)
from revitalize.report.sections.energy_outlook_figures import comparison_figure, dispatch_figure

NE3 = ("210000", "220000", "230000")
PARTS = ["energy-backcast", "energy-capacity", "energy-dispatch"]


@pytest.fixture(scope="module")
def runs() -> data.OutlookRuns:
    pytest.importorskip("pypsa")
    return data.run_models()


@pytest.fixture(scope="module")
def built(runs: data.OutlookRuns) -> tuple[Content, float]:
    """The section built from the module's model runs (solved once), and its build time."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(data, "run_models", lambda: runs)
        t0 = time.perf_counter()
        content = ENERGY_OUTLOOK.build(ReportContext())
    return content, runs.seconds + time.perf_counter() - t0


@pytest.fixture(scope="module")
def content(built: tuple[Content, float]) -> Content:
    return built[0]


def figure_ids(c: Content) -> list[str]:
    return [b.id for b in c.blocks if isinstance(b, FigureBlock)]


def figure(c: Content, fig_id: str) -> FigureBlock:
    return next(b for b in c.blocks if isinstance(b, FigureBlock) and b.id == fig_id)


def tables(c: Content) -> list[TableBlock]:
    return [b for b in c.blocks if isinstance(b, TableBlock)]


def test_registered_after_power() -> None:
    ids = [s.id for s in SECTIONS]
    assert ids[ids.index("power") + 1] == "energy_outlook"
    assert ENERGY_OUTLOOK.title == Text("电力系统展望", "Power system outlook")


def test_section_has_the_four_parts(content: Content) -> None:
    assert figure_ids(content) == PARTS
    assert content.missing == []
    for fid in PARTS:
        b = figure(content, fid)
        assert set(b.figures) == {"zh", "en"}
        assert any("PyPSA-China" in s.en for s in b.sources), fid
        assert any("National Bureau of Statistics" in s.en for s in b.sources), fid
        assert all(n.zh and n.en for n in b.notes), fid
    [table] = tables(content)
    assert table.caption is not None and "Curtailment" in table.caption.en
    assert [r[0].en for r in table.rows][:3] == ["Liaoning", "Jilin", "Heilongjiang"]
    assert table.rows[-1][0].en == "Modelled region"
    assert float(table.rows[-1][-1].en) == pytest.approx(data.CO2_CAP_MT, abs=0.1)  # cap binds
    paragraphs = [b.text for b in content.blocks if isinstance(b, Paragraph)]
    assert any("docs/energy.md" in p.en and "docs/energy.md" in p.zh for p in paragraphs)
    assert any("not a forecast" in p.en and "不是预测" in p.zh for p in paragraphs)


def test_headline_in_both_languages(content: Content, runs: data.OutlookRuns) -> None:
    h = content.headline
    assert h is not None
    assert h.zh.startswith("示意情景（非预测）") and "1.5亿吨" in h.zh and "吉瓦" in h.zh
    assert h.en.startswith("Illustrative scenario, not a forecast") and "150 Mt" in h.en
    assert runs.plan is not None and runs.plan.co2_price is not None
    assert runs.plan.co2_price > 0  # the cap binds
    assert f"{runs.plan.co2_price:.0f} CNY/t" in h.en
    wind = runs.plan.results.capacity["wind"].sum() / 1e3
    assert f"to {wind:,.0f} GW" in h.en


def test_backcast_comparison_names_missing_series(content: Content,
                                                  runs: data.OutlookRuns) -> None:
    assert runs.base is not None
    rows = comparison_rows(runs.base)
    assert set(rows["region"]) == set(NE3)
    wind = rows[rows["source"] == "wind"]
    assert wind["reported"].isna().all() and (wind["modelled"] > 0).all()
    nuclear = rows[rows["source"] == "nuclear"].set_index("region")["reported"]
    assert nuclear["220000"] == 0.0 and nuclear["230000"] == 0.0  # no plant: not missing
    notes = figure(content, "energy-backcast").notes
    ln = next(n for n in notes if n.en.startswith("Liaoning, wind"))
    assert ln.zh.startswith("辽宁风电") and "缺失" in ln.zh and "TWh year-to-date" in ln.en
    assert not any("Jilin, nuclear" in n.en for n in notes)
    en = figure(content, "energy-backcast").figures["en"]
    reported = [t for t in en.data if t.name == "Reported"]
    assert len(reported) == 3 and all("missing" in list(t.text) for t in reported)


def test_dispatch_weeks_balance(runs: data.OutlookRuns) -> None:
    assert runs.base is not None
    for first, last in data.WEEKS.values():
        f = data.dispatch_frame(runs.base.network, NE3, first, last)
        assert len(f) == 7 * 24 // data.DISPATCH_HOURS
        supply = f.drop(columns="load").sum(axis=1)
        np.testing.assert_allclose(supply, f["load"], rtol=1e-6, atol=1e-3)
        assert (f["coal"] > 0).all()


def test_section_fits_its_time_budget(built: tuple[Content, float]) -> None:
    assert built[1] < 20.0  # measured ~11 s on 2 cores; the budget is 15 s


# ------------------------------------------------------------------------- failures
def _raise(exc: BaseException) -> Any:
    def run(*_: Any, **__: Any) -> Any:
        raise exc

    return run


@pytest.mark.parametrize(
    "exc",
    [InfeasibleScenarioError(["CO2 cap below must-run emissions"], "raise the cap"),
     DatasetNotFoundError("energy_costs"), ImportError("No module named 'pypsa'")],
)
def test_failed_runs_show_a_notice(monkeypatch: pytest.MonkeyPatch, exc: BaseException) -> None:
    monkeypatch.setattr(data, "run_base", _raise(exc))
    monkeypatch.setattr(data, "run_plan", _raise(exc))
    c = ENERGY_OUTLOOK.build(ReportContext())
    assert figure_ids(c) == [] and tables(c) == [] and c.headline is None
    assert len(c.missing) == 2
    for m in c.missing:
        assert "Power-system model result missing" in m.what.en and "电力系统模型" in m.what.zh
    if isinstance(exc, ImportError):
        assert "PyPSA is not installed" in c.missing[0].what.en
        assert "未安装 PyPSA" in c.missing[0].what.zh


def test_pypsa_missing_at_network_build(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(data, "build_network", _raise(ImportError("No module named 'pypsa'")))
    c = ENERGY_OUTLOOK.build(ReportContext())
    assert figure_ids(c) == [] and c.headline is None
    assert [("2023 backcast" in m.what.en, "2035" in m.what.en) for m in c.missing] == [
        (True, False), (False, True)]


def test_failed_plan_keeps_the_backcast(monkeypatch: pytest.MonkeyPatch,
                                        runs: data.OutlookRuns) -> None:
    base = runs.base
    monkeypatch.setattr(data, "run_base", lambda: base)
    monkeypatch.setattr(data, "run_plan", _raise(InfeasibleScenarioError(["no way"], "")))
    c = ENERGY_OUTLOOK.build(ReportContext())
    assert figure_ids(c) == ["energy-backcast", "energy-dispatch"] and c.headline is None
    [m] = c.missing
    assert "2035" in m.what.en and "could not be solved" in m.what.en
    [table] = tables(c)
    assert table.rows[0][1].en == "–" and table.rows[0][-1].en == "–"
    assert headline(data.OutlookRuns(base=base)) is None


# --------------------------------------------------------------------- figure builders
def test_comparison_figure_labels_missing_reported_values() -> None:
    df = pd.DataFrame({"region": ["210000", "210000"], "source": ["a", "b"],
                       "modelled": [1.0, 2.0], "reported": [1.5, np.nan]})
    fig = comparison_figure(df, categories={"a": Text("甲", "A"), "b": Text("乙", "B")},
                            series={"modelled": Text("模型", "Model"),
                                    "reported": Text("统计", "Reported")},
                            title=Text("t", "t"), y_title=Text("y", "y"), lang="en",
                            order=["210000", "220000"], missing=Text("缺失", "missing"))
    assert [t.name for t in fig.data] == ["Model", "Reported"]
    rep = fig.data[1]
    assert list(rep.y) == [1.5, 0.0] and list(rep.text) == ["", "missing"]
    assert list(rep.hovertext) == ["1.5", "missing"]


def test_dispatch_figure_stacks_negatives_apart() -> None:
    idx = pd.date_range("2023-01-16", periods=4, freq="3h")
    w = pd.DataFrame({"coal": [5.0, 5.0, 5.0, 5.0], "imports": [1.0, -2.0, 0.0, 0.0],
                      "gas": 0.0, "load": [6.0, 3.0, 5.0, 5.0]}, index=idx)
    fig = dispatch_figure({"winter": w}, panels={"winter": Text("冬", "Winter")},
                          labels={"coal": Text("煤", "Coal"), "gas": Text("气", "Gas"),
                                  "imports": Text("调入", "Imports")},
                          load=Text("负荷", "Load"), title=Text("t", "t"),
                          y_title=Text("GW", "GW"), lang="en", scale=1.0)
    names = [(t.name, t.stackgroup) for t in fig.data]
    assert names == [("Coal", "pos0"), ("Imports", "pos0"), ("Imports", "neg0"), ("Load", None)]
    assert list(fig.data[1].y) == [1.0, 0.0, 0.0, 0.0]
    assert list(fig.data[2].y) == [0.0, -2.0, 0.0, 0.0] and fig.data[2].showlegend is False
