r"""How long customers stay: constant churn, and the shifted-beta-geometric (sBG) model.

=================================================  ===============================================
question                                           function
=================================================  ===============================================
What if every customer has the same churn?         :func:`constant_churn`, fitted by
                                                   :func:`fit_constant_churn`
What if customers differ in how likely they are    :func:`sbg`, fitted to a cohort by
to leave?                                          :func:`fit_sbg` (maximum likelihood)
What share of a cohort is left after ``t``         ``model.survival(t)``
periods?
What share of those left stays one more period?    ``model.retention(t)``
How many periods, discounted, does a customer      ``model.expected_lifetime(discount, tenure=)``
still have?
=================================================  ===============================================

**The sBG model** (Fader and Hardie, 2007). Each customer has a fixed chance :math:`\theta` of
leaving at the end of every period (a *geometric* lifetime, "shifted" to start at 1). That chance
differs from customer to customer, following a beta distribution with parameters
:math:`\alpha, \beta > 0`. Then, exactly:

* survival, the share still active after :math:`t` periods:
  :math:`S(t) = B(\alpha, \beta + t) / B(\alpha, \beta)`;
* retention, the share of those active after :math:`t-1` periods who stay through period
  :math:`t`: :math:`r(t) = (\beta + t - 1)/(\alpha + \beta + t - 1)`, which **rises with**
  :math:`t` although no customer's own chance ever changes: the likely leavers leave first;
* the chance of leaving in period :math:`t`:
  :math:`P(T = t) = B(\alpha + 1, \beta + t - 1)/B(\alpha, \beta)`;
* the discounted expected lifetime of a customer active at tenure :math:`\tau`, counting the
  current period in full:
  :math:`\sum_{k \ge 0} S_\tau(k)/(1+d)^k = {}_2F_1(1, \beta+\tau; \alpha+\beta+\tau; 1/(1+d))`,
  because those who survived :math:`\tau` periods have :math:`\theta \sim
  \mathrm{Beta}(\alpha, \beta + \tau)` (Fader and Hardie, 2010).

The beta distribution can also be described by the mean churn :math:`\mu = \alpha/(\alpha +
\beta)` and the polarisation :math:`\phi = 1/(\alpha + \beta + 1)`, from 0 (everyone has the
same churn: constant churn) towards 1 (customers split into near-certain leavers and near-certain
stayers).

**Constant churn** is the special case with no differences: :math:`S(t) = (1 - c)^t` and
:math:`r(t) = 1 - c`. Its maximum-likelihood fit to a cohort is exact: customers lost over
customer-periods at risk.

References
----------
Fader, P. S. and Hardie, B. G. S. (2007). How to project customer retention. *Journal of
Interactive Marketing* 21(1), 76-90.

Fader, P. S. and Hardie, B. G. S. (2010). Customer-base valuation in a contractual setting: the
perils of ignoring heterogeneity. *Marketing Science* 29(1), 85-93.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import optimize, special

from .. import _checks
from .._results import Result
from ._common import check_discount, check_first_margin_at, check_survivors

__all__ = [
    "SBG",
    "SBGFit",
    "ConstantChurn",
    "ConstantChurnFit",
    "sbg",
    "constant_churn",
    "fit_sbg",
    "fit_constant_churn",
]

#: The fit keeps alpha and beta within these bounds. At the upper end the beta distribution is
#: so narrow that the sBG model is constant churn for any practical purpose.
_BOUNDS = (1e-6, 1e7)


def _tenure(t: Any, name: str = "t", low: int = 0) -> float | np.ndarray:
    value = _checks.nonnegative(name, t)
    if np.any(np.asarray(value) < low):
        raise ValueError(f"{name} must be at least {low}: retention in period t is the share of "
                         "those active after t - 1 periods who stay through period t, got "
                         f"{_checks._describe(np.min(value))}")
    return value


@dataclass(frozen=True, repr=False)
class SBG(Result):
    """The shifted-beta-geometric model of retention, from :func:`sbg` or :func:`fit_sbg`.

    Attributes
    ----------
    alpha, beta : float
        The beta distribution of the customers' chances of leaving per period.
    """

    alpha: float
    beta: float

    @property
    def mean_churn(self) -> float:
        """The average chance of leaving in a period across new customers, alpha/(alpha+beta)."""
        return self.alpha / (self.alpha + self.beta)

    @property
    def polarisation(self) -> float:
        """1/(alpha + beta + 1): 0 when everyone has the same churn, towards 1 when they split.

        >>> round(sbg(mean_churn=0.2, polarisation=0.25).polarisation, 12)
        0.25
        """
        return 1.0 / (self.alpha + self.beta + 1.0)

    def survival(self, t: Any) -> float | np.ndarray:
        """Share of a new cohort still active after ``t`` periods, B(a, b + t) / B(a, b).

        >>> m = sbg(alpha=0.704, beta=1.182)
        >>> round(m.survival(1), 4), round(m.survival(7), 4)
        (0.6267, 0.2391)
        """
        t = _tenure(t)
        return _checks.as_output(_survival(self.alpha, self.beta, np.asarray(t)), t)

    def retention(self, t: Any) -> float | np.ndarray:
        """Share of those active after ``t - 1`` periods who stay through period ``t`` (t >= 1).

        (beta + t - 1) / (alpha + beta + t - 1): it rises with ``t``.

        >>> m = sbg(alpha=0.704, beta=1.182)
        >>> [round(m.retention(t), 3) for t in (1, 2, 7)]
        [0.627, 0.756, 0.911]
        """
        t = _tenure(t, low=1)
        out = (self.beta + np.asarray(t) - 1.0) / (self.alpha + self.beta + np.asarray(t) - 1.0)
        return _checks.as_output(out, t)

    def leave_probability(self, t: Any) -> float | np.ndarray:
        """Chance that a new customer leaves in period ``t`` and not before (t >= 1).

        >>> round(sbg(alpha=1.0, beta=1.0).leave_probability(1), 4)
        0.5
        """
        t = np.asarray(_tenure(t, low=1))
        out = _survival(self.alpha, self.beta, t - 1.0) * self.alpha / (
            self.alpha + self.beta + t - 1.0)
        return _checks.as_output(out, t)

    def expected_lifetime(self, discount: Any = 0.0, *, tenure: Any = 0) -> float | np.ndarray:
        """Expected number of periods still to come, discounted, for a customer active now.

        ``2F1(1, beta + tenure; alpha + beta + tenure; 1 / (1 + discount))``: the current period
        counts as 1, the next as its survival chance over ``1 + discount``, and so on. Without a
        discount it is ``(alpha + beta + tenure - 1) / (alpha - 1)``, infinite when ``alpha <=
        1``: then enough customers almost never leave to make the average lifetime endless.

        Parameters
        ----------
        discount : float, default 0
            Discount rate per period, greater than -1.
        tenure : int, default 0
            Periods the customer has already stayed (0 for a new customer).

        Examples
        --------
        >>> m = sbg(alpha=0.668, beta=3.806)
        >>> round(m.expected_lifetime(0.1), 3), round(m.expected_lifetime(0.1, tenure=7), 3)
        (5.923, 7.845)
        """
        d = check_discount(discount)
        tau = _checks.nonnegative("tenure", tenure)
        a = np.asarray(self.alpha, dtype=float)
        b = self.beta + np.asarray(tau, dtype=float)
        z = 1.0 / (1.0 + np.asarray(d, dtype=float))
        with np.errstate(divide="ignore", invalid="ignore"):
            at_one = np.where(a > 1.0, (a + b - 1.0) / (a - 1.0), np.inf)
            out = np.where(z < 1.0, special.hyp2f1(1.0, b, a + b, np.minimum(z, 1.0 - 1e-16)),
                           at_one)
        if np.any(z > 1.0):  # a negative discount rate: the series may still converge
            out = np.where(z > 1.0, _series(self.alpha, b, z), out)
        return _checks.as_output(out, discount, tenure)

    def lifetime_value(self, margin: Any, discount: Any, *, tenure: Any = 0,
                       first_margin_at: int = 0) -> float | np.ndarray:
        """Expected discounted margin of a customer active now (sBG customer lifetime value).

        ``margin * expected_lifetime(discount, tenure=tenure)``, less one margin when
        ``first_margin_at=1`` (the margin of the current period is not counted). The timing is
        that of :func:`cxlib.customers.lifetime_value`.

        >>> m = sbg(alpha=0.668, beta=3.806)
        >>> round(m.lifetime_value(100, 0.1), 1)
        592.3
        """
        first = check_first_margin_at(first_margin_at)
        m = _checks.number("margin", margin)
        out = np.asarray(m) * (np.asarray(self.expected_lifetime(discount, tenure=tenure)) - first)
        return _checks.as_output(out, margin, discount, tenure)


def _survival(alpha: float, beta: float, t: np.ndarray) -> np.ndarray:
    """S(t) = B(alpha, beta + t) / B(alpha, beta).

    For whole numbers of periods it is the running product of (beta + k)/(alpha + beta + k),
    k < t, which stays accurate when alpha and beta are huge (nearly constant churn), where
    the difference of log-beta functions loses digits; other ``t`` use the log-beta form.
    """
    t = np.asarray(t, dtype=float)
    whole = np.all(t == np.round(t)) and (t.size == 0 or t.max() <= 1_000_000)
    if whole:
        k = np.arange(int(t.max()) if t.size else 0)
        ratios = (beta + k) / (alpha + beta + k)
        running = np.concatenate([[1.0], np.cumprod(ratios)])
        return running[t.astype(np.int64)]
    return np.exp(special.betaln(alpha, beta + t) - special.betaln(alpha, beta))


def _series(alpha: float, beta: np.ndarray, z: np.ndarray) -> np.ndarray:
    """Direct sum of S(k) z**k for z > 1 (negative discount), up to 1e6 terms, else inf."""
    out = []
    for b, zz in np.broadcast(np.atleast_1d(beta), np.atleast_1d(z)):
        total, term, k = 0.0, 1.0, 0
        while term > 1e-16 * max(total, 1.0) and k < 1_000_000:
            total += term
            term *= zz * (b + k) / (alpha + b + k)
            k += 1
        out.append(total if k < 1_000_000 else math.inf)
    return np.array(out).reshape(np.broadcast(beta, z).shape)


def sbg(*, alpha: float | None = None, beta: float | None = None,
        mean_churn: float | None = None, polarisation: float | None = None) -> SBG:
    """An sBG model from ``alpha`` and ``beta``, or from the mean churn and the polarisation.

    ``alpha = mean_churn * (1 - polarisation) / polarisation`` and ``beta = (1 - mean_churn) *
    (1 - polarisation) / polarisation``.

    Examples
    --------
    >>> sbg(alpha=0.704, beta=1.182)
    SBG(alpha=0.704, beta=1.182)
    >>> m = sbg(mean_churn=0.1, polarisation=0.2)
    >>> round(m.alpha, 6), round(m.beta, 6)
    (0.4, 3.6)
    """
    if alpha is not None or beta is not None:
        if alpha is None or beta is None or mean_churn is not None or polarisation is not None:
            raise TypeError("give either alpha and beta, or mean_churn and polarisation")
        return SBG(_checks.positive("alpha", _checks.scalar("alpha", alpha, where="sbg")),
                   _checks.positive("beta", _checks.scalar("beta", beta, where="sbg")))
    if mean_churn is None or polarisation is None:
        raise TypeError("give either alpha and beta, or mean_churn and polarisation")
    mu = _checks.open_unit("mean_churn", _checks.scalar("mean_churn", mean_churn, where="sbg"))
    phi = _checks.open_unit("polarisation", _checks.scalar("polarisation", polarisation,
                                                          where="sbg"))
    size = (1.0 - phi) / phi
    return SBG(mu * size, (1.0 - mu) * size)


@dataclass(frozen=True, repr=False)
class ConstantChurn(Result):
    """Every customer leaves with the same chance ``churn`` each period.

    Attributes
    ----------
    churn : float
        The chance of leaving per period.
    """

    churn: float

    def survival(self, t: Any) -> float | np.ndarray:
        """Share of a new cohort still active after ``t`` periods, ``(1 - churn) ** t``.

        >>> constant_churn(0.2).survival(2)
        0.64
        """
        t = _tenure(t)
        return _checks.as_output((1.0 - self.churn) ** np.asarray(t), t)

    def retention(self, t: Any) -> float | np.ndarray:
        """Share of those active after ``t - 1`` periods who stay through period ``t``: always
        ``1 - churn``.

        >>> constant_churn(0.2).retention([1, 5]).tolist()
        [0.8, 0.8]
        """
        t = _tenure(t, low=1)
        return _checks.as_output(np.full(np.shape(t), 1.0 - self.churn), t)

    def expected_lifetime(self, discount: Any = 0.0, *, tenure: Any = 0) -> float | np.ndarray:
        """Expected periods still to come, discounted, counting the current one: (1+d)/(d+c).

        The same at every ``tenure``: with constant churn, staying long tells nothing.

        >>> round(constant_churn(0.2).expected_lifetime(0.1), 4)
        3.6667
        """
        d = np.asarray(check_discount(discount), dtype=float)
        _checks.nonnegative("tenure", tenure)
        with np.errstate(divide="ignore"):
            out = np.where(d + self.churn > 0, (1.0 + d) / (d + self.churn), np.inf)
        return _checks.as_output(out + 0.0 * np.asarray(tenure), discount, tenure)

    def lifetime_value(self, margin: Any, discount: Any, *, tenure: Any = 0,
                       first_margin_at: int = 0) -> float | np.ndarray:
        """Expected discounted margin of a customer active now, with constant churn.

        The same as :func:`cxlib.customers.lifetime_value` with ``retention = 1 - churn``.

        >>> round(constant_churn(0.2).lifetime_value(100, 0.1), 2)
        366.67
        """
        first = check_first_margin_at(first_margin_at)
        m = _checks.number("margin", margin)
        out = np.asarray(m) * (np.asarray(self.expected_lifetime(discount, tenure=tenure)) - first)
        return _checks.as_output(out, margin, discount, tenure)


def constant_churn(churn: float) -> ConstantChurn:
    """The constant-churn model: every customer leaves with chance ``churn`` each period.

    >>> constant_churn(0.25).survival(3)
    0.421875
    """
    c = _checks.unit_interval("churn", _checks.scalar("churn", churn, where="constant_churn"))
    return ConstantChurn(c)


class _FittedCohort:
    """What a model fitted to one cohort's counts adds: the cohort's size and the survivors the
    model expects of it. The fitted classes below set ``survivors``; ``survival`` is the model's.
    """

    survivors: np.ndarray

    @property
    def cohort_size(self) -> float:
        """The size of the cohort fitted (the first count)."""
        return float(self.survivors[0])

    def expected_survivors(self, periods: int) -> np.ndarray:
        """Expected number still active after 0, 1, ..., ``periods`` periods.

        >>> fit_sbg([1000, 631, 468, 382]).expected_survivors(3).round(0).tolist()
        [1000.0, 630.0, 471.0, 382.0]
        """
        n = _checks.nonnegative_int("periods", periods)
        return self.cohort_size * np.asarray(self.survival(np.arange(n + 1)))


@dataclass(frozen=True, repr=False)
class SBGFit(_FittedCohort, SBG):
    """An sBG model fitted to a cohort by :func:`fit_sbg`.

    Attributes
    ----------
    alpha, beta : float
        The maximum-likelihood estimates.
    log_likelihood : float
        The maximised log-likelihood (of the counts as given).
    survivors : numpy.ndarray
        The counts fitted: the cohort's size, then those active after each period.

    Examples
    --------
    >>> fit = fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> fit.expected_survivors(12)[-1].round(0)
    np.float64(170.0)
    """

    log_likelihood: float
    survivors: np.ndarray


@dataclass(frozen=True, repr=False)
class ConstantChurnFit(_FittedCohort, ConstantChurn):
    """A constant-churn model fitted to a cohort by :func:`fit_constant_churn`.

    Attributes
    ----------
    churn : float
        The maximum-likelihood estimate: customers lost over customer-periods at risk.
    log_likelihood : float
    survivors : numpy.ndarray

    Examples
    --------
    >>> fit_constant_churn([1000, 800, 640]).expected_survivors(3).tolist()
    [1000.0, 800.0, 640.0, 512.0]
    """

    log_likelihood: float
    survivors: np.ndarray


def fit_constant_churn(survivors: Any, *, cohort_size: float | None = None) -> ConstantChurnFit:
    """Fit constant churn to a cohort: customers lost over customer-periods at risk (exact MLE).

    Parameters
    ----------
    survivors : array-like
        The cohort's size, then the number still active after each period (never rising).
    cohort_size : float, optional
        When given, ``survivors`` must start with it.

    Examples
    --------
    >>> fit = fit_constant_churn([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> round(fit.churn, 4)
    0.226
    """
    s = check_survivors(survivors, cohort_size)
    lost, at_risk = float(s[0] - s[-1]), float(s[:-1].sum())
    c = lost / at_risk
    # Each customer lost in period t was at risk t periods; each survivor, every period.
    ll = (lost * math.log(c) if lost > 0 else 0.0) + (
        (at_risk - lost) * math.log1p(-c) if at_risk > lost else 0.0)
    return ConstantChurnFit(c, float(ll), s)


def _negative_log_likelihood(log_ab: np.ndarray, lost: np.ndarray, alive: float,
                             periods: int) -> tuple[float, np.ndarray]:
    """Minus the sBG log-likelihood and its gradient, in log(alpha), log(beta)."""
    a, b = np.exp(log_ab)
    t = np.arange(1, periods + 1)
    base = special.betaln(a, b)
    ll = np.sum(lost * (special.betaln(a + 1, b + t - 1) - base))
    ll += alive * (special.betaln(a, b + periods) - base)
    dg = special.digamma
    d_base_a, d_base_b = dg(a) - dg(a + b), dg(b) - dg(a + b)
    ga = np.sum(lost * (dg(a + 1) - dg(a + b + t) - d_base_a)) + alive * (
        dg(a) - dg(a + b + periods) - d_base_a)
    gb = np.sum(lost * (dg(b + t - 1) - dg(a + b + t) - d_base_b)) + alive * (
        dg(b + periods) - dg(a + b + periods) - d_base_b)
    return -float(ll), -np.array([ga * a, gb * b])


def fit_sbg(survivors: Any, *, cohort_size: float | None = None) -> SBGFit:
    r"""Fit the sBG model to a cohort by maximum likelihood (Fader and Hardie, 2007).

    With :math:`n_t` customers lost in period :math:`t` and :math:`s_T` still active at the
    end (censored: they will leave some day, we do not know when), the log-likelihood is

    .. math:: \ell(\alpha, \beta) = \sum_{t=1}^{T} n_t \ln P(T = t) + s_T \ln S(T).

    It is maximised with :func:`scipy.optimize.minimize` (L-BFGS-B on the logarithms of the
    parameters, with the exact gradient).

    Parameters
    ----------
    survivors : array-like
        The cohort's size, then the number still active after each period (never rising). To
        fit on the first 7 periods of a longer record, pass its first 8 numbers.
    cohort_size : float, optional
        When given, ``survivors`` must start with it.

    Returns
    -------
    SBGFit
        With ``alpha``, ``beta``, ``log_likelihood`` and the methods ``survival(t)``,
        ``retention(t)`` and ``expected_survivors(periods)``.

    Raises
    ------
    ValueError
        When nobody leaves (nothing to fit), or when the counts are not survivors.

    Notes
    -----
    When the data show no differences between customers, the maximum lies at infinite
    ``alpha`` and ``beta`` (polarisation 0, constant churn); the fit then stops at the bound
    ``1e7``, which is constant churn for any practical purpose.

    Examples
    --------
    The paper's "regular" segment, fitted on years 0-7:

    >>> fit = fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241])
    >>> round(fit.alpha, 3), round(fit.beta, 3)
    (0.704, 1.182)
    """
    s = check_survivors(survivors, cohort_size)
    lost, alive, periods = s[:-1] - s[1:], float(s[-1]), len(s) - 1
    if lost.sum() == 0:
        raise ValueError("survivors never fall: nobody left the cohort, so there is no churn "
                         "to fit")
    bounds = [(math.log(_BOUNDS[0]), math.log(_BOUNDS[1]))] * 2
    best = None
    for start in ((0.0, 0.0), (0.0, 2.0), (2.0, 5.0)):
        res = optimize.minimize(_negative_log_likelihood, np.array(start), jac=True,
                                args=(lost, alive, periods), method="L-BFGS-B", bounds=bounds,
                                options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 2000})
        if best is None or res.fun < best.fun:
            best = res
    a, b = np.exp(best.x)
    return SBGFit(float(a), float(b), -float(best.fun), s)
