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

from dataclasses import dataclass

import numpy as np

from .. import _checks
from .._stats import Estimate
from ..seeding import Seed, streams
from . import _redial, _uncertainty
from ._draws import (
    DISTRIBUTIONS, Distribution, _distribution, _Dist, day_arrivals, rate_factors,
    service_times, steady_arrivals,
)
from ._engines import Schedule, pick, run
from .results import IntervalSummary, SimulationResult

__all__ = ["simulate", "SimulationResult", "Estimate", "IntervalSummary", "DISTRIBUTIONS"]

#: The most customer records one call may hold (replications x customers): about 1.5 GB.
MAX_RECORDS = 25_000_000



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
    return rate, staff, Schedule.build(rate, staff, interval)


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
    forecast_cv: float = 0.0,
    redial: float = 0.0,
    redial_delay: float | None = None,
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
    forecast_cv : float, default 0
        The forecast's uncertainty: each replication draws its own true rate (every interval's,
        in a day), gamma-distributed with the given rate as its mean and this coefficient of
        variation. The factors are in ``rate_factor``.
    redial : float, default 0
        The share of callers who hang up and call again (needs ``patience``): each redial is a
        new call after a delay, with its own handle time and patience, and may hang up and
        redial too. The run uses the heap engine.
    redial_delay : float, optional
        The mean delay (exponential) before a caller who hung up calls again, in the time unit
        of ``aht``.

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

    Callers who hang up come back: with half of them redialling a minute later, the lines
    carry more calls than were first offered:

    >>> again = simulate(9, 1, 9, customers=5000, replications=20, patience=1, seed=3,
    ...                  redial=0.5, redial_delay=1)
    >>> bool(again.arrived.sum() > 20 * 5000), int(again.attempt.max()) >= 1
    (True, True)

    Bad input is named:

    >>> simulate(9, 1, 0, customers=100)
    Traceback (most recent call last):
    ...
    ValueError: agents must be a positive integer, got 0

    References
    ----------
    Kiefer, J. and Wolfowitz, J. (1955). On the theory of queues with many servers.
    *Transactions of the American Mathematical Society* 78(1), 1-18.

    Brown, L. et al. (2005). Statistical analysis of a telephone call center: a
    queueing-science perspective. *Journal of the American Statistical Association* 100(469),
    36-50.
    """
    model = _Model.check(arrival_rate, aht, agents, customers=customers,
                         replications=replications, patience=patience, handle=handle,
                         handle_cv=handle_cv, patience_dist=patience_dist,
                         patience_cv=patience_cv, interval=interval, warmup=warmup, method=method,
                         forecast_cv=forecast_cv, redial=redial, redial_delay=redial_delay)
    A, S, P, counts, factors, gens = _draw(model, seed)
    attempt = None
    if model.redial > 0:
        method = "heap"
        out, counts = _redial.run(A, S, P, counts, gens["redial"], model.handle,
                                  model.patience_law, model.redial, model.redial_delay,
                                  model.agents_max, model.schedule)
        A, S, P, attempt = out["arrival"], out["handle"], out["patience"], out["attempt"]
        start, agent, abandoned = out["start"], out["agent"], out["abandoned"]
    else:
        method = pick(model.method, model.replications, patience=P is not None,
                      day=model.schedule is not None)
        start, agent, abandoned = run(method, A, S, P, model.agents_max, model.schedule, counts)
    return _result(model, method, A, S, P, counts, start, agent, abandoned, factors, attempt)


@dataclass(frozen=True)
class _Model:
    """The checked inputs of :func:`simulate`."""

    rate: float | np.ndarray
    aht: float
    staff: int | np.ndarray
    schedule: Schedule | None
    interval: float | None
    customers: int | None
    replications: int
    patience: float | None
    handle: _Dist
    patience_law: _Dist | None
    warmup: int
    method: str
    forecast_cv: float
    redial: float
    redial_delay: float | None

    @property
    def agents_max(self) -> int:
        return int(self.staff) if self.schedule is None else int(self.schedule.agents.max())

    @classmethod
    def check(cls, arrival_rate, aht, agents, *, customers, replications, patience, handle,
              handle_cv, patience_dist, patience_cv, interval, warmup, method, forecast_cv,
              redial, redial_delay) -> "_Model":
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
        if patience is None and (patience_dist != "exponential" or patience_cv is not None):
            raise ValueError(
                "patience_dist and patience_cv describe the callers' patience: give patience "
                "(its mean) too, for example patience=3"
            )
        pdist = None if patience is None else _distribution(
            "patience_dist", patience_dist, patience, patience_cv, "patience_cv", allow_inf=True)
        if customers is not None and replications * customers > MAX_RECORDS:
            raise ValueError(
                f"replications x customers must be at most {MAX_RECORDS:,} records, got "
                f"{replications:,} x {customers:,}; use fewer of either"
            )
        redial, redial_delay = _check_redial(redial, redial_delay, patience, method)
        return cls(rate, aht, staff, sched, None if sched is None else float(interval),
                   customers, replications, patience,
                   _distribution("handle", handle, aht, handle_cv, "handle_cv"), pdist, warmup,
                   method, _uncertainty.check_cv(forecast_cv), redial, redial_delay)


def _check_redial(redial, redial_delay, patience, method) -> tuple[float, float | None]:
    redial = _checks.unit_interval("redial", _checks.scalar("redial", redial, where="simulate"))
    if redial == 0.0:
        if redial_delay is not None:
            raise ValueError("redial_delay needs redial, the share of callers who hang up and "
                             "call again, for example redial=0.5")
        return 0.0, None
    if redial >= 1:
        raise ValueError("redial must be below 1 (a share of those who hang up), got 1: with "
                         "1 every caller would call back for ever")
    if patience is None:
        raise ValueError("redial needs patience: only callers who hang up can call again; "
                         "give patience=... too")
    if redial_delay is None:
        raise ValueError("redial needs redial_delay, the mean time before a caller who hung "
                         "up calls again, in the time unit of aht")
    if method == "vector":
        raise ValueError("method='vector' cannot simulate redials (they change the arrivals "
                         "as the run goes); use method='heap' or 'auto'")
    return redial, _checks.positive("redial_delay", redial_delay)


def _draw(model: _Model, seed: Seed):
    """Arrivals, handle times and patience for every replication, and each one's callers.

    One stream per random process, then one per replication, so replication r's draws do not
    depend on how many replications or customers there are.
    """
    base = streams(seed, ["arrivals", "handle", "patience", "forecast", "redial"])
    gens = {name: g.spawn(model.replications) for name, g in base.items()}
    R = model.replications
    factors = rate_factors(gens["forecast"], model.forecast_cv)
    if model.schedule is None:
        A = steady_arrivals(gens["arrivals"], model.rate * factors, model.customers)
        counts = np.full(R, model.customers, dtype=np.int64)
    else:
        rows = day_arrivals(gens["arrivals"], model.schedule.bounds, model.schedule.rate,
                            model.customers, factors)
        counts = np.array([len(x) for x in rows], dtype=np.int64)
        width = model.customers if model.customers is not None else max(1, int(counts.max()))
        if R * width > MAX_RECORDS:
            raise ValueError(
                f"the day has up to {width:,} callers per replication; replications x callers "
                f"must be at most {MAX_RECORDS:,}: use fewer replications"
            )
        A = np.full((R, width), np.inf)
        for r, x in enumerate(rows):
            A[r, : len(x)] = x
    S, P = service_times(gens, counts, A.shape[1], model.handle, model.patience_law)
    return A, S, P, counts, factors, gens


def _result(model: _Model, method: str, A, S, P, counts, start, agent, abandoned, factors,
            attempt) -> SimulationResult:
    """Per-customer records from the engine's output. Common cases skip the masking."""
    R, n = A.shape
    full = bool((counts == n).all())
    arrived = np.ones((R, n), dtype=bool) if full else np.arange(n)[None, :] < counts[:, None]
    with np.errstate(invalid="ignore"):
        wait = start - A
    if P is not None:
        abandoned &= arrived
        wait = np.where(abandoned, P, wait)
    else:
        abandoned = np.zeros((R, n), dtype=bool)
    if full and P is None:
        arrival_time, service_start, handle_time = A, start, S
    else:
        answered = arrived & ~abandoned
        arrival_time = np.where(arrived, A, np.nan)
        wait[~arrived] = np.nan
        service_start = np.where(answered, start, np.nan)
        handle_time = np.where(answered, S, np.nan)
        agent = np.where(answered, agent, -1)
    sched = model.schedule
    return SimulationResult(
        arrival_time=arrival_time, wait=wait, service_start=service_start,
        handle_time=handle_time, agent=agent.astype(np.int64, copy=False), abandoned=abandoned,
        arrived=arrived, arrival_rate=model.rate if sched is None else sched.rate, aht=model.aht,
        agents=model.staff if sched is None else sched.agents, patience=model.patience,
        interval=model.interval, warmup=model.warmup, handle=model.handle.label,
        patience_dist=None if model.patience_law is None else model.patience_law.label,
        method=method, forecast_cv=model.forecast_cv,
        rate_factor=factors if model.forecast_cv > 0 else None, redial=model.redial,
        redial_delay=model.redial_delay, attempt=attempt,
    )
