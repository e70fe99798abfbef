"""A complaint log with a known cause behind it: for tracking complaints for patterns.

=============================  ===========================================================
function                       what it gives
=============================  ===========================================================
:func:`complaint_log`          a seeded quarter of complaints at an online retailer: week,
                               category, depot, channel and money at stake
:func:`complaint_shares`       the expected share of each category (the truth behind the log)
=============================  ===========================================================

**How the log is made (its root-cause structure).** Each week's complaints come from three
independent Poisson streams, so a Pareto analysis of the categories has something to find:

1. *Everyday problems* (30 % of complaints on average), spread over all ten categories in fixed
   shares and over the three depots in proportion to the orders they ship (North 30 %, Central
   40 %, South 30 %).
2. *A carrier hand-over problem at the North depot* (48 %): parcels leave late or get damaged
   between the depot and the delivery partner. These complaints are all from North, 70 % "late
   delivery" and 30 % "damaged in transit". (Source 000: delivery is often in a partner's hands,
   and when the partner fails, the customer blames the company.)
3. *Refunds waiting for a supervisor's approval* (22 %): "refund delay" complaints, from every
   depot alike, because the cause is a policy, not a place. (Sources 000 and 002: an approval
   that takes days.)

So three categories (late delivery, refund delay, damaged in transit) make about three quarters
of all complaints, four make 80 %, and two of the three trace back to one depot. The log does
not record the cause: an analyst finds it by counting categories (a Pareto chart), then looking
at the rows behind the biggest bars (which depot?).

Money at stake is lognormal per category (coefficient of variation 0.8), with means from $10
("unhelpful staff") to $90 ("product fault").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from .. import _checks
from .._results import Table
from ..seeding import Seed, lognormal, streams
from .calls import CHANNELS as _CHANNELS

__all__ = ["COMPLAINT_CATEGORIES", "DEPOTS", "ComplaintLog", "complaint_log", "complaint_shares"]

#: The ten complaint categories of the synthetic log.
COMPLAINT_CATEGORIES = ("late delivery", "damaged in transit", "refund delay", "wrong item",
                        "missing item", "billing error", "hard to reach us", "unhelpful staff",
                        "product fault", "website problem")
#: The retailer's three depots.
DEPOTS = ("North", "Central", "South")

_DEPOT_SHARE = np.array([0.3, 0.4, 0.3])
_CHANNEL_SHARE = np.array([0.60, 0.15, 0.25])  # phone, chat, email (cxlib.data.CHANNELS order)
# Everyday problems: the share of each category (in COMPLAINT_CATEGORIES order).
_EVERYDAY = np.array([0.12, 0.06, 0.06, 0.14, 0.10, 0.13, 0.12, 0.08, 0.12, 0.07])
# Share of all complaints from each stream.
_STREAMS = {"everyday": 0.30, "carrier": 0.48, "approval": 0.22}
_CARRIER = {"late delivery": 0.7, "damaged in transit": 0.3}
_MEAN_STAKE = np.array([30, 85, 70, 45, 40, 35, 15, 10, 90, 20], dtype=float)
_STAKE_CV = 0.8


def complaint_shares() -> dict[str, float]:
    """The expected share of each category in :func:`complaint_log` (the process's truth).

    >>> s = complaint_shares()
    >>> round(s["late delivery"], 3), round(sum(s.values()), 12)
    (0.372, 1.0)
    """
    shares = _STREAMS["everyday"] * _EVERYDAY
    cat = {c: i for i, c in enumerate(COMPLAINT_CATEGORIES)}
    for name, share in _CARRIER.items():
        shares[cat[name]] += _STREAMS["carrier"] * share
    shares[cat["refund delay"]] += _STREAMS["approval"]
    return {c: float(s) for c, s in zip(COMPLAINT_CATEGORIES, shares)}


@dataclass(frozen=True, repr=False)
class ComplaintLog(Table):
    """A log of complaints, one row each (``to_frame()`` gives a pandas DataFrame).

    Attributes
    ----------
    week : numpy.ndarray of int
        The week the complaint came in (1 to ``weeks``).
    category : numpy.ndarray of str
        One of :data:`COMPLAINT_CATEGORIES`.
    depot : numpy.ndarray of str
        The depot that shipped the order: one of :data:`DEPOTS`.
    channel : numpy.ndarray of str
        ``"phone"``, ``"chat"`` or ``"email"``.
    stake : numpy.ndarray of float
        Money at stake for the customer, in dollars.
    weeks : int
        How many weeks the log covers.

    Examples
    --------
    >>> log = complaint_log(seed=1)
    >>> log.to_frame().groupby("depot").size().index.tolist()
    ['Central', 'North', 'South']
    """

    week: np.ndarray
    category: np.ndarray
    depot: np.ndarray
    channel: np.ndarray
    stake: np.ndarray
    weeks: int

    def __repr__(self) -> str:
        return (f"ComplaintLog({len(self)} complaints over {self.weeks} weeks; columns week, "
                "category, depot, channel, stake)")


def complaint_log(seed: Seed = None, *, weeks: int = 13,
                  complaints_per_week: float = 80.0) -> ComplaintLog:
    """A seeded log of complaints at an online retailer, with a known root-cause structure.

    See the module notes for the three streams behind it. Each week's count from each stream
    is Poisson; categories, depots, channels and stakes are drawn per complaint.

    Parameters
    ----------
    seed : int, numpy.random.Generator or None
        The same seed gives the same log.
    weeks : int, default 13
        A quarter.
    complaints_per_week : float, default 80
        The expected number of complaints per week, all streams together.

    Returns
    -------
    ComplaintLog

    Examples
    --------
    >>> log = complaint_log(seed=2)
    >>> len(log) == len(complaint_log(seed=2)), log.weeks
    (True, 13)
    >>> log.to_frame().columns.tolist()
    ['week', 'category', 'depot', 'channel', 'stake']
    >>> complaint_log(seed=2, weeks=0)
    Traceback (most recent call last):
    ...
    ValueError: weeks must be a positive integer, got 0
    """
    weeks = _checks.positive_int("weeks", _checks.scalar("weeks", weeks, where="complaint_log"))
    rate = _checks.positive("complaints_per_week", _checks.scalar(
        "complaints_per_week", complaints_per_week, where="complaint_log"))
    if weeks > 520:
        raise ValueError(f"weeks must be at most 520 (ten years), got {weeks}")
    g = streams(seed, ["count", "category", "depot", "channel", "stake", "order"])
    counts = g["count"].poisson(rate * np.array(list(_STREAMS.values())), size=(weeks, 3))
    week = np.repeat(np.tile(np.arange(1, weeks + 1)[:, None], 3).ravel(), counts.ravel())
    stream = np.repeat(np.tile(np.arange(3), weeks), counts.ravel())
    n = week.size
    cat = g["category"].choice(len(COMPLAINT_CATEGORIES), size=n, p=_EVERYDAY)
    carrier = g["category"].random(n) < _CARRIER["late delivery"]
    cat = np.where(stream == 1, np.where(carrier, 0, 1), np.where(stream == 2, 2, cat))
    depot = g["depot"].choice(3, size=n, p=_DEPOT_SHARE)
    depot = np.where(stream == 1, 0, depot)
    channel = g["channel"].choice(3, size=n, p=_CHANNEL_SHARE)
    stake = np.empty(n)
    for i, mean in enumerate(_MEAN_STAKE):
        mask = cat == i
        stake[mask] = lognormal(g["stake"], mean, _STAKE_CV, int(mask.sum()))
    # Within a week the rows come in random order, as complaints do.
    order = np.lexsort((g["order"].random(n), week))
    return ComplaintLog(week[order], np.array(COMPLAINT_CATEGORIES)[cat[order]],
                        np.array(DEPOTS)[depot[order]], np.array(_CHANNELS)[channel[order]],
                        np.round(stake[order], 2), weeks)
