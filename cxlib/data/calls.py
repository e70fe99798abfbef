"""Call logs: a morning of contacts, arrivals per interval, and clock labels.

=============================  ===========================================================
function                       what it gives
=============================  ===========================================================
:func:`morning_call_log`       one seeded morning (08:00 to 12:00) of contacts: arrival time,
                               handle time and channel
:func:`arrivals_per_interval`  counts of arrivals per interval of a chosen length
:func:`clock`                  ``"HH:MM"`` labels for seconds after opening
:func:`opening_minutes`        minutes after midnight of an ``"HH:MM"`` opening time
=============================  ===========================================================

All times are in **seconds** after the log opens.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .. import _checks
from .._results import Result, Table
from ..seeding import Seed, lognormal, streams

__all__ = [
    "CallLog",
    "IntervalCounts",
    "morning_call_log",
    "arrivals_per_interval",
    "clock",
    "opening_minutes",
    "CHANNELS",
]

#: The contact channels in the synthetic logs, in a fixed order.
CHANNELS = ("phone", "chat", "email")


def opening_minutes(opening: str) -> int:
    """Minutes after midnight of an ``"HH:MM"`` opening time (hours 00-23, minutes 00-59).

    >>> opening_minutes("08:30")
    510
    >>> opening_minutes("25:99")
    Traceback (most recent call last):
    ...
    ValueError: opening must be a clock time 'HH:MM' from 00:00 to 23:59, got '25:99'
    """
    try:
        hh, mm = (int(x) for x in opening.split(":"))
        parts = opening.split(":")
    except (AttributeError, ValueError):
        hh = mm = -1
        parts = []
    if not (len(parts) == 2 and all(p.strip().isdigit() for p in parts)
            and 0 <= hh <= 23 and 0 <= mm <= 59):
        raise ValueError(
            f"opening must be a clock time 'HH:MM' from 00:00 to 23:59, got {opening!r}"
        )
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
class CallLog(Table):
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
        super().__post_init__()

    def __repr__(self) -> str:
        hours = self.duration / 3600
        closing = clock(self.duration, self.opening) if self.duration < 86400 else "+1 day"
        by = ", ".join(f"{c} {int(np.sum(self.channel == c))}" for c in CHANNELS)
        return (
            f"CallLog({len(self)} contacts, {self.opening} to {closing} ({hours:g} h); {by}; "
            "arrival_time and handle_time in seconds)"
        )

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
    ValueError: calls_per_hour must be a positive number, got -5

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
        raise ValueError(f"hours must be at most 24, got {_checks._describe(hours)}")
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
        handle[mask] = lognormal(g["handle"], spec.mean_handle, spec.cv_handle, int(mask.sum()))
    return CallLog(arrival, np.round(handle, 1), channel, float(duration))


@dataclass(frozen=True, repr=False)
class IntervalCounts(Result):
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

    Examples
    --------
    >>> c = arrivals_per_interval([10, 20, 950], interval=900, duration=1800)
    >>> c.count.tolist(), c.rate_per_hour.tolist(), c.busiest
    ([2, 1], [8.0, 4.0], 0)
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
