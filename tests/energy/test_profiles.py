"""Hourly shaping of monthly data (:mod:`revitalize.energy.profiles`)."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from revitalize.energy.profiles import (
    clear_sky_irradiance,
    hourly_index,
    load_profile,
    scale_to_monthly_mean,
    solar_elevation,
    solar_profile,
    wind_profile,
)
from revitalize.exceptions import InputError

SHENYANG = (41.80, 123.43)
MONTHLY = pd.Series(
    [0.16, 0.18, 0.2, 0.19, 0.21, 0.21, 0.17, 0.18, 0.19, 0.18, 0.14, 0.13], index=range(1, 13)
)


def test_solar_noon_elevation_matches_textbook() -> None:
    # At the June solstice the noon elevation is 90 - lat + 23.45 (Duffie & Beckman 2013,
    # eq. 1.6.1a with omega = 0); at Shenyang's longitude solar noon is ~11:45 Beijing time.
    times = pd.date_range("2023-06-21", periods=24, freq="h")
    elev = solar_elevation(times, *SHENYANG)
    assert elev.max() == pytest.approx(90 - 41.80 + 23.45, abs=1.5)
    assert elev[0] < 0 and elev[23] < 0  # night
    assert int(np.argmax(elev)) == 11  # the hour 11:00-12:00 contains solar noon


def test_winter_days_are_shorter_than_summer_days() -> None:
    jan = clear_sky_irradiance(
        solar_elevation(pd.date_range("2023-01-15", periods=24, freq="h"), *SHENYANG)
    )
    jun = clear_sky_irradiance(
        solar_elevation(pd.date_range("2023-06-15", periods=24, freq="h"), *SHENYANG)
    )
    assert (jan > 0).sum() < (jun > 0).sum()
    assert jan.sum() < jun.sum()
    assert (clear_sky_irradiance(np.array([-5.0, 0.0])) == 0).all()
    assert clear_sky_irradiance(np.array([90.0]))[0] == pytest.approx(1.1 * 1353 * 0.7, rel=1e-9)


def test_solar_profile_has_monthly_means_and_is_capped() -> None:
    times = hourly_index(2023)
    p = solar_profile(times, MONTHLY, *SHENYANG)
    means = p.groupby(p.index.month).mean()
    np.testing.assert_allclose(means.to_numpy(), MONTHLY.to_numpy(), atol=1e-9)
    assert p.max() <= 1.0 and p.min() >= 0.0
    assert (p[p.index.hour == 0] == 0).all()  # midnight


def test_scale_cap_binds_when_mean_unreachable() -> None:
    times = pd.date_range("2023-01-01", periods=24 * 31, freq="h")
    shape = pd.Series(np.where(times.hour < 6, 1.0, 0.0), index=times)  # 25 % of hours
    out = scale_to_monthly_mean(shape, pd.Series({1: 0.5}))
    assert out.max() == 1.0
    assert out.mean() == pytest.approx(0.25)  # falls short of 0.5, as documented
    with pytest.raises(InputError, match="month 1"):
        scale_to_monthly_mean(shape, pd.Series({2: 0.5}))


def test_wind_profile_constant_by_default_and_diurnal_option() -> None:
    times = hourly_index(2023)
    flat = wind_profile(times, MONTHLY + 0.1)
    assert flat.groupby(flat.index.month).nunique().max() == 1
    cyc = wind_profile(times, MONTHLY + 0.1, diurnal_amplitude=0.2, peak_hour=2)
    np.testing.assert_allclose(cyc.groupby(cyc.index.month).mean(), MONTHLY + 0.1, atol=1e-9)
    day = cyc["2023-07-01"]
    assert day.idxmax().hour in (1, 2) and day.max() > day.min()
    with pytest.raises(InputError):
        wind_profile(times, MONTHLY, diurnal_amplitude=1.5)


def test_load_profile_scales_to_annual_energy() -> None:
    shape = 1 + 0.3 * np.sin(np.arange(8760) / 24 * 2 * np.pi)
    s = load_profile(shape, 266.3, 2023)
    assert len(s) == 8760 and s.sum() == pytest.approx(266.3e6)
    leap = load_profile(shape, 100.0, 2024)
    assert len(leap) == 8784 and leap.sum() == pytest.approx(100e6)
    with pytest.raises(InputError):
        load_profile(np.array([1.0, -1.0] * 20), 1.0, 2023)
