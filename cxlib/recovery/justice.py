r"""The justice-theory layer: how satisfied is a complaining customer with the recovery?

Research on complaint handling finds that customers judge a recovery on three kinds of
fairness (Tax, Brown and Chandrashekaran, 1998; Smith, Bolton and Wagner, 1999):

* **distributive** justice: what they got, against what the failure cost them;
* **procedural** justice: how they got it: how fast, and through how many contacts;
* **interactional** justice: how they were treated: courtesy, and an honest explanation.

The model scores each from 0 to 1 and adds them with weights :math:`w_D + w_P + w_I = 1`:

.. math::

    S = w_D\, D + w_P\, P + w_I\, I, \qquad
    D = \min(\text{remedy} / \text{stake}, 1), \qquad
    P = e^{-T/\tau}\,(1 - \rho)^{K - 1}, \qquad
    I = (\text{courtesy} + \text{explanation}) / 2,

with :math:`T` the working hours from the first contact to the resolution, :math:`K` the contacts,
:math:`\tau` the ``speed_scale`` and :math:`\rho` the ``repeat_penalty``. An unresolved complaint
has :math:`D = P = 0`. The scale is relative: :math:`S = 1` is the satisfaction the customer
would have had with no failure at all. That a flawless recovery only restores it holds *by
construction* (each score is capped at 1); the recovery paradox (an option of the model) is
what would lift it above 1.

The form is an **additive simplification inspired by** the research, not a model the studies
estimated. They find that all three kinds of fairness matter, but not equally, and not
independently: Smith, Bolton and Wagner (1999) found that customers value recovery resources
that *match* the kind and size of the failure (an interaction, which a sum cannot show);
a meta-analysis of 60 studies (Orsingher, Valentini and de Angelis, 2010) ranks distributive
justice first, then interactional, with procedural justice weak; another (Gelbrich and Roschk,
2011) finds that the cumulative satisfaction behind loyalty depends slightly more on
interactional than on distributive justice. The equal weights and the scales :math:`\tau` and
:math:`\rho` are illustrative, not estimates. :math:`\rho = 0.2` echoes SQM Group's
practitioner figure of a drop in satisfaction of about 15 % for each extra call.

References
----------
Tax, S. S., Brown, S. W. and Chandrashekaran, M. (1998). Customer evaluations of service
complaint experiences: implications for relationship marketing. *Journal of Marketing* 62(2),
60-76.

Smith, A. K., Bolton, R. N. and Wagner, J. (1999). A model of customer satisfaction with
service encounters involving failure and recovery. *Journal of Marketing Research* 36(3),
356-372.

Orsingher, C., Valentini, S. and de Angelis, M. (2010). A meta-analysis of satisfaction with
complaint handling in services. *Journal of the Academy of Marketing Science*,
doi:10.1007/s11747-009-0155-z.

Gelbrich, K. and Roschk, H. (2011). A meta-analysis of organizational complaint handling and
customer responses. *Journal of Service Research* 14(1), 24-43.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _checks

__all__ = ["procedural_justice", "recovery_satisfaction"]


def procedural_justice(hours: Any, contacts: Any, *, speed_scale: float = 8.0,
                       repeat_penalty: float = 0.2) -> float | np.ndarray:
    r"""Procedural justice of a recovery, from 0 to 1: fast and in one contact scores 1.

    .. math:: P = e^{-T/\tau}\,(1 - \rho)^{K - 1}

    Parameters
    ----------
    hours : float or array_like
        Working hours from the first contact to the resolution, :math:`T \ge 0`; ``inf`` for
        a complaint never resolved (which scores 0).
    contacts : int or array_like of int
        Contacts the customer needed, :math:`K \ge 1` (transfers count as contacts).
    speed_scale : float, default 8
        :math:`\tau`, in working hours: the score falls to :math:`1/e` after :math:`\tau`
        hours (one working day by default).
    repeat_penalty : float, default 0.2
        :math:`\rho`: the share of the score lost with each contact after the first.

    Returns
    -------
    float or numpy.ndarray

    Examples
    --------
    >>> procedural_justice(0, 1)
    1.0
    >>> procedural_justice([0, 8, 16], [1, 1, 2]).round(4)
    array([1.    , 0.3679, 0.1083])
    >>> procedural_justice(float("inf"), 3)
    0.0
    """
    t = _checks.nonnegative("hours", hours, allow_inf=True)
    k = _checks.positive_int("contacts", contacts)
    tau = _checks.positive("speed_scale", speed_scale)
    rho = _checks.unit_interval("repeat_penalty", repeat_penalty)
    t, k = _checks.broadcast(("hours", "contacts"), t, k)
    score = np.exp(-t / tau) * (1.0 - rho) ** (k - 1)
    return _checks.as_output(score, hours, contacts)


def recovery_satisfaction(distributive: Any, procedural: Any, interactional: Any, *,
                          weights: tuple[float, float, float] = (1 / 3, 1 / 3, 1 / 3)
                          ) -> float | np.ndarray:
    r"""Satisfaction with a recovery, :math:`S = w_D D + w_P P + w_I I`, relative to no failure.

    Parameters
    ----------
    distributive, procedural, interactional : float or array_like
        The three justice scores, each from 0 to 1 (see the module notes for how the model
        scores them).
    weights : three floats adding up to 1
        :math:`(w_D, w_P, w_I)`. Equal by default (illustrative).

    Returns
    -------
    float or numpy.ndarray
        From 0 to 1; 1 is the satisfaction of a customer who had no failure.

    Examples
    --------
    A full refund, at once, given rudely, against a slow but courteous one:

    >>> recovery_satisfaction(1.0, 1.0, 0.2)
    0.7333
    >>> round(recovery_satisfaction(1.0, 0.2, 1.0), 4)
    0.7333
    >>> recovery_satisfaction([1, 1], [1, 0.5], [1, 1], weights=(0.5, 0.3, 0.2))
    array([1.  , 0.85])
    >>> recovery_satisfaction(1, 1, 70)
    Traceback (most recent call last):
    ...
    ValueError: interactional must be a number from 0 to 1, got 70; did you mean 0.7?
    """
    from .scenario import _weights

    d = _checks.unit_interval("distributive", distributive)
    p = _checks.unit_interval("procedural", procedural)
    i = _checks.unit_interval("interactional", interactional)
    w_d, w_p, w_i = _weights(weights)
    d, p, i = _checks.broadcast(("distributive", "procedural", "interactional"), d, p, i)
    return _checks.as_output(w_d * d + w_p * p + w_i * i, distributive, procedural,
                             interactional)
