r"""The service-recovery model, simulated customer by customer over periods (seeded).

:func:`simulate` follows a cohort of customers through ``periods`` periods. In each period every
customer still there may have a service failure; a failing customer complains or stays silent;
a complaint is resolved at the first contact or after repeat contacts (or never); a remedy above
the approval limit waits for a supervisor, with the wait drawn from the exact Erlang C law of
:func:`cxlib.recovery.approval_queue` (or, if the desk is overloaded, decided with probability
``decided_share``, never quickly); and the customer stays or leaves with the reported
retention of the path they ended on. Every failure is a row of a :class:`FailureLog`.

The waits are *drawn* from the steady-state law; the supervisors' queue itself is not simulated
request by request. So the simulation checks the model's path arithmetic, not Erlang C (for
the queue's own dynamics, use :func:`cxlib.queueing.simulate`).

The simulation makes no approximation of its own, so its averages converge to the exact values
of :func:`cxlib.recovery.expected_outcome`; the tests check that they fall within a few standard
errors. It earns its keep where the formulas stop: distributions (of satisfaction, of hours to
resolution, of cost) and a complaint log to analyse.

Random draws come from one stream per process (``seeding.streams``): failures, complaints,
stakes, first contacts, repeat contacts, the approval queue, reviews and the stay-or-leave
decision. The same seed gives the same customers; changing one setting leaves the draws of
the other processes as they were.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._results import Result, Table
from .._stats import Estimate, normal_estimate
from ..seeding import Seed, lognormal, streams
from .expected import ApprovalQueue, _scenario, approval_queue
from .scenario import PATHS, Scenario

__all__ = ["FailureLog", "RecoverySimulation", "simulate"]

_STREAMS = ["failure", "complaint", "stake", "first_contact", "repeat", "queue", "review", "stay"]


@dataclass(frozen=True, repr=False)
class FailureLog(Table):
    """One row per service failure in a simulation (``to_frame()`` gives a DataFrame).

    Attributes
    ----------
    period : numpy.ndarray of int
        1 for the first period.
    customer : numpy.ndarray of int
        Which customer of the cohort (0 to ``customers - 1``).
    first : numpy.ndarray of bool
        The customer's first failure.
    complained : numpy.ndarray of bool
    stake : numpy.ndarray of float
        Money at stake.
    contacts : numpy.ndarray of int
        Contacts the complaint took (0 for a silent customer).
    escalated : numpy.ndarray of bool
        The remedy went to a supervisor for approval.
    wait : numpy.ndarray of float
        Working hours in the approval queue (NaN if not escalated; ``inf`` if the queue is
        unstable: its wait grows without end).
    hours : numpy.ndarray of float
        Working hours from the first contact to the resolution (NaN if silent, ``inf`` if
        unresolved, or if decided by an overloaded desk, ever later).
    path : numpy.ndarray of str
        ``"silent"``, ``"unresolved"``, ``"resolved"`` or ``"resolved quickly"``.
    satisfaction : numpy.ndarray of float
        With the recovery, 1 = as with no failure (NaN if silent).
    paradox : numpy.ndarray of bool
        Earned the recovery-paradox bonus.
    stayed : numpy.ndarray of bool
    cost : numpy.ndarray of float
        Cost of the recovery: contacts, remedy (with leakage) and supervisor time.

    Examples
    --------
    >>> log = simulate(Scenario(), customers=1000, seed=3).failures
    >>> frame = log.to_frame()
    >>> len(frame) == len(log), bool((frame.contacts[~frame.complained] == 0).all())
    (True, True)
    """

    period: np.ndarray
    customer: np.ndarray
    first: np.ndarray
    complained: np.ndarray
    stake: np.ndarray
    contacts: np.ndarray
    escalated: np.ndarray
    wait: np.ndarray
    hours: np.ndarray
    path: np.ndarray
    satisfaction: np.ndarray
    paradox: np.ndarray
    stayed: np.ndarray
    cost: np.ndarray

    def __repr__(self) -> str:
        counts = ", ".join(f"{p} {int(np.sum(self.path == p))}" for p in PATHS)
        return f"FailureLog({len(self)} failures: {counts})"


def _mean(values: np.ndarray, *, share: bool = False) -> Estimate:
    """The mean of independent values with a normal interval (a share stays within 0 and 1)."""
    x = np.asarray(values, dtype=float)
    n = x.size
    if n == 0:
        return Estimate(np.nan, np.nan, np.nan, np.nan, 0.95, 0, "normal")
    se = float(np.std(x, ddof=1) / np.sqrt(n)) if n > 1 else np.nan
    bounds = {"low": 0.0, "high": 1.0} if share else {}
    if not np.isfinite(se):
        return Estimate(float(x.mean()), np.nan, np.nan, np.nan, 0.95, n, "normal")
    return normal_estimate(float(x.mean()), se, units=n, **bounds)


@dataclass(frozen=True, repr=False)
class RecoverySimulation(Result):
    """A simulated cohort, from :func:`simulate`: survivors per period and every failure.

    Attributes
    ----------
    scenario : Scenario
    customers, periods : int
    survivors : numpy.ndarray of int
        Customers still there at the start and after each period (``periods + 1`` values).
    failures : FailureLog
        One row per failure.
    queue : ApprovalQueue
        The approval queue whose exact wait law the simulation drew from.

    Every method returns an :class:`~cxlib._stats.Estimate`: the value with a 95 % normal
    interval (customers and failures are independent, so the standard error is the sample
    standard deviation over the square root of the count).
    """

    scenario: Scenario
    customers: int
    periods: int
    survivors: np.ndarray
    failures: FailureLog
    queue: ApprovalQueue

    def retention(self) -> Estimate:
        """Share of the cohort still customers after the last period.

        >>> from cxlib.recovery import expected_outcome
        >>> est = simulate(Scenario(), customers=2000, seed=1).retention()
        >>> abs(est.value - expected_outcome(Scenario()).retention) < 4 * est.std_error
        True
        """
        kept = np.zeros(self.customers)
        kept[: int(self.survivors[-1])] = 1.0
        return _mean(kept, share=True)

    def path_shares(self) -> dict[str, Estimate]:
        """Share of all failures that ended on each path.

        >>> sim = simulate(Scenario(), customers=2000, seed=1)
        >>> sorted(sim.path_shares())[0]
        'resolved'
        """
        return {p: _mean(self.failures.path == p, share=True) for p in PATHS}

    def retention_after_failure(self, *, first: bool = True) -> Estimate:
        """Share of customers who stayed after a first (or, ``first=False``, a later) failure.

        >>> sim = simulate(Scenario(), customers=2000, seed=1)
        >>> 0.3 < sim.retention_after_failure().value < 0.5
        True
        """
        log = self.failures
        return _mean(log.stayed[log.first == first], share=True)

    def retention_by_path(self) -> dict[str, Estimate]:
        """Share who stayed, among the failures on each path.

        >>> sim = simulate(Scenario(), customers=2000, seed=1)
        >>> round(sim.retention_by_path()["silent"].value, 1)
        0.1
        """
        log = self.failures
        return {p: _mean(log.stayed[log.path == p], share=True) for p in PATHS}

    def cost_per_failure(self) -> Estimate:
        """Mean cost of recovery per failure (silent failures cost nothing).

        >>> simulate(Scenario(), customers=2000, seed=1).cost_per_failure().value > 0
        True
        """
        return _mean(self.failures.cost)

    def mean_contacts(self) -> Estimate:
        """Mean contacts per complaint.

        >>> 1 < simulate(Scenario(), customers=2000, seed=1).mean_contacts().value < 2
        True
        """
        log = self.failures
        return _mean(log.contacts[log.complained])

    def mean_satisfaction(self, *, first: bool = True) -> Estimate:
        """Mean satisfaction with the recovery, over complaints on first (or later) failures.

        >>> 0 < simulate(Scenario(), customers=2000, seed=1).mean_satisfaction().value < 1
        True
        """
        log = self.failures
        return _mean(log.satisfaction[log.complained & (log.first == first)])

    def mean_wait(self) -> Estimate:
        """Mean hours an escalated request waited for a supervisor (NaN if none waited or the
        queue is unstable).

        >>> simulate(Scenario(), customers=2000, seed=1).mean_wait().value >= 0
        True
        """
        log = self.failures
        return _mean(log.wait[log.escalated & np.isfinite(log.wait)])

    def paradox_share(self) -> Estimate:
        """Share of first failures that earned the paradox bonus.

        >>> simulate(Scenario(paradox=True), customers=2000, seed=1).paradox_share().value > 0
        True
        """
        log = self.failures
        return _mean(log.paradox[log.first], share=True)

    def __repr__(self) -> str:
        return (f"RecoverySimulation({self.customers} customers over {self.periods} periods: "
                f"{len(self.failures)} failures, {int(self.survivors[-1])} customers left)")


def _repeats(u: np.ndarray, p: float) -> np.ndarray:
    """Contacts after the first until one resolves: geometric on 1, 2, ... (inf if p = 0)."""
    if p >= 1.0:
        return np.ones(u.shape)
    if p <= 0.0:
        return np.full(u.shape, np.inf)
    return 1.0 + np.floor(np.log1p(-u) / np.log1p(-p))


def _complaints(sc: Scenario, g: dict, n: int, aq: ApprovalQueue) -> dict[str, np.ndarray]:
    """Draw what happens to ``n`` failing customers: complaint, stake, contacts, approval."""
    complained = g["complaint"].random(n) < sc.p_complain
    stake = lognormal(g["stake"], sc.mean_stake, sc.stake_cv, n)
    at_first = g["first_contact"].random(n) < sc.fcr
    repeats = _repeats(g["repeat"].random(n), sc.repeat_resolution)
    by_contact = at_first | (repeats <= sc.max_contacts - 1)
    contacts = np.where(at_first, 1, np.minimum(1 + repeats, sc.max_contacts)).astype(int)
    escalated = complained & by_contact & (sc.compensation * stake > sc.approval_limit)
    u_wait, e_wait = g["queue"].random(n), g["queue"].standard_exponential(n)
    review = g["review"].standard_exponential(n) * sc.approval_time
    if aq.stable:
        gamma = sc.supervisors / sc.approval_time - aq.arrival_rate
        wait = np.where(u_wait < aq.p_wait, e_wait / gamma, 0.0)
        decided = np.ones(n, bool)
    else:  # the backlog grows: a share decided_share is decided, ever later; the rest never
        wait = np.full(n, np.inf)
        decided = u_wait < aq.decided_share
    decided = escalated & decided
    resolved = complained & by_contact & (~escalated | decided)
    hours = np.where(escalated, wait + review, 0.0) + (contacts - 1) * sc.repeat_delay
    hours = np.where(complained, np.where(resolved, hours, np.inf), np.nan)
    return {"complained": complained, "stake": stake, "contacts": np.where(complained, contacts, 0),
            "escalated": escalated, "wait": np.where(escalated, wait, np.nan), "review": review,
            "decided": decided, "resolved": resolved, "hours": hours,
            "quick": resolved & (hours <= sc.quick_within)}


def _outcomes(sc: Scenario, c: dict, first: np.ndarray, aq: ApprovalQueue) -> dict:
    """Path, satisfaction, paradox, stay probability and cost of each failure."""
    path = np.where(~c["complained"], 0, np.where(~c["resolved"], 1, np.where(c["quick"], 3, 2)))
    paradox = sc.paradox & first & c["quick"] & (c["stake"] <= sc.paradox_max_stake)
    w_d, w_p, w_i = sc.justice_weights
    with np.errstate(over="ignore", invalid="ignore"):
        procedural = np.where(c["resolved"], np.exp(-np.where(c["resolved"], c["hours"], 0.0)
                              / sc.speed_scale) * (1 - sc.repeat_penalty) ** (c["contacts"] - 1),
                              0.0)
    satisfaction = (w_i * (sc.courtesy + sc.explanation) / 2
                    + w_d * min(sc.compensation, 1.0) * c["resolved"] + w_p * procedural
                    + sc.paradox_bonus * paradox)
    satisfaction = np.where(c["complained"], satisfaction, np.nan)
    bonus = min(sc.retention.resolved_quickly + sc.paradox_retention, 1.0) \
        - sc.retention.resolved_quickly
    p_stay = np.array(sc.retention.as_tuple())[path] + bonus * paradox
    remedy = sc.compensation * c["stake"] * (1 + sc.leakage * ~c["escalated"])
    cost = (c["contacts"] * sc.contact_cost + np.where(c["resolved"], remedy, 0.0)
            + c["decided"] * c["review"] * sc.supervisor_cost)
    return {"path": path, "paradox": paradox, "satisfaction": satisfaction, "p_stay": p_stay,
            "cost": cost}


def simulate(scenario: Scenario, *, customers: int = 10_000, periods: int = 4,
             seed: Seed = None) -> RecoverySimulation:
    """Follow a cohort of customers through ``periods`` periods of failures and recoveries.

    Parameters
    ----------
    scenario : Scenario
    customers : int, default 10,000
        The cohort's size. (The approval queue's load comes from ``scenario.base_customers``,
        the whole base, which new customers keep at its size; the cohort is a sample of it.)
    periods : int, default 4
    seed : int, numpy.random.Generator or None
        The same seed gives the same simulation.

    Returns
    -------
    RecoverySimulation

    Examples
    --------
    >>> from cxlib.recovery import expected_outcome
    >>> sim = simulate(Scenario(), customers=5000, seed=7)
    >>> sim.survivors.tolist()[:2]
    [5000, 4687]
    >>> est = sim.retention_after_failure()
    >>> exact = expected_outcome(Scenario()).retention_after_failure
    >>> abs(est.value - exact) < 4 * est.std_error
    True
    >>> simulate(Scenario(), customers=0)
    Traceback (most recent call last):
    ...
    ValueError: customers must be a positive integer, got 0
    """
    sc = _scenario(scenario)
    customers = _checks.positive_int("customers", customers)
    periods = _checks.positive_int("periods", periods)
    if customers * periods > 20_000_000:
        raise ValueError(f"customers x periods must be at most 20,000,000, got "
                         f"{customers * periods:,}: simulate fewer customers")
    g = streams(seed, _STREAMS)
    aq = approval_queue(sc)
    alive, failed_before = np.ones(customers, bool), np.zeros(customers, bool)
    survivors, rows = [customers], []
    for t in range(1, periods + 1):
        idx = np.flatnonzero(alive)
        u_stay = g["stay"].random(idx.size)
        fail = g["failure"].random(idx.size) < sc.p_fail
        who = idx[fail]
        c = _complaints(sc, g, who.size, aq)
        first = ~failed_before[who]
        out = _outcomes(sc, c, first, aq)
        stay = np.where(fail, 0.0, sc.baseline_retention)
        stay[fail] = out["p_stay"]
        alive[idx] = u_stay < stay
        failed_before[who] = True
        survivors.append(int(alive.sum()))
        rows.append({"period": np.full(who.size, t), "customer": who, "first": first,
                     "stayed": alive[who], **{k: c[k] for k in ("complained", "stake",
                     "contacts", "escalated", "wait", "hours")},
                     **{k: out[k] for k in ("satisfaction", "paradox", "cost")},
                     "path": np.array(PATHS)[out["path"]]})
    columns = {k: np.concatenate([r[k] for r in rows]) for k in rows[0]}
    log = FailureLog(**{f: columns[f] for f in FailureLog.__dataclass_fields__})
    return RecoverySimulation(sc, customers, periods, np.array(survivors), log, aq)
