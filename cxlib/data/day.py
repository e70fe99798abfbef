"""A whole weekday of phone calls, simulated call by call behind a call log.

=============================  ===========================================================
function                       what it gives
=============================  ===========================================================
:func:`day_call_log`           a seeded weekday (08:00 to 20:00) of phone calls: a
                               :class:`DayCallLog` with each call's wait, abandonment and
                               agent, made by :func:`cxlib.queueing.simulate`
=============================  ===========================================================

All times are in **seconds** after 08:00.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _checks
from ..seeding import Seed
from .calls import CallLog, clock

__all__ = ["DayCallLog", "day_call_log"]


#: Half-hour intervals of the synthetic day: 08:00 to 20:00.
DAY_INTERVAL = 1800.0
DAY_OPENING = "08:00"
DAY_INTERVALS = 24


def _day_rate_shape() -> np.ndarray:
    """Each half-hour's share of the day's calls, 08:00 to 20:00 (24 values, sum 1).

    A weekday double peak: a quiet start, the main peak at about 10:45, a dip over lunch, a
    second, lower peak at about 14:30, and a long evening decline.
    """
    t = (np.arange(DAY_INTERVALS) + 0.5) * DAY_INTERVAL / 3600.0  # midpoints, hours after 08:00
    shape = (0.25 + 1.0 * np.exp(-0.5 * ((t - 2.75) / 1.1) ** 2)
             + 0.8 * np.exp(-0.5 * ((t - 6.5) / 1.4) ** 2))
    return shape / shape.sum()


@dataclass(frozen=True, repr=False, kw_only=True)
class DayCallLog(CallLog):
    """A simulated day of phone calls: a :class:`CallLog` plus what happened to each call.

    It is a :class:`CallLog` (all contacts are ``"phone"``), so :func:`arrivals_per_interval`
    and :func:`clock` work on it as on any log. All times are in seconds after opening.

    Attributes
    ----------
    arrival_time, handle_time, channel, duration, opening
        As in :class:`CallLog`. ``handle_time`` is NaN for abandoned calls, which nobody
        handled: average it with ``np.nanmean`` or over ``~abandoned``.
    wait : numpy.ndarray of float
        Seconds in queue: until answered, or until the caller hung up.
    abandoned : numpy.ndarray of bool
        True for callers who hung up before an agent answered.
    service_start : numpy.ndarray of float
        When an agent answered; NaN for abandoned calls.
    agent : numpy.ndarray of int
        Which agent answered (0, 1, ...); -1 for abandoned calls.
    calls_per_hour : numpy.ndarray of float
        The arrival rate behind the day, per half-hour interval, in calls per hour.
    agents : numpy.ndarray of int
        Agents on shift in each half-hour interval.
    interval : float
        Interval length in seconds (1800).

    Examples
    --------
    >>> log = day_call_log(seed=7)
    >>> len(log) == len(log.wait) == len(log.to_frame())
    True
    >>> log.agents.shape, log.interval
    ((24,), 1800.0)
    """

    wait: np.ndarray
    abandoned: np.ndarray
    service_start: np.ndarray
    agent: np.ndarray
    calls_per_hour: np.ndarray
    agents: np.ndarray
    interval: float = DAY_INTERVAL

    def __post_init__(self) -> None:
        super().__post_init__()
        n = len(self.arrival_time)
        for name in ("wait", "abandoned", "service_start", "agent"):
            arr = getattr(self, name)
            if len(arr) != n:
                raise ValueError(f"{name} must have one value per call ({n}), got {len(arr)}")

    def __repr__(self) -> str:
        closing = clock(self.duration, self.opening)
        answered = ~self.abandoned
        return (
            f"DayCallLog({len(self)} calls, {self.opening} to {closing} in "
            f"{len(self.agents)} intervals of {self.interval / 60:g} min; "
            f"{self.abandoned.mean():.1%} abandoned, mean wait of answered calls "
            f"{self.wait[answered].mean():.1f} s; times in seconds)"
        )


def day_call_log(
    seed: Seed = None,
    *,
    calls_per_day: float = 2400.0,
    aht: float = 240.0,
    handle_cv: float = 1.0,
    patience: float | None = 300.0,
    agents: np.ndarray | list[int] | None = None,
) -> DayCallLog:
    """One seeded weekday of phone calls, 08:00 to 20:00, simulated call by call.

    The day is built by :func:`cxlib.queueing.simulation.simulate` with these parameters:

    * **Arrivals**: a Poisson process whose rate is constant within each of the 24 half-hours
      and follows a weekday double peak: quiet at 08:00 (under half the day's average rate),
      the main peak near 10:45 (about 1.8 times the average), a dip over lunch, a lower
      second peak near 14:30 (about 1.5 times), and a decline to about a third of the average
      by 19:30. Intraday
      curves of this shape, with calls at the same time of day close to Poisson, are the
      typical pattern of the telephone call centres reviewed by Gans, Koole and Mandelbaum
      (2003) and measured by Brown et al. (2005).
    * **Handle times**: lognormal with mean ``aht`` and coefficient of variation
      ``handle_cv``. Brown et al. (2005) found call-centre service times to be close to
      lognormal; a mean of a few minutes and a standard deviation about as large as the mean
      are typical there.
    * **Patience**: exponential with mean ``patience`` seconds (the Erlang A assumption;
      Brown et al. found real patience is not exactly exponential). With the defaults about
      2 % of callers hang up and about 90 % are answered within 20 s.
    * **Staffing**: unless ``agents`` is given, each half-hour gets the fewest agents that
      answer 80 % of calls within 20 s by Erlang C (:func:`cxlib.queueing.agents_needed`), the
      textbook intraday staffing plan. Agents whose shift ends finish the call in hand.

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        The same seed always gives the same day.
    calls_per_day : float, default 2400
        Expected number of calls over the 12 hours (200 an hour on average).
    aht : float, default 240
        Average handle time (talk plus wrap-up), in seconds.
    handle_cv : float, default 1.0
        Coefficient of variation of handle times (standard deviation / mean).
    patience : float or None, default 300
        Mean patience in seconds; None means nobody hangs up.
    agents : list of 24 ints, optional
        Agents per half-hour from 08:00; by default the Erlang C 80/20 plan above.

    Returns
    -------
    DayCallLog
        One row per call, times in seconds after 08:00.

    Examples
    --------
    >>> log = day_call_log(seed=2024)
    >>> len(log) == len(day_call_log(seed=2024))
    True
    >>> from cxlib.data import arrivals_per_interval
    >>> counts = arrivals_per_interval(log, interval=1800)
    >>> clock(counts.start[counts.busiest])  # the busiest half-hour is mid-morning
    '10:00'
    >>> log.agents[:6].tolist()  # the Erlang C 80/20 plan for 08:00 to 11:00
    [9, 12, 16, 22, 26, 29]
    >>> bool(0 < log.abandoned.mean() < 0.1)
    True
    >>> day_call_log(seed=1, agents=[10] * 23)
    Traceback (most recent call last):
    ...
    ValueError: agents must have one value per half-hour from 08:00 to 20:00 (24 values), got 23

    References
    ----------
    Gans, N., Koole, G. and Mandelbaum, A. (2003). Telephone call centers: tutorial, review,
    and research prospects. *Manufacturing & Service Operations Management* 5(2), 79-141.

    Brown, L., Gans, N., Mandelbaum, A., Sakov, A., Shen, H., Zeltyn, S. and Zhao, L. (2005).
    Statistical analysis of a telephone call center: a queueing-science perspective. *Journal of
    the American Statistical Association* 100(469), 36-50.
    """
    from ..queueing import agents_needed, simulate

    calls_per_day = _checks.positive("calls_per_day", calls_per_day)
    aht = _checks.positive("aht", aht)
    handle_cv = _checks.positive("handle_cv", handle_cv)
    if patience is not None:
        patience = _checks.positive("patience", patience)
    rate = calls_per_day * _day_rate_shape() / DAY_INTERVAL  # calls per second
    if agents is None:
        staff = np.atleast_1d(agents_needed(rate, aht, 20.0, 0.8)).astype(np.int64)
    else:
        staff = np.atleast_1d(_checks.positive_int("agents", agents)).astype(np.int64)
        if staff.shape != (DAY_INTERVALS,):
            raise ValueError(
                "agents must have one value per half-hour from 08:00 to 20:00 "
                f"({DAY_INTERVALS} values), got {staff.size}"
            )
    res = simulate(rate, aht, staff, interval=DAY_INTERVAL, patience=patience,
                   handle="lognormal", handle_cv=handle_cv, seed=seed)
    rec = res.records(0)
    return DayCallLog(
        arrival_time=rec["arrival_time"],
        handle_time=rec["handle_time"],
        channel=np.full(len(rec["arrival_time"]), "phone"),
        duration=DAY_INTERVALS * DAY_INTERVAL,
        opening=DAY_OPENING,
        wait=rec["wait"],
        abandoned=rec["abandoned"],
        service_start=rec["service_start"],
        agent=rec["agent"],
        calls_per_hour=rate * 3600.0,
        agents=staff,
    )
