"""cxlib.seeding: seeds, independent streams, and the standard draws from a mean and a CV."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import stats

from cxlib import seeding


def test_streams_are_independent_and_reproducible():
    s1 = seeding.streams(4, ["a", "b"])
    s2 = seeding.streams(4, ["a", "b"])
    assert s1["a"].random() == s2["a"].random()
    assert seeding.streams(4, ["a", "b"])["a"].random() != seeding.streams(4, ["a", "b"])["b"].random()
    with pytest.raises(ValueError, match="distinct"):
        seeding.streams(1, ["a", "a"])
    with pytest.raises(TypeError, match="seed"):
        seeding.rng(True)


@pytest.mark.parametrize("draw", [seeding.lognormal, seeding.gamma])
@pytest.mark.parametrize("mean, cv", [(240.0, 0.9), (420.0, 0.7), (300.0, 1.0), (1.0, 1.5)])
def test_draws_have_the_mean_and_cv_they_promise(draw, mean, cv):
    """Sample mean and CV within 5 standard errors of the promise (SEs from the sample)."""
    n = 400_000
    x = draw(seeding.rng(11), mean, cv, n)
    se_mean = x.std(ddof=1) / math.sqrt(n)
    assert abs(x.mean() - mean) < 5 * se_mean
    # The CV's standard error, by the delta method from the sample's own moments.
    m, s = x.mean(), x.std(ddof=1)
    m3, m4 = np.mean((x - m) ** 3), np.mean((x - m) ** 4)
    var_s2 = (m4 - s**4) / n
    cov = m3 / n
    grad = np.array([-s / m**2, 1 / (2 * s * m)])  # d(cv)/d(mean), d(cv)/d(variance)
    se_cv = math.sqrt(grad @ np.array([[s**2 / n, cov], [cov, var_s2]]) @ grad)
    assert abs(s / m - cv) < 5 * se_cv, (s / m, cv, se_cv)


def test_lognormal_is_lognormal_with_the_right_sigma():
    """log(x) is normal with variance log(1 + cv^2): a KS test against that exact law."""
    cv, mean = 0.9, 240.0
    x = seeding.lognormal(seeding.rng(3), mean, cv, 20_000)
    sigma = math.sqrt(math.log1p(cv**2))
    mu = math.log(mean) - sigma**2 / 2
    assert stats.kstest(np.log(x), "norm", args=(mu, sigma)).pvalue > 1e-4


def test_same_generator_threads_through_draws():
    g = seeding.rng(5)
    a = seeding.gamma(g, 2.0, 0.5, 3)
    b = seeding.gamma(g, 2.0, 0.5, 3)
    assert not np.array_equal(a, b)
    assert np.array_equal(seeding.gamma(seeding.rng(5), 2.0, 0.5, 3), a)
