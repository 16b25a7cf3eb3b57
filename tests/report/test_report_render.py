"""The HTML report: builds, is self-contained, bilingual, and says when data are missing."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from plotly.offline import get_plotlyjs

from revitalize.data import loaders
from revitalize.exceptions import DatasetNotFoundError
from revitalize.report.i18n import fmt_number
from revitalize.report.render import build_report, figure_json
from revitalize.report.sections import SECTIONS
from revitalize.units import convert

SECTION_RE = re.compile(r'<section class="report-section" id="([a-z_0-9]+)".*?</section>', re.S)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, float, list[str]]:
    steps: list[str] = []
    out = tmp_path_factory.mktemp("report") / "sub" / "report.html"
    t0 = time.perf_counter()
    path = build_report(out, lang="zh", progress=steps.append)
    seconds = time.perf_counter() - t0
    return path, path.read_text("utf-8"), seconds, steps


def sections_of(html: str) -> dict[str, str]:
    return {m.group(1): m.group(0) for m in SECTION_RE.finditer(html)}


def without_plotlyjs(html: str) -> str:
    js = get_plotlyjs()
    assert html.count(js) == 1, "plotly.js must be embedded exactly once"
    return html.replace(js, "")


def test_report_is_written_with_progress(built: tuple[Path, str, float, list[str]]) -> None:
    path, html, seconds, steps = built
    assert path.exists() and html.startswith("<!DOCTYPE html>")
    assert steps[: len(SECTIONS)] == [s.id for s in SECTIONS]
    assert steps[-2:] == ["html", "write"]
    assert not [p for p in path.parent.iterdir() if p.name != path.name]  # no temp files left
    assert seconds < 60
    assert path.stat().st_size < 10_000_000


def test_every_section_is_present(built: tuple[Path, str, float, list[str]]) -> None:
    found = sections_of(built[1])
    assert list(found) == [s.id for s in SECTIONS]


def test_element_ids_are_unique(built: tuple[Path, str, float, list[str]]) -> None:
    ids = re.findall(r'<[a-z0-9]+ [^>]*\bid="([^"]+)"', without_plotlyjs(built[1]))
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_headline_figure_is_computed_from_the_data(
    built: tuple[Path, str, float, list[str]],
) -> None:
    df = loaders.load("gdp", regions="northeast", periods="2023H1", indicators="gdp")
    total = float(df.loc[df["region"] == "northeast", "value"].item())
    hundred_million = fmt_number(total)  # "26,750"
    trillion = fmt_number(float(convert(total, "CNY 100m", "CNY tn")), 2)  # "2.68"
    head = re.search(r'<div id="key-message">(.*?)</div>', built[1], re.S)
    assert head is not None
    zh = re.search(r'class="l-zh[^"]*" lang="zh-CN">([^<]*)<', head.group(1))
    en = re.search(r'class="l-en[^"]*" lang="en">([^<]*)<', head.group(1))
    assert zh is not None and en is not None
    assert hundred_million in zh.group(1) and "亿元" in zh.group(1)
    assert trillion in en.group(1) and "trillion yuan" in en.group(1)
    assert hundred_million in sections_of(built[1])["headline"]


def test_page_is_bilingual_with_a_switch(built: tuple[Path, str, float, list[str]]) -> None:
    html = built[1]
    assert 'id="lang-switch"' in html
    assert 'class="lang-zh"' in html
    assert "东北振兴监测报告" in html and "Northeast China Revitalization Monitor" in html
    for sec in sections_of(html).values():
        assert 'class="l-zh' in sec and 'class="l-en' in sec


def test_nothing_is_loaded_from_the_network(built: tuple[Path, str, float, list[str]]) -> None:
    rest = without_plotlyjs(built[1])
    assert not re.search(r"<script[^>]+src=", rest)
    assert not re.search(r"<link[^>]+href=[\"']?https?:", rest)
    assert not re.search(r"url\(\s*['\"]?https?:", rest)
    for bad in ("mapbox", "maplibre", "api.mapbox.com", "tile.openstreetmap", "cdn.plot.ly",
                "fonts.googleapis", "access_token", "accesstoken"):
        assert bad not in rest.lower(), bad


def figure_specs(html: str) -> list[dict[str, Any]]:
    pattern = r'<script type="application/json" id="spec-[^"]+">(.*?)</script>'
    return [json.loads(b) for b in re.findall(pattern, html, re.S)]


def test_figures_use_no_geo_or_tile_subplots(built: tuple[Path, str, float, list[str]]) -> None:
    specs = figure_specs(built[1])
    assert specs
    for spec in specs:
        assert {t.get("type", "scatter") for t in spec["data"]} <= {"scatter", "bar"}
        assert not {"geo", "mapbox", "map"} & set(spec["layout"])


def test_figures_have_source_lines(built: tuple[Path, str, float, list[str]]) -> None:
    html = built[1]
    figures = re.findall(r'<figure id="fig-[^"]+">.*?</figure>', html, re.S)
    assert figures
    for fig in figures:
        assert 'class="source"' in fig


def test_english_first(tmp_path: Path) -> None:
    html = build_report(tmp_path / "en.html", lang="en").read_text("utf-8")
    assert 'class="lang-en"' in html and '<html lang="en"' in html


def test_bad_language_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="lang"):
        build_report(tmp_path / "x.html", lang="fr")
    assert not (tmp_path / "x.html").exists()


def test_missing_datasets_are_stated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    real = loaders.load

    def fake_load(dataset: str, *args: Any, **kwargs: Any) -> pd.DataFrame:
        if dataset == "power":
            raise DatasetNotFoundError(dataset)
        if dataset == "co2":
            return pd.DataFrame(columns=loaders.TIDY_COLUMNS)
        return real(dataset, *args, **kwargs)

    monkeypatch.setattr(loaders, "load", fake_load)
    html = build_report(tmp_path / "r.html", lang="en").read_text("utf-8")
    secs = sections_of(html)
    for sid in ("power", "co2"):
        assert 'data-missing="1"' in secs[sid], sid
        assert "Series missing" in secs[sid] and "数据缺失" in secs[sid]
        assert "<figure" not in secs[sid]
    assert "Series missing" not in secs["map"]


def test_missing_table_and_boundaries_are_stated(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    def refuse(dataset: str) -> Any:
        raise DatasetNotFoundError(dataset)

    monkeypatch.setattr(loaders, "load_table", refuse)
    monkeypatch.setattr(loaders, "load_geojson", refuse)
    html = build_report(tmp_path / "r.html").read_text("utf-8")
    sec = sections_of(html)["map"]
    assert "power_plants" in sec and "boundaries_ne_prefectures" in sec
    assert "<figure" not in sec


def test_replaces_existing_file_atomically(tmp_path: Path) -> None:
    out = tmp_path / "r.html"
    out.write_text("old")
    build_report(out, sections=SECTIONS[-1:])
    assert out.read_text("utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in tmp_path.iterdir()] == ["r.html"]


def test_figure_json_is_script_safe_and_shares_templates() -> None:
    import plotly.graph_objects as go

    templates: dict[str, str] = {}
    texts = [figure_json(go.Figure(layout={"title": {"text": "</script><!--"},
                                           "template": "plotly_white"}), templates)
             for _ in range(2)]
    assert all("<" not in t for t in texts)
    specs = [json.loads(t) for t in texts]
    assert specs[0]["layout"]["title"]["text"] == "</script><!--"
    assert "template" not in specs[0]["layout"]
    assert len(templates) == 1 and specs[0]["_tpl"] == specs[1]["_tpl"] in templates
