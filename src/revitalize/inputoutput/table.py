
"""The labelled input-output table, :class:`IOTable`.

A frozen container of the flow matrices with sector labels; it validates itself on
construction (:func:`~revitalize.inputoutput.checks.check_table`) and computes the
coefficient matrices and the Leontief solver lazily, once, by calling the pure
functions of :mod:`revitalize.inputoutput.core`.

Single-region tables are indexed by sector code; multi-regional tables by a
``(region, sector)`` MultiIndex (the pymrio convention). Notation of Miller, R.E. &
Blair, P.D. (2009) *Input-Output Analysis: Foundations and Extensions*, 2nd ed.,
Cambridge University Press.

Examples
--------
>>> t = IOTable.from_arrays([[150.0, 500.0], [200.0, 100.0]], [[350.0], [1700.0]],
...                         [[650.0, 1400.0]], sectors=["ag", "mf"])
>>> t.A.round(2).to_numpy().tolist()
[[0.15, 0.25], [0.2, 0.05]]
"""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import numpy.typing as npt
import pandas as pd

from revitalize.exceptions import InvalidTableError
from revitalize.inputoutput.aggregate import aggregate_table
from revitalize.inputoutput.checks import check_table

if TYPE_CHECKING:
    import pymrio

    from revitalize.data.io_layout import IOParts
    from revitalize.inputoutput.core import LeontiefSolver

__all__ = ["HOUSEHOLD_COLUMNS", "IOTable"]

#: final-demand columns counted as household consumption when none are named
HOUSEHOLD_COLUMNS = ("FU101", "FU102", "THC", "households", "household")
#: value-added rows counted as compensation of employees
COMPENSATION_ROWS = ("VA001", "compensation")


def _empty_satellites(columns: pd.Index) -> pd.DataFrame:
    return pd.DataFrame(np.zeros((0, len(columns))), index=pd.Index([], name="stressor"),
                        columns=columns)


def _default_labels(index: pd.Index) -> pd.DataFrame:
    codes = index.get_level_values(-1).unique() if isinstance(index, pd.MultiIndex) else index
    names = [str(c) for c in codes]
    return pd.DataFrame({"name_en": names, "name_zh": names},
                        index=pd.Index(list(codes), name="sector"))


@dataclass(frozen=True, eq=False)
class IOTable:
    """A labelled input-output table (values in ``unit``).

    Attributes
    ----------
    Z
        Domestic intermediate flows, sector x sector (row sells to column).
    Y
        Domestic final demand, sector x category (NBS codes such as FU101 ... EX).
    V
        Value added (primary inputs), component x sector (VA001 ... VA004).
    x
        Gross output by sector.
    Zm, Ym, imports
        Imported intermediate and final use (imported product x sector / category) and
        total imports by product; None for a closed table.
    satellites, satellite_units, satellites_y
        Satellite accounts, stressor x sector (e.g. employment, CO2), their units, and
        direct stressors of final demand (stressor x category, e.g. household CO2).
    unit, year, region
        Money unit of the flows (``"CNY 10k"``), year, GB/T 2260 region code.
    sectors
        Sector labels indexed by code: ``name_en``, ``name_zh``.
    zero_sectors
        Sectors allowed to have zero gross output (their coefficients are 0).
    notes
        Estimates and assumptions behind the table (say them when reporting results).
    household_columns
        Final-demand columns of household consumption (default: those of
        :data:`HOUSEHOLD_COLUMNS` present in ``Y``).
    rtol
        Relative tolerance of the accounting identities checked on construction.
    """

    Z: pd.DataFrame
    Y: pd.DataFrame
    V: pd.DataFrame
    x: pd.Series
    Zm: pd.DataFrame | None = None
    Ym: pd.DataFrame | None = None
    imports: pd.Series | None = None
    satellites: pd.DataFrame = field(default_factory=pd.DataFrame)
    satellite_units: Mapping[str, str] = field(default_factory=dict)
    satellites_y: pd.DataFrame | None = None
    unit: str = "CNY 10k"
    year: int | None = None
    region: str = "100000"
    sectors: pd.DataFrame = field(default_factory=pd.DataFrame)
    zero_sectors: tuple[Hashable, ...] = ()
    notes: tuple[str, ...] = ()
    household_columns: tuple[str, ...] = ()
    rtol: float = 1e-6

    def __post_init__(self) -> None:
        if self.satellites.empty and len(self.satellites.columns) != len(self.Z.columns):
            object.__setattr__(self, "satellites", _empty_satellites(self.Z.columns))
        if self.sectors.empty:
            object.__setattr__(self, "sectors", _default_labels(self.Z.index))
        object.__setattr__(self, "satellite_units", dict(self.satellite_units))
        object.__setattr__(self, "zero_sectors", tuple(self.zero_sectors))
        object.__setattr__(self, "notes", tuple(self.notes))
        check_table(self)

    # ------------------------------------------------------------------ constructors
    @classmethod
    def from_parts(cls, parts: IOParts, *, region: str = "100000", **kwargs: Any) -> IOTable:
        """A table from the labelled parts of :mod:`revitalize.data.io_tables`."""
        return cls(Z=parts["Z"], Y=parts["Y"], V=parts["V"], x=parts["x"], Zm=parts["Zm"],
                   Ym=parts["Ym"], imports=parts["imports"], unit=parts["unit"],
                   year=parts["year"], region=region, sectors=parts["sectors"],
                   notes=tuple(parts["notes"]), **kwargs)

    @classmethod
    def from_nbs(cls, year: int = 2020, sectors: int = 42,
                 satellites: Sequence[str] = ("employment", "co2"), *,
                 split_consumption: bool = True) -> IOTable:
        """China's national NBS table with employment and CO2 satellites.

        Parameters
        ----------
        year, sectors
            2017, 2018 or 2020 at 42 sectors; 2017 at 149, 2018 or 2020 at 153.
        satellites
            ``"employment"`` (10k persons; GB/T 4754 employment of the latest year not
            after ``year`` mapped with ``io_employment_concordance_42``) and/or ``"co2"``
            (Mt CO2; CEADs mapped with ``io_ceads_concordance_42``; household CO2 in
            ``satellites_y``). Both are estimates; see ``notes``.
        split_consumption
            Split total consumption of the 42-sector tables into rural/urban household
            and government consumption (see
            :func:`revitalize.data.io_tables.load_nbs_table`).
        """
        from revitalize.data import io_tables

        parts = io_tables.load_nbs_table(year, sectors, split_consumption=split_consumption)
        kwargs: dict[str, Any] = {}
        notes = list(parts["notes"])
        if satellites:
            sat = io_tables.nbs_satellites(year, sectors, parts["x"], list(parts["Y"].columns),
                                           satellites)
            kwargs = {"satellites": sat["F"], "satellite_units": sat["units"],
                      "satellites_y": sat["F_Y"]}
            notes += sat["notes"]
        parts["notes"] = notes
        return cls.from_parts(parts, **kwargs)

    @classmethod
    def read(cls, path: str | Path, *, sheet: str | int = 0, year: int | None = None,
             unit: str = "CNY 10k", region: str = "100000", rtol: float = 1e-4) -> IOTable:
        """A user's table in the NBS layout (see :mod:`revitalize.data.io_user`).

        ``rtol`` is the tolerance of the accounting checks, both when reading and in
        the table (published tables are rounded).
        """
        from revitalize.data.io_tables import read_user_io_table

        parts = read_user_io_table(path, sheet=sheet, year=year, unit=unit, rtol=rtol)
        zero = tuple(parts["x"].index[parts["x"] == 0])
        return cls.from_parts(parts, region=region, rtol=rtol, zero_sectors=zero)

    @classmethod
    def from_arrays(
        cls,
        Z: npt.ArrayLike,
        Y: npt.ArrayLike,
        V: npt.ArrayLike,
        x: npt.ArrayLike | None = None,
        *,
        sectors: Sequence[Hashable] | pd.Index | None = None,
        regions: Sequence[str] | None = None,
        categories: Sequence[Hashable] | None = None,
        components: Sequence[Hashable] | None = None,
        Zm: npt.ArrayLike | None = None,
        Ym: npt.ArrayLike | None = None,
        imports: npt.ArrayLike | None = None,
        satellites: npt.ArrayLike | None = None,
        stressors: Sequence[str] | None = None,
        satellite_units: Mapping[str, str] | None = None,
        **kwargs: Any,
    ) -> IOTable:
        """A table from plain arrays; ``x`` defaults to :math:`Z i + Y i`.

        ``sectors`` labels the n sectors (default ``"s1"``...); with ``regions`` the n
        rows are ``len(regions)`` blocks of ``sectors`` and the index is the MultiIndex
        ``(region, sector)``. ``categories`` (tuples ``(region, category)`` for a
        multi-regional Y) and ``components`` label the columns of Y and the rows of V,
        ``stressors`` the rows of ``satellites``. Further keyword arguments (``unit``,
        ``year``, ``region``, ``zero_sectors``, ``notes`` ...) go to the constructor.
        """
        Z_ = np.asarray(Z, dtype=float)
        Y_ = np.asarray(Y, dtype=float).reshape(Z_.shape[0], -1)
        V_ = np.asarray(V, dtype=float).reshape(-1, Z_.shape[1])
        n = Z_.shape[0]
        if regions is None:
            idx = pd.Index(list(sectors) if sectors is not None else
                           [f"s{i + 1}" for i in range(n)], name="sector")
        else:
            per = n // max(len(regions), 1)
            secs = list(sectors) if sectors is not None else [f"s{i + 1}" for i in range(per)]
            idx = pd.MultiIndex.from_product([list(regions), secs], names=["region", "sector"])
        cat_list = list(categories) if categories is not None else [
            f"y{k + 1}" for k in range(Y_.shape[1])]
        tuples = [c for c in cat_list if isinstance(c, tuple)]
        cats = (pd.MultiIndex.from_tuples(tuples, names=["region", "category"])
                if cat_list and len(tuples) == len(cat_list)
                else pd.Index(cat_list, name="category"))
        comps = pd.Index(list(components) if components is not None else
                         ["VA"] if V_.shape[0] == 1 else
                         [f"VA{k + 1:03d}" for k in range(V_.shape[0])], name="component")
        x_ = Z_.sum(axis=1) + Y_.sum(axis=1) if x is None else np.asarray(x, dtype=float)
        frames: dict[str, Any] = {
            "Z": pd.DataFrame(Z_, index=idx, columns=idx.copy()),
            "Y": pd.DataFrame(Y_, index=idx.copy(), columns=cats),
            "V": pd.DataFrame(V_, index=comps, columns=idx.copy()),
            "x": pd.Series(x_, index=idx.copy(), name="x"),
        }
        if Zm is not None:
            Zm_ = np.asarray(Zm, dtype=float)
            frames["Zm"] = pd.DataFrame(Zm_, index=idx.copy() if Zm_.shape[0] == n else
                                        pd.RangeIndex(Zm_.shape[0], name="product"),
                                        columns=idx.copy())
            if Ym is not None:
                frames["Ym"] = pd.DataFrame(np.asarray(Ym, dtype=float).reshape(
                    Zm_.shape[0], -1), index=frames["Zm"].index.copy(), columns=cats.copy())
        if imports is not None:
            frames["imports"] = pd.Series(np.asarray(imports, dtype=float),
                                          index=frames["Zm"].index.copy() if "Zm" in frames
                                          else idx.copy(), name="imports")
        if satellites is not None:
            S_ = np.asarray(satellites, dtype=float).reshape(-1, n)
            names = list(stressors) if stressors is not None else [
                f"stressor{k + 1}" for k in range(S_.shape[0])]
            frames["satellites"] = pd.DataFrame(S_, index=pd.Index(names, name="stressor"),
                                                columns=idx.copy())
            frames["satellite_units"] = dict(satellite_units or {s: "" for s in names})
        return cls(**frames, **kwargs)

    # ------------------------------------------------------------------ structure
    @property
    def n(self) -> int:
        """Number of sectors (region-sector pairs in a multi-regional table)."""
        return len(self.x)

    @property
    def is_multiregional(self) -> bool:
        """True for a ``(region, sector)`` index."""
        return isinstance(self.x.index, pd.MultiIndex)

    @property
    def regions(self) -> list[str]:
        """Regions of the table (``[self.region]`` for a single-region table)."""
        if self.is_multiregional:
            return [str(r) for r in self.x.index.get_level_values(0).unique()]
        return [self.region]

    def _frame(self, values: np.ndarray, like: pd.DataFrame) -> pd.DataFrame:
        return pd.DataFrame(values, index=like.index.copy(), columns=like.columns.copy())

    # ------------------------------------------------------------------ coefficients
    @cached_property
    def A(self) -> pd.DataFrame:
        """Technical coefficients :math:`A = Z \\hat{x}^{-1}` (M&B 2009, eq. 2.4)."""
        from revitalize.inputoutput.core import technical_coefficients

        return self._frame(technical_coefficients(self.Z.to_numpy(float),
                                                  self.x.to_numpy(float)), self.Z)

    @cached_property
    def B(self) -> pd.DataFrame:
        """Allocation (Ghosh) coefficients :math:`B = \\hat{x}^{-1} Z` (M&B 2009, §12.1)."""
        from revitalize.inputoutput.core import ghosh_coefficients

        return self._frame(ghosh_coefficients(self.Z.to_numpy(float),
                                              self.x.to_numpy(float)), self.Z)

    @cached_property
    def solver(self) -> LeontiefSolver:
        """One LU factorisation of :math:`I - A` (checks productivity; M&B 2009, ch. 2)."""
        from revitalize.inputoutput.core import LeontiefSolver

        return LeontiefSolver(self.A.to_numpy())

    @cached_property
    def L(self) -> pd.DataFrame:
        """Dense Leontief inverse :math:`L = (I - A)^{-1}`; prefer :attr:`solver`."""
        return self._frame(self.solver.inverse(), self.Z)

    def _per_output(self, values: pd.Series, name: str) -> pd.Series:
        from revitalize.inputoutput.core import coefficients

        out = coefficients(values.to_numpy(float), self.x.to_numpy(float))
        return pd.Series(out, index=self.x.index.copy(), name=name)

    @cached_property
    def value_added_coefficients(self) -> pd.Series:
        """Value added per unit of output, :math:`v_j = \\sum_k V_{kj} / x_j`."""
        return self._per_output(self.V.sum(axis=0), "value_added")

    @cached_property
    def compensation_coefficients(self) -> pd.Series:
        """Compensation of employees (VA001) per unit of output (M&B 2009, §6.1.3)."""
        row = next((r for r in COMPENSATION_ROWS if r in self.V.index), None)
        if row is None:
            raise InvalidTableError(
                f"V has no compensation row ({' or '.join(COMPENSATION_ROWS)}).",
                "Give value added by component with compensation of employees as VA001.")
        return self._per_output(pd.Series(self.V.loc[row]), "compensation")

    @cached_property
    def satellite_coefficients(self) -> pd.DataFrame:
        """Stressors per unit of output, :math:`S = F \\hat{x}^{-1}` (pymrio ``S``)."""
        from revitalize.inputoutput.core import coefficients

        if self.satellites.empty:
            return self.satellites.copy()
        return self._frame(coefficients(self.satellites.to_numpy(float),
                                        self.x.to_numpy(float)), self.satellites)

    @cached_property
    def employment_coefficients(self) -> pd.Series:
        """Employment per unit of output (unit: satellite unit per money ``unit``)."""
        if "employment" not in self.satellites.index:
            raise InvalidTableError("The table has no employment satellite.",
                                    "Build it with IOTable.from_nbs(satellites=('employment',)) "
                                    "or pass satellites with a row 'employment'.")
        return pd.Series(self.satellite_coefficients.loc["employment"], name="employment")

    @cached_property
    def household_consumption(self) -> pd.Series:
        """Household consumption of domestic products (sum of the household columns)."""
        cols = list(self.household_columns) or [c for c in HOUSEHOLD_COLUMNS if c in self.Y]
        if "THC" in cols and ("FU101" in cols or "FU102" in cols):
            cols.remove("THC")
        missing = [c for c in cols if c not in self.Y]
        if not cols or missing:
            raise InvalidTableError(
                f"Y has no household consumption column{f' {missing}' if missing else ''} "
                f"(columns: {list(self.Y.columns)}).",
                "Name it FU101/FU102/THC or pass household_columns=(...); for the NBS "
                "42-sector tables use split_consumption=True.")
        return self.Y[cols].sum(axis=1).rename("household_consumption")

    @cached_property
    def household_shares(self) -> pd.Series:
        """Household consumption shares :math:`h_c / i'h_c` (closing the model, M&B §6.1)."""
        hc = self.household_consumption
        return (hc / hc.sum()).rename("household_share")

    # ------------------------------------------------------------------ transformations
    def aggregate(self, mapping: Mapping[Hashable, Hashable] | pd.Series | str,
                  labels: pd.DataFrame | None = None) -> IOTable:
        """The table on a coarser classification (flows and satellites summed).

        Parameters
        ----------
        mapping
            Sector code -> new code (a dict or Series), or ``"42"`` to aggregate an NBS
            149/153-sector table with the derived, exact concordance
            :func:`revitalize.data.io_tables.sector_concordance`. In a multi-regional
            table the mapping applies to the sector level.
        labels
            Labels of the new codes (``name_en``, ``name_zh``); for ``"42"`` the NBS
            names, otherwise the codes.
        """
        return aggregate_table(self, mapping, labels)

    def with_notes(self, *notes: str) -> IOTable:
        """A copy with notes appended (derived properties are recomputed)."""
        return replace(self, notes=(*self.notes, *notes))

    def to_pymrio(self) -> pymrio.IOSystem:
        """This table as a :class:`pymrio.IOSystem` (needs the ``io`` extra)."""
        from revitalize.inputoutput.pymrio_interop import to_pymrio

        return to_pymrio(self)
