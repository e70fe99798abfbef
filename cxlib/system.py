"""Customer service as one system: a year of a contact centre and its customers, week by week.

``from cxlib import system``. The capstone (lesson 05) joins the four topics. Each week:

1. **Staffing sets waiting** (:mod:`cxlib.queueing`): the week's calls meet the agents on the
   phones; Erlang A (or, with ``queue="simulation"``, the simulator) gives the share answered
   within the target, answered late, and hung up.
2. **Failures run through recovery** (:mod:`cxlib.recovery`): a share of customers meets a
   service failure; the recovery model (approval limit, first-contact resolution) says how many
   stay silent, are resolved quickly, slowly or never, and what recovery costs. As in lesson 02,
   each path keeps its *reported* TARP share of customers at once; those who stay remember the
   failure in their score.
3. **Experience sets satisfaction**: every customer who called or failed this week gets a new 1-5
   score, drawn from a distribution that depends on what happened (an *illustrative* table,
   :data:`EXPERIENCE_SCORES`). Other customers keep their last score.
4. **Satisfaction drives churn and word of mouth** (:mod:`cxlib.surveys` and
   :mod:`cxlib.customers`): each score's chance of staying comes from the loyalty curve; the
   week's churn and the Bass acquisition with positive and negative word of mouth come from
   ``customers.customer_flow``. The customer base, and so next week's calls, change.
5. **The survey sees only part of it** (:mod:`cxlib.surveys`): each month a survey of the
   customers who *got through* this month (those who hung up, stayed silent or left are not
   asked), answered more often by the very pleased and the very annoyed, and, when agents run
   it, screened and nudged.
6. **Money**: margins of the customers kept, against agents' wages, recovery costs and
   training; the customers still there at the end are valued with ``customers.lifetime_value``.

=================================================  =============================================
question                                           function
=================================================  =============================================
What does a year look like under a policy?         :func:`simulate_year`
What are the business's settings, and sources?     :class:`Business`, :class:`Policy`
Which staffing earns most, against 80/20 and the   :func:`staffing_profit` (profit by agents,
cheapest roster?                                   with both rules marked)
Which policy earns most within a budget?           :func:`best_policy` (a grid search with a
                                                   progress bar)
=================================================  =============================================

**What the numbers are.** The queue (Erlang A), the recovery paths and the customer flow are the
topic models, exact for their assumptions. Everything that joins them is an *illustrative*
assumption, stated in :class:`Business` and meant to be questioned: the experience-to-score
table, the loyalty curve read as a chance of staying a year, the contact and failure rates, the
training curve, the money. The system never imports more than the topics' public names, and no
topic imports it.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

import numpy as np

from . import _checks
from . import customers as cu
from . import queueing as q
from . import recovery as rc
from . import surveys as sv
from ._results import Result
from .seeding import Seed, rng, streams

__all__ = ["Business", "Policy", "SystemYear", "simulate_year", "StaffingProfit",
           "staffing_profit", "PolicySearch", "best_policy", "EXPERIENCE_SCORES"]

WEEKS = 52

#: Illustrative: the 1-5 satisfaction scores of a customer after each kind of experience (shares
#: of 1, 2, 3, 4, 5). Quick, competent service mostly earns 4s and 5s; waiting costs a little,
#: hanging up and failures cost a lot; a quick recovery almost repairs a failure.
EXPERIENCE_SCORES: dict[str, tuple[float, ...]] = {
    "answered in time": (0.02, 0.03, 0.10, 0.45, 0.40),
    "answered late": (0.05, 0.10, 0.25, 0.40, 0.20),
    "hung up": (0.25, 0.25, 0.25, 0.20, 0.05),
    "silent": (0.25, 0.30, 0.25, 0.15, 0.05),
    "unresolved": (0.45, 0.30, 0.15, 0.07, 0.03),
    "resolved": (0.08, 0.12, 0.30, 0.35, 0.15),
    "resolved quickly": (0.03, 0.05, 0.15, 0.42, 0.35),
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
        Bass acquisition per week: 0.03 and 0.38 a year (Sultan, Farley and Lehmann's typical
        values, *reported*) divided by 52, and negative word of mouth from former customers.
    contact_rate : float
        Calls per customer per week (0.05: a call every 20 weeks).
    opening_hours : float
        Hours the phones are open each week.
    aht, target, patience : float
        Average handle time, the answer-time target and callers' mean patience, in seconds.
    failure_rate : float
        Chance per customer per week of a service failure (a late delivery, a faulty product).
    recovery : cxlib.recovery.Scenario
        The recovery model's settings (its approval limit and FCR are the policy's).
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
        on the phones; the discount rate per year (for the customers' value at the year's end).
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
    recovery: Any = field(default_factory=lambda: rc.Scenario(customer_value=1000.0))
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

    def replace(self, **changes: Any) -> "Business":
        """A copy with some settings changed."""
        return replace(self, **changes)


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


def _check_policy(policy: Policy) -> Policy:
    if not isinstance(policy, Policy):
        raise TypeError(f"policy must be a cxlib.system.Policy, got {type(policy).__name__}")
    _checks.positive_int("agents", policy.agents)
    _checks.nonnegative("approval_limit", policy.approval_limit)
    _checks.nonnegative("fcr_training", policy.fcr_training)
    _checks.positive_int("survey_size", policy.survey_size)
    if policy.survey not in ("third party", "agent"):
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
        The same for this week's callers and failing customers only, before anyone leaves.
    survey_week, surveyed_csat, surveyed_low, surveyed_high : numpy.ndarray
        The monthly survey (one value every 4 weeks): its CSAT with a 95 % interval.
    margin, agent_cost, recovery_cost, training_cost, profit : numpy.ndarray
        Money per week; profit is margin minus the three costs.
    total_profit, customer_value, value_created : float
        The year's profit; the lifetime value of the customers left at the end; and their sum
        minus the value of the customers at the start (what the year added).
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
                f"{p.fcr_training:,.0f}, {p.survey} survey: customers "
                f"{self.customers[0]:,.0f} -> {self.customers[-1]:,.0f}; service level "
                f"{self.service_level.mean():.0%}; true CSAT {self.true_csat[-1]:.1%}, surveyed "
                f"{self.surveyed_csat[-1]:.1%}; profit {self.total_profit:,.0f}; value created "
                f"{self.value_created:,.0f})")


def _fcr(business: Business, spend: float) -> float:
    fcr0 = business.recovery.fcr
    gain = 1.0 - math.exp(-spend / business.training_scale)
    return fcr0 + (max(business.fcr_ceiling, fcr0) - fcr0) * gain


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
        Erlang A for each week's waiting, or the simulator (one replication of the week's calls,
        about 50 times slower).

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
    fcr = _fcr(b, p.fcr_training)
    recovery = rc.expected_outcome(b.recovery.replace(
        approval_limit=p.approval_limit, fcr=fcr, base_customers=b.customers))
    paths = np.array([recovery.path_shares[k] for k in _PATHS])
    scores = {k: np.asarray(v, dtype=float) for k, v in EXPERIENCE_SCORES.items()}
    stay_year = sv.loyalty_curve(b.competition).at(np.arange(1, 6))
    churn_week = 1.0 - stay_year ** (1.0 / WEEKS)
    base = np.asarray(b.start_scores, dtype=float) * b.customers
    former = 0.0
    rows: dict[str, list] = {k: [] for k in (
        "customers", "former", "acquired", "churned", "calls", "load", "service_level",
        "abandoned", "asa", "failures", "true_csat", "true_top_box", "contact_csat")}
    survey_rows: list[tuple[int, Any]] = []
    month = np.zeros(5)
    path_stay = np.array([getattr(b.recovery.retention, k.replace(" ", "_")) for k in _PATHS])
    for week in range(WEEKS):
        existing = base.sum()
        failures = b.failure_rate * existing
        kept = failures * paths * path_stay  # failing customers who stay, by path (lesson 02)
        complaint_calls = failures * (1 - paths[0]) * recovery.contacts_per_complaint
        calls = b.contact_rate * existing + complaint_calls
        rate = calls / (b.opening_hours * 3600.0)
        in_time, late, gone, asa = _queue_week(rate, b, p.agents, queue, gens["queue"])
        callers = b.contact_rate * existing
        new_scores = (callers * (in_time * scores["answered in time"] + late
                                 * scores["answered late"] + gone * scores["hung up"])
                      + sum(k * scores[name] for k, name in zip(kept, _PATHS)))
        # The touched customers get new scores; failing customers who leave at once are gone.
        base = base * (1.0 - (callers + failures) / existing) + new_scores
        lost_now = failures - kept.sum()
        # This month's callers who got through, thinned each week by the churn of their score:
        # the survey reaches only those still customers when it is sent (survivorship).
        month = month * (1.0 - churn_week) + callers * (
            in_time * scores["answered in time"] + late * scores["answered late"])
        churn = float((base @ churn_week + lost_now) / existing)
        step = cu.customer_flow(market=b.market, periods=1, innovation=b.innovation,
                                word_of_mouth=b.word_of_mouth, churn=churn,
                                negative_word_of_mouth=b.negative_word_of_mouth,
                                existing=int(round(existing)), former=int(round(former)))
        base = base * (1.0 - churn_week) + step.acquired[1] * np.asarray(b.start_scores)
        former = float(step.former[1])
        for key, value in (("customers", base.sum()), ("former", former),
                           ("acquired", step.acquired[1]), ("churned", step.churned[1]),
                           ("calls", calls), ("load", rate * b.aht),
                           ("service_level", in_time), ("abandoned", gone), ("asa", asa),
                           ("failures", failures), ("true_csat", base[3:].sum() / base.sum()),
                           ("true_top_box", base[4] / base.sum()),
                           ("contact_csat", new_scores[3:].sum() / new_scores.sum())):
            rows[key].append(float(value))
        if week % 4 == 3:
            survey_rows.append((week, _survey(month / month.sum(), b, p, gens["survey"])))
            month = np.zeros(5)
    return _assemble(rows, survey_rows, p, b, fcr, recovery)


def _assemble(rows, survey_rows, p: Policy, b: Business, fcr: float, recovery) -> SystemYear:
    arr = {k: np.asarray(v) for k, v in rows.items()}
    staff = q.scheduled_staff(p.agents, b.shrinkage)
    agent_cost = np.full(WEEKS, staff * b.opening_hours * b.wage)
    recovery_cost = arr["failures"] * recovery.cost_per_failure
    training = np.full(WEEKS, p.fcr_training / WEEKS)
    margin = arr["customers"] * b.margin
    profit = margin - agent_cost - recovery_cost - training
    weekly_discount = (1.0 + b.discount) ** (1.0 / WEEKS) - 1.0
    stay = 1.0 - float(arr["churned"][-1] / arr["customers"][-1])
    value_end = float(arr["customers"][-1] * cu.lifetime_value(b.margin, stay, weekly_discount))
    value_start = float(b.customers * cu.lifetime_value(b.margin, stay, weekly_discount))
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
        customer_value=value_end, value_created=float(profit.sum()) + value_end - value_start,
        fcr=fcr, policy=p, business=b,
    )


@dataclass(frozen=True, repr=False)
class StaffingProfit(Result):
    """A year's results for a range of team sizes, with three answers to "how many agents?".

    Attributes
    ----------
    agents : numpy.ndarray of int
    total_profit, value_created, service_level, customers_end, agent_cost : numpy.ndarray
        For each team size: the year's profit, profit plus the change in the customers' value,
        the mean weekly service level, the customers at the year's end, the year's wages.
    best : int
        The team that creates the most value (profit plus customers kept).
    rule_8020 : int
        The fewest agents for 80 % within the target for the first week's calls (Erlang A).
    cheapest : int
        The contact centre's own cost optimum: wages against callers' waiting and hanging up
        (``queueing.optimal_staffing``), blind to what customers are worth.

    Examples
    --------
    >>> s = staffing_profit([10, 13], seed=1, progress=False)
    >>> s.agents.tolist(), s.best in (10, 13)
    ([10, 13], True)
    """

    agents: np.ndarray
    total_profit: np.ndarray
    value_created: np.ndarray
    service_level: np.ndarray
    customers_end: np.ndarray
    agent_cost: np.ndarray
    best: int
    rule_8020: int
    cheapest: int

    def __repr__(self) -> str:
        return (f"StaffingProfit(agents {int(self.agents[0])}-{int(self.agents[-1])}: most "
                f"value at {self.best}, 80/20 at {self.rule_8020}, cheapest roster at "
                f"{self.cheapest})")


def _rules(b: Business, calls: float) -> tuple[int, int]:
    """80/20 by Erlang A, and the contact centre's cost optimum, for ``calls`` a week."""
    rate = calls / (b.opening_hours * 3600.0)
    rule = q.agents_needed(rate, b.aht, b.target, 0.8, patience=b.patience)
    cheapest = q.optimal_staffing(rate * 3600, b.aht / 3600, b.wage / (1 - b.shrinkage),
                                  b.wait_cost, patience=b.patience / 3600,
                                  abandon_cost=b.abandon_cost).agents
    return int(rule), int(cheapest)


def staffing_profit(agents: Sequence[int], policy: Policy | None = None,
                    business: Business | None = None, *, seed: Seed = None,
                    progress: bool = True) -> StaffingProfit:
    """Run the year for each team size and compare the value-maximising team with the rules.

    Parameters
    ----------
    agents : sequence of int
        The team sizes to compare.
    policy : Policy, optional
        The other levers (its ``agents`` is replaced by each value in turn).
    business : Business, optional
    seed : int, numpy.random.Generator or None
        The same seed for every team size, so only staffing differs.
    progress : bool, default True
        Show a progress bar (``tqdm.auto``: a widget in JupyterLab, text elsewhere).

    Returns
    -------
    StaffingProfit

    Examples
    --------
    >>> s = staffing_profit(range(10, 17), seed=1, progress=False)
    >>> s.rule_8020, s.cheapest, s.best
    (11, 8, 13)
    """
    from tqdm.auto import tqdm

    team = np.atleast_1d(_checks.positive_int("agents", list(agents)))
    p = Policy() if policy is None else _check_policy(policy)
    b = Business() if business is None else business
    years = [simulate_year(p.replace(agents=int(n)), b, seed=seed)
             for n in tqdm(team, desc="team sizes", disable=not progress, leave=False)]
    value = np.array([y.value_created for y in years])
    rule, cheapest = _rules(b, years[0].calls[0])  # the first week's calls, as planned
    return StaffingProfit(
        agents=team, total_profit=np.array([y.total_profit for y in years]),
        value_created=value, service_level=np.array([y.service_level.mean() for y in years]),
        customers_end=np.array([y.customers[-1] for y in years]),
        agent_cost=np.array([y.agent_cost.sum() for y in years]),
        best=int(team[int(np.argmax(value))]), rule_8020=rule, cheapest=cheapest,
    )


@dataclass(frozen=True, repr=False)
class PolicySearch(Result):
    """Every policy tried by :func:`best_policy`, and the best one within the budget.

    Attributes
    ----------
    agents, approval_limit, fcr_training, spend, value_created, within_budget : numpy.ndarray
        One entry per policy tried: its levers, its yearly spend on wages and training, the
        value it created, and whether it fits the budget.
    best : Policy
        The policy within the budget that creates the most value.
    best_value : float
    budget : float

    Examples
    --------
    >>> found = best_policy(2e6, agents=[12], approval_limits=[0, 100], fcr_training=[0],
    ...                     seed=1, progress=False)
    >>> found.to_frame()[["approval_limit", "within_budget"]].values.tolist()
    [[100.0, True], [0.0, True]]
    """

    agents: np.ndarray
    approval_limit: np.ndarray
    fcr_training: np.ndarray
    spend: np.ndarray
    value_created: np.ndarray
    within_budget: np.ndarray
    best: Policy
    best_value: float
    budget: float

    def __repr__(self) -> str:
        b = self.best
        return (f"PolicySearch({len(self.agents)} policies, {int(self.within_budget.sum())} "
                f"within {self.budget:,.0f}: best {b.agents} agents, limit "
                f"{b.approval_limit:g}, training {b.fcr_training:,.0f}, value "
                f"{self.best_value:,.0f})")

    def to_frame(self):
        """The policies tried, as a pandas DataFrame, best value first."""
        import pandas as pd

        frame = pd.DataFrame({k: getattr(self, k) for k in (
            "agents", "approval_limit", "fcr_training", "spend", "value_created",
            "within_budget")})
        return frame.sort_values("value_created", ascending=False, ignore_index=True)


def best_policy(budget: float, *, agents: Sequence[int], approval_limits: Sequence[float],
                fcr_training: Sequence[float], business: Business | None = None,
                survey: str = "third party", seed: Seed = None,
                progress: bool = True) -> PolicySearch:
    """Search a grid of policies for the one that creates the most value within a budget.

    The budget caps the year's wages (the roster, with shrinkage) plus training.

    Parameters
    ----------
    budget : float
        Money for wages and training over the year.
    agents, approval_limits, fcr_training : sequences
        The values of each lever to try; every combination is run.
    business : Business, optional
    survey : {"third party", "agent"}
        Who runs the survey (it changes what the manager sees, not the customers).
    seed : int, numpy.random.Generator or None
    progress : bool, default True
        Show a progress bar (``tqdm.auto``).

    Returns
    -------
    PolicySearch

    Examples
    --------
    >>> found = best_policy(1_700_000, agents=[11, 13], approval_limits=[0, 100],
    ...                     fcr_training=[0, 50_000], seed=1, progress=False)
    >>> found.best.agents, found.best.approval_limit, found.best.fcr_training
    (11, 100.0, 50000.0)
    """
    from tqdm.auto import tqdm

    budget = _checks.positive("budget", budget)
    b = Business() if business is None else business
    team = np.atleast_1d(_checks.positive_int("agents", list(agents)))
    limits = np.atleast_1d(_checks.nonnegative("approval_limits", list(approval_limits)))
    spend_t = np.atleast_1d(_checks.nonnegative("fcr_training", list(fcr_training)))
    grid = [(int(n), float(lim), float(t)) for n in team for lim in limits for t in spend_t]
    rows = []
    for n, lim, t in tqdm(grid, desc="policies", disable=not progress, leave=False):
        p = Policy(agents=n, approval_limit=lim, fcr_training=t, survey=survey)
        year = simulate_year(p, b, seed=seed)
        spend = float(year.agent_cost.sum()) + t
        rows.append((n, lim, t, spend, year.value_created, spend <= budget))
    cols = [np.array(c) for c in zip(*rows)]
    ok = cols[5].astype(bool)
    if not ok.any():
        raise ValueError(
            f"budget ({budget:,.0f}) is below every policy's spend (the cheapest spends "
            f"{cols[3].min():,.0f}): raise it, or try fewer agents and less training"
        )
    i = int(np.flatnonzero(ok)[np.argmax(cols[4][ok])])
    best = Policy(agents=int(cols[0][i]), approval_limit=float(cols[1][i]),
                  fcr_training=float(cols[2][i]), survey=survey)
    return PolicySearch(agents=cols[0], approval_limit=cols[1], fcr_training=cols[2],
                        spend=cols[3], value_created=cols[4], within_budget=ok, best=best,
                        best_value=float(cols[4][i]), budget=budget)
