"""Independent references for the queueing tests, at high precision (mpmath).

Computed by other routes than cxlib takes: Erlang B from the Poisson law (incomplete gamma
function), not the recursion; Erlang A from the birth-death chain summed term by term, or from
the confluent hypergeometric function; Erlang A's service level from the partial fractions of
the hypoexponential wait, or from uniformisation of the tagged caller's Markov chain.
"""

from __future__ import annotations

import math

import mpmath as mp
import numpy as np

mp.mp.dps = 50

#: The published worked example: 100 calls per 30 minutes, AHT 180 s, goal 80 % within 20 s.
RATE, AHT, TARGET = 100 / 1800, 180.0, 20.0


def ref_erlang_b(load, agents):
    """B(n, a) = P(Poisson(a) = n) / P(Poisson(a) <= n), by mpmath's incomplete gamma."""
    a, n = mp.mpf(load), int(agents)
    if a == 0:
        return mp.mpf(0)
    pmf = mp.exp(n * mp.log(a) - a - mp.loggamma(n + 1))
    cdf = mp.gammainc(n + 1, a, mp.inf, regularized=True)
    return pmf / cdf


def ref_erlang_b_sum(load, agents):
    """B(n, a) from its definition, the ratio of sums of a^k / k! (small n only)."""
    a = mp.mpf(load)
    terms = [a**k / mp.factorial(k) for k in range(agents + 1)]
    return terms[-1] / mp.fsum(terms)


def ref_erlang_c(load, agents):
    a, n = mp.mpf(load), int(agents)
    b = ref_erlang_b(load, agents)
    return n * b / (n - a * (1 - b))


def ref_service_level_c(rate, aht, agents, target):
    """P(W <= t) in M/M/n from the waiting-time law: a caller who finds j waiting waits for
    j + 1 service completions at rate n mu, an Erlang (gamma) time."""
    rate, aht, t = mp.mpf(rate), mp.mpf(aht), mp.mpf(target)
    n, mu = int(agents), 1 / aht
    a = rate * aht
    p = [mp.mpf(1)]
    for k in range(1, n + 1):
        p.append(p[-1] * a / k)
    queue = [p[-1]]
    while queue[-1] > mp.mpf(10) ** -40 * p[-1]:
        queue.append(queue[-1] * a / n)
    total = mp.fsum(p[:-1]) + mp.fsum(queue)
    waits_longer = mp.fsum(
        pj * mp.gammainc(j + 1, 0, n * mu * t, regularized=True) for j, pj in enumerate(queue)
    )
    return (mp.fsum(p[:-1]) + waits_longer) / total


def ref_erlang_a_chain(rate, aht, agents, patience):
    """P(wait), P(abandon), E[W] of M/M/n+M from the birth-death chain, term by term."""
    rate, aht, patience = mp.mpf(rate), mp.mpf(aht), mp.mpf(patience)
    n, mu, theta = int(agents), 1 / aht, 1 / patience
    below, term = mp.mpf(0), mp.mpf(1)  # sum_{k<n} pi_k / pi_n, built downwards from pi_n
    for k in range(n, 0, -1):
        term = term * k * mu / rate
        below += term
    queue, queue_sum, tiny = [mp.mpf(1)], mp.mpf(1), mp.mpf(10) ** -40
    j = 0
    while True:
        j += 1
        ratio = rate / (n * mu + j * theta)
        queue.append(queue[-1] * ratio)
        queue_sum += queue[-1]
        if ratio < 1 and queue[-1] < tiny * queue_sum:
            break
    total = below + queue_sum
    mean_queue = mp.fsum(i * x for i, x in enumerate(queue)) / total
    return mp.fsum(queue) / total, theta * mean_queue / rate, mean_queue / rate, queue, below


def ref_erlang_a_gamma(rate, aht, agents, patience):
    """The same from the closed forms: the Poisson part by the incomplete gamma function, the
    queue part A(x, y) = x e^y y^-x gamma(x, y) = 1F1(1; x + 1; y), with the lower incomplete
    gamma function (Garnett, Mandelbaum and Reiman, 2002)."""
    rate, aht, patience = mp.mpf(rate), mp.mpf(aht), mp.mpf(patience)
    n = int(agents)
    x, y = n * patience / aht, rate * patience
    b = ref_erlang_b(rate * aht, n)
    if y < x:  # the series 1F1(1; x + 1; y) converges fast
        big_a = mp.hyp1f1(1, x + 1, y)
    else:  # gamma(x, y) = Gamma(x) (1 - Q(x, y)), with Q small here
        lower = 1 - mp.gammainc(x, y, mp.inf, regularized=True)
        big_a = x * mp.exp(y - x * mp.log(y) + mp.loggamma(x)) * lower
    sum_j = y * big_a - x * (big_a - 1)  # sum_j j T_j, from T_j (x + j) = y T_{j-1}
    total = (1 / b - 1) + big_a
    mean_queue = sum_j / total
    return big_a / total, mean_queue / y, mean_queue / rate


def ref_sl_a_partial_fractions(rate, aht, agents, patience, target, dps=60):
    """Erlang A service level: a caller who finds j waiting is answered within t if the sum of
    exponentials with rates n mu + i theta (i = 0..j) is at most t and below their patience.
    Partial fractions of that hypoexponential law, at high precision (small queues only)."""
    with mp.workdps(dps):
        p_wait, _, _, queue, below = ref_erlang_a_chain(rate, aht, agents, patience)
        mu, theta, t = 1 / mp.mpf(aht), 1 / mp.mpf(patience), mp.mpf(target)
        total = below + mp.fsum(queue)
        sl = below / total
        for j, pj in enumerate(queue):
            rates = [agents * mu + i * theta for i in range(j + 1)]
            answered = mp.mpf(0)
            for k, rk in enumerate(rates):
                weight = mp.mpf(1)
                for i, ri in enumerate(rates):
                    if i != k:
                        weight *= ri / (ri - rk)
                answered += weight * rk * (1 - mp.exp(-(rk + theta) * t)) / (rk + theta)
            sl += pj / total * answered
        return sl


def ref_sl_a_uniformised(rate, aht, agents, patience, target):
    """Erlang A service level by uniformisation of the tagged caller's chain (double
    precision, NumPy): states 'j ahead', absorbing 'answered' and 'hung up'."""
    _, _, _, queue, below = ref_erlang_a_chain(rate, aht, agents, patience)
    total = below + mp.fsum(queue)
    weights = np.array([float(x / total) for x in queue])
    mu, theta = 1 / aht, 1 / patience
    J = len(queue) - 1
    uni = agents * mu + (J + 1) * theta
    advance = (agents * mu + np.arange(J + 1) * theta) / uni
    stay = 1 - advance - theta / uni
    lam_t = uni * target
    answered_by_step = np.zeros(J + 1)  # P(answered within m jumps | j ahead)
    result = np.zeros(J + 1)
    for m in range(int(lam_t + 12 * math.sqrt(lam_t) + 30) + 1):
        result += math.exp(m * math.log(lam_t) - lam_t - math.lgamma(m + 1)) * answered_by_step
        answered_by_step = advance * np.r_[1.0, answered_by_step[:-1]] + stay * answered_by_step
    return float(below / total) + float(weights @ result)


def rel(x, ref):
    ref = mp.mpf(ref)
    return float(abs(mp.mpf(x) - ref) / abs(ref))




def ref_erlang_a_answered_wait(rate, aht, agents, patience):
    """Mean wait of the answered callers of M/M/n+M, from the birth-death chain: a caller who
    finds j waiting reaches an agent after a sum T of exponentials with rates n mu + i theta
    (i = 0..j), if T is below their own Exp(theta) patience; so P(answered | j) = prod r_i /
    (r_i + theta) and E[T; answered | j] = E[T exp(-theta T)] = P(answered | j) sum 1 / (r_i +
    theta) (minus the derivative of the Laplace transform at theta). Callers who find a free
    agent are answered at once."""
    _, _, _, queue, below = ref_erlang_a_chain(rate, aht, agents, patience)
    mu, theta = 1 / mp.mpf(aht), 1 / mp.mpf(patience)
    answered, waited = below, mp.mpf(0)
    reach, inverse = mp.mpf(1), mp.mpf(0)
    for j, pj in enumerate(queue):
        r = agents * mu + j * theta
        reach *= r / (r + theta)
        inverse += 1 / (r + theta)
        answered += pj * reach
        waited += pj * reach * inverse
    return waited / answered
