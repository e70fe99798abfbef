"""cxlib.data.calls: the morning call log and the interval counts are seeded, sensible and checked."""

from __future__ import annotations

import math

import numpy as np
import pytest

from cxlib import data, seeding


def test_same_seed_same_log_and_different_seed_different_log():
    a, b, c = (data.morning_call_log(seed=s) for s in (11, 11, 12))
    assert np.array_equal(a.arrival_time, b.arrival_time)
    assert np.array_equal(a.handle_time, b.handle_time)
    assert np.array_equal(a.channel, b.channel)
    assert len(a) != len(c) or not np.array_equal(a.arrival_time, c.arrival_time)


def test_generator_seed_is_accepted_and_advances():
    g = np.random.default_rng(3)
    first, second = data.morning_call_log(seed=g), data.morning_call_log(seed=g)
    assert not np.array_equal(first.arrival_time[:5], second.arrival_time[:5])


def test_log_shape_and_units():
    log = data.morning_call_log(seed=5)
    assert log.duration == 4 * 3600
    assert np.all(np.diff(log.arrival_time) >= 0), "arrivals are sorted"
    assert log.arrival_time.min() >= 0 and log.arrival_time.max() < log.duration
    assert np.all(log.handle_time > 0)
    assert set(log.channel.tolist()) <= set(data.CHANNELS)
    assert "seconds" in repr(log)
    with pytest.raises(ValueError):
        log.arrival_time[0] = 1.0  # read-only: a student cannot corrupt the shared log


def test_log_matches_the_model_that_made_it():
    """Pooled over many seeded mornings, the estimates converge on the documented settings."""
    rate, mornings = 120.0, 60
    logs = [data.morning_call_log(seed=s, calls_per_hour=rate) for s in range(mornings)]
    total = sum(len(l) for l in logs)
    expected = rate * 4 * mornings
    assert abs(total - expected) < 4 * math.sqrt(expected), "mean rate is calls_per_hour"
    channels = np.concatenate([l.channel for l in logs])
    handles = np.concatenate([l.handle_time for l in logs])
    for name, share, mean in (("phone", 0.70, 240), ("chat", 0.20, 420), ("email", 0.10, 300)):
        p = np.mean(channels == name)
        assert abs(p - share) < 4 * math.sqrt(share * (1 - share) / len(channels)), name
        h = handles[channels == name]
        assert abs(h.mean() - mean) < 4 * h.std() / math.sqrt(len(h)), f"{name} mean handle time"
    # the morning peaks in the middle: 09:45-10:45 busier than 08:00-09:00
    arrivals = np.concatenate([l.arrival_time for l in logs])
    early = np.sum(arrivals < 3600)
    peak = np.sum((arrivals >= 6300) & (arrivals < 9900))
    assert peak > 1.5 * early


@pytest.mark.parametrize(
    "kwargs, message",
    [
    ({"calls_per_hour": -5},
     'calls_per_hour must be a positive number, got -5'),
    ({"calls_per_hour": float("nan")},
     'calls_per_hour must be a positive number, got nan'),
    ({"hours": 0},
     'hours must be a positive number, got 0'),
    ({"hours": 30},
     'hours must be at most 24, got 30'),
    ({"seed": -1},
     'seed must be a non-negative int, a numpy Generator or None, got -1'),
    ({"seed": "abc"},
     "seed must be a non-negative int, a numpy Generator or None, got 'abc'"),
    ],
)
def test_morning_call_log_rejects_nonsense(kwargs, message):
    with pytest.raises((ValueError, TypeError)) as err:
        data.morning_call_log(**kwargs)
    assert str(err.value) == message


def test_arrivals_per_interval_counts_every_arrival_once():
    log = data.morning_call_log(seed=9)
    for minutes in (5, 7, 15, 60):
        c = data.arrivals_per_interval(log, minutes * 60)
        assert c.count.sum() == len(log)
        assert c.end[-1] == log.duration
        assert np.allclose(c.rate_per_hour, c.count / ((c.end - c.start) / 3600))


def test_arrivals_per_interval_counts_the_last_arrival_without_a_duration():
    c = data.arrivals_per_interval([10, 950, 960], 900)
    assert c.count.tolist() == [1, 2] and c.start[c.busiest] == 900
    exact = data.arrivals_per_interval([0, 900], 900)
    assert exact.count.tolist() == [1, 1] and exact.end[-1] == 1800


def test_arrivals_per_interval_boundaries_and_ties():
    c = data.arrivals_per_interval([0, 899.999, 900, 1799, 1800], 900, duration=2700)
    assert c.count.tolist() == [2, 2, 1]
    tie = data.arrivals_per_interval([10, 910], 900, duration=1800)
    assert tie.busiest == 0
    partial = data.arrivals_per_interval([10, 1000], 900, duration=1200)
    assert partial.end.tolist() == [900, 1200]
    assert partial.rate_per_hour[1] == pytest.approx(1 / (300 / 3600))


@pytest.mark.parametrize(
    "times, interval, duration, message",
    [
    ([], 900, None,
     'arrival_time must not be empty'),
    ([1, -2], 900, None,
     'arrival_time must be a non-negative number, got -2 at index 1'),
    ([1, float("nan")], 900, None,
     'arrival_time must be a non-negative number, got nan at index 1'),
    ([1, 2], 0, None,
     'interval must be a positive number, got 0'),
    ([1, 2], 3600, 1800,
     'interval must be no longer than duration (1800 s), got 3600 s'),
    ("abc", 900, None,
     "arrival_time must be a non-negative number, got 'abc'"),
    ],
)
def test_arrivals_per_interval_rejects_nonsense(times, interval, duration, message):
    with pytest.raises((ValueError, TypeError)) as err:
        data.arrivals_per_interval(times, interval, duration)
    assert str(err.value) == message


def test_clock_labels():
    assert data.clock(0) == "08:00"
    assert data.clock([3599, 3600]) == ["08:59", "09:00"]
    with pytest.raises(ValueError, match="opening"):
        data.clock(0, opening="8am")
    with pytest.raises(ValueError, match="seconds"):
        data.clock(-1)


def test_clock_message_names_seconds_exactly():
    with pytest.raises(ValueError) as err:
        data.clock([60, -30])
    assert str(err.value) == "seconds must be a non-negative number, got -30 at index 1"


def test_select_rejects_unknown_channel():
    with pytest.raises(ValueError, match="channel must be one of phone, chat, email"):
        data.morning_call_log(seed=1).select("fax")


def test_morning_handle_times_have_the_documented_spread():
    """Documented: lognormal handle times, phone 240 s (CV 0.9), chat 420 s (0.7), email 300 s (1.0).

    Pooled over 40 seeded mornings. A lognormal with mean m and CV c has log-times with standard
    deviation sqrt(log(1 + c^2)); the sample's is within 5 standard errors (sigma / sqrt(2 n))
    of that, and a draw with the wrong sigma, sqrt(log(1 + c)), is more than 5 away (where the
    two differ: not at CV 1).
    """
    logs = [data.morning_call_log(seed=s) for s in range(40)]
    for channel, mean, cv in (("phone", 240.0, 0.9), ("chat", 420.0, 0.7), ("email", 300.0, 1.0)):
        h = np.concatenate([g.handle_time[g.channel == channel] for g in logs])
        assert abs(h.mean() - mean) < 5 * h.std(ddof=1) / math.sqrt(len(h)), channel
        sigma = math.sqrt(math.log1p(cv**2))
        se = sigma / math.sqrt(2 * len(h))
        got = np.log(h).std(ddof=1)
        assert abs(got - sigma) < 5 * se, (channel, got, sigma, se)
        if cv != 1.0:  # at CV 1 the two formulas agree
            assert abs(got - math.sqrt(math.log1p(cv))) > 5 * se, (channel, got)
