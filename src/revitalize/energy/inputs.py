"""`NetworkInputs`: everything the Northeast power network needs, as labelled pandas.

The container is data only: validation (:meth:`NetworkInputs.validate`, run on
construction) checks labels, units and ranges and says how to fix a bad input; the
network itself is built by :func:`revitalize.energy.network.build_network`.

Units: power MW, energy MWh, money in ``currency`` (the cost table's; EUR for the
PyPSA-China technology data), emissions tCO2. Snapshots are hour-beginning timestamps
in Beijing time; ``weights`` holds the hours each snapshot stands for (1 for hourly
data, n after n-hourly aggregation, see :mod:`revitalize.energy.aggregation`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, NoReturn, cast

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError

__all__ = [
    "BUSES",
    "BUS_COORDS",
    "BUS_NAMES",
    "CARRIERS",
    "COST_PARAMETERS",
    "EXCHANGE",
    "NetworkInputs",
    "SnapshotSelection",
]

BUSES: tuple[str, ...] = ("210000", "220000", "230000", "mengdong")
"""Liaoning, Jilin, Heilongjiang (GB/T 2260 codes) and eastern Inner Mongolia."""

EXCHANGE = "130000"
"""Exchange bus: Hebei, standing for the North China grid."""

BUS_NAMES: Mapping[str, str] = MappingProxyType(
    {
        "210000": "Liaoning",
        "220000": "Jilin",
        "230000": "Heilongjiang",
        "mengdong": "Eastern Inner Mongolia",
        "130000": "North China (Hebei)",
    }
)

BUS_COORDS: Mapping[str, tuple[float, float]] = MappingProxyType(
    {
        "210000": (41.80, 123.43),  # Shenyang
        "220000": (43.88, 125.32),  # Changchun
        "230000": (45.75, 126.63),  # Harbin
        "mengdong": (42.26, 118.89),  # Chifeng, the most populous of the five leagues
        "130000": (38.04, 114.51),  # Shijiazhuang
    }
)
"""(latitude, longitude) of each bus's capital, used for the solar shape."""

CARRIERS: tuple[str, ...] = ("coal", "gas", "hydro", "wind", "solar", "nuclear")
"""Generator carriers that may have existing capacity."""

COST_PARAMETERS: tuple[str, ...] = (
    "investment",
    "fom",
    "vom",
    "lifetime",
    "efficiency",
    "fuel",
    "co2_intensity",
    "discount_rate",
)
"""Columns of ``costs``: investment (currency/MW; per MWh for ``battery storage`` and
``H2 storage``; per MW and km for ``transmission``), fom (% of investment per year),
vom (currency/MWh_el), lifetime (years), efficiency (per unit), fuel (currency/MWh_th),
co2_intensity (tCO2/MWh_th), discount_rate (per unit)."""

_DEFAULT_AVAILABILITY: Mapping[str, float] = MappingProxyType(
    {"coal": 0.9, "gas": 0.9, "nuclear": 0.9, "hydro": 1.0}
)

SnapshotSelection = int | slice | pd.DatetimeIndex | None
"""``None`` (all), ``n`` (the first n), a slice of timestamps, or explicit timestamps."""


def _fail(msg: str, hint: str | None = None) -> NoReturn:
    raise InputError(f"NetworkInputs: {msg}", hint)


@dataclass(frozen=True, eq=False)
class NetworkInputs:
    """Inputs of the Northeast power network, labelled by bus, carrier and snapshot.

    Attributes
    ----------
    buses
        Bus ids of the modelled region (default :data:`BUSES`).
    load
        Snapshots x buses, MW (mean over each snapshot's hours).
    capacity
        Buses x carriers (subset of :data:`CARRIERS`), existing MW.
    cf
        Snapshots x MultiIndex ``(tech, bus)`` with tech ``wind`` or ``solar``: hourly
        availability per unit of capacity, in [0, 1].
    corridors
        Columns ``bus0, bus1, p_nom_mw, length_km``; buses among ``buses`` and
        ``exchange``.
    costs
        Technology x :data:`COST_PARAMETERS` (missing values are NaN).
    potentials
        Buses x technology: the most capacity (MW, existing included) a bus can host;
        NaN means no limit.
    storage
        Existing pumped-hydro power (MW) by bus.
    chp_min
        Buses x month (1-12): share of coal capacity that must run in each snapshot of
        that month (heat-led CHP); 0 outside the heating season.
    exchange
        Bus id of the exchange with North China.
    exchange_price
        Price of energy traded at the exchange (currency/MWh): a scalar or a Series over
        the snapshots. Imports pay ``price + exchange_spread``, exports earn
        ``price - exchange_spread``.
    exchange_capacity_mw
        Largest import and largest export at the exchange bus (MW).
    exchange_spread
        Half the bid-ask spread (wheeling charge) at the exchange, currency/MWh.
    hydro_cf
        Annual capacity factor of existing hydro by bus; hydro generation over the
        modelled hours is limited to ``hydro_cf * p_nom * hours``. None: no limit.
    availability
        Upper bound of output per unit of capacity for dispatchable carriers.
    weights
        Hours each snapshot represents (None: 1 h each).
    peak_load
        Hourly peak load by bus before any aggregation (None: the maximum of ``load``).
    system_peak
        Hourly coincident peak of all buses before any aggregation (None: from ``load``).
    currency
        Currency of ``costs`` and ``exchange_price``.
    year
        Year the inputs describe, if any.
    notes
        Provenance and caveats collected while building the inputs.
    """

    load: pd.DataFrame
    capacity: pd.DataFrame
    cf: pd.DataFrame
    corridors: pd.DataFrame
    costs: pd.DataFrame
    potentials: pd.DataFrame
    storage: pd.Series
    chp_min: pd.DataFrame
    buses: tuple[str, ...] = BUSES
    exchange: str = EXCHANGE
    exchange_price: float | pd.Series = 50.0
    exchange_capacity_mw: float = 0.0
    exchange_spread: float = 2.0
    hydro_cf: pd.Series | None = None
    availability: Mapping[str, float] = field(default_factory=lambda: _DEFAULT_AVAILABILITY)
    weights: pd.Series | None = None
    peak_load: pd.Series | None = None
    system_peak: float | None = None
    currency: str = "EUR"
    year: int | None = None
    notes: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        self.validate()

    # ------------------------------------------------------------------ validation
    def validate(self) -> None:
        """Check labels, ranges and units; raise :class:`InputError` naming the fix."""
        b = list(self.buses)
        if not b or len(set(b)) != len(b):
            _fail(f"buses must be unique and non-empty; got {b}.")
        if self.exchange in b:
            _fail(f"the exchange bus {self.exchange!r} is also a modelled bus.")
        idx = self.load.index
        if not isinstance(idx, pd.DatetimeIndex) or len(idx) == 0 or not idx.is_unique:
            _fail("load needs a unique, non-empty DatetimeIndex of snapshots.")
        if not idx.is_monotonic_increasing:
            _fail("load snapshots must be in time order.", "Sort the frame by its index.")
        missing = [x for x in b if x not in self.load.columns]
        if missing:
            _fail(f"load has no column for bus(es) {missing}.", "Give one column per bus.")
        vals = self.load[b].to_numpy(dtype=float)
        if not np.isfinite(vals).all() or (vals < 0).any():
            _fail("load must be finite and non-negative (MW).")
        unknown = [c for c in self.capacity.columns if c not in CARRIERS]
        if unknown:
            _fail(f"capacity has unknown carrier(s) {unknown}.", f"Use {list(CARRIERS)}.")
        cap = self.capacity.reindex(index=b).fillna(0.0).to_numpy(dtype=float)
        if (cap < 0).any():
            _fail("capacity must be non-negative (MW).")
        self._validate_cf(b)
        self._validate_corridors(b)
        unknown = [c for c in self.costs.columns if c not in COST_PARAMETERS]
        if unknown:
            _fail(f"costs has unknown parameter(s) {unknown}.", f"Use {list(COST_PARAMETERS)}.")
        chp = self.chp_min.reindex(index=b, columns=range(1, 13)).fillna(0.0).to_numpy()
        if (chp < 0).any() or (chp > 1).any():
            _fail("chp_min shares must lie in [0, 1].")
        if isinstance(self.exchange_price, pd.Series) and not self.exchange_price.index.equals(idx):
            _fail("exchange_price as a Series must be indexed by the load snapshots.")
        if self.exchange_capacity_mw < 0 or self.exchange_spread < 0:
            _fail("exchange_capacity_mw and exchange_spread must be non-negative.")
        if self.weights is not None and (
            not self.weights.index.equals(idx) or (self.weights.to_numpy() <= 0).any()
        ):
            _fail("weights must be positive hours indexed by the load snapshots.")
        for name, share in self.availability.items():
            if not 0 < share <= 1:
                _fail(f"availability[{name!r}] = {share} is outside (0, 1].")

    def _validate_cf(self, b: list[str]) -> None:
        cf = self.cf
        if not isinstance(cf.columns, pd.MultiIndex) or cf.columns.nlevels != 2:
            _fail("cf columns must be a MultiIndex (tech, bus).")
        if not cf.index.equals(self.load.index):
            _fail("cf must be indexed by the same snapshots as load.")
        v = cf.to_numpy(dtype=float)
        if not np.isfinite(v).all() or (v < 0).any() or (v > 1 + 1e-9).any():
            _fail("capacity factors must be finite and within [0, 1].")
        for tech in ("wind", "solar"):
            if tech not in self.capacity.columns:
                continue
            need = self.capacity[tech].reindex(b).fillna(0.0)
            for bus in need.index[need > 0]:
                if (tech, bus) not in cf.columns:
                    _fail(
                        f"bus {bus} has {tech} capacity but no ({tech!r}, {bus!r}) profile.",
                        "Add the column to cf or set the capacity to 0.",
                    )

    def _validate_corridors(self, b: list[str]) -> None:
        need = {"bus0", "bus1", "p_nom_mw", "length_km"}
        if not need <= set(self.corridors.columns):
            _fail(f"corridors needs columns {sorted(need)}.")
        ends = set(self.corridors["bus0"]) | set(self.corridors["bus1"])
        stray = sorted(map(str, ends - set(b) - {self.exchange}))
        if stray:
            _fail(f"corridors end at unknown bus(es) {stray}.", f"Use {[*b, self.exchange]}.")
        if (self.corridors["p_nom_mw"].to_numpy(dtype=float) < 0).any():
            _fail("corridor capacities must be non-negative.")

    # ---------------------------------------------------------------- derived views
    @property
    def snapshots(self) -> pd.DatetimeIndex:
        """The snapshots (the index of ``load``)."""
        return pd.DatetimeIndex(self.load.index)

    @property
    def snapshot_hours(self) -> pd.Series:
        """Hours each snapshot stands for (``weights`` or 1)."""
        if self.weights is not None:
            return self.weights.astype(float)
        return pd.Series(1.0, index=self.snapshots)

    @property
    def peak(self) -> pd.Series:
        """Peak load (MW) by bus: ``peak_load`` if given, else the maximum of ``load``."""
        if self.peak_load is not None:
            return self.peak_load.reindex(list(self.buses)).astype(float)
        return self.load[list(self.buses)].max().astype(float)

    @property
    def coincident_peak(self) -> float:
        """Peak of the summed load of all buses (MW): ``system_peak`` if given."""
        if self.system_peak is not None:
            return float(self.system_peak)
        return float(self.load[list(self.buses)].sum(axis=1).max())

    def installed(self, carrier: str) -> pd.Series:
        """Existing capacity (MW) of ``carrier`` by bus, 0 where absent."""
        if carrier not in self.capacity.columns:
            return pd.Series(0.0, index=list(self.buses))
        return self.capacity[carrier].reindex(list(self.buses)).fillna(0.0).astype(float)

    def cost(self, tech: str, param: str, default: float = np.nan) -> float:
        """One cost parameter, or ``default`` where the table lacks it."""
        if tech not in self.costs.index or param not in self.costs.columns:
            return default
        v = float(cast(float, self.costs.at[tech, param]))
        return default if np.isnan(v) else v

    def has_costs(self, tech: str, *params: str) -> bool:
        """Whether ``costs`` holds every parameter in ``params`` for ``tech``."""
        return all(not np.isnan(self.cost(tech, p)) for p in params)

    def potential(self, bus: str, tech: str) -> float:
        """Largest total capacity of ``tech`` at ``bus`` (MW; ``inf`` if unlimited)."""
        if tech not in self.potentials.columns or bus not in self.potentials.index:
            return float("inf")
        v = float(cast(float, self.potentials.at[bus, tech]))
        return float("inf") if np.isnan(v) else v

    def chp_share(self) -> pd.DataFrame:
        """Snapshots x buses: the CHP must-run share in force in each snapshot."""
        chp = self.chp_min.reindex(index=list(self.buses), columns=range(1, 13)).fillna(0.0)
        months = self.snapshots.month
        return pd.DataFrame(
            chp.to_numpy(dtype=float).T[months - 1], index=self.snapshots, columns=chp.index
        )

    # ------------------------------------------------------------------- transforms
    def replace(self, **changes: Any) -> NetworkInputs:
        """A copy with some fields replaced (validated again)."""
        return dataclasses.replace(self, **changes)

    def select(self, snapshots: SnapshotSelection) -> NetworkInputs:
        """Restrict every time series to a subset of the snapshots.

        Parameters
        ----------
        snapshots
            ``None`` (all), an int ``n`` (the first n snapshots), a slice of
            timestamps (``slice("2023-01-01", "2023-01-07")``) or a DatetimeIndex whose
            timestamps all exist.
        """
        if snapshots is None:
            return self
        idx = self.snapshots
        if isinstance(snapshots, int):
            if snapshots < 1:
                _fail(f"snapshots must be a positive count; got {snapshots}.")
            keep = idx[:snapshots]
        elif isinstance(snapshots, slice):
            keep = pd.DatetimeIndex(self.load.loc[snapshots].index)
        else:
            keep = pd.DatetimeIndex(snapshots)
            absent = keep.difference(idx)
            if len(absent):
                _fail(
                    f"{len(absent)} requested snapshot(s) are not in the inputs, "
                    f"first {absent[0]}.",
                    f"The inputs cover {idx[0]} to {idx[-1]}.",
                )
        if len(keep) == 0:
            _fail("the snapshot selection is empty.")
        price = self.exchange_price
        return self.replace(
            load=self.load.loc[keep],
            cf=self.cf.loc[keep],
            exchange_price=price.loc[keep] if isinstance(price, pd.Series) else price,
            weights=None if self.weights is None else self.weights.loc[keep],
            peak_load=self.peak,
            system_peak=self.coincident_peak,
        )

    def aggregate(self, resolution: str | int | None) -> NetworkInputs:
        """Aggregate in time; see :func:`revitalize.energy.aggregation.aggregate`."""
        from revitalize.energy.aggregation import aggregate

        return aggregate(self, resolution)

    @classmethod
    def from_data(
        cls, year: int, snapshots: SnapshotSelection = None, **options: Any
    ) -> NetworkInputs:
        """Inputs for ``year`` from the curated data (:mod:`revitalize.data`).

        See :func:`revitalize.energy.sources.inputs_from_data` for ``options``.
        """
        from revitalize.energy.sources import inputs_from_data

        return inputs_from_data(year, snapshots=snapshots, **options)
