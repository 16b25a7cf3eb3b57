"""Location x activity panels from the bundled data, with their resolution stated.

Sources (``source=``):

``employment``
    Employed persons by 20 GB/T 4754-2017 sections, 2010 and 2020 censuses (long-form
    sample: shares are meaningful, levels are not), provinces or prefectures
    (dataset ``employment_sections``).
``fai``
    Fixed-asset investment by 19 sections, provinces, 2003-2023 (dataset
    ``fai_sections``; 2018+ derived by the compiler from growth rates: flagged).
``industrial_output``
    Annual output of ten energy-intensive industrial products, provinces (dataset
    ``industrial_output``; physical units, so RCA compares shares of each product's
    national output).

Every frame returned carries ``attrs["resolution"]``, ``attrs["source"]`` and
``attrs["notes"]``; the long panel also has a ``resolution`` column.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from revitalize import regions
from revitalize.complexity.checks import ComplexityInputError
from revitalize.exceptions import UnknownRegionError

__all__ = ["SOURCES", "PanelSpec", "activity_matrix", "activity_panel", "location_names"]

#: source -> levels it offers
SOURCES: dict[str, tuple[str, ...]] = {
    "employment": ("province", "prefecture"),
    "fai": ("province",),
    "industrial_output": ("province",),
}
#: activity dropped by default: 国际组织 has (almost) no employment anywhere
DROP_SECTIONS = ("T",)


@dataclass(frozen=True)
class PanelSpec:
    """What a panel is: its source, level and resolution (stated in every output)."""

    source: str
    level: str

    @property
    def resolution(self) -> str:
        if self.source == "industrial_output":
            return f"{self.level} x industrial product (10 energy-intensive products)"
        n = "19 of 20, T dropped" if self.source == "employment" else "19, A-S"
        return f"{self.level} x GB/T 4754-2017 section ({n})"

    @property
    def dataset(self) -> str:
        return {"employment": "employment_sections", "fai": "fai_sections",
                "industrial_output": "industrial_output"}[self.source]


def _spec(source: str, level: str) -> PanelSpec:
    if source not in SOURCES:
        raise ComplexityInputError(
            f"Unknown activity source {source!r}.", f"Use one of: {', '.join(SOURCES)}."
        )
    if level not in SOURCES[source]:
        raise ComplexityInputError(
            f"Source {source!r} has no {level!r} level.",
            f"Use --level {' or '.join(SOURCES[source])}.",
        )
    return PanelSpec(source, level)


def activity_panel(source: str = "employment", level: str = "province") -> pd.DataFrame:
    """Long panel ``time, loc, prod, val, derived, source, resolution`` of a source.

    Parameters
    ----------
    source
        ``"employment"``, ``"fai"`` or ``"industrial_output"``.
    level
        ``"province"`` or ``"prefecture"`` (employment only).
    """
    from revitalize.data import load, load_table

    spec = _spec(source, level)
    notes: list[str] = []
    if source == "employment":
        t = load_table("employment_sections")
        t = t[(t["level"] == level) & ~t["section"].isin(DROP_SECTIONS)]
        df = pd.DataFrame({"time": t["year"], "loc": t["region"].astype(str),
                           "prod": t["section"], "val": t["value"].astype(float),
                           "derived": False, "source": t["source"]})
        notes.append("Census long-form sample counts (10%): only shares are meaningful.")
        notes.append("2010 sections (GB/T 4754-2002) relabelled to the 2017 letters.")
    elif source == "fai":
        t = load_table("fai_sections")
        df = pd.DataFrame({"time": t["year"], "loc": t["region"].astype(str),
                           "prod": t["section"], "val": t["value"].astype(float),
                           "derived": t["derived"].astype(bool), "source": t["source"]})
        notes.append("FAI 2018+ derived by the compiler from official growth rates, not "
                     "published levels (derived=True).")
    else:
        d = load("industrial_output", indicators="output_*")
        d = d[~d["indicator"].str.endswith("_ytd") & (d["region"] != "100000")]
        d = d[d["period"].str.fullmatch(r"\d{4}")]
        df = pd.DataFrame({"time": d["period"].astype(int), "loc": d["region"],
                           "prod": d["indicator"].str.removeprefix("output_"),
                           "val": d["value"].astype(float), "derived": False,
                           "source": d["source"]})
        notes.append("Ten energy-intensive products only: not a full industrial matrix.")
    df = df[df["val"] >= 0].reset_index(drop=True)
    df["resolution"] = spec.resolution
    df.attrs.update(resolution=spec.resolution, source=spec.dataset, notes=notes)
    return df


def activity_matrix(
    source: str = "employment", level: str = "province", year: int | None = None
) -> pd.DataFrame:
    """Location x activity matrix of one year (latest if ``year`` is None).

    Locations and activities whose values are all zero are dropped (and listed in
    ``attrs["notes"]``), so the matrix can go straight into the matrix functions.
    """
    panel = activity_panel(source, level)
    years = sorted(panel["time"].unique())
    y = years[-1] if year is None else year
    if y not in years:
        raise ComplexityInputError(
            f"No {source} data at {level} level for {y}.",
            f"Available years: {', '.join(map(str, years))}.",
        )
    p = panel[panel["time"] == y]
    m = p.pivot_table(index="loc", columns="prod", values="val", aggfunc="sum", fill_value=0.0)
    notes = list(panel.attrs["notes"])
    zr = m.index[m.sum(axis=1) == 0].tolist()
    zc = m.columns[m.sum(axis=0) == 0].tolist()
    if zr or zc:
        notes.append(f"Dropped all-zero locations {zr} and activities {zc}.")
    m = m.loc[m.sum(axis=1) > 0, m.sum(axis=0) > 0]
    m.attrs.update(resolution=panel.attrs["resolution"], source=panel.attrs["source"],
                   notes=notes, year=int(y),
                   derived=bool(p["derived"].any()))
    return m


def location_names(codes: list[str] | pd.Index, lang: str = "en") -> dict[str, str]:
    """Display names of region codes: the registry's where it knows them, else the
    census name (prefectures outside the Northeast have Chinese names only)."""
    out: dict[str, str] = {}
    missing: list[str] = []
    for c in codes:
        try:
            out[str(c)] = regions.resolve(str(c)).name(lang)
        except UnknownRegionError:  # not in the registry: fall back to the data
            missing.append(str(c))
    if missing:
        from revitalize.data import load_table

        t = load_table("employment_sections")
        names = dict(zip(t["region"].astype(str), t["name_zh"], strict=False))
        out.update({c: names.get(c, c) for c in missing})
    return out
