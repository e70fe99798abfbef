"""Callers' patience from a call log, where most patience is never seen.

=================================================  =========================================
question                                           function
=================================================  =========================================
How patient are our callers, judging by the log?   :func:`estimate_patience`
=================================================  =========================================

A caller who hangs up after 40 s shows their patience: 40 s. A caller answered after 15 s
shows only that their patience was *longer* than 15 s. The data are censored, so the average
wait of the callers who hung up is biased low: it sees only the impatient. For exponential
patience (the Erlang A assumption) the maximum-likelihood estimate uses every caller: the total
time callers spent waiting, over the number who hung up,

.. math:: \\hat{m} = \\frac{\\sum_i W_i}{\\#\\{\\text{hung up}\\}} = \\frac{E[W]}{P(\\text{abandon})},

because every second of waiting is a second in which a caller *could* have hung up (Brown et al.,
2005, estimate patience this way, and check the exponential assumption with the hazard).
"""

from __future__ import annotations

import math
from typing import Any

import numpy as np

from .. import _checks
from .._stats import Estimate, normal_estimate

__all__ = ["estimate_patience"]


def estimate_patience(wait: Any, abandoned: Any, *, confidence: float = 0.95) -> Estimate:
    """The callers' mean patience, estimated from waits and who hung up (censored data).

    Parameters
    ----------
    wait : array of float
        Each caller's time in queue: until answered, or until they hung up. NaN entries (calls
        with no record) are left out, with their ``abandoned`` entries.
    abandoned : array of bool
        True for the callers who hung up.
    confidence : float, default 0.95

    Returns
    -------
    Estimate
        The mean patience, in the time unit of ``wait``, with an interval from the
        large-sample standard error ``m / sqrt(d)`` (d callers who hung up): an approximation
        that needs a few dozen hang-ups to be trusted.

    Notes
    -----
    Exact (the maximum-likelihood estimate) when patience is exponential and independent of
    the wait; otherwise it estimates the mean of an exponential fit, which tells nothing about
    the very patient callers nobody kept waiting long enough to see.

    Examples
    --------
    >>> from cxlib.queueing import simulate
    >>> res = simulate(10, 1, 10, customers=20_000, patience=3, seed=2)
    >>> est = estimate_patience(res.wait, res.abandoned)
    >>> bool(est.low < 3 < est.high)
    True
    >>> naive = float(res.wait[res.abandoned].mean())   # only the impatient are seen
    >>> naive < 1.5
    True

    References
    ----------
    Brown, L. et al. (2005). Statistical analysis of a telephone call center: a queueing-science
    perspective. *Journal of the American Statistical Association* 100(469), 36-50.
    """
    try:
        w = np.atleast_1d(np.asarray(wait, dtype=float))
    except (TypeError, ValueError):
        raise TypeError(f"wait must be an array of waiting times, got {wait!r}") from None
    raw = np.atleast_1d(np.asarray(abandoned))
    if raw.dtype != bool:
        raise TypeError(f"abandoned must be an array of True/False, got {raw.dtype} values")
    if raw.shape != w.shape:
        raise ValueError(f"wait and abandoned must have the same shape, got {w.shape} and "
                         f"{raw.shape}")
    keep = ~np.isnan(w)
    w = _checks.nonnegative("wait", w[keep])
    hung_up = int(raw[keep].sum())
    if hung_up == 0:
        raise ValueError("no caller hung up: the log shows only that patience is longer than "
                         "every wait, so there is nothing to estimate it from")
    mean = float(np.sum(w)) / hung_up
    return normal_estimate(mean, mean / math.sqrt(hung_up), units=hung_up,
                           confidence=confidence, low=0.0)
