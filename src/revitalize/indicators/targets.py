"""Plan-target tracking: gap to target, required versus achieved pace, traffic light.

The targets are data (``targets.toml``), each with a citation (document, issuer, date,
section); a target without one is refused when the file is read. ``source_url`` names
the stored copy (of the document, or of a publication quoting it) in which the figure
was checked; it is optional, but when given it must be an ``http(s)://`` address.

For a ``level`` target :math:`T` in year :math:`t_T`, with the latest observation
:math:`x_L` in year :math:`t_L` and the base :math:`x_B` in year :math:`t_B`:

.. math::
    \\text{gap} = T - x_L, \\qquad
    p_{req} = \\frac{T - x_L}{t_T - t_L}, \\qquad
    p_{ach} = \\frac{x_L - x_B}{t_L - t_B}

(linear pace, units per year). A ``cumulative_change`` of :math:`c` per cent is the
level target :math:`T = x_B (1 + c/100)` on the data's own base-year value. A ``floor``
target is met when the latest value is on the right side of :math:`T`.

Traffic light: **green** — met, or achieved pace at least the required pace;
**amber** — moving the right way at at least half the required pace; **red** —
otherwise or past the target year unmet; **grey** — no data to judge.
"""

from __future__ import annotations

import dataclasses
import tomllib
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from revitalize import regions as _regions
from revitalize.exceptions import InputError, UnknownUnitError
from revitalize.indicators.catalogue import Indicator, indicator, indicator_values

__all__ = [
    "CITATION_FIELDS",
    "SOURCE_SCHEMES",
    "Target",
    "TargetError",
    "load_targets",
    "parse_targets",
    "read_targets",
    "target_unit_factor",
    "track",
    "traffic_light",
]

CITATION_FIELDS = ("document", "issuer", "date", "section")
KINDS = ("level", "floor", "cumulative_change")
SOURCE_SCHEMES = ("http://", "https://")


class TargetError(InputError):
    """A plan target that lacks a citation, has a wrong unit or cannot be read."""


@dataclass(frozen=True)
class Target:
    """One quantified plan target with its citation."""

    id: str
    region: str
    indicator: str
    kind: str
    value: float
    unit: str
    target_year: int
    base_year: int
    document: str
    issuer: str
    date: str
    section: str
    base_value: float | None = None
    binding: bool = False
    applies_to_provinces: bool = False
    note: str = ""
    source_url: str = ""

    @property
    def citation(self) -> str:
        """``document, issuer, date, section`` in one line."""
        return f"{self.document}; {self.issuer}; {self.date}; {self.section}"


_FIELDS = tuple(f.name for f in dataclasses.fields(Target))
_REQUIRED = {f.name for f in dataclasses.fields(Target) if f.default is dataclasses.MISSING}


def target_unit_factor(target_unit: str, ind: Indicator, kind: str = "level") -> float:
    """Factor converting a target's unit into its indicator's unit.

    Identical unit strings give 1; otherwise both must be units of
    :mod:`revitalize.units` with the same dimension. A ``cumulative_change`` target
    is in ``"% change"``.

    Raises
    ------
    TargetError
        The units differ and cannot be converted.
    """
    if kind == "cumulative_change":
        if target_unit != "% change":
            raise TargetError(f"Cumulative-change target in {target_unit!r}.",
                              "Give cumulative changes in '% change'.")
        return 1.0
    if target_unit == ind.unit:
        return 1.0
    from revitalize.units import conversion_factor

    try:
        return conversion_factor(target_unit, ind.unit)
    except (UnknownUnitError, InputError) as exc:
        raise TargetError(
            f"Target unit {target_unit!r} does not match the unit {ind.unit!r} of "
            f"indicator {ind.id!r} ({exc.message}).",
            f"Express the target in {ind.unit!r} or a unit convertible into it.") from None


def parse_targets(raw: dict[str, Any]) -> list[Target]:
    """Targets from the parsed TOML; check citations, kinds and units."""
    docs: dict[str, dict[str, str]] = raw.get("documents", {})
    out: list[Target] = []
    for entry in raw.get("targets", []):
        e = dict(entry)
        tid = e.get("id", "<no id>")
        doc_key = e.get("document")
        if doc_key in docs:
            e = {**docs[doc_key], **{k: v for k, v in e.items() if k != "document"}}
        missing = [f for f in CITATION_FIELDS if not str(e.get(f, "")).strip()]
        if missing:
            raise TargetError(f"Target {tid!r} has no citation ({', '.join(missing)} missing).",
                              "Give the document, issuing body, date and section/table.")
        if e.get("kind") not in KINDS:
            raise TargetError(f"Target {tid!r}: kind {e.get('kind')!r}.",
                              "Use one of: " + ", ".join(KINDS) + ".")
        url = str(e.get("source_url", "")).strip()
        if url and not url.startswith(SOURCE_SCHEMES):
            raise TargetError(f"Target {tid!r}: source_url {url!r} is not a web address.",
                              "Give the http(s):// address where the figure was checked.")
        unknown, absent = sorted(set(e) - set(_FIELDS)), sorted(_REQUIRED - set(e))
        if unknown or absent:
            raise TargetError(
                f"Target {tid!r}: " + "; ".join(
                    ([f"unknown field(s) {unknown}"] if unknown else [])
                    + ([f"missing field(s) {absent}"] if absent else [])) + ".",
                "Fields: " + ", ".join(_FIELDS) + ".")
        bad = [k for k in ("value", "base_value") if e.get(k) is not None
               and (isinstance(e[k], bool) or not isinstance(e[k], int | float))]
        bad += [k for k in ("base_year", "target_year")
                if isinstance(e[k], bool) or not isinstance(e[k], int)]
        if bad:
            raise TargetError(f"Target {tid!r}: {', '.join(bad)} must be number(s), years "
                              "whole numbers.", "Write them without quotes, e.g. value = 65.0.")
        try:
            e["region"] = _regions.resolve(str(e["region"])).code  # a name or alias -> code
        except InputError as exc:
            raise TargetError(f"Target {tid!r}: {exc.message}",
                              "Use a province name, alias or code (revitalize regions list)."
                              ) from None
        t = Target(**e)
        target_unit_factor(t.unit, indicator(t.indicator), t.kind)
        out.append(t)
    return out


@cache
def load_targets() -> tuple[Target, ...]:
    """The bundled targets (``targets.toml``)."""
    text = resources.files("revitalize.indicators").joinpath("targets.toml").read_text("utf-8")
    return tuple(parse_targets(tomllib.loads(text)))


def read_targets(path: str | Path, *, with_bundled: bool = True) -> tuple[Target, ...]:
    """Targets from a user's TOML file, checked as the bundled ones are.

    The file has the layout of the bundled ``targets.toml``: optional ``[documents.KEY]``
    tables (document, issuer, date) and ``[[targets]]`` entries, each with a citation
    (document, issuer, date, section), a region, an indicator of the catalogue, a kind,
    a value in a unit convertible into the indicator's, a base and a target year. Use it
    for the plan targets the package does not bundle (e.g. a province's 14th Five-Year
    Plan outline).

    Parameters
    ----------
    path
        The TOML file.
    with_bundled
        Return the bundled targets too (the file's come after them).

    Raises
    ------
    TargetError
        The file is missing or is not TOML; an entry lacks a citation, has an unknown
        region, indicator or kind, or a unit that does not convert; an id repeats one of
        the bundled targets or of the file. Nothing is read in part: either every entry
        is accepted or none.
    """
    file = Path(path)
    if not file.is_file():
        raise TargetError(f"Targets file {str(file)!r} does not exist.",
                          "Give the path of a TOML file laid out as targets.toml.")
    try:
        raw = tomllib.loads(file.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise TargetError(f"Targets file {str(file)!r} is not valid UTF-8 TOML: {exc}.",
                          "Fix the file (see the bundled targets.toml for the layout).") from None
    if not raw.get("targets"):
        raise TargetError(f"Targets file {str(file)!r} has no [[targets]] entry.",
                          "Add one [[targets]] table per plan figure.")
    own = parse_targets(raw)
    base = load_targets() if with_bundled else ()
    seen = {t.id for t in base}
    for t in own:
        if t.id in seen:
            raise TargetError(f"Target id {t.id!r} in {str(file)!r} is used twice (in the "
                              "file or by a bundled target).", "Give each target its own id.")
        seen.add(t.id)
    return (*base, *own)


def traffic_light(kind: str, met: bool | None, required: float | None,
                  achieved: float | None, past_due: bool) -> str:
    """``green``, ``amber``, ``red`` or ``grey`` (no data) from the pace rules above.

    ``required`` and ``achieved`` are oriented so that positive means "towards the
    target".
    """
    if met is None:
        return "grey"
    if met:
        return "green"
    if past_due or kind == "floor":
        return "red"
    if required is None or achieved is None:
        return "grey"
    if achieved >= required:
        return "green"
    if achieved > 0 and achieved >= 0.5 * required:
        return "amber"
    return "red"


def _track_one(t: Target, region: str, vals: pd.DataFrame) -> dict[str, Any]:
    ind = indicator(t.indicator)
    sign = ind.sign
    row: dict[str, Any] = {
        "region": region, "target": t.id, "indicator": t.indicator, "kind": t.kind,
        "unit": "% change" if t.kind == "cumulative_change" else ind.unit,
        "target_value": np.nan, "target_year": t.target_year, "base_year": t.base_year,
        "base_value": np.nan, "latest_year": np.nan, "latest_value": np.nan,
        "gap": np.nan, "pace_required": np.nan, "pace_achieved": np.nan,
        "light": "grey", "scope": "own" if region == t.region else "national reference",
        "binding": t.binding, "citation": t.citation, "source_url": t.source_url,
        "note": t.note,
    }
    factor = target_unit_factor(t.unit, ind, t.kind)
    sel = vals[(vals["indicator"] == t.indicator) & (vals["region"] == region)]
    s: pd.Series = sel.set_index("year")["value"].sort_index().astype(float)
    if not ind.has_data:
        row["note"] = (t.note + " " if t.note else "") + f"No data: {ind.feeds_from}."
    elif s.empty:
        row["note"] = (t.note + " " if t.note else "") + "No bundled series for this region."
    base = float(s.get(t.base_year, np.nan))
    if np.isnan(base) and t.base_value is not None and region == t.region \
            and t.kind != "cumulative_change":
        base = t.base_value * factor
    row["base_value"] = base
    since = s[s.index >= t.base_year]
    target: float = t.value * factor
    if t.kind == "cumulative_change":
        target = base * (1 + t.value / 100.0) if not np.isnan(base) else np.nan
        row["unit"] = ind.unit
    row["target_value"] = target
    if since.empty or np.isnan(target):
        return row
    ly, lv = int(since.index[-1]), float(since.iloc[-1])
    row.update(latest_year=ly, latest_value=lv, gap=target - lv)
    met = bool(sign * (lv - target) >= 0)
    required = achieved = None
    if t.kind != "floor":
        left = t.target_year - ly
        required = sign * (target - lv) / left if left > 0 else None
        if not np.isnan(base) and ly > t.base_year:
            achieved = sign * (lv - base) / (ly - t.base_year)
        row["pace_required"] = np.nan if required is None or met else sign * required
        row["pace_achieved"] = np.nan if achieved is None else sign * achieved
    row["light"] = traffic_light(t.kind, met, required, achieved, ly >= t.target_year)
    return row


def track(region: str | None = None, targets: tuple[Target, ...] | None = None,
          values: pd.DataFrame | None = None) -> pd.DataFrame:
    """Gap, pace and traffic light of each target.

    Parameters
    ----------
    region
        A province (name, code or alias): its own targets plus, as a reference, the
        national targets marked ``applies_to_provinces``. ``None``: every target for
        its own region.
    targets, values
        Override the bundled targets or the indicator values (tidy frame as from
        :func:`~revitalize.indicators.catalogue.indicator_values`).
    """
    ts = load_targets() if targets is None else targets
    codes: list[str] | None = None
    if region is not None:
        codes = [r.code for r in _regions.expand(region)]
    needed = sorted({t.indicator for t in ts if indicator(t.indicator).has_data})
    if values is None:
        values = indicator_values(needed, provinces_only=False) if needed else pd.DataFrame(
            columns=["region", "indicator", "year", "value"])
    rows = []
    for t in ts:
        if codes is None:
            rows.append(_track_one(t, t.region, values))
            continue
        for code in codes:
            if t.region == code or (t.region == "100000" and t.applies_to_provinces):
                rows.append(_track_one(t, code, values))
    return pd.DataFrame(rows)
