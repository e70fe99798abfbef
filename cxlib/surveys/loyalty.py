"""From satisfaction to loyalty: who stays, and who is left to be surveyed.

=============================  ==============================================================
function                       what it answers
=============================  ==============================================================
:func:`loyalty_curve`          how likely is a customer with each 1-5 score to stay, in a
                               competitive market and in a sheltered one?
:func:`predicted_retention`    what share of the respondents' customers will stay, by the
                               curve?
:func:`survivorship`           how do a cohort's retention and its survey of current customers
                               change, year after year, when customers differ?
=============================  ==============================================================

**The curve is illustrative, not data.** Jones and Sasser (1995) drew satisfaction against
loyalty for several industries: where customers have choices (cars, personal computers),
loyalty stays low until satisfaction reaches the top of the scale and then rises steeply; where
they have few (local telephone service then, or a hospital), loyalty is high whatever the score,
which they called *false loyalty*. They publish the shapes, not a table of numbers. The course's
curve copies the shapes and takes one *ratio* as reported: in a 1991 analysis at Xerox,
customers who gave a 5 were six times as likely to repurchase Xerox equipment as those who gave
a 4 (Heskett et al. 1994, who also report that Xerox surveyed 480,000 customers a year on a
five-point scale). That is a company's correlational analysis of repurchase, not a measurement of
retention. The levels are ours: in the competitive market a 5 stays over the next period with
chance 0.90 and a 4 with 0.15, and the flat stretch from 1 to 4 (0.10 to 0.15) is ours too. A
ratio of 6 can only hold where 4s mostly leave (4s must stay less than 1/6 of the time), so the
curve is a model of a market with easy switching, not a general law; the low level for 4s drives
most of what follows from it. ``competition`` from 0 (sheltered) to 1 (competitive) mixes the two
curves linearly.

**Survivorship** draws a cohort with given scores. Each customer's chance of leaving per period
is their own: a beta distribution whose mean is one minus the curve's retention for their score,
so customers with the same score differ. Each period they leave with that chance, or stay. Those
who stay are the ones a survey of current customers can reach. This is the generating process
of the shifted-beta-geometric model of Fader and Hardie (2007), which lesson 01 fits to
retention data: the heterogeneity that makes a cohort's retention rate rise every year also
makes its satisfaction survey look better every year, though nobody's opinion changed. That
climb is one closed cohort's: a customer base that keeps winning new customers mixes cohorts of
every age, so its survey climbs more slowly, but it still sits above what its customers thought
when they joined (survey researchers call missing the former customers *coverage error*).

References
----------
Jones, T. O. and Sasser, W. E. (1995). Why satisfied customers defect. *Harvard Business Review*
73(6), 88-99.

Heskett, J. L., Jones, T. O., Loveman, G. W., Sasser, W. E. and Schlesinger, L. A. (1994).
Putting the service-profit chain to work. *Harvard Business Review* 72(2), 164-174.

Fader, P. S. and Hardie, B. G. S. (2007). How to project customer retention. *Journal of
Interactive Marketing* 21(1), 76-90.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._results import Result
from .._stats import Estimate, normal_estimate
from ..customers import sbg
from ..seeding import Seed, streams
from .metrics import CSAT_SCALE, check_scores, check_shares, check_weights, weighted_mean_se

__all__ = ["LoyaltyCurve", "loyalty_curve", "predicted_retention", "Survivorship",
           "survivorship", "COMPETITIVE_RETENTION", "SHELTERED_RETENTION"]

#: Retention over the next period by score 1..5 in a competitive market (illustrative levels,
#: chosen so that 5s stay six times as often as 4s: the Xerox repurchase ratio reported by
#: Heskett et al. 1994; the levels themselves are not reported anywhere).
COMPETITIVE_RETENTION = (0.10, 0.12, 0.13, 0.15, 0.90)
#: Retention by score 1..5 where customers have little choice: high and flat ("false loyalty",
#: Jones and Sasser 1995; the levels are illustrative).
SHELTERED_RETENTION = (0.80, 0.82, 0.84, 0.86, 0.90)


@dataclass(frozen=True, repr=False)
class LoyaltyCurve(Result):
    """The chance that a customer stays over the next period, by satisfaction score.

    Attributes
    ----------
    score : numpy.ndarray of int
        1 to 5.
    retention : numpy.ndarray of float
        The chance of staying (repurchasing) for each score.
    competition : float
        0 for a sheltered market, 1 for a competitive one.

    Examples
    --------
    >>> c = loyalty_curve(1.0)
    >>> c.at(5) / c.at(4)
    6.0
    """

    score: np.ndarray
    retention: np.ndarray
    competition: float

    def at(self, score: Any) -> Any:
        """The retention of customers with ``score`` (a number or an array of 1-5 scores)."""
        s = np.asarray(score)
        bad = ~np.isin(s, self.score)
        if bad.any():
            raise ValueError(f"score must be a whole number from 1 to 5, got "
                             f"{_checks._first_bad(s.astype(float), bad)}")
        out = self.retention[s.astype(np.int64) - CSAT_SCALE[0]]
        return float(out) if out.ndim == 0 else out

    def __repr__(self) -> str:
        cells = ", ".join(f"{s}: {r:.0%}" for s, r in zip(self.score, self.retention))
        return f"LoyaltyCurve(competition {self.competition:g}; stay by score {cells})"


def loyalty_curve(competition: float = 1.0) -> LoyaltyCurve:
    """Retention by satisfaction score, from a sheltered market (0) to a competitive one (1).

    Parameters
    ----------
    competition : float, default 1.0
        How freely customers can switch: 1 gives the competitive curve (flat and low from 1 to
        4, a jump at 5), 0 the sheltered one (flat and high), values between mix the two.

    Returns
    -------
    LoyaltyCurve

    Examples
    --------
    >>> loyalty_curve(1.0)
    LoyaltyCurve(competition 1; stay by score 1: 10%, 2: 12%, 3: 13%, 4: 15%, 5: 90%)
    >>> loyalty_curve(0.0).retention.tolist()
    [0.8, 0.82, 0.84, 0.86, 0.9]
    >>> loyalty_curve(1.5)
    Traceback (most recent call last):
    ...
    ValueError: competition must be a number from 0 to 1, got 1.5
    """
    c = _checks.unit_interval("competition", _checks.scalar(
        "competition", competition, where="loyalty_curve"))
    retention = c * np.array(COMPETITIVE_RETENTION) + (1 - c) * np.array(SHELTERED_RETENTION)
    return LoyaltyCurve(np.arange(CSAT_SCALE[0], CSAT_SCALE[1] + 1), retention, c)


def predicted_retention(scores: Any, *, competition: float = 1.0, weights: Any = None,
                        confidence: float = 0.95) -> Estimate:
    """The share of customers expected to stay, from survey answers and the loyalty curve.

    Each respondent's score is turned into their chance of staying (:func:`loyalty_curve`), and
    the estimate is the (weighted) mean of those chances. The standard error counts the sampling
    of respondents only: it treats the curve as known.

    Parameters
    ----------
    scores : array of int
        1-5 answers.
    competition : float, default 1.0
        As in :func:`loyalty_curve`.
    weights : array of float, optional
        One positive weight per answer.
    confidence : float, default 0.95

    Returns
    -------
    Estimate
        A share from 0 to 1, with a normal interval.

    Examples
    --------
    Two companies with the same mean score, 4.0, and the same CSAT, 80 %:

    >>> a = [3] * 20 + [4] * 60 + [5] * 20
    >>> b = [1] * 10 + [2] * 5 + [3] * 5 + [4] * 35 + [5] * 45
    >>> round(predicted_retention(a).value, 3), round(predicted_retention(b).value, 3)
    (0.296, 0.48)
    """
    curve = loyalty_curve(competition)
    s = check_scores(scores)
    w = check_weights(weights, s.size)
    value, se = weighted_mean_se(curve.at(s), w, ddof=1)
    return normal_estimate(value, se, units=s.size, confidence=confidence, low=0.0, high=1.0)


@dataclass(frozen=True, repr=False)
class Survivorship(Result):
    """A cohort followed period by period: who is still a customer, and what they would say.

    Every array has one value per period, from 0 (the cohort's start) to ``periods``.

    Attributes
    ----------
    period : numpy.ndarray of int
    customers : numpy.ndarray of int
        How many of the cohort are still customers at the start of the period.
    active : numpy.ndarray of float
        The same as a share of the cohort.
    retention : numpy.ndarray of float
        The share of the period's customers who are still customers a period later: what the
        company reports as its retention rate that period.
    csat, top_box, mean : numpy.ndarray of float
        What a survey of the period's customers would find (all of them: no sampling noise).
        NaN once nobody is left.
    score_shares : numpy.ndarray of float, shape (periods + 1, 5)
        The share of each score 1-5 among the period's customers.
    competition, concentration : float
        The settings.
    expected_active : numpy.ndarray of float
        The share still a customer that the shifted-beta-geometric model of lesson 01 expects
        (exact): a mixture, over the scores, of ``cxlib.customers.sbg(...).survival(t)``. The
        simulated ``active`` scatters around it.

    Examples
    --------
    >>> s = survivorship([0, 0, 0, 50, 50], periods=2, customers=1000, seed=4)
    >>> s.period.tolist(), int(s.customers[0]), bool(s.top_box[2] > s.top_box[0])
    ([0, 1, 2], 1000, True)
    """

    period: np.ndarray
    customers: np.ndarray
    active: np.ndarray
    retention: np.ndarray
    csat: np.ndarray
    top_box: np.ndarray
    mean: np.ndarray
    score_shares: np.ndarray
    competition: float
    concentration: float
    expected_active: np.ndarray

    def __repr__(self) -> str:
        last = len(self.period) - 1
        return (f"Survivorship({self.customers[0]} customers over {last} periods: "
                f"{self.active[last]:.1%} left; retention {self.retention[0]:.1%} -> "
                f"{self.retention[last]:.1%}; CSAT of current customers {self.csat[0]:.1%} -> "
                f"{self.csat[last]:.1%})")


def _draw_scores(shares: np.ndarray, uniforms: np.ndarray) -> np.ndarray:
    """Scores 1..5 with the given shares, by the inverse CDF of ``uniforms`` (common numbers)."""
    cum = np.cumsum(shares)
    cum[-1] = 1.0
    idx = np.searchsorted(cum, uniforms, side="right")
    return CSAT_SCALE[0] + np.minimum(idx, len(shares) - 1)


def survivorship(shares: Any, *, competition: float = 1.0, concentration: float = 2.0,
                 periods: int = 5, customers: int = 20_000, seed: Seed = None
                 ) -> Survivorship:
    """Follow a cohort whose customers differ in their chance of leaving; survey who is left.

    Parameters
    ----------
    shares : array of 5 floats
        The cohort's 1-5 satisfaction scores at the start (shares, or counts); each customer
        keeps their score.
    competition : float, default 1.0
        The market (see :func:`loyalty_curve`); it sets each score's mean chance of staying.
    concentration : float, default 2.0
        How alike customers with the same score are: each customer's chance of leaving is drawn
        from a beta distribution with the score's mean churn and ``a + b = concentration`` (the
        sBG's alpha + beta of lesson 01; its polarisation is ``1 / (concentration + 1)``, so 2.0
        is a polarisation of 1/3). Small values make customers very different; large ones make
        them alike. The default is illustrative, not fitted: it sets how fast the survivors'
        retention and CSAT climb.
    periods : int, default 5
        How many periods to follow.
    customers : int, default 20,000
        The cohort's size.
    seed : int, numpy.random.Generator or None

    Returns
    -------
    Survivorship

    Examples
    --------
    >>> s = survivorship([10, 5, 5, 40, 40], periods=4, seed=1)
    >>> bool(s.retention[4] > s.retention[0]), bool(s.csat[4] > s.csat[0])
    (True, True)
    >>> survivorship([10, 5, 5, 40, 40], concentration=0)
    Traceback (most recent call last):
    ...
    ValueError: concentration must be a positive number, got 0
    """
    p = check_shares(shares)
    curve = loyalty_curve(competition)
    kappa = _checks.positive("concentration", _checks.scalar(
        "concentration", concentration, where="survivorship"))
    periods = _checks.positive_int("periods", periods)
    n = _checks.positive_int("customers", customers)
    g = streams(seed, ["score", "churn", "lifetime"])
    score = _draw_scores(p, g["score"].random(n))
    # Each customer's churn chance is beta and their lifetime geometric: the shifted-beta-
    # geometric model of lesson 01 (cxlib.customers.sbg), one per score. Its survival curves,
    # mixed by the scores' shares, are the cohort's expected `active`, period by period.
    mean_churn = 1.0 - curve.at(curve.score)
    expected = sum(share * sbg(alpha=c * kappa, beta=(1 - c) * kappa).survival(
        np.arange(periods + 1)) for share, c in zip(p, mean_churn))
    churn = 1.0 - curve.at(score)
    theta = np.clip(g["churn"].beta(churn * kappa, (1 - churn) * kappa), 1e-12, 1.0)
    lifetime = g["lifetime"].geometric(theta)  # periods as a customer, at least 1
    t = np.arange(periods + 2)
    alive = lifetime[None, :] > t[:, None]  # (periods + 2, customers)
    counts = alive.sum(axis=1)
    by_score = np.stack([(alive & (score == s)).sum(axis=1) for s in curve.score], axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        shares_t = by_score / counts[:, None]
        retention = counts[1:] / counts[:-1]
    shares_t = shares_t[:-1]
    return Survivorship(
        t[:-1], counts[:-1], counts[:-1] / n, retention,
        shares_t[:, 3] + shares_t[:, 4], shares_t[:, 4], shares_t @ curve.score,
        shares_t, curve.competition, kappa, np.asarray(expected, dtype=float),
    )
