"""cxlib.queueing.simulate and its results: against queueing theory, against an independent
event-by-event simulation, and for its bookkeeping, summaries and error messages.

Statistical tests compare an estimate with theory within ``Z`` standard errors, the standard
error coming from the spread between independent replications (or from the estimate's own
confidence interval). Every run is seeded, so a pass is repeatable; with Z = 5 a correct
simulator fails one of these checks by chance with probability below 1e-6 per check.
"""

from __future__ import annotations

import heapq
import math
from collections import deque

import numpy as np
import pytest

from cxlib.queueing import average_speed_of_answer, erlang_a, erlang_c, service_level
from cxlib._stats import t_quantile
from cxlib.queueing.simulation import (
    Estimate,
    IntervalSummary,
    SimulationResult,
    simulate,
)

Z = 5.0  # tolerance, in standard errors


def mean_and_se(per_replication: np.ndarray) -> tuple[float, float]:
    x = np.asarray(per_replication, dtype=float)
    return float(x.mean()), float(x.std(ddof=1) / math.sqrt(len(x)))


def assert_close(estimate: float, se: float, theory: float, what: str) -> None:
    assert abs(estimate - theory) < Z * se, (
        f"{what}: simulated {estimate:.5g} +/- {se:.2g} (se), theory {theory:.5g}, "
        f"off by {abs(estimate - theory) / se:.1f} standard errors"
    )


# ------------------------------------------------------------------------------------------
# Against theory
# ------------------------------------------------------------------------------------------

LAM, AHT, N = 9.0, 1.0, 10  # the course's running example: 9 calls/min, 1 min AHT, 10 agents


@pytest.fixture(scope="module")
def mmn() -> SimulationResult:
    return simulate(LAM, AHT, N, customers=10_000, replications=100, warmup=1_000, seed=11)


def test_mmn_mean_wait_matches_erlang_c(mmn):
    est = mmn.mean_wait()
    assert_close(est.value, est.std_error, average_speed_of_answer(LAM, AHT, N), "M/M/10 mean wait")


def test_mmn_probability_of_waiting_matches_erlang_c(mmn):
    waited = (mmn.wait[:, mmn.warmup:] > 0).mean(axis=1)
    assert_close(*mean_and_se(waited), erlang_c(LAM * AHT, N), "M/M/10 P(wait > 0)")


@pytest.mark.parametrize("target", [0.0, 1 / 3, 1.0])
def test_mmn_service_level_matches_erlang_c(mmn, target):
    est = mmn.service_level(target)
    assert_close(est.value, est.std_error, service_level(LAM, AHT, N, target),
                 f"M/M/10 service level within {target:.3g}")


def test_mmn_utilization_is_offered_load_over_agents(mmn):
    est = mmn.utilization()
    assert_close(est.value, est.std_error, LAM * AHT / N, "M/M/10 utilization")


def test_mmn_nobody_abandons_without_patience(mmn):
    assert not mmn.abandoned.any()
    assert mmn.abandon_rate().value == 0


@pytest.fixture(scope="module")
def erlang_a_run() -> SimulationResult:
    # Load 9 on 9 agents: Erlang C would be unstable; impatience keeps it stable.
    return simulate(9, 1, 9, customers=10_000, replications=100, patience=2, warmup=1_000,
                    seed=12)


def test_mmn_plus_m_abandonment_matches_erlang_a(erlang_a_run):
    est = erlang_a_run.abandon_rate()
    assert_close(est.value, est.std_error, erlang_a(9, 1, 9, 2).p_abandon, "Erlang A P(abandon)")


def test_mmn_plus_m_mean_wait_matches_erlang_a(erlang_a_run):
    est = erlang_a_run.mean_wait()
    assert_close(est.value, est.std_error, erlang_a(9, 1, 9, 2).mean_wait, "Erlang A mean wait")


def test_mmn_plus_m_service_level_and_utilization_match_erlang_a(erlang_a_run):
    theory = erlang_a(9, 1, 9, 2)
    sl = erlang_a_run.service_level(0.5)
    assert_close(sl.value, sl.std_error, theory.service_level(0.5), "Erlang A service level")
    util = erlang_a_run.utilization()
    assert_close(util.value, util.std_error, theory.occupancy, "Erlang A occupancy")


def test_abandoners_count_their_time_until_they_hung_up(erlang_a_run):
    # With exponential patience, P(abandon) = E[wait of everyone] / mean patience (Little's
    # law on the queue: abandonment rate = queue length / patience).
    per_rep = erlang_a_run.abandon_rate
    w = erlang_a_run.wait[:, 1_000:].mean(axis=1)
    ab = erlang_a_run.abandoned[:, 1_000:].mean(axis=1)
    assert_close(*mean_and_se(ab - w / 2), 0.0, "P(abandon) - mean wait / patience")
    assert per_rep().value > 0.01


def test_md1_matches_pollaczek_khinchine():
    lam, d = 0.8, 1.0
    res = simulate(lam, d, 1, customers=20_000, replications=100, handle="deterministic",
                   warmup=2_000, seed=13)
    rho = lam * d
    theory = lam * d**2 / (2 * (1 - rho))  # Pollaczek-Khinchine, E[S^2] = d^2
    est = res.mean_wait()
    assert_close(est.value, est.std_error, theory, "M/D/1 mean wait")
    assert np.all(res.handle_time == d)


@pytest.mark.parametrize("dist", ["gamma", "lognormal"])
def test_mg1_matches_pollaczek_khinchine(dist):
    lam, aht, cv = 0.7, 1.0, 1.3
    res = simulate(lam, aht, 1, customers=20_000, replications=100, handle=dist, handle_cv=cv,
                   warmup=2_000, seed=14)
    theory = lam * aht**2 * (1 + cv**2) / (2 * (1 - lam * aht))
    est = res.mean_wait()
    assert_close(est.value, est.std_error, theory, f"M/G/1 ({dist}) mean wait")
    h = res.handle_time.ravel()
    assert abs(h.mean() - aht) < Z * h.std() / math.sqrt(h.size)


def test_stable_system_reaches_steady_state():
    res = simulate(LAM, AHT, N, customers=12_000, replications=100, seed=15)
    early = res.wait[:, 2_000:7_000].mean(axis=1)
    late = res.wait[:, 7_000:12_000].mean(axis=1)
    assert_close(*mean_and_se(late - early), 0.0, "drift between two halves of a stable run")
    assert_close(*mean_and_se(late), average_speed_of_answer(LAM, AHT, N), "late mean wait")


def test_overloaded_system_grows_at_the_rate_theory_says():
    # 11 calls/min on 10 agents: each caller waits (1/10 - 1/11) min longer than the one
    # before, on average; the queue grows by 11 - 10 = 1 caller a minute.
    lam, n = 11.0, 10
    res = simulate(lam, 1.0, n, customers=15_000, replications=100, seed=16)
    growth = res.wait[:, 12_000:14_000].mean(axis=1) - res.wait[:, 2_000:4_000].mean(axis=1)
    assert_close(*mean_and_se(growth), 10_000 * (1 / n - 1 / lam), "growth of the wait")
    q = res.queue_length([400.0, 1200.0])
    assert_close(*mean_and_se(q[:, 1] - q[:, 0]), (lam - n) * 800.0, "growth of the queue")


def test_heavily_overloaded_run_ends_and_is_bounded_by_customers():
    res = simulate(100, 1, 1, customers=50_000, seed=17)  # load 100 on one agent
    assert res.wait.shape == (1, 50_000)
    # Customer i waits about i * (aht - 1 / rate): the queue never stops growing.
    n, drift = 50_000, 1.0 - 1 / 100
    assert abs(res.wait[0, -1] - (n - 1) * drift) < Z * math.sqrt(n * (1 + 1e-4))
    assert res.utilization().value > 0.99


# ------------------------------------------------------------------------------------------
# Against an independent, event-by-event simulation of the same callers
# ------------------------------------------------------------------------------------------


def reference_simulation(arrival, handle, patience, agents, bounds):
    """A textbook discrete-event simulation: an event list, a FCFS queue, agents with shifts.

    Agent k is on shift in interval j when k < agents[j]; an agent whose shift ends finishes
    the call in hand; a free agent on shift takes the head of the queue; among free agents
    the one free longest (then the lowest-numbered) answers. Returns wait, agent, abandoned.
    """
    n, c = len(arrival), max(agents)
    on = [k < agents[0] for k in range(c)]
    busy = [False] * c
    free_since = [0.0] * c
    queue: deque[int] = deque()
    waiting = set()
    wait = np.full(n, np.nan)
    agent = np.full(n, -1)
    abandoned = np.zeros(n, dtype=bool)
    events = []  # (time, kind, data)
    for i, t in enumerate(arrival):
        heapq.heappush(events, (t, 1, i))
    for j, t in enumerate(bounds[1:-1], start=1):
        heapq.heappush(events, (t, 0, j))

    def assign(now):
        while queue:
            free = [k for k in range(c) if on[k] and not busy[k]]
            if not free:
                return
            k = min(free, key=lambda k: (free_since[k], k))
            i = queue.popleft()
            waiting.discard(i)
            wait[i], agent[i], busy[k] = now - arrival[i], k, True
            heapq.heappush(events, (now + handle[i], 2, k))

    while events:
        now, kind, x = heapq.heappop(events)
        if kind == 0:  # shift change
            for k in range(c):
                starts = k < agents[x] and not on[k]
                on[k] = k < agents[x]
                if starts and not busy[k]:
                    free_since[k] = now
        elif kind == 1:  # arrival
            queue.append(x)
            waiting.add(x)
            if np.isfinite(patience[x]):
                heapq.heappush(events, (now + patience[x], 3, x))
        elif kind == 2:  # end of a call
            busy[x], free_since[x] = False, now
        elif x in waiting:  # patience ran out
            queue.remove(x)
            waiting.discard(x)
            wait[x], abandoned[x] = patience[x], True
        assign(now)
    return wait, agent, abandoned


def fixed(values):
    """A sampler that hands out the given values in order, so a test knows every draw."""
    return lambda rng, size: np.array(values[:size], dtype=float)


SHIFT_CASES = {
    # Queues at every shift end: agents leave in the middle of calls.
    "understaffed": ([3.0, 8.0, 0.0, 6.0, 9.0, 4.0], [3, 6, 1, 2, 7, 4]),
    # Idle agents at shift ends: they must go off shift, and come back fresh.
    "overstaffed": ([1.0, 1.5, 0.0, 0.5, 4.0, 2.0], [4, 6, 2, 5, 3, 6]),
}


@pytest.mark.parametrize("method", ["heap", "vector"])
@pytest.mark.parametrize("seed", [1, 2, 3])
@pytest.mark.parametrize("case", sorted(SHIFT_CASES))
def test_day_with_shifts_and_patience_matches_event_simulation(case, seed, method):
    rng = np.random.default_rng(100 + seed)
    handle = rng.lognormal(0, 0.8, 5_000)
    patience = rng.exponential(1.5, 5_000)
    rate, staff = SHIFT_CASES[case]
    res = simulate(rate, 1.5, staff, interval=20, seed=seed, handle=fixed(handle),
                   patience=1.5, patience_dist=fixed(patience), method=method)
    arrival = res.arrival_time[0]
    n = len(arrival)
    bounds = np.arange(len(rate) + 1) * 20.0
    wait, agent, abandoned = reference_simulation(arrival, handle[:n], patience[:n], staff, bounds)
    assert 0 < abandoned.sum() < n
    np.testing.assert_array_equal(res.abandoned[0], abandoned)
    np.testing.assert_array_equal(res.agent[0], agent)
    np.testing.assert_allclose(res.wait[0], wait, rtol=0, atol=1e-9)


def test_steady_run_matches_event_simulation():
    rng = np.random.default_rng(7)
    handle, patience = rng.exponential(1.0, 3_000), rng.exponential(3.0, 3_000)
    res = simulate(10, 1.0, 9, customers=3_000, seed=8, handle=fixed(handle), patience=3,
                   patience_dist=fixed(patience))
    wait, agent, abandoned = reference_simulation(
        res.arrival_time[0], handle, patience, [9], np.array([0.0, np.inf]))
    np.testing.assert_array_equal(res.abandoned[0], abandoned)
    np.testing.assert_array_equal(res.agent[0], agent)
    np.testing.assert_allclose(res.wait[0], wait, rtol=0, atol=1e-9)


@pytest.mark.parametrize("kwargs", [
    {},
    {"patience": 1.0},
    {"handle": "lognormal", "handle_cv": 1.2, "patience": 0.5, "patience_dist": "deterministic"},
])
def test_both_engines_give_identical_arrays(kwargs):
    a = simulate(9.5, 1, 10, customers=3_000, replications=5, seed=21, method="heap", **kwargs)
    b = simulate(9.5, 1, 10, customers=3_000, replications=5, seed=21, method="vector", **kwargs)
    for name in ("arrival_time", "wait", "service_start", "handle_time", "agent", "abandoned"):
        np.testing.assert_array_equal(getattr(a, name), getattr(b, name), err_msg=name)


# ------------------------------------------------------------------------------------------
# A day with intervals
# ------------------------------------------------------------------------------------------

DAY_RATE = [2.0, 6.0, 10.0, 0.0, 7.0, 3.0]
DAY_STAFF = [3, 7, 12, 1, 8, 4]


@pytest.fixture(scope="module")
def day() -> SimulationResult:
    return simulate(DAY_RATE, 1.0, DAY_STAFF, interval=30, replications=200, patience=2.0,
                    handle="lognormal", handle_cv=1.0, seed=31)


def test_day_arrivals_follow_the_interval_rates(day):
    j = np.searchsorted([30, 60, 90, 120, 150], day.arrival_time[day.arrived], side="right")
    counts = np.bincount(j, minlength=6) / day.replications
    for i, rate in enumerate(DAY_RATE):
        expected = rate * 30
        se = math.sqrt(expected / day.replications) if expected else 0.0
        assert abs(counts[i] - expected) <= Z * se, (i, counts[i], expected)
    assert np.nanmax(day.arrival_time) < 180


@pytest.mark.parametrize("method", ["heap", "vector"])
def test_day_agents_answer_only_on_shift_and_one_call_at_a_time(day, method):
    if method == "heap":  # a quieter day too, so that agents are idle when shifts end
        day = simulate([1.0, 3.0, 5.0, 0.0, 2.0, 1.0], 1.0, DAY_STAFF, interval=30,
                       replications=10, patience=2.0, seed=32, method="heap")
    for r in range(0, day.replications, max(1, day.replications // 10)):
        rec = day.records(r)
        answered = ~rec["abandoned"]
        start, agent = rec["service_start"][answered], rec["agent"][answered]
        j = np.minimum(start // 30, 5).astype(int)
        assert np.all(agent < np.asarray(DAY_STAFF)[j]), "a call was answered off shift"
        end = start + rec["handle_time"][answered]
        for k in np.unique(agent):
            mine = np.argsort(start[agent == k])
            s, e = start[agent == k][mine], end[agent == k][mine]
            assert np.all(s[1:] >= e[:-1] - 1e-9), f"agent {k} took two calls at once"
        # First come, first served: answered callers are answered in arrival order.
        assert np.all(np.diff(start) >= 0)


def test_agents_going_off_shift_finish_their_call():
    # One long call started just before a shift ends is finished, not cut.
    res = simulate([1.0, 1.0], 1.0, [2, 1], interval=10, replications=50, seed=5,
                   handle="deterministic")
    off = res.answered & (res.agent == 1)
    assert np.all(res.service_start[off] < 10)
    late = off & (res.service_start > 9.5)
    assert np.all(res.handle_time[late] == 1.0)


def test_day_by_interval_adds_up(day):
    s = day.by_interval(target=0.5)
    assert isinstance(s, IntervalSummary) and len(s) == 6
    assert s.agents.tolist() == DAY_STAFF
    assert math.isclose(s.calls.sum() * day.replications, day.arrived.sum())
    assert math.isclose((s.answered + s.abandoned).sum(), s.calls.sum())
    assert s.calls[3] == 0 and np.isnan(s.service_level[3])
    assert np.all((s.occupancy >= 0) & (s.occupancy < 1.2))
    assert "intervals" in repr(s) and set(s.to_dict()) >= {"start", "service_level"}


def test_day_single_replication_has_no_interval():
    res = simulate(DAY_RATE, 1.0, DAY_STAFF, interval=30, seed=1)
    est = res.mean_wait()
    assert np.isnan(est.low) and est.method == "single run" and "no interval" in repr(est)


def test_day_customers_caps_each_replication():
    res = simulate(DAY_RATE, 1.0, DAY_STAFF, interval=30, replications=3, customers=50, seed=2)
    assert res.wait.shape == (3, 50) and res.arrived.all()


# ------------------------------------------------------------------------------------------
# Seeds, warm-up, summaries and records
# ------------------------------------------------------------------------------------------


def test_same_seed_same_arrays_and_different_seed_different():
    a = simulate(9, 1, 10, customers=500, replications=3, patience=2, seed=99)
    b = simulate(9, 1, 10, customers=500, replications=3, patience=2, seed=99)
    c = simulate(9, 1, 10, customers=500, replications=3, patience=2, seed=100)
    np.testing.assert_array_equal(a.wait, b.wait)
    np.testing.assert_array_equal(a.abandoned, b.abandoned)
    assert not np.array_equal(a.wait, c.wait)


def test_replication_and_prefix_do_not_depend_on_run_size():
    one = simulate(9, 1, 10, customers=1_000, seed=4)
    many = simulate(9, 1, 10, customers=2_000, replications=40, seed=4)  # vector engine
    np.testing.assert_array_equal(one.wait[0], many.wait[0, :1_000])
    np.testing.assert_array_equal(one.agent[0], many.agent[0, :1_000])


def test_public_names_are_re_exported_by_cxlib_queueing():
    from cxlib import queueing as q

    assert q.simulate is simulate and q.SimulationResult is SimulationResult
    assert {"simulate", "SimulationResult", "Estimate", "IntervalSummary"} <= set(q.__all__)


def test_generator_seed_is_accepted():
    res = simulate(9, 1, 10, customers=100, seed=np.random.default_rng(3))
    assert res.wait.shape == (1, 100)


def test_warmup_drops_early_customers_from_summaries():
    res = simulate(9, 1, 10, customers=2_000, replications=10, warmup=300, seed=6)
    assert res.wait.shape == (10, 2_000)  # the arrays keep everyone
    assert math.isclose(res.mean_wait().value, res.wait[:, 300:].mean())
    assert math.isclose(res.service_level(0.2).value, (res.wait[:, 300:] <= 0.2).mean())
    cold = simulate(9, 1, 10, customers=2_000, replications=10, seed=6)
    assert math.isclose(cold.mean_wait().value, res.wait.mean())


def test_single_long_run_gets_batch_means_interval():
    res = simulate(LAM, AHT, N, customers=300_000, warmup=5_000, seed=8)
    assert res.method == "heap"
    for est, theory in [
        (res.mean_wait(), average_speed_of_answer(LAM, AHT, N)),
        (res.service_level(1 / 3), service_level(LAM, AHT, N, 1 / 3)),
        (res.utilization(), LAM * AHT / N),
    ]:
        assert est.method == "batch means" and est.units == 20
        assert est.low < est.value < est.high
        # Batch means underestimate the error when batches are correlated; allow 2x.
        assert abs(est.value - theory) < 2 * Z * est.std_error, (est, theory)
    assert math.isclose(res.mean_wait().value, res.wait[0, 5_000:].mean())


def test_mean_wait_of_answered_callers_only():
    res = simulate(9, 1, 9, customers=5_000, replications=20, patience=1, seed=9)
    ans = res.mean_wait(answered_only=True).value
    per_rep = [res.wait[r][res.answered[r]].mean() for r in range(20)]
    assert math.isclose(ans, np.mean(per_rep))
    assert ans < res.mean_wait().value  # abandoners waited longer than most


def test_confidence_interval_uses_student_t():
    # Known two-sided 95 % quantiles of Student's t.
    for df, q in [(1, 12.7062), (2, 4.3027), (5, 2.5706), (19, 2.0930), (99, 1.9842),
                  (5000, 1.9604)]:
        assert abs(t_quantile(0.975, df) - q) < 1e-4, df
    res = simulate(9, 1, 10, customers=1_000, replications=8, seed=10)
    est = res.mean_wait(confidence=0.9)
    per_rep = res.wait.mean(axis=1)
    half = t_quantile(0.95, 7) * per_rep.std(ddof=1) / math.sqrt(8)
    assert math.isclose(est.half_width, half)
    assert isinstance(est, Estimate) and float(est) == est.value


def test_records_repr_and_to_dict():
    res = simulate(2, 1, 3, customers=50, replications=2, patience=1, seed=7)
    rec = res.records(1)
    assert set(rec) == {"customer", "arrival_time", "wait", "service_start", "handle_time",
                        "agent", "abandoned"}
    assert np.all(np.isnan(rec["service_start"][rec["abandoned"]]))
    assert np.all(rec["agent"][rec["abandoned"]] == -1)
    text = repr(res)
    assert "2 replications x 50 customers" in text and "patience" in text
    d = res.to_dict()
    assert len(d["wait"]) == 2 and d["aht"] == 1.0
    with pytest.raises(ValueError, match="writable|read-only"):
        res.wait[0, 0] = 1.0


def test_records_of_a_day_give_each_caller_s_interval_of_arrival():
    res = simulate([3.0, 8.0, 0.0, 5.0], 1.0, [3, 7, 1, 5], interval=30, replications=2, seed=4)
    for r in range(2):
        rec = res.records(r)
        expected = np.minimum(np.floor(rec["arrival_time"] / 30.0), 3).astype(int)
        np.testing.assert_array_equal(rec["interval"], expected)
        assert set(rec["interval"].tolist()) == {0, 1, 3}  # nobody calls in the closed interval


def test_a_short_single_run_gives_estimates_without_an_interval():
    res = simulate(9, 1, 10, customers=30, seed=1)  # too few customers for 20 batch means
    wait = res.mean_wait()
    assert wait.method == "single run" and wait.units == 1 and math.isnan(wait.low)
    assert wait.value == pytest.approx(res.wait[0].mean(), rel=1e-12)
    end = res.arrival_time[0, -1]
    busy = (np.minimum(res.service_start[0] + res.handle_time[0], end)
            - np.minimum(res.service_start[0], end)).sum()
    util = res.utilization()
    assert util.method == "single run" and math.isnan(util.high)
    assert util.value == pytest.approx(busy / (10 * end), rel=1e-12)


def test_batch_means_utilization_is_centred_on_the_whole_run():
    """The centre is busy time over agent time in the whole window, not the mean of the 20
    batches' ratios (batches of equal callers span unequal times)."""
    res = simulate(9, 1, 10, customers=400, seed=2)
    end = res.arrival_time[0, -1]
    busy = (np.minimum(res.service_start[0] + res.handle_time[0], end)
            - np.minimum(res.service_start[0], end)).sum()
    util = res.utilization()
    assert util.method == "batch means" and util.units == 20
    assert util.value == pytest.approx(busy / (10 * end), rel=1e-12)


def test_utilization_of_a_day_counts_only_busy_time_before_closing():
    """The last interval is overloaded, so calls are still being handled after closing; that
    time is not part of the day's agent time."""
    res = simulate([2.0, 6.0], 1.0, [2, 3], interval=10, replications=3, seed=6)
    per_rep = []
    for r in range(3):
        rec = res.records(r)
        start = rec["service_start"]
        end = start + rec["handle_time"]
        assert end.max() > 20, "a call straddles closing time"
        busy = (np.clip(end, 0, 20) - np.clip(start, 0, 20)).sum()
        per_rep.append(busy / (2 * 10 + 3 * 10))
    util = res.utilization()
    assert util.value == pytest.approx(np.mean(per_rep), rel=1e-12)
    assert util.value <= 1


def test_interval_summary_prints_a_table_of_its_own_numbers():
    res = simulate([3.0, 8.0], 1.0, [4, 9], interval=30, replications=2, patience=1.0, seed=3)
    s = res.by_interval(0.5)
    lines = repr(s).splitlines()
    assert lines[0] == "IntervalSummary(2 intervals, target 0.5;"
    assert lines[1].split() == ["start", "agents", "calls", "wait", "SL", "aband", "occ"]
    assert len(lines) == 4
    for j, line in enumerate(lines[2:]):
        start, agents, calls, wait, sl, aband, occ = line.rstrip(")").split()
        assert float(start) == 30 * j and int(agents) == [4, 9][j]
        assert float(calls) == pytest.approx(s.calls[j], abs=0.005)
        assert float(wait) == pytest.approx(s.mean_wait[j], rel=1e-3)
        assert float(sl.rstrip("%")) == pytest.approx(100 * s.service_level[j], abs=0.05)
        assert float(aband.rstrip("%")) == pytest.approx(100 * s.abandon_rate[j], abs=0.05)
        assert float(occ) == pytest.approx(s.occupancy[j], abs=0.005)


def test_user_sampler_is_used_as_given():
    a = simulate(9, 1, 10, customers=2_000, seed=3, handle="deterministic")
    b = simulate(9, 1, 10, customers=2_000, seed=3, handle=lambda rng, size: np.ones(size))
    np.testing.assert_array_equal(a.wait, b.wait)
    assert b.handle.startswith("sampler")


def test_a_patience_sampler_may_return_endless_patience():
    res = simulate(12, 1, 10, customers=2_000, patience=2,
                   patience_dist=lambda rng, size: np.full(size, np.inf), seed=3)
    assert not res.abandoned.any()


def test_deterministic_patience_caps_every_wait():
    res = simulate(12, 1, 10, customers=5_000, patience=0.5, patience_dist="deterministic",
                   seed=3)
    assert np.all(res.wait <= 0.5 + 1e-12)
    assert np.all(res.wait[res.abandoned] == 0.5)


# ------------------------------------------------------------------------------------------
# Bad input
# ------------------------------------------------------------------------------------------


@pytest.mark.parametrize("kwargs, message", [
    ({"arrival_rate": 0},
     'arrival_rate must be a positive number, got 0'),
    ({"arrival_rate": -2},
     'arrival_rate must be a positive number, got -2'),
    ({"aht": 0},
     'aht must be a positive number, got 0'),
    ({"agents": 0},
     'agents must be a positive integer, got 0'),
    ({"agents": 2.5},
     'agents must be a positive integer, got 2.5'),
    ({"patience": 0},
     'patience must be a positive number, got 0'),
    ({"patience": -1},
     'patience must be a positive number, got -1'),
    ({"customers": None},
     'customers is needed for a steady arrival rate: say how many callers each replication should have, for example customers=10_000'),
    ({"customers": 0},
     'customers must be a positive integer, got 0'),
    ({"replications": 0},
     'replications must be a positive integer, got 0'),
    ({"warmup": 100},
     'warmup must be less than customers (100), got 100: the summaries need customers after the warm-up'),
    ({"handle": "lognormal"},
     "handle='lognormal' needs handle_cv, the coefficient of variation (standard deviation / mean), for example handle_cv=1.0"),
    ({"handle": "weibull"},
     "handle must be one of 'exponential', 'deterministic', 'lognormal', 'gamma' or a function f(rng, size), got 'weibull'"),
    ({"handle_cv": 0.5},
     "handle_cv only applies to 'lognormal' and 'gamma'; exponential times have a fixed coefficient of variation (1)"),
    ({"patience_dist": "lognormal"},
     "patience_dist and patience_cv describe the callers' patience: give patience (its mean) too, for example patience=3"),
    ({"patience": 2, "patience_dist": "deterministic", "patience_cv": 0.5},
     "patience_cv only applies to 'lognormal' and 'gamma'; deterministic times have a fixed coefficient of variation (0)"),
    ({"method": "fast"},
     "method must be 'auto', 'vector' or 'heap', got 'fast'"),
    ({"handle": lambda rng, size: -np.ones(size)},
     'handle must return non-negative times, got -1 at index 0'),
    ({"handle": lambda rng, size: np.full(size, np.inf)},
     'handle must return non-negative times, got inf at index 0'),
    ({"handle": lambda rng, size: np.ones(3)},
     'handle must return an array of 100 times when called with size=100, got shape (3,)'),
    ({"patience": 2, "patience_dist": lambda rng, size: np.full(size, -1.0)},
     'patience_dist must return non-negative times, got -1 at index 0'),
    ({"customers": 10**6, "replications": 100},
     'replications x customers must be at most 25,000,000 records, got 100 x 1,000,000; use fewer of either'),
])
def test_bad_input_names_the_parameter(kwargs, message):
    args = {"arrival_rate": 9, "aht": 1, "agents": 10, "customers": 100} | kwargs
    with pytest.raises((ValueError, TypeError)) as err:
        simulate(args.pop("arrival_rate"), args.pop("aht"), args.pop("agents"), **args)
    assert str(err.value) == message


@pytest.mark.parametrize("rate, staff, interval, message", [
    ([1, 2, 3], [4, 5], 30,
     'arrival_rate and agents must have one value per interval each, got 3 and 2 values'),
    ([1, 2, 3], 4, None,
     'arrival_rate has 3 values, one per interval: give the interval length too, for example interval=30 (in the same time unit as aht)'),
    (5, [4, 5], None,
     'agents has 2 values, one per interval: give the interval length too, for example interval=30 (in the same time unit as aht)'),
    ([1, -2, 3], 4, 30,
     'arrival_rate must be a non-negative number, got -2 at index 1'),
    ([0, 0], 4, 30,
     'arrival_rate must be positive in at least one interval, got all zeros'),
    ([1, 2], [4, 0], 30,
     'agents must be a positive integer, got 0 at index 1'),
    ([1, 2], 4, 0,
     'interval must be a positive number, got 0'),
])
def test_bad_interval_input(rate, staff, interval, message):
    with pytest.raises(ValueError) as err:
        simulate(rate, 1, staff, interval=interval)
    assert str(err.value) == message


def test_summary_arguments_are_checked():
    res = simulate(9, 1, 10, customers=100, seed=1)
    with pytest.raises(ValueError, match="interval is needed"):
        res.by_interval(0.5)
    with pytest.raises(ValueError, match="target must be a non-negative number"):
        res.service_level(-1)
    with pytest.raises(ValueError, match="replication must be a whole number from 0 to 0"):
        res.records(3)
    with pytest.raises(ValueError, match="confidence must be a number strictly between"):
        res.mean_wait(confidence=95)


def test_steady_run_by_interval():
    res = simulate(LAM, AHT, N, customers=20_000, replications=20, seed=2)
    s = res.by_interval(1 / 3, interval=100)
    full = s.end <= np.nanmin(res.arrival_time[:, -1])
    assert np.allclose(s.calls[full], LAM * 100, rtol=0.1)
    assert np.all(np.abs(s.occupancy[full][1:] - 0.9) < 0.05)


@pytest.mark.parametrize("method", ["heap", "vector"])
def test_by_interval_matches_the_raw_records(method):
    """Every column of by_interval, recomputed here from the per-customer records."""
    res = simulate([3.0, 8.0, 5.0], 1.0, [3, 7, 5], interval=30, replications=6, patience=0.5,
                   seed=9, method=method)
    target = 0.25
    s = res.by_interval(target)
    R = res.replications
    for j in range(3):
        lo, hi = 30.0 * j, 30.0 * (j + 1)
        calls = answered_in_time = hung_up = 0
        waits = []
        busy = 0.0
        for r in range(R):
            rec = res.records(r)
            t = rec["arrival_time"]
            inside = (t >= lo) & (t < hi) if j < 2 else (t >= lo)  # the last takes stragglers
            calls += inside.sum()
            hung_up += (inside & rec["abandoned"]).sum()
            answered_in_time += (inside & ~rec["abandoned"] & (rec["wait"] <= target)).sum()
            waits += rec["wait"][inside].tolist()
            ok = ~rec["abandoned"]
            start, end = rec["service_start"][ok], rec["service_start"][ok] + rec["handle_time"][ok]
            busy += (np.clip(end, lo, hi) - np.clip(start, lo, hi)).sum()
        assert s.calls[j] == pytest.approx(calls / R)
        assert s.abandoned[j] == pytest.approx(hung_up / R)
        assert s.answered[j] == pytest.approx((calls - hung_up) / R)
        assert s.service_level[j] == pytest.approx(answered_in_time / calls)
        assert s.abandon_rate[j] == pytest.approx(hung_up / calls)
        assert s.mean_wait[j] == pytest.approx(np.mean(waits))
        assert s.occupancy[j] == pytest.approx(busy / (R * s.agents[j] * 30.0))
    # Callers who hang up within the target were not answered in time.
    quick_quitters = sum((res.records(r)["abandoned"] & (res.records(r)["wait"] <= target)).sum()
                         for r in range(R))
    assert quick_quitters > 0


@pytest.mark.parametrize("method", ["heap", "vector"])
def test_interval_service_levels_match_the_raw_records(method):
    """Each replication's report per interval, recomputed from its records; pooled over the
    replications they give by_interval's service level."""
    res = simulate([3.0, 8.0, 0.0, 5.0], 1.0, [3, 7, 1, 5], interval=30, replications=6,
                   patience=0.5, seed=9, method=method)
    target = 0.25
    levels = res.interval_service_levels(target)
    assert levels.shape == (6, 4)
    hits, calls = np.zeros(4), np.zeros(4)
    for r in range(res.replications):
        rec = res.records(r)
        t = rec["arrival_time"]
        for j in range(4):
            inside = (t >= 30.0 * j) & (t < 30.0 * (j + 1))
            good = (inside & ~rec["abandoned"] & (rec["wait"] <= target)).sum()
            if inside.sum() == 0:
                assert np.isnan(levels[r, j])
            else:
                assert levels[r, j] == pytest.approx(good / inside.sum())
            hits[j] += good
            calls[j] += inside.sum()
    assert np.isnan(levels[:, 2]).all()  # a closed interval has no report
    pooled = res.by_interval(target).service_level
    np.testing.assert_allclose(hits[calls > 0] / calls[calls > 0], pooled[calls > 0])


def test_interval_service_levels_of_a_last_half_hour_without_calls_is_nan():
    res = simulate([0.2, 0.2, 0.0], 3, [2, 2, 2], interval=30, replications=2, seed=1)
    levels = res.interval_service_levels(1.0)
    assert levels.shape == (2, 3) and np.isnan(levels[:, 2]).all()
    for r in range(2):
        rec = res.records(r)
        for k in range(2):
            inside = (rec["arrival_time"] >= 30 * k) & (rec["arrival_time"] < 30 * (k + 1))
            assert levels[r, k] == pytest.approx(np.mean(rec["wait"][inside] <= 1.0))


def test_interval_service_levels_of_a_steady_run_stop_at_the_last_caller():
    res = simulate(LAM, AHT, N, customers=3_000, replications=4, seed=5)
    levels = res.interval_service_levels(1 / 3, interval=60)
    last = res.arrival_time[:, -1]
    for r in range(4):
        complete = np.arange(levels.shape[1]) < last[r] // 60
        assert not np.isnan(levels[r, complete]).any()
        assert np.isnan(levels[r, ~complete]).all()
        rec = res.records(r)
        k = int(last[r] // 60) - 1  # the last complete interval
        inside = (rec["arrival_time"] >= 60 * k) & (rec["arrival_time"] < 60 * (k + 1))
        assert levels[r, k] == pytest.approx(np.mean(rec["wait"][inside] <= 1 / 3))
    with pytest.raises(ValueError) as err:
        res.interval_service_levels(1 / 3)
    assert str(err.value) == ("interval is needed for a steady run: say how long each interval "
                              "is, for example interval=30 (in the same time unit as aht)")
    with pytest.raises(ValueError) as err:
        res.interval_service_levels(-1, interval=60)
    assert str(err.value) == "target must be a non-negative number, got -1"


# ------------------------------------------------------------------------------------------
# Forecast error and redials
# ------------------------------------------------------------------------------------------


def test_forecast_error_draws_one_true_rate_per_replication():
    res = simulate(9, 1, 10, customers=3000, replications=400, forecast_cv=0.1, seed=5)
    f = res.rate_factor
    assert f.shape == (400,) and res.forecast_cv == 0.1
    assert abs(f.mean() - 1) < 5 * 0.1 / np.sqrt(400)
    assert abs(f.std(ddof=1) - 0.1) < 5 * 0.1 / np.sqrt(2 * 400)
    # The arrivals follow each replication's own rate: mean gap 1 / (9 f).
    gaps = np.diff(res.arrival_time, axis=1).mean(axis=1)
    assert np.corrcoef(gaps, 1 / (9 * f))[0, 1] > 0.9
    plain = simulate(9, 1, 10, customers=3000, replications=4, seed=5)
    assert plain.rate_factor is None
    same = simulate(9, 1, 10, customers=3000, replications=4, seed=5, forecast_cv=0.0)
    assert np.array_equal(plain.wait, same.wait)


def test_forecast_error_in_a_day_scales_every_interval_together():
    res = simulate([4.0, 8.0], 1, [6, 11], interval=60, replications=300, forecast_cv=0.2,
                   seed=2)
    calls = res.arrived.sum(axis=1)
    expected = (4 + 8) * 60 * res.rate_factor
    assert np.corrcoef(calls, expected)[0, 1] > 0.95


def test_a_vanishing_redial_share_changes_nothing():
    """With redial = 1e-12 nobody redials: the redial engine then equals the heap engine."""
    base = simulate(9, 1, 9, customers=3000, replications=3, patience=1.0, seed=8, method="heap")
    again = simulate(9, 1, 9, customers=3000, replications=3, patience=1.0, seed=8,
                     redial=1e-12, redial_delay=1.0)
    for name in ("arrival_time", "wait", "service_start", "handle_time", "agent", "abandoned"):
        np.testing.assert_array_equal(getattr(base, name), getattr(again, name))
    assert (again.attempt[again.arrived] == 0).all()


@pytest.mark.parametrize("share", [0.3, 0.8])
def test_redials_come_from_callers_who_hung_up(share):
    res = simulate(9, 1, 9, customers=4000, replications=10, patience=1.0, seed=4,
                   redial=share, redial_delay=2.0)
    for r in range(res.replications):
        rec = res.records(r)
        first = rec["attempt"] == 0
        assert first.sum() == 4000
        hung_up = rec["abandoned"].sum()
        redials = (rec["attempt"] >= 1).sum()
        # Each hang-up redials with probability `share`: a binomial count, 5 sigma.
        assert abs(redials - share * hung_up) < 5 * np.sqrt(hung_up * share * (1 - share))
        # Arrivals stay in order, and a redial's attempt number is one more than its parent's.
        assert np.all(np.diff(rec["arrival_time"]) >= 0)
        assert rec["attempt"].max() >= 1


def test_redial_arguments_are_checked():
    cases = [
        (dict(redial=0.5, redial_delay=1), "redial needs patience: only callers who hang up can "
                                           "call again; give patience=... too"),
        (dict(redial=0.5, patience=1), "redial needs redial_delay, the mean time before a caller "
                                       "who hung up calls again, in the time unit of aht"),
        (dict(redial_delay=1, patience=1), "redial_delay needs redial, the share of callers who "
                                           "hang up and call again, for example redial=0.5"),
        (dict(redial=1, redial_delay=1, patience=1), "redial must be below 1 (a share of those "
                                                    "who hang up), got 1: with 1 every caller "
                                                    "would call back for ever"),
        (dict(redial=0.5, redial_delay=1, patience=1, method="vector"),
         "method='vector' cannot simulate redials (they change the arrivals as the run goes); "
         "use method='heap' or 'auto'"),
        (dict(redial=50, redial_delay=1, patience=1),
         "redial must be a number from 0 to 1, got 50; did you mean 0.5?"),
    ]
    for kwargs, message in cases:
        with pytest.raises(ValueError) as err:
            simulate(9, 1, 9, customers=100, **kwargs)
        assert str(err.value) == message


def test_patience_cv_sets_the_spread_of_patience():
    """One agent busy for ever after the first call: everyone else hangs up, so their waits
    are their patience draws, lognormal with mean 2 and CV 0.5."""
    res = simulate(1.0, 1e6, 1, customers=4_000, handle="deterministic", patience=2.0,
                   patience_dist="lognormal", patience_cv=0.5, seed=3)
    assert res.patience_dist == "lognormal (cv 0.5)"
    patience = res.wait[res.abandoned]
    assert patience.size == 3_999
    assert abs(patience.mean() - 2.0) < Z * 2.0 * 0.5 / math.sqrt(patience.size)
    assert abs(patience.std(ddof=1) / patience.mean() - 0.5) < 0.05


def test_a_run_with_redials_is_reported_like_any_other():
    res = simulate(9, 1, 9, customers=300, replications=3, patience=1.0, seed=4, redial=0.5,
                   redial_delay=2.0)
    assert res.method == "heap" and "engine heap" in repr(res)
    assert res.wait.dtype == np.float64 and res.arrival_time.dtype == np.float64
    assert (~res.arrived).any(), "replications differ in callers, so some rows are padded"
    np.testing.assert_array_equal(np.isnan(res.wait), ~res.arrived)


def test_redials_in_a_day_match_the_event_simulation():
    """Given every call the redial engine made (first calls and redials), the event-by-event
    simulation of the same callers on the same shifts reproduces its waits, agents and
    hang-ups. The shifts drop while agents are idle, and no redial comes after closing."""
    rate, staff = [2.0, 6.0, 0.5, 4.0, 7.0, 1.0], [3, 6, 5, 2, 7, 4]
    res = simulate(rate, 1.0, staff, interval=20, replications=3, patience=2.0,
                   handle="lognormal", handle_cv=0.8, redial=0.6, redial_delay=2.0, seed=4)
    bounds = np.arange(len(rate) + 1) * 20.0
    for r in range(res.replications):
        rec = res.records(r)
        hung_up = rec["abandoned"]
        assert (rec["attempt"] > 0).sum() > 20 and rec["arrival_time"].max() < 120
        handle = np.where(hung_up, 0.0, rec["handle_time"])
        patience = np.where(hung_up, rec["wait"], np.inf)
        wait, agent, abandoned = reference_simulation(rec["arrival_time"], handle, patience,
                                                      staff, bounds)
        np.testing.assert_array_equal(rec["abandoned"], abandoned)
        np.testing.assert_array_equal(rec["agent"], agent)
        np.testing.assert_allclose(rec["wait"], wait, rtol=0, atol=1e-9)
