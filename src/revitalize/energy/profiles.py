"""Hourly profiles shaped from monthly data: solar, wind and load.

No redistributable hourly wind or solar series exist for the Northeast, so hourly
availability is *shaped* from published monthly capacity factors (utilisation hours):

* **solar** - a clear-sky shape from the sun's elevation at the bus's capital, computed
  with textbook astronomy (no external data), scaled so that each month's mean equals
  the monthly capacity factor (hourly values capped at 1);
* **wind** - constant within a month by default (``diurnal_amplitude=0``). A cosine
  diurnal modulation can be switched on; it is *not* the default because no hourly
  measurements for the region back a particular phase or amplitude;
* **load** - the PyPSA-China (PIK) provincial 8,760-hour shape scaled to the year's
  reported consumption.

All timestamps are naive Beijing time (UTC+8), hour-beginning; quantities refer to the
hour's mid-point.

References
----------
Cooper, P. I. (1969). The absorption of radiation in solar stills. *Solar Energy* 12(3),
333-346 (declination).
Spencer, J. W. (1971). Fourier series representation of the position of the sun.
*Search* 2(5), 172.
Meinel, A. B. & Meinel, M. P. (1976). *Applied Solar Energy*. Addison-Wesley (clear-sky
beam irradiance ``1353 * 0.7 ** (AM ** 0.678)``).
Duffie, J. A. & Beckman, W. A. (2013). *Solar Engineering of Thermal Processes*, 4th ed.,
ch. 1-2 (hour angle, equation of time, elevation).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from revitalize.exceptions import InputError

__all__ = [
    "clear_sky_irradiance",
    "hourly_index",
    "load_profile",
    "scale_to_monthly_mean",
    "solar_elevation",
    "solar_profile",
    "wind_profile",
]

SOLAR_CONSTANT = 1353.0  # W/m2, as used by Meinel & Meinel (1976)
TZ_MERIDIAN = 120.0  # degrees east: Beijing time is UTC+8


def hourly_index(year: int) -> pd.DatetimeIndex:
    """Hour-beginning timestamps of calendar ``year`` (8,760 or 8,784 hours)."""
    return pd.date_range(f"{year}-01-01", f"{year + 1}-01-01", freq="h", inclusive="left")


def solar_elevation(times: pd.DatetimeIndex, lat: float, lon: float) -> np.ndarray:
    """Solar elevation angle (degrees) at the mid-point of each hour.

    .. math::

        \\delta = 23.45^\\circ \\sin\\bigl(2\\pi (284 + n) / 365\\bigr), \\qquad
        B = 2\\pi (n - 81) / 364,

        E = 9.87 \\sin 2B - 7.53 \\cos B - 1.5 \\sin B \\ \\text{(minutes)},

        t_s = t_{clock} + 4 (\\lambda - 120^\\circ) / 60 + E / 60, \\qquad
        \\omega = 15^\\circ (t_s - 12),

        \\sin\\alpha = \\sin\\varphi \\sin\\delta + \\cos\\varphi\\cos\\delta\\cos\\omega

    with ``n`` the day of the year, :math:`\\varphi` latitude, :math:`\\lambda`
    longitude (degrees east) and :math:`t_{clock}` Beijing time in hours (Cooper 1969;
    Duffie & Beckman 2013, eqs. 1.5.3, 1.6.1a, 1.6.5).

    Parameters
    ----------
    times
        Hour-beginning timestamps in Beijing time.
    lat, lon
        Latitude and longitude in degrees (north, east).
    """
    n = times.day_of_year.to_numpy(dtype=float)
    hour = times.hour.to_numpy(dtype=float) + times.minute.to_numpy(dtype=float) / 60 + 0.5
    decl = np.deg2rad(23.45) * np.sin(2 * np.pi * (284 + n) / 365)
    b = 2 * np.pi * (n - 81) / 364
    eot = 9.87 * np.sin(2 * b) - 7.53 * np.cos(b) - 1.5 * np.sin(b)
    solar_time = hour + 4 * (lon - TZ_MERIDIAN) / 60 + eot / 60
    omega = np.deg2rad(15 * (solar_time - 12))
    phi = np.deg2rad(lat)
    sin_alpha = np.sin(phi) * np.sin(decl) + np.cos(phi) * np.cos(decl) * np.cos(omega)
    return np.asarray(np.rad2deg(np.arcsin(np.clip(sin_alpha, -1, 1))), dtype=float)


def clear_sky_irradiance(elevation_deg: np.ndarray) -> np.ndarray:
    """Clear-sky global horizontal irradiance (W/m2) from the solar elevation.

    .. math::

        AM = 1 / \\sin\\alpha, \\qquad
        G = 1.1 \\cdot 1353 \\cdot 0.7^{AM^{0.678}} \\sin\\alpha
        \\quad (\\alpha > 0), \\qquad G = 0 \\text{ otherwise}

    (Meinel & Meinel 1976 beam model, with 10 % diffuse added).
    """
    sin_a = np.sin(np.deg2rad(np.asarray(elevation_deg, dtype=float)))
    out: np.ndarray = np.zeros_like(sin_a)
    up = sin_a > 1e-3
    air_mass = 1.0 / sin_a[up]
    out[up] = 1.1 * SOLAR_CONSTANT * 0.7 ** (air_mass**0.678) * sin_a[up]
    return out


def scale_to_monthly_mean(shape: pd.Series, monthly: pd.Series, *, cap: float = 1.0) -> pd.Series:
    """Scale a non-negative hourly shape so that each month's mean equals ``monthly``.

    For month :math:`m` find :math:`k_m \\ge 0` with

    .. math:: \\frac{1}{|H_m|} \\sum_{h \\in H_m} \\min(k_m s_h, c) = \\bar{f}_m

    by bisection (the left side is continuous and non-decreasing in :math:`k_m`).
    When :math:`\\bar{f}_m` cannot be reached because of the cap (the share of hours
    with :math:`s_h > 0` is below :math:`\\bar{f}_m / c`) every such hour is set to the
    cap and the month's mean falls short.

    Parameters
    ----------
    shape
        Hourly shape indexed by a DatetimeIndex.
    monthly
        Target means indexed by month number 1-12. Months absent or NaN raise.
    cap
        Upper bound of every hourly value.
    """
    if not isinstance(shape.index, pd.DatetimeIndex):
        raise InputError("The hourly shape needs a DatetimeIndex.")
    values = shape.to_numpy(dtype=float)
    if (values < 0).any():
        raise InputError("An hourly shape must be non-negative.")
    out = np.zeros_like(values)
    months = shape.index.month.to_numpy()
    for m in np.unique(months):
        target = float(monthly.get(int(m), np.nan))
        if not np.isfinite(target) or target < 0:
            raise InputError(
                f"No valid monthly mean for month {int(m)} (got {target}).",
                "Give a non-negative value for every month that the snapshots cover.",
            )
        sel = months == m
        s = values[sel]
        if target == 0 or s.max() <= 0:
            continue
        positive = s > 0
        if target >= cap * positive.mean():  # unreachable: every productive hour at cap
            out[sel] = np.where(positive, cap, 0.0)
            continue
        lo = hi = target / s.mean()  # mean(min(lo s, cap)) <= target
        while np.minimum(hi * s, cap).mean() < target:
            hi *= 2.0  # terminates: the cap is reachable in every productive hour
        for _ in range(60):
            mid = 0.5 * (lo + hi)
            if np.minimum(mid * s, cap).mean() < target:
                lo = mid
            else:
                hi = mid
        out[sel] = np.minimum(hi * s, cap)
    return pd.Series(out, index=shape.index, name=shape.name)


def solar_profile(
    times: pd.DatetimeIndex, monthly_cf: pd.Series, lat: float, lon: float
) -> pd.Series:
    """Hourly solar capacity factors from monthly means and a clear-sky shape.

    :math:`f_h = \\min(k_m G_h, 1)` with :math:`G_h` from :func:`clear_sky_irradiance`
    at :func:`solar_elevation` and :math:`k_m` from :func:`scale_to_monthly_mean`.
    Cloudiness enters only through the monthly mean; day-to-day weather variability is
    absent, so the profile understates the need for flexibility.
    """
    shape = pd.Series(clear_sky_irradiance(solar_elevation(times, lat, lon)), index=times)
    return scale_to_monthly_mean(shape, monthly_cf)


def wind_profile(
    times: pd.DatetimeIndex,
    monthly_cf: pd.Series,
    *,
    diurnal_amplitude: float = 0.0,
    peak_hour: float = 2.0,
) -> pd.Series:
    """Hourly wind capacity factors from monthly means.

    .. math::

        s_h = 1 + a \\cos\\bigl(2\\pi (t_h - t_{peak}) / 24\\bigr), \\qquad
        f_h = \\min(k_m s_h, 1)

    scaled by :func:`scale_to_monthly_mean`. The default :math:`a = 0` gives a value
    constant within each month (the documented default: no hourly wind data exist for
    the region, and a made-up diurnal cycle would be no better supported). With
    ``diurnal_amplitude`` > 0 the cycle peaks at ``peak_hour`` (default 02:00, the
    nocturnal low-level-jet maximum typical of hub heights in continental interiors).

    Notes
    -----
    A constant profile has no synoptic variability, so storage and backup needs are
    understated; treat planning results as optimistic for wind integration.
    """
    if not 0 <= diurnal_amplitude < 1:
        raise InputError(
            f"diurnal_amplitude must lie in [0, 1); got {diurnal_amplitude}.",
            "Use 0 for no diurnal cycle, or e.g. 0.15 for +-15 %.",
        )
    hours = times.hour.to_numpy(dtype=float) + 0.5
    shape = 1 + diurnal_amplitude * np.cos(2 * np.pi * (hours - peak_hour) / 24)
    return scale_to_monthly_mean(pd.Series(shape, index=times), monthly_cf)


def load_profile(shape: pd.Series | np.ndarray, annual_twh: float, year: int) -> pd.Series:
    """Hourly load (MW) for ``year`` from a reference shape and annual consumption.

    .. math:: L_h = s_h \\cdot \\frac{E \\cdot 10^6}{\\sum_{h'} s_{h'}}

    with :math:`E` in TWh (so :math:`\\sum_h L_h = 10^6 E` MWh). The shape is taken by
    position: a leap year repeats the shape's last 24 hours; a shape longer than the
    year is truncated.

    Parameters
    ----------
    shape
        Reference hourly shape (e.g. the PyPSA-China 8,760 h series), any units.
    annual_twh
        Annual consumption in TWh.
    year
        Calendar year of the result's index.
    """
    s = np.asarray(shape, dtype=float)
    times = hourly_index(year)
    if s.size < 24 or not np.isfinite(s).all() or (s < 0).any() or s.sum() <= 0:
        raise InputError(
            "The load shape must be at least 24 finite, non-negative hourly values.",
            "Pass the 8,760-hour reference series.",
        )
    while s.size < len(times):
        s = np.concatenate([s, s[-24:]])
    s = s[: len(times)]
    return pd.Series(s * annual_twh * 1e6 / s.sum(), index=times, name="load_mw")
