"""cxlib._stats: estimates and their intervals, against scipy and against their own coverage."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from cxlib import _stats
from cxlib._stats import Estimate, bootstrap_estimate, mean_estimate, normal_estimate, t_quantile


@pytest.mark.parametrize("df", [1, 2, 9, 30, 1000, 10**6])
def test_t_quantile_is_scipys(df):
    assert t_quantile(0.975, df) == pytest.approx(stats.t.ppf(0.975, df), rel=1e-12)


def test_quantiles_refuse_impossible_probabilities():
    with pytest.raises(ValueError) as err:
        t_quantile(1.0, 5)
    assert str(err.value) == "p must be a number strictly between 0 and 1, got 1"
    with pytest.raises(ValueError) as err:
        _stats.z_quantile(0)
    assert str(err.value) == "p must be a number strictly between 0 and 1, got 0"


def test_mean_estimate_by_hand():
    x = np.array([2.0, 4.0, 9.0])
    e = mean_estimate(x, 0.90, "replications")
    se = x.std(ddof=1) / math.sqrt(3)
    assert e.value == 5.0 and e.std_error == pytest.approx(se) and e.se == e.std_error
    assert e.high - e.value == pytest.approx(stats.t.ppf(0.95, 2) * se)
    assert e.units == 3 and e.confidence == 0.9
    nan = mean_estimate(np.array([np.nan, 3.0]), 0.95, "replications")
    assert nan.method == "single run" and math.isnan(nan.low) and nan.value == 3.0
    empty = mean_estimate(np.array([np.nan]), 0.95, "replications")
    assert empty.units == 0 and math.isnan(empty.value)


def test_normal_estimate_is_clipped_to_its_scale():
    e = normal_estimate(98.0, 2.0, units=50, low=-100, high=100)
    assert e.high == 100 and e.low == pytest.approx(98 - 1.959964 * 2, abs=1e-5)
    assert e.contains(99.0) and not e.contains(101.0)


def test_an_interval_contains_both_of_its_ends():
    e = Estimate(1.0, 0.5, 1.5, 0.25, 0.95, 20, "replications")
    assert e.contains(0.5) and e.contains(1.5)
    assert not e.contains(0.4999) and not e.contains(1.5001)
    share = normal_estimate(0.98, 0.02, units=50, low=0.0, high=1.0)  # clipped at 100 %
    assert share.high == 1.0 and share.contains(1.0)


def test_intervals_cover_the_truth_as_often_as_they_claim():
    """500 samples of 30 exponential values: the t interval covers the mean about 95 % of the
    time (exactly only for normal data; for the exponential at n = 30 about 93-94 %), and the
    normal interval of a proportion about 95 %. The bounds are binomial 5-sigma bands."""
    g = np.random.default_rng(20)
    hits_t = sum(mean_estimate(g.exponential(2.0, 30), 0.95, "replications").contains(2.0)
                 for _ in range(500))
    p, n = 0.3, 400
    hits_p = 0
    for _ in range(500):
        phat = g.binomial(n, p) / n
        hits_p += normal_estimate(phat, math.sqrt(phat * (1 - phat) / n), units=n).contains(p)
    band = 5 * math.sqrt(0.95 * 0.05 * 500)
    assert abs(hits_p - 475) < band, hits_p
    assert 0.90 * 500 < hits_t < 0.97 * 500, hits_t


def test_bootstrap_matches_the_standard_error_of_a_mean():
    g = np.random.default_rng(4)
    x = g.normal(10.0, 3.0, 400)
    e = bootstrap_estimate(x, np.mean, seed=1)
    assert e.method == "bootstrap" and e.units == 400
    assert e.std_error == pytest.approx(x.std(ddof=1) / 20, rel=0.1)
    assert e.low < x.mean() < e.high
    assert bootstrap_estimate(x, np.mean, seed=1) == e  # seeded: the same interval


def test_bootstrap_refuses_tiny_samples():
    with pytest.raises(ValueError) as err:
        bootstrap_estimate([1.0], np.mean)
    assert str(err.value) == "data must be a 1-D array of at least 2 observations, got 1"


def test_estimate_repr_says_what_the_interval_is_built_from():
    assert repr(Estimate(1.0, 0.5, 1.5, 0.25, 0.95, 20, "replications")) == (
        "Estimate(1, 95% CI 0.5 to 1.5; 20 replications)")
    assert repr(Estimate(1.0, 0.5, 1.5, 0.25, 0.95, 20, "batch means")) == (
        "Estimate(1, 95% CI 0.5 to 1.5; 20 batches of one run)")
    assert "no interval" in repr(Estimate(1.0, math.nan, math.nan, math.nan, 0.95, 1,
                                          "single run"))
    # a method the library does not name is shown as it was given
    assert repr(Estimate(1.0, 0.5, 1.5, 0.25, 0.9, 30, "jackknife samples")) == (
        "Estimate(1, 90% CI 0.5 to 1.5; 30 jackknife samples)")
