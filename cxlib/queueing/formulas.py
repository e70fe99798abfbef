r"""Exact staffing formulas: Erlang B, Erlang C and Erlang A (NumPy only).

Every function takes plain numbers or NumPy arrays and broadcasts, so a staffing curve is one
call; scalars in give Python ``float`` or ``int`` out. Times are in whatever unit the caller
chooses (seconds, minutes, hours), the same unit for every argument: an ``arrival_rate`` in
calls per second goes with an ``aht``, a ``target`` and a ``patience`` in seconds. Nothing is
converted behind your back.

How the numbers are computed
----------------------------
*Erlang B* uses the classic recursion :math:`B_k = a B_{k-1} / (k + a B_{k-1})`, never
factorials, so nothing overflows. For a large centre the recursion does not start at
:math:`k = 0`: the terms :math:`a^m/m!` far below the mode :math:`\min(n, a)` are smaller than
:math:`e^{-42} \approx 6 \times 10^{-19}` of the sum and are dropped, with a proved bound (see
:func:`erlang_b`). At 100,000 agents and 99 % occupancy that leaves about 4,300 steps.

*Erlang C*, the service level and the average speed of answer follow from Erlang B in closed form.

*Erlang A* (M/M/n+M) sums the birth-death chain's queue part,
:math:`\sum_j \prod_{i \le j} \lambda / (n\mu + i\theta)`, which is the incomplete-gamma
series of Garnett, Mandelbaum and Reiman (2002), until the rest is provably below
:math:`10^{-17}` of the sum. The service level uses the exact law of the wait of a caller who
finds :math:`j` people queueing: it is :math:`-\ln(U)/\theta` with
:math:`U \sim \mathrm{Beta}(n\mu/\theta, j + 1)`, which turns :math:`P(\text{answered within } t)`
into a negative-binomial sum (see :func:`erlang_a`).

An unstable Erlang C queue (load >= agents) is not an error: the queue grows without end, and
the functions return its limits: P(wait) = 1, ASA = ``inf``, service level = 0.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import _checks

__all__ = [
    "erlang_b",
    "erlang_c",
    "service_level",
    "average_speed_of_answer",
    "occupancy",
    "agents_needed",
    "scheduled_staff",
    "square_root_staffing",
    "erlang_a",
    "ErlangAResult",
    "optimal_staffing",
    "OptimalStaffing",
]

ArrayLike = Any  # a number or anything np.asarray accepts

#: Terms of the Erlang B sum smaller than exp(-_TAIL) of the total (relative) are left out.
_TAIL = 42.0
#: Below exp(-_UNDERFLOW), Erlang B rounds to 0.0 in double precision.
_UNDERFLOW = 746.0
#: The Erlang A queue sum stops once the rest is below this share of it.
_REL_TOL = 1e-17


# ---------------------------------------------------------------------------------------------
# input helpers
# ---------------------------------------------------------------------------------------------


def _broadcast(names: tuple[str, ...], *values: Any) -> list[np.ndarray]:
    """Broadcast validated arguments, or say which shapes do not fit together."""
    try:
        return np.broadcast_arrays(*[np.asarray(v) for v in values])
    except ValueError:
        shapes = ", ".join(f"{n} {np.shape(v)}" for n, v in zip(names, values))
        raise ValueError(
            f"the array arguments must have shapes that broadcast together, got {shapes}"
        ) from None


def _share(name: str, value: Any) -> float | np.ndarray:
    """A number greater than 0 and at most 1 (a cap such as ``max_occupancy``)."""
    arr = np.asarray(_checks.positive(name, value), dtype=float)
    bad = arr > 1
    if bad.any():
        shown = arr[()] if arr.ndim == 0 else arr[bad][0]
        raise ValueError(f"{name} must be a number greater than 0 and at most 1, got {shown!r}")
    return _checks.as_output(arr, value)


def _shrinkage(value: Any) -> float | np.ndarray:
    arr = np.asarray(_checks.unit_interval("shrinkage", value), dtype=float)
    bad = arr >= 1
    if bad.any():
        raise ValueError(
            "shrinkage must be a share from 0 up to (but not including) 1, such as 0.3 for "
            f"30 %, got {float(arr[bad][0]) if arr.ndim else float(arr)!r}"
        )
    return _checks.as_output(arr, value)


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
    ValueError: load must be a non-negative number, got -1.0

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
    rate, hold, _ = _offered_load(arrival_rate, aht)
    n = _checks.positive_int("agents", agents)
    names = ("arrival_rate", "aht", "agents") + tuple(name for name, _ in extra)
    arrays = _broadcast(names, rate, hold, n, *[value for _, value in extra])
    rate, hold, n = arrays[0].astype(float), arrays[1].astype(float), arrays[2]
    a = rate * hold
    c = _erlang_c_from_b(a, n, _erlang_b_values(a, n))
    return a, hold, n, c, arrays[3:]


def service_level(
    arrival_rate: ArrayLike, aht: ArrayLike, agents: ArrayLike, target: ArrayLike
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

    Examples
    --------
    100 calls per 30 minutes, handle time 180 s, 14 agents, goal 20 s (all in seconds):

    >>> service_level(100 / 1800, 180, 14, 20)
    0.8884
    >>> service_level(100 / 1800, 180, [12, 13, 14, 15], 20).round(3)
    array([0.64 , 0.796, 0.888, 0.941])

    References
    ----------
    Gans, Koole and Mandelbaum (2003), as in :func:`erlang_c`, section 4.1.
    """
    t = _checks.nonnegative("target", target)
    a, hold, n, c, (t_arr,) = _erlang_c_parts(arrival_rate, aht, agents, ("target", t))
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
    _, _, a = _offered_load(arrival_rate, aht)
    n = _checks.positive_int("agents", agents)
    a, n = _broadcast(("arrival_rate", "agents"), a, n)
    return _checks.as_output(np.minimum(a / n, 1.0), arrival_rate, aht, agents)


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


def agents_needed(
    arrival_rate: ArrayLike,
    aht: ArrayLike,
    target: ArrayLike,
    service_level: ArrayLike = 0.8,
    *,
    max_occupancy: ArrayLike = 1.0,
) -> int | np.ndarray:
    r"""The fewest agents that answer ``service_level`` of calls within ``target`` (Erlang C).

    An exact search, not an approximation: it returns the smallest whole :math:`n` with
    :math:`\mathrm{SL}(n) \ge` ``service_level`` and :math:`a/n \le` ``max_occupancy``.

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
        service-level goal binds (the queue is always made stable).

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

    References
    ----------
    Gans, Koole and Mandelbaum (2003), as in :func:`erlang_c`.

    The worked example is Call Centre Helper's "Erlang C formula made simple"; the same numbers
    (14 agents, service level 0.888) are in the documentation of pyworkforce.
    """
    rate, hold, _ = _offered_load(arrival_rate, aht)
    t = _checks.nonnegative("target", target)
    goal = _checks.open_unit("service_level", service_level)
    cap = _share("max_occupancy", max_occupancy)
    rate, hold, t, goal, cap = _broadcast(
        ("arrival_rate", "aht", "target", "service_level", "max_occupancy"),
        rate, hold, t, goal, cap,
    )
    out = np.empty(rate.shape, dtype=np.int64)
    for idx in np.ndindex(rate.shape):
        out[idx] = _agents_needed_point(
            float(rate[idx] * hold[idx]), float(t[idx] / hold[idx]), float(goal[idx]),
            float(cap[idx]),
        )
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
    ValueError: shrinkage must be a share from 0 up to (but not including) 1, such as 0.3 for 30 %, got 1.0

    References
    ----------
    Cleveland, B. (2012). *Call Center Management on Fast Forward*, 3rd ed. ICMI Press
    (chapter on scheduling and shrinkage).
    """
    n = _checks.nonnegative("agents", agents)
    s = _shrinkage(shrinkage)
    n, s = _broadcast(("agents", "shrinkage"), n, s)
    return _checks.as_output(_ceil_int(n / (1.0 - s)), agents, shrinkage)


def square_root_staffing(load: ArrayLike, beta: ArrayLike) -> int | np.ndarray:
    r"""The square-root staffing rule: load plus :math:`\beta` times its square root.

    Parameters
    ----------
    load : float or array_like
        Offered load :math:`a`, in Erlangs. Non-negative.
    beta : float or array_like
        The quality-of-service parameter :math:`\beta`: about 0.5 to 1 for an efficient centre,
        2 or more for a quality-driven one. Any finite number; negative values staff below the
        load, which only makes sense when callers abandon (Erlang A).

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

    The limit (Halfin and Whitt, 1981) says that P(wait) depends on :math:`\beta` alone in a
    large centre: that is why a centre four times bigger needs only twice the spare agents. The
    rule is an approximation; :func:`agents_needed` gives the exact answer.

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
    """
    a = _checks.nonnegative("load", load)
    b = _checks.number("beta", beta)
    a, b = _broadcast(("load", "beta"), a, b)
    n = np.maximum(_ceil_int(a + b * np.sqrt(a)), 1)
    return _checks.as_output(n, load, beta)


# ---------------------------------------------------------------------------------------------
# Erlang A
# ---------------------------------------------------------------------------------------------


def _erlang_a_point(
    rate: float, aht: float, n: int, patience: float, target: float | None = None
) -> tuple[float, float, float]:
    """P(wait), mean queue length and P(answered within target) of M/M/n+M, for one point.

    With ``x = n mu / theta`` and ``y = lambda / theta``, the queue part of the stationary law
    is ``pi(n + j) = pi(n) T_j`` with ``T_j = prod_{i<=j} y / (x + i)``, and the free-agent part
    sums to ``pi(n) (1/B - 1)`` with B = Erlang B. The sums over j run in NumPy chunks (a
    running product, rescaled so that nothing overflows) until the rest is provably below
    1e-17 of them.

    For the service level, a caller who finds j waiting is answered within t with probability
    ``x / (x + j + 1) * P(K > j)``, where K is negative binomial with size ``x + 1`` and
    success probability ``exp(-theta t)``: the wait is ``-ln(U) / theta`` with
    ``U ~ Beta(x, j + 1)``.
    """
    if rate == 0.0:
        return 0.0, 0.0, 1.0
    a = rate * aht
    x = n * patience / aht
    y = rate * patience
    b = _erlang_b_scalar(a, n)

    want_sl = target is not None and target > 0.0
    if want_sl:
        theta_t = target / patience
        v = -math.expm1(-theta_t)  # 1 - exp(-theta t)
        log_g = -(x + 1.0) * theta_t  # log of g_0 = exp(-theta t)^(x + 1)
        g_last = 1.0  # g_k / exp(log_g)
        cdf = math.exp(log_g)  # G_0 = P(K <= 0)
        sl_sum = x / (x + 1.0) * max(1.0 - cdf, 0.0)
    else:
        sl_sum = 0.0
    q0, q1 = 1.0, 0.0  # sum of T_j and of j T_j (T_0 = 1), in units of exp(log_t)
    log_t, t_last = 0.0, 1.0
    j, chunk = 0, 64
    while True:
        size = chunk
        ratio = y / (x + j + 1)
        if ratio > 1.0:  # keep the running product below exp(600)
            size = min(size, max(1, int(600.0 / math.log(ratio))))
        if want_sl:
            ratio_g = (x + j + 1) / (j + 1) * v
            if ratio_g > 1.0:
                size = min(size, max(1, int(600.0 / math.log(ratio_g))))
        js = np.arange(j + 1, j + size + 1, dtype=float)
        xj = x + js
        terms = t_last * np.cumprod(y / xj)
        q0 += terms.sum()
        q1 += (js * terms).sum()
        if want_sl:
            g = g_last * np.cumprod(xj / js * v)
            cdfs = cdf + np.cumsum(g * math.exp(log_g))
            sl_sum += (terms * (x / (xj + 1.0)) * np.maximum(1.0 - cdfs, 0.0)).sum()
            cdf, g_last = float(cdfs[-1]), float(g[-1])
            if g_last > 1.0:
                log_g += math.log(g_last)
                g_last = 1.0
        j += size
        t_last = float(terms[-1])
        if t_last > 1.0:  # rescale so that the next chunk cannot overflow
            q0, q1, sl_sum = q0 / t_last, q1 / t_last, sl_sum / t_last
            log_t += math.log(t_last)
            t_last = 1.0
        if t_last == 0.0:
            break
        r = y / (x + j + 1)
        if r < 1.0:
            # T_{j+m} <= T_j r^m, so the rest of sum T is at most T_j r/(1-r) and the rest of
            # sum j T_j at most T_j r/(1-r) (j + 1/(1-r)).
            rest = t_last * r / (1.0 - r)
            if rest <= _REL_TOL * q0 and rest * (j + 1.0 / (1.0 - r)) <= _REL_TOL * q1:
                break
        chunk = min(2 * chunk, 8192)

    # z = P(fewer than n busy) / P(n or more busy) = (1/B - 1) / (T-sum)
    if b == 0.0:
        z = math.inf
    elif b == 1.0:
        z = 0.0
    else:
        log_z = math.log1p(-b) - math.log(b) - math.log(q0) - log_t
        z = math.exp(log_z) if log_z < 700.0 else math.inf
    p_wait = 1.0 / (1.0 + z)
    no_wait = 1.0 if math.isinf(z) else z / (1.0 + z)
    mean_queue = p_wait * q1 / q0
    sl = no_wait + p_wait * sl_sum / q0
    return float(p_wait), float(mean_queue), float(min(sl, 1.0))


def _fmt(value: Any) -> str:
    arr = np.asarray(value)
    if arr.ndim == 0:
        v = arr.item()
        return f"{v:.4g}" if isinstance(v, float) else repr(v)
    return f"array{arr.shape}"


def _frozen(value: Any) -> Any:
    if isinstance(value, np.ndarray):
        value.setflags(write=False)
    return value


@dataclass(frozen=True, repr=False)
class ErlangAResult:
    r"""Performance of the M/M/n+M queue (Erlang A), from :func:`erlang_a`.

    Fields hold Python numbers for scalar inputs and NumPy arrays for array inputs. Times are in
    the caller's unit (that of ``aht``).

    Attributes
    ----------
    arrival_rate, aht, agents, patience
        The inputs (broadcast).
    load : float or numpy.ndarray
        Offered load :math:`a = \lambda\,\mathrm{AHT}`, in Erlangs.
    p_wait : float or numpy.ndarray
        P(an arriving caller finds all agents busy and waits).
    p_abandon : float or numpy.ndarray
        P(a caller hangs up before being answered).
    mean_wait : float or numpy.ndarray
        Mean time in queue over all arrivals (answered or not): :math:`E[Q]/\lambda`.
    mean_queue : float or numpy.ndarray
        Mean number of callers waiting, :math:`E[Q]`.
    occupancy : float or numpy.ndarray
        Share of the agents' time spent busy: :math:`a (1 - P_{ab}) / n`.
    """

    arrival_rate: Any
    aht: Any
    agents: Any
    patience: Any
    load: Any
    p_wait: Any
    p_abandon: Any
    mean_wait: Any
    mean_queue: Any
    occupancy: Any
    _scalar: bool = field(default=True, compare=False)

    def __post_init__(self) -> None:
        for name in ("arrival_rate", "aht", "agents", "patience", "load", "p_wait",
                     "p_abandon", "mean_wait", "mean_queue", "occupancy"):
            _frozen(getattr(self, name))

    def service_level(self, target: ArrayLike) -> float | np.ndarray:
        r"""Share of all callers answered within ``target`` (callers who hang up count as not
        answered).

        Parameters
        ----------
        target : float or array_like
            The answer-time goal, in the time unit of ``aht``. Non-negative. Broadcasts with the
            inputs of :func:`erlang_a`.

        Returns
        -------
        float or numpy.ndarray
            :math:`P(W \le t,\ \text{answered})`. At ``target=0`` it is ``1 - p_wait``; as the
            target grows it rises to ``1 - p_abandon``.

        Notes
        -----
        With :math:`x = n\mu/\theta`, :math:`y = \lambda/\theta`, :math:`u = e^{-\theta t}`:

        .. math::

            \mathrm{SL}(t) = P(N < n) + \sum_{j \ge 0} \pi_{n+j}\,
            \frac{x}{x + j + 1}\, P(K_t > j),
            \qquad P(K_t = k) = \frac{\Gamma(x+1+k)}{\Gamma(x+1)\,k!}\, u^{x+1} (1-u)^k.

        A caller who finds :math:`j` waiting moves up at rate :math:`n\mu + i\theta` when
        :math:`i` are ahead, so the time to reach an agent is a sum of exponentials with rates
        :math:`n\mu, n\mu + \theta, \dots, n\mu + j\theta`; its law is that of
        :math:`-\ln(U)/\theta` with :math:`U \sim \mathrm{Beta}(x, j + 1)`. The caller is
        answered within :math:`t` if that time is at most :math:`t` and shorter than their own
        patience, which gives the incomplete-beta (negative-binomial) term above.

        Examples
        --------
        >>> r = erlang_a(100 / 1800, 180, 14, patience=300)
        >>> r.service_level(20)
        0.9168
        >>> r.service_level([0, 20, 1e9]).round(4)    # 1 - p_wait, ..., 1 - p_abandon
        array([0.8547, 0.9168, 0.986 ])
        """
        t = _checks.nonnegative("target", target)
        if self._scalar and _checks.is_scalar(target):
            return _erlang_a_point(self.arrival_rate, self.aht, self.agents, self.patience, t)[2]
        rate, hold, n, pat, tt = _broadcast(
            ("arrival_rate", "aht", "agents", "patience", "target"),
            self.arrival_rate, self.aht, self.agents, self.patience, t,
        )
        out = np.empty(rate.shape)
        for idx in np.ndindex(rate.shape):
            out[idx] = _erlang_a_point(
                float(rate[idx]), float(hold[idx]), int(n[idx]), float(pat[idx]), float(tt[idx])
            )[2]
        return out

    def to_dict(self) -> dict:
        """The fields as a dict of plain Python numbers or lists."""
        keys = ("arrival_rate", "aht", "agents", "patience", "load", "p_wait", "p_abandon",
                "mean_wait", "mean_queue", "occupancy")
        return {k: np.asarray(getattr(self, k)).tolist() for k in keys}

    def __repr__(self) -> str:
        keys = ("agents", "load", "p_wait", "p_abandon", "mean_wait", "occupancy")
        body = ", ".join(f"{k}={_fmt(getattr(self, k))}" for k in keys)
        return f"ErlangAResult({body}; mean_wait in the unit of aht)"


def erlang_a(
    arrival_rate: ArrayLike, aht: ArrayLike, agents: ArrayLike, patience: ArrayLike
) -> ErlangAResult:
    r"""The M/M/n+M queue (Erlang A): Erlang C with callers who hang up.

    Each caller has a patience, exponential with mean ``patience``, and hangs up if not
    answered by then. The queue is stable at any load, because the impatient leave.

    Parameters
    ----------
    arrival_rate : float or array_like
        Calls per unit of time, :math:`\lambda \ge 0`.
    aht : float or array_like
        Average handle time, in the same time unit. Positive.
    agents : int or array_like of int
        Number of agents, :math:`n \ge 1`.
    patience : float or array_like
        Mean patience :math:`1/\theta`, in the same time unit. Positive. For callers who never
        hang up, use :func:`erlang_c` and its friends.

    Returns
    -------
    ErlangAResult
        ``p_wait``, ``p_abandon``, ``mean_wait`` (over all arrivals), ``mean_queue``,
        ``occupancy``, and the method ``service_level(target)``.

    Notes
    -----
    With :math:`\mu = 1/\mathrm{AHT}`, :math:`\theta = 1/\mathrm{patience}`,
    :math:`x = n\mu/\theta`, :math:`y = \lambda/\theta`, the birth-death chain gives

    .. math::

        \pi_{n+j} = \pi_n \prod_{i=1}^{j} \frac{\lambda}{n\mu + i\theta}, \qquad
        \sum_{j\ge0}\prod_{i=1}^{j}\frac{y}{x+i} = A(x, y)
        = \frac{x\, e^{y}}{y^{x}}\,\gamma(x, y),

    where :math:`\gamma` is the lower incomplete gamma function (Garnett, Mandelbaum and Reiman,
    2002). With :math:`B = B(n, a)` from :func:`erlang_b`,

    .. math::

        P(\text{wait}) = \frac{A(x,y)}{1/B - 1 + A(x,y)}, \qquad
        E[Q] = \frac{\sum_j j\,\pi_{n+j}}{\pi_n}\,\frac{P(\text{wait})}{A(x,y)}, \qquad
        P(\text{abandon}) = \frac{\theta\, E[Q]}{\lambda}, \qquad
        E[W] = \frac{E[Q]}{\lambda}.

    :math:`A(x, y)` is summed as its series, term by term, until the rest is provably below
    :math:`10^{-17}` of the sum; no approximation is involved. The service level is in
    :meth:`ErlangAResult.service_level`.

    Examples
    --------
    The worked example with callers who wait 5 minutes on average (times in seconds):

    >>> r = erlang_a(100 / 1800, 180, 14, patience=300)
    >>> r.p_wait, r.p_abandon
    (0.1453, 0.014)
    >>> erlang_a(100 / 1800, 180, [12, 14, 16], 300).p_abandon.round(4)
    array([0.0427, 0.014 , 0.0039])
    >>> erlang_a(1, 10, 5, patience=0)
    Traceback (most recent call last):
    ...
    ValueError: patience must be a positive number, got 0.0

    References
    ----------
    Garnett, O., Mandelbaum, A. and Reiman, M. I. (2002). Designing a call center with
    impatient customers. *Manufacturing & Service Operations Management* 4(3), 208-227.

    Mandelbaum, A. and Zeltyn, S. (2007). Service engineering in action: the Palm/Erlang-A
    queue, with applications to call centers. In *Advances in Services Innovations*,
    Springer, 17-45.

    Zeltyn, S. and Mandelbaum, A. (2005). Call centers with impatient customers: many-server
    asymptotics of the M/M/n+G queue. *Queueing Systems* 51, 361-402.
    """
    rate = _checks.nonnegative("arrival_rate", arrival_rate)
    hold = _checks.positive("aht", aht)
    n = _checks.positive_int("agents", agents)
    pat = _checks.positive("patience", patience)
    if all(_checks.is_scalar(v) for v in (arrival_rate, aht, agents, patience)):
        p_wait, mean_queue, _ = _erlang_a_point(rate, hold, n, pat)
        p_abandon = mean_queue / (rate * pat) if rate > 0 else 0.0
        return ErlangAResult(
            arrival_rate=rate, aht=hold, agents=n, patience=pat, load=rate * hold,
            p_wait=p_wait, p_abandon=p_abandon, mean_wait=mean_queue / rate if rate > 0 else 0.0,
            mean_queue=mean_queue, occupancy=rate * hold * (1.0 - p_abandon) / n,
        )
    rate, hold, n, pat = _broadcast(("arrival_rate", "aht", "agents", "patience"),
                                    rate, hold, n, pat)
    rate, hold, pat = rate.astype(float), hold.astype(float), pat.astype(float)
    p_wait = np.empty(rate.shape)
    mean_queue = np.empty(rate.shape)
    for idx in np.ndindex(rate.shape):
        p_wait[idx], mean_queue[idx], _ = _erlang_a_point(
            float(rate[idx]), float(hold[idx]), int(n[idx]), float(pat[idx])
        )
    load = rate * hold
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_wait = np.where(rate > 0, mean_queue / rate, 0.0)
        p_abandon = np.where(rate > 0, mean_queue / (rate * pat), 0.0)
    occ = load * (1.0 - p_abandon) / n
    return ErlangAResult(
        arrival_rate=rate, aht=hold, agents=n, patience=pat, load=load, p_wait=p_wait,
        p_abandon=p_abandon, mean_wait=mean_wait, mean_queue=mean_queue, occupancy=occ,
        _scalar=False,
    )


# ---------------------------------------------------------------------------------------------
# cost-based staffing
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True, repr=False)
class OptimalStaffing:
    """The cost-minimising number of agents and the cost curve behind it, from
    :func:`optimal_staffing`.

    All costs are per unit of time, in the time unit of ``arrival_rate``.

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
    """

    agents: int
    cost: float
    model: str
    curve_agents: np.ndarray
    curve_agent_cost: np.ndarray
    curve_wait_cost: np.ndarray
    curve_abandon_cost: np.ndarray
    curve_total: np.ndarray

    def __post_init__(self) -> None:
        for name in ("curve_agents", "curve_agent_cost", "curve_wait_cost",
                     "curve_abandon_cost", "curve_total"):
            _frozen(getattr(self, name))

    def to_dict(self) -> dict:
        """The fields as a dict of plain Python numbers and lists (for JSON or a chart)."""
        return {
            "agents": self.agents,
            "cost": self.cost,
            "model": self.model,
            "curve_agents": self.curve_agents.tolist(),
            "curve_agent_cost": self.curve_agent_cost.tolist(),
            "curve_wait_cost": self.curve_wait_cost.tolist(),
            "curve_abandon_cost": self.curve_abandon_cost.tolist(),
            "curve_total": self.curve_total.tolist(),
        }

    def __repr__(self) -> str:
        lo, hi = int(self.curve_agents.min()), int(self.curve_agents.max())
        return (
            f"OptimalStaffing(agents={self.agents}, cost={self.cost:.4g} per unit time, "
            f"model={self.model!r}, curve over {lo}..{hi} agents)"
        )


def _cost_curve(rate, hold, n, agent_cost, wait_cost, patience, abandon_cost):
    a = rate * hold
    if patience is None:
        b = _erlang_b_values(np.full(n.shape, a), n)
        c = _erlang_c_from_b(np.full(n.shape, a), n, b)
        with np.errstate(divide="ignore", invalid="ignore"):
            mean_queue = np.where(n > a, c * a / (n - a), np.inf)
        abandon_rate = np.zeros(n.shape)
    else:
        mean_queue = np.array([_erlang_a_point(rate, hold, int(k), patience)[1] for k in n])
        abandon_rate = mean_queue / patience  # lambda * P(abandon) = theta * E[Q]
    agent = agent_cost * n.astype(float)
    with np.errstate(invalid="ignore"):
        wait = np.where(np.isinf(mean_queue), np.inf, wait_cost * mean_queue)
    abandon = abandon_cost * abandon_rate
    return agent, wait, abandon, agent + wait + abandon


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
        if not _checks.is_scalar(value):
            raise TypeError(
                f"optimal_staffing works on one interval at a time: {name} must be a single "
                f"number, got an array of shape {np.shape(value)}; call it once per interval"
            )
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
    a = rate * hold
    model = "Erlang C" if pat is None else "Erlang A"

    if agents is not None:
        grid = np.unique(np.atleast_1d(_checks.positive_int("agents", agents)))
        parts = _cost_curve(rate, hold, grid, c_agent, c_wait, pat, c_abandon)
    else:
        lo = math.floor(a) + 1 if pat is None else max(1, math.floor(a - 2 * math.sqrt(a)))
        hi = max(lo + 10, math.ceil(a + 4 * math.sqrt(a) + 5))
        while True:
            grid = np.arange(lo, hi + 1)
            parts = _cost_curve(rate, hold, grid, c_agent, c_wait, pat, c_abandon)
            best = int(np.argmin(parts[3]))
            margin = max(5, math.ceil(math.sqrt(a)))
            if grid[best] + margin <= hi:
                break
            hi = lo + 2 * (hi - lo)
    total = parts[3]
    best = int(np.argmin(total))
    return OptimalStaffing(
        agents=int(grid[best]), cost=float(total[best]), model=model, curve_agents=grid,
        curve_agent_cost=parts[0], curve_wait_cost=parts[1], curve_abandon_cost=parts[2],
        curve_total=total,
    )
