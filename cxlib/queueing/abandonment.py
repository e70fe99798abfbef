r"""Erlang A: the M/M/n+M queue, where callers hang up (exact, NumPy only).

==================================================  =========================================
question                                            function
==================================================  =========================================
What if callers hang up while waiting?              :func:`erlang_a` (abandonment, waits,
                                                    service level with impatient callers)
==================================================  =========================================

It sums the birth-death chain's queue part, :math:`\sum_j \prod_{i \le j} \lambda / (n\mu +
i\theta)`, which is the incomplete-gamma series of Garnett, Mandelbaum and Reiman (2002), until
the rest is provably below :math:`10^{-17}` of the sum. The service level uses the exact law of
the wait of a caller who finds :math:`j` people queueing: it is :math:`-\ln(U)/\theta` with
:math:`U \sim \mathrm{Beta}(n\mu/\theta, j + 1)`, which turns :math:`P(\text{answered within } t)`
into a negative-binomial sum (see :meth:`ErlangAResult.service_level`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from .. import _checks
from .._checks import broadcast as _broadcast

from .._results import Result, _short
from .erlang import ArrayLike, _erlang_b_scalar

__all__ = ["erlang_a", "ErlangAResult"]

#: The Erlang A queue sum stops once the rest is below this share of it.
_REL_TOL = 1e-17


# ---------------------------------------------------------------------------------------------
# Erlang A
# ---------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Point:
    """The measures of M/M/n+M at one point (see :func:`_erlang_a_point`)."""

    p_wait: float
    mean_queue: float
    sl: float  # P(answered within target), over all callers
    waited_answered: float  # E[W; answered]: the wait of answered callers, summed over all
    within: float  # P(V <= target): an infinitely patient caller would be answered in time


def _erlang_a_point(
    rate: float, aht: float, n: int, patience: float, target: float | None = None
) -> _Point:
    """P(wait), mean queue length, service level and more of M/M/n+M, for one point.

    With ``x = n mu / theta`` and ``y = lambda / theta``, the queue part of the stationary law
    is ``pi(n + j) = pi(n) T_j`` with ``T_j = prod_{i<=j} y / (x + i)``, and the free-agent part
    sums to ``pi(n) (1/B - 1)`` with B = Erlang B. The sums over j run in NumPy chunks (a
    running product, rescaled so that nothing overflows) until the rest is provably below
    1e-17 of them.

    A caller who finds j waiting reaches an agent after a virtual wait ``V = -ln(U) / theta``
    with ``U ~ Beta(x, j + 1)``, unless their own patience runs out first. So, given j:
    answered within t with probability ``x / (x + j + 1) * P(K > j)``, K negative binomial with
    size ``x + 1`` and success probability ``exp(-theta t)``; ``P(V <= t) = I_{1-u}(j + 1, x)``
    with ``u = exp(-theta t)``; and ``E[V exp(-theta V)] = x / (x + j + 1) * (psi(x + j + 2) -
    psi(x + 1)) / theta``, the wait of a caller who is answered.
    """
    if rate == 0.0:
        return _Point(0.0, 0.0, 1.0, 0.0, 1.0)
    from scipy.special import betainc, digamma

    a = rate * aht
    x = n * patience / aht
    y = rate * patience
    b = _erlang_b_scalar(a, n)
    psi_x1 = float(digamma(x + 1.0))
    aw_sum = x / (x + 1.0) ** 2 * patience  # j = 0: psi(x + 2) - psi(x + 1) = 1 / (x + 1)

    want_sl = target is not None and target > 0.0
    if want_sl:
        theta_t = target / patience
        v = -math.expm1(-theta_t)  # 1 - exp(-theta t)
        log_g = -(x + 1.0) * theta_t  # log of g_0 = exp(-theta t)^(x + 1)
        g_last = 1.0  # g_k / exp(log_g)
        cdf = math.exp(log_g)  # G_0 = P(K <= 0)
        sl_sum = x / (x + 1.0) * max(1.0 - cdf, 0.0)
        pv_sum = -math.expm1(-x * theta_t)  # j = 0: P(V <= t) = 1 - u^x
    else:
        sl_sum = pv_sum = 0.0
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
        answered = terms * (x / (xj + 1.0))
        aw_sum += (answered * (digamma(xj + 2.0) - psi_x1)).sum() * patience
        if want_sl:
            g = g_last * np.cumprod(xj / js * v)
            cdfs = cdf + np.cumsum(g * math.exp(log_g))
            sl_sum += (answered * np.maximum(1.0 - cdfs, 0.0)).sum()
            pv_sum += (terms * betainc(js + 1.0, x, v)).sum()
            cdf, g_last = float(cdfs[-1]), float(g[-1])
            if g_last > 1.0:
                log_g += math.log(g_last)
                g_last = 1.0
        j += size
        t_last = float(terms[-1])
        if t_last > 1.0:  # rescale so that the next chunk cannot overflow
            q0, q1, sl_sum = q0 / t_last, q1 / t_last, sl_sum / t_last
            pv_sum, aw_sum = pv_sum / t_last, aw_sum / t_last
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
    sl = no_wait + p_wait * sl_sum / q0 if want_sl else 1.0 - p_wait
    within = no_wait + p_wait * pv_sum / q0 if want_sl else 1.0 - p_wait
    return _Point(float(p_wait), float(p_wait * q1 / q0), float(min(sl, 1.0)),
                  float(p_wait * aw_sum / q0), float(min(within, 1.0)))


#: The service-level conventions of :meth:`ErlangAResult.service_level`.
_CONVENTIONS = ("all", "answered", "exclude_short")


def _convention(convention: str, rate: float, aht: float, n: int, patience: float,
                target: float) -> float:
    """The service level of one point under one convention."""
    point = _erlang_a_point(rate, aht, n, patience, target)
    if convention == "all" or rate == 0.0:
        return point.sl
    if convention == "answered":
        p_abandon = point.mean_queue / (rate * patience)
        return point.sl / (1.0 - p_abandon)
    quick = 1.0 - point.sl - math.exp(-target / patience) * (1.0 - point.within)
    return point.sl / (1.0 - quick)


@dataclass(frozen=True, repr=False)
class ErlangAResult(Result):
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
    mean_wait_answered : float or numpy.ndarray
        Mean wait of the callers who were answered: the average speed of answer (ASA) as
        contact centres report it when some callers hang up. Longer than ``mean_wait`` when
        the callers who hang up gave up quickly, shorter when they waited long (as they do
        when queues are long).

    Examples
    --------
    >>> r = erlang_a(100 / 1800, 180, 13, patience=300)
    >>> round(r.mean_wait, 2), round(r.mean_wait_answered, 2)
    (7.49, 6.91)
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
    mean_wait_answered: Any
    _scalar: bool = field(default=True, compare=False)

    def service_level(self, target: ArrayLike, *, convention: str = "all") -> float | np.ndarray:
        r"""Share of callers answered within ``target``, by one of the three conventions in use.

        Parameters
        ----------
        target : float or array_like
            The answer-time goal, in the time unit of ``aht``. Non-negative. Broadcasts with the
            inputs of :func:`erlang_a`.
        convention : {"all", "answered", "exclude_short"}, default "all"
            What the share is taken over. ``"all"`` (the default, and the strictest): answered
            within the target over *all* callers, so a caller who hangs up counts as a miss.
            ``"answered"``: over the answered callers only, so hang-ups vanish from the figure.
            ``"exclude_short"``: over all callers except those who hang up within the target
            (they are deemed not to have really waited), a common reporting rule.

        Returns
        -------
        float or numpy.ndarray
            With ``"all"``, :math:`P(W \le t,\ \text{answered})`: at ``target=0`` it is
            ``1 - p_wait``; as the target grows it rises to ``1 - p_abandon``.

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

        For the other conventions: ``"answered"`` divides by :math:`1 - P_{ab}`;
        ``"exclude_short"`` divides by :math:`1 - P(\text{hang up within } t)`, where a caller
        with patience :math:`\tau` and virtual wait :math:`V` hangs up within :math:`t` with
        probability :math:`1 - E[e^{-\theta \min(V, t)}] = 1 - \mathrm{SL}(t) -
        e^{-\theta t} P(V > t)`, and :math:`P(V \le t \mid j) = I_{1-u}(j + 1, x)`.

        Examples
        --------
        >>> r = erlang_a(100 / 1800, 180, 14, patience=300)
        >>> r.service_level(20)
        0.9168
        >>> r.service_level([0, 20, 1e9]).round(4)    # 1 - p_wait, ..., 1 - p_abandon
        array([0.8547, 0.9168, 0.986 ])
        >>> [round(erlang_a(100 / 1800, 180, 13, 300).service_level(20, convention=c), 3)
        ...  for c in ("all", "answered", "exclude_short")]
        [0.858, 0.88, 0.868]
        """
        t = _checks.nonnegative("target", target)
        if convention not in _CONVENTIONS:
            raise ValueError(
                f"convention must be one of {', '.join(map(repr, _CONVENTIONS))}, got "
                f"{convention!r}"
            )
        rate, hold, n, pat, tt = _broadcast(
            ("arrival_rate", "aht", "agents", "patience", "target"),
            self.arrival_rate, self.aht, self.agents, self.patience, t,
        )
        out = np.empty(rate.shape)
        for idx in np.ndindex(rate.shape):
            out[idx] = _convention(convention, float(rate[idx]), float(hold[idx]), int(n[idx]),
                                   float(pat[idx]), float(tt[idx]))
        if self._scalar and _checks.is_scalar(target):
            return float(out)
        return out

    def __repr__(self) -> str:
        keys = ("agents", "load", "p_wait", "p_abandon", "mean_wait", "occupancy")
        body = ", ".join(f"{k}={_short(getattr(self, k))}" for k in keys)
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
        ``p_wait``, ``p_abandon``, ``mean_wait`` (over all arrivals), ``mean_wait_answered``
        (the ASA of answered callers), ``mean_queue``, ``occupancy``, and the method
        ``service_level(target, convention=...)``.

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

    The exact M/M/n+M formulas go back to Palm (1943) and Riordan (1962); Mandelbaum and
    Zeltyn (2007) survey them. What Garnett, Mandelbaum and Reiman (2002) added is the
    many-server limit (the Garnett functions), which shows how to staff large centres with
    impatient callers; cxlib computes the exact finite-size values, not that limit.

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
    ValueError: patience must be a positive number, got 0

    References
    ----------
    Palm, C. (1943). Intensitätsschwankungen im Fernsprechverkehr. *Ericsson Technics* 44, 1-189.

    Riordan, J. (1962). *Stochastic Service Systems*. Wiley.

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
    scalar = all(_checks.is_scalar(v) for v in (arrival_rate, aht, agents, patience))
    rate, hold, n, pat = _broadcast(("arrival_rate", "aht", "agents", "patience"),
                                    rate, hold, n, pat)
    rate, hold, pat = rate.astype(float), hold.astype(float), pat.astype(float)
    p_wait, mean_queue, waited = (np.empty(rate.shape) for _ in range(3))
    for idx in np.ndindex(rate.shape):
        point = _erlang_a_point(float(rate[idx]), float(hold[idx]), int(n[idx]), float(pat[idx]))
        p_wait[idx], mean_queue[idx], waited[idx] = (point.p_wait, point.mean_queue,
                                                     point.waited_answered)
    load = rate * hold
    with np.errstate(divide="ignore", invalid="ignore"):
        mean_wait = np.where(rate > 0, mean_queue / rate, 0.0)
        p_abandon = np.where(rate > 0, mean_queue / (rate * pat), 0.0)
        answered_wait = np.where(rate > 0, waited / (1.0 - p_abandon), 0.0)
    fields = dict(arrival_rate=rate, aht=hold, agents=n, patience=pat, load=load,
                  p_wait=p_wait, p_abandon=p_abandon, mean_wait=mean_wait,
                  mean_queue=mean_queue, occupancy=load * (1.0 - p_abandon) / n,
                  mean_wait_answered=answered_wait)
    if scalar:
        return ErlangAResult(**{k: v.item() for k, v in fields.items()})
    return ErlangAResult(**fields, _scalar=False)
