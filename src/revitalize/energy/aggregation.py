"""Time aggregation of :class:`~revitalize.energy.inputs.NetworkInputs`.

Two methods, both exact in energy (the weighted sum of every series is preserved):

* **n-hourly** (``"3h"`` or ``3``): consecutive blocks of ``n`` snapshots are replaced by
  their weighted mean; the block's weight is the sum of its members' weights.
  With weights :math:`w_t` and values :math:`x_t`, block :math:`B` gets

  .. math:: w_B = \\sum_{t \\in B} w_t, \\qquad
            x_B = \\frac{\\sum_{t \\in B} w_t x_t}{w_B}

  so :math:`\\sum_B w_B x_B = \\sum_t w_t x_t`. PyPSA multiplies operational terms by
  ``snapshot_weightings`` (Brown et al. 2018, eq. 5), which are set to :math:`w_B`.
* **typical days** (``"typical:N"``): whole days are clustered by k-means
  (:func:`scipy.cluster.vq.kmeans2`, fixed seed) on their normalised load and
  capacity-factor profiles; each cluster is represented by the *mean* of its member
  days (so energy is preserved exactly), stamped with the date of the member day
  closest to that mean (the medoid, which fixes its month for the CHP minimum), and
  weighted by the number of member days. Representative days are kept in date order;
  storage state of charge runs on from one representative day to the next, an
  approximation that ignores the days in between (Kotzur et al. 2018).

The hourly peak load is carried over in ``peak_load`` so reserve margins see the true
peak, not a smoothed one.

References
----------
Brown, T., Hörsch, J. & Schlachtberger, D. (2018). PyPSA: Python for Power System
Analysis. *Journal of Open Research Software* 6(1), 4. doi:10.5334/jors.188
Kotzur, L., Markewitz, P., Robinius, M. & Stolten, D. (2018). Impact of different time
series aggregation methods on optimal energy system design. *Renewable Energy* 117,
474-487. doi:10.1016/j.renene.2017.10.017
"""

from __future__ import annotations

import re

import numpy as np
import pandas as pd

from revitalize.energy.inputs import NetworkInputs
from revitalize.exceptions import InputError

__all__ = ["aggregate", "parse_resolution", "resample_blocks", "typical_days"]


def parse_resolution(resolution: str | int | None) -> tuple[str, int]:
    """Parse ``resolution`` into ``("hourly", 1)``, ``("nhourly", n)`` or ``("typical", N)``.

    Accepted: ``None``, ``1``, ``"1h"`` (no aggregation), ``n`` or ``"nh"`` (n-hourly),
    ``"typical:N"`` (N typical days).
    """
    if resolution is None:
        return ("hourly", 1)
    if isinstance(resolution, bool):
        raise InputError(f"Unknown resolution {resolution!r}.")
    if isinstance(resolution, int | np.integer):
        n = int(resolution)
    else:
        text = str(resolution).strip().lower()
        m = re.fullmatch(r"typical:(\d+)", text)
        if m:
            days = int(m.group(1))
            if days < 1:
                raise InputError("typical:N needs N >= 1 days.")
            return ("typical", days)
        m = re.fullmatch(r"(\d+)\s*h?", text)
        if not m:
            raise InputError(
                f"Unknown resolution {resolution!r}.",
                "Use an hour count (3 or '3h') or 'typical:N' for N typical days.",
            )
        n = int(m.group(1))
    if n < 1:
        raise InputError(f"Resolution must be at least 1 hour; got {n}.")
    return ("hourly", 1) if n == 1 else ("nhourly", n)


def resample_blocks(
    frame: pd.DataFrame, weights: pd.Series, n: int
) -> tuple[pd.DataFrame, pd.Series]:
    """Weighted means over consecutive blocks of ``n`` rows; returns (means, weights).

    Blocks are positional (a trailing block may be shorter) and labelled with the first
    timestamp of the block.
    """
    block = np.arange(len(frame)) // n
    w = weights.to_numpy(dtype=float)
    wsum = np.bincount(block, weights=w)
    vals = frame.to_numpy(dtype=float) * w[:, None]
    sums = np.zeros((wsum.size, vals.shape[1]))
    np.add.at(sums, block, vals)
    labels = frame.index[np.searchsorted(block, np.arange(wsum.size))]
    out = pd.DataFrame(sums / wsum[:, None], index=labels, columns=frame.columns)
    return out, pd.Series(wsum, index=labels, name="weight")


def _day_matrix(values: np.ndarray) -> np.ndarray:
    """Reshape hours x columns into days x 24 x columns."""
    return values.reshape(values.shape[0] // 24, 24, values.shape[1])


def typical_days(inputs: NetworkInputs, n_days: int, seed: int = 0) -> NetworkInputs:
    """Represent the period by ``n_days`` typical days (cluster means, medoid dates)."""
    from scipy.cluster.vq import kmeans2

    idx = inputs.snapshots
    if inputs.weights is not None and not np.allclose(inputs.weights.to_numpy(), 1.0):
        raise InputError("Typical days need hourly inputs; aggregate only once.")
    if len(idx) % 24 or idx[0] != idx[0].normalize() or len(idx) < 48:
        raise InputError(
            "Typical days need whole days of hourly snapshots starting at midnight.",
            f"Got {len(idx)} snapshots starting {idx[0]}.",
        )
    frames: list[pd.DataFrame] = [inputs.load[list(inputs.buses)], inputs.cf]
    if isinstance(inputs.exchange_price, pd.Series):
        frames.append(inputs.exchange_price.to_frame("exchange_price"))
    raw = [_day_matrix(f.to_numpy(dtype=float)) for f in frames]
    scaled = [r / np.where(r.max(axis=(0, 1)) > 0, r.max(axis=(0, 1)), 1.0) for r in raw]
    feats = np.concatenate([s.reshape(s.shape[0], -1) for s in scaled], axis=1)
    days = feats.shape[0]
    _, label = kmeans2(feats, min(n_days, days), seed=seed, minit="++")
    reps: list[int] = []
    members_of: list[np.ndarray] = []
    for c in np.unique(label):
        members = np.flatnonzero(label == c)
        dist = ((feats[members] - feats[members].mean(axis=0)) ** 2).sum(axis=1)
        reps.append(int(members[int(np.argmin(dist))]))
        members_of.append(members)
    order = np.argsort(reps)
    stamps = pd.DatetimeIndex(
        np.concatenate([idx[reps[i] * 24 : reps[i] * 24 + 24] for i in order])
    )
    counts = [float(len(members_of[i])) for i in order]
    weights = pd.Series(np.repeat(counts, 24), index=stamps, name="weight")

    def rep(k: int) -> pd.DataFrame:
        vals = np.concatenate([raw[k][members_of[i]].mean(axis=0) for i in order])
        return pd.DataFrame(vals, index=stamps, columns=frames[k].columns)

    price = rep(2).iloc[:, 0] if len(frames) == 3 else inputs.exchange_price
    return inputs.replace(
        load=rep(0),
        cf=rep(1),
        exchange_price=price,
        weights=weights,
        peak_load=inputs.peak,
        system_peak=inputs.coincident_peak,
        notes=(*inputs.notes, f"{len(order)} typical days (k-means, seed {seed})."),
    )


def aggregate(inputs: NetworkInputs, resolution: str | int | None) -> NetworkInputs:
    """Aggregate ``inputs`` in time (see the module docstring for the methods).

    Parameters
    ----------
    inputs
        Inputs, normally hourly.
    resolution
        ``None`` or ``1`` (keep), ``n`` / ``"nh"`` (n-hourly means), ``"typical:N"``.

    Returns
    -------
    NetworkInputs
        With aggregated ``load``, ``cf`` and ``exchange_price``, ``weights`` set to
        the hours each snapshot represents and ``peak_load`` the hourly peak.
    """
    kind, n = parse_resolution(resolution)
    if kind == "hourly":
        return inputs
    if kind == "typical":
        return typical_days(inputs, n)
    w = inputs.snapshot_hours
    load, wsum = resample_blocks(inputs.load[list(inputs.buses)], w, n)
    cf, _ = resample_blocks(inputs.cf, w, n)
    price = inputs.exchange_price
    if isinstance(price, pd.Series):
        price = resample_blocks(price.to_frame(), w, n)[0].iloc[:, 0]
    return inputs.replace(
        load=load,
        cf=cf,
        exchange_price=price,
        weights=wsum,
        peak_load=inputs.peak,
        system_peak=inputs.coincident_peak,
        notes=(*inputs.notes, f"{n}-hourly means (snapshot weight {n} h)."),
    )
