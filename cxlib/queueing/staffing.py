r"""Staffing: how many agents for a goal, on the roster, by the square-root rule, at least cost.

==================================================  =========================================
question                                            function
==================================================  =========================================
How many agents for "80 % answered in 20 s"?        :func:`agents_needed` (exact; with a cap
                                                    on occupancy)
How many people on the roster, after shrinkage?     :func:`scheduled_staff`
What does the square-root rule of thumb say?        :func:`square_root_staffing` (and its
                                                    limit, :func:`square_root_limit`)
Which staffing level costs least overall?           :func:`optimal_staffing` (the whole cost
                                                    curve too)
==================================================  =========================================
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._checks import broadcast as _broadcast

from .._results import Result
from .erlang import (
    ArrayLike, _ceil_int, _erlang_b_values, _erlang_c_from_b, _offered_load, _start_index,
    _underflows,
)
from . import _uncertainty
from .abandonment import _erlang_a_point
from .erlang import _sl_point

__all__ = [
    "agents_needed",
    "scheduled_staff",
    "square_root_staffing",
    "square_root_limit",
    "optimal_staffing",
    "OptimalStaffing",
]


# ---------------------------------------------------------------------------------------------
# staffing
# ---------------------------------------------------------------------------------------------


def _occupancy_floor(a: float, max_occupancy: float) -> int:
    """Smallest n >= 1 with a / n <= max_occupancy (tested as written, no float surprises)."""
    n = max(1, math.ceil(a / max_occupancy))
    while n > 1 and a / (n - 1) <= max_occupancy:
        n -= 1
    while a / n > max_occupancy:
        n += 1
    return n


def _agents_needed_point(a: float, t_over_aht: float, goal: float, max_occupancy: float) -> int:
    """Smallest n meeting the service-level goal and the occupancy cap, by an exact search.

    The Erlang B recursion runs up to the first stable n; from there each step gives B, C and the
    service level of the next n, which rises with n, so the first n that meets the goal is the
    answer.
    """
    if a == 0.0:
        return 1
    n_min = max(_occupancy_floor(a, max_occupancy), math.floor(a) + 1)
    if _underflows(a, n_min, math.floor(a)):  # nobody waits: P(wait) < 1e-324
        return n_min
    b = 1.0
    for k in range(_start_index(a, math.floor(a)) + 1, n_min):
        ab = a * b
        b = ab / (k + ab)
    k = n_min
    while True:
        ab = a * b
        b = ab / (k + ab)
        c = k * b / ((k - a) + a * b)
        if 1.0 - c * math.exp(-(k - a) * t_over_aht) >= goal:
            return k
        k += 1


def _meets(rate: float, hold: float, n: int, t: float, goal: float, cap: float, cv: float,
           patience: float | None, max_abandon: float | None) -> bool:
    """Does ``n`` meet the goal (and the caps), averaged over the forecast's error?

    Without patience the occupancy cap is the search's floor (see the caller); with patience
    it applies to the agents' real occupancy, a (1 - P(abandon)) / n.
    """
    if patience is None:
        sl = _uncertainty.expected(lambda lam: _sl_point(lam, hold, n, t), rate, cv,
                                   kink=n / hold)
        return sl >= goal
    sl = _uncertainty.expected(lambda lam: _erlang_a_point(lam, hold, n, patience, t).sl,
                               rate, cv)
    if sl < goal:
        return False
    if max_abandon is not None:
        abandon = _uncertainty.expected(
            lambda lam: _erlang_a_point(lam, hold, n, patience).mean_queue / (lam * patience)
            if lam > 0 else 0.0, rate, cv)
        if abandon > max_abandon:
            return False
    if cap < 1.0:  # busy agents: the load of the callers who do not hang up
        busy = _uncertainty.expected(
            lambda lam: lam * hold - hold * _erlang_a_point(lam, hold, n, patience).mean_queue
            / patience, rate, cv)
        return busy / n <= cap
    return True


def _agents_needed_general(rate: float, hold: float, t: float, goal: float, cap: float,
                           cv: float, patience: float | None, max_abandon: float | None) -> int:
    """The smallest n that meets the goals, by doubling then bisection (the measures are
    monotone in n).

    Without patience the search starts at the occupancy floor (a stable queue needs n > a).
    With patience it starts at one agent: callers who hang up keep the queue stable below the
    load, and a large centre with patient enough callers can meet its goal there.
    """
    a = rate * hold
    if a == 0.0:
        return 1
    lo = _occupancy_floor(a, cap) if patience is None else 1
    if _meets(rate, hold, lo, t, goal, cap, cv, patience, max_abandon):
        return lo
    hi = max(lo + 1, _agents_needed_point(a, t / hold, goal, cap))
    while not _meets(rate, hold, hi, t, goal, cap, cv, patience, max_abandon):
        lo, hi = hi, 2 * hi
    while hi - lo > 1:  # lo fails, hi meets
        mid = (lo + hi) // 2
        if _meets(rate, hold, mid, t, goal, cap, cv, patience, max_abandon):
            hi = mid
        else:
            lo = mid
    return hi


def agents_needed(
    arrival_rate: ArrayLike,
    aht: ArrayLike,
    target: ArrayLike,
    service_level: ArrayLike = 0.8,
    *,
    max_occupancy: ArrayLike = 1.0,
    forecast_cv: float = 0.0,
    patience: float | None = None,
    max_abandon: float | None = None,
) -> int | np.ndarray:
    r"""The fewest agents that answer ``service_level`` of calls within ``target``.

    An exact search, not an approximation: it returns the smallest whole :math:`n` with
    :math:`\mathrm{SL}(n) \ge` ``service_level`` and :math:`a/n \le` ``max_occupancy``; by
    Erlang C, or by Erlang A when callers hang up (``patience``), optionally with a cap on the
    share who hang up (``max_abandon``) and averaged over the forecast's error
    (``forecast_cv``).

    Parameters
    ----------
    arrival_rate : float or array_like
        Calls per unit of time, :math:`\lambda \ge 0`.
    aht : float or array_like
        Average handle time, in the same time unit. Positive.
    target : float or array_like
        The answer-time goal, in the same time unit. Non-negative.
    service_level : float or array_like, default 0.8
        The share of calls to answer within ``target``, strictly between 0 and 1 ("80/20" is
        ``service_level=0.8, target=20`` in seconds).
    max_occupancy : float or array_like, default 1.0
        A cap on occupancy :math:`a/n`, greater than 0 and at most 1. With 1.0 only the
        service-level goal binds (the queue is always made stable). With ``patience`` the cap
        is on the agents' real occupancy :math:`a(1 - P_{ab})/n`, because callers who hang up
        take no agent's time; the team may then be smaller than the load.
    forecast_cv : float, default 0
        The forecast's uncertainty, as in :func:`service_level`: the goal is met by the
        *expected* service level over gamma-distributed days. One number.
    patience : float, optional
        Mean patience of callers who hang up (exponential, Erlang A), in the same time unit.
        The service level then counts a caller who hangs up as a miss (convention ``"all"``).
    max_abandon : float, optional
        With ``patience``: a cap on the share of callers who hang up, such as 0.05. A
        service-level goal alone rewards abandonment (callers who give up stop waiting), so
        centres cap both.

    Returns
    -------
    int or numpy.ndarray of int
        Agents on the phones. At least 1, even with no calls. Use :func:`scheduled_staff` to turn
        this into staff on the roster.

    Notes
    -----
    .. math::

        n^* = \min\{\, n \in \mathbb{N} : n > a,\; 1 - C(n, a)\, e^{-(n-a)t/\mathrm{AHT}}
              \ge \mathrm{SL},\; a/n \le \rho_{\max} \,\}.

    The service level rises with :math:`n`, so the search walks up from the smallest stable
    :math:`n` (or the occupancy floor), continuing one Erlang B recursion: each candidate costs
    a few floating-point operations.

    Examples
    --------
    The worked example: 100 calls per 30 minutes, 180 s handle time, 80 % within 20 s.

    >>> agents_needed(100 / 1800, 180, target=20, service_level=0.8)
    14
    >>> agents_needed(100 / 1800, 180, target=20, service_level=0.8, max_occupancy=0.7)
    15
    >>> agents_needed(100 / 1800, 180, 20, service_level=1.2)
    Traceback (most recent call last):
    ...
    ValueError: service_level must be a number strictly between 0 and 1, got 1.2

    Callers who hang up after 20 s on average make 80/20 "cheap", at a price a cap reveals:

    >>> agents_needed(100 / 1800, 180, 20, patience=20), agents_needed(
    ...     100 / 1800, 180, 20, patience=20, max_abandon=0.05)
    (11, 14)

    With patient callers a large centre meets 80/20 below its load (Erlang C needs 1,011
    agents for 1,000 Erlangs; Erlang A, with 5 minutes of patience, 959, while 4 % hang up):

    >>> agents_needed(1000 / 180, 180, 20, patience=300)
    959

    A forecast that is typically 5 % off costs a centre of 1,000 Erlangs dozens of agents:

    >>> agents_needed(1000 / 180, 180, 20), agents_needed(1000 / 180, 180, 20, forecast_cv=0.05)
    (1011, 1049)

    References
    ----------
    Gans, Koole and Mandelbaum (2003), as in :func:`erlang_c`.

    The worked example is Call Centre Helper's "Erlang C formula made simple"; the same numbers
    (14 agents, service level 0.888) are in the documentation of pyworkforce.
    """
    rate, hold, _ = _offered_load(arrival_rate, aht)
    t = _checks.nonnegative("target", target)
    goal = _checks.open_unit("service_level", service_level)
    cap = _checks.share("max_occupancy", max_occupancy)
    cv = _uncertainty.check_cv(forecast_cv)
    if patience is not None:
        patience = _checks.positive("patience", _checks.scalar("patience", patience,
                                                               where="agents_needed"))
    if max_abandon is not None:
        if patience is None:
            raise ValueError(
                "max_abandon needs patience: without it nobody hangs up (Erlang C); give "
                "patience=... (the callers' mean patience)"
            )
        max_abandon = _checks.open_unit("max_abandon", _checks.scalar(
            "max_abandon", max_abandon, where="agents_needed"))
    rate, hold, t, goal, cap = _broadcast(
        ("arrival_rate", "aht", "target", "service_level", "max_occupancy"),
        rate, hold, t, goal, cap,
    )
    out = np.empty(rate.shape, dtype=np.int64)
    for idx in np.ndindex(rate.shape):
        point = (float(rate[idx]), float(hold[idx]), float(t[idx]), float(goal[idx]),
                 float(cap[idx]))
        if cv == 0.0 and patience is None:
            out[idx] = _agents_needed_point(point[0] * point[1], point[2] / point[1],
                                            point[3], point[4])
        else:
            out[idx] = _agents_needed_general(*point, cv, patience, max_abandon)
    return _checks.as_output(out, arrival_rate, aht, target, service_level, max_occupancy)


def scheduled_staff(agents: ArrayLike, shrinkage: ArrayLike) -> int | np.ndarray:
    r"""Staff to put on the roster so that ``agents`` are on the phones after shrinkage.

    Parameters
    ----------
    agents : float or array_like
        Agents needed on the phones (from :func:`agents_needed`). Non-negative.
    shrinkage : float or array_like
        The share of paid time not spent on the phones (breaks, training, meetings, absence),
        from 0 up to but not including 1.

    Returns
    -------
    int or numpy.ndarray of int
        :math:`\lceil n / (1 - s) \rceil`: whole people. Float noise is ignored, so 14 agents at
        30 % shrinkage give 20 staff (14 / 0.7 is 20.000000000000004 in floating point).

    Notes
    -----
    .. math:: N = \left\lceil \frac{n}{1 - s} \right\rceil.

    Examples
    --------
    >>> scheduled_staff(14, 0.3)
    20
    >>> scheduled_staff([10, 14, 20], 0.35)
    array([16, 22, 31])
    >>> scheduled_staff(14, 1)
    Traceback (most recent call last):
    ...
    ValueError: shrinkage must be a number from 0 up to (but not including) 1, got 1

    References
    ----------
    Cleveland, B. (2012). *Call Center Management on Fast Forward*, 3rd ed. ICMI Press
    (chapter on scheduling and shrinkage).
    """
    n = _checks.nonnegative("agents", agents)
    s = _checks.share("shrinkage", shrinkage, zero=True, one=False)
    n, s = _broadcast(("agents", "shrinkage"), n, s)
    return _checks.as_output(_ceil_int(n / (1.0 - s)), agents, shrinkage)


def square_root_staffing(load: ArrayLike, beta: ArrayLike) -> int | np.ndarray:
    r"""The square-root staffing rule: load plus :math:`\beta` times its square root.

    Parameters
    ----------
    load : float or array_like
        Offered load :math:`a`, in Erlangs. Non-negative.
    beta : float or array_like
        The spare capacity in units of :math:`\sqrt{a}`. Larger :math:`\beta` means fewer
        callers wait: in the many-server limit P(wait) is about 0.5 at
        :math:`\beta \approx 0.5`, 0.22 at 1 and 0.03 at 2 (see :func:`square_root_limit`).
        Any finite number; negative values staff below the load, which only makes sense when
        callers abandon (Erlang A).

    Returns
    -------
    int or numpy.ndarray of int
        :math:`n = \lceil a + \beta\sqrt{a}\,\rceil`, and at least 1.

    Notes
    -----
    .. math::

        n = \left\lceil a + \beta \sqrt{a} \right\rceil, \qquad
        C(n, a) \to \left[1 + \frac{\beta\,\Phi(\beta)}{\varphi(\beta)}\right]^{-1}
        \text{ as } a \to \infty.

    The limit (Halfin and Whitt, 1981) says that P(wait) depends on :math:`\beta` alone *as the
    centre grows without bound*; at real sizes it is only approached: with :math:`\beta = 1`,
    P(wait) is 28.5 % at 4 Erlangs, 23.7 % at 100 and 22.3 % in the limit. Staffing with a fixed
    :math:`\beta` is the quality-and-efficiency-driven (QED) regime; the other two regimes of
    Garnett, Mandelbaum and Reiman (2002) are not values of :math:`\beta` but different
    scalings: efficiency-driven staffing below the load (with abandonment) and quality-driven
    staffing with spare capacity growing faster than :math:`\sqrt{a}`. The rule is an
    approximation; :func:`agents_needed` gives the exact answer.

    Examples
    --------
    >>> square_root_staffing(100, 1.0)
    110
    >>> square_root_staffing([25, 100, 400], 2.0)
    array([ 35, 120, 440])

    References
    ----------
    Halfin, S. and Whitt, W. (1981). Heavy-traffic limits for queues with many exponential
    servers. *Operations Research* 29(3), 567-588.

    Borst, S., Mandelbaum, A. and Reiman, M. I. (2004). Dimensioning large call centers.
    *Operations Research* 52(1), 17-34.

    Garnett, O., Mandelbaum, A. and Reiman, M. I. (2002). Designing a call center with
    impatient customers. *Manufacturing & Service Operations Management* 4(3), 208-227.
    """
    a = _checks.nonnegative("load", load)
    b = _checks.number("beta", beta)
    a, b = _broadcast(("load", "beta"), a, b)
    n = np.maximum(_ceil_int(a + b * np.sqrt(a)), 1)
    return _checks.as_output(n, load, beta)


def square_root_limit(beta: ArrayLike) -> float | np.ndarray:
    r"""The Halfin-Whitt limit of P(wait) for square-root staffing: a limit, not a finite value.

    Parameters
    ----------
    beta : float or array_like
        Positive: the spare agents in units of :math:`\sqrt{a}`.

    Returns
    -------
    float or numpy.ndarray
        :math:`\lim_{a\to\infty} C(a + \beta\sqrt{a}, a) = [1 + \beta\Phi(\beta)/\varphi(\beta)]^{-1}`,
        with :math:`\Phi` and :math:`\varphi` the standard normal distribution and density.
        A finite centre waits more than this (compare :func:`erlang_c`).

    Examples
    --------
    >>> round(square_root_limit(1.0), 3)
    0.223
    >>> from cxlib.queueing import erlang_c
    >>> [round(erlang_c(a, a + a ** 0.5), 3) for a in (4, 100)]   # beta = 1, finite sizes
    [0.285, 0.237]

    References
    ----------
    Halfin, S. and Whitt, W. (1981), as in :func:`square_root_staffing`.
    """
    b = _checks.positive("beta", beta)
    from scipy.stats import norm

    b_arr = np.asarray(b, dtype=float)
    return _checks.as_output(1.0 / (1.0 + b_arr * norm.cdf(b_arr) / norm.pdf(b_arr)), beta)


# ---------------------------------------------------------------------------------------------
# cost-based staffing
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class OptimalStaffing(Result):
    """The cost-minimising number of agents and the cost curve behind it, from
    :func:`optimal_staffing`.

    All costs are per unit of time. The agents' and the waiting costs come out in the time unit
    of ``agent_cost`` and ``wait_cost`` whatever unit the rates use (the mean queue is a number
    of callers); the abandonment cost is per unit of ``arrival_rate``'s time. Use one time unit
    throughout (lesson 04 uses hours, because its costs are per hour).

    Attributes
    ----------
    agents : int
        The number of agents with the lowest total cost (the smallest, if tied).
    cost : float
        That lowest total cost per unit of time.
    model : str
        ``"Erlang C"`` (no abandonment) or ``"Erlang A"`` (callers hang up).
    curve_agents : numpy.ndarray of int
        The agent counts of the curve, for charting.
    curve_agent_cost, curve_wait_cost, curve_abandon_cost, curve_total : numpy.ndarray
        The cost of agents, of callers' waiting, of abandoned calls, and their sum, at each
        ``curve_agents``. ``inf`` where the queue is unstable (Erlang C with load >= agents).

    Examples
    --------
    >>> best = optimal_staffing(200, 0.05, agent_cost=30, wait_cost=60)
    >>> best
    OptimalStaffing(agents=14, cost=446.1 per unit time, model='Erlang C', curve over 11..28 agents)
    >>> int(best.curve_agents[np.argmin(best.curve_total)]) == best.agents
    True
    """

    agents: int
    cost: float
    model: str
    curve_agents: np.ndarray
    curve_agent_cost: np.ndarray
    curve_wait_cost: np.ndarray
    curve_abandon_cost: np.ndarray
    curve_total: np.ndarray

    def __repr__(self) -> str:
        lo, hi = int(self.curve_agents.min()), int(self.curve_agents.max())
        return (
            f"OptimalStaffing(agents={self.agents}, cost={self.cost:.4g} per unit time, "
            f"model={self.model!r}, curve over {lo}..{hi} agents)"
        )


def _cost_curve(rate: float, hold: float, n: np.ndarray, agent_cost: float, wait_cost: float,
                patience: float | None, abandon_cost: float) -> OptimalStaffing:
    """The cost curve over the agent counts ``n``, and its cheapest point."""
    a = rate * hold
    if patience is None:
        b = _erlang_b_values(np.full(n.shape, a), n)
        c = _erlang_c_from_b(np.full(n.shape, a), n, b)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean_queue = np.where(n > a, c * a / (n - a), np.inf)
        abandon_rate = np.zeros(n.shape)
    else:
        mean_queue = np.array([_erlang_a_point(rate, hold, int(k), patience).mean_queue
                               for k in n])
        abandon_rate = mean_queue / patience  # lambda * P(abandon) = theta * E[Q]
    agent = agent_cost * n.astype(float)
    with np.errstate(invalid="ignore"):
        wait = np.where(np.isinf(mean_queue), np.inf, wait_cost * mean_queue)
    abandon = abandon_cost * abandon_rate
    total = agent + wait + abandon
    best = int(np.argmin(total))
    return OptimalStaffing(
        agents=int(n[best]), cost=float(total[best]),
        model="Erlang C" if patience is None else "Erlang A", curve_agents=n,
        curve_agent_cost=agent, curve_wait_cost=wait, curve_abandon_cost=abandon,
        curve_total=total,
    )


def optimal_staffing(
    arrival_rate: float,
    aht: float,
    agent_cost: float,
    wait_cost: float,
    *,
    patience: float | None = None,
    abandon_cost: float = 0.0,
    agents: ArrayLike | None = None,
) -> OptimalStaffing:
    r"""The number of agents that minimises the cost of agents plus the cost of waiting.

    One interval at a time (scalar inputs): the answer comes with the whole cost curve, for a
    chart. Without ``patience`` the model is Erlang C; with it, Erlang A, and abandoned calls can
    carry a cost too.

    Parameters
    ----------
    arrival_rate : float
        Calls per unit of time, :math:`\lambda \ge 0`.
    aht : float
        Average handle time, in the same time unit. Positive.
    agent_cost : float
        Cost of one agent per unit of time (with hours as the unit: the hourly wage). Positive.
    wait_cost : float
        Cost of one caller waiting for one unit of time (the goodwill lost per hour on hold).
        Non-negative.
    patience : float, optional
        Mean patience, in the same time unit. None (the default) means callers never hang up.
    abandon_cost : float, default 0
        Cost of each abandoned call (a lost sale). Needs ``patience``. Non-negative.
    agents : array_like of int, optional
        The agent counts to compare. By default, from the smallest sensible number (the first
        stable one for Erlang C) to comfortably past the optimum.

    Returns
    -------
    OptimalStaffing
        ``agents``, ``cost``, ``model``, and the arrays ``curve_agents``,
        ``curve_agent_cost``, ``curve_wait_cost``, ``curve_abandon_cost``, ``curve_total``.

    Notes
    -----
    The cost per unit of time with :math:`n` agents is

    .. math::

        K(n) = c_A\, n + c_W\, E[Q_n] + c_{ab}\, \lambda\, P_n(\text{abandon}),

    with :math:`E[Q_n] = \lambda\,\mathrm{ASA} = C(n,a)\, a/(n - a)` in Erlang C (infinite when
    :math:`n \le a`), and :math:`E[Q_n]` and :math:`P_n(\text{abandon})` from :func:`erlang_a`
    otherwise. In Erlang C, :math:`E[Q_n]` is convex in :math:`n` (Dyer and Proll, 1977), so the
    optimum is where adding an agent stops paying for itself.

    Examples
    --------
    Times in hours: 200 calls an hour, 3-minute calls, agents at 30 per hour, and a waiting
    caller costs 60 per hour of waiting.

    >>> best = optimal_staffing(200, 0.05, agent_cost=30, wait_cost=60)
    >>> best.agents, round(best.cost, 1)
    (14, 446.1)

    The same with callers who hang up after 3 minutes on average, each lost call costing 20:

    >>> with_abandon = optimal_staffing(200, 0.05, 30, 60, patience=0.05, abandon_cost=20)
    >>> with_abandon.agents
    15

    References
    ----------
    Borst, S., Mandelbaum, A. and Reiman, M. I. (2004). Dimensioning large call centers.
    *Operations Research* 52(1), 17-34.

    Dyer, M. E. and Proll, L. G. (1977). On the validity of marginal analysis for allocating
    servers in M/M/c queues. *Management Science* 23(9), 1019-1022.
    """
    values = {"arrival_rate": arrival_rate, "aht": aht, "agent_cost": agent_cost,
              "wait_cost": wait_cost, "abandon_cost": abandon_cost}
    if patience is not None:
        values["patience"] = patience
    for name, value in values.items():
        _checks.scalar(name, value, where="optimal_staffing")
    rate = _checks.nonnegative("arrival_rate", arrival_rate)
    hold = _checks.positive("aht", aht)
    c_agent = _checks.positive("agent_cost", agent_cost)
    c_wait = _checks.nonnegative("wait_cost", wait_cost)
    c_abandon = _checks.nonnegative("abandon_cost", abandon_cost)
    pat = None if patience is None else _checks.positive("patience", patience)
    if pat is None and c_abandon > 0:
        raise ValueError(
            "abandon_cost needs patience: without it the model is Erlang C, where nobody hangs "
            "up; give patience=... (the mean time a caller waits before hanging up)"
        )
    if agents is not None:
        grid = np.unique(np.atleast_1d(_checks.positive_int("agents", agents)))
        return _cost_curve(rate, hold, grid, c_agent, c_wait, pat, c_abandon)
    a = rate * hold
    lo = math.floor(a) + 1 if pat is None else max(1, math.floor(a - 2 * math.sqrt(a)))
    hi = max(lo + 10, math.ceil(a + 4 * math.sqrt(a) + 5))
    margin = max(5, math.ceil(math.sqrt(a)))
    while True:  # widen the range until the optimum sits well inside it
        result = _cost_curve(rate, hold, np.arange(lo, hi + 1), c_agent, c_wait, pat, c_abandon)
        if result.agents + margin <= hi:
            return result
        hi = lo + 2 * (hi - lo)
