"""cxlib.queueing.erlang: Erlang B and C, the service level, ASA and occupancy, against mpmath."""

from __future__ import annotations

import dataclasses
import math

import mpmath as mp
import numpy as np
import pytest

from cxlib import queueing as q
from cxlib.queueing import erlang
from queueing_references import *  # noqa: F401,F403 - the shared mpmath references

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
        assert erlang._start_index(load, min(agents, math.floor(load))) > 0
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
    (lambda: q.service_level([1, 2], 10, [3, 4, 5], 5),
     "the array arguments must have shapes that broadcast together, got arrival_rate (2,), aht (), agents (3,), target ()"),
    (lambda: q.occupancy([1, 2], 10, [3, 4, 5]),
     "the array arguments must have shapes that broadcast together, got arrival_rate (2,), aht (), agents (3,)"),
    (lambda: q.occupancy(1, [10, 20], [3, 4, 5]),  # the handle time's shape, named as such
     "the array arguments must have shapes that broadcast together, got arrival_rate (), aht (2,), agents (3,)"),
]


@pytest.mark.parametrize("call, message", BAD_INPUT)
def test_bad_input_names_the_parameter(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


def test_non_numbers_are_a_type_error():
    with pytest.raises(TypeError, match="load"):
        q.erlang_c("ten", 14)
    with pytest.raises(TypeError, match="agents"):
        q.erlang_c(10, None)



# ---------------------------------------------------------------------------------------------
# forecast uncertainty
# ---------------------------------------------------------------------------------------------


def _ref_expected_sl(rate, aht, agents, target, cv, dps=25):
    """E[SL(L)] for a gamma rate, by mpmath's quadrature of the mpmath Erlang C closed form,
    split where the queue turns unstable."""
    with mp.workdps(dps):
        k, theta = mp.mpf(1) / cv**2, mp.mpf(rate) * cv**2

        def sl(lam):
            a = lam * aht
            if a >= agents:
                return mp.mpf(0)
            c = ref_erlang_c(a, agents)
            return 1 - c * mp.exp(-(agents - a) * target / aht)

        def pdf(lam):
            return mp.exp((k - 1) * mp.log(lam) - lam / theta - mp.loggamma(k) - k * mp.log(theta))

        kink = mp.mpf(agents) / aht
        return mp.quad(lambda lam: sl(lam) * pdf(lam), [0, kink, mp.inf])


@pytest.mark.parametrize("rate, aht, agents, target, cv", [
    (100 / 1800, 180.0, 14, 20.0, 0.10),
    (100 / 1800, 180.0, 14, 20.0, 0.30),
    (2.0, 1.0, 4, 0.25, 0.05),
    (1000 / 180, 180.0, 1011, 20.0, 0.05),
    (1.0, 2.5, 4, 0.5, 0.2),  # a rate of exactly one call per unit of time
])
def test_service_level_under_forecast_error_matches_mpmath(rate, aht, agents, target, cv):
    got = q.service_level(rate, aht, agents, target, forecast_cv=cv)
    ref = float(_ref_expected_sl(rate, aht, agents, target, cv))
    assert got == pytest.approx(ref, abs=1e-8), (got, ref)
    assert got < q.service_level(rate, aht, agents, target)  # error costs service here


def test_forecast_error_numbers_the_lesson_quotes():
    """1,011 agents: 81 % at 1,000 Erlangs, 60 % at 1,005 and 14 % at 1,010 (a 1 % miss)."""
    sl = [q.service_level(load / 180, 180, 1011, 20) for load in (1000, 1005, 1010)]
    assert [round(x, 2) for x in sl] == [0.81, 0.6, 0.14]
    assert q.service_level(100 / 1800, 180, [13, 14], 20, forecast_cv=0.0).tolist() == (
        q.service_level(100 / 1800, 180, [13, 14], 20).tolist())


@pytest.mark.parametrize("cv, message", [
    (-0.1, "forecast_cv must be a non-negative number, got -0.1"),
    (5, "forecast_cv must be a number from 0 to 1 (a coefficient of variation: 0.05 for 5 %), "
        "got 5; did you mean 0.05?"),
    (1.5, "forecast_cv must be a number from 0 to 1 (a coefficient of variation: 0.05 for 5 %), "
          "got 1.5"),
])
def test_forecast_cv_is_checked(cv, message):
    with pytest.raises(ValueError) as err:
        q.service_level(0.05, 180, 14, 20, forecast_cv=cv)
    assert str(err.value) == message
    with pytest.raises(TypeError, match="forecast_cv must be a single number"):
        q.service_level(0.05, 180, 14, 20, forecast_cv=[0.1, 0.2])


def test_forecast_cv_array_message_in_full():
    with pytest.raises(TypeError) as err:
        q.service_level(0.05, 180, 14, 20, forecast_cv=[0.1, 0.2])
    assert str(err.value) == ("the forecast uncertainty works on one case at a time: forecast_cv "
                              "must be a single number, got an array of shape (2,); call it once "
                              "per case")


def test_no_calls_are_all_answered_whatever_the_forecast_error():
    assert q.service_level(0.0, 180, 14, 20, forecast_cv=0.2) == 1.0
    assert q.service_level([0.0, 0.0], 180, 14, 20, forecast_cv=0.2).tolist() == [1.0, 1.0]
