"""Survey metrics with their standard errors: CSAT, top-box, the mean score and NPS.

==========================  ==================================================================
function                    what it estimates
==========================  ==================================================================
:func:`csat`                share of 4s and 5s on a 1-5 scale ("satisfied or better")
:func:`top_box`             share of 5s on a 1-5 scale ("completely satisfied")
:func:`mean_score`          the mean of 1-5 answers
:func:`nps`                 Net Promoter Score on a 0-10 scale: % promoters (9-10) minus
                            % detractors (0-6), from -100 to 100
==========================  ==================================================================

Every metric is the mean of one number per respondent: an indicator (1 for a 4 or 5, else 0) for
CSAT and top-box, the score itself for the mean, and +1 / 0 / -1 (promoter, passive, detractor)
for NPS, times 100. So one formula gives every standard error. With ``n`` answers :math:`y_i`
and their mean :math:`\\bar y`,

.. math:: \\mathrm{SE} = \\sqrt{\\frac{1}{n}\\cdot\\frac{1}{n-\\delta}\\sum_i (y_i - \\bar y)^2},

with :math:`\\delta = 0` for the shares and NPS and :math:`\\delta = 1` (the sample standard
deviation) for the mean score. For a share :math:`p` this is the familiar
:math:`\\sqrt{p(1-p)/n}`, and for NPS, with promoter and detractor shares :math:`p` and
:math:`d`, :math:`\\mathrm{Var}(\\mathrm{NPS}) = 100^2\\,[p + d - (p - d)^2]/n`. The standard
error of a sample mean is exactly :math:`\\sigma/\\sqrt{n}` for a simple random sample (with
replacement, or from a population much larger than the sample); these formulas plug in the
sample's own spread for :math:`\\sigma`, as every survey has to.

**Weights** (from :func:`~cxlib.surveys.post_stratify` or
:func:`~cxlib.surveys.inverse_propensity_weights`) give the weighted mean
:math:`\\sum w_i y_i / \\sum w_i` and the linearisation (sandwich) standard error
:math:`\\sqrt{\\tfrac{n}{n-\\delta}\\sum w_i^2 (y_i - \\bar y_w)^2} / \\sum w_i`, an approximation
that treats the weights as fixed numbers (Wolter 2007, ch. 6). Equal weights give exactly the
unweighted answer. Which way it errs:

* Unequal weights cost precision. Kish's design effect :math:`n\\sum w_i^2/(\\sum w_i)^2` says how
  much: ``n`` weighted answers are worth about ``n / deff`` unweighted ones (Kish 1992).
* For post-stratification weights the formula ignores that the weights make the groups match
  the population exactly. When the groups predict the answer, the stratified variance
  :math:`\\sum_h W_h^2 s_h^2 / n_h` that Holt and Smith (1979) recommend (conditional on the
  respondents' counts) is smaller, so the fixed-weight formula errs on the safe side
  (``tests/test_data_survey.py`` measures both on the course's survey).
* Every standard error here describes answers drawn independently from a large population, or
  from the process that generates customers; none has a finite-population correction. For one
  fixed list of invited customers, where the only chance is who answers, the spread is smaller.

**Intervals.** ``interval="normal"`` (the default) is value ± 1.96 SE, clipped to the scale: a
normal (Wald) approximation, good when a share's successes and failures both number more than
about 10. With 50 answers and a true share of 0.9 it covers only 88 % of the time (exact binomial
calculation; the Wilson score interval, ``scipy.stats.binomtest(k, n).proportion_ci(method=
"wilson")``, covers 97 %: Brown, Cai and DasGupta 2001); Rocks (2016) compares better
NPS intervals. ``interval="bootstrap"`` resamples the respondents (percentile
bootstrap, seeded): no formula needed, but no cure for a small sample either.

References
----------
Brown, L. D., Cai, T. T. and DasGupta, A. (2001). Interval estimation for a binomial proportion.
*Statistical Science* 16(2), 101-133.

Holt, D. and Smith, T. M. F. (1979). Post stratification. *Journal of the Royal Statistical
Society A* 142(1), 33-46.

Kish, L. (1992). Weighting for unequal Pi. *Journal of Official Statistics* 8(2).

Rocks, B. (2016). Interval estimation for the "net promoter score". *The American Statistician*
70(4), 365-372.

Wolter, K. M. (2007). *Introduction to Variance Estimation*, 2nd edition. Springer.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Any

import numpy as np

from .. import _checks
from .._stats import Estimate, bootstrap_estimate, normal_estimate
from ..seeding import Seed

__all__ = ["csat", "top_box", "mean_score", "nps", "CSAT_SCALE", "NPS_SCALE"]

#: The lowest and highest answer of a CSAT question ("how satisfied are you?", 1 to 5).
CSAT_SCALE = (1, 5)
#: The lowest and highest answer of the NPS question ("how likely are you to recommend us?").
NPS_SCALE = (0, 10)

_INTERVALS = ("normal", "bootstrap")


def check_scores(values: Any, scale: tuple[int, int] = CSAT_SCALE, *,
                 name: str = "scores", minimum: int = 2) -> np.ndarray:
    """Answers on a scale as an integer array, or a ValueError that names what is wrong.

    >>> check_scores([5, 4, 3]).tolist()
    [5, 4, 3]
    >>> check_scores([5, 6, 3])
    Traceback (most recent call last):
    ...
    ValueError: scores must be whole numbers from 1 to 5, got 6 at index 1
    """
    low, high = scale
    words = f"whole numbers from {low} to {high}"
    if _checks.is_scalar(values) and not isinstance(values, (str, bytes)) and values is not None:
        raise ValueError(f"{name} must be an array of answers ({words}), got the single "
                         f"number {_checks._describe(values)}")
    arr = _checks._as_float_array(name, values, f"an array of {words}")
    if arr.ndim != 1:
        raise ValueError(f"{name} must be a 1-D array of answers, got shape {arr.shape}")
    bad = ~np.isfinite(arr) | (arr < low) | (arr > high) | (arr != np.round(arr))
    if bad.any():
        first = arr[np.argmax(bad)]
        hint = "; keep only the customers who answered" if np.isnan(first) else ""
        if hint == "" and 0 < first < 1:
            hint = "; give the answers, not shares"
        raise ValueError(f"{name} must be {words}, got {_checks._first_bad(arr, bad)}{hint}")
    if arr.size < minimum:
        raise ValueError(f"{name} must hold at least {minimum} answers for a standard error, "
                         f"got {arr.size}")
    return arr.astype(np.int64)


def check_weights(weights: Any, n: int) -> np.ndarray | None:
    """None, or positive weights with one value per answer.

    >>> check_weights([1, 2], 2).tolist()
    [1.0, 2.0]
    >>> check_weights([1, 2], 3)
    Traceback (most recent call last):
    ...
    ValueError: weights must have one value per answer: got 2 weights for 3 answers
    """
    if weights is None:
        return None
    if _checks.is_scalar(weights) and not isinstance(weights, (str, bytes)):
        raise ValueError(f"weights must have one value per answer, got the single number "
                         f"{_checks._describe(weights)}")
    w = np.asarray(_checks.positive("weights", weights), dtype=float)
    if w.ndim != 1 or w.size != n:
        raise ValueError(f"weights must have one value per answer: got {w.size} weights for "
                         f"{n} answers")
    return w


def weighted_mean_se(y: np.ndarray, w: np.ndarray | None, ddof: int) -> tuple[float, float]:
    """The (weighted) mean of ``y`` and its standard error (see the module docstring).

    >>> weighted_mean_se(np.array([1.0, 0.0, 1.0, 1.0]), None, 0)
    (0.75, 0.21650635094610965)
    """
    n = y.size
    if w is None:
        return float(y.mean()), float(np.std(y, ddof=ddof) / math.sqrt(n))
    total = float(w.sum())
    value = float(np.dot(w, y) / total)
    spread = float(np.sum((w * (y - value)) ** 2))
    return value, math.sqrt(n / (n - ddof) * spread) / total


def _estimate(y: np.ndarray, w: np.ndarray | None, *, ddof: int, factor: float,
              bounds: tuple[float, float], confidence: float, interval: str,
              resamples: int, seed: Seed) -> Estimate:
    """One metric's estimate: the mean of ``y`` (times ``factor``) with its interval."""
    if interval not in _INTERVALS:
        raise ValueError(f"interval must be 'normal' or 'bootstrap', got {interval!r}")
    if interval == "bootstrap":
        def statistic(idx: np.ndarray) -> float:
            i = idx.astype(np.int64)
            return factor * weighted_mean_se(y[i], None if w is None else w[i], ddof)[0]

        return bootstrap_estimate(np.arange(y.size, dtype=float), statistic,
                                  confidence=confidence, resamples=resamples, seed=seed)
    value, se = weighted_mean_se(y, w, ddof)
    return normal_estimate(factor * value, factor * se, units=y.size, confidence=confidence,
                           low=bounds[0], high=bounds[1])


def _metric(scores: Any, scale: tuple[int, int], to_y: Callable[[np.ndarray], np.ndarray], *,
            weights: Any, confidence: float, interval: str, resamples: int, seed: Seed,
            ddof: int = 0, factor: float = 1.0, bounds: tuple[float, float] = (0.0, 1.0)
            ) -> Estimate:
    s = check_scores(scores, scale)
    w = check_weights(weights, s.size)
    return _estimate(to_y(s).astype(float), w, ddof=ddof, factor=factor, bounds=bounds,
                     confidence=confidence, interval=interval, resamples=resamples, seed=seed)


def csat(scores: Any, *, weights: Any = None, confidence: float = 0.95,
         interval: str = "normal", resamples: int = 2000, seed: Seed = None) -> Estimate:
    """CSAT: the share of answers that are 4 or 5 on a 1-5 scale, with its standard error.

    Parameters
    ----------
    scores : array of int
        One answer per respondent, whole numbers from 1 to 5 (non-respondents left out).
    weights : array of float, optional
        One positive weight per answer (post-stratification or inverse-propensity weights).
    confidence : float, default 0.95
    interval : {"normal", "bootstrap"}
        Value ± z·SE clipped to 0-1 (a normal approximation), or a percentile bootstrap.
    resamples : int, default 2000
        Bootstrap resamples.
    seed : int, numpy.random.Generator or None
        For the bootstrap.

    Returns
    -------
    Estimate
        ``value`` a share from 0 to 1, ``se`` = :math:`\\sqrt{p(1-p)/n}` (unweighted), ``low``
        and ``high`` the interval.

    Examples
    --------
    >>> csat([5, 4, 4, 3, 2, 5, 5, 1, 4, 4])
    Estimate(0.7, 95% CI 0.416 to 0.984; 10 observations)
    >>> round(csat([5, 4, 4, 3, 2, 5, 5, 1, 4, 4]).se, 4)
    0.1449
    >>> csat([5, 4, 0])
    Traceback (most recent call last):
    ...
    ValueError: scores must be whole numbers from 1 to 5, got 0 at index 2
    """
    return _metric(scores, CSAT_SCALE, lambda s: s >= 4, weights=weights,
                   confidence=confidence, interval=interval, resamples=resamples, seed=seed)


def top_box(scores: Any, *, weights: Any = None, confidence: float = 0.95,
            interval: str = "normal", resamples: int = 2000, seed: Seed = None) -> Estimate:
    """Top-box: the share of 5s ("completely satisfied") on a 1-5 scale, with its standard error.

    Parameters and returns as :func:`csat`.

    Examples
    --------
    >>> e = top_box([5, 4, 4, 3, 2, 5, 5, 1, 4, 4])
    >>> e.value, round(e.se, 4)
    (0.3, 0.1449)
    >>> top_box([5, 4, 4, 5], interval="bootstrap", seed=1).method
    'bootstrap'
    """
    return _metric(scores, CSAT_SCALE, lambda s: s == 5, weights=weights,
                   confidence=confidence, interval=interval, resamples=resamples, seed=seed)


def mean_score(scores: Any, *, weights: Any = None, confidence: float = 0.95,
               interval: str = "normal", resamples: int = 2000, seed: Seed = None) -> Estimate:
    """The mean of 1-5 answers, with its standard error :math:`s/\\sqrt{n}`.

    ``s`` is the sample standard deviation (``ddof=1``); the interval is value ± z·SE (normal,
    clipped to 1-5) or a bootstrap. Parameters as :func:`csat`.

    Examples
    --------
    >>> e = mean_score([5, 4, 4, 3, 2, 5, 5, 1, 4, 4])
    >>> e.value, round(e.se, 4)
    (3.7, 0.4231)
    >>> mean_score([4, 4.5])
    Traceback (most recent call last):
    ...
    ValueError: scores must be whole numbers from 1 to 5, got 4.5 at index 1
    """
    return _metric(scores, CSAT_SCALE, lambda s: s, weights=weights, confidence=confidence,
                   interval=interval, resamples=resamples, seed=seed, ddof=1,
                   bounds=(float(CSAT_SCALE[0]), float(CSAT_SCALE[1])))


def nps(scores: Any, *, weights: Any = None, confidence: float = 0.95,
        interval: str = "normal", resamples: int = 2000, seed: Seed = None) -> Estimate:
    """Net Promoter Score: % promoters (9-10) minus % detractors (0-6) of 0-10 answers.

    Parameters
    ----------
    scores : array of int
        Answers to "how likely are you to recommend us?", whole numbers from 0 to 10.
    weights, confidence, interval, resamples, seed
        As for :func:`csat`.

    Returns
    -------
    Estimate
        On the NPS scale, from -100 to 100. The standard error is
        :math:`100\\sqrt{[p + d - (p - d)^2]/n}`, with :math:`p` and :math:`d` the shares of
        promoters and detractors; the normal interval is clipped to -100..100.

    Examples
    --------
    >>> answers = [10, 9, 9, 8, 7, 6, 3, 10, 9, 8]    # 5 promoters, 2 detractors
    >>> e = nps(answers)
    >>> round(e.value, 6), round(e.se, 2)
    (30.0, 24.7)
    >>> nps([0.9, 0.1])
    Traceback (most recent call last):
    ...
    ValueError: scores must be whole numbers from 0 to 10, got 0.9 at index 0; give the answers, not shares

    References
    ----------
    Reichheld, F. F. (2003). The one number you need to grow. *Harvard Business Review* 81(12),
    46-54.

    Rocks, B. (2016). Interval estimation for the "net promoter score". *The American
    Statistician* 70(4), 365-372.
    """
    def to_y(s: np.ndarray) -> np.ndarray:
        return (s >= 9).astype(float) - (s <= 6).astype(float)

    return _metric(scores, NPS_SCALE, to_y, weights=weights, confidence=confidence,
                   interval=interval, resamples=resamples, seed=seed, factor=100.0,
                   bounds=(-100.0, 100.0))


def check_shares(shares: Any, scale: tuple[int, int] = CSAT_SCALE, *,
                 name: str = "shares") -> np.ndarray:
    """A distribution over the answers of a scale: shares adding up to 1, or counts.

    Whole-number counts are turned into shares; anything else must add up to 1.

    >>> check_shares([0, 0, 2, 6, 2]).tolist()
    [0.0, 0.0, 0.2, 0.6, 0.2]
    >>> check_shares([0.1, 0.1, 0.2, 0.3, 0.2])
    Traceback (most recent call last):
    ...
    ValueError: shares must add up to 1 (or be counts of answers), got a total of 0.9
    """
    size = scale[1] - scale[0] + 1
    arr = np.atleast_1d(np.asarray(_checks.nonnegative(name, shares), dtype=float))
    if arr.shape != (size,):
        raise ValueError(f"{name} must have one value per answer {scale[0]} to {scale[1]} "
                         f"({size} values), got {arr.size}")
    total = float(arr.sum())
    if total <= 0:
        raise ValueError(f"{name} must have at least one answer with a positive share")
    counts = bool(np.all(arr == np.round(arr)))
    if not counts and abs(total - 1) > 1e-6:
        raise ValueError(f"{name} must add up to 1 (or be counts of answers), got a total of "
                         f"{total:.4g}")
    return arr / total
