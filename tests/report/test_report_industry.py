"""The industry section: key sectors, multipliers, MRIO leakage and CO2 intensity (2020)."""

from __future__ import annotations

import time
from typing import Any

import numpy as np
import pandas as pd
import pytest

from revitalize.data import io_tables
from revitalize.exceptions import DatasetNotFoundError, InputError
from revitalize.inputoutput.analysis import key_sectors
from revitalize.inputoutput.table import IOTable
from revitalize.report import figures
from revitalize.report.blocks import Content, FigureBlock, Missing, Paragraph, TableBlock
from revitalize.report.context import ReportContext
from revitalize.report.i18n import Text
from revitalize.report.sections import SECTIONS
from revitalize.report.sections import industry_data as data
from revitalize.report.sections.industry import INDUSTRY

NE3 = ("210000", "220000", "230000")
NAMES = {"210000": ("辽宁", "Liaoning"), "220000": ("吉林", "Jilin"),
         "230000": ("黑龙江", "Heilongjiang")}


@pytest.fixture(scope="module")
def models() -> data.IOModels:
    return data.load_models()


@pytest.fixture(scope="module")
def content() -> Content:
    return INDUSTRY.build(ReportContext())


def figure_ids(c: Content) -> list[str]:
    return [b.id for b in c.blocks if isinstance(b, FigureBlock)]


def all_text(c: Content, lang: str) -> str:
    parts: list[str] = [c.headline.get(lang)] if c.headline else []
    for b in c.blocks:
        if isinstance(b, Paragraph):
            parts.append(b.text.get(lang))
        elif isinstance(b, TableBlock):
            parts += [cell.get(lang) for row in b.rows for cell in row]
        elif isinstance(b, Missing):
            parts.append(b.what.get(lang))
    return "\n".join(parts)


def test_registered_after_the_sector_structure() -> None:
    ids = [s.id for s in SECTIONS]
    assert ids[ids.index("structure") + 1] == "industry"
    assert INDUSTRY.title == Text("产业结构与产业链", "Industrial structure and chains")


def test_section_builds_with_every_part_and_no_missing_data(content: Content) -> None:
    assert figure_ids(content) == ["io-key-sectors", "io-multipliers", "io-leakage", "io-co2"]
    assert content.missing == []
    for b in content.blocks:
        if isinstance(b, FigureBlock):
            assert b.sources and b.notes, b.id
            assert any("ionet" in s.en for s in b.sources), b.id
            assert any("estimate" in n.en for n in b.notes), b.id
            assert set(b.figures) == {"zh", "en"}
            assert {t.type for lang in ("zh", "en") for t in b.figures[lang].data} <= {
                "scatter", "bar"}
    co2 = next(b for b in content.blocks if isinstance(b, FigureBlock) and b.id == "io-co2")
    assert any("CEADs" in s.en for s in co2.sources)


def test_three_provinces_and_their_key_sectors_are_named(
    content: Content, models: data.IOModels
) -> None:
    assert set(models.tables) == set(NE3)
    zh, en = all_text(content, "zh"), all_text(content, "en")
    for code, (name_zh, name_en) in NAMES.items():
        assert name_zh in zh and name_en in en
        ks = key_sectors(models.tables[code])
        key = ks[ks["class"] == "key"]
        assert len(key) > 0
        line = next(b.text for b in content.blocks if isinstance(b, Paragraph)
                    and b.text.en.startswith(f"Key sectors of {name_en} "))
        for sector in key.index:
            assert str(key.at[sector, "name_zh"]) in line.zh
            assert data.SHORT_EN[str(sector)] in line.en
    assert content.headline is not None
    assert content.headline.zh.startswith("辽宁") and "Liaoning" in content.headline.en


def test_leakage_shares_sum_to_one_per_province(content: Content, models: data.IOModels) -> None:
    assert models.national is not None
    lk = data.leakage_shares(models.tables, models.national)
    assert list(lk.index) == list(NE3)
    np.testing.assert_allclose(lk[["intra", "other_regions", "rest"]].sum(axis=1), 1.0,
                               rtol=1e-12)
    assert (lk[["intra", "other_regions", "rest"]] > 0).all().all() and (lk["rest"] < 1).all()
    table = next(b for b in content.blocks if isinstance(b, TableBlock)
                 and b.caption is not None and "leakage" in b.caption.en)
    for row in table.rows:
        assert sum(float(cell.en) for cell in row[1:4]) == pytest.approx(100.0, abs=0.15)
    outside = f"{round(100 * float(lk.at['210000', 'rest']))}%"
    assert content.headline is not None and outside in content.headline.en


def test_co2_intensity_in_tonnes_per_10k_yuan(models: data.IOModels) -> None:
    df = data.co2_frame(models.tables)
    t = models.tables["210000"]
    assert data.co2_year(t) == 2019 and t.satellite_units["co2"] == "Mt CO2"
    direct = df[(df.region == "210000") & (df.panel == "direct")].set_index("item")["value"]
    total = df[(df.region == "210000") & (df.panel == "total")].set_index("item")["value"]
    expected = 1e6 * t.satellites.loc["co2", "24"] / t.x["24"]  # Mt -> t; x in CNY 10k
    assert direct["24"] == pytest.approx(expected)
    assert (total >= direct - 1e-12).all()  # total includes the supply chain


def test_section_is_fast() -> None:
    INDUSTRY.build(ReportContext())
    t0 = time.perf_counter()
    INDUSTRY.build(ReportContext())
    assert time.perf_counter() - t0 < 2.0


def test_missing_national_table_gives_a_notice(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*_: Any, **__: Any) -> IOTable:
        raise DatasetNotFoundError("io_china_2020_42")

    monkeypatch.setattr(IOTable, "from_nbs", refuse)
    c = INDUSTRY.build(ReportContext())
    assert figure_ids(c) == [] and c.headline is None
    assert len(c.missing) == 1 and "io_china_2020_42" in c.missing[0].what.en
    assert c.missing[0].what.zh.startswith("数据缺失")


def test_missing_province_keeps_the_others(monkeypatch: pytest.MonkeyPatch) -> None:
    real = data.provincial_table

    def no_hl(province: str, *args: Any, **kwargs: Any) -> IOTable:
        if province == "230000":
            raise DatasetNotFoundError("gdp")
        return real(province, *args, **kwargs)

    monkeypatch.setattr(data, "provincial_table", no_hl)
    c = INDUSTRY.build(ReportContext())
    assert figure_ids(c) == ["io-key-sectors", "io-multipliers", "io-co2"]
    missing = [m.what.en for m in c.missing]
    assert any("Heilongjiang" in m and "gdp" in m for m in missing)
    assert any("MRIO" in m for m in missing)
    assert c.headline is not None and "outside the Northeast" not in c.headline.en


def test_missing_provincial_co2_is_not_replaced(monkeypatch: pytest.MonkeyPatch) -> None:
    real = io_tables.co2_by_io_sector

    def national_only(year: int, region: str = "100000") -> tuple[pd.Series, pd.Series, int]:
        if region != "100000":
            raise InputError(f"No CO2 for {region}.")
        return real(year, region)

    monkeypatch.setattr(io_tables, "co2_by_io_sector", national_only)
    c = INDUSTRY.build(ReportContext())
    assert "io-co2" not in figure_ids(c) and "io-leakage" in figure_ids(c)
    assert sum("io_co2_by_sector_42" in m.what.en for m in c.missing) == 3


def test_category_grid_and_dot_panels_figures() -> None:
    df = pd.DataFrame({"region": ["210000", "220000"], "item": ["a", "b"],
                       "category": ["key", "weak"], "backward": [1.2, 0.8],
                       "forward": [1.1, 0.9]})
    cats = {"key": Text("关键", "Key"), "weak": Text("弱", "Weak")}
    rows = {"a": Text("甲", "A"), "b": Text("乙", "B")}
    fig = figures.category_grid_figure(df, rows=rows, categories=cats, colours={}, lang="en",
                                       title=Text("t", "t"), hover={"backward": Text("b", "b")})
    assert [t.name for t in fig.data] == ["Key", "Weak"]
    assert list(fig.data[0].x) == ["Liaoning"] and list(fig.data[0].y) == ["A"]
    assert list(fig.layout.yaxis.categoryarray) == ["B", "A"]  # first item on top
    tidy = pd.DataFrame({"region": ["210000", "210000", "100000"], "panel": ["p", "q", "p"],
                         "item": ["a", "a", "a"], "value": [1.5, 2.0, 3.0]})
    dots = figures.dot_panels_figure(tidy, panels={"p": Text("P", "P"), "q": Text("Q", "Q")},
                                     items=rows, title=Text("t", "t"), x_title=Text("x", "x"),
                                     lang="zh", log_x=True)
    assert [(t.name, t.showlegend) for t in dots.data] == [("辽宁", True), ("辽宁", False),
                                                           ("全国", True)]
    assert dots.layout.xaxis.type == "log" and dots.layout.xaxis2.type == "log"
    assert dots.data[2].marker.symbol == "diamond-open"
