"""One simulated year of the system (see :mod:`cxlib.system` for the model, step by step)."""


from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from .. import _checks
from .. import customers as cu
from .. import queueing as q
from .. import recovery as rc
from .. import surveys as sv
from .._results import Result
from ..seeding import Seed, streams

__all__ = ["Business", "Policy", "SystemYear", "simulate_year", "EXPERIENCE_SCORES", "paid_seats"]

WEEKS = 52

#: Illustrative: the 1-5 satisfaction scores of a caller after each kind of experience (shares
#: of 1, 2, 3, 4, 5). Quick, competent service mostly earns 4s and 5s; waiting costs a little,
#: hanging up costs a lot. A service failure has no row: its whole effect on loyalty is TARP's
#: retention of its path (the customers who leave at once), and those who stay keep their score.
EXPERIENCE_SCORES: dict[str, tuple[float, ...]] = {
    "answered in time": (0.02, 0.03, 0.10, 0.45, 0.40),
    "answered late": (0.05, 0.10, 0.25, 0.40, 0.20),
    "hung up": (0.25, 0.25, 0.25, 0.20, 0.05),
}
_PATHS = ("silent", "unresolved", "resolved", "resolved quickly")


@dataclass(frozen=True, repr=False)
class Business(Result):
    """The business a policy runs in. Every default is illustrative unless it says otherwise.

    Attributes
    ----------
    market, customers : int
        Households in the market, and customers at the start of the year.
    innovation, word_of_mouth, negative_word_of_mouth : float
        Bass acquisition per week: 0.03 and 0.38 a year (Sultan, Farley and Lehmann's averages
        for new durable goods, *borrowed*; illustrative for a firm in a mature market) divided
        by 52, and negative word of mouth from former customers (0.05 a year, illustrative).
    contact_rate : float
        Calls per customer per week (0.05: a call every 20 weeks).
    opening_hours : float
        Hours the phones are open each week.
    aht, target, patience : float
        Average handle time, the answer-time target and callers' mean patience, in seconds.
    failure_rate : float
        Chance per customer per week of a service failure (a late delivery, a faulty product).
    recovery : cxlib.recovery.Scenario
        The recovery model's settings. The policy sets its approval limit and FCR; the system
        sets its failures (``p_fail`` is ``failure_rate``, a week is its period and
        ``opening_hours`` its hours, ``base_customers`` is ``customers``). Its
        ``contact_cost`` is 0 here: the contacts are paid through the agents' wages.
    fcr_ceiling, training_scale : float
        First-contact resolution rises from the scenario's FCR towards ``fcr_ceiling`` as
        training money is spent: ``fcr = fcr0 + (ceiling - fcr0)(1 - exp(-spend / scale))``.
    competition : float
        The loyalty curve's market (:func:`cxlib.surveys.loyalty_curve`); its chance of staying
        is read as the chance of staying a year, spread evenly over the weeks.
    start_scores : tuple of 5 floats
        The customers' 1-5 scores at the start, and of new customers.
    margin, wage, shrinkage, discount : float
        Margin per customer per week; an agent's wage per paid hour; the share of paid time not
        on the phones (each agent on the phones is paid ``1 / (1 - shrinkage)`` seat-hours per
        opening hour); the discount rate per year (for the value created).
    wait_cost, abandon_cost : float
        What an hour on hold and a call abandoned cost, in the contact centre's own cost model
        (lesson 04's cost section): used only for the "cheapest roster" of
        :func:`staffing_profit`, the answer that prices waiting but not the customers lost.
    response_base, response_extremity : float
        Who answers the survey (:func:`cxlib.surveys.response_propensity`).
    screening, nudge : float
        How agents who run their own survey game it (:func:`cxlib.surveys.gaming`).

    Examples
    --------
    >>> b = Business()
    >>> b.contact_rate * b.customers / b.opening_hours   # calls an hour at the start
    83.33333333333333
    >>> b.replace(competition=1.0).competition
    1.0
    """

    market: int = 250_000
    customers: int = 100_000
    innovation: float = 0.03 / 52
    word_of_mouth: float = 0.38 / 52
    negative_word_of_mouth: float = 0.05 / 52
    contact_rate: float = 0.05
    opening_hours: float = 60.0
    aht: float = 360.0
    target: float = 20.0
    patience: float = 180.0
    failure_rate: float = 0.002
    recovery: Any = field(default_factory=lambda: rc.Scenario(contact_cost=0.0))
    fcr_ceiling: float = 0.9
    training_scale: float = 100_000.0
    competition: float = 0.2
    start_scores: tuple = (0.03, 0.04, 0.13, 0.45, 0.35)
    margin: float = 6.0
    wage: float = 28.0
    shrinkage: float = 0.3
    discount: float = 0.10
    wait_cost: float = 30.0
    abandon_cost: float = 5.0
    response_base: float = 0.15
    response_extremity: float = 1.5
    screening: float = 0.5
    nudge: float = 0.3

    def __post_init__(self) -> None:
        checked = {name: _scalar(check, name, getattr(self, name), **kw)
                   for name, (check, kw) in _BUSINESS_CHECKS.items()}
        if checked["customers"] > checked["market"]:
            raise ValueError(f"customers ({self.customers:,}) cannot exceed the market "
                             f"({self.market:,})")
        if not isinstance(self.recovery, rc.Scenario):
            raise TypeError("recovery must be a cxlib.recovery.Scenario, got "
                            f"{type(self.recovery).__name__}")
        checked["start_scores"] = _start_scores(self.start_scores)
        for name, value in checked.items():
            object.__setattr__(self, name, value)
        super().__post_init__()

    def replace(self, **changes: Any) -> "Business":
        """A copy with some settings changed (and checked again)."""
        return replace(self, **changes)


def _scalar(check, name: str, value: Any, **kw) -> Any:
    _checks.scalar(name, value, where="Business")
    return check(name, value, **kw)


_SHARE_BELOW_ONE = (_checks.share, {"zero": True, "one": False})
_BUSINESS_CHECKS = {
    "market": (_checks.positive_int, {}), "customers": (_checks.nonnegative_int, {}),
    **{k: (_checks.nonnegative, {}) for k in (
        "innovation", "word_of_mouth", "negative_word_of_mouth", "contact_rate", "wage",
        "wait_cost", "abandon_cost")},
    **{k: (_checks.positive, {}) for k in (
        "opening_hours", "aht", "target", "patience", "training_scale")},
    **{k: (_checks.unit_interval, {}) for k in (
        "failure_rate", "fcr_ceiling", "competition", "screening", "nudge")},
    "margin": (_checks.number, {}), "shrinkage": _SHARE_BELOW_ONE,
    "discount": (_checks.nonnegative, {}), "response_base": (_checks.open_unit, {}),
    "response_extremity": (_checks.number, {}),
}


def _start_scores(scores: Any) -> tuple:
    arr = np.asarray(_checks.nonnegative("start_scores", scores), dtype=float)
    if arr.shape != (5,) or abs(arr.sum() - 1) > 1e-6:
        raise ValueError("start_scores must be five shares of scores 1 to 5 adding up to 1, "
                         f"got {[round(float(v), 4) for v in np.atleast_1d(arr)]}")
    return tuple(float(v) for v in arr)


@dataclass(frozen=True, repr=False)
class Policy(Result):
    """The levers a manager really has.

    Attributes
    ----------
    agents : int
        Agents on the phones while the lines are open (the roster adds shrinkage).
    approval_limit : float
        The largest remedy the frontline may grant without a supervisor.
    fcr_training : float
        Money spent on first-contact-resolution training over the year.
    survey : {"third party", "agent"}
        Who runs the monthly survey.
    survey_size : int
        Answers collected each month.

    Examples
    --------
    >>> Policy(agents=12).approval_limit
    25.0
    """

    agents: int = 12
    approval_limit: float = 25.0
    fcr_training: float = 0.0
    survey: str = "third party"
    survey_size: int = 400

    def replace(self, **changes: Any) -> "Policy":
        """A copy with some levers changed."""
        return replace(self, **changes)


#: The survey's runners, and how each reads in a sentence ("a third-party survey").
SURVEY_WORDS = {"third party": "third-party", "agent": "agent-run"}


def _check_policy(policy: Policy) -> Policy:
    if not isinstance(policy, Policy):
        raise TypeError(f"policy must be a cxlib.system.Policy, got {type(policy).__name__}")
    _checks.positive_int("agents", policy.agents)
    _checks.nonnegative("approval_limit", policy.approval_limit)
    _checks.nonnegative("fcr_training", policy.fcr_training)
    _checks.positive_int("survey_size", policy.survey_size)
    if policy.survey not in SURVEY_WORDS:
        raise ValueError(f"survey must be 'third party' or 'agent', got {policy.survey!r}")
    return policy


@dataclass(frozen=True, repr=False)
class SystemYear(Result):
    """A simulated year, week by week (arrays of 52), with the year's totals.

    Attributes
    ----------
    week : numpy.ndarray of int
    customers, former, acquired, churned : numpy.ndarray
        The customer base at the week's end, former customers, and the week's flows.
    calls, load, service_level, abandoned, asa : numpy.ndarray
        Calls offered, the load in Erlangs, the share answered within the target (all callers),
        the share who hung up, and the average wait of answered callers (seconds).
    failures : numpy.ndarray
        Customers who met a service failure.
    true_csat, true_top_box : numpy.ndarray
        The share of *all* current customers whose latest score is 4-5 (5): what a census
        would find.
    contact_csat : numpy.ndarray
        The share with a 4 or 5 among this week's callers and the failing customers who stayed
        (their new scores), before the week's churn.
    survey_week, surveyed_csat, surveyed_low, surveyed_high : numpy.ndarray
        The monthly survey (one value every 4 weeks): its CSAT with a 95 % interval.
    margin, agent_cost, recovery_cost, training_cost, profit : numpy.ndarray
        Money per week; profit is margin minus the three costs. Agents are paid as seat-
        equivalents, ``agents / (1 - shrinkage)`` for every opening hour, not rounded.
    total_profit, customer_value, value_created : float
        The year's profit (undiscounted); the lifetime value of the customers left at the end
        (at the last week's churn, as if the policy went on, from week 53's margin on, valued
        at the year's end); and the value created: the weekly profits and the end value, both
        discounted to the start of the year, minus the customers at the start valued the same
        way at the churn their starting scores and the business's own failures imply (a
        reference that is the same for every policy, so policies differ by discounted profit
        and end value only).
    fcr : float
        First-contact resolution after training.
    policy : Policy
    business : Business

    Examples
    --------
    >>> y = simulate_year(Policy(agents=12), seed=1)
    >>> int(y.week[-1]), bool(y.customers[-1] < y.business.customers)
    (52, True)
    >>> round(y.total_profit, -6) == round(float(y.profit.sum()), -6)
    True
    """

    week: np.ndarray
    customers: np.ndarray
    former: np.ndarray
    acquired: np.ndarray
    churned: np.ndarray
    calls: np.ndarray
    load: np.ndarray
    service_level: np.ndarray
    abandoned: np.ndarray
    asa: np.ndarray
    failures: np.ndarray
    true_csat: np.ndarray
    true_top_box: np.ndarray
    contact_csat: np.ndarray
    survey_week: np.ndarray
    surveyed_csat: np.ndarray
    surveyed_low: np.ndarray
    surveyed_high: np.ndarray
    margin: np.ndarray
    agent_cost: np.ndarray
    recovery_cost: np.ndarray
    training_cost: np.ndarray
    profit: np.ndarray
    total_profit: float
    customer_value: float
    value_created: float
    fcr: float
    policy: Policy
    business: Business

    def __repr__(self) -> str:
        p = self.policy
        return (f"SystemYear({p.agents} agents, approval limit {p.approval_limit:g}, training "
                f"{p.fcr_training:,.0f}, {SURVEY_WORDS[p.survey]} survey: customers "
                f"{self.business.customers:,} -> {self.customers[-1]:,.0f}; service level "
                f"{self.service_level.mean():.0%}; census CSAT {self.true_csat[-1]:.1%} in week "
                f"52, survey {self.surveyed_csat[-1]:.1%} in the last month; profit "
                f"{self.total_profit:,.0f}; value created "
                f"{self.value_created:,.0f})")


def _fcr(business: Business, spend: float) -> float:
    fcr0 = business.recovery.fcr
    gain = 1.0 - math.exp(-spend / business.training_scale)
    return fcr0 + (max(business.fcr_ceiling, fcr0) - fcr0) * gain


def _recovery_scenario(b: Business, approval_limit: float, fcr: float) -> Any:
    """The recovery model's scenario for this business: its approval desk serves the failures
    of the whole base, at the system's own failure rate, over the week's opening hours."""
    return b.recovery.replace(approval_limit=approval_limit, fcr=fcr, base_customers=b.customers,
                              p_fail=b.failure_rate, period_hours=b.opening_hours)


def _reference_value(b: Business) -> float:
    """The customers at the start, valued as the end value is (first margin a week later) at
    the churn their starting scores and the business's own failures imply: the loyalty curve
    plus failures lost at the recovery scenario's own settings. The same for every policy."""
    stay = sv.loyalty_curve(b.competition).at(np.arange(1, 6)) ** (1.0 / WEEKS)
    own = rc.expected_outcome(_recovery_scenario(b, b.recovery.approval_limit, b.recovery.fcr))
    weekly = ((np.asarray(b.start_scores, dtype=float) @ stay)
              * (1.0 - b.failure_rate * (1.0 - own.retention_after_failure)))
    return float(b.customers * cu.lifetime_value(b.margin, weekly, _weekly_discount(b),
                                                 first_margin_at=1))


def paid_seats(agents: Any, shrinkage: Any) -> float | np.ndarray:
    """Paid seat-equivalents for ``agents`` on the phones: ``agents / (1 - shrinkage)``.

    Not rounded: the wage bill is paid seat-hours, so every agent on the phones costs the same.
    Whole people working shorter weeks are a rostering question
    (:func:`cxlib.queueing.scheduled_staff` rounds up to whole seats).

    Parameters
    ----------
    agents : int or array
        Agents on the phones while the lines are open.
    shrinkage : float
        The share of paid time not on the phones, from 0 up to (but not including) 1.

    Returns
    -------
    float or numpy.ndarray
        Seats paid for every opening hour.

    Examples
    --------
    >>> round(paid_seats(13, 0.3), 3)
    18.571
    >>> np.diff(paid_seats([13, 14, 15], 0.3)).round(6)   # each extra agent, the same
    array([1.428571, 1.428571])
    """
    n = np.asarray(_checks.nonnegative("agents", agents), dtype=float)
    s = _checks.share("shrinkage", shrinkage, zero=True, one=False)
    out = n / (1.0 - s)
    return float(out) if out.ndim == 0 else out


def _weekly_discount(b: Business) -> float:
    return (1.0 + b.discount) ** (1.0 / WEEKS) - 1.0


def _queue_week(rate: float, b: Business, agents: int, mode: str, gen) -> tuple[float, ...]:
    """(answered in time, answered late, hung up, ASA of answered) for one week's calls."""
    if mode == "formulas":
        a = q.erlang_a(rate, b.aht, agents, b.patience)
        within = a.service_level(b.target)
        return within, 1.0 - a.p_abandon - within, a.p_abandon, a.mean_wait_answered
    calls = max(1, int(round(rate * b.opening_hours * 3600)))
    s = q.simulate(rate, b.aht, agents, customers=calls, patience=b.patience, seed=gen)
    within = s.service_level(b.target).value
    gone = s.abandon_rate().value
    return within, 1.0 - gone - within, gone, s.mean_wait(answered_only=True).value


def _survey(shares: np.ndarray, b: Business, p: Policy, gen) -> Any:
    """One month's survey of the callers who got through: who answers, and who runs it."""
    answering = shares * sv.response_propensity(np.arange(1, 6), base=b.response_base,
                                                extremity=b.response_extremity)
    game = sv.gaming(answering / answering.sum(), screening=b.screening, nudge=b.nudge,
                     respondents=p.survey_size, seed=gen)
    return game.agent["csat"] if p.survey == "agent" else game.third_party["csat"]


def simulate_year(policy: Policy, business: Business | None = None, *, seed: Seed = None,
                  queue: str = "formulas") -> SystemYear:
    """Run one year of the system under ``policy``, week by week.

    Parameters
    ----------
    policy : Policy
        The levers: agents, approval limit, training, who runs the survey and its size.
    business : Business, optional
        The business (defaults: :class:`Business`).
    seed : int, numpy.random.Generator or None
        The survey's samples (and, with ``queue="simulation"``, the calls). The customer flows
        are expected numbers, the same for every seed.
    queue : {"formulas", "simulation"}, default "formulas"
        Erlang A for each week's waiting, or the simulator (one replication of the week's
        calls, about 5,000 of them; the year takes about 7 times as long,
        ``benchmarks/bench_system.py``).

    Returns
    -------
    SystemYear

    Examples
    --------
    >>> year = simulate_year(Policy(agents=12), seed=1)
    >>> year.customers.shape, round(float(year.service_level.mean()), 2)
    ((52,), 0.91)
    >>> bool(year.surveyed_csat.mean() > year.true_csat.mean())   # the survey flatters
    True
    >>> simulate_year(Policy(agents=0))
    Traceback (most recent call last):
    ...
    ValueError: agents must be a positive integer, got 0
    """
    p = _check_policy(policy)
    b = Business() if business is None else business
    if queue not in ("formulas", "simulation"):
        raise ValueError(f"queue must be 'formulas' or 'simulation', got {queue!r}")
    gens = streams(seed, ["survey", "queue"])
    world = _World.build(p, b, queue, gens["queue"])
    rows: dict[str, list] = {}
    survey_rows: list[tuple[int, Any]] = []
    for week in range(WEEKS):
        for key, value in world.step().items():
            rows.setdefault(key, []).append(value)
        if week % 4 == 3:  # a monthly survey of the month's callers who got through
            survey_rows.append((week, _survey(world.month / world.month.sum(), b, p,
                                              gens["survey"])))
            world.month = np.zeros(5)
    return _assemble(rows, survey_rows, p, b, world.fcr, world.recovery)


class _World:
    """The state of the year between weeks: customers by score, former customers, the month's
    survey pool, and the week-independent pieces (recovery outcome, score tables, churn)."""

    @classmethod
    def build(cls, p: Policy, b: Business, queue: str, gen) -> "_World":
        w = cls()
        w.p, w.b, w.queue, w.gen = p, b, queue, gen
        w.fcr = _fcr(b, p.fcr_training)
        w.recovery = rc.expected_outcome(_recovery_scenario(b, p.approval_limit, w.fcr))
        w.paths = np.array([w.recovery.path_shares[k] for k in _PATHS])
        w.path_stay = np.array([getattr(b.recovery.retention, k.replace(" ", "_"))
                                for k in _PATHS])
        w.scores = {k: np.asarray(v, dtype=float) for k, v in EXPERIENCE_SCORES.items()}
        stay_year = sv.loyalty_curve(b.competition).at(np.arange(1, 6))
        w.churn_week = 1.0 - stay_year ** (1.0 / WEEKS)
        w.base = np.asarray(b.start_scores, dtype=float) * b.customers
        w.former, w.month = 0.0, np.zeros(5)
        return w

    def step(self) -> dict[str, float]:
        """One week: calls meet agents, failures meet recovery, scores set churn, word of mouth
        brings new customers. Returns the week's row."""
        b, sc = self.b, self.scores
        existing = self.base.sum()
        mix = self.base / existing
        failures = b.failure_rate * existing
        kept = failures * self.paths * self.path_stay  # failing customers who stay (lesson 02)
        calls = b.contact_rate * existing + failures * (1 - self.paths[0]) * (
            self.recovery.contacts_per_complaint)
        rate = calls / (b.opening_hours * 3600.0)
        in_time, late, gone, asa = _queue_week(rate, b, self.p.agents, self.queue, self.gen)
        callers = b.contact_rate * existing
        through = callers * (in_time * sc["answered in time"] + late * sc["answered late"])
        new_scores = through + callers * gone * sc["hung up"]
        # Callers get new scores. A failure's whole loyalty effect is its path's retention
        # (TARP's repurchase intentions): those who leave go at once, and those who stay keep
        # the score they had, so the loyalty curve does not count the failure a second time.
        lost = failures - kept.sum()
        self.base = self.base * (1.0 - (callers + lost) / existing) + new_scores
        # The month's survey pool (thinned by churn each week: it reaches only those still
        # customers): callers who got through, and complainers who stayed, at their scores.
        complained = kept[1:].sum() * mix
        self.month = self.month * (1.0 - self.churn_week) + through + complained
        churn = float((self.base @ self.churn_week + lost) / existing)
        flow = cu.customer_flow(market=b.market, periods=1, innovation=b.innovation,
                                word_of_mouth=b.word_of_mouth, churn=churn,
                                negative_word_of_mouth=b.negative_word_of_mouth,
                                existing=int(round(existing)), former=int(round(self.former)))
        self.base = (self.base * (1.0 - self.churn_week)
                     + flow.acquired[1] * np.asarray(b.start_scores))
        self.former = float(flow.former[1])
        total = self.base.sum()
        return {"customers": total, "former": self.former, "acquired": flow.acquired[1],
                "churned": flow.churned[1], "calls": calls, "load": rate * b.aht,
                "service_level": in_time, "abandoned": gone, "asa": asa, "failures": failures,
                "true_csat": self.base[3:].sum() / total, "true_top_box": self.base[4] / total,
                "contact_csat": (new_scores[3:].sum() + kept.sum() * mix[3:].sum())
                / (new_scores.sum() + kept.sum())}


def _assemble(rows, survey_rows, p: Policy, b: Business, fcr: float, recovery) -> SystemYear:
    arr = {k: np.asarray(v) for k, v in rows.items()}
    agent_cost = np.full(WEEKS, paid_seats(p.agents, b.shrinkage) * b.opening_hours * b.wage)
    recovery_cost = arr["failures"] * recovery.cost_per_failure
    training = np.full(WEEKS, p.fcr_training / WEEKS)
    margin = arr["customers"] * b.margin
    profit = margin - agent_cost - recovery_cost - training
    dw = _weekly_discount(b)
    stay = 1.0 - float(arr["churned"][-1] / arr["customers"][-2])  # of those at week 51's end
    # The end value counts margins from week 53 on (week 52's is in the profit) and, like each
    # week's profit, is discounted back to the start of the year.
    value_end = float(arr["customers"][-1] * cu.lifetime_value(b.margin, stay, dw,
                                                               first_margin_at=1))
    at_start = (1.0 + dw) ** -np.arange(1, WEEKS + 1)
    value_start = _reference_value(b)
    value_created = float(profit @ at_start) + value_end * at_start[-1] - value_start
    surveyed = [e for _, e in survey_rows]
    return SystemYear(
        week=np.arange(1, WEEKS + 1), **{k: arr[k] for k in (
            "customers", "former", "acquired", "churned", "calls", "load", "service_level",
            "abandoned", "asa", "failures", "true_csat", "true_top_box", "contact_csat")},
        survey_week=np.array([w + 1 for w, _ in survey_rows]),
        surveyed_csat=np.array([e.value for e in surveyed]),
        surveyed_low=np.array([e.low for e in surveyed]),
        surveyed_high=np.array([e.high for e in surveyed]),
        margin=margin, agent_cost=agent_cost, recovery_cost=recovery_cost,
        training_cost=training, profit=profit, total_profit=float(profit.sum()),
        customer_value=value_end, value_created=value_created,
        fcr=fcr, policy=p, business=b,
    )
