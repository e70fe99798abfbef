r"""Erlang B and Erlang C: the M/M/n queue's exact formulas (NumPy only).

======================================  =========================================
question                                function
======================================  =========================================
What share of callers waits at all?     :func:`erlang_c`
What service level do ``n`` agents      :func:`service_level`
give?
How long do callers wait on average?    :func:`average_speed_of_answer`
How busy are the agents?                :func:`occupancy`
How many calls are lost with no queue?  :func:`erlang_b`
======================================  =========================================

*Erlang B* uses the classic recursion :math:`B_k = a B_{k-1} / (k + a B_{k-1})`, never
factorials, so nothing overflows. For a large centre the recursion does not start at
:math:`k = 0`: the terms :math:`a^m/m!` far below the mode :math:`\min(n, a)` are smaller than
:math:`e^{-42} \approx 6 \times 10^{-19}` of the sum and are dropped, with a proved bound (see
:func:`erlang_b`). At 100,000 agents and 99 % occupancy that leaves about 4,300 steps.

*Erlang C*, the service level and the average speed of answer follow from Erlang B in closed
form. All are exact (to double precision), not approximations.

An unstable Erlang C queue (load >= agents) is not an error: the queue grows without end, and
the functions return its limits: P(wait) = 1, ASA = ``inf``, service level = 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._checks import broadcast as _broadcast
from . import _uncertainty

__all__ = ["erlang_b", "erlang_c", "service_level", "average_speed_of_answer", "occupancy"]

ArrayLike = Any  # a number or anything np.asarray accepts

#: Terms of the Erlang B sum smaller than exp(-_TAIL) of the total (relative) are left out.
_TAIL = 42.0
#: Below exp(-_UNDERFLOW), Erlang B rounds to 0.0 in double precision.
_UNDERFLOW = 746.0


def _ceil_int(x: np.ndarray) -> np.ndarray:
    """Round up to whole numbers, ignoring float noise (14.000000000000002 -> 14)."""
    x = np.asarray(x, dtype=float)
    return np.ceil(x - 1e-9 * np.maximum(1.0, np.abs(x))).astype(np.int64)


# ---------------------------------------------------------------------------------------------
# Erlang B core
# ---------------------------------------------------------------------------------------------


def _start_index(a: float, m: int) -> int:
    """Where the Erlang B recursion may start without losing anything in double precision.

    The terms :math:`t_k = a^k/k!` rise up to ``m = min(n, floor(a))``. Starting at ``k0`` with
    :math:`B_{k0} = 1` drops :math:`\\sum_{k<k0} t_k \\le k_0 t_{k0-1}`, and
    :math:`t_{k0-1}/t_m = \\prod_{j=0}^{d} (m-j)/a` with ``d = m - k0``. Each factor is at most
    ``exp(-j/a)`` (and at most ``m/a``), so the dropped share is below
    ``k0 * exp(-d(d+1)/(2a))`` (and below ``k0 * (m/a)**(d+1)``). Choosing ``d`` so that either
    bound is ``k0 * exp(-log(m) - 42)`` keeps the relative error under ``exp(-42)``.
    """
    if m < 1:
        return 0
    budget = math.log(m) + _TAIL
    d = math.ceil(math.sqrt(2.0 * a * budget))
    if m < a:
        d = min(d, math.ceil(budget / math.log(a / m)))
    return max(0, m - d)


def _underflows(a: float, n: int, m: int) -> bool:
    """True when B(n) < exp(-746): it rounds to 0.0, so the recursion can be skipped."""
    if n <= m:
        return False
    log_ratio = math.lgamma(n + 1.0) - math.lgamma(m + 1.0) - (n - m) * math.log(a)
    return log_ratio > _UNDERFLOW


def _erlang_b_scalar(a: float, n: int) -> float:
    """Erlang B for one (load, agents) pair, by the recursion in pure Python."""
    if a == 0.0:
        return 0.0
    m = min(n, math.floor(a))
    if _underflows(a, n, m):
        return 0.0
    b = 1.0
    for k in range(_start_index(a, m) + 1, n + 1):
        ab = a * b
        b = ab / (k + ab)
    return b


def _start_indices(a: np.ndarray, m: np.ndarray) -> np.ndarray:
    """:func:`_start_index` for arrays (the same numbers, element by element)."""
    mf = np.maximum(m, 1).astype(float)
    budget = np.log(mf) + _TAIL
    d = np.ceil(np.sqrt(2.0 * a * budget))
    with np.errstate(divide="ignore", invalid="ignore"):
        geometric = np.ceil(budget / np.log(a / mf))
    d = np.where(m < a, np.minimum(d, geometric), d)
    return np.where(m < 1, 0, np.maximum(0, m - d)).astype(np.int64)


def _erlang_b_group(a: float, ns: np.ndarray, k0: int) -> np.ndarray:
    """Erlang B for one load and several agent counts, in one pass of the recursion."""
    order = np.argsort(ns, kind="stable")
    out = np.empty(len(ns))
    k, b = k0, 1.0
    for idx in order:
        n = int(ns[idx])
        while k < n and b > 0.0:  # in blocks, so that an underflow to 0 ends the work
            stop = min(n, k + 512)
            for kk in range(k + 1, stop + 1):
                ab = a * b
                b = ab / (kk + ab)
            k = stop
        k = max(k, n)
        out[idx] = b
    return out


def _erlang_b_stepped(a: np.ndarray, n: np.ndarray, k0: np.ndarray) -> np.ndarray:
    """Erlang B for many pairs at once: one NumPy step of the recursion for all pairs together.

    Each pair starts at its own ``k0``; the pairs are sorted by how many steps they need, so the
    pairs still running at step ``s`` are a prefix of the arrays.
    """
    steps = n - k0
    order = np.argsort(-steps, kind="stable")
    a_s, k_s, steps_s = a[order], k0[order].astype(float), steps[order]
    b = np.ones(len(a))
    # running[s - 1] = how many pairs need at least s steps
    running = np.searchsorted(-steps_s, -np.arange(1, int(steps_s[0]) + 1), side="right")
    for s, count in enumerate(running, start=1):
        ab = a_s[:count] * b[:count]
        b[:count] = ab / (k_s[:count] + s + ab)
    out = np.empty(len(a))
    out[order] = b
    return out


def _erlang_b_values(load: np.ndarray, agents: np.ndarray) -> np.ndarray:
    """Erlang B for validated, broadcast arrays of loads and agent counts."""
    a = np.asarray(load, dtype=float).ravel()
    n = np.asarray(agents, dtype=np.int64).ravel()
    out = np.zeros(a.shape)
    if a.size == 1:
        out[0] = _erlang_b_scalar(float(a[0]), int(n[0]))
        return out.reshape(np.shape(load))
    if a[0] > 0 and (a == a[0]).all():  # one load, many agent counts: one pass
        load0 = float(a[0])
        m0 = min(int(n.min()), math.floor(load0))
        return _erlang_b_group(load0, n, _start_index(load0, m0)).reshape(np.shape(load))
    live = a > 0
    m = np.minimum(n, np.floor(a)).astype(np.int64)
    # B(n) <= t_m / t_n < (a/n)^(n-m): only pairs failing this cheap test can underflow.
    with np.errstate(divide="ignore", invalid="ignore"):
        maybe = live & (n > m) & ((n - m) * np.log(n / a) > _UNDERFLOW)
    for i in np.flatnonzero(maybe):
        if _underflows(float(a[i]), int(n[i]), int(m[i])):
            live[i] = False
    idx = np.flatnonzero(live)
    if idx.size == 0:
        return out.reshape(np.shape(load))
    al, nl = a[idx], n[idx]
    k0 = _start_indices(al, m[idx])
    # One pass of the recursion per distinct load (in Python), or NumPy steps over all pairs at
    # once: choose the cheaper. A NumPy step costs about as much as 20 Python steps, plus a
    # little per pair.
    order = np.lexsort((nl, al))
    a_sorted = al[order]
    first = np.flatnonzero(np.r_[True, a_sorted[1:] != a_sorted[:-1]])
    n_max = np.maximum.reduceat(nl[order], first)
    k_min = np.minimum.reduceat(k0[order], first)
    python_steps = int((n_max - k_min).sum())
    numpy_steps = int((nl - k0).max())
    if python_steps <= numpy_steps * (20 + idx.size // 64):
        res = np.empty(idx.size)
        bounds = np.r_[first, idx.size]
        for g in range(len(first)):
            sel = order[bounds[g]:bounds[g + 1]]
            res[sel] = _erlang_b_group(float(a_sorted[bounds[g]]), nl[sel], int(k_min[g]))
    else:
        res = _erlang_b_stepped(al, nl, k0)
    out[idx] = res
    return out.reshape(np.shape(load))


def _erlang_c_from_b(a: np.ndarray, n: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Erlang C from Erlang B: C = n B / (n - a (1 - B)); 1 when a >= n (unstable)."""
    with np.errstate(divide="ignore", invalid="ignore"):
        c = n * b / ((n - a) + a * b)
    return np.where(a >= n, 1.0, c)


def _offered_load(arrival_rate: Any, aht: Any) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    rate = _checks.nonnegative("arrival_rate", arrival_rate)
    hold = _checks.positive("aht", aht)
    rate, hold = _broadcast(("arrival_rate", "aht"), rate, hold)
    return rate.astype(float), hold.astype(float), rate * hold


# ---------------------------------------------------------------------------------------------
# Erlang B and C
# ---------------------------------------------------------------------------------------------


def erlang_b(load: ArrayLike, agents: ArrayLike) -> float | np.ndarray:
    r"""Blocking probability of the M/M/n/n loss system (Erlang B).

    The share of callers who find all ``agents`` busy and are turned away, when there is no
    queue at all (a busy signal). It is also the building block of Erlang C and Erlang A.

    Parameters
    ----------
    load : float or array_like
        Offered load :math:`a = \lambda \times \mathrm{AHT}`, in Erlangs (arrival rate times
        average handle time, in the same time unit). Non-negative.
    agents : int or array_like of int
        Number of agents (or lines), :math:`n \ge 1`.

    Returns
    -------
    float or numpy.ndarray
        :math:`B(n, a)`, broadcast over the inputs. A float for scalar inputs. Values below
        about :math:`10^{-324}` round to 0.0.

    Notes
    -----
    .. math::

        B(n, a) = \frac{a^n / n!}{\sum_{k=0}^{n} a^k / k!},
        \qquad B_0 = 1, \quad B_k = \frac{a\, B_{k-1}}{k + a\, B_{k-1}}.

    The recursion is stable (errors shrink from step to step) and needs no factorials. It
    starts at :math:`k_0 = \max(0, m - d)`, where :math:`m = \min(n, \lfloor a \rfloor)` is the
    largest term, and :math:`d = \lceil\sqrt{2 a (\ln m + 42)}\,\rceil` (or the geometric bound
    :math:`\lceil(\ln m + 42)/\ln(a/m)\rceil` when :math:`m < a`, if smaller). The terms left
    out add up to less than :math:`e^{-42} \approx 6\times10^{-19}` of the sum: about ten
    standard deviations of the Poisson law below its mode.

    Examples
    --------
    >>> erlang_b(10, 14)
    0.0568
    >>> erlang_b(2.0, [1, 2, 3]).round(4)
    array([0.6667, 0.4   , 0.2105])
    >>> erlang_b(-1, 3)
    Traceback (most recent call last):
    ...
    ValueError: load must be a non-negative number, got -1

    References
    ----------
    Erlang, A. K. (1917). Solution of some problems in the theory of probabilities of
    significance in automatic telephone exchanges. *Elektroteknikeren* 13, 5-13.

    Jagerman, D. L. (1974). Some properties of the Erlang loss function. *Bell System
    Technical Journal* 53(3), 525-551.
    """
    a = _checks.nonnegative("load", load)
    n = _checks.positive_int("agents", agents)
    a_arr, n_arr = _broadcast(("load", "agents"), a, n)
    return _checks.as_output(_erlang_b_values(a_arr, n_arr), load, agents)


def erlang_c(load: ArrayLike, agents: ArrayLike) -> float | np.ndarray:
    r"""Probability that an arriving caller has to wait, in the M/M/n queue (Erlang C).

    Parameters
    ----------
    load : float or array_like
        Offered load :math:`a = \lambda \times \mathrm{AHT}`, in Erlangs. Non-negative.
    agents : int or array_like of int
        Number of agents :math:`n \ge 1`.

    Returns
    -------
    float or numpy.ndarray
        :math:`C(n, a)`. When :math:`a \ge n` the queue is unstable (it grows without end and
        every caller waits), so the result is its limit, 1.0; this is not an error.

    Notes
    -----
    .. math::

        C(n, a) = \frac{\dfrac{a^n}{n!}\dfrac{n}{n-a}}
                       {\sum_{k=0}^{n-1}\dfrac{a^k}{k!} + \dfrac{a^n}{n!}\dfrac{n}{n-a}}
                = \frac{n\, B(n, a)}{n - a\,(1 - B(n, a))}, \qquad a < n,

    with :math:`B` from :func:`erlang_b`. The denominator is computed as
    :math:`(n - a) + a B`, which stays exact close to 100 % occupancy.

    Examples
    --------
    >>> erlang_c(10, 14)
    0.1741
    >>> erlang_c(10, [10, 11, 12]).round(4)   # 10 agents cannot keep up with 10 Erlangs
    array([1.    , 0.6821, 0.4494])

    References
    ----------
    Erlang, A. K. (1917), as in :func:`erlang_b`.

    Gans, N., Koole, G. and Mandelbaum, A. (2003). Telephone call centers: tutorial, review,
    and research prospects. *Manufacturing & Service Operations Management* 5(2), 79-141.
    """
    a = _checks.nonnegative("load", load)
    n = _checks.positive_int("agents", agents)
    a_arr, n_arr = _broadcast(("load", "agents"), a, n)
    b = _erlang_b_values(a_arr, n_arr)
    return _checks.as_output(_erlang_c_from_b(a_arr, n_arr, b), load, agents)


def _erlang_c_parts(arrival_rate: Any, aht: Any, agents: Any, *extra: tuple[str, Any]):
    rate = _checks.nonnegative("arrival_rate", arrival_rate)
    hold = _checks.positive("aht", aht)
    n = _checks.positive_int("agents", agents)
    names = ("arrival_rate", "aht", "agents") + tuple(name for name, _ in extra)
    arrays = _broadcast(names, rate, hold, n, *[value for _, value in extra])
    rate, hold, n = arrays[0].astype(float), arrays[1].astype(float), arrays[2]
    a = rate * hold
    c = _erlang_c_from_b(a, n, _erlang_b_values(a, n))
    return a, hold, n, c, arrays[3:]


def _sl_point(rate: float, hold: float, n: int, t: float) -> float:
    """Erlang C service level for one point, in pure Python (for quadrature over the rate)."""
    a = rate * hold
    if a >= n:
        return 0.0
    b = _erlang_b_scalar(a, n)
    c = n * b / ((n - a) + a * b)
    return 1.0 - c * math.exp(-(n - a) * t / hold)


def service_level(
    arrival_rate: ArrayLike, aht: ArrayLike, agents: ArrayLike, target: ArrayLike, *,
    forecast_cv: float = 0.0,
) -> float | np.ndarray:
    r"""Share of callers answered within ``target`` in the M/M/n queue (Erlang C).

    Parameters
    ----------
    arrival_rate : float or array_like
        Calls per unit of time, :math:`\lambda \ge 0`.
    aht : float or array_like
        Average handle time, in the same time unit. Positive.
    agents : int or array_like of int
        Number of agents on the phones, :math:`n \ge 1`.
    target : float or array_like
        The answer-time goal :math:`t` ("80 % within 20 s" has ``target=20`` when the unit is
        the second). Non-negative.
    forecast_cv : float, default 0
        Uncertainty of the arrival rate: with ``forecast_cv > 0`` the day's true rate is random,
        gamma-distributed with mean ``arrival_rate`` and this coefficient of variation (0.05 for
        a forecast that is typically 5 % off), and the result is the *expected* service level
        over such days, :math:`E[\mathrm{SL}(\Lambda)]`. One number for every element.

    Returns
    -------
    float or numpy.ndarray
        :math:`P(W \le t)`. 0.0 when the queue is unstable (load >= agents): the wait grows
        without end, so in the long run nobody is answered within any target.

    Notes
    -----
    .. math::

        \mathrm{SL}(t) = 1 - C(n, a)\, e^{-(n - a)\, t / \mathrm{AHT}},
        \qquad a = \lambda\,\mathrm{AHT} < n.

    This is exact for the model (Poisson arrivals at a known rate, exponential handle times,
    callers who never hang up, the long run). With ``forecast_cv`` the average over the gamma law
    of the rate is computed by adaptive quadrature to about 1e-10 (see
    ``cxlib/queueing/_uncertainty.py``); each day is counted once, so it is the mean of daily
    service levels (a call-weighted mean would be a little lower, because busy days carry more
    calls).

    Examples
    --------
    100 calls per 30 minutes, handle time 180 s, 14 agents, goal 20 s (all in seconds):

    >>> service_level(100 / 1800, 180, 14, 20)
    0.8884
    >>> service_level(100 / 1800, 180, [12, 13, 14, 15], 20).round(3)
    array([0.64 , 0.796, 0.888, 0.941])

    The same 14 agents when the day's rate is typically 10 % off its forecast:

    >>> service_level(100 / 1800, 180, 14, 20, forecast_cv=0.10)
    0.8651

    References
    ----------
    Gans, Koole and Mandelbaum (2003), as in :func:`erlang_c`, section 4.1.

    Brown, L. et al. (2005). Statistical analysis of a telephone call center: a queueing-science
    perspective. *Journal of the American Statistical Association* 100(469), 36-50 (the day's
    arrival rate is itself random around its forecast).
    """
    t = _checks.nonnegative("target", target)
    cv = _uncertainty.check_cv(forecast_cv)
    a, hold, n, c, (t_arr,) = _erlang_c_parts(arrival_rate, aht, agents, ("target", t))
    if cv > 0:
        rate = a / hold
        sl = np.empty(a.shape)
        for idx in np.ndindex(a.shape):
            h, k, tt = float(hold[idx]), int(n[idx]), float(t_arr[idx])
            sl[idx] = _uncertainty.expected(lambda lam: _sl_point(lam, h, k, tt),
                                            float(rate[idx]), cv, kink=k / h)
        return _checks.as_output(sl, arrival_rate, aht, agents, target)
    sl = np.where(a >= n, 0.0, 1.0 - c * np.exp(-np.maximum(n - a, 0.0) * t_arr / hold))
    return _checks.as_output(sl, arrival_rate, aht, agents, target)


def average_speed_of_answer(
    arrival_rate: ArrayLike, aht: ArrayLike, agents: ArrayLike
) -> float | np.ndarray:
    r"""Mean time in queue over all callers (ASA), in the M/M/n queue (Erlang C).

    Parameters
    ----------
    arrival_rate : float or array_like
        Calls per unit of time, :math:`\lambda \ge 0`.
    aht : float or array_like
        Average handle time, in the same time unit. Positive.
    agents : int or array_like of int
        Number of agents, :math:`n \ge 1`.

    Returns
    -------
    float or numpy.ndarray
        :math:`E[W]`, in the time unit of ``aht``; callers answered at once count with a wait of
        0. ``inf`` when the queue is unstable (load >= agents).

    Notes
    -----
    .. math::

        \mathrm{ASA} = E[W] = \frac{C(n, a)\,\mathrm{AHT}}{n - a}, \qquad a < n.

    By Little's law the mean number waiting is :math:`\lambda\,\mathrm{ASA}`.

    Examples
    --------
    >>> average_speed_of_answer(100 / 1800, 180, 14)     # seconds
    7.8359
    >>> average_speed_of_answer(1, 10, 10)
    inf

    References
    ----------
    Gans, Koole and Mandelbaum (2003), as in :func:`erlang_c`.
    """
    a, hold, n, c, _ = _erlang_c_parts(arrival_rate, aht, agents)
    with np.errstate(divide="ignore", invalid="ignore"):
        asa = c * hold / (n - a)
    asa = np.where(a >= n, np.inf, asa)
    return _checks.as_output(asa, arrival_rate, aht, agents)


def occupancy(arrival_rate: ArrayLike, aht: ArrayLike, agents: ArrayLike) -> float | np.ndarray:
    r"""Share of the agents' time spent busy with calls (M/M/n).

    Parameters
    ----------
    arrival_rate : float or array_like
        Calls per unit of time, :math:`\lambda \ge 0`.
    aht : float or array_like
        Average handle time, in the same time unit. Positive.
    agents : int or array_like of int
        Number of agents, :math:`n \ge 1`.

    Returns
    -------
    float or numpy.ndarray
        :math:`\rho = \min(a/n, 1)`. When the load is at least the number of agents the queue is
        unstable and every agent is busy all the time, so the occupancy is 1.0.

    Notes
    -----
    .. math:: \rho = \frac{\lambda\,\mathrm{AHT}}{n}.

    Examples
    --------
    >>> occupancy(100 / 1800, 180, 14)
    0.7143
    >>> occupancy(2, 10, [10, 20, 40])
    array([1. , 1. , 0.5])
    """
    rate = _checks.nonnegative("arrival_rate", arrival_rate)
    hold = _checks.positive("aht", aht)
    n = _checks.positive_int("agents", agents)
    rate, hold, n = _broadcast(("arrival_rate", "aht", "agents"), rate, hold, n)
    return _checks.as_output(np.minimum(rate * hold / n, 1.0), arrival_rate, aht, agents)
