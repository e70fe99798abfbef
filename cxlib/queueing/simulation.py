"""Simulate a contact centre, customer by customer.

The Erlang formulas in :mod:`cxlib.queueing` assume Poisson arrivals at a steady rate,
exponential handle times and either infinitely patient callers (Erlang C) or exponentially
patient ones (Erlang A). Real contact centres break all of these. :func:`simulate` drops the
assumptions one at a time, so a student can see what each one was worth.

The model
---------
* Callers arrive as a Poisson process: at a steady ``arrival_rate``, or with a rate that changes
  from interval to interval over a day (a non-homogeneous Poisson process with a piecewise
  constant rate, drawn exactly by inverting its cumulative rate).
* There is one queue, served first come, first served (FCFS) by ``agents`` identical agents.
  A caller who finds several agents free goes to the one who has been free longest (then the
  lowest-numbered one), as automatic call distributors usually do.
* Handle times are independent draws with mean ``aht``: exponential, deterministic, lognormal
  or gamma with a given coefficient of variation, or any sampler you write.
* With ``patience``, every caller has a patience time (exponential with mean ``patience`` unless
  you choose another distribution) and hangs up if not answered by then. The time an abandoning
  caller spent waiting counts in ``wait``.
* Time is continuous, in whatever unit you use for ``aht``; rates are per that unit.

How it is computed, and why it is exact
---------------------------------------
Under FCFS a caller's fate depends only on the callers who arrived before. So callers are taken
in arrival order, keeping each agent's *next free time*. The earliest of those, minus the
arrival time, is the caller's would-be wait (zero if an agent is free). A caller whose patience is
shorter than that wait abandons and never takes an agent; otherwise that agent serves the caller
from ``arrival + wait`` and is next free ``handle_time`` later. This is the multi-server
recursion of Kiefer and Wolfowitz (1955) with the "virtual waiting time" rule for impatient
callers (Baccelli and Hebuterne, 1981): an abandoning caller leaves before reaching the head of
the line, so removing them at arrival changes nobody else's wait. Nothing is discretised and no
clock ticks: the results are exact draws from the model.

The work is bounded by ``customers`` (or by the arrivals in a day), never by time, so an
overloaded system (offered load ``arrival_rate * aht`` at or above ``agents``) runs as fast as a
stable one and shows its queue growing without limit.

A day with intervals
--------------------
Give ``interval`` (the length of one interval) and per-interval ``arrival_rate`` and/or
``agents`` arrays, for example 48 half-hours. The staffing rule is a shift schedule per agent:

* agent ``k`` (counting from 0) is on shift in every interval whose ``agents`` value is more
  than ``k``, so the lowest-numbered agents work the longest days;
* an agent whose shift ends while on a call finishes that call, then is unavailable until the
  next interval in which they are on shift;
* an agent coming on shift is free from the start of the interval;
* after the last interval no new callers arrive, and the last interval's agents stay until
  everyone already waiting has been answered or has hung up.

Replications and speed
----------------------
Replications are independent runs. Each replication ``r`` draws from its own random streams,
split from ``seed`` (one per random process: arrivals, handle times, patience), so replication
0 is the same whatever ``replications`` is, and a longer run starts with the same callers as a
shorter one. Two engines compute the same numbers: a loop over customers that updates all
replications at once with NumPy (fast for many replications), and a heap of agents per
replication (fast for one long run). ``method="auto"`` picks the faster; both give identical
arrays. See ``benchmarks/bench_simulation.py`` for the comparison with Ciw and SimPy.

References
----------
Kiefer, J. and Wolfowitz, J. (1955). On the theory of queues with many servers. *Transactions of
the American Mathematical Society* 78(1), 1-18.

Baccelli, F. and Hebuterne, G. (1981). On queues with impatient customers. In *Performance '81*,
F. J. Kylstra (ed.), North-Holland, 159-179.

Garnett, O., Mandelbaum, A. and Reiman, M. (2002). Designing a call center with impatient
customers. *Manufacturing & Service Operations Management* 4(3), 208-227.

Brown, L., Gans, N., Mandelbaum, A., Sakov, A., Shen, H., Zeltyn, S. and Zhao, L. (2005).
Statistical analysis of a telephone call center: a queueing-science perspective. *Journal of
the American Statistical Association* 100(469), 36-50.

Law, A. M. (2015). *Simulation Modeling and Analysis*, 5th ed. McGraw-Hill. (Non-stationary
Poisson arrivals by inversion; confidence intervals from replications and batch means.)
"""

from __future__ import annotations

import heapq
import math
from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from statistics import NormalDist
from typing import Any, Union

import numpy as np

from .. import _checks
from ..seeding import Seed, streams

__all__ = ["simulate", "SimulationResult", "Estimate", "IntervalSummary", "DISTRIBUTIONS"]

#: Named distributions for ``handle`` and ``patience_dist``.
DISTRIBUTIONS = ("exponential", "deterministic", "lognormal", "gamma")

#: A sampler: ``f(rng, size)`` returns ``size`` non-negative times as a NumPy array.
Sampler = Callable[[np.random.Generator, int], np.ndarray]
Distribution = Union[str, Sampler]

#: The most customer records one call may hold (replications x customers): about 1.5 GB.
MAX_RECORDS = 25_000_000

#: Batches used for a confidence interval from one long run.
BATCHES = 20

#: From this many replications the vectorised engine beats the heap (measured; the day's
#: shift bookkeeping costs the vectorised engine more per customer).
_VECTOR_FROM = {"plain": 12, "patience": 16, "day": 32}


# --------------------------------------------------------------------------------------------
# Confidence intervals: Student's t quantile without SciPy
# --------------------------------------------------------------------------------------------


def _t_two_sided(t: float, df: int) -> float:
    """P(|T| <= t) for Student's t with ``df`` (integer) degrees of freedom.

    The finite sums of Abramowitz and Stegun (1964), 26.7.3 and 26.7.4: exact for integer df.
    """
    theta = math.atan(t / math.sqrt(df))
    c2 = math.cos(theta) ** 2
    if df % 2 == 1:
        if df == 1:
            return 2.0 * theta / math.pi
        term = total = math.cos(theta)
        for k in range(1, (df - 1) // 2):
            term *= c2 * (2 * k) / (2 * k + 1)
            total += term
        return 2.0 / math.pi * (theta + math.sin(theta) * total)
    term = total = 1.0
    for k in range(1, df // 2):
        term *= c2 * (2 * k - 1) / (2 * k)
        total += term
    return math.sin(theta) * total


@lru_cache(maxsize=256)
def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile (p > 0.5) of Student's t distribution with ``df`` degrees of freedom.

    Exact (to about 1e-12) by bisection on the closed-form distribution function for integer df
    up to 1000 (Abramowitz and Stegun, 1964, 26.7.3-4); above that, the Cornish-Fisher expansion
    around the normal quantile (26.7.5), whose error there is below 1e-12.

    >>> round(t_quantile(0.975, 9), 4)
    2.2622
    >>> round(t_quantile(0.975, 1), 4)
    12.7062
    """
    if not 0.5 < p < 1:
        raise ValueError(f"p must be between 0.5 and 1, got {p}")
    z = NormalDist().inv_cdf(p)
    if df > 1000:
        g1 = (z**3 + z) / 4
        g2 = (5 * z**5 + 16 * z**3 + 3 * z) / 96
        g3 = (3 * z**7 + 19 * z**5 + 17 * z**3 - 15 * z) / 384
        g4 = (79 * z**9 + 776 * z**7 + 1482 * z**5 - 1920 * z**3 - 945 * z) / 92160
        return z + g1 / df + g2 / df**2 + g3 / df**3 + g4 / df**4
    target = 2.0 * p - 1.0
    lo, hi = 0.0, max(2.0 * z, 1.0)
    while _t_two_sided(hi, df) < target:
        lo, hi = hi, 2.0 * hi
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if _t_two_sided(mid, df) < target:
            lo = mid
        else:
            hi = mid
        if hi - lo < 1e-13 * hi:
            break
    return 0.5 * (lo + hi)


@dataclass(frozen=True, repr=False)
class Estimate:
    """A simulated quantity with its confidence interval.

    Attributes
    ----------
    value : float
        The estimate: the average over replications (or, for one long run, over all counted
        customers).
    low, high : float
        The confidence interval, ``value -/+ t * std_error``, with Student's t quantile for
        ``units - 1`` degrees of freedom. NaN when there is only one unit (one replication of
        a day).
    std_error : float
        Standard error of ``value``: the standard deviation across units over the square root
        of their number.
    confidence : float
        The confidence level, such as 0.95.
    units : int
        How many independent values the interval is built from.
    method : str
        ``"replications"`` (one value per replication), ``"batch means"`` (one long run cut
        into 20 consecutive batches of customers) or ``"single run"`` (no interval).

    Examples
    --------
    >>> est = simulate(9, 1, 10, customers=2000, replications=30, seed=5).mean_wait()
    >>> bool(est.low < est.value < est.high), est.units, est.method
    (True, 30, 'replications')
    >>> float(est) == est.value
    True
    """

    value: float
    low: float
    high: float
    std_error: float
    confidence: float
    units: int
    method: str

    def __float__(self) -> float:
        return float(self.value)

    @property
    def half_width(self) -> float:
        """Half the width of the confidence interval."""
        return (self.high - self.low) / 2

    def __repr__(self) -> str:
        if math.isnan(self.low):
            return f"Estimate({self.value:.4g}; no interval from a {self.method})"
        what = "replications" if self.method == "replications" else "batches of one run"
        return (
            f"Estimate({self.value:.4g}, {self.confidence:.0%} CI {self.low:.4g} to "
            f"{self.high:.4g}; {self.units} {what})"
        )

    def to_dict(self) -> dict:
        """The fields as a plain dict.

        >>> sorted(Estimate(1.0, 0.9, 1.1, 0.05, 0.95, 20, "replications").to_dict())[:3]
        ['confidence', 'high', 'low']
        """
        return {
            "value": self.value, "low": self.low, "high": self.high,
            "std_error": self.std_error, "confidence": self.confidence,
            "units": self.units, "method": self.method,
        }


def _estimate(units: np.ndarray, confidence: float, method: str, value: float | None = None):
    units = units[np.isfinite(units)]
    m = len(units)
    centre = float(np.mean(units)) if value is None else float(value)
    if m == 0:
        return Estimate(math.nan, math.nan, math.nan, math.nan, confidence, 0, method)
    if m < 2:
        return Estimate(centre, math.nan, math.nan, math.nan, confidence, m, "single run")
    se = float(np.std(units, ddof=1) / math.sqrt(m))
    half = t_quantile(0.5 + confidence / 2, m - 1) * se
    return Estimate(centre, centre - half, centre + half, se, confidence, m, method)


# --------------------------------------------------------------------------------------------
# Random draws
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Dist:
    kind: str  # one of DISTRIBUTIONS, or "sampler"
    mean: float
    cv: float | None
    sampler: Sampler | None
    name: str  # the parameter, for messages
    allow_inf: bool = False

    @property
    def label(self) -> str:
        if self.kind == "sampler":
            return f"sampler {getattr(self.sampler, '__name__', 'function')}"
        if self.cv is not None:
            return f"{self.kind} (cv {self.cv:g})"
        return self.kind

    def draw(self, gen: np.random.Generator, size: int) -> np.ndarray:
        if self.kind == "exponential":
            return gen.exponential(self.mean, size)
        if self.kind == "deterministic":
            return np.full(size, self.mean)
        if self.kind == "lognormal":
            sigma2 = math.log1p(self.cv**2)
            return gen.lognormal(math.log(self.mean) - sigma2 / 2, math.sqrt(sigma2), size)
        if self.kind == "gamma":
            shape = 1.0 / self.cv**2
            return gen.gamma(shape, self.mean / shape, size)
        try:
            out = np.asarray(self.sampler(gen, size), dtype=float)
        except (TypeError, ValueError) as exc:
            raise TypeError(
                f"{self.name} must be a function f(rng, size) that returns size times; "
                f"calling it failed with: {exc}"
            ) from None
        if out.shape != (size,):
            raise ValueError(
                f"{self.name} must return an array of {size} times when called with "
                f"size={size}, got shape {out.shape}"
            )
        bad = np.isnan(out) | (out < 0)
        if not self.allow_inf:
            bad |= np.isinf(out)
        if bad.any():
            i = int(np.flatnonzero(bad)[0])
            raise ValueError(
                f"{self.name} must return non-negative times, got {out[i]!r} at index {i}"
            )
        return out


def _distribution(name: str, dist: Any, mean: float, cv: Any, cv_name: str, allow_inf=False):
    if callable(dist):
        if cv is not None:
            raise ValueError(f"{cv_name} does not apply to a sampler function; leave it out")
        return _Dist("sampler", mean, None, dist, name, allow_inf)
    if not isinstance(dist, str) or dist not in DISTRIBUTIONS:
        raise ValueError(
            f"{name} must be one of {', '.join(map(repr, DISTRIBUTIONS))} or a function "
            f"f(rng, size), got {dist!r}"
        )
    if dist in ("lognormal", "gamma"):
        if cv is None:
            raise ValueError(
                f"{name}={dist!r} needs {cv_name}, the coefficient of variation (standard "
                f"deviation / mean), for example {cv_name}=1.0"
            )
        cv = _checks.positive(cv_name, cv)
    elif cv is not None:
        raise ValueError(
            f"{cv_name} only applies to 'lognormal' and 'gamma'; {dist} times have a fixed "
            f"coefficient of variation ({1 if dist == 'exponential' else 0})"
        )
    return _Dist(dist, mean, cv, None, name, allow_inf)


# --------------------------------------------------------------------------------------------
# The day's schedule
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Schedule:
    bounds: np.ndarray  # J + 1 interval boundaries, from 0
    rate: np.ndarray  # J arrival rates
    agents: np.ndarray  # J agent counts
    on: np.ndarray  # (J, cmax) bool: agent k on shift in interval j
    nxt: np.ndarray  # (J, cmax): start of k's next shift after interval j (inf: none)
    since: np.ndarray  # (J, cmax): start of the shift that covers interval j (NaN if off)

    @property
    def inner(self) -> np.ndarray:
        return self.bounds[1:-1]

    @property
    def end(self) -> float:
        return float(self.bounds[-1])

    def interval_of(self, t: np.ndarray) -> np.ndarray:
        """Index of the interval holding each time; times after the day map to the last."""
        return np.searchsorted(self.inner, t, side="right")

    @classmethod
    def build(cls, rate: np.ndarray, agents: np.ndarray, interval: float) -> "_Schedule":
        J = len(rate)
        bounds = np.arange(J + 1) * float(interval)
        cmax = int(agents.max())
        on = agents[:, None] > np.arange(cmax)[None, :]
        nxt = np.full((J, cmax), np.inf)
        upcoming = np.full(cmax, np.inf)
        for j in range(J - 1, -1, -1):
            nxt[j] = upcoming
            upcoming = np.where(on[j], bounds[j], upcoming)
        since = np.full((J, cmax), np.nan)
        run = np.full(cmax, np.nan)
        for j in range(J):
            started = bounds[j] if j == 0 else np.where(on[j - 1], run, bounds[j])
            run = np.where(on[j], started, np.nan)
            since[j] = run
        return cls(bounds, rate, agents, on, nxt, since)

    def initial_free(self) -> np.ndarray:
        return np.where(self.on[0], 0.0, self.nxt[0])


# --------------------------------------------------------------------------------------------
# The two engines. Both take arrivals A, handle times S and patience P (or None) as
# (replications, n) arrays, with the real customers of row r in its first counts[r] columns
# (padding has A = inf), and return service (or abandonment) start, agent and abandoned.
# --------------------------------------------------------------------------------------------


def _run_vector(A, S, P, agents: int, sched: _Schedule | None):
    R, n = A.shape
    c = agents if sched is None else sched.on.shape[1]
    F = np.zeros((R, c)) if sched is None else np.tile(sched.initial_free(), (R, 1))
    Ff = F.reshape(-1)
    base = np.arange(R) * c
    START = np.empty((R, n))
    K = np.empty((R, n), dtype=np.intp)
    AB = np.zeros((R, n), dtype=bool)
    idx = np.empty(R, dtype=np.intp)
    m = np.empty(R)
    fin = np.empty(R)
    if sched is not None:
        prev = np.zeros(R, dtype=np.intp)
        on, nxt, since, inner = sched.on, sched.nxt, sched.since, sched.inner
    # Work through the customers in blocks of columns, transposed so that customer i of every
    # replication is one contiguous row: cache-friendly, and no full-size transposes.
    block = max(1, min(n, 2**18 // R))
    with np.errstate(invalid="ignore"):
        for i0 in range(0, n, block):
            i1 = min(n, i0 + block)
            At = np.ascontiguousarray(A[:, i0:i1].T)
            St = np.ascontiguousarray(S[:, i0:i1].T)
            Pt = None if P is None else np.ascontiguousarray(P[:, i0:i1].T)
            Tt = np.empty((i1 - i0, R))
            Kt = np.empty((i1 - i0, R), dtype=np.intp)
            ABt = np.zeros((i1 - i0, R), dtype=bool)
            if Pt is None and sched is None:
                # The common case, kept lean: six NumPy calls per customer.
                for i in range(i1 - i0):
                    k = Kt[i]
                    F.argmin(axis=1, out=k)
                    np.add(base, k, out=idx)
                    Ff.take(idx, out=m)
                    start = Tt[i]
                    np.maximum(m, At[i], out=start)
                    np.add(start, St[i], out=fin)
                    Ff[idx] = fin
            else:
                JA = None if sched is None else sched.interval_of(At)
                for i in range(i1 - i0):
                    a = At[i]
                    if JA is not None:
                        j = JA[i]
                        crossed = j != prev
                        if crossed.any():
                            # New interval: idle agents now off shift wait for their next
                            # shift; idle agents on shift have been free since it began.
                            rows = np.flatnonzero(crossed)
                            jr = j[rows]
                            Fr = F[rows]
                            ready = np.where(on[jr], np.maximum(Fr, since[jr]), nxt[jr])
                            F[rows] = np.where(Fr < a[rows, None], ready, Fr)
                            prev = j
                    k = Kt[i]
                    F.argmin(axis=1, out=k)
                    np.add(base, k, out=idx)
                    Ff.take(idx, out=m)
                    start = Tt[i]
                    np.maximum(m, a, out=start)
                    np.add(start, St[i], out=fin)
                    done = fin
                    if sched is not None:
                        jf = np.searchsorted(inner, fin, side="right")
                        done = np.where(on[jf, k], fin, nxt[jf, k])
                    if Pt is not None:
                        ab = ABt[i]
                        np.less(Pt[i], start - a, out=ab)
                        done = np.where(ab, m, done)
                    Ff[idx] = done
            START[:, i0:i1] = Tt.T
            K[:, i0:i1] = Kt.T
            AB[:, i0:i1] = ABt.T
    return START, K, AB


def _run_heap(A, S, P, agents: int, sched: _Schedule | None, counts: np.ndarray):
    R, n = A.shape
    START = np.full((R, n), np.nan)
    K = np.full((R, n), -1, dtype=np.intp)
    AB = np.zeros((R, n), dtype=bool)
    replace = heapq.heapreplace
    if sched is not None:
        on, nxt, since = sched.on.tolist(), sched.nxt.tolist(), sched.since.tolist()
        inner = sched.inner.tolist()
        free0 = sched.initial_free().tolist()
    for r in range(R):
        N = int(counts[r])
        a_list, s_list = A[r, :N].tolist(), S[r, :N].tolist()
        starts = [0.0] * N
        who = [0] * N
        if P is None and sched is None:
            heap = [(0.0, k) for k in range(agents)]
            for i in range(N):
                f, k = heap[0]
                a = a_list[i]
                t = f if f > a else a
                replace(heap, (t + s_list[i], k))
                starts[i] = t
                who[i] = k
            AB_r = None
        else:
            p_list = None if P is None else P[r, :N].tolist()
            AB_r = [False] * N
            if sched is None:
                heap = [(0.0, k) for k in range(agents)]
            else:
                heap = [(free0[k], k) for k in range(len(free0))]
                heapq.heapify(heap)
                ja = sched.interval_of(A[r, :N]).tolist()
                prev = 0
            for i in range(N):
                a = a_list[i]
                if sched is not None and ja[i] != prev:
                    j = prev = ja[i]
                    on_j, nxt_j, since_j = on[j], nxt[j], since[j]
                    heap = [
                        (f if f >= a else (max(f, since_j[k]) if on_j[k] else nxt_j[k]), k)
                        for f, k in heap
                    ]
                    heapq.heapify(heap)
                f, k = heap[0]
                if f > a:
                    if p_list is not None and p_list[i] < f - a:
                        AB_r[i] = True
                        starts[i] = f
                        who[i] = k
                        continue
                    t = f
                else:
                    t = a
                done = t + s_list[i]
                if sched is not None:
                    jf = bisect_right(inner, done)
                    if not on[jf][k]:
                        done = nxt[jf][k]
                replace(heap, (done, k))
                starts[i] = t
                who[i] = k
        START[r, :N] = starts
        K[r, :N] = who
        if AB_r is not None:
            AB[r, :N] = AB_r
    return START, K, AB


# --------------------------------------------------------------------------------------------
# Results
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class IntervalSummary:
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

    def to_dict(self) -> dict:
        """The columns as a dict of plain lists, one entry per interval."""
        out = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = value.tolist() if isinstance(value, np.ndarray) else value
        return out


def _cumulative_busy(start: np.ndarray, end: np.ndarray, times: np.ndarray) -> np.ndarray:
    """Total busy time before each of ``times``: sum over calls of clip(t - start, 0, length)."""
    st, en = np.sort(start), np.sort(end)
    cs = np.concatenate([[0.0], np.cumsum(st)])
    ce = np.concatenate([[0.0], np.cumsum(en)])
    i = np.searchsorted(st, times, side="left")
    k = np.searchsorted(en, times, side="left")
    return (i * times - cs[i]) - (k * times - ce[k])


@dataclass(frozen=True, repr=False, eq=False)
class SimulationResult:
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

    Examples
    --------
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

    def __post_init__(self) -> None:
        for name in ("arrival_time", "wait", "service_start", "handle_time", "agent",
                     "abandoned", "arrived"):
            getattr(self, name).setflags(write=False)

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

    @property
    def _schedule(self) -> _Schedule | None:
        if self.interval is None:
            return None
        return _Schedule.build(self.arrival_rate, self.agents, self.interval)

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
            return _estimate(units, confidence, "replications")
        x, d = num[0, self.warmup:], den[0, self.warmup:]
        with np.errstate(invalid="ignore", divide="ignore"):
            value = x.sum() / d.sum()
            if len(x) < 2 * BATCHES:
                return _estimate(np.array([value]), confidence, "single run")
            cuts = np.linspace(0, len(x), BATCHES + 1).astype(int)[:-1]
            units = np.add.reduceat(x, cuts) / np.add.reduceat(d, cuts)
        return _estimate(units, confidence, "batch means", value=value)

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
                return _estimate(busy / staffed, confidence, "replications")
        # One long steady run: batch means over consecutive groups of customers.
        t0, t1, staffed = self._busy_window()
        value = float(
            (np.clip(end, t0[0], t1[0]) - np.clip(start, t0[0], t1[0])).sum() / staffed[0]
        )
        n = self.customers - self.warmup
        if n < 2 * BATCHES:
            return _estimate(np.array([value]), confidence, "single run")
        cuts = self.warmup + np.linspace(0, n, BATCHES + 1).astype(int)
        edges = self.arrival_time[0, cuts[:-1]].copy()
        edges[0] = t0[0]
        edges = np.append(edges, t1[0])
        answered = self.answered[0]
        busy = np.diff(_cumulative_busy(start[0, answered], end[0, answered], edges))
        units = busy / (self.agents * np.diff(edges))
        return _estimate(units, confidence, "batch means", value=value)

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
        >>> res = simulate([4, 9, 6], 1, [5, 10, 7], interval=60, replications=20, seed=1)
        >>> s = res.by_interval(target=1 / 3)
        >>> s.agents.tolist()
        [5, 10, 7]
        >>> bool(s.calls[1] > s.calls[0])
        True
        """
        target = _checks.nonnegative("target", target)
        sched = self._schedule
        if sched is not None:
            if interval is not None and interval != self.interval:
                raise ValueError(
                    f"interval is fixed by the simulation ({self.interval:g}); leave it out"
                )
            bounds, rate, agents = sched.bounds, sched.rate, sched.agents
        else:
            if interval is None:
                raise ValueError(
                    "interval is needed for a steady run: say how long each interval is, "
                    "for example interval=30 (in the same time unit as aht)"
                )
            interval = _checks.positive("interval", interval)
            last = float(np.nanmax(self.arrival_time))
            J = max(1, math.ceil(last / interval))
            bounds = np.arange(J + 1) * interval
            rate = np.full(J, float(self.arrival_rate))
            agents = np.full(J, int(self.agents))
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
        ``agent``, ``abandoned``, and ``interval`` (the interval of arrival) in a day.

        Examples
        --------
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
        return out

    def to_dict(self) -> dict:
        """All fields as plain Python values and nested lists (large for long runs).

        >>> d = simulate(2, 1, 3, customers=4, replications=2, seed=7).to_dict()
        >>> len(d["wait"]), len(d["wait"][0]), d["agents"]
        (2, 4, 3)
        """
        out = {}
        for name in self.__dataclass_fields__:
            value = getattr(self, name)
            out[name] = value.tolist() if isinstance(value, np.ndarray) else value
        return out

    def __repr__(self) -> str:
        if self.interval is None:
            model = (f"arrival rate {self.arrival_rate:g}, aht {self.aht:g}, "
                     f"{self.agents} agents (load {self.arrival_rate * self.aht:.3g})")
        else:
            model = (f"{np.size(self._schedule.rate)} intervals of {self.interval:g}, "
                     f"aht {self.aht:g}, up to {int(np.max(self.agents))} agents")
        pat = "no abandonment" if self.patience is None else (
            f"patience {self.patience_dist} mean {self.patience:g}")
        return (
            f"SimulationResult({self.replications} replications x {self.customers} customers; "
            f"{model}; handle {self.handle}; {pat}; warm-up {self.warmup}; "
            f"mean wait {self.mean_wait().value:.4g}, abandoned "
            f"{self.abandon_rate().value:.1%}, utilization {self.utilization().value:.3f})"
        )


# --------------------------------------------------------------------------------------------
# simulate
# --------------------------------------------------------------------------------------------


def _per_interval(arrival_rate, agents, interval):
    """Validate rate and agents; return (rate, agents, schedule or None)."""
    rate_scalar, agents_scalar = _checks.is_scalar(arrival_rate), _checks.is_scalar(agents)
    if interval is None:
        if not rate_scalar or not agents_scalar:
            which = "arrival_rate" if not rate_scalar else "agents"
            n = np.size(arrival_rate if not rate_scalar else agents)
            raise ValueError(
                f"{which} has {n} values, one per interval: give the interval length too, "
                "for example interval=30 (in the same time unit as aht)"
            )
        return (_checks.positive("arrival_rate", arrival_rate),
                _checks.positive_int("agents", agents), None)
    interval = _checks.positive("interval", interval)
    for name, value in (("arrival_rate", arrival_rate), ("agents", agents)):
        if np.ndim(value) > 1:
            raise ValueError(
                f"{name} must be a number or a 1-D list with one value per interval, got an "
                f"array of shape {np.shape(value)}"
            )
    if not rate_scalar and not agents_scalar and np.size(arrival_rate) != np.size(agents):
        raise ValueError(
            "arrival_rate and agents must have one value per interval each, got "
            f"{np.size(arrival_rate)} and {np.size(agents)} values"
        )
    rate = np.atleast_1d(_checks.nonnegative("arrival_rate", arrival_rate))
    if not rate.any():
        raise ValueError("arrival_rate must be positive in at least one interval, got all zeros")
    staff = np.atleast_1d(_checks.positive_int("agents", agents)).astype(np.int64)
    J = max(len(rate), len(staff))
    rate, staff = np.broadcast_to(rate, J).copy(), np.broadcast_to(staff, J).copy()
    return rate, staff, _Schedule.build(rate, staff, interval)


def simulate(
    arrival_rate: float | np.ndarray,
    aht: float,
    agents: int | np.ndarray,
    *,
    customers: int | None = None,
    replications: int = 1,
    patience: float | None = None,
    seed: Seed = None,
    handle: Distribution = "exponential",
    handle_cv: float | None = None,
    patience_dist: Distribution = "exponential",
    patience_cv: float | None = None,
    interval: float | None = None,
    warmup: int = 0,
    method: str = "auto",
) -> SimulationResult:
    """Simulate a first-come-first-served contact centre, customer by customer.

    Parameters
    ----------
    arrival_rate : float or array of float
        Calls per unit time (the time unit of ``aht``). With ``interval``, one rate per
        interval (zero allowed, for a closed interval): still calls per unit time, not calls
        per interval.
    aht : float
        Average handle time, the mean of the handle-time distribution.
    agents : int or array of int
        Number of agents, at least 1; with ``interval``, one number per interval (see the
        module docstring for who is on shift and what happens when a shift ends).
    customers : int, optional
        Customers per replication; required for a steady run. In a day with ``interval`` the
        day decides (the arrivals of each replication); if given, it caps each replication at
        its first ``customers`` callers.
    replications : int, default 1
        Independent runs. Summaries get confidence intervals from the spread between them.
    patience : float, optional
        Mean patience. None (the default) means nobody hangs up.
    seed : int, numpy.random.Generator or None
        The same seed gives the same arrays.
    handle : str or callable, default "exponential"
        Handle-time distribution with mean ``aht``: ``"exponential"``, ``"deterministic"``,
        ``"lognormal"`` or ``"gamma"`` (the last two need ``handle_cv``), or a sampler
        ``f(rng, size)`` that returns ``size`` non-negative times; a sampler's draws are used as
        they are, so make their mean ``aht``.
    handle_cv : float, optional
        Coefficient of variation (standard deviation / mean) for lognormal or gamma handle
        times. Real call centres show lognormal handle times (Brown et al., 2005).
    patience_dist : str or callable, default "exponential"
        Patience distribution with mean ``patience``, chosen as for ``handle`` (a sampler may
        also return ``inf`` for callers who never hang up).
    patience_cv : float, optional
        Coefficient of variation for lognormal or gamma patience.
    interval : float, optional
        Length of one interval of a day (30 for half-hours in minutes). Turns on the
        day mode: the run lasts ``len(arrival_rate) * interval`` and arrivals follow the
        per-interval rates.
    warmup : int, default 0
        Customers at the start of each replication to leave out of the summaries (the system
        starts empty, which flatters the first customers). The arrays keep them.
    method : {"auto", "vector", "heap"}, default "auto"
        The engine: "vector" updates all replications at once per customer, "heap" runs one
        replication at a time. Both give the same arrays; "auto" picks the faster for the
        model: "vector" from 12 replications up (16 with patience, 32 in a day).

    Returns
    -------
    SimulationResult
        Per-customer arrays of shape ``(replications, customers)`` and summaries with
        confidence intervals: :meth:`~SimulationResult.mean_wait`,
        :meth:`~SimulationResult.service_level`, :meth:`~SimulationResult.abandon_rate`,
        :meth:`~SimulationResult.utilization` and :meth:`~SimulationResult.by_interval`.

    Raises
    ------
    ValueError
        For a non-positive rate, AHT or patience, fewer than one agent, per-interval arrays of
        different lengths, or a sampler returning negative times. An overloaded system is not
        an error: its queue grows, and the run still ends after ``customers`` customers.

    Examples
    --------
    Nine calls a minute, a one-minute AHT and ten agents (an M/M/10 queue), 200 replications:

    >>> res = simulate(9, 1, 10, customers=5000, replications=200, warmup=500, seed=42)
    >>> res.wait.shape
    (200, 5000)
    >>> res.mean_wait()
    Estimate(0.66, 95% CI 0.63 to 0.70; 200 replications)

    Erlang C says 0.6687. Lognormal handle times with the same mean but a coefficient of
    variation of 1.5 make the queue worse; impatient callers make it shorter:

    >>> slow = simulate(9, 1, 10, customers=5000, replications=200, warmup=500, seed=42,
    ...                 handle="lognormal", handle_cv=1.5)
    >>> bool(slow.mean_wait().value > res.mean_wait().value)
    True
    >>> impatient = simulate(9, 1, 10, customers=5000, replications=200, seed=42, patience=2)
    >>> round(impatient.abandon_rate().value, 2)
    0.07

    A morning of four half-hours (in minutes) with the staffing following the calls:

    >>> day = simulate([3, 6, 9, 5], 1, [4, 8, 11, 7], interval=30, replications=100, seed=1)
    >>> day.by_interval(target=1 / 3).agents.tolist()
    [4, 8, 11, 7]

    Bad input is named:

    >>> simulate(9, 1, 0, customers=100)
    Traceback (most recent call last):
    ...
    ValueError: agents must be a positive integer, got 0.0

    References
    ----------
    Kiefer, J. and Wolfowitz, J. (1955). On the theory of queues with many servers.
    *Transactions of the American Mathematical Society* 78(1), 1-18.

    Brown, L. et al. (2005). Statistical analysis of a telephone call center: a
    queueing-science perspective. *Journal of the American Statistical Association* 100(469),
    36-50.
    """
    rate, staff, sched = _per_interval(arrival_rate, agents, interval)
    aht = _checks.positive("aht", aht)
    replications = _checks.positive_int("replications", replications)
    if patience is not None:
        patience = _checks.positive("patience", patience)
    if customers is not None:
        customers = _checks.positive_int("customers", customers)
    elif sched is None:
        raise ValueError(
            "customers is needed for a steady arrival rate: say how many callers each "
            "replication should have, for example customers=10_000"
        )
    warmup = _checks.nonnegative_int("warmup", warmup)
    if customers is not None and warmup >= customers:
        raise ValueError(
            f"warmup must be less than customers ({customers}), got {warmup}: the summaries "
            "need customers after the warm-up"
        )
    if method not in ("auto", "vector", "heap"):
        raise ValueError(f"method must be 'auto', 'vector' or 'heap', got {method!r}")
    hdist = _distribution("handle", handle, aht, handle_cv, "handle_cv")
    if patience is None:
        if patience_dist != "exponential" or patience_cv is not None:
            raise ValueError(
                "patience_dist and patience_cv describe the callers' patience: give patience "
                "(its mean) too, for example patience=3"
            )
        pdist = None
    else:
        pdist = _distribution("patience_dist", patience_dist, patience, patience_cv,
                              "patience_cv", allow_inf=True)
    if customers is not None and replications * customers > MAX_RECORDS:
        raise ValueError(
            f"replications x customers must be at most {MAX_RECORDS:,} records, got "
            f"{replications:,} x {customers:,}; use fewer of either"
        )

    # Random streams: one per process, then one per replication, so replication r's draws
    # do not depend on how many replications or customers there are.
    base = streams(seed, ["arrivals", "handle", "patience"])
    gens = {name: g.spawn(replications) for name, g in base.items()}

    R = replications
    if sched is None:
        counts = np.full(R, customers, dtype=np.int64)
        A = np.empty((R, customers))
        for r, g in enumerate(gens["arrivals"]):
            np.cumsum(g.exponential(1.0 / rate, customers), out=A[r])
        rows = [A[r] for r in range(R)]
    else:
        widths = np.diff(sched.bounds)
        cum = np.concatenate([[0.0], np.cumsum(sched.rate * widths)])
        rows = []
        for g in gens["arrivals"]:
            n = int(g.poisson(cum[-1]))
            u = np.sort(g.uniform(0.0, cum[-1], n))
            if customers is not None:
                u = u[:customers]
            j = np.minimum(np.searchsorted(cum, u, side="right") - 1, len(widths) - 1)
            rows.append(sched.bounds[j] + (u - cum[j]) / sched.rate[j])
        counts = np.array([len(x) for x in rows], dtype=np.int64)
        width = customers if customers is not None else max(1, int(counts.max()))
        if R * width > MAX_RECORDS:
            raise ValueError(
                f"the day has up to {width:,} callers per replication; replications x callers "
                f"must be at most {MAX_RECORDS:,}: use fewer replications"
            )
        A = np.full((R, width), np.inf)
        for r, x in enumerate(rows):
            A[r, : len(x)] = x
    n = A.shape[1]
    S = np.zeros((R, n))
    P = None if pdist is None else np.full((R, n), np.inf)
    for r in range(R):
        N = int(counts[r])
        S[r, :N] = hdist.draw(gens["handle"][r], N)
        if P is not None:
            P[r, :N] = pdist.draw(gens["patience"][r], N)

    c = int(staff) if sched is None else int(sched.agents.max())
    if method == "auto":
        kind = "day" if sched is not None else ("plain" if P is None else "patience")
        method = "vector" if R >= _VECTOR_FROM[kind] else "heap"
    if method == "vector":
        START, K, AB = _run_vector(A, S, P, c, sched)
    else:
        START, K, AB = _run_heap(A, S, P, c, sched, counts)

    # Per-customer records. The common cases (everyone arrived, nobody abandoned) skip masking.
    full = bool((counts == n).all())
    arrived = np.ones((R, n), dtype=bool) if full else np.arange(n)[None, :] < counts[:, None]
    with np.errstate(invalid="ignore"):
        wait = START - A
    if P is not None:
        AB &= arrived
        wait = np.where(AB, P, wait)
    else:
        AB = np.zeros((R, n), dtype=bool)
    if full and P is None:
        arrival_time, service_start, handle_time, agent = A, START, S, K
    else:
        answered = arrived & ~AB
        arrival_time = np.where(arrived, A, np.nan)
        wait[~arrived] = np.nan
        service_start = np.where(answered, START, np.nan)
        handle_time = np.where(answered, S, np.nan)
        agent = np.where(answered, K, -1)
    return SimulationResult(
        arrival_time=arrival_time,
        wait=wait,
        service_start=service_start,
        handle_time=handle_time,
        agent=agent.astype(np.int64, copy=False),
        abandoned=AB,
        arrived=arrived,
        arrival_rate=rate if sched is None else sched.rate,
        aht=aht,
        agents=staff if sched is None else sched.agents,
        patience=patience,
        interval=None if sched is None else float(interval),
        warmup=warmup,
        handle=hdist.label,
        patience_dist=None if pdist is None else pdist.label,
        method=method,
    )
