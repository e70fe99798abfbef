"""What a simulation returns: per-customer records, and summaries with confidence intervals.

:class:`SimulationResult` holds the arrays of :func:`cxlib.queueing.simulate` and estimates the
mean wait, service level, abandonment and utilisation from them, each an
:class:`~cxlib._stats.Estimate` with a confidence interval from independent replications (or
batch means of one long run). :class:`IntervalSummary` gives the same by interval of a day, and
:meth:`SimulationResult.interval_service_levels` each replication's own interval reports.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np

from .. import _checks
from .._results import Result
from .._stats import Estimate, mean_estimate
from ._engines import Schedule

__all__ = ["SimulationResult", "IntervalSummary"]

#: Batches used for a confidence interval from one long run.
BATCHES = 20



@dataclass(frozen=True, repr=False)
class IntervalSummary(Result):
    """Performance by interval of arrival, pooled over replications.

    Every customer is counted in the interval in which they arrived (the warm-up is not
    dropped here: intervals are a time-of-day view). Rates are pooled: for example the service
    level of an interval is all answered-within-target callers of that interval, in every
    replication, over all its callers.

    Attributes
    ----------
    start, end : numpy.ndarray
        Interval bounds, in the time unit of ``aht``.
    arrival_rate, agents : numpy.ndarray
        The model's arrival rate and agents in each interval.
    offered_load : numpy.ndarray
        ``arrival_rate * aht``: the agents' worth of work arriving.
    calls, answered, abandoned : numpy.ndarray
        Mean number of callers per replication who arrived, were answered and hung up.
    mean_wait : numpy.ndarray
        Mean time in queue of the interval's callers (abandoners until they hung up).
    service_level : numpy.ndarray
        Callers answered within ``target``, over all callers of the interval.
    abandon_rate : numpy.ndarray
        Callers who hung up, over all callers of the interval.
    occupancy : numpy.ndarray
        Agent time spent handling calls within the interval, over agent time on shift in it.
        It can exceed 1 a little when agents finish calls after their shift ends.
    target : float
        The service-level target.

    Examples
    --------
    >>> from cxlib.queueing import simulate
    >>> s = simulate(9, 1, 10, customers=4000, replications=20, seed=2).by_interval(
    ...     target=1 / 3, interval=60)
    >>> s.start[:3].tolist(), s.agents[:3].tolist()
    ([0.0, 60.0, 120.0], [10, 10, 10])
    """

    start: np.ndarray
    end: np.ndarray
    arrival_rate: np.ndarray
    agents: np.ndarray
    offered_load: np.ndarray
    calls: np.ndarray
    answered: np.ndarray
    abandoned: np.ndarray
    mean_wait: np.ndarray
    service_level: np.ndarray
    abandon_rate: np.ndarray
    occupancy: np.ndarray
    target: float

    def __len__(self) -> int:
        return len(self.start)

    def __repr__(self) -> str:
        head = (f"{'start':>8} {'agents':>6} {'calls':>8} {'wait':>8} {'SL':>6} "
                f"{'aband':>6} {'occ':>5}")
        rows = [
            f"{s:8.4g} {a:6d} {c:8.2f} {w:8.4g} {sl:6.1%} {ab:6.1%} {o:5.2f}"
            for s, a, c, w, sl, ab, o in zip(
                self.start, self.agents, self.calls, self.mean_wait, self.service_level,
                self.abandon_rate, self.occupancy,
            )
        ]
        if len(rows) > 12:
            rows = rows[:6] + [f"{'...':>8}"] + rows[-5:]
        lines = "\n".join("  " + r for r in [head, *rows])
        return f"IntervalSummary({len(self)} intervals, target {self.target:g};\n{lines})"


def _cumulative_busy(start: np.ndarray, end: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Total busy time before each of ``times``: sum over calls of clip(t - start, 0, length)."""
    st, en = np.sort(start), np.sort(end)
    cs = np.concatenate([[0.0], np.cumsum(st)])
    ce = np.concatenate([[0.0], np.cumsum(en)])
    i = np.searchsorted(st, times, side="left")
    k = np.searchsorted(en, times, side="left")
    return (i * times - cs[i]) - (k * times - ce[k])


@dataclass(frozen=True, repr=False, eq=False)
class SimulationResult(Result):
    """Everything :func:`simulate` computed: per-customer records and the model behind them.

    The per-customer arrays all have shape ``(replications, customers)``; row ``r`` is one
    replication, with customers in arrival order. In a day with intervals, the number of
    callers differs between replications: the arrays are as wide as the busiest replication and
    ``arrived`` is False in the padding (where times are NaN and ``agent`` is -1). All arrays
    are read-only.

    Attributes
    ----------
    arrival_time : numpy.ndarray of float
        When each customer arrived, in the time unit of ``aht``.
    wait : numpy.ndarray of float
        Time in queue: until answered, or until hanging up for an abandoner.
    service_start : numpy.ndarray of float
        When an agent answered; NaN for abandoners.
    handle_time : numpy.ndarray of float
        How long the call took; NaN for abandoners, who were never handled.
    agent : numpy.ndarray of int
        Which agent (0, 1, ...) answered; -1 for abandoners.
    abandoned : numpy.ndarray of bool
        True for customers who hung up before being answered.
    arrived : numpy.ndarray of bool
        True for real customers; False only for padding in a day with intervals.
    arrival_rate, aht, agents, patience, interval
        The model, as given (``arrival_rate`` and ``agents`` per interval in a day).
    warmup : int
        Customers per replication left out of the summaries.
    handle, patience_dist : str
        The handle-time and patience distributions, in words.
    method : str
        The engine used, ``"vector"`` or ``"heap"``.
    forecast_cv : float
        The forecast's uncertainty (0: every replication has the rate given).
    rate_factor : numpy.ndarray or None
        With ``forecast_cv``: each replication's true rate over the forecast.
    redial, redial_delay : float
        The share of callers who hang up and call again, and the mean delay before they do.
    attempt : numpy.ndarray of int or None
        With redials: 0 for a first call, 1 for a first redial, and so on (-1 in padding).

    Examples
    --------
    >>> from cxlib.queueing import simulate
    >>> res = simulate(9, 1, 10, customers=1000, replications=2, seed=1)
    >>> res.wait.shape
    (2, 1000)
    >>> sorted(res.records(0))[:3]
    ['abandoned', 'agent', 'arrival_time']
    """

    arrival_time: np.ndarray
    wait: np.ndarray
    service_start: np.ndarray
    handle_time: np.ndarray
    agent: np.ndarray
    abandoned: np.ndarray
    arrived: np.ndarray
    arrival_rate: float | np.ndarray
    aht: float
    agents: int | np.ndarray
    patience: float | None
    interval: float | None
    warmup: int
    handle: str
    patience_dist: str | None
    method: str
    forecast_cv: float = 0.0
    rate_factor: np.ndarray | None = None
    redial: float = 0.0
    redial_delay: float | None = None
    attempt: np.ndarray | None = None

    # ---- shape and masks -------------------------------------------------------------------

    @property
    def replications(self) -> int:
        return self.wait.shape[0]

    @property
    def customers(self) -> int:
        """Columns of the per-customer arrays (customers per replication)."""
        return self.wait.shape[1]

    @property
    def answered(self) -> np.ndarray:
        """True for customers who reached an agent."""
        return self.arrived & ~self.abandoned

    @property
    def load(self) -> float | np.ndarray:
        """The offered load ``arrival_rate * aht``, in agents' worth of work (per interval)."""
        return self.arrival_rate * self.aht

    @cached_property
    def _schedule(self) -> Schedule | None:
        """The day's shift schedule, built once (None for a steady run)."""
        if self.interval is None:
            return None
        return Schedule.build(self.arrival_rate, self.agents, self.interval)

    def _counted(self) -> np.ndarray:
        mask = self.arrived.copy()
        mask[:, : self.warmup] = False
        return mask

    # ---- summaries --------------------------------------------------------------------------

    def _ratio(self, num: np.ndarray, den: np.ndarray, confidence: float) -> Estimate:
        confidence = _checks.open_unit("confidence", confidence)
        mask = self._counted()
        num = np.where(mask, num, 0.0)
        den = np.where(mask, den, 0.0)
        if self.replications >= 2 or self.interval is not None:
            with np.errstate(invalid="ignore", divide="ignore"):
                units = num.sum(axis=1) / den.sum(axis=1)
            return mean_estimate(units, confidence, "replications")
        x, d = num[0, self.warmup:], den[0, self.warmup:]
        with np.errstate(invalid="ignore", divide="ignore"):
            value = x.sum() / d.sum()
            if len(x) < 2 * BATCHES:
                return mean_estimate(np.array([value]), confidence, "single run")
            cuts = np.linspace(0, len(x), BATCHES + 1).astype(int)[:-1]
            units = np.add.reduceat(x, cuts) / np.add.reduceat(d, cuts)
        return mean_estimate(units, confidence, "batch means", value=value)

    def mean_wait(self, *, answered_only: bool = False, confidence: float = 0.95) -> Estimate:
        """Mean time in queue, with a confidence interval.

        Parameters
        ----------
        answered_only : bool, default False
            False: over all callers, counting abandoners' waits until they hung up (the
            ``mean_wait`` of Erlang A, and Erlang C's average speed of answer when nobody
            hangs up). True: over answered callers only, the ASA that contact centres
            report when some callers hang up.
        confidence : float, default 0.95
            Confidence level of the interval.

        Returns
        -------
        Estimate
            The average over replications of each replication's mean (for one long run, the
            mean over all customers, with an interval from 20 batch means). Customers in the
            warm-up are left out.

        Examples
        --------
        >>> from cxlib.queueing import simulate
        >>> res = simulate(9, 1, 10, customers=5000, replications=50, warmup=500, seed=3)
        >>> est = res.mean_wait()
        >>> bool(est.low < est.value < est.high)
        True
        """
        ones = np.ones(self.wait.shape)
        if answered_only:
            return self._ratio(np.where(self.answered, self.wait, 0.0), self.answered * ones,
                               confidence)
        return self._ratio(self.wait, ones, confidence)

    def service_level(self, target: float, *, confidence: float = 0.95) -> Estimate:
        """Share of callers answered within ``target``: answered in time over *all* arrivals.

        Abandoners count in the denominator, whenever they hung up.

        Parameters
        ----------
        target : float
            The answer-time goal (20 s in an "80/20" goal), in the time unit of ``aht``.
        confidence : float, default 0.95

        Returns
        -------
        Estimate

        Examples
        --------
        >>> from cxlib.queueing import simulate
        >>> res = simulate(9, 1, 10, customers=2000, replications=20, seed=3)
        >>> 0 < res.service_level(1 / 3).value < 1
        True
        """
        target = _checks.nonnegative("target", target)
        good = (self.answered & (self.wait <= target)).astype(float)
        return self._ratio(good, np.ones(good.shape), confidence)

    def abandon_rate(self, *, confidence: float = 0.95) -> Estimate:
        """Share of callers who hung up before being answered.

        Examples
        --------
        >>> from cxlib.queueing import simulate
        >>> res = simulate(9, 1, 9, customers=2000, replications=20, patience=2, seed=3)
        >>> 0 < res.abandon_rate().value < 0.2
        True
        """
        ab = (self.abandoned & self.arrived).astype(float)
        return self._ratio(ab, np.ones(ab.shape), confidence)

    def _busy_window(self):
        """Per replication: window start, window end, agent time on shift in it."""
        R = self.replications
        if self.warmup:
            t0 = self.arrival_time[:, self.warmup]
        else:
            t0 = np.zeros(R)
        if self.interval is None:
            t1 = self.arrival_time[:, -1]
            staffed = self.agents * (t1 - t0)
        else:
            sched = self._schedule
            t1 = np.full(R, sched.end)
            lo, hi = sched.bounds[:-1], sched.bounds[1:]
            overlap = np.clip(hi[None, :], t0[:, None], t1[:, None]) - np.clip(
                lo[None, :], t0[:, None], t1[:, None])
            staffed = overlap @ sched.agents
        return t0, t1, staffed

    def utilization(self, *, confidence: float = 0.95) -> Estimate:
        """Share of the agents' time on shift spent handling calls.

        In a steady run, over the window from time 0 (or the first customer after the warm-up)
        to the last arrival; in a day, over the day's intervals. Calls that spill past the
        window count only for their part inside it.

        Examples
        --------
        >>> from cxlib.queueing import simulate
        >>> res = simulate(9, 1, 10, customers=20000, replications=10, seed=3)
        >>> round(res.utilization().value, 1)
        0.9
        """
        confidence = _checks.open_unit("confidence", confidence)
        start = np.where(self.answered, self.service_start, 0.0)
        end = np.where(self.answered, self.service_start + self.handle_time, 0.0)
        if self.replications >= 2 or self.interval is not None:
            t0, t1, staffed = self._busy_window()
            busy = (np.clip(end, t0[:, None], t1[:, None])
                    - np.clip(start, t0[:, None], t1[:, None])).sum(axis=1)
            with np.errstate(invalid="ignore", divide="ignore"):
                return mean_estimate(busy / staffed, confidence, "replications")
        # One long steady run: batch means over consecutive groups of customers.
        t0, t1, staffed = self._busy_window()
        value = float(
            (np.clip(end, t0[0], t1[0]) - np.clip(start, t0[0], t1[0])).sum() / staffed[0]
        )
        n = self.customers - self.warmup
        if n < 2 * BATCHES:
            return mean_estimate(np.array([value]), confidence, "single run")
        cuts = self.warmup + np.linspace(0, n, BATCHES + 1).astype(int)
        edges = self.arrival_time[0, cuts[:-1]].copy()
        edges[0] = t0[0]
        edges = np.append(edges, t1[0])
        answered = self.answered[0]
        busy = np.diff(_cumulative_busy(start[0, answered], end[0, answered], edges))
        units = busy / (self.agents * np.diff(edges))
        return mean_estimate(units, confidence, "batch means", value=value)

    def _intervals(self, interval: float | None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Interval bounds, arrival rate and agents per interval, for :meth:`by_interval`."""
        sched = self._schedule
        if sched is not None:
            if interval is not None and interval != self.interval:
                raise ValueError(
                    f"interval is fixed by the simulation ({self.interval:g}); leave it out"
                )
            return sched.bounds, sched.rate, sched.agents
        if interval is None:
            raise ValueError(
                "interval is needed for a steady run: say how long each interval is, "
                "for example interval=30 (in the same time unit as aht)"
            )
        interval = _checks.positive("interval", interval)
        J = max(1, math.ceil(float(np.nanmax(self.arrival_time)) / interval))
        return (np.arange(J + 1) * interval, np.full(J, float(self.arrival_rate)),
                np.full(J, int(self.agents)))

    def by_interval(self, target: float, *, interval: float | None = None) -> IntervalSummary:
        """Summaries per interval of arrival time: calls, waits, service level, occupancy.

        Parameters
        ----------
        target : float
            The service-level target, in the time unit of ``aht``.
        interval : float, optional
            The interval length. A day simulated with intervals uses its own; a steady run
            needs one (its intervals then run from 0 to the last arrival).

        Returns
        -------
        IntervalSummary

        Examples
        --------
        >>> from cxlib.queueing import simulate
        >>> res = simulate([4, 9, 6], 1, [5, 10, 7], interval=60, replications=20, seed=1)
        >>> s = res.by_interval(target=1 / 3)
        >>> s.agents.tolist()
        [5, 10, 7]
        >>> bool(s.calls[1] > s.calls[0])
        True
        """
        target = _checks.nonnegative("target", target)
        bounds, rate, agents = self._intervals(interval)
        J = len(bounds) - 1
        R = self.replications
        arrived = self.arrived
        j = np.searchsorted(bounds[1:-1], self.arrival_time[arrived], side="right")
        wait = self.wait[arrived]
        ab = self.abandoned[arrived]
        good = ~ab & (wait <= target)
        calls = np.bincount(j, minlength=J)[:J].astype(float)
        n_ab = np.bincount(j, weights=ab, minlength=J)[:J]
        with np.errstate(invalid="ignore", divide="ignore"):
            mean_wait = np.bincount(j, weights=wait, minlength=J)[:J] / calls
            sl = np.bincount(j, weights=good, minlength=J)[:J] / calls
            ab_rate = n_ab / calls
            ans = self.answered
            busy = np.diff(_cumulative_busy(
                self.service_start[ans], self.service_start[ans] + self.handle_time[ans], bounds
            ))
            occupancy = busy / (R * agents * np.diff(bounds))
        return IntervalSummary(
            start=bounds[:-1], end=bounds[1:], arrival_rate=np.asarray(rate, float),
            agents=np.asarray(agents, np.int64), offered_load=np.asarray(rate, float) * self.aht,
            calls=calls / R, answered=(calls - n_ab) / R, abandoned=n_ab / R,
            mean_wait=mean_wait, service_level=sl, abandon_rate=ab_rate, occupancy=occupancy,
            target=float(target),
        )

    def interval_service_levels(self, target: float, *,
                                interval: float | None = None) -> np.ndarray:
        """Each replication's service level in each interval: one number per half-hourly report.

        :meth:`by_interval` pools the replications, which estimates the *expected* service
        level of each interval. A manager reads one day at a time; this keeps the replications
        apart, so the spread from one report to the next can be seen.

        Parameters
        ----------
        target : float
            The answer-time goal, in the time unit of ``aht``.
        interval : float, optional
            The interval length. A day simulated with intervals uses its own; a steady run
            needs one (its intervals run from 0 to the last arrival).

        Returns
        -------
        numpy.ndarray of float, shape (replications, intervals)
            Callers answered within ``target`` over all callers who arrived in the interval
            (a caller who hangs up counts as a miss). NaN where a replication had no caller
            in the interval and, in a steady run, for the interval holding a replication's
            last caller and every later one: the run stops there, so they are cut short. As in
            :meth:`by_interval`, the warm-up is not dropped.

        Examples
        --------
        >>> import numpy as np
        >>> from cxlib.queueing import simulate
        >>> res = simulate(100 / 30, 3, 14, customers=2000, replications=3, seed=1)
        >>> levels = res.interval_service_levels(1 / 3, interval=30)  # in minutes
        >>> levels.shape[0], bool(np.isnan(levels[:, -1]).all())
        (3, True)
        >>> bool(np.nanstd(levels[:, 1:]) > 0.05)   # half-hours differ by many points
        True
        """
        target = _checks.nonnegative("target", target)
        bounds = self._intervals(interval)[0]
        J, R = len(bounds) - 1, self.replications
        rows, cols = np.nonzero(self.arrived)
        j = np.searchsorted(bounds[1:-1], self.arrival_time[rows, cols], side="right")
        cell = rows * J + j
        good = self.answered[rows, cols] & (self.wait[rows, cols] <= target)
        calls = np.bincount(cell, minlength=R * J).reshape(R, J)
        hits = np.bincount(cell, weights=good, minlength=R * J).reshape(R, J)
        with np.errstate(invalid="ignore", divide="ignore"):
            levels = np.where(calls > 0, hits / calls, np.nan)
        if self.interval is None:  # a steady run stops at each replication's last caller
            last = np.nanmax(np.where(self.arrived, self.arrival_time, np.nan), axis=1)
            cut = np.searchsorted(bounds[1:-1], last, side="right")
            levels[np.arange(J)[None, :] >= cut[:, None]] = np.nan
        return levels

    def queue_length(self, times: Any) -> np.ndarray:
        """How many callers are waiting at each of ``times``, per replication.

        Parameters
        ----------
        times : float or array of float
            Times, in the time unit of ``aht``.

        Returns
        -------
        numpy.ndarray of int, shape ``(replications, len(times))``

        Examples
        --------
        >>> from cxlib.queueing import simulate
        >>> res = simulate(12, 1, 10, customers=3000, seed=1)   # overloaded: 12 > 10
        >>> q = res.queue_length([50, 100, 200])[0]
        >>> bool(q[0] < q[1] < q[2])
        True
        """
        t = np.atleast_1d(_checks.nonnegative("times", times))
        arrive = np.sort(np.where(self.arrived, self.arrival_time, np.inf), axis=1)
        leave = np.sort(np.where(self.arrived, self.arrival_time + self.wait, np.inf), axis=1)
        out = np.empty((self.replications, len(t)), dtype=np.int64)
        for r in range(self.replications):
            out[r] = (np.searchsorted(arrive[r], t, side="right")
                      - np.searchsorted(leave[r], t, side="right"))
        return out

    # ---- records and export ----------------------------------------------------------------

    def records(self, replication: int = 0) -> dict[str, np.ndarray]:
        """One replication's customers as a dict of 1-D arrays (a table for charts).

        Keys: ``customer``, ``arrival_time``, ``wait``, ``service_start``, ``handle_time``,
        ``agent``, ``abandoned``, ``interval`` (the interval of arrival) in a day, and
        ``attempt`` with redials.

        Examples
        --------
        >>> from cxlib.queueing import simulate
        >>> rec = simulate(2, 1, 3, customers=5, seed=7).records()
        >>> rec["customer"].tolist()
        [0, 1, 2, 3, 4]
        """
        if not isinstance(replication, (int, np.integer)) or not (
            0 <= replication < self.replications
        ):
            raise ValueError(
                f"replication must be a whole number from 0 to {self.replications - 1}, "
                f"got {replication!r}"
            )
        keep = self.arrived[replication]
        out = {"customer": np.flatnonzero(keep)}
        for name in ("arrival_time", "wait", "service_start", "handle_time", "agent",
                     "abandoned"):
            out[name] = getattr(self, name)[replication, keep]
        if self.interval is not None:
            out["interval"] = self._schedule.interval_of(out["arrival_time"])
        if self.attempt is not None:
            out["attempt"] = self.attempt[replication, keep]
        return out

    def __repr__(self) -> str:
        if self.interval is None:
            model = (f"arrival rate {self.arrival_rate:g}, aht {self.aht:g}, "
                     f"{self.agents} agents (load {self.arrival_rate * self.aht:.3g})")
        else:
            model = (f"{np.size(self.arrival_rate)} intervals of {self.interval:g}, "
                     f"aht {self.aht:g}, up to {int(np.max(self.agents))} agents")
        pat = "no abandonment" if self.patience is None else (
            f"patience {self.patience_dist} mean {self.patience:g}")
        return (
            f"SimulationResult({self.replications} replications x {self.customers} customers; "
            f"{model}; handle {self.handle}; {pat}; warm-up {self.warmup}; engine "
            f"{self.method}; summaries: mean_wait(), service_level(target), abandon_rate(), "
            "utilization(), by_interval(target))"
        )
