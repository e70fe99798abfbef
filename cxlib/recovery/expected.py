r"""Exact expectations of the service-recovery model (closed forms, NumPy and cxlib.queueing).

=====================================================  =========================================
question                                               function
=====================================================  =========================================
How long do requests wait for a supervisor?            :func:`approval_queue` (Erlang C, from
                                                       :mod:`cxlib.queueing`)
What happens to failing customers, on average?         :func:`expected_outcome` (path shares,
                                                       retention, cost, net value, satisfaction)
=====================================================  =========================================

The approval-limit curve and the complaint iceberg, built on these, are in
:mod:`cxlib.recovery.policy`.

**The process, for one failure.** The customer complains with probability :math:`p_c`, or
stays silent. A complaint is resolved at the first contact with probability :math:`f` (FCR);
otherwise each later contact resolves it with probability :math:`q`, up to :math:`m` contacts
in all, after which the customer gives up (*unresolved*). Resolution on contact :math:`k`
therefore has probability

.. math::

    \pi_1 = f, \qquad \pi_k = (1 - f)(1 - q)^{k-2} q \quad (2 \le k \le m), \qquad
    P(\text{unresolved}) = (1 - f)(1 - q)^{m-1}.

The stake :math:`X` is lognormal; the remedy is :math:`\kappa X`. A remedy above the approval
limit :math:`L` waits for a supervisor: an M/M/n queue (Erlang C) with :math:`n` supervisors,
mean review time :math:`s`, and requests arriving at :math:`\lambda_a = F\,p_c\,(1 - u)\,
P(\kappa X > L)` per hour, where :math:`F` is the failures per hour across the customer base.
The delay :math:`D` is the queue wait plus the review; its law is exact: no wait with
probability :math:`1 - C`, otherwise an exponential wait with rate :math:`\gamma = n/s -
\lambda_a`, then an exponential review with rate :math:`\mu = 1/s`. This is Erlang C's
*steady state*: the long-run law of a desk that does nothing but approvals, with requests
arriving at random and exponential review times.

If :math:`\lambda_a s \ge n` the queue is unstable: it has no steady state, and the backlog
grows without end. The model then reads the desk by its throughput. Working flat out, the
supervisors decide :math:`n/s` requests an hour, a share :math:`h = n/(\lambda_a s)` of those
that arrive (:attr:`ApprovalQueue.decided_share`); those complaints end *resolved*, but never
quickly (their wait grows with the backlog), and the rest end *unresolved*, with no remedy paid.
Over a long run that is exactly what a first-come-first-served desk does; over a short one that
starts with an empty desk, more requests are decided, and sooner.

The resolution comes :math:`T = (k - 1)\,d + D\,1\{\kappa X > L\}` hours after the first
contact (:math:`d` the repeat delay); it is *quick* if :math:`T \le t_q`. Hence, with
:math:`G(t) = P(D \le t)`,

.. math::

    P(\text{quick}) = p_c \sum_{k=1}^{m} \pi_k \big[P(\kappa X \le L)\,1\{(k-1)d \le t_q\}
    + P(\kappa X > L)\,G(t_q - (k-1)d)\big].

and a complaint is resolved with probability :math:`(1 - u)\,[P(\kappa X \le L) + P(\kappa X > L)\,h]`,
with :math:`u` the chance that the contacts run out and :math:`h = 1` for a stable desk.

**Time** is the business's clock: *working hours*, the hours the business and its approval
desk are open (``period_hours`` of them in a period). The repeat delay, ``quick_within`` and
the justice layer's ``speed_scale`` are all in working hours, like the queue.

Everything here is exact for the model, with no approximation: the lognormal's partial
moments, the Erlang C wait (through :func:`cxlib.queueing.erlang_c` and
:func:`cxlib.queueing.average_speed_of_answer`) and the hypoexponential delay law.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import special

from .. import _checks
from .. import queueing as q
from .._results import Result
from .scenario import PATHS, Scenario

__all__ = ["ApprovalQueue", "approval_queue", "RecoveryExpectation", "expected_outcome"]


# ---------------------------------------------------------------------------------------------
# building blocks
# ---------------------------------------------------------------------------------------------


def _lognormal_params(mean: float, cv: float) -> tuple[float, float]:
    sigma2 = math.log1p(cv**2)
    return math.log(mean) - sigma2 / 2, math.sqrt(sigma2)


def _stake_below(sc: Scenario, x: Any) -> tuple[np.ndarray, np.ndarray]:
    """P(X <= x) and E[X; X <= x] for the lognormal stake X (x may be an array, 0 or inf)."""
    mu, sigma = _lognormal_params(sc.mean_stake, sc.stake_cv)
    x = np.asarray(x, dtype=float)
    with np.errstate(divide="ignore"):
        z = (np.log(x) - mu) / sigma  # -inf at 0, inf at inf
    return special.ndtr(z), sc.mean_stake * special.ndtr(z - sigma)


def _contact_law(sc: Scenario) -> tuple[np.ndarray, float]:
    """(pi_k for k = 1..m, P(unresolved)) of one complaint."""
    m, f, r = sc.max_contacts, sc.fcr, sc.repeat_resolution
    k = np.arange(2, m + 1)
    pi = np.concatenate([[f], (1 - f) * (1 - r) ** (k - 2) * r])
    return pi, (1 - f) * (1 - r) ** (m - 1)


def _remedy_threshold(sc: Scenario, limit: Any) -> np.ndarray:
    """The stake above which a remedy needs approval: L / compensation (inf if nothing is paid)."""
    limit = np.asarray(limit, dtype=float)
    if sc.compensation == 0:
        return np.full(limit.shape, np.inf)
    return limit / sc.compensation


@dataclass(frozen=True, repr=False)
class ApprovalQueue(Result):
    """The supervisors' approval queue (M/M/n, Erlang C), from :func:`approval_queue`.

    Attributes
    ----------
    arrival_rate : float or numpy.ndarray
        Requests per hour, :math:`\\lambda_a`.
    approval_time : float
        A supervisor's mean time per request, in hours.
    supervisors : int
    load : float or numpy.ndarray
        :math:`\\lambda_a s`, in Erlangs.
    p_wait : float or numpy.ndarray
        P(a request waits at all): Erlang C (1 when unstable).
    mean_wait : float or numpy.ndarray
        Mean hours in the queue before a supervisor picks the request up (``inf`` when
        unstable). The review itself takes ``approval_time`` more.
    utilisation : float or numpy.ndarray
        Share of the supervisors' time spent on approvals (at most 1).
    stable : bool or numpy.ndarray
        ``load < supervisors``: otherwise the queue grows without end.
    """

    arrival_rate: Any
    approval_time: float
    supervisors: int
    load: Any
    p_wait: Any
    mean_wait: Any
    utilisation: Any
    stable: Any

    @property
    def decided_share(self) -> Any:
        """Share of requests the supervisors ever decide: 1 if stable, else ``supervisors / load``.

        An overloaded desk decides requests as fast as it can, ``supervisors / approval_time``
        an hour; the rest of the backlog is never decided.

        >>> approval_queue(Scenario()).decided_share
        1.0
        >>> round(approval_queue(Scenario(approval_limit=0, approval_time=1.0)).decided_share, 3)
        0.531
        """
        load = np.asarray(self.load, dtype=float)
        with np.errstate(divide="ignore"):
            share = np.where(load > self.supervisors, self.supervisors / load, 1.0)
        return _checks.as_output(share, self.load)

    def delay_cdf(self, hours: Any) -> Any:
        """P(wait plus review <= ``hours``): the exact law of an approval's delay.

        >>> aq = approval_queue(Scenario())
        >>> round(aq.delay_cdf(0.5), 4)      # decided within half an hour
        0.3505
        """
        t = np.asarray(hours, dtype=float)
        c, gamma, mu = _queue_rates(self)
        ok = t >= 0
        t = np.where(ok, t, 0.0)
        delta = gamma - mu
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            ratio = np.where(np.abs(delta * t) < 1e-9, t, -np.expm1(-delta * t) / delta)
            both = np.exp(-mu * t) * (1.0 + mu * ratio)  # P(E_gamma + E_mu > t)
        cdf = (1 - c) * (-np.expm1(-mu * t)) + c * (1.0 - both)
        cdf = np.where(self.stable, cdf, 0.0)
        return _checks.as_output(np.where(ok, cdf, 0.0), hours, self.arrival_rate)

    def delay_transform(self, theta: float) -> Any:
        """E[exp(-theta D)] for the delay D (wait plus review); 0 when unstable.

        >>> round(approval_queue(Scenario()).delay_transform(0.0), 12)
        1.0
        """
        c, gamma, mu = _queue_rates(self)
        with np.errstate(divide="ignore", invalid="ignore"):
            value = ((1 - c) + c * gamma / (gamma + theta)) * mu / (mu + theta)
        return _checks.as_output(np.where(self.stable, value, 0.0), self.arrival_rate)

    def __repr__(self) -> str:
        if np.ndim(self.load):
            return f"ApprovalQueue({np.size(self.load)} settings, {self.supervisors} supervisors)"
        wait = (f"grows without end, {self.decided_share:.0%} of requests ever decided"
                if not self.stable else f"{self.mean_wait:.3g} h")
        return (f"ApprovalQueue({self.arrival_rate:.3g} requests per hour, {self.supervisors} "
                f"supervisors, load {self.load:.3g}, P(wait) {self.p_wait:.3g}, mean wait {wait})")


def _queue_rates(aq: ApprovalQueue) -> tuple[np.ndarray, np.ndarray, float]:
    mu = 1.0 / aq.approval_time
    gamma = np.where(aq.stable, aq.supervisors * mu - np.asarray(aq.arrival_rate), 1.0)
    return np.asarray(aq.p_wait, dtype=float), gamma, mu


def approval_queue(scenario: Scenario, *, approval_limit: Any = None) -> ApprovalQueue:
    r"""The approval queue of a scenario: requests per hour, and their wait by Erlang C.

    Requests arrive at :math:`\lambda_a = F\,p_c\,(1 - u)\,P(\kappa X > L)` per hour (failures
    per hour across the base, times the share who complain, are resolved by a contact, and need
    more than the limit). The wait is that of the M/M/n queue, computed by
    :func:`cxlib.queueing.erlang_c` and :func:`cxlib.queueing.average_speed_of_answer`: the
    course's one queueing formula, not a second copy.

    Parameters
    ----------
    scenario : Scenario
    approval_limit : float or array_like, optional
        Overrides ``scenario.approval_limit`` (an array gives one queue per limit).

    Returns
    -------
    ApprovalQueue
        Times in hours.

    Examples
    --------
    >>> aq = approval_queue(Scenario())
    >>> round(aq.arrival_rate, 3), round(aq.mean_wait * 60, 1)    # per hour; minutes
    (1.137, 39.5)
    >>> approval_queue(Scenario(), approval_limit=[0, 25, 100]).load.round(3)
    array([0.941, 0.568, 0.146])

    References
    ----------
    Gans, N., Koole, G. and Mandelbaum, A. (2003). Telephone call centers: tutorial, review,
    and research prospects. *Manufacturing & Service Operations Management* 5(2), 79-141.
    """
    sc = _scenario(scenario)
    limit = sc.approval_limit if approval_limit is None else _checks.nonnegative(
        "approval_limit", approval_limit, allow_inf=True)
    below, _ = _stake_below(sc, _remedy_threshold(sc, limit))
    _, unresolved = _contact_law(sc)
    rate = sc.failures_per_hour * sc.p_complain * (1 - unresolved) * (1 - below)
    n, s = sc.supervisors, sc.approval_time
    load = rate * s
    p_wait = q.erlang_c(load, np.full(np.shape(load), n) if np.ndim(load) else n)
    mean_wait = q.average_speed_of_answer(rate, s, n)
    out = lambda x: _checks.as_output(x, limit)  # noqa: E731 - scalars stay Python floats
    return ApprovalQueue(out(rate), s, n, out(load), out(p_wait), out(mean_wait),
                         out(np.minimum(load / n, 1.0)), out(load < n))


def _scenario(scenario: Any) -> Scenario:
    if not isinstance(scenario, Scenario):
        raise TypeError(f"scenario must be a cxlib.recovery.Scenario, got "
                        f"{type(scenario).__name__}; make one with rc.Scenario(...)")
    return scenario


# ---------------------------------------------------------------------------------------------
# the expected outcome, for one limit or many at once
# ---------------------------------------------------------------------------------------------


def _paths(sc: Scenario, limit: np.ndarray) -> dict[str, Any]:
    """Per-complaint probabilities of each end, for an array of approval limits."""
    x_l = _remedy_threshold(sc, limit)
    below, mean_below = _stake_below(sc, x_l)
    pi, unresolved = _contact_law(sc)
    aq = approval_queue(sc, approval_limit=limit)
    stable = np.asarray(aq.stable)
    lag = (np.arange(sc.max_contacts) * sc.repeat_delay)[:, None]  # (k - 1) d, one row per k
    on_spot = (lag <= sc.quick_within).astype(float)
    in_time = np.asarray(aq.delay_cdf(sc.quick_within - lag), dtype=float)
    quick = (pi[:, None] * (below * on_spot + (1 - below) * in_time)).sum(axis=0)
    decided = np.asarray(aq.decided_share, dtype=float)
    resolved = (1 - unresolved) * (below + (1 - below) * decided)
    return {"below": below, "mean_below": mean_below, "pi": pi, "unresolved": unresolved,
            "queue": aq, "stable": stable, "decided": decided, "lag": lag, "on_spot": on_spot,
            "in_time": in_time, "quick": quick, "resolved": resolved}


def _paradox_share(sc: Scenario, parts: dict, x_l: np.ndarray) -> np.ndarray:
    """P(a complaint on a first failure earns the paradox bonus): small stake, resolved quickly."""
    if not sc.paradox:
        return np.zeros(np.shape(x_l))
    small_fast, _ = _stake_below(sc, np.minimum(sc.paradox_max_stake, x_l))
    small, _ = _stake_below(sc, sc.paradox_max_stake)
    small_slow = np.maximum(small - small_fast, 0.0)
    pi = parts["pi"][:, None]
    return (pi * (small_fast * parts["on_spot"] + small_slow * parts["in_time"])).sum(axis=0)


def _expected_arrays(sc: Scenario, limit: np.ndarray, periods: int) -> dict[str, Any]:
    parts = _paths(sc, limit)
    pc, r = sc.p_complain, np.array(sc.retention.as_tuple())
    shares = np.stack([np.full(limit.shape, 1 - pc), pc * (1 - parts["resolved"]),
                       pc * (parts["resolved"] - parts["quick"]), pc * parts["quick"]])
    retention = (shares * r[:, None]).sum(axis=0)
    eligible = pc * _paradox_share(sc, parts, _remedy_threshold(sc, limit))
    bonus = min(sc.retention.resolved_quickly + sc.paradox_retention, 1.0) \
        - sc.retention.resolved_quickly
    first = retention + eligible * bonus
    costs = _costs(sc, parts, limit)
    # Survival of a cohort: never failed (a0) and failed before (a1).
    a0, a1 = np.ones(limit.shape), np.zeros(limit.shape)
    survival = [a0 + a1]
    stay = (1 - sc.p_fail) * sc.baseline_retention
    for _ in range(periods):
        a0, a1 = a0 * stay, a0 * sc.p_fail * first + a1 * (stay + sc.p_fail * retention)
        survival.append(a0 + a1)
    return {"shares": shares, "retention_first": first, "retention_repeat": retention,
            "survival": np.stack(survival), "paradox_share": eligible,
            "satisfaction": _satisfaction(sc, parts, eligible), "queue": parts["queue"],
            "contacts": _mean_contacts(sc), "escalation": (1 - parts["unresolved"])
            * (1 - parts["below"]), **costs,
            "value": sc.customer_value * first}


def _mean_contacts(sc: Scenario) -> float:
    pi, unresolved = _contact_law(sc)
    return float((pi * np.arange(1, sc.max_contacts + 1)).sum() + unresolved * sc.max_contacts)


def _costs(sc: Scenario, parts: dict, limit: np.ndarray) -> dict[str, np.ndarray]:
    """Expected cost per failure: contacts, concessions (with leakage), supervisor time.

    Only decided requests cost a review and get their remedy paid (all of them, unless the desk
    is overloaded).
    """
    pc, unresolved, decided = sc.p_complain, parts["unresolved"], parts["decided"]
    above_mean = sc.mean_stake - parts["mean_below"]
    concession = pc * (1 - unresolved) * sc.compensation * (
        (1 + sc.leakage) * parts["mean_below"] + above_mean * decided)
    supervisor = (pc * (1 - unresolved) * (1 - parts["below"]) * sc.approval_time
                  * sc.supervisor_cost * decided)
    contact = np.full(limit.shape, pc * _mean_contacts(sc) * sc.contact_cost)
    return {"contact_cost": contact, "concession_cost": concession,
            "supervisor_cost": supervisor, "cost": contact + concession + supervisor}


def _satisfaction(sc: Scenario, parts: dict, eligible: np.ndarray) -> np.ndarray:
    """E[satisfaction with the recovery | a complaint on a first failure]."""
    if sc.p_complain == 0:
        return np.full(np.shape(eligible), np.nan)
    w_d, w_p, w_i = sc.justice_weights
    k = np.arange(1, sc.max_contacts + 1)
    decay = (parts["pi"] * (1 - sc.repeat_penalty) ** (k - 1)
             * np.exp(-(k - 1) * sc.repeat_delay / sc.speed_scale))[:, None]
    speed = np.asarray(parts["queue"].delay_transform(1 / sc.speed_scale), dtype=float)
    procedural = (decay * (parts["below"] + (1 - parts["below"]) * speed)).sum(axis=0)
    interactional = (sc.courtesy + sc.explanation) / 2
    bonus = sc.paradox_bonus * eligible / sc.p_complain
    return (w_i * interactional + w_d * min(sc.compensation, 1.0) * parts["resolved"]
            + w_p * procedural + bonus)


@dataclass(frozen=True, repr=False)
class RecoveryExpectation(Result):
    """What the model expects, exactly, from :func:`expected_outcome`. Money per failure.

    Attributes
    ----------
    scenario : Scenario
    periods : int
    path_shares : dict of str to float
        Share of failing customers who end on each path (:data:`~cxlib.recovery.PATHS`).
    retention_after_failure : float
        Share of customers who stay after a *first* failure (with the paradox, if on).
    retention_after_repeat_failure : float
        The same after a second or later failure (the paradox never applies).
    survival : numpy.ndarray
        Share of a cohort still customers at the start and after each period.
    retention : float
        ``survival[-1]``: the share left after ``periods`` periods.
    contacts_per_complaint, escalation_share : float
        Mean contacts per complaint; share of complaints whose remedy waited for approval.
    queue : ApprovalQueue
        The approval queue (times in hours).
    mean_satisfaction : float
        Mean satisfaction with the recovery of a complaint on a first failure (1 = as if
        there had been no failure); NaN when nobody complains.
    paradox_share : float
        Share of first failures that earn the paradox bonus (0 when the option is off).
    contact_cost, concession_cost, supervisor_cost, cost_per_failure : float
        Expected cost of recovery per failure, and its parts.
    value_per_failure : float
        ``customer_value * retention_after_failure``: the lifetime value kept.
    net_value_per_failure : float
        Value kept minus the cost of recovery.

    Examples
    --------
    >>> out = expected_outcome(Scenario(approval_limit=100))
    >>> round(out.cost_per_failure, 2) == round(out.contact_cost + out.concession_cost
    ...                                           + out.supervisor_cost, 2)
    True
    >>> out.to_dict()["path_shares"]["silent"]
    0.5
    """

    scenario: Scenario
    periods: int
    path_shares: dict
    retention_after_failure: float
    retention_after_repeat_failure: float
    survival: np.ndarray
    retention: float
    contacts_per_complaint: float
    escalation_share: float
    queue: ApprovalQueue
    mean_satisfaction: float
    paradox_share: float
    contact_cost: float
    concession_cost: float
    supervisor_cost: float
    cost_per_failure: float
    value_per_failure: float
    net_value_per_failure: float

    def __repr__(self) -> str:
        shares = ", ".join(f"{p} {v:.1%}" for p, v in self.path_shares.items())
        return (f"RecoveryExpectation({shares}; retention after a failure "
                f"{self.retention_after_failure:.1%}, cost {self.cost_per_failure:.2f} and net "
                f"value {self.net_value_per_failure:.2f} per failure; after {self.periods} "
                f"periods {self.retention:.1%} remain)")


def expected_outcome(scenario: Scenario, *, periods: int = 4) -> RecoveryExpectation:
    r"""Exact expected paths, retention, costs and satisfaction of a scenario.

    Parameters
    ----------
    scenario : Scenario
    periods : int, default 4
        How many periods the cohort is followed for :attr:`RecoveryExpectation.survival`.

    Returns
    -------
    RecoveryExpectation

    Notes
    -----
    With path shares :math:`s_j` and the retention table :math:`r_j`, the retention after a
    failure is :math:`\bar r = \sum_j s_j r_j`. A cohort in which a customer fails with
    probability :math:`p` per period, and otherwise stays with probability :math:`b`, keeps

    .. math:: ((1 - p)\,b + p\,\bar r)^{t}

    after :math:`t` periods when the paradox is off; with it on, first failures keep
    :math:`\bar r_1 \ge \bar r`, and the model tracks who has failed before. The module notes
    give the path shares.

    Examples
    --------
    >>> out = expected_outcome(Scenario())
    >>> {p: round(v, 3) for p, v in out.path_shares.items()}
    {'silent': 0.5, 'unresolved': 0.011, 'resolved': 0.24, 'resolved quickly': 0.25}
    >>> round(out.retention_after_failure, 4)
    0.3812
    >>> round(out.retention, 4) == round((0.9 + 0.1 * out.retention_after_failure) ** 4, 4)
    True
    """
    sc = _scenario(scenario)
    periods = _checks.positive_int("periods", periods)
    a = _expected_arrays(sc, np.atleast_1d(np.asarray(sc.approval_limit, dtype=float)), periods)
    first = lambda x: float(np.asarray(x).ravel()[0])  # noqa: E731
    return RecoveryExpectation(
        scenario=sc, periods=periods,
        path_shares={p: first(a["shares"][i]) for i, p in enumerate(PATHS)},
        retention_after_failure=first(a["retention_first"]),
        retention_after_repeat_failure=first(a["retention_repeat"]),
        survival=a["survival"][:, 0].copy(), retention=first(a["survival"][-1]),
        contacts_per_complaint=a["contacts"], escalation_share=first(a["escalation"]),
        queue=approval_queue(sc), mean_satisfaction=first(a["satisfaction"]),
        paradox_share=first(a["paradox_share"]), contact_cost=first(a["contact_cost"]),
        concession_cost=first(a["concession_cost"]),
        supervisor_cost=first(a["supervisor_cost"]), cost_per_failure=first(a["cost"]),
        value_per_failure=first(a["value"]),
        net_value_per_failure=first(a["value"]) - first(a["cost"]),
    )
