"""Survey responses: a quarter's customers, what they think, and who answered the survey.

=============================  ===========================================================
function                       what it gives
=============================  ===========================================================
:func:`survey_responses`       one seeded quarter: every customer invited to the survey,
                               their channel, whether the contact resolved their problem,
                               their CSAT (1-5) and recommend (0-10) answers, whether they
                               answered, and whether they stayed a customer
:func:`survey_truth`           the exact population values behind it, to check estimates
=============================  ===========================================================

**The process behind the data** is described step by step in :func:`survey_responses`'s
docstring (``help(data.survey_responses)`` in a notebook); every number in it is the course's
invention, chosen to look like a consumer contact centre, not a measurement.

The table keeps what every customer thinks, also those who did not answer, so that a student can
compare a survey with the truth; a real survey sees only the rows with ``responded`` true.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _checks
from .._results import Result, Table
from ..seeding import Seed, streams
from ..surveys import loyalty_curve, response_propensity
from .calls import CHANNELS

__all__ = ["SurveyResponses", "SurveyTruth", "survey_responses", "survey_truth"]

_CHANNEL_SHARE = (0.50, 0.30, 0.20)                  # phone, chat, email
_RESOLVED = (0.80, 0.70, 0.60)                       # chance the contact resolved the problem
_CSAT_RESOLVED = (0.02, 0.04, 0.10, 0.44, 0.40)      # satisfaction 1..5 if resolved
_CSAT_UNRESOLVED = (0.20, 0.25, 0.25, 0.22, 0.08)    # ... and if not
_RECOMMEND_MEAN = (2.5, 4.5, 6.5, 8.0, 9.3)          # recommend 0..10 by satisfaction 1..5
_RECOMMEND_SD = 1.3
_RESPONSE_BASE = (0.25, 0.15, 0.10)                  # answers by an unresolved satisfaction 3
_RESOLVED_LOGIT = 0.8                                # a resolved problem: + 0.8 on the logit
_EXTREMITY = 0.8


@dataclass(frozen=True, repr=False)
class SurveyResponses(Table):
    """Every customer invited to a satisfaction survey: one row each.

    Attributes
    ----------
    customer : numpy.ndarray of int
        An id, 0 to n - 1.
    channel : numpy.ndarray of str
        ``"phone"``, ``"chat"`` or ``"email"``: how they contacted the company.
    resolved : numpy.ndarray of bool
        Whether that contact resolved their problem (the company's records show it for all).
    csat : numpy.ndarray of int
        Their satisfaction, 1 to 5 (what they answered, or would have answered).
    recommend : numpy.ndarray of int
        How likely they are to recommend the company, 0 to 10.
    response_probability : numpy.ndarray of float
        Their chance of answering the survey (known here because the data are simulated).
    responded : numpy.ndarray of bool
        Whether they answered.
    stayed : numpy.ndarray of bool
        Whether they were still a customer a year later.
    competition : float
        The market the ``stayed`` column was drawn for.
    """

    customer: np.ndarray
    channel: np.ndarray
    resolved: np.ndarray
    csat: np.ndarray
    recommend: np.ndarray
    response_probability: np.ndarray
    responded: np.ndarray
    stayed: np.ndarray
    competition: float = 1.0

    def __repr__(self) -> str:
        n = len(self)
        answered = int(self.responded.sum())
        by = ", ".join(f"{c} {int(np.sum(self.channel == c))}" for c in CHANNELS)
        return (f"SurveyResponses({n} customers invited ({by}); {answered} answered "
                f"({answered / n:.1%}); columns {', '.join(self.columns())})")

    def respondents(self) -> "SurveyResponses":
        """Only the customers who answered: what a real survey sees.

        >>> s = survey_responses(seed=1)
        >>> bool(s.respondents().responded.all())
        True
        """
        keep = self.responded
        return SurveyResponses(*(getattr(self, c)[keep] for c in self.columns()),
                               competition=self.competition)


def _base(channel: int, resolved: bool) -> float:
    """The answering chance of a satisfaction-3 customer of a channel, resolved or not."""
    from scipy.special import expit, logit

    return float(expit(logit(_RESPONSE_BASE[channel]) + _RESOLVED_LOGIT * resolved))


def survey_responses(seed: Seed = None, *, customers: int = 6000,
                     competition: float = 1.0) -> SurveyResponses:
    """One seeded quarter (three months) of survey invitations, answers, and what became of them.

    The process behind the data (every number here is the course's invention, chosen to look
    like a consumer contact centre, not a measurement):

    1. Each customer contacted the company by phone (50 %), chat (30 %) or email (20 %).
    2. The contact resolved their problem with chance 80 % (phone), 70 % (chat) or 60 % (email).
    3. Their satisfaction, 1 to 5, has shares 2, 4, 10, 44, 40 % if resolved and 20, 25, 25, 22,
       8 % if not.
    4. Their answer to "how likely are you to recommend us?", 0 to 10, is a normal number with mean
       2.5, 4.5, 6.5, 8.0 or 9.3 for satisfaction 1 to 5 and standard deviation 1.3, rounded and
       kept within 0-10.
    5. Everyone is invited to the survey: phone customers at the end of the call, the others by
       email afterwards. A customer answers with the U-shaped chance of
       :func:`cxlib.surveys.response_propensity` (extremity 0.8: the very pleased and the very
       annoyed answer more). Its base, the chance for a customer with satisfaction 3 whose problem
       was not resolved, is 25 % for phone, 15 % for chat and 10 % for email; a resolved problem
       adds 0.8 on the logit scale (it more than doubles the odds of answering).
       ``response_probability`` holds each customer's chance, which a real survey would have to
       estimate.
    6. Whether they are still a customer a year later follows the loyalty curve
       (:func:`cxlib.surveys.loyalty_curve`) for their satisfaction, in a market with the given
       ``competition``.

    :func:`survey_truth` gives the process's exact population values.

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        The same seed always gives the same table.
    customers : int, default 6,000
        How many customers were invited.
    competition : float, default 1.0
        The market for the ``stayed`` column (see :func:`cxlib.surveys.loyalty_curve`).

    Returns
    -------
    SurveyResponses

    Examples
    --------
    >>> s = survey_responses(seed=2027)
    >>> len(s), len(s.respondents()) == int(s.responded.sum())
    (6000, True)
    >>> s.to_frame().columns.tolist()[:4]
    ['customer', 'channel', 'resolved', 'csat']
    >>> survey_responses(seed=1, customers=0)
    Traceback (most recent call last):
    ...
    ValueError: customers must be a positive integer, got 0
    """
    n = _checks.positive_int("customers", customers)
    curve = loyalty_curve(competition)
    g = streams(seed, ["channel", "resolved", "csat", "recommend", "respond", "stay"])
    ch = g["channel"].choice(len(CHANNELS), size=n, p=_CHANNEL_SHARE)
    resolved = g["resolved"].random(n) < np.asarray(_RESOLVED)[ch]
    u = g["csat"].random(n)
    cum = np.where(resolved[:, None], np.cumsum(_CSAT_RESOLVED), np.cumsum(_CSAT_UNRESOLVED))
    csat = 1 + np.minimum((u[:, None] >= cum).sum(axis=1), 4)
    centre = np.asarray(_RECOMMEND_MEAN)[csat - 1]
    recommend = np.clip(np.round(g["recommend"].normal(centre, _RECOMMEND_SD)), 0, 10)
    prob = np.empty(n)
    for k in range(len(CHANNELS)):
        for r in (False, True):
            mine = (ch == k) & (resolved == r)
            if mine.any():
                prob[mine] = response_propensity(csat[mine], base=_base(k, r),
                                                 extremity=_EXTREMITY)
    responded = g["respond"].random(n) < prob
    stayed = g["stay"].random(n) < curve.at(csat)
    return SurveyResponses(np.arange(n), np.asarray(CHANNELS)[ch], resolved,
                           csat.astype(np.int64), recommend.astype(np.int64), prob, responded,
                           stayed, curve.competition)


@dataclass(frozen=True, repr=False)
class SurveyTruth(Result):
    """The exact values behind :func:`survey_responses` (no sampling noise).

    Attributes
    ----------
    csat, top_box, mean, nps, retention : float
        Over **all** customers: share of 4-5, share of 5s, mean satisfaction, NPS (-100 to
        100), share still a customer a year later.
    response_rate : float
        The share of customers who answer.
    respondent_csat, respondent_nps : float
        What a very large survey of those who answer reports: the truth plus non-response bias.
    csat_by_channel : dict of str to float
        CSAT of all customers of each channel.

    Examples
    --------
    >>> round(survey_truth().nps, 1), round(survey_truth().respondent_nps, 1)
    (9.0, 21.5)
    """

    csat: float
    top_box: float
    mean: float
    nps: float
    retention: float
    response_rate: float
    respondent_csat: float
    respondent_nps: float
    csat_by_channel: dict


def _recommend_given_csat() -> np.ndarray:
    """P(recommend = k | satisfaction = s), shape (5, 11): rounded normal, ends clipped."""
    from scipy import stats

    edges = np.concatenate([[-np.inf], np.arange(0.5, 10.5, 1.0), [np.inf]])
    cdf = stats.norm.cdf((edges[None, :] - np.asarray(_RECOMMEND_MEAN)[:, None]) / _RECOMMEND_SD)
    return np.diff(cdf, axis=1)


def survey_truth(competition: float = 1.0) -> SurveyTruth:
    """The population values of :func:`survey_responses`, computed exactly from its process.

    Parameters
    ----------
    competition : float, default 1.0
        The market, for ``retention``.

    Returns
    -------
    SurveyTruth

    Examples
    --------
    >>> t = survey_truth()
    >>> round(t.csat, 4), round(t.top_box, 4)
    (0.6942, 0.3136)
    >>> round(t.respondent_csat - t.csat, 3)     # the non-response bias of CSAT
    0.082
    """
    curve = loyalty_curve(competition)
    scores = np.arange(1, 6)
    rec = _recommend_given_csat()
    net = (np.arange(11) >= 9).astype(float) - (np.arange(11) <= 6).astype(float)
    net_by_score = rec @ net                                   # E[promoter - detractor | s]
    total = np.zeros(5)                                        # P(s) over all customers
    answering = np.zeros(5)                                    # P(s and answers)
    by_channel = {}
    for k, name in enumerate(CHANNELS):
        p_s = (_RESOLVED[k] * np.asarray(_CSAT_RESOLVED)
               + (1 - _RESOLVED[k]) * np.asarray(_CSAT_UNRESOLVED))
        by_channel[name] = float(p_s[3] + p_s[4])
        total += _CHANNEL_SHARE[k] * p_s
        for r, dist in ((True, _CSAT_RESOLVED), (False, _CSAT_UNRESOLVED)):
            share = _CHANNEL_SHARE[k] * (_RESOLVED[k] if r else 1 - _RESOLVED[k])
            answering += share * np.asarray(dist) * response_propensity(
                scores, base=_base(k, r), extremity=_EXTREMITY)
    rate = float(answering.sum())
    q = answering / rate
    return SurveyTruth(
        float(total[3] + total[4]), float(total[4]), float(total @ scores),
        float(100 * total @ net_by_score), float(total @ curve.retention), rate,
        float(q[3] + q[4]), float(100 * q @ net_by_score), by_channel,
    )
