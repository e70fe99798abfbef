"""Estimates with confidence intervals: one home for the statistics every topic needs.

A simulated mean wait, a survey's NPS and a fitted retention rate are all *estimates*: a number
with a standard error and an interval. They share one result type, :class:`Estimate`, and the
intervals come from :mod:`scipy.stats`, not from hand-written quantiles.

============================================  ============================================
question                                      function
============================================  ============================================
An interval from independent replications?    :func:`mean_estimate` (Student's t)
An interval from a standard error?            :func:`normal_estimate` (normal, z)
An interval with no formula for the error?    :func:`bootstrap_estimate` (percentile
                                              bootstrap, seeded)
A quantile of Student's t or the normal?      :func:`t_quantile`, :func:`z_quantile`
============================================  ============================================

>>> est = mean_estimate(np.array([9.8, 10.1, 10.4, 9.9, 10.3]), 0.95, "replications")
>>> est
Estimate(10.1, 95% CI 9.79 to 10.41; 5 replications)
>>> round(est.se, 4) == round(est.std_error, 4)
True
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from . import _checks
from ._results import Result
from .seeding import Seed, rng

__all__ = [
    "Estimate",
    "t_quantile",
    "z_quantile",
    "mean_estimate",
    "normal_estimate",
    "bootstrap_estimate",
]

#: How each way of building an interval is named in a repr.
_UNITS = {"replications": "replications", "batch means": "batches of one run",
          "normal": "observations", "bootstrap": "observations, bootstrap"}


@dataclass(frozen=True, repr=False)
class Estimate(Result):
    """A quantity estimated from data or a simulation, with its confidence interval.

    Attributes
    ----------
    value : float
        The estimate.
    low, high : float
        The confidence interval. NaN when there is nothing to build one from (a single run).
    std_error : float
        The standard error of ``value`` (also available as :attr:`se`).
    confidence : float
        The confidence level, such as 0.95.
    units : int
        How many independent values (replications, batches, respondents, resamples) the
        interval is built from.
    method : str
        How: ``"replications"``, ``"batch means"``, ``"single run"``, ``"normal"`` (value plus
        or minus z standard errors) or ``"bootstrap"``.

    Examples
    --------
    >>> e = Estimate(0.5, 0.4, 0.6, 0.05, 0.95, 100, "normal")
    >>> float(e), e.half_width, e.contains(0.45)
    (0.5, 0.09999999999999998, True)
    """

    value: float
    low: float
    high: float
    std_error: float
    confidence: float
    units: int
    method: str

    def __float__(self) -> float:
        return float(self.value)

    @property
    def se(self) -> float:
        """The standard error (the same as :attr:`std_error`)."""
        return self.std_error

    @property
    def half_width(self) -> float:
        """Half the width of the confidence interval."""
        return (self.high - self.low) / 2

    def contains(self, x: float) -> bool:
        """True when ``x`` lies inside the interval (False when there is no interval)."""
        return bool(self.low <= x <= self.high)

    def __repr__(self) -> str:
        if math.isnan(self.low):
            if self.method == "single run":
                return f"Estimate({self.value:.4g}; no interval from a single run)"
            return (f"Estimate({self.value:.4g}; no interval from {self.units} "
                    f"{'value' if self.units == 1 else 'values'})")
        what = _UNITS.get(self.method, self.method)
        return (
            f"Estimate({self.value:.4g}, {self.confidence:.0%} CI {self.low:.4g} to "
            f"{self.high:.4g}; {self.units} {what})"
        )


@lru_cache(maxsize=256)
def t_quantile(p: float, df: int) -> float:
    """The ``p`` quantile of Student's t distribution with ``df`` degrees of freedom.

    From :func:`scipy.stats.t.ppf`, cached (a simulation asks for the same few quantiles
    again and again).

    >>> round(t_quantile(0.975, 9), 4)
    2.2622
    >>> round(t_quantile(0.975, 1), 4)
    12.7062
    """
    if not 0 < p < 1:
        raise ValueError(f"p must be a number strictly between 0 and 1, got {p:g}")
    df = _checks.positive_int("df", df)
    from scipy import stats

    return float(stats.t.ppf(p, df))


@lru_cache(maxsize=64)
def z_quantile(p: float) -> float:
    """The ``p`` quantile of the standard normal distribution.

    >>> round(z_quantile(0.975), 4)
    1.96
    """
    if not 0 < p < 1:
        raise ValueError(f"p must be a number strictly between 0 and 1, got {p:g}")
    from scipy import stats

    return float(stats.norm.ppf(p))


def mean_estimate(units: np.ndarray, confidence: float, method: str,
                  value: float | None = None) -> Estimate:
    """The mean of independent ``units`` with a Student's t interval: mean ± t·s/√m.

    Parameters
    ----------
    units : array of float
        One value per replication (or batch). NaN values are dropped.
    confidence : float
        Between 0 and 1.
    method : str
        What the units are, for the repr: ``"replications"`` or ``"batch means"``.
    value : float, optional
        The centre, when it is not the plain mean of the units (a ratio over all customers of
        one long run, say).

    Returns
    -------
    Estimate
        With ``method="single run"`` and no interval when only one unit is left, and NaN
        everywhere when none is.

    Examples
    --------
    >>> mean_estimate(np.array([1.0, 2.0, 3.0]), 0.95, "replications").high
    4.484
    >>> mean_estimate(np.array([2.0]), 0.95, "replications")
    Estimate(2; no interval from a single run)
    """
    confidence = _checks.open_unit("confidence", confidence)
    units = np.asarray(units, dtype=float)
    units = units[np.isfinite(units)]
    m = len(units)
    if m == 0:
        return Estimate(math.nan, math.nan, math.nan, math.nan, confidence, 0, method)
    centre = float(np.mean(units)) if value is None else float(value)
    if m < 2:
        return Estimate(centre, math.nan, math.nan, math.nan, confidence, m, "single run")
    se = float(np.std(units, ddof=1) / math.sqrt(m))
    half = t_quantile(0.5 + confidence / 2, m - 1) * se
    return Estimate(centre, centre - half, centre + half, se, confidence, m, method)


def normal_estimate(value: float, std_error: float, *, units: int, confidence: float = 0.95,
                    low: float = -math.inf, high: float = math.inf) -> Estimate:
    """An estimate with a normal-approximation interval: value ± z·se, kept within its scale.

    Parameters
    ----------
    value, std_error : float
        The estimate and its standard error.
    units : int
        How many observations it comes from.
    confidence : float, default 0.95
    low, high : float
        The ends of the scale (0 and 1 for a share, -100 and 100 for NPS): the interval is
        clipped to them.

    Examples
    --------
    >>> normal_estimate(0.8, 0.02, units=400)
    Estimate(0.8, 95% CI 0.7608 to 0.8392; 400 observations)
    >>> normal_estimate(0.99, 0.02, units=50, high=1.0).high
    1.0
    """
    confidence = _checks.open_unit("confidence", confidence)
    std_error = _checks.nonnegative("std_error", std_error)
    half = z_quantile(0.5 + confidence / 2) * std_error
    return Estimate(float(value), max(low, value - half), min(high, value + half),
                    float(std_error), confidence, int(units), "normal")


def bootstrap_estimate(
    data: np.ndarray,
    statistic: Callable[[np.ndarray], float],
    *,
    confidence: float = 0.95,
    resamples: int = 2000,
    seed: Seed = None,
) -> Estimate:
    """The statistic of ``data`` with a percentile bootstrap interval (scipy.stats.bootstrap).

    Parameters
    ----------
    data : 1-D array
        The observations (survey scores, say).
    statistic : callable
        ``statistic(sample) -> float``; it is called on resamples of ``data``.
    confidence : float, default 0.95
    resamples : int, default 2000
    seed : int, numpy.random.Generator or None
        The same seed gives the same interval.

    Returns
    -------
    Estimate
        ``value`` is the statistic of ``data``; ``std_error`` the standard deviation of the
        bootstrap distribution; ``units`` the number of observations.

    Examples
    --------
    >>> scores = np.repeat([1, 3, 5], [10, 30, 60])
    >>> e = bootstrap_estimate(scores, np.mean, seed=1)
    >>> e.value, bool(e.low < 4.0 < e.high)
    (4.0, True)

    References
    ----------
    Efron, B. and Tibshirani, R. J. (1993). *An Introduction to the Bootstrap*. Chapman & Hall.
    """
    x = np.atleast_1d(_checks.number("data", data))
    if x.ndim != 1 or x.size < 2:
        raise ValueError(f"data must be a 1-D array of at least 2 observations, got {x.size}")
    confidence = _checks.open_unit("confidence", confidence)
    resamples = _checks.positive_int("resamples", resamples)
    from scipy import stats

    res = stats.bootstrap((x,), statistic, confidence_level=confidence, n_resamples=resamples,
                          method="percentile", vectorized=False, rng=rng(seed))
    return Estimate(float(statistic(x)), float(res.confidence_interval.low),
                    float(res.confidence_interval.high), float(res.standard_error),
                    confidence, int(x.size), "bootstrap")
