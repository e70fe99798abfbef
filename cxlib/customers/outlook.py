r"""The whole picture in one call: the customer base over time, retention and value.

=================================================  ===============================================
question                                           function
=================================================  ===============================================
With this churn, these differences between         :func:`customer_outlook`
customers, this acquisition and word of mouth
and this service quality: how does the customer
base grow, how does retention change with tenure,
and what is a new customer worth?
=================================================  ===============================================

It exists so that the lesson's explorer makes one model call per slider move. It combines
:func:`~cxlib.customers.churn_with_service` (the illustrative service lever),
:func:`~cxlib.customers.customer_flow` (a mean-field approximation when there is word of
mouth), the sBG model (or constant churn when customers do not differ) and its lifetime value,
next to the value a constant-churn model with the same churn for new customers would give, and
the ratio of positive to negative word of mouth over the horizon.

"The same churn" means the same chance of leaving in their first period for *new* customers
(the sBG mean churn :math:`\alpha/(\alpha+\beta)`). When customers differ, the churn a
manager sees in the whole base is lower, because the base holds survivors.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _checks
from .._results import Result
from .flow import CustomerFlow, customer_flow
from .retention import constant_churn, sbg
from .service import churn_with_service

__all__ = ["Outlook", "customer_outlook"]


@dataclass(frozen=True, repr=False)
class Outlook(Result):
    r"""The customer base, retention and value for one setting, from :func:`customer_outlook`.

    Attributes
    ----------
    flow : CustomerFlow
        Expected potential, existing and former customers over time.
    churn : float
        The churn of new customers per period (their mean chance of leaving in their first
        period) after the service lever.
    polarisation : float
        How much customers differ (0: not at all).
    tenure : numpy.ndarray of int
        1, 2, ..., periods.
    retention : numpy.ndarray
        Retention by tenure for these customers (sBG; flat when they do not differ).
    retention_constant : numpy.ndarray
        Retention if every customer had the mean churn: ``1 - churn`` throughout.
    value : float
        What a new customer is worth (sBG lifetime value, first margin now).
    value_constant : float
        The same with constant churn at the rate of new customers.
    talk_ratio : float
        Positive to negative word of mouth over the horizon,
        :math:`q \sum_t E_t / (v \sum_t F_t)` for :math:`t = 0, \dots, T-1`: how much more
        often customers recommend than former customers warn (``inf`` without negative word of
        mouth, ``nan`` when nobody talks).

    Examples
    --------
    >>> o = customer_outlook(market=1000, periods=12, innovation=0.01, word_of_mouth=0.05,
    ...                      churn=0.04, polarisation=0.0, quality=1.0)
    >>> o.churn, o.value == o.value_constant   # perfect service halves churn (illustrative)
    (0.02, True)
    """

    flow: CustomerFlow
    churn: float
    polarisation: float
    tenure: np.ndarray
    retention: np.ndarray
    retention_constant: np.ndarray
    value: float
    value_constant: float
    talk_ratio: float


def _talk_ratio(flow: CustomerFlow, word_of_mouth: float, negative: float) -> float:
    positive = word_of_mouth * float(np.sum(flow.existing[:-1]))
    against = negative * float(np.sum(flow.former[:-1]))
    if against > 0:
        return positive / against
    return float("inf") if positive > 0 else float("nan")


def customer_outlook(*, market: int, periods: int, innovation: float, word_of_mouth: float,
                     churn: float, polarisation: float, negative_word_of_mouth: float = 0.0,
                     existing: int = 0, quality: float = 0.5, margin: float = 1.0,
                     discount: float = 0.0, reference: float = 0.5) -> Outlook:
    """The customer base over ``periods``, retention by tenure and a new customer's value.

    Parameters
    ----------
    market, periods, innovation, word_of_mouth, negative_word_of_mouth, existing
        As in :func:`~cxlib.customers.customer_flow`.
    churn : float
        Churn of new customers per period (their mean chance of leaving in their first period)
        at today's service quality, ``reference``.
    polarisation : float
        How much customers differ in churn, from 0 (not at all) up to 1.
    quality : float, default 0.5
        Service quality from 0 to 1; it moves churn through the illustrative lever
        :func:`~cxlib.customers.churn_with_service`.
    margin : float, default 1
        Margin per customer per period, for the value.
    discount : float, default 0
        Discount rate per period.
    reference : float, default 0.5
        Today's quality score, at which churn is ``churn`` (the lesson's explorer uses 0.85,
        the score of lesson 01's section 7).

    Examples
    --------
    >>> o = customer_outlook(market=10_000, periods=36, innovation=0.0025,
    ...                      word_of_mouth=0.03, churn=0.03, polarisation=0.3, margin=20,
    ...                      discount=0.01)
    >>> bool(o.value > o.value_constant), bool(o.retention[-1] > o.retention[0])
    (True, True)
    >>> o = customer_outlook(market=10_000, periods=36, innovation=0.0025,
    ...                      word_of_mouth=0.032, churn=0.03, polarisation=0.0,
    ...                      negative_word_of_mouth=0.02, existing=2000, quality=0.95,
    ...                      reference=0.85)
    >>> round(o.churn, 4), round(o.talk_ratio, 2)
    (0.027, 3.34)
    """
    c = churn_with_service(churn, quality, reference=reference)
    phi = _checks.share("polarisation", polarisation, zero=True, one=False)
    flow = customer_flow(market=market, periods=periods, innovation=innovation,
                         word_of_mouth=word_of_mouth, churn=c, polarisation=phi,
                         negative_word_of_mouth=negative_word_of_mouth, existing=existing)
    tenure = np.arange(1, int(flow.period[-1]) + 1)
    flat = constant_churn(c)
    model = sbg(mean_churn=c, polarisation=phi) if phi > 0 and 0 < c < 1 else flat
    return Outlook(flow, float(c), float(phi), tenure, np.asarray(model.retention(tenure)),
                   np.asarray(flat.retention(tenure)),
                   float(model.lifetime_value(margin, discount)),
                   float(flat.lifetime_value(margin, discount)),
                   _talk_ratio(flow, word_of_mouth, negative_word_of_mouth))
