"""Forecast uncertainty: averaging a queue measure over a random arrival rate (private).

A forecast says 200 calls an hour; the day brings 190 or 215. Brown et al. (2005) found the
day's rate itself random around its forecast. The course models the day's true rate as
gamma-distributed with the forecast as its mean and a coefficient of variation ``forecast_cv``,
and averages a measure over it:

.. math:: E[f(\\Lambda)] = \\int_0^\\infty f(\\lambda)\\, g(\\lambda)\\, d\\lambda,
          \\qquad \\Lambda \\sim \\mathrm{Gamma}(k = 1/\\mathrm{cv}^2,\\ \\theta = \\bar\\lambda\\,
          \\mathrm{cv}^2).

The integral is computed by adaptive quadrature (``scipy.integrate.quad``) between the gamma
law's 1e-15 and 1 - 1e-15 quantiles (what lies outside moves a measure between 0 and 1 by less
than 2e-15), with a break point where the queue turns unstable, at which the Erlang C measures
have a kink. The tests check it against mpmath's quadrature to 1e-9.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from .. import _checks

__all__: list[str] = []  # private: used by cxlib.queueing.erlang and .staffing

#: Tail probability left out at each end of the gamma law.
_TAIL = 1e-15


def check_cv(forecast_cv: float) -> float:
    """The forecast's coefficient of variation: 0 (no uncertainty) up to 1, one number."""
    _checks.scalar("forecast_cv", forecast_cv, where="the forecast uncertainty")
    cv = _checks.nonnegative("forecast_cv", forecast_cv)
    if cv > 1:
        raise ValueError(
            f"forecast_cv must be a number from 0 to 1 (a coefficient of variation: 0.05 for "
            f"5 %), got {_checks._describe(cv)}" + ("; did you mean "
                                                   f"{cv / 100:g}?" if 2 <= cv <= 100 else "")
        )
    return cv


def expected(f: Callable[[float], float], rate: float, cv: float,
             kink: float | None = None) -> float:
    """``E[f(L)]`` for a gamma-distributed rate ``L`` with mean ``rate`` and CV ``cv``.

    ``kink`` is a rate at which ``f`` bends (the stability limit ``agents / aht``).
    """
    if cv == 0.0 or rate == 0.0:
        return f(rate)
    from scipy import integrate, stats

    shape, scale = 1.0 / cv**2, rate * cv**2
    law = stats.gamma(shape, scale=scale)
    lo, hi = float(law.ppf(_TAIL)), float(law.isf(_TAIL))
    log_norm = math.lgamma(shape) + shape * math.log(scale)

    def integrand(lam: float) -> float:
        if lam <= 0.0:
            return 0.0
        return f(lam) * math.exp((shape - 1.0) * math.log(lam) - lam / scale - log_norm)

    points = [kink] if kink is not None and lo < kink < hi else None
    value, _ = integrate.quad(integrand, lo, hi, points=points, epsabs=1e-12, epsrel=1e-10,
                              limit=400)
    return value
