"""Data access for the report: load once, remember what is missing, cite sources.

Sections never call the loaders directly; they ask the :class:`ReportContext`, which
loads each dataset once for the report's regions (the Northeast with its total, the 31
provinces with their sum, and the national series), keeps the frames, and turns any
failure (dataset not built yet, indicator absent, file unreadable) into a bilingual
"series missing" notice instead of an exception. Nothing is ever filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from revitalize.data import loaders
from revitalize.data.catalogue import DatasetInfo, dataset_info
from revitalize.exceptions import DatasetNotFoundError, RevitalizeError
from revitalize.report.blocks import Missing, missing_text
from revitalize.report.i18n import Text, t
from revitalize.units import get_unit

__all__ = ["REPORT_REGIONS", "Fetch", "ReportContext", "source_line"]

#: Region selection loaded for every tidy dataset.
REPORT_REGIONS: tuple[str, ...] = ("northeast", "provinces", "100000")

#: Failures that mean "this data is not available" (not programming errors).
DATA_ERRORS: tuple[type[BaseException], ...] = (
    RevitalizeError,  # unknown dataset, indicator or region, bad input
    OSError,  # catalogue or data file not written yet
    KeyError,  # incomplete catalogue entry
    ValueError,  # unreadable TOML, CSV or JSON
    ImportError,  # optional user store not available
)


@dataclass
class Fetch:
    """The result of asking the context for some indicators of one dataset.

    Attributes
    ----------
    dataset
        Dataset id.
    frame
        Tidy rows of the indicators that exist (possibly empty).
    missing
        One notice per indicator (or for the whole dataset) that is not available.
    sources
        Source line(s) of the dataset, empty if the catalogue has no entry.
    notes
        Notes from the loader (e.g. group totals left out).
    """

    dataset: str
    frame: pd.DataFrame
    missing: list[Missing] = field(default_factory=list)
    sources: tuple[Text, ...] = ()
    notes: list[str] = field(default_factory=list)

    def has(self, indicator: str) -> bool:
        """Whether ``indicator`` has at least one row."""
        return bool((self.frame["indicator"] == indicator).any()) if len(self.frame) else False


def source_line(info: DatasetInfo) -> Text:
    """Bilingual source line: origin agency and the public intermediary of a dataset.

    Licences and commits are listed once, in the report's appendix of sources.
    """
    line = t("source") + Text(info.origin, info.origin)
    if info.intermediary:
        line = line + t("via") + Text(info.intermediary, info.intermediary)
    return line


def _empty() -> pd.DataFrame:
    return pd.DataFrame(columns=loaders.TIDY_COLUMNS)


class ReportContext:
    """Cached, failure-tolerant access to the curated datasets for one report run."""

    def __init__(self) -> None:
        self._frames: dict[str, pd.DataFrame] = {}
        self._errors: dict[str, str] = {}
        self._notes: dict[str, list[str]] = {}
        self.used: list[str] = []

    def _use(self, dataset: str) -> None:
        if dataset not in self.used:
            self.used.append(dataset)

    # -- catalogue -----------------------------------------------------------------
    def info(self, dataset: str) -> DatasetInfo | None:
        """Catalogue entry of ``dataset``, or ``None`` if there is none (yet)."""
        try:
            return dataset_info(dataset)
        except DATA_ERRORS:
            return None

    def sources(self, dataset: str) -> tuple[Text, ...]:
        """Source line of ``dataset`` as a one-element tuple (empty if unknown)."""
        info = self.info(dataset)
        return (source_line(info),) if info is not None else ()

    def cite(self, *datasets: str) -> tuple[Text, ...]:
        """Source lines of datasets read outside :meth:`fetch` (e.g. through a domain API).

        Each dataset is also listed in the report's appendix of sources; unknown ones
        give no line.
        """
        lines: list[Text] = []
        for dataset in datasets:
            self._use(dataset)
            lines.extend(self.sources(dataset))
        return tuple(lines)

    def label(self, dataset: str, indicator: str) -> Text:
        """Bilingual label of an indicator, from the catalogue (its name otherwise)."""
        info = self.info(dataset)
        if info is not None and indicator in info.indicators:
            ind = info.indicators[indicator]
            return Text(ind.zh, ind.en)
        return Text(indicator, indicator)

    def unit(self, dataset: str, indicator: str) -> Text:
        """Bilingual label of an indicator's unit (empty if unknown)."""
        info = self.info(dataset)
        if info is None or indicator not in info.indicators:
            return Text("", "")
        try:
            u = get_unit(info.indicators[indicator].unit)
        except DATA_ERRORS:
            raw = info.indicators[indicator].unit
            return Text(raw, raw)
        return Text(u.zh, u.en)

    # -- tidy data -----------------------------------------------------------------
    def _load(self, dataset: str, indicator: str) -> pd.DataFrame | None:
        """One indicator of ``dataset`` for :data:`REPORT_REGIONS` (cached).

        Loading indicator by indicator keeps the group totals cheap and lets one absent
        indicator leave the others of its dataset usable. Returns ``None`` if the
        indicator has no rows; records a dataset-level failure in ``_errors``.
        """
        key = f"{dataset}\x00{indicator}"
        if key in self._frames:
            return self._frames[key]
        if dataset in self._errors:
            return None
        try:
            df = loaders.load(dataset, regions=list(REPORT_REGIONS), indicators=[indicator])
        except (DatasetNotFoundError, OSError, ImportError) as exc:
            self._errors[dataset] = str(exc)
            return None
        except DATA_ERRORS:
            return None
        if df is None or df.empty:
            return None
        self._notes.setdefault(dataset, []).extend(df.attrs.get("notes", []))
        self._frames[key] = df
        return df

    def fetch(self, dataset: str, indicators: Sequence[str]) -> Fetch:
        """Rows of ``indicators`` from ``dataset``, with notices for what is missing.

        Parameters
        ----------
        dataset
            Catalogue id.
        indicators
            Indicator names the caller wants.

        Returns
        -------
        Fetch
            The available rows; ``missing`` names the dataset if it cannot be loaded,
            or else each indicator that has no rows.
        """
        self._use(dataset)
        frames = {ind: self._load(dataset, ind) for ind in indicators}
        srcs = self.sources(dataset)
        if dataset in self._errors:
            what = Text(f"{dataset}（{t('missing_dataset').zh}）",
                        f"{dataset} ({t('missing_dataset').en})")
            return Fetch(dataset, _empty(), [missing_text(what)], srcs)
        missing = [
            missing_text(self.label(dataset, ind) + Text(f"（{dataset}）", f" ({dataset})"))
            for ind, df in frames.items()
            if df is None
        ]
        found = [df for df in frames.values() if df is not None]
        frame = pd.concat(found, ignore_index=True) if found else _empty()
        return Fetch(dataset, frame, missing, srcs, self._notes.get(dataset, []))

    # -- other kinds ---------------------------------------------------------------
    def table(self, dataset: str) -> pd.DataFrame | None:
        """A non-tidy table (e.g. power plants), or ``None`` if not available."""
        self._use(dataset)
        try:
            df = loaders.load_table(dataset)
        except DATA_ERRORS:
            return None
        return None if df is None or df.empty else df

    def geojson(self, dataset: str) -> dict[str, Any] | None:
        """A boundary FeatureCollection, or ``None`` if not available."""
        self._use(dataset)
        try:
            data = loaders.load_geojson(dataset)
        except DATA_ERRORS:
            return None
        return data if data.get("features") else None

    def error(self, dataset: str) -> str | None:
        """Why ``dataset`` could not be loaded (``None`` if it loaded)."""
        return self._errors.get(dataset)
