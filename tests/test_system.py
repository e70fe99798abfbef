"""cxlib.system: the year joins the topics correctly, and its answers are the topics' answers.

Each test recomputes a piece of the year with the topic modules called directly (queueing,
recovery, customers, surveys), so a slip in the joining shows as a difference.
"""

from __future__ import annotations

import io
import math
import contextlib

import numpy as np
import pytest

from cxlib import customers as cu
from cxlib import queueing as q
from cxlib import recovery as rc
from cxlib import surveys as sv
from cxlib import system as sy


@pytest.fixture(scope="module")
def year():
    return sy.simulate_year(sy.Policy(agents=12), seed=3)


def test_the_customer_base_adds_up_week_by_week(year):
    before = np.concatenate([[year.business.customers], year.customers[:-1]])
    assert np.allclose(year.customers, before - year.churned + year.acquired, atol=1.5)
    assert np.all(np.diff(year.former) >= -1e-9)  # former customers only accumulate
    assert np.all(year.customers + year.former <= year.business.market)


def test_each_weeks_waiting_is_erlang_a_at_that_weeks_load(year):
    b = year.business
    for w in (0, 20, 51):
        rate = year.load[w] / b.aht
        a = q.erlang_a(rate, b.aht, year.policy.agents, b.patience)
        assert year.service_level[w] == pytest.approx(a.service_level(b.target), rel=1e-12)
        assert year.abandoned[w] == pytest.approx(a.p_abandon, rel=1e-12)
        assert year.asa[w] == pytest.approx(a.mean_wait_answered, rel=1e-12)
        assert year.calls[w] == pytest.approx(rate * b.opening_hours * 3600, rel=1e-12)


def test_failures_run_through_the_recovery_model(year):
    b, p = year.business, year.policy
    out = rc.expected_outcome(b.recovery.replace(
        approval_limit=p.approval_limit, fcr=year.fcr, base_customers=b.customers,
        p_fail=b.failure_rate, period_hours=b.opening_hours))
    np.testing.assert_allclose(year.recovery_cost, year.failures * out.cost_per_failure)
    assert year.failures[0] == pytest.approx(b.failure_rate * b.customers)


def test_the_first_week_s_calls_are_ordinary_contacts_plus_complaints(year):
    """Customers call at the contact rate, and each failure that is complained about (share
    p_complain; the silent ones never call) brings the recovery model's contacts per complaint."""
    b, p = year.business, year.policy
    out = rc.expected_outcome(b.recovery.replace(
        approval_limit=p.approval_limit, fcr=year.fcr, base_customers=b.customers,
        p_fail=b.failure_rate, period_hours=b.opening_hours))
    expected = (b.contact_rate * b.customers
                + year.failures[0] * b.recovery.p_complain * out.contacts_per_complaint)
    assert year.calls[0] == pytest.approx(expected, rel=1e-12)


def test_the_approval_desk_sees_the_systems_own_failures():
    """The desk's requests come from the year's failures (per opening hour), not from the
    recovery model's default quarter: recomputed here by hand from the path probabilities."""
    b = sy.Business()
    y = sy.simulate_year(sy.Policy(agents=12, approval_limit=0), seed=1)
    sc = b.recovery
    unresolved = (1 - y.fcr) * (1 - sc.repeat_resolution) ** (sc.max_contacts - 1)
    per_hour = b.failure_rate * b.customers / b.opening_hours * sc.p_complain * (1 - unresolved)
    out = rc.expected_outcome(sc.replace(approval_limit=0, fcr=y.fcr, base_customers=b.customers,
                                         p_fail=b.failure_rate, period_hours=b.opening_hours))
    assert out.queue.arrival_rate == pytest.approx(per_hour, rel=1e-9)  # every remedy, at L = 0
    assert out.queue.stable  # one supervisor keeps up with 100,000 customers' failures


def test_money_adds_up_and_customers_are_valued_with_lifetime_value(year):
    b = year.business
    np.testing.assert_allclose(year.profit, year.margin - year.agent_cost - year.recovery_cost
                               - year.training_cost)
    assert year.agent_cost[0] == pytest.approx(12 / (1 - b.shrinkage) * b.opening_hours * b.wage)
    weekly = (1 + b.discount) ** (1 / 52) - 1
    stay = 1 - year.churned[-1] / year.customers[-2]  # the last week's churn, as a rate
    # The end value starts with week 53's margin: week 52's is already in the profit.
    assert year.customer_value == pytest.approx(
        year.customers[-1] * b.margin * stay / (1 + weekly - stay), rel=1e-12)
    # What the year added: the weekly profits and the end value, discounted to the start,
    # against the customers at the start valued the same way at the churn their starting scores
    # and the business's own failures imply (the same for every policy).
    start_stay = np.asarray(b.start_scores) @ sv.loyalty_curve(b.competition).at(
        np.arange(1, 6)) ** (1 / 52)
    own = rc.expected_outcome(b.recovery.replace(
        base_customers=b.customers, p_fail=b.failure_rate, period_hours=b.opening_hours))
    start_stay *= 1 - b.failure_rate * (1 - own.retention_after_failure)  # as in each week
    start_value = b.customers * b.margin * start_stay / (1 + weekly - start_stay)
    back = (1 + b.discount) ** (-np.arange(1, 53) / 52)
    assert year.value_created == pytest.approx(
        year.profit @ back + year.customer_value / (1 + b.discount) - start_value, rel=1e-9)


def test_a_steady_business_creates_no_value_beyond_its_costs():
    """The reference and the end value are the same valuation: with no acquisition, no calls
    that change scores and a base whose churn does not drift, the value created is the
    discounted margins and end value minus the start value, which is minus the year's
    discounted costs (up to the drift of the score mix)."""
    b = sy.Business(innovation=0.0, word_of_mouth=0.0, negative_word_of_mouth=0.0,
                    start_scores=(0.0, 0.0, 0.0, 1.0, 0.0), contact_rate=1e-9)
    y = sy.simulate_year(sy.Policy(agents=12), b, seed=1)
    back = (1 + b.discount) ** (-np.arange(1, 53) / 52)
    costs = (y.agent_cost + y.recovery_cost + y.training_cost) @ back
    # (customer_flow counts whole customers: the rounding moves the value by about 1e-4)
    assert y.value_created == pytest.approx(-costs, rel=2e-4)
    assert abs(y.value_created + costs) < 0.01 * b.customers * b.margin  # not a week's margin


def test_every_agent_costs_the_same():
    """Wages are paid seat-hours, agents / (1 - shrinkage), not a roster rounded to whole seats
    (which made the extra agent cost one seat or two in turn)."""
    b = sy.Business()
    cost = np.array([sy.simulate_year(sy.Policy(agents=n), b, seed=1).agent_cost.sum()
                     for n in range(8, 19)])
    steps = np.diff(cost)
    assert steps == pytest.approx(np.full(len(steps), 52 * b.opening_hours * b.wage
                                          / (1 - b.shrinkage)), rel=1e-12)
    assert sy.paid_seats(13, 0.3) == pytest.approx(13 / 0.7)


def test_a_failure_is_counted_once():
    """TARP's retention is a failure's whole loyalty effect: the failing customers who stay keep
    their scores. So, with no calls and no acquisition, failures change who is a customer but not the score mix of those who remain, and the
    week's churn is the loyalty curve's plus the failures lost at once. Under double counting
    (survivors given a failure path's low score) the census would fall with failures."""
    quiet = dict(innovation=0.0, word_of_mouth=0.0, negative_word_of_mouth=0.0,
                 contact_rate=1e-9)  # nobody calls: only failures could move a score
    fail, none = (sy.simulate_year(sy.Policy(agents=12), sy.Business(failure_rate=f, **quiet),
                                   seed=1) for f in (0.002, 0.0))
    np.testing.assert_allclose(fail.true_csat, none.true_csat, atol=1e-9)
    b = fail.business
    out = rc.expected_outcome(b.recovery.replace(
        approval_limit=25, fcr=fail.fcr, base_customers=b.customers, p_fail=b.failure_rate,
        period_hours=b.opening_hours))
    lost = b.failure_rate * b.customers * (1 - out.retention_after_failure)
    loyal = none.churned[0] / b.customers  # the curve's churn; it no longer reaches the lost
    assert fail.churned[0] - none.churned[0] == pytest.approx(lost * (1 - loyal), rel=1e-9)


def test_churn_follows_the_scores_on_the_loyalty_curve():
    """A census at the start: the week's churn is the scores' mix on the curve, per week."""
    b = sy.Business(failure_rate=0.0, contact_rate=1e-9)  # nobody is touched: scores stay put
    y = sy.simulate_year(sy.Policy(agents=12), b, seed=1)
    stay = sv.loyalty_curve(b.competition).at(np.arange(1, 6)) ** (1 / 52)
    expected = (1 - stay) @ np.asarray(b.start_scores)
    assert y.churned[0] / b.customers == pytest.approx(expected, rel=1e-3)
    # Untouched, the base still drifts: low scores leave faster, so current customers look
    # more satisfied each week (survivorship, lesson 03), though nobody's score changed.
    assert y.true_csat[0] == pytest.approx(sum(b.start_scores[3:]), abs=0.002)
    assert np.all(np.diff(y.true_csat) > 0)


def test_better_service_keeps_more_customers_and_raises_true_satisfaction():
    years = [sy.simulate_year(sy.Policy(agents=n), seed=1) for n in (9, 12, 16)]
    assert years[0].service_level.mean() < years[1].service_level.mean() < years[2].service_level.mean()
    assert years[0].customers[-1] < years[1].customers[-1] < years[2].customers[-1]
    assert years[0].true_csat[-1] < years[1].true_csat[-1] < years[2].true_csat[-1]


def test_training_raises_fcr_towards_its_ceiling():
    b = sy.Business()
    fcr = [sy.simulate_year(sy.Policy(fcr_training=t), seed=1).fcr for t in (0, 1e5, 1e9)]
    assert fcr[0] == b.recovery.fcr and fcr[0] < fcr[1] < fcr[2]
    assert fcr[1] == pytest.approx(b.recovery.fcr + (b.fcr_ceiling - b.recovery.fcr)
                                   * (1 - math.exp(-1)))
    assert fcr[2] == pytest.approx(b.fcr_ceiling)


def test_the_survey_flatters_and_its_intervals_cover_what_it_can_see():
    """The survey hears the callers who got through: higher than the census of all customers.

    With no response bias and no gaming, each month's interval should cover the CSAT of the
    callers it samples (recomputed here from the week's queue outcomes and the score table)
    about 95 % of the time.
    """
    y = sy.simulate_year(sy.Policy(agents=12), seed=5)
    assert np.all(y.surveyed_csat > y.true_csat[y.survey_week - 1])
    fair = sy.Business(response_extremity=0.0, screening=0.0, nudge=0.0)
    hits = total = 0
    for seed in range(12):
        yy = sy.simulate_year(sy.Policy(agents=12, survey_size=300), fair, seed=seed)
        table = {k: np.asarray(v) for k, v in sy.EXPERIENCE_SCORES.items()}
        for i, week in enumerate(yy.survey_week):
            w = np.arange(week - 4, week)
            got = (yy.service_level[w, None] * table["answered in time"]
                   + (1 - yy.service_level[w, None] - yy.abandoned[w, None])
                   * table["answered late"])
            truth = got.sum(axis=0)
            truth = truth[3:].sum() / truth.sum()
            hits += yy.surveyed_low[i] <= truth <= yy.surveyed_high[i]
            total += 1
    # Survivorship thins low scores a little before the survey: allow that small shift.
    assert hits / total > 0.85, hits / total


def test_an_agent_run_survey_reads_higher_than_a_third_party_one():
    third = sy.simulate_year(sy.Policy(agents=12), seed=2)
    agent = sy.simulate_year(sy.Policy(agents=12, survey="agent"), seed=2)
    assert agent.surveyed_csat.mean() > third.surveyed_csat.mean() + 0.02
    np.testing.assert_array_equal(agent.customers, third.customers)  # customers never notice


def test_the_simulator_agrees_with_the_formulas():
    formulas = sy.simulate_year(sy.Policy(agents=12), seed=4)
    simulated = sy.simulate_year(sy.Policy(agents=12), seed=4, queue="simulation")
    # Each week is one run of about 5,000 calls: a few points of noise around Erlang A.
    assert abs(simulated.service_level.mean() - formulas.service_level.mean()) < 0.02
    assert abs(simulated.customers[-1] - formulas.customers[-1]) < 200


def test_same_seed_same_year_and_flows_do_not_depend_on_it():
    a, b = (sy.simulate_year(sy.Policy(), seed=9) for _ in range(2))
    np.testing.assert_array_equal(a.surveyed_csat, b.surveyed_csat)
    c = sy.simulate_year(sy.Policy(), seed=10)
    np.testing.assert_array_equal(a.customers, c.customers)
    assert not np.array_equal(a.surveyed_csat, c.surveyed_csat)


def test_staffing_profit_against_independent_runs_and_the_rules():
    s = sy.staffing_profit([10, 12, 14], seed=1, progress=False)
    years = [sy.simulate_year(sy.Policy(agents=n), seed=1) for n in (10, 12, 14)]
    direct = [y.value_created for y in years]
    np.testing.assert_allclose(s.value_created, direct)
    np.testing.assert_allclose(s.customer_value, [y.customer_value for y in years])
    np.testing.assert_allclose(s.true_csat, [y.true_csat[-1] for y in years])
    assert s.best == [10, 12, 14][int(np.argmax(direct))]
    b = sy.Business()
    first = sy.simulate_year(sy.Policy(agents=10), seed=1)
    rate = first.calls[0] / (b.opening_hours * 3600)
    assert s.rule_8020 == q.agents_needed(rate, b.aht, b.target, 0.8, patience=b.patience)
    assert s.cheapest == q.optimal_staffing(rate * 3600, b.aht / 3600, b.wage / (1 - b.shrinkage),
                                            b.wait_cost, patience=b.patience / 3600,
                                            abandon_cost=b.abandon_cost).agents
    assert s.cheapest < s.rule_8020


def test_the_progress_bar_shows_and_changes_nothing():
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        shown = sy.staffing_profit([11, 12], seed=1, progress=True)
    assert "team sizes" in err.getvalue()
    quiet = io.StringIO()
    with contextlib.redirect_stderr(quiet):
        hidden = sy.staffing_profit([11, 12], seed=1, progress=False)
    assert quiet.getvalue() == ""
    np.testing.assert_array_equal(shown.value_created, hidden.value_created)


def test_best_policy_is_the_best_within_the_budget():
    found = sy.best_policy(1_650_000, agents=[10, 12, 14], approval_limits=[0, 100],
                           fcr_training=[0, 50_000], seed=1, progress=False)
    frame = found.to_frame()
    ok = frame[frame.within_budget]
    assert found.best_value == ok.value_created.max()
    assert (ok.spend <= 1_650_000).all() and (frame[~frame.within_budget].spend > 1_650_000).all()
    assert set(ok.agents) == {10, 12}  # 14 agents (20 on the roster) cost more than the budget
    again = sy.simulate_year(found.best, seed=1)
    assert again.value_created == pytest.approx(found.best_value)
    with pytest.raises(ValueError) as err:
        sy.best_policy(1_000, agents=[10], approval_limits=[0], fcr_training=[0],
                       progress=False)
    assert str(err.value).startswith("budget (1,000) is below every policy's spend")


def test_best_policy_over_budget_names_the_cheapest_spend():
    spend = float(sy.simulate_year(sy.Policy(agents=10, approval_limit=0), seed=1)
                  .agent_cost.sum())
    with pytest.raises(ValueError) as err:
        sy.best_policy(1_000, agents=[10], approval_limits=[0], fcr_training=[0], seed=1,
                       progress=False)
    assert str(err.value) == (f"budget (1,000) is below every policy's spend (the cheapest "
                              f"spends {spend:,.0f}): raise it, or try fewer agents and less "
                              "training")


def test_the_80_20_rule_takes_the_week_s_calls_per_second_exactly():
    """At the exact number of weekly calls where the 80/20 team grows by one, the rule must
    already staff the larger team: a rate computed even 0.03 % low would not (the search is
    stopped after 20 seconds, in case a wrong rate makes it crawl)."""
    import signal

    from cxlib.system.decisions import _rules

    b = sy.Business()
    seconds = b.opening_hours * 3600.0

    def need(calls):
        return q.agents_needed(calls / seconds, b.aht, b.target, 0.8, patience=b.patience)

    lo, hi = 20_000.0, 30_000.0
    n0 = need(lo)
    while need(hi) == n0:
        hi *= 1.5
    for _ in range(60):  # bisect to the first number of calls that needs more agents
        mid = (lo + hi) / 2
        lo, hi = (mid, hi) if need(mid) == n0 else (lo, mid)

    def too_slow(signum, frame):
        raise TimeoutError("the staffing rules took more than 20 s")

    old = signal.signal(signal.SIGALRM, too_slow)
    signal.alarm(20)
    try:
        assert _rules(b, hi)[0] == need(hi) > n0
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, old)


def test_best_policy_lists_each_policy_s_training_and_its_cost():
    found = sy.best_policy(2e6, agents=[12], approval_limits=[25], fcr_training=[0, 40_000],
                           seed=1, progress=False)
    assert found.fcr_training.tolist() == [0.0, 40_000.0]
    assert sorted(found.to_frame().fcr_training) == [0.0, 40_000.0]  # (best first there)
    # The same team and seed: the training budget is the whole difference in spend.
    assert found.spend[1] - found.spend[0] == pytest.approx(40_000)
    with pytest.raises(ValueError) as err:
        sy.best_policy(2e6, agents=[12], approval_limits=[25], fcr_training=[0, -5],
                       progress=False)
    assert str(err.value) == "fcr_training must be a non-negative number, got -5 at index 1"


def test_callers_who_complained_and_stayed_are_surveyed_too():
    """With (almost) no ordinary calls, the survey's pool is the complainers who stayed. They
    keep their scores (the failure's loyalty effect is its path's retention), so an unbiased
    survey of them reads the census of the month."""
    quiet = sy.Business(contact_rate=1e-9, response_extremity=0.0, screening=0.0, nudge=0.0)
    y = sy.simulate_year(sy.Policy(agents=12, survey_size=2000), quiet, seed=1)
    truth = y.true_csat[y.survey_week - 1]
    inside = (y.surveyed_low <= truth) & (truth <= y.surveyed_high)
    assert inside.mean() >= 0.75, (truth, y.surveyed_csat)
    assert abs(y.surveyed_csat.mean() - truth.mean()) < 0.01
    assert np.all(y.surveyed_high - y.surveyed_low < 0.06)  # about 2,000 answers a month


@pytest.mark.parametrize("settings, error, message", [
    ({"competition": 1.5}, ValueError, "competition must be a number from 0 to 1, got 1.5"),
    ({"customers": 300_000}, ValueError,
     "customers (300,000) cannot exceed the market (250,000)"),
    ({"shrinkage": 30}, ValueError,
     "shrinkage must be a number from 0 up to (but not including) 1, got 30; did you mean 0.3?"),
    ({"start_scores": (0.2, 0.2, 0.2, 0.2, 0.1)}, ValueError,
     "start_scores must be five shares of scores 1 to 5 adding up to 1, got "
     "[0.2, 0.2, 0.2, 0.2, 0.1]"),
    ({"aht": [300, 360]}, TypeError, "Business works on one case at a time: aht must be a "
     "single number, got an array of shape (2,); call it once per case"),
    ({"recovery": 3}, TypeError, "recovery must be a cxlib.recovery.Scenario, got int"),
])
def test_bad_business_settings_are_named(settings, error, message):
    with pytest.raises(error) as err:
        sy.Business(**settings)
    assert str(err.value) == message


@pytest.mark.parametrize("policy, message", [
    (sy.Policy(agents=0), "agents must be a positive integer, got 0"),
    (sy.Policy(approval_limit=-5), "approval_limit must be a non-negative number, got -5"),
    (sy.Policy(survey="boss"), "survey must be 'third party' or 'agent', got 'boss'"),
    (sy.Policy(survey_size=0), "survey_size must be a positive integer, got 0"),
])
def test_bad_policies_are_named(policy, message):
    with pytest.raises(ValueError) as err:
        sy.simulate_year(policy)
    assert str(err.value) == message


def test_bad_arguments_are_named():
    with pytest.raises(TypeError) as err:
        sy.simulate_year({"agents": 12})
    assert str(err.value) == "policy must be a cxlib.system.Policy, got dict"
    with pytest.raises(ValueError) as err:
        sy.simulate_year(sy.Policy(), queue="magic")
    assert str(err.value) == "queue must be 'formulas' or 'simulation', got 'magic'"


def RESULT_EXAMPLES():
    """One instance of each system result type, for tests/test_results.py."""
    return [sy.Business(), sy.Policy(), sy.simulate_year(sy.Policy(), seed=1),
            sy.staffing_profit([11, 12], seed=1, progress=False),
            sy.best_policy(2e6, agents=[12], approval_limits=[25], fcr_training=[0],
                           progress=False)]


def test_a_year_prints_its_policy_and_its_own_numbers():
    y = sy.simulate_year(sy.Policy(agents=11, survey="agent"), seed=7)
    text = repr(y)
    assert text.startswith(f"SystemYear(11 agents, approval limit {y.policy.approval_limit:g}, ")
    assert "agent-run survey: customers " in text  # the same words as the charts' captions
    assert f"service level {y.service_level.mean():.0%}; " in text
    assert f"census CSAT {y.true_csat[-1]:.1%} in week 52, " in text
    assert f"survey {y.surveyed_csat[-1]:.1%} in the last month; profit {y.total_profit:,.0f};" \
        in text
