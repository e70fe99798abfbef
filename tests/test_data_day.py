"""cxlib.data.day: a simulated weekday of calls behind a call log, checked against its own promises."""

from __future__ import annotations

import math

import numpy as np
import pytest

Z = 5.0  # tolerance, in standard errors

# ------------------------------------------------------------------------------------------
# cxlib.data.day_call_log: a simulated day behind a call log
# ------------------------------------------------------------------------------------------


def test_day_call_log_is_a_seeded_call_log_of_a_whole_day():
    from cxlib.data import CallLog, DayCallLog, arrivals_per_interval, day_call_log

    log = day_call_log(seed=5)
    again = day_call_log(seed=5)
    assert isinstance(log, DayCallLog) and isinstance(log, CallLog)
    np.testing.assert_array_equal(log.wait, again.wait)
    assert log.duration == 12 * 3600 and log.opening == "08:00"
    assert np.all(np.diff(log.arrival_time) >= 0) and log.arrival_time.max() < log.duration
    counts = arrivals_per_interval(log, interval=1800)
    assert len(counts.count) == 24 and counts.count.sum() == len(log)
    assert "abandoned" in repr(log) and len(log.to_dict()["wait"]) == len(log)
    # Abandoned calls were never handled.
    assert np.all(np.isnan(log.handle_time[log.abandoned]))
    assert np.all(log.agent[log.abandoned] == -1)


def test_every_contact_in_the_day_s_log_is_a_phone_call():
    from cxlib.data import CHANNELS, day_call_log

    log = day_call_log(seed=2)
    assert "phone" in CHANNELS
    assert log.channel.tolist() == ["phone"] * len(log)


def test_day_call_log_follows_its_stated_parameters():
    from cxlib.data import day_call_log
    from cxlib.queueing import agents_needed

    logs = [day_call_log(seed=s, aht=240, handle_cv=1.0) for s in range(10)]
    # Expected calls: 2400 a day, so the total over 10 days is Poisson(24,000).
    total = sum(len(g) for g in logs)
    assert abs(total - 24_000) < Z * math.sqrt(24_000)
    # Lognormal handle times with mean 240 s and cv 1: log-times have sd sqrt(log 2).
    h = np.concatenate([g.handle_time[~g.abandoned] for g in logs])
    assert abs(np.log(h).std() - math.sqrt(math.log(2))) < 0.02
    assert abs(h.mean() - 240) < Z * 240 / math.sqrt(len(h))
    # Default staffing: Erlang C's 80/20 plan for each half-hour's rate.
    log = logs[0]
    plan = agents_needed(log.calls_per_hour / 3600, 240, 20, 0.8)
    np.testing.assert_array_equal(log.agents, plan)
    # Double peak: late morning and early afternoon above the lunchtime dip and the evening.
    r = log.calls_per_hour
    assert r.argmax() in (5, 6) and r[12] > r[9] < r[5] and r[-1] < r.mean() / 2


def test_day_call_log_defaults_are_the_documented_ones():
    """The docstring's defaults, 2400 calls a day and a 240 s average handle time: the defaulted
    log is the one asked for with those values, and its hourly rates add up to the day's calls."""
    from cxlib.data import day_call_log

    log = day_call_log(seed=3)
    stated = day_call_log(seed=3, calls_per_day=2400.0, aht=240.0)
    np.testing.assert_array_equal(log.handle_time, stated.handle_time)
    np.testing.assert_array_equal(log.agents, stated.agents)
    assert log.calls_per_hour.sum() / 2 == pytest.approx(2400.0)  # 24 half-hours
    small = day_call_log(seed=3, calls_per_day=48)
    assert small.calls_per_hour.sum() / 2 == pytest.approx(48.0)


def test_day_call_log_options_and_errors():
    from cxlib.data import day_call_log

    patient = day_call_log(seed=1, patience=None)
    assert not patient.abandoned.any()
    thin = day_call_log(seed=1, agents=[3] * 24)  # badly understaffed: many hang up
    assert thin.abandoned.mean() > 0.3
    with pytest.raises(ValueError, match="agents must have one value per half-hour"):
        day_call_log(seed=1, agents=[10] * 23)
    with pytest.raises(ValueError, match="calls_per_day must be a positive number"):
        day_call_log(seed=1, calls_per_day=0)


def test_day_call_log_meets_its_documented_service():
    """The docstring promises about 90 % answered within 20 s and about 2 % hanging up.

    Pooled over 20 seeded days (about 48,000 calls); the tolerances are the promise's own
    rounding ("about"), far wider than the sampling error (under 0.2 points here).
    """
    from cxlib.data import day_call_log

    logs = [day_call_log(seed=s) for s in range(20)]
    wait = np.concatenate([g.wait for g in logs])
    abandoned = np.concatenate([g.abandoned for g in logs])
    in_time = np.mean(~abandoned & (wait <= 20))
    assert 0.87 <= in_time <= 0.93, in_time
    assert 0.01 <= abandoned.mean() <= 0.03, abandoned.mean()


def test_the_printed_summary_states_the_log_s_own_numbers():
    """What a student reads first (the repr): the share abandoned, and the mean wait of the
    answered calls only, computed afresh here."""
    import re

    from cxlib.data import day_call_log

    log = day_call_log(seed=3)
    text = repr(log)
    shown = re.search(r"([\d.]+)% abandoned, mean wait of answered calls ([\d.]+) s", text)
    assert shown, text
    assert float(shown.group(1)) == pytest.approx(100 * log.abandoned.mean(), abs=0.05)
    answered_wait = log.wait[~log.abandoned].mean()
    assert float(shown.group(2)) == pytest.approx(answered_wait, abs=0.05), (
        "the summary's mean wait must be of answered calls, not of those who hung up")
    assert abs(log.wait[log.abandoned].mean() - answered_wait) > 0.1, "the check can tell them apart"
    assert f"DayCallLog({len(log)} calls" in text
