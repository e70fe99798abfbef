r"""Acquisition by word of mouth: the Bass model inside the customer lifecycle.

=================================================  ===============================================
question                                           function
=================================================  ===============================================
How do potential, existing and former customers    :func:`customer_flow` (expected numbers,
move over time, with word of mouth?                deterministic; mean-field when q, v > 0)
How much could chance alone move those numbers?    :func:`simulate_customer_flow` (customer by
                                                   customer, seeded, with a band)
=================================================  ===============================================

A market of :math:`M` people is split into potential (:math:`P_t`), existing (:math:`E_t`) and
former (:math:`F_t`) customers. Each period:

* each potential customer buys with probability
  :math:`a_t = \min\{1, \max[0,\; p + q\,E_t/M - v\,F_t/M]\}`:
  :math:`p` is *innovation* (they buy on their own: advertising, search), :math:`q` is
  *imitation*, positive word of mouth from existing customers (Bass, 1969), and :math:`v`
  (the keyword ``negative_word_of_mouth``) is negative word of mouth from former customers,
  which puts people off;
* each existing customer leaves with a churn probability: the same for all (constant churn), or
  with customers who differ, the sBG churn of their tenure :math:`\tau`,
  :math:`\alpha/(\alpha + \beta + \tau)` (:mod:`cxlib.customers.retention`);
* each former customer comes back with probability ``win_back`` and starts again as a new
  customer (an assumption: a returning customer's churn is drawn afresh).

All moves in a period use the numbers at its start, so a customer acquired this period can
leave next period at the earliest.

**Assumptions to keep in mind.** Customers present at the start are counted as new (tenure 0):
when customers differ, a real base of established customers has already lost its likely
leavers, so the model overstates its early churn (with constant churn it makes no difference).
Former customers never stop talking (:math:`F_t` only grows without win-back), and the negative
term can push :math:`a_t` to 0, which stops even the buyers who would buy on their own account;
both make strong negative word of mouth more damaging than a model where talk fades or only
cancels positive talk.

* :func:`customer_flow` moves the **expected** numbers one period at a time: every move is
  replaced by its expected size given the numbers at the start of the period. With no word of
  mouth (:math:`q = v = 0`) the moves are linear in the counts, so these are exactly the
  expected numbers of the stochastic model, and with constant churn exactly the lifecycle Markov
  chain (:func:`~cxlib.customers.state_distribution` of
  :func:`~cxlib.customers.lifecycle_matrix`). With word of mouth it is a **mean-field
  approximation** (the chance of buying is computed from the expected numbers, not averaged over
  their spread); its gap to the simulated average is small and shrinks as the market grows.
  With :math:`q > 0` it is the discrete-time Bass model, whose adopters approach the continuous
  Bass curve :math:`F(t) = (1 - e^{-(p+q)t}) / (1 + (q/p) e^{-(p+q)t})` as the period shrinks.
* :func:`simulate_customer_flow` draws every move: binomial numbers of buyers, leavers and
  returners each period, with the probabilities above computed from the simulated numbers. It
  is the exact law of the model (for sBG churn too: the survivors of :math:`\tau` periods leave
  independently with probability :math:`\alpha/(\alpha+\beta+\tau)`). For a large market its
  average approaches :func:`customer_flow`.

**Typical values.** Across 213 published applications, the Bass coefficients averaged
:math:`p \approx 0.03` and :math:`q \approx 0.38` **per year** (Sultan, Farley and Lehmann,
1990), for the adoption of new durable products. They are typical values, not estimates for any
service; per month they are about :math:`p/12` and :math:`q/12`. Nothing here converts a unit:
pass probabilities per period of your choice.

References
----------
Bass, F. M. (1969). A new product growth for model consumer durables. *Management Science*
15(5), 215-227.

Sultan, F., Farley, J. U. and Lehmann, D. R. (1990). A meta-analysis of applications of
diffusion models. *Journal of Marketing Research* 27(1), 70-77.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from .. import _checks
from .._results import Result
from .._stats import Estimate, mean_estimate
from ..seeding import Seed, streams

__all__ = ["CustomerFlow", "FlowSimulation", "customer_flow", "simulate_customer_flow"]

_STATES = ("potential", "existing", "former")


@dataclass(frozen=True)
class _Settings:
    market: int
    periods: int
    innovation: float
    word_of_mouth: float
    negative_word_of_mouth: float
    win_back: float
    existing: int
    former: int
    hazard: np.ndarray  # churn probability by tenure 0..periods


def _settings(market, periods, innovation, word_of_mouth, negative_word_of_mouth, churn,
              polarisation, win_back, existing, former, where) -> _Settings:
    """Check every argument once (scalars only: one scenario per call)."""
    args = dict(market=market, periods=periods, innovation=innovation,
                word_of_mouth=word_of_mouth, negative_word_of_mouth=negative_word_of_mouth,
                churn=churn, polarisation=polarisation, win_back=win_back, existing=existing,
                former=former)
    for name, value in args.items():
        _checks.scalar(name, value, where=where)
    m = _checks.positive_int("market", market)
    t = _checks.positive_int("periods", periods)
    e0 = _checks.nonnegative_int("existing", existing)
    f0 = _checks.nonnegative_int("former", former)
    if e0 + f0 > m:
        raise ValueError(f"existing and former customers ({e0} + {f0}) cannot outnumber the "
                         f"market ({m})")
    c = _checks.unit_interval("churn", churn)
    phi = _checks.share("polarisation", polarisation, zero=True, one=False)
    tenure = np.arange(t + 1, dtype=float)
    if phi > 0:
        if not 0 < c < 1:
            raise ValueError("churn must be strictly between 0 and 1 when customers differ "
                             f"(polarisation > 0), got {_checks._describe(c)}")
        size = (1.0 - phi) / phi
        hazard = c * size / (size + tenure)  # alpha / (alpha + beta + tenure)
    else:
        hazard = np.full(t + 1, c)
    return _Settings(m, t, _checks.unit_interval("innovation", innovation),
                     _checks.nonnegative("word_of_mouth", word_of_mouth),
                     _checks.nonnegative("negative_word_of_mouth", negative_word_of_mouth),
                     _checks.unit_interval("win_back", win_back), e0, f0, hazard)


def _buy_probability(s: _Settings, existing: Any, former: Any) -> Any:
    talk = s.innovation + (s.word_of_mouth * existing
                           - s.negative_word_of_mouth * former) / s.market
    return np.clip(talk, 0.0, 1.0)


@dataclass(frozen=True, repr=False)
class CustomerFlow(Result):
    """Expected customers by state over time, from :func:`customer_flow`.

    Arrays have one value per period boundary, ``t = 0, 1, ..., periods``.

    Attributes
    ----------
    period : numpy.ndarray of int
        0, 1, ..., periods.
    potential, existing, former : numpy.ndarray
        Expected number of people in each state at ``t``.
    acquired, churned, won_back : numpy.ndarray
        Expected moves during the period that ends at ``t`` (0 at ``t = 0``).
    buy_probability : numpy.ndarray
        The chance that a potential customer buys in the period that starts at ``t``.
    market : int
        The number of people in the market.
    """

    period: np.ndarray
    potential: np.ndarray
    existing: np.ndarray
    former: np.ndarray
    acquired: np.ndarray
    churned: np.ndarray
    won_back: np.ndarray
    buy_probability: np.ndarray
    market: int

    def at(self, t: int) -> dict[str, float]:
        """The three states at period ``t``, as a dict.

        >>> f = customer_flow(market=1000, periods=2, innovation=0.1, word_of_mouth=0,
        ...                   churn=0.2)
        >>> f.at(2)
        {'potential': 810.0, 'existing': 170.0, 'former': 20.0}
        """
        i = _checks.nonnegative_int("t", t)
        if i > int(self.period[-1]):
            raise ValueError(f"t must be at most {int(self.period[-1])}, got {i}")
        return {name: float(getattr(self, name)[i]) for name in _STATES}


def customer_flow(*, market: int, periods: int, innovation: float, word_of_mouth: float,
                  churn: float, negative_word_of_mouth: float = 0.0, polarisation: float = 0.0,
                  win_back: float = 0.0, existing: int = 0, former: int = 0) -> CustomerFlow:
    """Expected potential, existing and former customers over time, with word of mouth.

    The deterministic form of the model in the module notes: every move is replaced by its
    expected size. Exact expected numbers without word of mouth; with word of mouth a mean-field
    approximation of them (see the module notes). One scenario per call (single numbers).

    Parameters
    ----------
    market : int
        People in the market (potential + existing + former, constant).
    periods : int
        How many periods to follow (36 for three years of months).
    innovation : float
        Bass's ``p``: chance per period that a potential customer buys with no word of mouth.
    word_of_mouth : float
        Bass's ``q``: how strongly existing customers' share of the market raises that chance.
    churn : float
        Chance per period that an existing customer leaves; with ``polarisation > 0``, the
        average chance for a new customer in their first period (the sBG mean churn; it falls
        with tenure as the likely leavers leave).
    negative_word_of_mouth : float, default 0
        :math:`v`: how strongly former customers' share of the market lowers the chance of
        buying.
    polarisation : float, default 0
        How much customers differ in churn (sBG polarisation, 0 up to 1; 0: all the same).
    win_back : float, default 0
        Chance per period that a former customer comes back.
    existing, former : int, default 0
        Customers in those states at the start; the rest of the market is potential.

    Examples
    --------
    Typical Bass values per year (Sultan et al., 1990), over ten years:

    >>> f = customer_flow(market=10_000, periods=10, innovation=0.03, word_of_mouth=0.38,
    ...                   churn=0.0)
    >>> round(f.existing[10])
    7826
    """
    s = _settings(market, periods, innovation, word_of_mouth, negative_word_of_mouth, churn,
                  polarisation, win_back, existing, former, "customer_flow")
    t = s.periods
    pot, ten, form = (np.zeros(t + 1) for _ in range(3))
    acq, lost, back, buy = (np.zeros(t + 1) for _ in range(4))
    e = np.zeros(t + 1)  # existing customers by tenure
    pot[0], e[0], form[0] = s.market - s.existing - s.former, s.existing, s.former
    ten[0] = e.sum()
    for k in range(t):
        buy[k] = _buy_probability(s, ten[k], form[k])
        acq[k + 1], back[k + 1] = buy[k] * pot[k], s.win_back * form[k]
        leaving = e * s.hazard
        lost[k + 1] = leaving.sum()
        e[1:] = (e - leaving)[:-1]
        e[0] = acq[k + 1] + back[k + 1]
        pot[k + 1] = pot[k] - acq[k + 1]
        form[k + 1] = form[k] + lost[k + 1] - back[k + 1]
        ten[k + 1] = e.sum()
    buy[t] = _buy_probability(s, ten[t], form[t])
    return CustomerFlow(np.arange(t + 1), pot, ten, form, acq, lost, back, buy, s.market)


@dataclass(frozen=True, repr=False)
class FlowSimulation(Result):
    """Simulated customers by state, one row per replication, from
    :func:`simulate_customer_flow`.

    Attributes
    ----------
    period : numpy.ndarray of int
        0, 1, ..., periods.
    potential, existing, former : numpy.ndarray of int, shape (replications, periods + 1)
        People in each state at ``t``, in each replication.
    acquired, churned, won_back : numpy.ndarray of int, shape (replications, periods + 1)
        Moves during the period that ends at ``t``.
    market : int
    replications : int
    seed : object
        The seed given (None for fresh entropy).
    """

    period: np.ndarray
    potential: np.ndarray
    existing: np.ndarray
    former: np.ndarray
    acquired: np.ndarray
    churned: np.ndarray
    won_back: np.ndarray
    market: int
    replications: int
    seed: Any

    def _state(self, state: str) -> np.ndarray:
        names = _STATES + ("acquired", "churned", "won_back")
        if state not in names:
            raise ValueError(f"state must be one of {', '.join(names)}, got {state!r}")
        return getattr(self, state)

    def mean(self, state: str) -> np.ndarray:
        """The average over replications, per period.

        >>> sim = simulate_customer_flow(market=1000, periods=3, innovation=0.1,
        ...                              word_of_mouth=0, churn=0.2, seed=1)
        >>> sim.mean("existing").shape
        (4,)
        """
        return self._state(state).mean(axis=0)

    def band(self, state: str, coverage: float = 0.9) -> tuple[np.ndarray, np.ndarray]:
        """Per period, the range that holds the central ``coverage`` of the replications.

        A prediction band for one run of the business (quantiles across replications), not a
        confidence interval for the mean.

        >>> sim = simulate_customer_flow(market=1000, periods=3, innovation=0.1,
        ...                              word_of_mouth=0, churn=0.2, seed=1)
        >>> low, high = sim.band("existing")
        >>> bool((low <= sim.mean("existing")).all() and (sim.mean("existing") <= high).all())
        True
        """
        c = _checks.open_unit("coverage", coverage)
        values = self._state(state)
        return (np.quantile(values, (1 - c) / 2, axis=0),
                np.quantile(values, (1 + c) / 2, axis=0))

    def estimate(self, state: str, period: int | None = None,
                 confidence: float = 0.95) -> Estimate:
        """The mean number in ``state`` at ``period`` (default: the last), with a t interval.

        >>> sim = simulate_customer_flow(market=1000, periods=3, innovation=0.1,
        ...                              word_of_mouth=0, churn=0.2, seed=1)
        >>> sim.estimate("potential", 1).contains(900)
        True
        """
        values = self._state(state)
        i = values.shape[1] - 1 if period is None else _checks.nonnegative_int("period", period)
        if i >= values.shape[1]:
            raise ValueError(f"period must be at most {values.shape[1] - 1}, got {i}")
        return mean_estimate(values[:, i], confidence, "replications")


def simulate_customer_flow(*, market: int, periods: int, innovation: float,
                           word_of_mouth: float, churn: float,
                           negative_word_of_mouth: float = 0.0, polarisation: float = 0.0,
                           win_back: float = 0.0, existing: int = 0, former: int = 0,
                           replications: int = 200, seed: Seed = None) -> FlowSimulation:
    """Simulate the customer flow customer by customer: the seeded stochastic form.

    The same model and parameters as :func:`customer_flow`, with every move drawn: binomial
    numbers of buyers, leavers (by tenure) and returners each period, from three independent
    random streams split from ``seed``. All replications run at once.

    Parameters
    ----------
    market, periods, innovation, word_of_mouth, churn, negative_word_of_mouth, polarisation,
    win_back, existing, former
        As in :func:`customer_flow`.
    replications : int, default 200
        Independent runs of the same business.
    seed : int, numpy.random.Generator or None
        The same seed gives the same numbers.

    Examples
    --------
    >>> sim = simulate_customer_flow(market=10_000, periods=10, innovation=0.03,
    ...                              word_of_mouth=0.38, churn=0.0, replications=100, seed=7)
    >>> sim.estimate("existing").contains(7826)
    True
    """
    s = _settings(market, periods, innovation, word_of_mouth, negative_word_of_mouth, churn,
                  polarisation, win_back, existing, former, "simulate_customer_flow")
    reps = _checks.positive_int("replications", replications)
    rng = streams(seed, ["acquisition", "churn", "win_back"])
    t = s.periods
    shape = (reps, t + 1)
    pot, ten, form, acq, lost, back = (np.zeros(shape, dtype=np.int64) for _ in range(6))
    e = np.zeros(shape, dtype=np.int64)  # existing customers by tenure, per replication
    pot[:, 0], e[:, 0], form[:, 0] = s.market - s.existing - s.former, s.existing, s.former
    ten[:, 0] = s.existing
    for k in range(t):
        buy = _buy_probability(s, ten[:, k].astype(float), form[:, k].astype(float))
        acq[:, k + 1] = rng["acquisition"].binomial(pot[:, k], buy)
        leaving = rng["churn"].binomial(e, s.hazard)
        back[:, k + 1] = rng["win_back"].binomial(form[:, k], s.win_back)
        lost[:, k + 1] = leaving.sum(axis=1)
        e[:, 1:] = (e - leaving)[:, :-1]
        e[:, 0] = acq[:, k + 1] + back[:, k + 1]
        pot[:, k + 1] = pot[:, k] - acq[:, k + 1]
        form[:, k + 1] = form[:, k] + lost[:, k + 1] - back[:, k + 1]
        ten[:, k + 1] = e.sum(axis=1)
    return FlowSimulation(np.arange(t + 1), pot, ten, form, acq, lost, back, s.market, reps,
                          seed)
