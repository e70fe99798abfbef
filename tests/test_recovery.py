"""Tests for cxlib.recovery, against references computed independently.

The references here take other routes than the library: the contact law by walking the contacts
one by one; the lognormal's probabilities and partial means with scipy.stats and numerical
quadrature; the approval delay's law by integrating the convolution of the Erlang C wait and the
review with mpmath; the approval queue with cxlib.queueing called afresh from a request rate
worked out here; a cohort's survival by powers of a Markov-chain matrix. The simulation is
checked against the exact expectations within a few standard errors (z at most 4.5; a correct
simulation fails one such check in about 150,000).
"""

from __future__ import annotations

import dataclasses
import math

import mpmath as mp
import numpy as np
import pytest
from scipy import integrate, stats

from cxlib import queueing as q
from cxlib import recovery as rc

mp.mp.dps = 30
Z_MAX = 4.5

SCENARIOS = {
    "default": rc.Scenario(),
    "every remedy approved": rc.Scenario(approval_limit=0),
    "unstable queue": rc.Scenario(approval_limit=0, approval_time=1.0),
    "paradox with a retention effect": rc.Scenario(
        paradox=True, paradox_retention=0.1, approval_limit=50, baseline_retention=0.97),
    "small stakes, odd settings": rc.Scenario(
        retention=rc.TARP_UNDER_5, fcr=0.3, repeat_resolution=0.3, max_contacts=3,
        repeat_delay=0.5, quick_within=2.0, compensation=0.7, supervisors=3, approval_time=1.2,
        approval_limit=10, p_complain=0.2, paradox=True, justice_weights=(0.5, 0.2, 0.3)),
}


# ---------------------------------------------------------------------------------------------
# independent references
# ---------------------------------------------------------------------------------------------


def ref_contacts(fcr, repeat, max_contacts):
    """P(resolved at contact k) for k = 1..m and P(unresolved), walking contact by contact."""
    resolved_at, still_open = [], 1.0
    for k in range(1, max_contacts + 1):
        p = fcr if k == 1 else repeat
        resolved_at.append(still_open * p)
        still_open *= 1 - p
    return resolved_at, still_open


def ref_stake(sc):
    """The stake as a scipy.stats lognormal with the scenario's mean and CV."""
    sigma = math.sqrt(math.log(1 + sc.stake_cv**2))
    return stats.lognorm(s=sigma, scale=sc.mean_stake * math.exp(-sigma**2 / 2))


def ref_partial_mean(dist, lo, hi):
    """E[X; lo < X <= hi] by quadrature."""
    hi = min(hi, dist.ppf(1 - 1e-15))
    if hi <= lo:
        return 0.0
    return integrate.quad(lambda x: x * dist.pdf(x), lo, hi, limit=200)[0]


def ref_request_rate(sc, limit):
    _, unresolved = ref_contacts(sc.fcr, sc.repeat_resolution, sc.max_contacts)
    above = ref_stake(sc).sf(limit / sc.compensation) if sc.compensation > 0 else 0.0
    return sc.base_customers * sc.p_fail / sc.period_hours * sc.p_complain * (1 - unresolved) \
        * above


def ref_delay_cdf(c, rate, approval_time, supervisors, t):
    """P(wait + review <= t) by integrating the convolution with mpmath."""
    if t < 0:
        return mp.mpf(0)
    mu = mp.mpf(1) / approval_time
    gamma = supervisors * mu - rate
    review = lambda s: 1 - mp.exp(-mu * s)  # noqa: E731
    waited = mp.quad(lambda w: gamma * mp.exp(-gamma * w) * review(t - w), [0, t])
    return (1 - c) * review(t) + c * waited


def ref_delay_transform(c, rate, approval_time, supervisors, theta):
    mu = mp.mpf(1) / approval_time
    gamma = supervisors * mu - rate
    review = mp.quad(lambda s: mu * mp.exp(-(mu + theta) * s), [0, mp.inf])
    waited = mp.quad(lambda w: gamma * mp.exp(-(gamma + theta) * w), [0, mp.inf])
    return ((1 - c) + c * waited) * review


def ref_outcome(sc):
    """Path shares, retention, contacts, cost and satisfaction of one failure, by loops."""
    dist = ref_stake(sc)
    pi, unresolved = ref_contacts(sc.fcr, sc.repeat_resolution, sc.max_contacts)
    threshold = sc.approval_limit / sc.compensation if sc.compensation > 0 else math.inf
    below = dist.cdf(threshold)
    rate = ref_request_rate(sc, sc.approval_limit)
    load = rate * sc.approval_time
    stable = load < sc.supervisors
    c = q.erlang_c(load, sc.supervisors) if stable else 1.0
    # an overloaded desk decides what its supervisors can: n / s requests an hour
    decided = 1.0 if load <= sc.supervisors else sc.supervisors / load
    small = dist.cdf(sc.paradox_max_stake)
    small_fast = dist.cdf(min(sc.paradox_max_stake, threshold))
    quick = resolved = eligible = procedural = 0.0
    for k, p_k in enumerate(pi, start=1):
        lag = (k - 1) * sc.repeat_delay
        g = float(ref_delay_cdf(c, rate, sc.approval_time, sc.supervisors,
                                sc.quick_within - lag)) if stable else 0.0
        spot = 1.0 if lag <= sc.quick_within else 0.0
        quick += p_k * (below * spot + (1 - below) * g)
        resolved += p_k * (below + (1 - below) * decided)
        eligible += p_k * (small_fast * spot + max(small - small_fast, 0) * g)
        speed = float(ref_delay_transform(c, rate, sc.approval_time, sc.supervisors,
                                          1 / sc.speed_scale)) if stable else 0.0
        procedural += (p_k * (1 - sc.repeat_penalty) ** (k - 1)
                       * math.exp(-lag / sc.speed_scale) * (below + (1 - below) * speed))
    pc = sc.p_complain
    shares = [1 - pc, pc * (1 - resolved), pc * (resolved - quick), pc * quick]
    r = sc.retention.as_tuple()
    retention = sum(s * x for s, x in zip(shares, r))
    eligible = pc * eligible if sc.paradox else 0.0
    bonus = min(r[3] + sc.paradox_retention, 1) - r[3]
    contacts = sum(k * p for k, p in enumerate(pi, start=1)) + unresolved * sc.max_contacts
    mean_below = ref_partial_mean(dist, 0, threshold)
    concession = pc * (1 - unresolved) * sc.compensation * (
        (1 + sc.leakage) * mean_below + (sc.mean_stake - mean_below) * decided)
    supervisor = pc * (1 - unresolved) * (1 - below) * sc.approval_time * sc.supervisor_cost \
        * decided
    cost = pc * contacts * sc.contact_cost + concession + supervisor
    w_d, w_p, w_i = sc.justice_weights
    satisfaction = (w_i * (sc.courtesy + sc.explanation) / 2 + w_d * min(sc.compensation, 1)
                    * resolved + w_p * procedural + sc.paradox_bonus * eligible / pc)
    return {"shares": shares, "retention": retention, "first": retention + eligible * bonus,
            "eligible": eligible, "contacts": contacts, "cost": cost,
            "satisfaction": satisfaction, "rate": rate, "stable": stable}


def ref_survival(p_fail, base, first, repeat, periods):
    """Cohort survival by powers of the chain (never failed, failed before, gone)."""
    stay = (1 - p_fail) * base
    m = np.array([[stay, p_fail * first, 1 - stay - p_fail * first],
                  [0.0, stay + p_fail * repeat, 1 - stay - p_fail * repeat],
                  [0.0, 0.0, 1.0]])
    start = np.array([1.0, 0.0, 0.0])
    return [float((start @ np.linalg.matrix_power(m, t))[:2].sum()) for t in range(periods + 1)]


# ---------------------------------------------------------------------------------------------
# the settings
# ---------------------------------------------------------------------------------------------


def test_reported_tarp_figures_are_the_ones_the_issue_gives():
    assert rc.TARP_OVER_100.as_tuple() == (0.09, 0.19, 0.54, 0.82)
    assert rc.TARP_UNDER_5.as_tuple() == (0.37, 0.46, 0.70, 0.95)
    assert rc.Scenario().retention is rc.TARP_OVER_100
    assert rc.PATHS == ("silent", "unresolved", "resolved", "resolved quickly")


def test_path_retention_made_by_hand_holds_plain_shares_and_prints_them_as_percentages():
    r = rc.PathRetention(np.float64(0.1), 0, 1, np.array(0.875))
    assert r.as_tuple() == (0.1, 0.0, 1.0, 0.875)
    assert all(type(x) is float for x in r.as_tuple())
    assert repr(r) == ("PathRetention(silent 10%, unresolved 0%, resolved 100%, "
                       "resolved quickly 88%)")


def test_scenario_is_frozen_and_replace_checks_again():
    sc = rc.Scenario()
    with pytest.raises(dataclasses.FrozenInstanceError):
        sc.fcr = 0.9
    assert sc.replace(fcr=0.8).fcr == 0.8 and sc.fcr == 0.67
    assert sc.to_dict()["retention"]["resolved_quickly"] == 0.82
    assert math.isinf(rc.Scenario(approval_limit=math.inf).approval_limit)
    assert sc.failures_per_hour == pytest.approx(20_000 * 0.1 / 520)


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"p_complain": 30}, ValueError,
         "p_complain must be a number from 0 to 1, got 30; did you mean 0.3?"),
        ({"p_fail": -0.1}, ValueError, "p_fail must be a number from 0 to 1, got -0.1"),
        ({"fcr": 1.5}, ValueError, "fcr must be a number from 0 to 1, got 1.5"),
        ({"fcr": float("nan")}, ValueError, "fcr must be a number from 0 to 1, got nan"),
        ({"approval_time": -1}, ValueError, "approval_time must be a positive number, got -1"),
        ({"approval_time": 0}, ValueError, "approval_time must be a positive number, got 0"),
        ({"repeat_delay": -48}, ValueError,
         "repeat_delay must be a non-negative number, got -48"),
        ({"quick_within": -1}, ValueError, "quick_within must be a non-negative number, got -1"),
        ({"contact_cost": -6}, ValueError, "contact_cost must be a non-negative number, got -6"),
        ({"supervisor_cost": -60}, ValueError,
         "supervisor_cost must be a non-negative number, got -60"),
        ({"leakage": -0.1}, ValueError, "leakage must be a non-negative number, got -0.1"),
        ({"customer_value": -600}, ValueError,
         "customer_value must be a non-negative number, got -600"),
        ({"approval_limit": -5}, ValueError,
         "approval_limit must be a non-negative number, got -5"),
        ({"supervisors": 0}, ValueError, "supervisors must be a positive integer, got 0"),
        ({"supervisors": 1.5}, ValueError, "supervisors must be a positive integer, got 1.5"),
        ({"max_contacts": 0}, ValueError, "max_contacts must be a positive integer, got 0"),
        ({"mean_stake": 0}, ValueError, "mean_stake must be a positive number, got 0"),
        ({"p_complain": "half"}, TypeError, "p_complain must be a number from 0 to 1, got 'half'"),
        ({"p_fail": [0.1, 0.2]}, TypeError,
         "Scenario works on one case at a time: p_fail must be a single number, got an array "
         "of shape (2,); call it once per case"),
        ({"retention": (0.09, 0.19, 0.54, 0.82)}, TypeError,
         "retention must be a PathRetention (such as TARP_OVER_100 or TARP_UNDER_5), got tuple"),
        ({"paradox": "yes"}, TypeError, "paradox must be True or False, got 'yes'"),
        ({"justice_weights": (0.5, 0.5, 0.5)}, ValueError,
         "justice_weights must be three non-negative numbers (distributive, procedural, "
         "interactional) that add up to 1, got (0.5, 0.5, 0.5)"),
        ({"paradox_retention": 5}, ValueError,
         "paradox_retention must be a number from 0 to 1, got 5; did you mean 0.05?"),
    ],
)
def test_scenario_rejects_nonsense_with_a_message_naming_the_setting(kwargs, error, message):
    with pytest.raises(error) as info:
        rc.Scenario(**kwargs)
    assert str(info.value) == message


def test_scenario_repr_shows_its_approval_limit():
    assert "approval_limit=150, " in repr(rc.Scenario(approval_limit=150))
    assert "approval_limit=no limit, " in repr(rc.Scenario(approval_limit=math.inf))


def test_replace_refuses_a_setting_that_does_not_exist():
    with pytest.raises(TypeError) as info:
        rc.Scenario().replace(approval_limt=50)
    assert str(info.value) == "Scenario has no setting 'approval_limt'; see help(Scenario)"


def test_functions_refuse_what_is_not_a_scenario():
    for call in (lambda: rc.expected_outcome({"fcr": 0.7}), lambda: rc.approval_queue(None),
                 lambda: rc.simulate("default"), lambda: rc.approval_limit_curve(0.5)):
        with pytest.raises(TypeError, match="scenario must be a cxlib.recovery.Scenario"):
            call()


# ---------------------------------------------------------------------------------------------
# the approval queue is cxlib.queueing's Erlang C
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("limit", [0.0, 10.0, 25.0, 100.0, 1000.0])
def test_approval_queue_is_erlang_c_from_cxlib_queueing(limit):
    sc = rc.Scenario(approval_limit=limit, supervisors=2, approval_time=0.9)
    aq = rc.approval_queue(sc)
    rate = ref_request_rate(sc, limit)
    assert aq.arrival_rate == pytest.approx(rate, rel=1e-10)
    assert aq.load == pytest.approx(rate * 0.9, rel=1e-10)
    assert aq.p_wait == pytest.approx(q.erlang_c(rate * 0.9, 2), rel=1e-10)
    assert aq.mean_wait == pytest.approx(q.average_speed_of_answer(rate, 0.9, 2), rel=1e-10)
    assert aq.utilisation == pytest.approx(min(rate * 0.9 / 2, 1))
    assert aq.stable is True


def test_approval_queue_for_many_limits_matches_one_at_a_time():
    limits = [0, 5, 25, 60, 250, math.inf]
    many = rc.approval_queue(rc.Scenario(), approval_limit=limits)
    for i, limit in enumerate(limits):
        one = rc.approval_queue(rc.Scenario(approval_limit=limit))
        assert many.mean_wait[i] == pytest.approx(one.mean_wait, rel=1e-12)
        assert many.load[i] == pytest.approx(one.load, rel=1e-12)
    assert many.arrival_rate[-1] == 0 and many.mean_wait[-1] == 0


def test_an_overloaded_approval_queue_returns_its_limits():
    aq = rc.approval_queue(rc.Scenario(approval_limit=0, approval_time=1.0))
    assert aq.load > 1 and aq.stable is False
    assert aq.p_wait == 1.0 and math.isinf(aq.mean_wait) and aq.utilisation == 1.0
    assert aq.delay_cdf(1e6) == 0.0 and aq.delay_transform(0.1) == 0.0
    assert "grows without end" in repr(aq)


@pytest.mark.parametrize("supervisors, approval_time, limit", [(1, 0.5, 25), (3, 1.2, 0),
                                                               (2, 0.9, 10)])
def test_delay_law_matches_the_convolution_integrated_by_mpmath(supervisors, approval_time,
                                                                 limit):
    sc = rc.Scenario(supervisors=supervisors, approval_time=approval_time, approval_limit=limit)
    aq = rc.approval_queue(sc)
    for t in (0.0, 0.1, 0.5, 1.0, 3.0, 20.0):
        want = ref_delay_cdf(aq.p_wait, aq.arrival_rate, approval_time, supervisors, t)
        assert aq.delay_cdf(t) == pytest.approx(float(want), abs=1e-12)
    for theta in (0.0, 1 / 24, 1.0):
        want = ref_delay_transform(aq.p_wait, aq.arrival_rate, approval_time, supervisors, theta)
        assert aq.delay_transform(theta) == pytest.approx(float(want), abs=1e-12)
    assert aq.delay_cdf(-1.0) == 0.0


def test_delay_law_when_the_two_rates_are_equal():
    # gamma = n mu - lambda equals mu when lambda = (n - 1) mu: the hypoexponential becomes an
    # Erlang-2, which the closed form must reach without dividing by zero.
    sc = rc.Scenario(supervisors=2, approval_time=0.5)
    aq = rc.approval_queue(sc)
    equal = dataclasses.replace(aq, arrival_rate=2.0, load=1.0, p_wait=q.erlang_c(1.0, 2))
    for t in (0.3, 1.0, 2.5):
        want = ref_delay_cdf(equal.p_wait, 2.0, 0.5, 2, t)
        assert equal.delay_cdf(t) == pytest.approx(float(want), abs=1e-12)


# ---------------------------------------------------------------------------------------------
# the exact expectations
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_expected_outcome_matches_an_independent_computation(name):
    sc = SCENARIOS[name]
    out = rc.expected_outcome(sc)
    ref = ref_outcome(sc)
    got = [out.path_shares[p] for p in rc.PATHS]
    assert got == pytest.approx(ref["shares"], abs=1e-10)
    assert sum(got) == pytest.approx(1.0, abs=1e-12)
    assert out.retention_after_repeat_failure == pytest.approx(ref["retention"], abs=1e-10)
    assert out.retention_after_failure == pytest.approx(ref["first"], abs=1e-10)
    assert out.paradox_share == pytest.approx(ref["eligible"], abs=1e-10)
    assert out.contacts_per_complaint == pytest.approx(ref["contacts"], rel=1e-12)
    assert out.cost_per_failure == pytest.approx(ref["cost"], rel=1e-7)
    assert out.contact_cost == pytest.approx(
        sc.p_complain * ref["contacts"] * sc.contact_cost, rel=1e-12)
    assert out.contact_cost + out.concession_cost + out.supervisor_cost == pytest.approx(
        out.cost_per_failure, rel=1e-12)
    assert out.mean_satisfaction == pytest.approx(ref["satisfaction"], abs=1e-9)
    assert out.value_per_failure == pytest.approx(sc.customer_value * ref["first"], rel=1e-10)
    assert out.net_value_per_failure == pytest.approx(
        out.value_per_failure - out.cost_per_failure, rel=1e-12)


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_survival_matches_the_markov_chain(name):
    sc = SCENARIOS[name]
    out = rc.expected_outcome(sc, periods=6)
    want = ref_survival(sc.p_fail, sc.baseline_retention, out.retention_after_failure,
                        out.retention_after_repeat_failure, 6)
    assert out.survival.tolist() == pytest.approx(want, abs=1e-12)
    assert out.retention == out.survival[-1]


def test_with_the_paradox_off_survival_is_a_power():
    out = rc.expected_outcome(rc.Scenario(), periods=4)
    assert out.retention == pytest.approx((0.9 + 0.1 * out.retention_after_failure) ** 4)


def test_hand_worked_example_with_no_approval_and_no_quick_repeat():
    # With no limit, nothing waits for a supervisor, and a repeat contact comes too late to be
    # quick: quick = p_c fcr; unresolved = p_c (1 - fcr)(1 - q)^(m - 1).
    sc = rc.Scenario(approval_limit=math.inf, p_complain=0.3, fcr=0.7, repeat_resolution=0.5,
                     max_contacts=3)
    shares = rc.expected_outcome(sc).path_shares
    assert shares["silent"] == pytest.approx(0.7)
    assert shares["resolved quickly"] == pytest.approx(0.21)
    assert shares["unresolved"] == pytest.approx(0.3 * 0.3 * 0.25)
    assert shares["resolved"] == pytest.approx(0.3 * 0.3 * 0.75)
    r = 0.7 * 0.09 + 0.0225 * 0.19 + 0.0675 * 0.54 + 0.21 * 0.82
    assert rc.expected_outcome(sc).retention_after_failure == pytest.approx(r)


def test_paradox_changes_satisfaction_but_by_default_not_retention():
    off = rc.expected_outcome(rc.Scenario())
    on = rc.expected_outcome(rc.Scenario(paradox=True))
    assert on.paradox_share > 0 and off.paradox_share == 0
    assert on.mean_satisfaction > off.mean_satisfaction
    assert on.mean_satisfaction - off.mean_satisfaction == pytest.approx(
        0.1 * on.paradox_share / 0.5)
    assert on.retention_after_failure == off.retention_after_failure  # de Matos et al. (2007)
    with_effect = rc.expected_outcome(rc.Scenario(paradox=True, paradox_retention=0.05))
    assert with_effect.retention_after_failure == pytest.approx(
        off.retention_after_failure + 0.05 * on.paradox_share)
    assert with_effect.retention_after_repeat_failure == off.retention_after_failure


def test_an_overloaded_desk_decides_what_it_can_never_quickly():
    sc = SCENARIOS["unstable queue"]
    out = rc.expected_outcome(sc)
    aq = out.queue
    _, unresolved = ref_contacts(sc.fcr, sc.repeat_resolution, sc.max_contacts)
    decided = 1 / aq.load  # one supervisor, flat out: 1 / approval_time requests an hour
    assert aq.decided_share == pytest.approx(decided)
    assert out.path_shares["resolved quickly"] == 0  # at L = 0 every remedy waits
    assert out.path_shares["resolved"] == pytest.approx(0.5 * (1 - unresolved) * decided)
    assert out.path_shares["unresolved"] == pytest.approx(0.5 - out.path_shares["resolved"])
    # remedies are paid on the decided requests only
    assert out.concession_cost == pytest.approx(0.5 * (1 - unresolved) * 60 * decided)
    # the supervisors are busy all the time: their cost per failure is n x cost per hour over
    # the failures per hour
    assert out.supervisor_cost == pytest.approx(60.0 * 1 / sc.failures_per_hour)


def test_decided_share_is_the_long_run_throughput_of_a_first_come_first_served_desk():
    # A desk at load 1.5 (3 requests an hour, half an hour each), run request by request for
    # 20,000 working hours from empty: the share of arrivals decided by the end tends to
    # n / load = 2/3. The count of decisions is about Poisson, so the share has a standard
    # error near 0.0043.
    rng = np.random.default_rng(2024)
    rate, s, horizon = 3.0, 0.5, 20_000.0
    arrivals = np.cumsum(rng.exponential(1 / rate, int(rate * horizon * 1.2)))
    arrivals = arrivals[arrivals < horizon]
    reviews = rng.exponential(s, arrivals.size)
    done, decided = 0.0, 0
    for a, r in zip(arrivals, reviews):
        done = max(done, a) + r
        decided += done <= horizon
    share = decided / arrivals.size
    sc = rc.Scenario(approval_limit=0, approval_time=s,
                     period_hours=rc.Scenario().period_hours * rc.approval_queue(
                         rc.Scenario(approval_limit=0, approval_time=s)).arrival_rate / rate)
    aq = rc.approval_queue(sc)
    assert aq.load == pytest.approx(1.5)
    assert abs(share - aq.decided_share) < Z_MAX * 0.0043


def test_more_fcr_means_fewer_contacts_and_more_customers_kept():
    low, high = (rc.expected_outcome(rc.Scenario(fcr=f)) for f in (0.67, 0.80))
    assert high.contacts_per_complaint < low.contacts_per_complaint
    assert high.retention_after_failure > low.retention_after_failure
    # SQM's practitioner figures: 1.5 calls per issue at 67 % FCR, 1.2 at 80 % (reported);
    # the model's repeat contacts give numbers of the same size.
    assert 1.4 < low.contacts_per_complaint < 1.6 and 1.2 < high.contacts_per_complaint < 1.4


# ---------------------------------------------------------------------------------------------
# the approval limit and the iceberg
# ---------------------------------------------------------------------------------------------


def test_approval_limit_curve_agrees_with_expected_outcome_at_each_limit():
    sc = rc.Scenario(approval_time=0.8)
    curve = rc.approval_limit_curve(sc, [0, 20, 45, 100, 300, math.inf])
    for limit in curve.limits:
        out = rc.expected_outcome(sc.replace(approval_limit=limit))
        row = curve.at(limit)
        assert row["net_value"] == pytest.approx(out.net_value_per_failure, rel=1e-12)
        assert row["retention"] == pytest.approx(out.retention_after_failure, rel=1e-12)
        assert row["quick_share"] == pytest.approx(out.path_shares["resolved quickly"])
        assert row["escalation_share"] == pytest.approx(out.escalation_share)
    assert np.all(np.diff(curve.escalation_share) <= 0)
    assert curve.escalation_share[-1] == 0


def test_best_limit_is_the_argmax_of_net_value_on_the_default_grid():
    curve = rc.approval_limit_curve(rc.Scenario())
    assert curve.limits.tolist() == list(np.arange(0.0, 501.0, 5.0))
    i = int(np.argmax(curve.net_value))
    assert curve.best_limit == curve.limits[i] and curve.best_net_value == curve.net_value[i]
    assert 0 < curve.best_limit < 500  # a real trade-off: neither extreme wins
    with pytest.raises(ValueError) as info:
        curve.at(7)
    assert str(info.value) == "limit must be one of the curve's limits (0 to 500), got 7"


def test_approval_limit_curve_rejects_bad_limits():
    with pytest.raises(ValueError) as info:
        rc.approval_limit_curve(rc.Scenario(), [10, -5])
    assert str(info.value) == "limits must be a non-negative number, got -5 at index 1"


def test_complaint_iceberg_counts():
    sc = rc.Scenario(p_complain=0.04)
    ice = rc.complaint_iceberg(120, sc)
    assert ice.failures == pytest.approx(3000) and ice.silent == pytest.approx(2880)
    shares = rc.expected_outcome(sc).path_shares
    assert ice.customers.tolist() == pytest.approx([3000 * shares[p] for p in rc.PATHS])
    assert ice.kept + ice.lost == pytest.approx(ice.customers)
    assert ice.lost[0] == pytest.approx(2880 * 0.91)
    with pytest.raises(ValueError) as info:
        rc.complaint_iceberg(-3, sc)
    assert str(info.value) == "complaints must be a positive number, got -3"
    with pytest.raises(ValueError) as info:
        rc.complaint_iceberg(120, sc.replace(p_complain=0.0))
    assert str(info.value) == ("p_complain must be above 0 to count the failures behind "
                               "complaints, got 0")


# ---------------------------------------------------------------------------------------------
# the justice layer
# ---------------------------------------------------------------------------------------------


def test_procedural_justice_and_satisfaction_by_hand():
    assert rc.procedural_justice(12, 3, speed_scale=24, repeat_penalty=0.25) == pytest.approx(
        math.exp(-0.5) * 0.75**2)
    assert rc.procedural_justice(math.inf, 1) == 0.0
    assert rc.recovery_satisfaction(0.9, 0.5, 0.4, weights=(0.2, 0.3, 0.5)) == pytest.approx(
        0.18 + 0.15 + 0.2)
    assert rc.recovery_satisfaction(1, 1, 1) == pytest.approx(1.0)  # a flawless recovery: 1


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: rc.procedural_justice(-1, 1), "hours must be a non-negative number, got -1"),
        (lambda: rc.procedural_justice(1, 0), "contacts must be a positive integer, got 0"),
        (lambda: rc.procedural_justice(1, 1, speed_scale=0),
         "speed_scale must be a positive number, got 0"),
        (lambda: rc.recovery_satisfaction(1.2, 1, 1),
         "distributive must be a number from 0 to 1, got 1.2"),
        (lambda: rc.recovery_satisfaction(1, 1, 1.5),
         "interactional must be a number from 0 to 1, got 1.5"),
        (lambda: rc.recovery_satisfaction([0.5, 0.6], [0.5, 0.6], [0.1, 0.2, 0.3]),
         "the array arguments must have shapes that broadcast together, got distributive (2,), "
         "procedural (2,), interactional (3,)"),
        (lambda: rc.recovery_satisfaction(1, 1, 1, weights=(1, 1)),
         "justice_weights must be three non-negative numbers (distributive, procedural, "
         "interactional) that add up to 1, got (1, 1)"),
        (lambda: rc.recovery_satisfaction(1, 1, 1, weights=0.5),
         "justice_weights must be three non-negative numbers (distributive, procedural, "
         "interactional) that add up to 1, got 0.5"),
        (lambda: rc.procedural_justice([12, 24], [1, 2, 3]),
         "the array arguments must have shapes that broadcast together, got hours (2,), "
         "contacts (3,)"),
    ],
)
def test_justice_functions_reject_nonsense(call, message):
    with pytest.raises(ValueError) as info:
        call()
    assert str(info.value) == message


# ---------------------------------------------------------------------------------------------
# the simulation against the exact expectations
# ---------------------------------------------------------------------------------------------


def _agrees(estimate, exact, label):
    if not np.isfinite(estimate.std_error) or estimate.std_error < 1e-12:
        assert estimate.value == pytest.approx(exact, abs=1e-9), label
        return
    z = (estimate.value - exact) / estimate.std_error
    assert abs(z) < Z_MAX, f"{label}: simulated {estimate.value:.5f}, exact {exact:.5f}, z {z:.2f}"


@pytest.fixture(scope="module")
def simulated():
    return {name: rc.simulate(sc, customers=60_000, periods=4, seed=i + 20)
            for i, (name, sc) in enumerate(SCENARIOS.items())}


@pytest.mark.parametrize("name", list(SCENARIOS))
def test_simulation_agrees_with_the_exact_expectations(simulated, name):
    sc, sim = SCENARIOS[name], simulated[name]
    out = rc.expected_outcome(sc, periods=4)
    for path, estimate in sim.path_shares().items():
        _agrees(estimate, out.path_shares[path], f"share {path}")
    _agrees(sim.retention_after_failure(), out.retention_after_failure, "after a first failure")
    _agrees(sim.retention_after_failure(first=False), out.retention_after_repeat_failure,
            "after a later failure")
    _agrees(sim.retention(), out.retention, "retention over 4 periods")
    _agrees(sim.cost_per_failure(), out.cost_per_failure, "cost per failure")
    _agrees(sim.mean_contacts(), out.contacts_per_complaint, "contacts per complaint")
    _agrees(sim.mean_satisfaction(), out.mean_satisfaction, "satisfaction")
    _agrees(sim.paradox_share(), out.paradox_share, "paradox share")
    for path, estimate in sim.retention_by_path().items():
        if estimate.units > 0 and path != "resolved quickly":  # (its rate includes the paradox)
            _agrees(estimate, sc.retention.as_tuple()[rc.PATHS.index(path)], f"kept {path}")


@pytest.mark.parametrize("name", ["default", "every remedy approved",
                                  "small stakes, odd settings"])
def test_simulated_approval_wait_matches_erlang_c(simulated, name):
    sc, sim = SCENARIOS[name], simulated[name]
    rate = ref_request_rate(sc, sc.approval_limit)
    exact = q.average_speed_of_answer(rate, sc.approval_time, sc.supervisors)
    _agrees(sim.mean_wait(), exact, "mean wait for approval")
    waited = sim.failures.wait[sim.failures.escalated]
    share = np.mean(waited > 0)
    p_wait = q.erlang_c(rate * sc.approval_time, sc.supervisors)
    se = math.sqrt(p_wait * (1 - p_wait) / waited.size)
    assert abs(share - p_wait) < Z_MAX * se


def test_simulated_cohort_survival_period_by_period(simulated):
    sc, sim = SCENARIOS["paradox with a retention effect"], simulated[
        "paradox with a retention effect"]
    out = rc.expected_outcome(sc, periods=4)
    shares = sim.survivors / sim.customers
    for t in range(1, 5):
        se = math.sqrt(out.survival[t] * (1 - out.survival[t]) / sim.customers)
        assert abs(shares[t] - out.survival[t]) < Z_MAX * se, t


def test_paradox_only_on_first_small_quick_failures(simulated):
    log = simulated["paradox with a retention effect"].failures
    assert log.paradox.any()
    assert not log.paradox[~log.first].any()  # Maxham and Netemeyer (2002): not after two
    assert (log.stake[log.paradox] <= 20).all()
    assert (log.path[log.paradox] == "resolved quickly").all()
    assert (log.satisfaction[log.paradox] > 1).any()  # above the no-failure level


def test_simulation_log_is_consistent(simulated):
    sim = simulated["default"]
    log = sim.failures
    frame = log.to_frame()
    assert len(frame) == len(log) and "path" in frame
    silent = ~log.complained
    assert (log.contacts[silent] == 0).all() and np.isnan(log.satisfaction[silent]).all()
    assert np.isnan(log.hours[silent]).all()
    assert np.isinf(log.hours[log.path == "unresolved"]).all()
    assert (log.hours[log.path == "resolved quickly"] <= 1.0).all()
    assert np.isnan(log.wait[~log.escalated]).all()
    assert (log.cost[silent] == 0).all()
    assert sim.survivors[0] == sim.customers and np.all(np.diff(sim.survivors) <= 0)
    per_period = np.bincount(log.period, minlength=5)[1:]
    assert per_period.sum() == len(log)
    with pytest.raises(ValueError):
        log.cost[0] = 1.0  # read-only


def test_a_cohort_of_one_has_a_retention_but_no_interval():
    sim = rc.simulate(rc.Scenario(), customers=1, seed=1)
    est = sim.retention()
    assert est.value == sim.survivors[-1] and est.units == 1 and est.method == "normal"
    assert math.isnan(est.low) and math.isnan(est.high) and math.isnan(est.std_error)
    assert repr(est) == f"Estimate({est.value:.4g}; no interval from 1 value)"


def test_mean_wait_with_nobody_escalated_is_nan_throughout():
    sim = rc.simulate(rc.Scenario(approval_limit=math.inf), customers=2000, seed=1)
    assert not sim.failures.escalated.any()
    est = sim.mean_wait()
    assert est.units == 0
    assert all(math.isnan(x) for x in (est.value, est.low, est.high, est.std_error))


def test_a_second_contact_that_always_resolves_ends_every_complaint_by_then():
    sc = rc.Scenario(repeat_resolution=1.0)
    sim = rc.simulate(sc, customers=20_000, seed=2)
    log = sim.failures
    assert set(log.contacts[log.complained].tolist()) == {1, 2}
    assert (log.path[log.complained] != "unresolved").all()
    _agrees(sim.mean_contacts(), sc.fcr * 1 + (1 - sc.fcr) * 2, "contacts per complaint")


def test_simulation_is_seeded_and_streams_are_independent():
    a = rc.simulate(rc.Scenario(), customers=3000, seed=11)
    b = rc.simulate(rc.Scenario(), customers=3000, seed=11)
    c = rc.simulate(rc.Scenario(), customers=3000, seed=12)
    assert np.array_equal(a.failures.cost, b.failures.cost)
    assert not np.array_equal(a.survivors, c.survivors) or not np.array_equal(
        a.failures.stake[:50], c.failures.stake[:50])
    # A different approval limit changes the approvals, not who fails, complains or what is
    # at stake in the first period.
    d = rc.simulate(rc.Scenario(approval_limit=300), customers=3000, seed=11)
    first = a.failures.period == 1
    assert np.array_equal(a.failures.customer[first], d.failures.customer[d.failures.period == 1])
    assert np.array_equal(a.failures.stake[first], d.failures.stake[d.failures.period == 1])
    assert np.array_equal(a.failures.complained[first],
                          d.failures.complained[d.failures.period == 1])


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"customers": 0}, ValueError, "customers must be a positive integer, got 0"),
        ({"periods": -1}, ValueError, "periods must be a positive integer, got -1"),
        ({"customers": 100_000, "periods": 400}, ValueError,
         "customers x periods must be at most 20,000,000, got 40,000,000: simulate fewer "
         "customers"),
        ({"seed": -3}, TypeError,
         "seed must be a non-negative int, a numpy Generator or None, got -3"),
    ],
)
def test_simulate_rejects_nonsense(kwargs, error, message):
    with pytest.raises(error) as info:
        rc.simulate(rc.Scenario(), **kwargs)
    assert str(info.value) == message


# ---------------------------------------------------------------------------------------------
# the Pareto table
# ---------------------------------------------------------------------------------------------


def test_pareto_counts_sorts_and_accumulates():
    labels = ["b"] * 3 + ["a"] * 3 + ["c"] * 5 + ["d"]
    t = rc.pareto(labels)
    assert t.category.tolist() == ["c", "a", "b", "d"]  # ties alphabetical
    assert t.count.tolist() == [5, 3, 3, 1] and t.total == 12
    assert t.share.tolist() == pytest.approx([5 / 12, 3 / 12, 3 / 12, 1 / 12])
    assert t.cumulative.tolist() == pytest.approx([5 / 12, 8 / 12, 11 / 12, 1.0])
    assert t.vital_few() == ["c", "a", "b"] and t.vital_few(0.5) == ["c", "a"]
    assert rc.pareto(["x", "y", "x", "y", "x"]).vital_few(0.6) == ["x"]  # exactly 60 %: stop
    assert t.to_frame().columns.tolist() == ["category", "count", "share", "cumulative"]


@pytest.mark.parametrize(
    "value, error, message",
    [
        ([], ValueError, "categories must not be empty: there are no complaints to count"),
        (np.array([], dtype=str), ValueError,
         "categories must not be empty: there are no complaints to count"),
        ("late delivery", TypeError,
         "categories must be a list or array of category labels (one per complaint), got "
         "'late delivery'"),
        (None, TypeError,
         "categories must be a list or array of category labels (one per complaint), got None"),
    ],
)
def test_pareto_rejects_an_empty_log_and_non_lists(value, error, message):
    with pytest.raises(error) as info:
        rc.pareto(value)
    assert str(info.value) == message


def test_pareto_threshold_is_checked():
    with pytest.raises(ValueError) as info:
        rc.pareto(["a", "b"], threshold=80)
    assert str(info.value) == ("threshold must be a number greater than 0 and at most 1, "
                               "got 80; did you mean 0.8?")
    with pytest.raises(ValueError) as info:
        rc.pareto(["a", "b"]).vital_few(80)
    assert str(info.value) == ("threshold must be a number greater than 0 and at most 1, "
                               "got 80; did you mean 0.8?")


def test_pareto_ties_stay_alphabetical_among_many_categories():
    names = [f"reason {i:02d}" for i in range(40)]
    labels = [n for n in reversed(names) for _ in range(2)] + ["reason 17"]
    t = rc.pareto(labels)
    assert t.category.tolist() == ["reason 17"] + [n for n in names if n != "reason 17"]
    assert t.count.tolist() == [3] + [2] * 39


def RESULT_EXAMPLES():
    """One instance of each recovery result type, for tests/test_results.py."""
    from cxlib import data
    from cxlib import recovery as rc

    s = rc.Scenario()
    sim = rc.simulate(s, customers=200, seed=1)
    log = data.complaint_log(seed=1, weeks=2)
    return [s, s.retention, rc.expected_outcome(s), rc.approval_queue(s),
            rc.approval_limit_curve(s), rc.complaint_iceberg(100, s), sim,
            *[v for v in vars(sim).values() if type(v).__name__ == "FailureLog"],
            log, rc.pareto(log.category)]
