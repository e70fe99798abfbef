r"""What a customer is worth: customer lifetime value (CLV) with a constant retention rate.

=================================================  ===============================================
question                                           function
=================================================  ===============================================
What is a customer worth, in closed form?          :func:`lifetime_value` (the course's one home
                                                   for CLV: other lessons import it)
What does each period add, term by term?           :func:`discounted_margins` (the sum behind it)
=================================================  ===============================================

A customer brings a margin :math:`m` each period while active, stays each period with
probability :math:`r` (the retention rate) and future money is discounted at :math:`d` per
period. Then

.. math:: \mathrm{CLV} = \sum_{t=t_0}^{\infty} \frac{m\, r^t}{(1+d)^t}

where :math:`t_0`, the keyword ``first_margin_at``, says when the first margin comes:

* ``first_margin_at=0`` (the default): a margin now, from the customer just acquired, then one
  each period they stay: :math:`\mathrm{CLV} = m (1 + d)/(1 + d - r)`. This is the timing of a
  subscription paid at the start of each period, and of the sBG and Markov-chain values in this
  package;
* ``first_margin_at=1``: the first margin one period from now, if the customer is still there:
  :math:`\mathrm{CLV} = m\, r/(1 + d - r)`, the "margin multiple" of Gupta and Lehmann (2003).

The two differ by exactly one margin. Both are exact sums of a geometric series (not
approximations); with a finite horizon of ``periods`` margins the sum is
:math:`m\,x^{t_0} (1 - x^H)/(1 - x)` with :math:`x = r/(1+d)`. Without a discount and with
``first_margin_at=0`` the value is :math:`m/(1 - r)`: the margin times the expected tenure
:math:`1/(1-r)`, so halving the churn doubles an undiscounted value. Reichheld and Sasser
(1990) use this arithmetic themselves (10 % defection, a ten-year average life); Sharp's
critique ("Loyalty myths") is that their famous profit figures are built on it.

References
----------
Reichheld, F. F. and Sasser, W. E. (1990). Zero defections: quality comes to services.
*Harvard Business Review* 68(5), 105-111.

Sharp, B. Loyalty myths: a 5 % drop in defections does not result in 80 %+ increase in
profits. Essay, marketingscience.info.

Gupta, S. and Lehmann, D. R. (2003). Customers as assets. *Journal of Interactive Marketing*
17(1), 9-24.

Fader, P. S. and Hardie, B. G. S. (2012). Reconciling and clarifying CLV formulas. Note,
brucehardie.com/notes/024 (the timing conventions and why they differ by one margin).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _checks
from ._common import check_discount, check_first_margin_at

__all__ = ["lifetime_value", "discounted_margins"]


def _inputs(margin: Any, retention: Any, discount: Any, first_margin_at: Any):
    m = _checks.number("margin", margin)
    r = _checks.share("retention", retention, zero=True, one=False)
    d = check_discount(discount)
    first = check_first_margin_at(first_margin_at)
    m_, r_, d_ = _checks.broadcast(("margin", "retention", "discount"), m, r, d)
    return m_.astype(float), r_.astype(float), d_.astype(float), first


def lifetime_value(margin: Any, retention: Any, discount: Any, *, first_margin_at: int = 0,
                   periods: int | None = None) -> float | np.ndarray:
    r"""Customer lifetime value with a constant retention rate, in closed form.

    :math:`\sum_{t} m\, r^t / (1+d)^t` for :math:`t` from ``first_margin_at`` on: over all
    future periods (``periods=None``), or over ``periods`` margins. Broadcasts over arrays.

    Parameters
    ----------
    margin : float or array
        The margin a customer brings each period while active (any number; negative for a
        loss), in any currency.
    retention : float or array
        The chance that a customer active in one period is still active in the next, from 0 up
        to (but not including) 1. Retention is 1 minus churn.
    discount : float or array
        The discount rate per period, greater than -1: 0.01 for 1 % a month, 0.1 for 10 % a
        year, in the same period as ``retention``.
    first_margin_at : {0, 1}, default 0
        When the first margin comes: 0 for now (the margin of a customer just acquired counts
        in full), 1 for one period from now, if the customer stays (Gupta and Lehmann's margin
        multiple). The two values differ by exactly one margin.
    periods : int, optional
        Count only this many margins (a horizon); None (default) for all of them.

    Returns
    -------
    float or numpy.ndarray
        The expected discounted margin. ``inf`` (with the sign of the margin) when the sum
        does not converge, which needs ``retention >= 1 + discount``: a negative discount rate.

    Examples
    --------
    >>> lifetime_value(100, 0.8, 0.1)                      # 100 * 1.1 / 0.3
    366.6666666666667
    >>> round(lifetime_value(100, 0.8, 0.1, first_margin_at=1), 2)   # 100 * 0.8 / 0.3
    266.67
    >>> lifetime_value(100, [0.90, 0.95], 0.0).round(6)    # halve churn, double the value
    array([1000., 2000.])
    >>> lifetime_value(100, 1.2, 0.1)
    Traceback (most recent call last):
    ...
    ValueError: retention must be a number from 0 up to (but not including) 1, got 1.2
    """
    m, r, d, first = _inputs(margin, retention, discount, first_margin_at)
    x = r / (1.0 + d)
    if periods is None:
        with np.errstate(divide="ignore", invalid="ignore"):
            out = np.where(x < 1.0, m * x**first / (1.0 - x), np.sign(m) * np.inf)
    else:
        h = _checks.positive_int("periods", _checks.scalar("periods", periods,
                                                            where="lifetime_value"))
        with np.errstate(divide="ignore", invalid="ignore"):
            geometric = np.where(x == 1.0, float(h), (1.0 - x**h) / (1.0 - x))
        out = m * x**first * geometric
    return _checks.as_output(out, margin, retention, discount)


def discounted_margins(margin: Any, retention: Any, discount: Any, *, periods: int,
                       first_margin_at: int = 0) -> np.ndarray:
    r"""The terms of the CLV sum, one per period: :math:`m\, r^t / (1+d)^t`.

    Their sum is :func:`lifetime_value` with the same ``periods`` (and tends to the closed form
    as ``periods`` grows); their running total shows how fast it gets there.

    Parameters
    ----------
    margin, retention, discount : float
        As in :func:`lifetime_value`; single numbers.
    periods : int
        How many margins.
    first_margin_at : {0, 1}, default 0

    Returns
    -------
    numpy.ndarray
        ``periods`` terms, for :math:`t` = ``first_margin_at``, ``first_margin_at + 1``, ...

    Examples
    --------
    >>> discounted_margins(100, 0.8, 0.1, periods=3).round(2)
    array([100.  ,  72.73,  52.89])
    >>> round(float(discounted_margins(100, 0.8, 0.1, periods=200).sum()), 6)
    366.666667
    """
    for name, value in (("margin", margin), ("retention", retention), ("discount", discount)):
        _checks.scalar(name, value, where="discounted_margins")
    m, r, d, first = _inputs(margin, retention, discount, first_margin_at)
    h = _checks.positive_int("periods", periods)
    t = np.arange(first, first + h)
    return float(m) * (float(r) / (1.0 + float(d))) ** t
