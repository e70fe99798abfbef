r"""An illustrative lever from service quality to churn.

=================================================  ===============================================
question                                           function
=================================================  ===============================================
How good is the experience, on the four factors    :func:`service_quality` (a weighted score
customers rank highest?                            from 0 to 1)
What churn would that quality bring?               :func:`churn_with_service`
=================================================  ===============================================

Frode Heimen ranks four factors of a great customer experience: a flawless product, delivery on
time (often in a partner's hands), the right products in the right amounts, and a good routine
for resolving problems; price barely makes the top ten. This module turns that ranking into a
number a model can use, **and the mapping is illustrative, not measured**:

* each factor is scored from 0 (always goes wrong) to 1 (always goes right), for example the
  share of orders delivered on time;
* the quality score is their weighted mean, with weights 4 : 3 : 2 : 1 following the ranking
  (:data:`FACTOR_WEIGHTS`); nobody has measured these weights;
* churn moves in a straight line with the quality score around a reference:
  :math:`c(q) = c_0 \, [1 - e\,(q - q_0)]`, so with the default effect :math:`e = 1` and
  reference :math:`q_0 = 0.5`, perfect service halves the churn and the worst service raises it
  by half.

Real links between service and churn are estimated from a firm's own data (complaints, delivery
records, who left); the shape and size here only make the model's levers visible.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .. import _checks

__all__ = ["FACTORS", "FACTOR_WEIGHTS", "service_quality", "churn_with_service"]

#: The four factors of a great experience, in the source's ranked order.
FACTORS: tuple[str, ...] = ("product", "delivery", "assortment", "resolution")

#: Illustrative weights following the ranking 4 : 3 : 2 : 1 (they sum to 1).
FACTOR_WEIGHTS: dict[str, float] = {"product": 0.4, "delivery": 0.3, "assortment": 0.2,
                                    "resolution": 0.1}


def service_quality(*, product: Any, delivery: Any, assortment: Any,
                    resolution: Any) -> float | np.ndarray:
    """A quality score from 0 to 1: the weighted mean of the four factors' scores.

    Parameters
    ----------
    product : float
        How often the product works as promised (0 to 1).
    delivery : float
        Share of orders delivered on time (0 to 1).
    assortment : float
        Share of orders with the right products in the right amounts (0 to 1).
    resolution : float
        Share of problems resolved well (0 to 1).

    Examples
    --------
    >>> round(service_quality(product=0.9, delivery=0.8, assortment=0.95, resolution=0.6), 3)
    0.85
    """
    scores = {"product": product, "delivery": delivery, "assortment": assortment,
              "resolution": resolution}
    checked = {k: _checks.unit_interval(k, v) for k, v in scores.items()}
    arrays = _checks.broadcast(FACTORS, *(checked[k] for k in FACTORS))
    out = sum(FACTOR_WEIGHTS[k] * a for k, a in zip(FACTORS, arrays))
    return _checks.as_output(out, *scores.values())


def churn_with_service(churn: Any, quality: Any, *, reference: float = 0.5,
                       effect: float = 1.0) -> float | np.ndarray:
    r"""Churn at a given service quality: :math:`c_0 [1 - e (q - q_0)]`, kept between 0 and 1.

    Illustrative (see the module notes): a straight line through today's churn at today's
    quality, not an estimate.

    Parameters
    ----------
    churn : float
        Churn per period at the reference quality (today's churn).
    quality : float
        The quality score, 0 to 1 (:func:`service_quality`).
    reference : float, default 0.5
        Today's quality score.
    effect : float, default 1
        How strongly churn follows quality: the share by which churn falls for each point of
        quality above the reference (1: quality 1 halves churn when the reference is 0.5).

    Examples
    --------
    >>> churn_with_service(0.04, 1.0), churn_with_service(0.04, 0.0)
    (0.02, 0.06)
    """
    c = _checks.unit_interval("churn", churn)
    q = _checks.unit_interval("quality", quality)
    q0 = _checks.unit_interval("reference", reference)
    e = _checks.nonnegative("effect", effect)
    c_, q_ = _checks.broadcast(("churn", "quality"), c, q)
    out = np.clip(c_ * (1.0 - e * (q_ - q0)), 0.0, 1.0)
    return _checks.as_output(out, churn, quality)
