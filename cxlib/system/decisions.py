"""Decisions on the system: which team, and which policy within a budget, create most value."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .. import _checks
from .. import queueing as q
from .._results import Result
from ..seeding import Seed
from .year import Business, Policy, _check_policy, simulate_year

__all__ = ["StaffingProfit", "staffing_profit", "PolicySearch", "best_policy"]


@dataclass(frozen=True, repr=False)
class StaffingProfit(Result):
    """A year's results for a range of team sizes, with three answers to "how many agents?".

    Attributes
    ----------
    agents : numpy.ndarray of int
    total_profit, value_created, service_level, customers_end, agent_cost : numpy.ndarray
        For each team size: the year's profit, the value created (discounted profit and end
        value, less the fixed reference), the mean weekly service level, the customers at the
        year's end, the year's wages.
    customer_value, true_csat : numpy.ndarray
        For each team size: the lifetime value of the customers left at the end, and the CSAT
        of all customers in the last week (the census).
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
    customer_value: np.ndarray
    true_csat: np.ndarray
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
    (11, 8, 15)
    """
    from tqdm.auto import tqdm

    team = np.atleast_1d(_checks.positive_int("agents", list(agents)))
    p = Policy() if policy is None else _check_policy(policy)
    b = Business() if business is None else business
    # The finished bar stays (tqdm's leave=True): in JupyterLab a bar that closes itself leaves
    # its cell's output pointing at a widget that no longer exists.
    years = [simulate_year(p.replace(agents=int(n)), b, seed=seed)
             for n in tqdm(team, desc="team sizes", disable=not progress)]
    value = np.array([y.value_created for y in years])
    rule, cheapest = _rules(b, years[0].calls[0])  # the first week's calls, as planned
    return StaffingProfit(
        agents=team, total_profit=np.array([y.total_profit for y in years]),
        value_created=value, service_level=np.array([y.service_level.mean() for y in years]),
        customers_end=np.array([y.customers[-1] for y in years]),
        agent_cost=np.array([y.agent_cost.sum() for y in years]),
        customer_value=np.array([y.customer_value for y in years]),
        true_csat=np.array([y.true_csat[-1] for y in years]),
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

    The budget caps the year's wages (paid seat-equivalents, with shrinkage) plus training.

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
    (13, 100.0, 50000.0)
    """
    from tqdm.auto import tqdm

    budget = _checks.positive("budget", budget)
    b = Business() if business is None else business
    team = np.atleast_1d(_checks.positive_int("agents", list(agents)))
    limits = np.atleast_1d(_checks.nonnegative("approval_limits", list(approval_limits)))
    spend_t = np.atleast_1d(_checks.nonnegative("fcr_training", list(fcr_training)))
    grid = [(int(n), float(lim), float(t)) for n in team for lim in limits for t in spend_t]
    rows = []
    for n, lim, t in tqdm(grid, desc="policies", disable=not progress):
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
