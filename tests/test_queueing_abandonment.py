"""cxlib.queueing.abandonment: Erlang A (M/M/n+M) against independent references."""

from __future__ import annotations

import dataclasses
import math

import mpmath as mp
import numpy as np
import pytest

from cxlib import queueing as q
from queueing_references import *  # noqa: F401,F403 - the shared mpmath references

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


@pytest.mark.parametrize("rate, aht, agents, patience", ERLANG_A_CASES)
def test_mean_wait_of_answered_callers_matches_the_chain(rate, aht, agents, patience):
    r = q.erlang_a(rate, aht, agents, patience)
    assert rel(r.mean_wait_answered, ref_erlang_a_answered_wait(rate, aht, agents, patience)) \
        < 1e-12


def test_erlang_a_sums_stop_only_where_the_rest_is_negligible():
    """Callers who almost never hang up, at a load equal to the agents: the queue's terms fall
    off so slowly (each about 1 - 1e-4 times the last where the sums stop) that a loose bound
    on the rest of the sums would stop them early. The closed form says how close they get."""
    rate, aht, agents, patience = 10.0, 1.0, 10, 1e9
    r = q.erlang_a(rate, aht, agents, patience)
    p_wait, p_abandon, mean_wait = ref_erlang_a_gamma(rate, aht, agents, patience)
    assert rel(r.p_wait, p_wait) < 1e-14
    assert rel(r.p_abandon, p_abandon) < 1e-14
    assert rel(r.mean_wait, mean_wait) < 1e-14


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


def test_erlang_a_summary_lists_its_numbers_to_four_digits():
    r = q.erlang_a(RATE, AHT, 14, 300.0)
    shown = ", ".join(f"{k}={getattr(r, k):.4g}"
                      for k in ("load", "p_wait", "p_abandon", "mean_wait", "occupancy"))
    assert repr(r) == f"ErlangAResult(agents=14, {shown}; mean_wait in the unit of aht)"
    assert f"load={RATE * AHT:.4g}," in repr(r)
    many = q.erlang_a(RATE, AHT, [12, 14], 300.0)
    assert repr(many).startswith("ErlangAResult(agents=array(2,), load=array(2,), p_wait=")


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
# bad input
# ---------------------------------------------------------------------------------------------

BAD_INPUT = [
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
    (lambda: q.erlang_a(2, [10, 20, 30], 3, 1).service_level([5, 6]),
     "the array arguments must have shapes that broadcast together, got arrival_rate (3,), "
     "aht (3,), agents (3,), patience (3,), target (2,)"),
]


@pytest.mark.parametrize("call, message", BAD_INPUT)
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


# ---------------------------------------------------------------------------------------------
# service-level conventions and the ASA of answered callers, against the simulator
# ---------------------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def thirteen():
    """The lesson's case: 100 calls per half hour, AHT 180 s, 13 agents, patience 300 s."""
    from cxlib.queueing import simulate

    res = simulate(100 / 1800, 180, 13, customers=6000, replications=120, warmup=600,
                   patience=300, seed=13)
    return res, q.erlang_a(100 / 1800, 180, 13, 300)


def _per_replication(res, target):
    keep = np.zeros(res.wait.shape, dtype=bool)
    keep[:, res.warmup:] = True
    ans = ~res.abandoned & keep
    ab = res.abandoned & keep
    good = (ans & (res.wait <= target)).sum(axis=1)
    n = keep.sum(axis=1)
    quick = (ab & (res.wait <= target)).sum(axis=1)
    waited = np.where(ans, res.wait, 0.0).sum(axis=1)
    return {"all": good / n, "answered": good / ans.sum(axis=1),
            "exclude_short": good / (n - quick), "asa_answered": waited / ans.sum(axis=1)}


@pytest.mark.parametrize("convention", ["all", "answered", "exclude_short"])
def test_service_level_conventions_match_the_simulator(thirteen, convention):
    res, exact = thirteen
    units = _per_replication(res, 20.0)[convention]
    se = units.std(ddof=1) / np.sqrt(len(units))
    assert abs(units.mean() - exact.service_level(20, convention=convention)) < 5 * se


def test_mean_wait_of_answered_callers_matches_the_simulator(thirteen):
    res, exact = thirteen
    units = _per_replication(res, 20.0)["asa_answered"]
    se = units.std(ddof=1) / np.sqrt(len(units))
    assert abs(units.mean() - exact.mean_wait_answered) < 5 * se
    assert exact.mean_wait_answered < exact.mean_wait  # the long waiters are the ones who left


def test_conventions_are_ordered_and_tend_to_each_other():
    r = q.erlang_a(100 / 1800, 180, 13, 300)
    all_, answered, short = (r.service_level(20, convention=c)
                             for c in ("all", "answered", "exclude_short"))
    assert all_ < short < answered
    assert answered == pytest.approx(all_ / (1 - r.p_abandon), rel=1e-12)
    patient = q.erlang_a(100 / 1800, 180, 13, 1e9)  # nobody hangs up: one number for all three
    values = [patient.service_level(20, convention=c) for c in ("all", "answered",
                                                                "exclude_short")]
    assert max(values) - min(values) < 1e-6
    with pytest.raises(ValueError) as err:
        r.service_level(20, convention="mine")
    assert str(err.value) == ("convention must be one of 'all', 'answered', 'exclude_short', "
                              "got 'mine'")
