"""cxlib.queueing.staffing: agents for a goal, the roster, the square-root rule, the cheapest team.

The published worked example is the one in pyworkforce's documentation (14 agents, service level
0.8883500191794669, P(wait) 0.1741319335950498, 20 rostered staff at 30 % shrinkage).
"""

from __future__ import annotations

import dataclasses
import math

import mpmath as mp
import numpy as np
import pytest

from cxlib import queueing as q
from queueing_references import *  # noqa: F401,F403 - the shared mpmath references

# ---------------------------------------------------------------------------------------------
# the published worked example and staffing
# ---------------------------------------------------------------------------------------------



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
# bad input
# ---------------------------------------------------------------------------------------------

BAD_INPUT = [
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
    (lambda: q.scheduled_staff(14, 1.0),
     "shrinkage must be a number from 0 up to (but not including) 1, got 1"),
    (lambda: q.scheduled_staff(14, -0.1),
     "shrinkage must be a number from 0 up to (but not including) 1, got -0.1"),
    (lambda: q.scheduled_staff(-1, 0.3),
     "agents must be a non-negative number, got -1"),
    (lambda: q.scheduled_staff([10, 14], [0.1, 0.2, 0.3]),
     "the array arguments must have shapes that broadcast together, got agents (2,), shrinkage (3,)"),
    (lambda: q.square_root_staffing(-5, 1),
     "load must be a non-negative number, got -5"),
    (lambda: q.square_root_staffing(5, float("inf")),
     "beta must be a finite number, got inf"),
    (lambda: q.optimal_staffing(-1.0, 0.05, 30.0, 60.0),
     "arrival_rate must be a non-negative number, got -1"),
    (lambda: q.optimal_staffing(100.0, 0.0, 30.0, 60.0),
     "aht must be a positive number, got 0"),
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
    (lambda: q.agents_needed(0.05, 180, 20, patience=[10, 20]), "agents_needed", "patience"),
    (lambda: q.agents_needed(0.05, 180, 20, patience=20, max_abandon=[0.1, 0.2]),
     "agents_needed", "max_abandon"),
]


@pytest.mark.parametrize("call, where, name", SCALARS_ONLY)
def test_one_case_at_a_time_is_the_same_type_error_everywhere(call, where, name):
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == (
        f"{where} works on one case at a time: {name} must be a single number, got an array "
        "of shape (2,); call it once per case"
    )




# ---------------------------------------------------------------------------------------------
# staffing with forecast error and with callers who hang up
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("rate, aht, target, cv", [
    (100 / 1800, 180.0, 20.0, 0.1), (1000 / 180, 180.0, 20.0, 0.05), (3.0, 1.0, 0.5, 0.2),
])
def test_agents_needed_under_forecast_error_is_the_smallest_that_works(rate, aht, target, cv):
    n = q.agents_needed(rate, aht, target, 0.8, forecast_cv=cv)
    assert q.service_level(rate, aht, n, target, forecast_cv=cv) >= 0.8
    assert q.service_level(rate, aht, n - 1, target, forecast_cv=cv) < 0.8
    assert n >= q.agents_needed(rate, aht, target, 0.8)


def test_agents_needed_search_narrows_down_in_a_few_steps():
    """A team the Erlang C answer undershoots (forecast error) is found by doubling, then
    halving the gap: a search that fails to narrow it would never return, so it is stopped
    after 20 seconds (it takes well under one)."""
    import signal

    def too_slow(signum, frame):
        raise TimeoutError("agents_needed did not finish its search in 20 s")

    rate, aht, target, cv = 3.0, 1.0, 0.5, 0.2
    brute = next(n for n in range(1, 50)
                 if q.service_level(rate, aht, n, target, forecast_cv=cv) >= 0.8)
    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        assert q.agents_needed(rate, aht, target, 0.8, forecast_cv=cv) == brute
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


@pytest.mark.parametrize("patience, max_abandon", [(20.0, None), (20.0, 0.05), (5.0, 0.05),
                                                   (300.0, 0.01), (300.0, None)])
def test_agents_needed_with_abandonment_by_brute_force(patience, max_abandon):
    rate, aht, target = 100 / 1800, 180.0, 20.0

    def ok(n):
        r = q.erlang_a(rate, aht, n, patience)
        return r.service_level(target) >= 0.8 and (max_abandon is None
                                                   or r.p_abandon <= max_abandon)

    brute = next(n for n in range(1, 100) if ok(n))
    assert q.agents_needed(rate, aht, target, 0.8, patience=patience,
                           max_abandon=max_abandon) == brute


@pytest.mark.parametrize("load, patience, max_abandon, cap", [
    (1000.0, 300.0, None, 1.0), (1000.0, 300.0, 0.02, 1.0), (200.0, 600.0, None, 1.0),
    (1000.0, 300.0, None, 0.995), (10.0, 300.0, None, 0.7),
])
def test_agents_needed_with_patience_may_staff_below_the_load(load, patience, max_abandon, cap):
    """Callers who hang up keep the queue stable below the load, so the search must start
    below it: brute force over every team size, with the real occupancy a (1 - P_ab) / n."""
    aht, target = 180.0, 20.0
    rate = load / aht
    ns = np.arange(1, int(load) + 40)
    r = q.erlang_a(rate, aht, ns, patience)
    ok = r.service_level(target) >= 0.8
    if max_abandon is not None:
        ok &= r.p_abandon <= max_abandon
    ok &= load * (1 - r.p_abandon) / ns <= cap
    brute = int(ns[np.argmax(ok)])
    assert q.agents_needed(rate, aht, target, 0.8, patience=patience, max_abandon=max_abandon,
                           max_occupancy=cap) == brute
    if (load, max_abandon, cap) == (1000.0, None, 1.0):
        assert brute == 959 < load  # Erlang C needs 1,011


def test_erlang_a_occupancy_falls_as_agents_are_added():
    """The occupancy cap with patience relies on a (1 - P_ab) / n falling with n."""
    for load, patience in ((10.0, 20.0), (10.0, 300.0), (1000.0, 300.0), (50.0, 5.0)):
        occ = q.erlang_a(load / 180, 180.0, np.arange(1, int(load) + 60), patience).occupancy
        assert np.all(np.diff(occ) <= 1e-12)


def test_a_service_level_goal_alone_rewards_abandonment():
    """With a mean patience of 5-20 s, 11 agents 'meet 80/20' while 13-15 % hang up."""
    for patience in (5.0, 10.0, 20.0):
        n = q.agents_needed(100 / 1800, 180, 20, patience=patience)
        assert n == 11
        assert 0.13 <= q.erlang_a(100 / 1800, 180, n, patience).p_abandon <= 0.155


def test_staffing_with_abandonment_checks_its_arguments():
    with pytest.raises(ValueError) as err:
        q.agents_needed(0.05, 180, 20, max_abandon=0.05)
    assert str(err.value) == ("max_abandon needs patience: without it nobody hangs up "
                              "(Erlang C); give patience=... (the callers' mean patience)")
    with pytest.raises(ValueError) as err:
        q.agents_needed(0.05, 180, 20, patience=20, max_abandon=5)
    assert str(err.value) == ("max_abandon must be a number strictly between 0 and 1, got 5; "
                              "did you mean 0.05?")
    with pytest.raises(TypeError, match="patience must be a single number"):
        q.agents_needed(0.05, 180, 20, patience=[20, 30])


def test_square_root_limit_is_approached_from_above_as_centres_grow():
    """Halfin-Whitt: C(a + beta sqrt(a), a) tends to the limit; at finite sizes it is higher."""
    for beta in (0.5, 1.0, 2.0):
        limit = q.square_root_limit(beta)
        ref = 1 / (1 + beta * float(mp.ncdf(beta)) / float(mp.npdf(beta)))
        assert limit == pytest.approx(ref, rel=1e-12)
        finite = [q.erlang_c(a, a + beta * math.sqrt(a)) for a in (4.0, 100.0, 10_000.0)]
        assert finite[0] > finite[1] > finite[2] > limit
        assert finite[2] == pytest.approx(limit, abs=0.01)
