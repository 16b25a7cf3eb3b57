"""Plan targets: citations, units, gap, pace and traffic lights."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from revitalize.indicators import indicator
from revitalize.indicators.targets import (
    CITATION_FIELDS,
    TargetError,
    load_targets,
    parse_targets,
    target_unit_factor,
    track,
    traffic_light,
)

DOC = {"document": "Test plan", "issuer": "Test body", "date": "2021-03-11"}


def _entry(**kw: object) -> dict[str, object]:
    base: dict[str, object] = {
        "id": "t1", "region": "210000", "indicator": "urbanisation_rate", "kind": "level",
        "value": 75.0, "unit": "%", "base_year": 2020, "target_year": 2025,
        "section": "Table 1, row 3", **DOC,
    }
    base.update(kw)
    return base


def test_every_bundled_target_has_a_full_citation() -> None:
    ts = load_targets()
    assert len(ts) >= 5
    for t in ts:
        for f in CITATION_FIELDS:
            assert str(getattr(t, f)).strip(), (t.id, f)
        assert "十四" in t.document or "14th" in t.document


def test_a_target_without_citation_fails() -> None:
    raw = {"targets": [_entry(section="")]}
    with pytest.raises(TargetError, match="no citation"):
        parse_targets(raw)
    entry = _entry()
    del entry["issuer"]
    with pytest.raises(TargetError, match="issuer"):
        parse_targets({"targets": [entry]})


PROVINCES = {"210000": "辽宁省", "220000": "吉林省", "230000": "黑龙江省"}
# Provinces whose outline has at least one bundled target: none yet. No official source
# of their main-indicator tables could be checked (see the comment in targets.toml).
# Add a code here when adding its targets.
PROVINCES_WITH_TARGETS: set[str] = set()


def test_provincial_targets_present_with_citation_and_source() -> None:
    own = [t for t in load_targets() if t.region in PROVINCES]
    assert {t.region for t in own} == PROVINCES_WITH_TARGETS
    for t in own:
        assert PROVINCES[t.region] in t.document and "十四个五年规划" in t.document, t.id
        for f in CITATION_FIELDS:
            assert str(getattr(t, f)).strip(), (t.id, f)
        assert t.source_url.startswith(("http://", "https://")), t.id


def test_provincial_target_tracked_as_own_with_source() -> None:
    """A province's own target (here an in-memory one) is tracked as ``own``, with its
    source address, next to the national references."""
    entry = _entry(id="jl_test", region="220000", indicator="gdp_real_growth", kind="floor",
                   value=6.5, source_url="https://example.org/jilin-plan.html")
    targets = (*load_targets(), *parse_targets({"targets": [entry]}))
    out = track("JL", targets=targets)
    row = out[out["target"] == "jl_test"].iloc[0]
    assert row["scope"] == "own" and row["region"] == "220000"
    assert row["source_url"] == "https://example.org/jilin-plan.html"
    assert row["light"] in {"green", "amber", "red", "grey"}
    # a floor target is met exactly when the latest value is at or above it
    if not math.isnan(row["latest_value"]):
        assert (row["light"] == "green") == (row["latest_value"] >= 6.5)
    # national targets carry no source address; the column is there for every row
    assert set(out.loc[out["scope"] == "national reference", "source_url"]) == {""}


def test_source_url_must_be_a_web_address() -> None:
    with pytest.raises(TargetError, match="source_url"):
        parse_targets({"targets": [_entry(source_url="stored copy, somewhere")]})
    ts = parse_targets({"targets": [_entry(source_url="https://example.org/plan.html")]})
    assert ts[0].source_url == "https://example.org/plan.html"
    assert parse_targets({"targets": [_entry()]})[0].source_url == ""


def test_shared_document_citation_is_merged() -> None:
    entry = _entry(document="p")
    for k in ("issuer", "date"):
        entry.pop(k)
    ts = parse_targets({"documents": {"p": {**DOC, "document": "Plan P"}}, "targets": [entry]})
    assert ts[0].document == "Plan P" and ts[0].issuer == "Test body"


def test_wrong_unit_is_refused_and_convertible_unit_converted() -> None:
    with pytest.raises(TargetError, match="does not match"):
        parse_targets({"targets": [_entry(unit="10k t")]})
    with pytest.raises(TargetError, match="does not match"):
        parse_targets({"targets": [_entry(unit="kg/ha")]})
    assert target_unit_factor("Mt", indicator("grain_output")) == pytest.approx(100.0)
    assert target_unit_factor("fraction", indicator("urbanisation_rate")) == 100.0
    with pytest.raises(TargetError, match="% change"):
        target_unit_factor("%", indicator("co2_per_gdp"), "cumulative_change")


def test_bad_kind() -> None:
    with pytest.raises(TargetError, match="kind"):
        parse_targets({"targets": [_entry(kind="aspiration")]})


@pytest.mark.parametrize(("met", "req", "ach", "past", "light"), [
    (True, 1.0, 0.0, False, "green"),
    (False, 1.0, 1.2, False, "green"),
    (False, 1.0, 0.6, False, "amber"),
    (False, 1.0, 0.3, False, "red"),
    (False, 1.0, -0.5, False, "red"),
    (False, 1.0, 2.0, True, "red"),
    (None, None, None, False, "grey"),
])
def test_traffic_light_rules(met: bool | None, req: float | None, ach: float | None,
                             past: bool, light: str) -> None:
    assert traffic_light("level", met, req, ach, past) == light


def _values(series: dict[int, float], ind: str = "urbanisation_rate") -> pd.DataFrame:
    return pd.DataFrame({"region": "210000", "indicator": ind, "year": list(series),
                         "value": list(series.values())})


def test_gap_and_pace_by_hand() -> None:
    ts = tuple(parse_targets({"targets": [_entry()]}))
    out = track("LN", targets=ts, values=_values({2020: 70.0, 2023: 72.0})).iloc[0]
    assert out["gap"] == pytest.approx(3.0)
    assert out["pace_required"] == pytest.approx(1.5)  # 3 points in 2 years
    assert out["pace_achieved"] == pytest.approx(2 / 3)  # 2 points in 3 years
    assert out["light"] == "red"  # 0.67 below half the required 1.5
    out = track("LN", targets=ts, values=_values({2020: 70.0, 2023: 72.5})).iloc[0]
    assert out["light"] == "amber"  # 0.83 per year: under 1.25, over half of it
    out = track("LN", targets=ts, values=_values({2020: 70.0, 2023: 73.0})).iloc[0]
    assert out["light"] == "green"  # 1.0 per year achieved = 1.0 required


def test_lower_is_better_cumulative_change() -> None:
    entry = _entry(indicator="co2_per_gdp", kind="cumulative_change", value=-18.0,
                   unit="% change")
    ts = tuple(parse_targets({"targets": [entry]}))
    vals = _values({2020: 2.0, 2022: 1.7}, "co2_per_gdp")
    out = track("LN", targets=ts, values=vals).iloc[0]
    assert out["target_value"] == pytest.approx(1.64)
    assert out["pace_required"] == pytest.approx(-0.02)
    assert out["pace_achieved"] == pytest.approx(-0.15)
    assert out["light"] == "green"


def test_no_data_is_grey_never_invented() -> None:
    out = track("LN")
    assert set(out["scope"]) == {"national reference"}
    nodata = out[out["indicator"] == "digital_economy_share"].iloc[0]
    assert nodata["light"] == "grey" and math.isnan(nodata["latest_value"])
    assert "No data" in nodata["note"]
    # grain output is a national total: not compared with a province
    assert "grain_output" not in set(out["indicator"])


USER_FILE = """
[documents.test]
document = "Test plan outline (a test fixture, not a real plan)"
issuer = "Test body"
date = "2021-03-11"

[[targets]]
id = "test_ln_urban"
region = "辽宁"
indicator = "urbanisation_rate"
kind = "level"
value = 75.0
unit = "%"
base_year = 2020
target_year = 2025
document = "test"
section = "Table 1, row 3"
source_url = "https://example.org/plan.pdf"
"""


def test_read_targets_adds_a_users_file_to_the_bundled_ones(tmp_path: pytest.TempPathFactory
                                                             ) -> None:
    f = tmp_path / "mine.toml"  # type: ignore[operator]
    f.write_text(USER_FILE, encoding="utf-8")
    from revitalize.indicators import read_targets

    ts = read_targets(f)
    assert ts[: len(load_targets())] == load_targets()
    own = ts[-1]
    assert own.id == "test_ln_urban" and own.region == "210000" and own.value == 75.0
    assert own.issuer == "Test body" and "Table 1" in own.citation
    only = read_targets(f, with_bundled=False)
    assert [t.id for t in only] == ["test_ln_urban"]
    df = track("LN", targets=only)
    assert list(df["target"]) == ["test_ln_urban"]
    assert df["light"].iloc[0] in {"green", "amber", "red"}  # Liaoning has the data


@pytest.mark.parametrize(
    ("text", "match"),
    [
        ("[[targets]\nid = 1", "not valid UTF-8 TOML"),
        ("[documents.x]\ndocument = 'a'\n", "no \\[\\[targets\\]\\] entry"),
        (USER_FILE.replace('section = "Table 1, row 3"', ""), "no citation"),
        (USER_FILE.replace('unit = "%"', 'unit = "t"'), "does not match the unit"),
        (USER_FILE.replace('id = "test_ln_urban"', 'id = "cn14_urbanisation"'), "used twice"),
        (USER_FILE.replace("value = 75.0", 'value = "75"'), "must be number"),
        (USER_FILE.replace("base_year = 2020", "base_yr = 2020"), "unknown field.*missing"),
        (USER_FILE.replace('region = "辽宁"', 'region = "Atlantis"'), "Atlantis"),
        (USER_FILE + USER_FILE.split("[[targets]]")[1].join(["[[targets]]", ""]), "used twice"),
    ],
)
def test_read_targets_refuses_a_bad_file(tmp_path: pytest.TempPathFactory, text: str,
                                         match: str) -> None:
    from revitalize.indicators import read_targets

    f = tmp_path / "bad.toml"  # type: ignore[operator]
    f.write_text(text, encoding="utf-8")
    with pytest.raises(TargetError, match=match):
        read_targets(f)


def test_read_targets_missing_file() -> None:
    from revitalize.indicators import read_targets

    with pytest.raises(TargetError, match="does not exist"):
        read_targets("/nonexistent/targets.toml")
