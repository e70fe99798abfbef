"""Tests for cxlib.queueing's formulas, against references computed independently.

The references are computed here at high precision with mpmath, by other routes than the
library takes: Erlang B from the Poisson law (incomplete gamma function), not the recursion;
Erlang A from the birth-death chain summed term by term, or from the confluent hypergeometric
function; Erlang A's service level from the partial fractions of the hypoexponential wait, or
from uniformisation of the tagged caller's Markov chain. The published worked example is the
one in pyworkforce's documentation (14 agents, service level 0.8883500191794669, P(wait)
0.1741319335950498, 20 rostered staff at 30 % shrinkage).

No timings here: they are in benchmarks/bench_formulas.py.
"""

from __future__ import annotations

import dataclasses
import math

import mpmath as mp
import numpy as np
import pytest

from cxlib import queueing as q
from cxlib.queueing import erlang as formulas

mp.mp.dps = 50


# ---------------------------------------------------------------------------------------------
# references
# ---------------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------------
# Erlang B and C
# ---------------------------------------------------------------------------------------------

# 1, 10, 1,000 and 100,000 agents; light load, near 100 % occupancy, overload.
SIZES = [
    (0.5, 1), (0.999, 1), (3.0, 1),
    (2.0, 10), (9.99, 10), (10.0, 10), (25.0, 10),
    (500.0, 1000), (950.0, 1000), (999.0, 1000), (1200.0, 1000),
    (90_000.0, 100_000), (99_000.0, 100_000), (99_900.0, 100_000), (100_000.0, 100_000),
    (105_000.0, 100_000), (2e6, 100_000),
]


@pytest.mark.parametrize("load, agents", SIZES)
def test_erlang_b_matches_mpmath(load, agents):
    assert rel(q.erlang_b(load, agents), ref_erlang_b(load, agents)) < 1e-13


@pytest.mark.parametrize("load, agents", [(0.3, 1), (4.2, 7), (10.0, 14), (55.5, 60)])
def test_erlang_b_matches_its_definition(load, agents):
    assert rel(q.erlang_b(load, agents), ref_erlang_b_sum(load, agents)) < 1e-14


@pytest.mark.parametrize("load, agents", [(a, n) for a, n in SIZES if a < n])
def test_erlang_c_matches_mpmath(load, agents):
    assert rel(q.erlang_c(load, agents), ref_erlang_c(load, agents)) < 1e-12


def test_erlang_c_at_a_hundred_thousand_agents_and_99_percent():
    assert rel(q.erlang_c(99_000, 100_000), ref_erlang_c(99_000, 100_000)) < 1e-13


@pytest.mark.parametrize("agents", [10, 1000, 100_000])
def test_erlang_c_very_close_to_full_occupancy(agents):
    load = agents * (1 - 1e-6)
    assert rel(q.erlang_c(load, agents), ref_erlang_c(load, agents)) < 1e-9
    assert q.erlang_c(load, agents) < 1.0


def test_skipping_the_start_of_the_recursion_changes_nothing():
    """The recursion starts far below the mode; from k = 0 it must give the same numbers."""
    for load, agents in [(4000.0, 4100), (8000.0, 7900), (20000.5, 20100)]:
        assert formulas._start_index(load, min(agents, math.floor(load))) > 0
        b = 1.0
        for k in range(1, agents + 1):
            b = load * b / (k + load * b)
        assert q.erlang_b(load, agents) == pytest.approx(b, rel=1e-12)


def test_erlang_b_underflows_to_zero_and_handles_zero_load():
    assert q.erlang_b(10, 1000) == 0.0  # the true value is about 1e-2000
    assert q.erlang_b(0, 5) == 0.0
    assert q.erlang_c(0, 5) == 0.0
    assert q.service_level(0, 10, 5, 0) == 1.0
    assert q.average_speed_of_answer(0, 10, 5) == 0.0


def test_erlang_b_and_c_at_tiny_sizes_by_hand():
    # One agent: B = a / (1 + a), C = a (the M/M/1 queue).
    assert q.erlang_b(0.25, 1) == pytest.approx(0.2, rel=1e-15)
    assert q.erlang_c(0.25, 1) == pytest.approx(0.25, rel=1e-15)


@pytest.mark.parametrize(
    "rate, aht, agents, target",
    [(0.5, 1.0, 1, 0.7), (100 / 1800, 180, 14, 20), (9.0, 1.0, 10, 0.05), (95.0, 1.0, 100, 0.0)],
)
def test_service_level_matches_the_waiting_time_law(rate, aht, agents, target):
    got = q.service_level(rate, aht, agents, target)
    assert abs(got - float(ref_service_level_c(rate, aht, agents, target))) < 1e-13


@pytest.mark.parametrize("load, agents", [(950.0, 1000), (99_000.0, 100_000), (99_990.0, 100_000)])
def test_service_level_and_asa_at_scale(load, agents):
    aht, target = 300.0, 20.0
    c = ref_erlang_c(load, agents)
    sl = 1 - c * mp.exp(-(agents - mp.mpf(load)) * target / aht)
    asa = c * aht / (agents - mp.mpf(load))
    assert abs(q.service_level(load / aht, aht, agents, target) - sl) < 1e-13
    assert rel(q.average_speed_of_answer(load / aht, aht, agents), asa) < 1e-11


@pytest.mark.parametrize("load, agents", [(10.0, 10), (12.5, 10), (2e5, 100_000)])
def test_unstable_queue_gives_the_limits(load, agents):
    aht = 2.0
    assert q.erlang_c(load, agents) == 1.0
    assert q.service_level(load / aht, aht, agents, 30) == 0.0
    assert q.average_speed_of_answer(load / aht, aht, agents) == math.inf
    assert q.occupancy(load / aht, aht, agents) == 1.0
    assert 0.0 < q.erlang_b(load, agents) < 1.0  # the loss system is fine with any load


def test_occupancy():
    assert q.occupancy(100 / 1800, 180, 14) == pytest.approx(10 / 14, rel=1e-15)
    assert q.occupancy(0, 180, 14) == 0.0


# ---------------------------------------------------------------------------------------------
# the published worked example and staffing
# ---------------------------------------------------------------------------------------------

RATE, AHT, TARGET = 100 / 1800, 180.0, 20.0  # 100 calls per 30 minutes, in seconds


def test_worked_example():
    assert q.agents_needed(RATE, AHT, TARGET, 0.8) == 14
    assert q.service_level(RATE, AHT, 14, TARGET) == pytest.approx(0.8883500191794669, abs=1e-12)
    assert q.erlang_c(RATE * AHT, 14) == pytest.approx(0.1741319335950498, abs=1e-12)
    assert q.occupancy(RATE, AHT, 14) == pytest.approx(0.7142857142857143, abs=1e-12)
    assert q.service_level(RATE, AHT, 13, TARGET) < 0.8  # 13 agents are not enough
    assert q.scheduled_staff(14, 0.3) == 20


def test_worked_example_with_an_occupancy_cap():
    assert q.agents_needed(RATE, AHT, TARGET, 0.8, max_occupancy=0.70) == 15
    assert q.agents_needed(RATE, AHT, TARGET, 0.8, max_occupancy=0.85) == 14


def test_agents_needed_is_the_smallest_that_works():
    rng = np.random.default_rng(3)
    for _ in range(60):
        load = float(rng.choice([0.3, 4.0, 37.0, 850.0, 12_000.0]) * rng.uniform(0.5, 1.5))
        aht = float(rng.uniform(60, 600))
        target = float(rng.uniform(0, 60))
        goal = float(rng.uniform(0.5, 0.99))
        cap = float(rng.choice([1.0, 0.9, 0.75]))
        n = q.agents_needed(load / aht, aht, target, goal, max_occupancy=cap)
        assert q.service_level(load / aht, aht, n, target) >= goal
        assert load / n <= cap
        if n > 1:
            fails_sl = q.service_level(load / aht, aht, n - 1, target) < goal
            fails_cap = load / (n - 1) > cap
            assert fails_sl or fails_cap


def test_agents_needed_at_scale_and_near_full_occupancy():
    load, aht = 99_000.0, 1.0
    n = q.agents_needed(load / aht, aht, 0.0, 0.5)  # half of the callers may wait
    c_at = ref_erlang_c(load, n)
    c_below = ref_erlang_c(load, n - 1)
    assert c_at <= 0.5 < c_below


def test_agents_needed_float_noise_in_the_occupancy_cap():
    # 7 / 10 is exactly the cap 0.7 (while 7 / 0.7 is 10.000000000000002 in floating point)
    assert q.agents_needed(7 / 180, 180, 1e9, 0.01, max_occupancy=0.7) == 10


def test_agents_needed_with_no_calls():
    assert q.agents_needed(0, 180, 20, 0.8) == 1


def test_agents_needed_broadcasts():
    rates = np.array([[50, 100], [150, 200]]) / 1800
    got = q.agents_needed(rates, AHT, TARGET, 0.8)
    assert got.shape == (2, 2) and got.dtype.kind == "i"
    for idx in np.ndindex(2, 2):
        assert got[idx] == q.agents_needed(float(rates[idx]), AHT, TARGET, 0.8)


def test_scheduled_staff():
    assert q.scheduled_staff(14, 0.0) == 14
    assert q.scheduled_staff(14, 0.3) == 20  # 14 / 0.7 = 20.000000000000004 in floating point
    assert q.scheduled_staff(15, 0.3) == 22  # 21.43 rounds up
    assert q.scheduled_staff(np.array([7, 10]), 0.5).tolist() == [14, 20]
    assert q.scheduled_staff(0, 0.3) == 0


def test_square_root_staffing_and_its_halfin_whitt_limit():
    assert q.square_root_staffing(100, 2.0) == 120
    assert q.square_root_staffing(100, 0.5) == 105
    assert q.square_root_staffing(10.2, 0.0) == 11
    assert q.square_root_staffing(4, -5.0) == 1
    # In a large centre P(wait) depends on beta alone: [1 + beta Phi(beta) / phi(beta)]^-1.
    beta, load = 1.0, 40_000.0
    limit = 1 / (1 + beta * mp.ncdf(beta) / mp.npdf(beta))
    n = q.square_root_staffing(load, beta)
    assert abs(q.erlang_c(load, n) - limit) < 0.01


# ---------------------------------------------------------------------------------------------
# Erlang A
# ---------------------------------------------------------------------------------------------

ERLANG_A_CASES = [
    (0.5, 1.0, 1, 2.0),  # 1 agent
    (1.2, 1.0, 1, 0.5),  # 1 agent, overloaded
    (8.0, 1.0, 10, 1.0),  # 10 agents
    (12.0, 1.0, 10, 0.25),  # 10 agents, overloaded, impatient callers
    (9.99, 1.0, 10, 50.0),  # near 100 % occupancy, patient callers
    (RATE, AHT, 14, 300.0),  # the worked example with 5-minute patience
    (990.0, 1.0, 1000, 1.0),
    (999.0, 1.0, 1000, 20.0),
    (1300.0, 1.0, 1000, 3.0),
]


@pytest.mark.parametrize("rate, aht, agents, patience", ERLANG_A_CASES)
def test_erlang_a_matches_the_birth_death_chain(rate, aht, agents, patience):
    r = q.erlang_a(rate, aht, agents, patience)
    p_wait, p_abandon, mean_wait, _, _ = ref_erlang_a_chain(rate, aht, agents, patience)
    assert rel(r.p_wait, p_wait) < 1e-12
    assert rel(r.p_abandon, p_abandon) < 1e-12
    assert rel(r.mean_wait, mean_wait) < 1e-12
    assert r.mean_queue == pytest.approx(r.mean_wait * rate, rel=1e-14)


@pytest.mark.parametrize(
    "rate, aht, agents, patience",
    [(99_000.0, 1.0, 100_000, 1.0), (99_900.0, 1.0, 100_000, 10.0),
     (100_000.0, 1.0, 100_000, 0.5), (150_000.0, 1.0, 100_000, 2.0),
     (999.0, 1.0, 1000, 20.0), (12.0, 1.0, 10, 0.25)],
)
def test_erlang_a_matches_the_incomplete_gamma_closed_form(rate, aht, agents, patience):
    r = q.erlang_a(rate, aht, agents, patience)
    p_wait, p_abandon, mean_wait = ref_erlang_a_gamma(rate, aht, agents, patience)
    assert rel(r.p_wait, p_wait) < 1e-11
    assert rel(r.p_abandon, p_abandon) < 1e-11
    assert rel(r.mean_wait, mean_wait) < 1e-11


@pytest.mark.parametrize(
    "rate, aht, agents, patience, target",
    [(0.5, 1.0, 1, 2.0, 0.7), (1.2, 1.0, 1, 0.5, 1.0), (8.0, 1.0, 10, 1.0, 0.1),
     (12.0, 1.0, 10, 0.5, 0.1), (RATE, AHT, 14, 300.0, 20.0), (RATE, AHT, 14, 300.0, 600.0)],
)
def test_erlang_a_service_level_matches_partial_fractions(rate, aht, agents, patience, target):
    got = q.erlang_a(rate, aht, agents, patience).service_level(target)
    ref = ref_sl_a_partial_fractions(rate, aht, agents, patience, target)
    assert abs(got - float(ref)) < 1e-13


@pytest.mark.parametrize(
    "rate, aht, agents, patience, target",
    [(30.0, 1.0, 20, 10.0, 0.3), (990.0, 1.0, 1000, 1.0, 0.01), (1100.0, 1.0, 1000, 2.0, 0.05),
     (1000.0, 1.0, 1000, 0.1, 0.002), (RATE, AHT, 14, 300.0, 20.0)],
)
def test_erlang_a_service_level_matches_uniformisation(rate, aht, agents, patience, target):
    got = q.erlang_a(rate, aht, agents, patience).service_level(target)
    assert abs(got - ref_sl_a_uniformised(rate, aht, agents, patience, target)) < 1e-12


def test_erlang_a_service_level_at_a_hundred_thousand_agents():
    for rate, patience, target in [(100_000.0, 0.1, 0.0003), (100_500.0, 0.05, 0.0002)]:
        got = q.erlang_a(rate, 1.0, 100_000, patience).service_level(target)
        assert abs(got - ref_sl_a_uniformised(rate, 1.0, 100_000, patience, target)) < 1e-12
        assert 0.05 < got < 0.95  # a case where the waiting-time law matters


def test_erlang_a_service_level_limits():
    r = q.erlang_a(RATE, AHT, 14, 300.0)
    assert r.service_level(0) == pytest.approx(1 - r.p_wait, abs=1e-15)
    assert r.service_level(1e7) == pytest.approx(1 - r.p_abandon, abs=1e-13)
    levels = r.service_level(np.linspace(0, 600, 25))
    assert np.all(np.diff(levels) > 0)


def test_erlang_a_tends_to_erlang_c_for_patient_callers():
    r = q.erlang_a(RATE, AHT, 14, patience=1e9)
    assert r.p_wait == pytest.approx(q.erlang_c(RATE * AHT, 14), rel=1e-5)
    assert r.mean_wait == pytest.approx(q.average_speed_of_answer(RATE, AHT, 14), rel=1e-5)
    assert r.service_level(TARGET) == pytest.approx(
        q.service_level(RATE, AHT, 14, TARGET), abs=1e-6
    )
    assert r.p_abandon < 1e-7


def test_erlang_a_consistency_identities():
    # Little's law for the agents: busy agents = arrival rate x (1 - P(abandon)) x AHT.
    r = q.erlang_a(12.0, 1.0, 10, 0.25)
    assert r.occupancy * 10 == pytest.approx(12.0 * (1 - r.p_abandon), rel=1e-14)
    assert 0 < r.occupancy < 1


def test_erlang_a_with_no_calls():
    r = q.erlang_a(0, 10, 3, 5)
    assert (r.p_wait, r.p_abandon, r.mean_wait) == (0.0, 0.0, 0.0)
    assert r.service_level(1) == 1.0


def test_erlang_a_result_is_a_frozen_dataclass_with_plain_numbers():
    r = q.erlang_a(RATE, AHT, 14, 300.0)
    assert isinstance(r, q.ErlangAResult)
    with pytest.raises(dataclasses.FrozenInstanceError):
        r.p_wait = 0.5
    for name in ("p_wait", "p_abandon", "mean_wait", "mean_queue", "occupancy", "load"):
        assert type(getattr(r, name)) is float
    assert type(r.agents) is int
    assert type(r.service_level(20)) is float
    d = r.to_dict()
    assert d["agents"] == 14 and set(d) >= {"p_wait", "p_abandon", "mean_wait"}
    assert "p_abandon=" in repr(r) and "agents=14" in repr(r)


def test_erlang_a_broadcasts():
    r = q.erlang_a(RATE, AHT, np.arange(10, 20), [[60.0], [300.0]])
    assert r.p_wait.shape == (2, 10)
    assert r.service_level(20).shape == (2, 10)
    single = q.erlang_a(RATE, AHT, 13, 300.0)
    assert r.p_abandon[1, 3] == pytest.approx(single.p_abandon, rel=1e-14)
    assert r.service_level(20)[1, 3] == pytest.approx(single.service_level(20), rel=1e-14)
    assert np.all(np.diff(r.p_abandon, axis=1) < 0)  # more agents, fewer hang up
    with pytest.raises(ValueError):
        r.p_wait[0, 0] = 1.0  # read-only
    levels = single.service_level([0.0, 20.0])
    assert isinstance(levels, np.ndarray) and levels.shape == (2,)


# ---------------------------------------------------------------------------------------------
# cost-based staffing
# ---------------------------------------------------------------------------------------------


def test_optimal_staffing_erlang_c_against_a_brute_force_search():
    rate, aht, agent_cost, wait_cost = 200.0, 0.05, 30.0, 60.0
    best = q.optimal_staffing(rate, aht, agent_cost, wait_cost)
    load = rate * aht

    def cost(n):
        c = ref_erlang_c(load, n)
        return agent_cost * n + wait_cost * c * load / (n - load)

    costs = {n: cost(n) for n in range(11, 60)}
    expected = min(costs, key=costs.get)
    assert best.agents == expected
    assert best.cost == pytest.approx(float(costs[expected]), rel=1e-12)
    assert best.model == "Erlang C"
    i = list(best.curve_agents).index(best.agents)
    assert best.curve_total[i] == best.cost
    assert best.curve_agents.max() > best.agents  # the curve goes past the optimum
    np.testing.assert_allclose(
        best.curve_total, best.curve_agent_cost + best.curve_wait_cost + best.curve_abandon_cost
    )
    assert best.to_dict()["agents"] == best.agents
    assert "OptimalStaffing(agents=" in repr(best)


def test_optimal_staffing_erlang_a_uses_abandonment():
    rate, aht, patience = 200.0, 0.05, 0.05
    best = q.optimal_staffing(rate, aht, 30.0, 60.0, patience=patience, abandon_cost=20.0)
    assert best.model == "Erlang A"
    n = np.asarray(best.curve_agents)
    r = q.erlang_a(rate, aht, n, patience)
    expected = 30.0 * n + 60.0 * r.mean_queue + 20.0 * rate * r.p_abandon
    np.testing.assert_allclose(best.curve_total, expected, rtol=1e-12)
    assert best.agents == int(n[np.argmin(expected)])
    # A dearer lost call never calls for fewer agents.
    dearer = q.optimal_staffing(rate, aht, 30.0, 60.0, patience=patience, abandon_cost=200.0)
    assert dearer.agents >= best.agents


def test_optimal_staffing_on_given_agents_and_its_errors():
    best = q.optimal_staffing(200.0, 0.05, 30.0, 60.0, agents=[9, 10, 12, 14, 16])
    assert best.curve_agents.tolist() == [9, 10, 12, 14, 16]
    assert np.isinf(best.curve_total[:2]).all()  # unstable: infinite waiting cost
    assert best.agents == 14
    with pytest.raises(ValueError, match="abandon_cost needs patience"):
        q.optimal_staffing(200.0, 0.05, 30.0, 60.0, abandon_cost=5.0)
    with pytest.raises(TypeError, match="one case at a time"):
        q.optimal_staffing([100.0, 200.0], 0.05, 30.0, 60.0)
    with pytest.raises(ValueError, match="agent_cost must be a positive number"):
        q.optimal_staffing(200.0, 0.05, 0.0, 60.0)


# ---------------------------------------------------------------------------------------------
# broadcasting and types
# ---------------------------------------------------------------------------------------------


def test_staffing_curve_in_one_call():
    rate = 100 / 60  # calls per second
    got = q.service_level(rate, 30, np.arange(40, 80), 20)
    assert got.shape == (40,)
    for n, value in zip(range(40, 80), got):
        assert value == pytest.approx(q.service_level(rate, 30, n, 20), rel=1e-13, abs=1e-15)


def test_broadcasting_two_dimensions_and_mixed_sizes():
    loads = np.array([[0.5], [9.5], [950.0], [99_000.0]])
    agents = np.array([1, 10, 1000, 100_000])
    got = q.erlang_c(loads, agents)
    assert got.shape == (4, 4)
    for i, j in np.ndindex(4, 4):
        assert got[i, j] == pytest.approx(
            q.erlang_c(float(loads[i, 0]), int(agents[j])), rel=1e-13, abs=1e-300
        )
    many = q.erlang_b(np.linspace(1, 300, 500), np.arange(1, 501))
    assert np.allclose(many, [q.erlang_b(a, n) for a, n in zip(np.linspace(1, 300, 500),
                                                             range(1, 501))], rtol=1e-13)


def test_scalars_in_python_numbers_out():
    assert type(q.erlang_b(10, 14)) is float
    assert type(q.erlang_c(np.float64(10), np.int64(14))) is float
    assert type(q.service_level(RATE, AHT, 14, TARGET)) is float
    assert type(q.average_speed_of_answer(RATE, AHT, 14)) is float
    assert type(q.occupancy(RATE, AHT, 14)) is float
    assert type(q.agents_needed(RATE, AHT, TARGET)) is int
    assert type(q.scheduled_staff(14, 0.3)) is int
    assert type(q.square_root_staffing(100, 1)) is int
    assert isinstance(q.erlang_c([10], 14), np.ndarray)


# ---------------------------------------------------------------------------------------------
# bad input
# ---------------------------------------------------------------------------------------------

BAD_INPUT = [
    (lambda: q.erlang_b(-1, 3),
     "load must be a non-negative number, got -1"),
    (lambda: q.erlang_c(float("nan"), 3),
     "load must be a non-negative number, got nan"),
    (lambda: q.erlang_c(2, 0),
     "agents must be a positive integer, got 0"),
    (lambda: q.erlang_c(2, 2.5),
     "agents must be a positive integer, got 2.5"),
    (lambda: q.service_level(-2, 10, 3, 5),
     "arrival_rate must be a non-negative number, got -2"),
    (lambda: q.service_level(float("nan"), 10, 3, 5),
     "arrival_rate must be a non-negative number, got nan"),
    (lambda: q.service_level(2, 0, 3, 5),
     "aht must be a positive number, got 0"),
    (lambda: q.service_level(2, -10, 3, 5),
     "aht must be a positive number, got -10"),
    (lambda: q.service_level(2, 10, 3, -5),
     "target must be a non-negative number, got -5"),
    (lambda: q.average_speed_of_answer(2, 10, [3, 0]),
     "agents must be a positive integer, got 0 at index 1"),
    (lambda: q.occupancy(2, 10, 1.5),
     "agents must be a positive integer, got 1.5"),
    (lambda: q.agents_needed(2, 10, 5, 0),
     "service_level must be a number strictly between 0 and 1, got 0"),
    (lambda: q.agents_needed(2, 10, 5, 1),
     "service_level must be a number strictly between 0 and 1, got 1"),
    (lambda: q.agents_needed(2, 10, 5, 80),
     "service_level must be a number strictly between 0 and 1, got 80; did you mean 0.8?"),
    (lambda: q.agents_needed(2, 10, -1),
     "target must be a non-negative number, got -1"),
    (lambda: q.agents_needed(2, 10, 5, max_occupancy=0),
     "max_occupancy must be a number greater than 0 and at most 1, got 0"),
    (lambda: q.agents_needed(2, 10, 5, max_occupancy=1.2),
     "max_occupancy must be a number greater than 0 and at most 1, got 1.2"),
    (lambda: q.erlang_a(2, 10, 3, 0),
     "patience must be a positive number, got 0"),
    (lambda: q.erlang_a(2, 10, 3, -1),
     "patience must be a positive number, got -1"),
    (lambda: q.erlang_a(-2, 10, 3, 1),
     "arrival_rate must be a non-negative number, got -2"),
    (lambda: q.erlang_a(2, 10, 0, 1),
     "agents must be a positive integer, got 0"),
    (lambda: q.erlang_a(2, 10, 3, 1).service_level(-1),
     "target must be a non-negative number, got -1"),
    (lambda: q.scheduled_staff(14, 1.0),
     "shrinkage must be a number from 0 up to (but not including) 1, got 1"),
    (lambda: q.scheduled_staff(14, -0.1),
     "shrinkage must be a number from 0 up to (but not including) 1, got -0.1"),
    (lambda: q.scheduled_staff(-1, 0.3),
     "agents must be a non-negative number, got -1"),
    (lambda: q.square_root_staffing(-5, 1),
     "load must be a non-negative number, got -5"),
    (lambda: q.square_root_staffing(5, float("inf")),
     "beta must be a finite number, got inf"),
    (lambda: q.service_level([1, 2], 10, [3, 4, 5], 5),
     "the array arguments must have shapes that broadcast together, got arrival_rate (2,), aht (2,), agents (3,), target ()"),
]


@pytest.mark.parametrize("call, message", BAD_INPUT)
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


SCALARS_ONLY = [
    (lambda: q.optimal_staffing([100.0, 200.0], 0.05, 30.0, 60.0), "optimal_staffing", "arrival_rate"),
    (lambda: q.optimal_staffing(100.0, 0.05, [30, 40], 60.0), "optimal_staffing", "agent_cost"),
    (lambda: q.staffing_curve([0.05, 0.06], 180, 20), "staffing_curve", "arrival_rate"),
    (lambda: q.staffing_curve(0.05, 180, [20, 30]), "staffing_curve", "target"),
]


@pytest.mark.parametrize("call, where, name", SCALARS_ONLY)
def test_one_case_at_a_time_is_the_same_type_error_everywhere(call, where, name):
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == (
        f"{where} works on one case at a time: {name} must be a single number, got an array "
        "of shape (2,); call it once per case"
    )


def test_non_numbers_are_a_type_error():
    with pytest.raises(TypeError, match="load"):
        q.erlang_c("ten", 14)
    with pytest.raises(TypeError, match="agents"):
        q.erlang_c(10, None)
