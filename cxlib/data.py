"""Synthetic data sets for the course, seeded and made with NumPy alone.

Real contact-centre logs are private, so the course makes its own. Each generator documents the
process behind its data, so a student can check an estimate against the truth that made it.

=============================  ===========================================================
function                       what it makes
=============================  ===========================================================
:func:`morning_call_log`       one morning (08:00 to 12:00) of contacts: arrival time,
                               handle time and channel
:func:`arrivals_per_interval`  counts of arrivals per interval of a chosen length
:func:`day_call_log`           a whole simulated weekday (08:00 to 20:00) of phone calls: a
                               :class:`DayCallLog` with each call's wait, abandonment and
                               agent
=============================  ===========================================================

All times are in **seconds** after the log opens, so a student converts to minutes or hours
explicitly (``x / 60``, ``x / 3600``) and never by accident.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from . import _checks
from .seeding import Seed, streams

__all__ = [
    "CallLog",
    "IntervalCounts",
    "morning_call_log",
    "arrivals_per_interval",
    "clock",
    "opening_minutes",
    "CHANNELS",
    "DayCallLog",
    "day_call_log",
]

#: The contact channels in the synthetic logs, in a fixed order.
CHANNELS = ("phone", "chat", "email")


def opening_minutes(opening: str) -> int:
    """Minutes after midnight of an ``"HH:MM"`` opening time.

    >>> opening_minutes("08:30")
    510
    """
    try:
        hh, mm = (int(x) for x in opening.split(":"))
    except (AttributeError, ValueError):
        raise ValueError(f"opening must look like 'HH:MM', got {opening!r}") from None
    return hh * 60 + mm


def clock(seconds: float | np.ndarray, opening: str = "08:00") -> str | list[str]:
    """Turn seconds after ``opening`` into ``"HH:MM"`` clock labels.

    >>> clock(5400)
    '09:30'
    >>> clock([0, 900], opening="13:00")
    ['13:00', '13:15']
    """
    secs = _checks.nonnegative("seconds", seconds)
    minutes = opening_minutes(opening) + np.floor(np.asarray(secs) / 60.0).astype(int)
    labels = [f"{(m // 60) % 24:02d}:{m % 60:02d}" for m in np.atleast_1d(minutes)]
    return labels[0] if _checks.is_scalar(seconds) else labels


@dataclass(frozen=True, repr=False)
class CallLog:
    """A log of contacts: one row per contact, stored as parallel NumPy arrays.

    Attributes
    ----------
    arrival_time : numpy.ndarray of float
        When each contact arrived, in seconds after the log opens, sorted ascending.
    handle_time : numpy.ndarray of float
        How long an agent spent on it (talk plus wrap-up), in seconds.
    channel : numpy.ndarray of str
        ``"phone"``, ``"chat"`` or ``"email"``.
    duration : float
        How long the log covers, in seconds (4 hours = 14,400 s for a morning).
    opening : str
        The clock time at which the log opens, ``"HH:MM"``.
    """

    arrival_time: np.ndarray
    handle_time: np.ndarray
    channel: np.ndarray
    duration: float
    opening: str = "08:00"
    time_unit: str = field(default="seconds", init=False)

    def __post_init__(self) -> None:
        n = len(self.arrival_time)
        if not (len(self.handle_time) == len(self.channel) == n):
            raise ValueError(
                "arrival_time, handle_time and channel must have the same length, got "
                f"{n}, {len(self.handle_time)} and {len(self.channel)}"
            )
        for arr in (self.arrival_time, self.handle_time, self.channel):
            arr.setflags(write=False)

    def __len__(self) -> int:
        return len(self.arrival_time)

    def __repr__(self) -> str:
        hours = self.duration / 3600
        closing = clock(self.duration, self.opening) if self.duration < 86400 else "+1 day"
        by = ", ".join(f"{c} {int(np.sum(self.channel == c))}" for c in CHANNELS)
        return (
            f"CallLog({len(self)} contacts, {self.opening} to {closing} ({hours:g} h); {by}; "
            "arrival_time and handle_time in seconds)"
        )

    def to_dict(self) -> dict:
        """The log as a dict of plain lists (for JSON, pandas or a chart)."""
        return {
            "arrival_time": self.arrival_time.tolist(),
            "handle_time": self.handle_time.tolist(),
            "channel": self.channel.tolist(),
            "duration": self.duration,
            "opening": self.opening,
        }

    def select(self, channel: str) -> "CallLog":
        """Only the contacts of one channel.

        >>> log = morning_call_log(seed=1)
        >>> set(log.select("chat").channel.tolist())
        {'chat'}
        """
        if channel not in CHANNELS:
            raise ValueError(f"channel must be one of {', '.join(CHANNELS)}; got {channel!r}")
        keep = self.channel == channel
        return CallLog(
            self.arrival_time[keep], self.handle_time[keep], self.channel[keep],
            self.duration, self.opening,
        )


def _morning_rate_shape(t_hours: np.ndarray) -> np.ndarray:
    """Relative arrival intensity over a morning (mean 1 over 0-4 h).

    A quiet start at 08:00, a peak around 10:15, and a shoulder before noon: the usual shape of
    a weekday morning in a consumer contact centre.
    """
    shape = 0.45 + 1.0 * np.exp(-0.5 * ((t_hours - 2.25) / 0.9) ** 2)
    return shape / 0.99587  # the raw shape's mean over [0, 4] hours, so calls_per_hour is the mean


@dataclass(frozen=True)
class _Channel:
    share: float  # share of contacts
    mean_handle: float  # seconds
    cv_handle: float  # coefficient of variation of handle time


_MORNING_CHANNELS = {
    "phone": _Channel(0.70, 240.0, 0.9),
    "chat": _Channel(0.20, 420.0, 0.7),
    "email": _Channel(0.10, 300.0, 1.0),
}


def _lognormal(gen: np.random.Generator, mean: float, cv: float, size: int) -> np.ndarray:
    sigma2 = np.log1p(cv**2)
    return gen.lognormal(np.log(mean) - sigma2 / 2, np.sqrt(sigma2), size)


def morning_call_log(
    seed: Seed = None, *, calls_per_hour: float = 120.0, hours: float = 4.0
) -> CallLog:
    """One seeded morning of contacts at a contact centre that opens at 08:00.

    Arrivals are a non-homogeneous Poisson process, drawn by thinning (Lewis and Shedler,
    1979), with rate :math:`\\lambda(t) = \\bar\\lambda\\, s(t)`, where :math:`\\bar\\lambda` is
    ``calls_per_hour`` and the shape :math:`s(t)` rises from a quiet 08:00 to a peak near
    10:15 (at about 1.46 times the mean, from half the mean at 08:00) and eases off towards noon.

    Each contact is a phone call (70 %), a chat (20 %) or an email (10 %). Handle times are
    lognormal, as in real call centres (Brown et al., 2005), with these means and coefficients of
    variation: phone 240 s (0.9), chat 420 s (0.7), email 300 s (1.0).

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        The same seed always gives the same log.
    calls_per_hour : float, default 120
        The mean arrival rate over the morning, all channels together, in contacts per hour.
    hours : float, default 4
        How long the log covers, in hours (at most 24). The shape repeats its 4-hour pattern
        only once; beyond 4 hours the rate stays near its late-morning level.

    Returns
    -------
    CallLog
        Times in seconds after opening.

    Examples
    --------
    >>> log = morning_call_log(seed=2024)
    >>> len(log) == len(morning_call_log(seed=2024))
    True
    >>> bool(log.arrival_time.max() < 4 * 3600)
    True
    >>> morning_call_log(seed=1, calls_per_hour=-5)
    Traceback (most recent call last):
    ...
    ValueError: calls_per_hour must be a positive number, got -5.0

    References
    ----------
    Lewis, P. A. W. and Shedler, G. S. (1979). Simulation of nonhomogeneous Poisson processes by
    thinning. *Naval Research Logistics Quarterly* 26(3), 403-413.

    Brown, L., Gans, N., Mandelbaum, A., Sakov, A., Shen, H., Zeltyn, S. and Zhao, L. (2005).
    Statistical analysis of a telephone call center: a queueing-science perspective. *Journal of
    the American Statistical Association* 100(469), 36-50.
    """
    calls_per_hour = _checks.positive("calls_per_hour", calls_per_hour)
    hours = _checks.positive("hours", hours)
    if hours > 24:
        raise ValueError(f"hours must be at most 24, got {hours}")
    g = streams(seed, ["arrivals", "thinning", "channel", "handle"])
    duration = hours * 3600.0

    # Thinning: candidates at the peak rate, each kept with probability rate(t) / peak.
    t_grid = np.linspace(0.0, hours, 2001)
    peak = calls_per_hour * _morning_rate_shape(t_grid).max()
    n_candidates = g["arrivals"].poisson(peak * hours)
    candidates = np.sort(g["arrivals"].uniform(0.0, duration, n_candidates))
    accept = g["thinning"].uniform(size=n_candidates) * peak <= calls_per_hour * (
        _morning_rate_shape(candidates / 3600.0)
    )
    arrival = candidates[accept]

    names = np.array(CHANNELS)
    shares = np.array([_MORNING_CHANNELS[c].share for c in CHANNELS])
    channel = names[g["channel"].choice(len(CHANNELS), size=len(arrival), p=shares)]

    handle = np.empty(len(arrival))
    for name in CHANNELS:
        spec = _MORNING_CHANNELS[name]
        mask = channel == name
        handle[mask] = _lognormal(g["handle"], spec.mean_handle, spec.cv_handle, int(mask.sum()))
    return CallLog(arrival, np.round(handle, 1), channel, float(duration))


@dataclass(frozen=True)
class IntervalCounts:
    """Arrivals counted per interval.

    Attributes
    ----------
    start, end : numpy.ndarray of float
        Each interval's bounds, in seconds after opening. The last interval is shorter when the
        interval length does not divide the log's duration.
    count : numpy.ndarray of int
        Arrivals in ``[start, end)``. Arrivals at or after the end of the period are not
        counted.
    interval : float
        The interval length asked for, in seconds.
    """

    start: np.ndarray
    end: np.ndarray
    count: np.ndarray
    interval: float

    @property
    def rate_per_hour(self) -> np.ndarray:
        """Arrivals per hour in each interval (count divided by the interval's width in hours)."""
        return self.count / ((self.end - self.start) / 3600.0)

    @property
    def busiest(self) -> int:
        """Index of the interval with the most arrivals (the earliest one, if tied)."""
        return int(np.argmax(self.count))

    def to_dict(self) -> dict:
        return {
            "start": self.start.tolist(),
            "end": self.end.tolist(),
            "count": self.count.tolist(),
            "interval": self.interval,
        }


def arrivals_per_interval(
    arrival_time: np.ndarray | CallLog, interval: float, duration: float | None = None
) -> IntervalCounts:
    """Count arrivals in consecutive intervals of length ``interval``.

    Parameters
    ----------
    arrival_time : array of float, or CallLog
        Arrival times in seconds after opening. A :class:`CallLog` gives its own times and
        duration.
    interval : float
        Interval length, in seconds (900 for a quarter of an hour).
    duration : float, optional
        The period to cover, in seconds. Defaults to the log's duration; for plain arrival
        times, to whole intervals up to and including the one with the last arrival.

    Returns
    -------
    IntervalCounts

    Examples
    --------
    >>> c = arrivals_per_interval([10, 20, 950, 1900], interval=900, duration=2700)
    >>> c.count.tolist()
    [2, 1, 1]
    >>> c.rate_per_hour.tolist()
    [8.0, 4.0, 4.0]
    >>> arrivals_per_interval([10, 950, 960], interval=900).count.tolist()
    [1, 2]
    >>> arrivals_per_interval([], interval=900)
    Traceback (most recent call last):
    ...
    ValueError: arrival_time must not be empty
    """
    if isinstance(arrival_time, CallLog):
        if duration is None:
            duration = arrival_time.duration
        arrival_time = arrival_time.arrival_time
    times = np.atleast_1d(_checks.nonnegative("arrival_time", arrival_time))
    interval = _checks.positive("interval", interval)
    if duration is None:
        # Whole intervals up to and including the one holding the last arrival.
        duration = (np.floor(times.max() / interval) + 1) * interval
    duration = _checks.positive("duration", duration)
    if interval > duration:
        raise ValueError(
            f"interval must be no longer than duration ({duration:g} s), got {interval:g} s"
        )
    n = int(np.ceil(duration / interval - 1e-9))
    start = np.arange(n) * interval
    end = np.minimum(start + interval, duration)
    # side="right": an arrival exactly at a boundary belongs to the later interval.
    idx = np.searchsorted(start, times, side="right") - 1
    inside = times < duration
    count = np.bincount(idx[inside], minlength=n).astype(np.int64)
    return IntervalCounts(start, end, count, float(interval))


# --------------------------------------------------------------------------------------------
# A whole day, simulated: cxlib.queueing.simulate behind a call log
# --------------------------------------------------------------------------------------------

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
            arr.setflags(write=False)
        self.calls_per_hour.setflags(write=False)
        self.agents.setflags(write=False)

    def __repr__(self) -> str:
        closing = clock(self.duration, self.opening)
        answered = ~self.abandoned
        return (
            f"DayCallLog({len(self)} calls, {self.opening} to {closing} in "
            f"{len(self.agents)} intervals of {self.interval / 60:g} min; "
            f"{self.abandoned.mean():.1%} abandoned, mean wait of answered calls "
            f"{self.wait[answered].mean():.1f} s; times in seconds)"
        )

    def to_dict(self) -> dict:
        """The log as a dict of plain lists (NaN stays NaN)."""
        out = super().to_dict()
        for name in ("wait", "abandoned", "service_start", "agent", "calls_per_hour", "agents"):
            out[name] = getattr(self, name).tolist()
        out["interval"] = self.interval
        return out


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
    from .queueing import agents_needed
    from .queueing.simulation import simulate

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
