"""cxlib.surveys: every number against something independent.

* metric values against counts done by hand, standard errors against the issue's formulas;
* standard errors against the spread of many simulated surveys of a known population, and the
  95 % intervals' coverage within a binomial tolerance (four standard errors of the coverage);
* weighting: post-stratification and inverse-propensity weights recover the truth over many
  surveys, where their assumptions hold, and the naive mean does not;
* the Simpson example's numbers exactly;
* the NPS sample size against the normal formula written out with the standard library, and
  its power against a simulation of many pairs of surveys;
* survivorship against the closed form of a beta-geometric cohort (scipy.special.betaln);
* the gaming and response models against customer-by-customer simulations;
* bad input: whole messages.
"""

from __future__ import annotations

import dataclasses
import math
import statistics

import numpy as np
import pytest
from scipy import special

from cxlib import surveys as sv

SHARES = np.array([0.08, 0.07, 0.15, 0.40, 0.30])           # a 1-5 population
NPS_SHARES = np.array([0.03, 0.02, 0.03, 0.04, 0.05, 0.08, 0.10, 0.15, 0.15, 0.20, 0.15])


def _tolerance(p: float, reps: int, k: float = 4.0) -> float:
    return k * math.sqrt(p * (1 - p) / reps)


# --- values and formulas ----------------------------------------------------------------------

def test_metrics_against_counts_by_hand():
    scores = [5, 4, 4, 3, 2, 5, 5, 1, 4, 4, 5, 3]
    n = len(scores)
    assert sv.csat(scores).value == pytest.approx(8 / 12)
    assert sv.top_box(scores).value == pytest.approx(4 / 12)
    assert sv.mean_score(scores).value == pytest.approx(sum(scores) / n)
    p = 8 / 12
    assert sv.csat(scores).se == pytest.approx(math.sqrt(p * (1 - p) / n))
    assert sv.mean_score(scores).se == pytest.approx(statistics.stdev(scores) / math.sqrt(n))
    e = sv.csat(scores)
    assert (e.low, e.high) == pytest.approx((p - 1.959963985 * e.se, p + 1.959963985 * e.se))
    assert e.units == n and e.method == "normal" and e.confidence == 0.95


def test_nps_value_and_the_issue_variance():
    answers = np.repeat(np.arange(11), [1, 0, 2, 1, 0, 3, 3, 6, 9, 10, 15])  # 50 answers
    n = answers.size
    p, d = np.mean(answers >= 9), np.mean(answers <= 6)
    e = sv.nps(answers)
    assert e.value == pytest.approx(100 * (p - d))
    assert e.se**2 == pytest.approx(100**2 * (p + d - (p - d) ** 2) / n)
    assert -100 <= e.low <= e.high <= 100


def test_intervals_stay_on_the_scale():
    assert sv.csat([5, 5, 5, 5, 4, 4, 5, 5, 5, 3]).high == 1.0
    assert sv.nps([10, 10, 10, 10, 10, 10, 10, 9, 9, 0]).high == 100.0
    assert sv.mean_score([1, 1, 1, 1, 2]).low == 1.0
    assert sv.csat([5, 5, 5]).se == 0.0  # everyone agrees: no spread, a zero-width interval


def test_confidence_level_widens_the_interval():
    e90, e99 = sv.nps(NPS_SCALE_SAMPLE, confidence=0.90), sv.nps(NPS_SCALE_SAMPLE, confidence=0.99)
    assert e90.half_width / e90.se == pytest.approx(1.6448536, rel=1e-6)
    assert e99.half_width / e99.se == pytest.approx(2.5758293, rel=1e-6)


NPS_SCALE_SAMPLE = np.random.default_rng(5).choice(11, size=300, p=NPS_SHARES)


def test_equal_weights_change_nothing_and_weights_follow_the_formula():
    rng = np.random.default_rng(1)
    scores = rng.choice(np.arange(1, 6), size=200, p=SHARES)
    for metric in (sv.csat, sv.top_box, sv.mean_score):
        plain, weighted = metric(scores), metric(scores, weights=np.full(200, 3.7))
        assert weighted.value == pytest.approx(plain.value)
        assert weighted.se == pytest.approx(plain.se)
    w = rng.uniform(0.5, 3.0, 200)
    y = (scores >= 4).astype(float)
    value = np.sum(w * y) / np.sum(w)
    se = math.sqrt(np.sum((w * (y - value)) ** 2)) / np.sum(w)
    e = sv.csat(scores, weights=w)
    assert (e.value, e.se) == pytest.approx((value, se))


def test_bootstrap_interval_agrees_with_the_formula_for_a_large_sample():
    rng = np.random.default_rng(2)
    answers = rng.choice(11, size=1500, p=NPS_SHARES)
    normal = sv.nps(answers)
    boot = sv.nps(answers, interval="bootstrap", seed=7, resamples=3000)
    assert boot.method == "bootstrap" and boot.value == normal.value
    assert boot.se == pytest.approx(normal.se, rel=0.08)
    assert boot.low == pytest.approx(normal.low, abs=0.25 * normal.se)
    assert boot.high == pytest.approx(normal.high, abs=0.25 * normal.se)
    again = sv.nps(answers, interval="bootstrap", seed=7, resamples=3000)
    assert (again.low, again.high) == (boot.low, boot.high), "same seed, same interval"
    w = rng.uniform(0.5, 2.0, 1500)
    boot_w = sv.csat(rng.choice(np.arange(1, 6), size=1500, p=SHARES), weights=w,
                     interval="bootstrap", seed=1, resamples=1000)
    assert boot_w.low < boot_w.value < boot_w.high


# --- standard errors and coverage by simulation -------------------------------------------------

def _surveys(shares: np.ndarray, n: int, reps: int, seed: int, low: int) -> np.ndarray:
    rng = np.random.default_rng(seed)
    return low + rng.choice(len(shares), size=(reps, n), p=shares)


@pytest.mark.parametrize("n", [50, 400, 2000])
@pytest.mark.parametrize("metric, truth", [
    (sv.csat, SHARES[3] + SHARES[4]),
    (sv.top_box, SHARES[4]),
    (sv.mean_score, float(SHARES @ np.arange(1, 6))),
])
def test_csat_scale_metrics_se_and_coverage(metric, truth, n):
    reps = 3000
    draws = _surveys(SHARES, n, reps, seed=n, low=1)
    est = [metric(row) for row in draws]
    values = np.array([e.value for e in est])
    ses = np.array([e.se for e in est])
    sd = values.std(ddof=1)
    # The formula's SE, averaged, matches the spread of the estimates: the SD of a sample SD
    # is about sd / sqrt(2 reps), 1.3 % here; 5 % leaves room for the SEs' own noise.
    assert np.mean(ses) == pytest.approx(sd, rel=0.05)
    assert abs(values.mean() - truth) < 4 * sd / math.sqrt(reps)
    cover = np.mean([e.low <= truth <= e.high for e in est])
    # The normal interval is an approximation: with 50 answers, the top box (a share of 0.3)
    # and CSAT (0.7) are discrete enough to lose up to two points of coverage.
    slack = 0.02 if n == 50 else 0.0
    assert cover > 0.95 - slack - _tolerance(0.95, reps), f"coverage {cover:.3f}"
    assert cover < 0.95 + _tolerance(0.95, reps), f"coverage {cover:.3f}"


@pytest.mark.parametrize("n", [50, 400, 2000])
def test_nps_se_and_coverage_by_simulation(n):
    reps = 3000
    draws = _surveys(NPS_SHARES, n, reps, seed=100 + n, low=0)
    truth = 100 * (NPS_SHARES[9:].sum() - NPS_SHARES[:7].sum())
    est = [sv.nps(row) for row in draws]
    values = np.array([e.value for e in est])
    p, d = NPS_SHARES[9:].sum(), NPS_SHARES[:7].sum()
    exact_se = 100 * math.sqrt((p + d - (p - d) ** 2) / n)
    assert values.std(ddof=1) == pytest.approx(exact_se, rel=0.05)
    assert np.mean([e.se for e in est]) == pytest.approx(exact_se, rel=0.03)
    cover = np.mean([e.low <= truth <= e.high for e in est])
    slack = 0.015 if n == 50 else 0.0
    assert 0.95 - slack - _tolerance(0.95, reps) < cover < 0.95 + _tolerance(0.95, reps)


def test_exact_coverage_of_the_normal_interval_for_a_small_sample_of_a_high_share():
    """The docstring's numbers, by exact binomial sums: 50 answers, a true share of 0.9 - the
    normal interval covers 88 %; Wilson's (from scipy) covers 97 %."""
    from scipy import stats

    n, p = 50, 0.9
    pmf = stats.binom.pmf(np.arange(n + 1), n, p)
    normal = [sv.top_box([5] * k + [4] * (n - k)).contains(p) for k in range(n + 1)]
    wilson = [(lambda ci: ci.low <= p <= ci.high)(
        stats.binomtest(k, n).proportion_ci(method="wilson")) for k in range(n + 1)]
    assert round(float(np.dot(pmf, normal)), 2) == 0.88
    assert round(float(np.dot(pmf, wilson)), 2) == 0.97


def test_small_samples_of_extreme_shares_under_cover_as_documented():
    """The docstring's warning holds: 50 answers with a share near 0.9 cover well below 95 %."""
    reps = 4000
    shares = np.array([0.01, 0.01, 0.02, 0.06, 0.90])
    draws = _surveys(shares, 50, reps, seed=9, low=1)
    cover = np.mean([sv.top_box(row).contains(0.90) for row in draws])
    assert cover < 0.95 - _tolerance(0.95, reps), cover


# --- weighting --------------------------------------------------------------------------------

def _population(n: int, seed: int):
    rng = np.random.default_rng(seed)
    channel = rng.choice(["phone", "chat", "email"], size=n, p=[0.5, 0.3, 0.2])
    good = {"phone": [0.03, 0.05, 0.10, 0.42, 0.40], "chat": [0.06, 0.08, 0.16, 0.40, 0.30],
            "email": [0.15, 0.15, 0.20, 0.35, 0.15]}
    scores = np.empty(n, dtype=int)
    for c, p in good.items():
        mine = channel == c
        scores[mine] = 1 + rng.choice(5, size=mine.sum(), p=p)
    return channel, scores


def test_post_stratification_recovers_the_truth_when_response_runs_through_the_strata():
    channel, scores = _population(20_000, seed=3)
    truth = np.mean(scores >= 4)
    rate = {"phone": 0.30, "chat": 0.15, "email": 0.05}
    population = {c: int(np.sum(channel == c)) for c in rate}
    rng = np.random.default_rng(4)
    naive, weighted, covered = [], [], []
    reps = 400
    for _ in range(reps):
        answered = rng.random(channel.size) < np.vectorize(rate.get)(channel)
        ps = sv.post_stratify(channel[answered], population)
        naive.append(sv.csat(scores[answered]).value)
        e = sv.csat(scores[answered], weights=ps.weights)
        weighted.append(e.value)
        covered.append(e.contains(truth))
    se_mean = np.std(weighted, ddof=1) / math.sqrt(reps)
    assert abs(np.mean(weighted) - truth) < 4 * se_mean
    assert np.mean(naive) - truth > 0.01, "phone customers answer more and are happier"
    assert np.mean(covered) > 0.95 - _tolerance(0.95, reps)


def test_post_stratification_weights_match_the_population_shares():
    strata = np.array(["a"] * 30 + ["b"] * 10)
    ps = sv.post_stratify(strata, {"a": 500, "b": 500})
    assert ps.weights.mean() == pytest.approx(1.0)
    assert ps.cell_weight.tolist() == pytest.approx([0.5 / 0.75, 0.5 / 0.25])
    assert ps.strata.tolist() == ["a", "b"]
    # the weighted share of each stratum is its population share
    assert np.sum(ps.weights[strata == "b"]) / np.sum(ps.weights) == pytest.approx(0.5)


def test_inverse_propensity_weighting_recovers_the_truth_under_a_u_shaped_response():
    rng = np.random.default_rng(8)
    scores = 1 + rng.choice(5, size=30_000, p=SHARES)
    truth = np.mean(scores >= 4)
    prop = sv.response_propensity(scores, base=0.1, extremity=1.5)
    naive, ipw, ses = [], [], []
    for _ in range(300):
        answered = rng.random(scores.size) < prop
        w = sv.inverse_propensity_weights(prop[answered])
        naive.append(sv.csat(scores[answered]).value)
        e = sv.csat(scores[answered], weights=w)
        ipw.append(e.value)
        ses.append(e.se)
    assert abs(np.mean(ipw) - truth) < 4 * np.std(ipw, ddof=1) / math.sqrt(300)
    assert abs(np.mean(naive) - truth) > 0.02
    # the linearised SE describes the spread of the weighted estimate (to within 10 %)
    assert np.mean(ses) == pytest.approx(np.std(ipw, ddof=1), rel=0.10)


def test_response_propensity_is_a_u_and_tilts():
    p = np.asarray(sv.response_propensity(np.arange(1, 6), base=0.2, extremity=1.5))
    assert p[2] == pytest.approx(0.2)
    assert p[0] == pytest.approx(p[4]) and p[0] > p[1] > p[2]
    odds = lambda x: x / (1 - x)  # noqa: E731
    assert odds(p[4]) / odds(p[2]) == pytest.approx(math.exp(1.5))
    tilted = np.asarray(sv.response_propensity(np.arange(1, 6), tilt=1.0))
    assert tilted[4] > tilted[0]
    flat = sv.response_propensity(np.arange(0, 11), base=0.3, extremity=0, scale=(0, 10))
    assert np.allclose(flat, 0.3)
    assert isinstance(sv.response_propensity(3), float)


def test_survey_vs_truth_respondent_shares_and_sampling():
    c = sv.survey_vs_truth(SHARES, respondents=400, extremity=1.2, tilt=0.3, base=0.15, seed=1)
    prop = np.asarray(sv.response_propensity(np.arange(1, 6), base=0.15, extremity=1.2,
                                             tilt=0.3))
    expected = SHARES * prop / np.sum(SHARES * prop)
    assert c.respondent_shares == pytest.approx(expected)
    assert c.response_rate == pytest.approx(np.sum(SHARES * prop))
    assert c.expected["csat"] == pytest.approx(expected[3] + expected[4])
    assert c.truth["retention"] == pytest.approx(SHARES @ sv.loyalty_curve(1.0).retention)
    assert c.survey["csat"].value == pytest.approx(c.survey_shares[3] + c.survey_shares[4])
    assert c.survey_shares.sum() == pytest.approx(1.0)
    unbiased = sv.survey_vs_truth(SHARES, extremity=0, seed=1)
    assert unbiased.respondent_shares == pytest.approx(SHARES)
    # a big survey lands on the respondents' shares (multinomial, 4 standard errors)
    big = sv.survey_vs_truth(SHARES, respondents=200_000, extremity=1.2, tilt=0.3, base=0.15,
                             seed=2)
    sd = np.sqrt(expected * (1 - expected) / 200_000)
    assert np.all(np.abs(big.survey_shares - expected) < 4 * sd)


def test_survey_vs_truth_uses_common_random_numbers():
    a = sv.survey_vs_truth(SHARES, respondents=1000, extremity=1.5, seed=4)
    b = sv.survey_vs_truth(SHARES, respondents=1000, extremity=1.6, seed=4)
    moved = np.abs(a.survey_shares - b.survey_shares).sum() / 2
    assert 0 < moved < 0.05, "a small change of a setting changes the survey a little"
    assert sv.survey_vs_truth(SHARES, seed=4).survey_shares.tolist() == \
        sv.survey_vs_truth(SHARES, seed=4).survey_shares.tolist()


# --- loyalty and survivorship -------------------------------------------------------------------

def test_loyalty_curve_shapes_and_the_xerox_ratio():
    comp, shelter = sv.loyalty_curve(1.0), sv.loyalty_curve(0.0)
    assert comp.at(5) / comp.at(4) == pytest.approx(6.0)
    assert np.ptp(comp.retention[:4]) < 0.1 and comp.at(5) - comp.at(4) > 0.5, "flat, then a jump"
    assert shelter.retention.min() >= 0.8 and np.ptp(shelter.retention) <= 0.1, "flat and high"
    half = sv.loyalty_curve(0.5)
    assert half.retention == pytest.approx((comp.retention + shelter.retention) / 2)
    assert comp.at([5, 4]).tolist() == [0.9, 0.15]
    with pytest.raises(ValueError) as err:
        comp.at(6)
    assert str(err.value) == "score must be a whole number from 1 to 5, got 6"


def test_same_mean_same_csat_different_retention():
    a = np.repeat([3, 4, 5], [20, 60, 20])
    b = np.repeat([1, 2, 3, 4, 5], [10, 5, 5, 35, 45])
    assert sv.mean_score(a).value == sv.mean_score(b).value == 4.0
    assert sv.csat(a).value == sv.csat(b).value == 0.8
    ra, rb = sv.predicted_retention(a), sv.predicted_retention(b)
    assert ra.value == pytest.approx(0.2 * 0.13 + 0.6 * 0.15 + 0.2 * 0.90)
    assert rb.value == pytest.approx(np.dot([0.1, 0.05, 0.05, 0.35, 0.45],
                                            sv.COMPETITIVE_RETENTION))
    assert rb.low > ra.high
    sheltered = [sv.predicted_retention(x, competition=0).value for x in (a, b)]
    assert abs(sheltered[0] - sheltered[1]) < 0.01, "false loyalty hides the difference"


def test_survivorship_matches_the_beta_geometric_closed_form():
    shares = np.array([0.10, 0.05, 0.05, 0.40, 0.40])
    kappa, periods, n = 2.0, 6, 40_000
    s = sv.survivorship(shares, competition=0.7, concentration=kappa, periods=periods,
                        customers=n, seed=11)
    churn = 1 - sv.loyalty_curve(0.7).retention
    a, b = churn * kappa, (1 - churn) * kappa
    t = np.arange(periods + 1)
    # P(still a customer at t | score) = B(a, b + t) / B(a, b): the survival of a beta-geometric
    alive = np.exp(special.betaln(a[:, None], b[:, None] + t) - special.betaln(a, b)[:, None])
    p_alive = shares @ alive
    assert np.all(np.abs(s.active - p_alive) <= 4 * np.sqrt(p_alive * (1 - p_alive) / n))
    p_happy = shares[3:] @ alive[3:]
    happy = s.csat * s.active
    assert np.all(np.abs(happy - p_happy) <= 4 * np.sqrt(p_happy * (1 - p_happy) / n))
    assert np.all(np.diff(s.retention) > 0), "the survivors look more loyal every year"
    assert np.all(np.diff(s.csat) > 0), "and more satisfied, though no opinion changed"
    assert s.score_shares.sum(axis=1) == pytest.approx(np.ones(periods + 1))
    assert s.customers[0] == n and s.active[0] == 1.0


def test_survivorship_with_alike_customers_rises_only_through_the_mix():
    """With customers alike within a score, each score keeps its own retention every period."""
    s = sv.survivorship([0, 0, 0, 1, 0], concentration=1e6, periods=3, customers=50_000, seed=2)
    assert np.all(np.abs(s.retention - 0.15) < 4 * np.sqrt(0.15 * 0.85 / s.customers))
    mixed = sv.survivorship([0, 0, 0, 50, 50], concentration=1e6, periods=3, seed=2)
    assert np.all(np.diff(mixed.retention) > 0)


# --- Simpson --------------------------------------------------------------------------------

def test_the_mix_shift_example_exactly():
    t = sv.mix_shift_example()
    r = sv.simpson(t.satisfied, t.channel, t.year, count=t.respondents)
    assert (r.first, r.second) == (2006, 2007)
    assert r.group.tolist() == ["chat", "email", "phone"]
    assert r.value_first.tolist() == [78, 73, 85] and r.value_second.tolist() == [80, 75, 87]
    assert r.count_first.tolist() == [20_000, 10_000, 30_000]
    assert r.count_second.tolist() == [20_000, 30_000, 10_000]
    assert r.change.tolist() == [2, 2, 2]
    assert r.overall_first == pytest.approx(4_840_000 / 60_000, abs=1e-12)   # 80.67
    assert r.overall_second == pytest.approx(4_720_000 / 60_000, abs=1e-12)  # 78.67
    assert r.overall_change == pytest.approx(-2.0, abs=1e-12)
    assert r.adjusted_change == pytest.approx(2.0, abs=1e-12)
    assert r.mix_effect == pytest.approx(-4.0, abs=1e-12)
    assert r.paradox is True


def test_the_mix_shift_example_is_not_noise():
    """The docstring's claim: each channel's two-point gain is about four to five standard
    errors of a difference of two shares (and the overall fall more than eight)."""
    t = sv.mix_shift_example()
    p, n = t.satisfied / 100, t.respondents
    z = (p[3:] - p[:3]) / np.sqrt(p[:3] * (1 - p[:3]) / n[:3] + p[3:] * (1 - p[3:]) / n[3:])
    assert np.all((3.8 < z) & (z < 5.2)), z
    first, second = np.dot(p[:3], n[:3]) / n[:3].sum(), np.dot(p[3:], n[3:]) / n[3:].sum()
    se = math.sqrt(first * (1 - first) / n[:3].sum() + second * (1 - second) / n[3:].sum())
    assert (first - second) / se > 8


def test_simpson_on_single_answers_equals_the_table():
    t = sv.mix_shift_example()
    values = np.concatenate([[s] * n for s, n in zip(t.satisfied, t.respondents)])
    years = np.repeat(t.year, t.respondents)
    groups = np.repeat(t.channel, t.respondents)
    r = sv.simpson(values, groups, years)
    assert r.overall_change == pytest.approx(-2.0) and r.paradox


def test_simpson_finds_no_paradox_where_there_is_none():
    r = sv.simpson([80, 70, 82, 71], ["a", "b", "a", "b"], [1, 1, 2, 2], count=[10, 10, 10, 10])
    assert not r.paradox and r.overall_change == pytest.approx(1.5)
    mixed = sv.simpson([80, 70, 79, 72], ["a", "b", "a", "b"], [1, 1, 2, 2])
    assert not mixed.paradox, "groups moving in different directions are not Simpson's paradox"
    down = sv.simpson([80, 70, 79, 69], ["a", "b", "a", "b"], ["x", "x", "y", "y"],
                      count=[10, 90, 90, 10])
    assert down.paradox and down.overall_change > 0 and np.all(down.change < 0)
    flipped = sv.simpson([80, 70, 79, 69], ["a", "b", "a", "b"], ["x", "x", "y", "y"],
                         count=[10, 90, 90, 10], order=("y", "x"))
    assert flipped.overall_change == pytest.approx(-down.overall_change)


# --- gaming ---------------------------------------------------------------------------------

def test_gaming_expected_shares_against_a_customer_by_customer_simulation():
    rng = np.random.default_rng(21)
    n, screening, nudge = 400_000, 0.6, 0.35
    g = sv.gaming(SHARES, screening=screening, nudge=nudge, seed=1)
    score = 1 + rng.choice(5, size=n, p=SHARES)
    handed = rng.random(n) < 1 - screening * (5 - score) / 4
    bump = rng.random(n) < nudge
    agent = np.minimum(score[handed] + bump[handed], 5)
    third = np.minimum(score + bump, 5)
    for simulated, model in ((agent, g.agent_shares), (third, g.third_party_shares)):
        freq = np.bincount(simulated - 1, minlength=5) / simulated.size
        assert np.all(np.abs(freq - model) < 4 * np.sqrt(model * (1 - model) / simulated.size))
    assert g.truth["csat"] < g.third_party_shares[3:].sum() < g.agent_shares[3:].sum()


def test_gaming_without_gaming_is_the_truth():
    g = sv.gaming(SHARES, screening=0, nudge=0, seed=3)
    assert g.agent_shares == pytest.approx(SHARES) and g.third_party_shares == pytest.approx(SHARES)
    only_screening = sv.gaming(SHARES, screening=1, nudge=0, seed=3)
    assert only_screening.third_party_shares == pytest.approx(SHARES), "a third party samples all"
    assert only_screening.agent_shares[0] == 0, "a fully screening agent never asks a 1"


# --- NPS sample size and power --------------------------------------------------------------

def _normal_formula(pa, da, pb, db, alpha=0.05, power=0.8):
    z = statistics.NormalDist()
    va, vb = pa + da - (pa - da) ** 2, pb + db - (pb - db) ** 2
    return math.ceil((z.inv_cdf(1 - alpha / 2) + z.inv_cdf(power)) ** 2 * (va + vb)
                     / ((pb - db) - (pa - da)) ** 2)


@pytest.mark.parametrize("mix", [(0.45, 0.15, 0.50, 0.10), (0.30, 0.30, 0.35, 0.25),
                                 (0.60, 0.10, 0.50, 0.15)])
def test_sample_size_is_the_normal_formula(mix):
    s = sv.nps_sample_size(*mix)
    assert s.per_survey == _normal_formula(*mix)
    assert s.total == 2 * s.per_survey
    assert s.achieved_power >= 0.8
    assert sv.nps_power(s.per_survey - 1, *mix) < 0.8 <= sv.nps_power(s.per_survey, *mix)
    assert sv.nps_sample_size(*mix, power=0.9).per_survey == _normal_formula(*mix, power=0.9)


@pytest.mark.parametrize("n", [200, 746])
def test_power_against_a_simulation_of_many_pairs_of_surveys(n):
    """Two surveys of NPS 30 and 40, tested the way an analyst would: the estimated SEs."""
    reps = 4000
    rng = np.random.default_rng(n)
    a = rng.multinomial(n, [0.45, 0.40, 0.15], size=reps) / n   # promoters, passives, detractors
    b = rng.multinomial(n, [0.50, 0.40, 0.10], size=reps) / n
    na, nb = a[:, 0] - a[:, 2], b[:, 0] - b[:, 2]
    var = (a[:, 0] + a[:, 2] - na**2 + b[:, 0] + b[:, 2] - nb**2) / n
    found = np.abs(nb - na) / np.sqrt(var) > statistics.NormalDist().inv_cdf(0.975)
    power = sv.nps_power(n, 0.45, 0.15, 0.50, 0.10)
    assert abs(found.mean() - power) < _tolerance(power, reps) + 0.01
    if n == 746:
        assert sv.nps_sample_size(0.45, 0.15, 0.50, 0.10).per_survey == 746


# --- results -------------------------------------------------------------------------------

def test_results_are_frozen_and_exportable():
    c = sv.survey_vs_truth(SHARES, seed=1)
    with pytest.raises(dataclasses.FrozenInstanceError):
        c.respondents = 3
    with pytest.raises(ValueError):
        c.true_shares[0] = 0.5
    d = c.to_dict()
    assert d["survey"]["csat"]["method"] == "normal" and isinstance(d["true_shares"], list)
    s = sv.survivorship(SHARES, periods=2, customers=500, seed=1)
    assert "left" in repr(s) and s.to_dict()["period"] == [0, 1, 2]
    assert "Simpson's paradox" in repr(sv.simpson(*_mix_args(), count=_counts()))
    # without the respondent counts, each cell weighs the same: no reversal, and it says so
    assert "no reversal" in repr(sv.simpson(*_mix_args()))
    assert "746 responses per survey" in repr(sv.nps_sample_size(0.45, 0.15, 0.5, 0.1))


def _counts():
    return sv.mix_shift_example().respondents


def _mix_args():
    t = sv.mix_shift_example()
    return t.satisfied, t.channel, t.year


def test_seeds_reproduce_and_generators_are_accepted():
    a = sv.gaming(SHARES, seed=5)
    b = sv.gaming(SHARES, seed=5)
    assert a.agent["csat"].value == b.agent["csat"].value
    g = np.random.default_rng(1)
    first, second = sv.survivorship(SHARES, customers=300, seed=g), sv.survivorship(
        SHARES, customers=300, seed=g)
    assert not np.array_equal(first.active, second.active), "a generator moves on between calls"


# --- bad input: whole messages --------------------------------------------------------------

@pytest.mark.parametrize("call, message", [
    (lambda: sv.csat([5, 4, 6]), "scores must be whole numbers from 1 to 5, got 6 at index 2"),
    (lambda: sv.csat([5, 4, 0]), "scores must be whole numbers from 1 to 5, got 0 at index 2"),
    (lambda: sv.top_box([]), "scores must not be empty"),
    (lambda: sv.mean_score([4]), "scores must hold at least 2 answers for a standard error, got 1"),
    (lambda: sv.csat([4, float("nan"), 5]),
     "scores must be whole numbers from 1 to 5, got nan at index 1; keep only the customers who "
     "answered"),
    (lambda: sv.nps([10, 11]), "scores must be whole numbers from 0 to 10, got 11 at index 1"),
    (lambda: sv.nps([0.9, 0.1]),
     "scores must be whole numbers from 0 to 10, got 0.9 at index 0; give the answers, not shares"),
    (lambda: sv.csat(4), "scores must be an array of answers (whole numbers from 1 to 5), got the "
     "single number 4"),
    (lambda: sv.csat([[4, 5], [5, 5]]), "scores must be a 1-D array of answers, got shape (2, 2)"),
    (lambda: sv.csat([4, 5, 3], weights=[1, 0, 2]),
     "weights must be a positive number, got 0 at index 1"),
    (lambda: sv.csat([4, 5, 3], weights=[1, -2, 2]),
     "weights must be a positive number, got -2 at index 1"),
    (lambda: sv.nps([4, 5, 3], weights=[1, 2]),
     "weights must have one value per answer: got 2 weights for 3 answers"),
    (lambda: sv.csat([4, 5, 3], weights=2),
     "weights must have one value per answer, got the single number 2"),
    (lambda: sv.csat([4, 5], interval="wald"), "interval must be 'normal' or 'bootstrap', got 'wald'"),
    (lambda: sv.csat([4, 5], confidence=95),
     "confidence must be a number strictly between 0 and 1, got 95; did you mean 0.95?"),
    (lambda: sv.inverse_propensity_weights(0.5),
     "propensity must have one value per respondent, got the single number 0.5"),
    (lambda: sv.inverse_propensity_weights([0.5, 0]),
     "propensity must be a number greater than 0 and at most 1, got 0 at index 1"),
    (lambda: sv.inverse_propensity_weights([0.5, 30]),
     "propensity must be a number greater than 0 and at most 1, got 30 at index 1; did you mean 0.3?"),
    (lambda: sv.post_stratify(["a", "b"], {"a": 1}),
     "strata has the stratum 'b', which population does not have"),
    (lambda: sv.post_stratify(["a"], {"a": 1, "b": 2}),
     "population has the stratum 'b', which no respondent is in: merge it with a similar stratum"),
    (lambda: sv.post_stratify(["a", "b"], {"a": 1, "b": 0}),
     "population['b'] must be a positive number, got 0"),
    (lambda: sv.post_stratify([], {"a": 1}), "strata must not be empty"),
    (lambda: sv.simpson([80, 81], ["a", "a"], [1, 2, 2]),
     "period must have one value per row of value: got 3 values for 2 rows"),
    (lambda: sv.simpson([80, 81, 82], ["a", "a"], [1, 2, 2]),
     "group must have one value per row of value: got 2 values for 3 rows"),
    (lambda: sv.simpson([80, 81], ["a", "a"], [1, 2], count=[10]),
     "count must have one value per row of value: got 1 values for 2 rows"),
    (lambda: sv.simpson([80, 81], ["a", "a"], [1, 2], count=[10, 0]),
     "count must be a positive number, got 0 at index 1"),
    (lambda: sv.simpson([80, 81, 82], ["a", "a", "a"], [1, 2, 3]),
     "period must have exactly two values to compare, got 3: 1, 2, 3"),
    (lambda: sv.simpson([80, 81, 82], ["a", "b", "a"], [1, 1, 2]),
     "group 'b' has no rows in period 2: compare only groups present in both"),
    (lambda: sv.loyalty_curve(1.5), "competition must be a number from 0 to 1, got 1.5"),
    (lambda: sv.survey_vs_truth([0.1, 0.1, 0.2, 0.3, 0.2]),
     "shares must add up to 1 (or be counts of answers), got a total of 0.9"),
    (lambda: sv.survey_vs_truth([0.2, 0.2, 0.6]),
     "shares must have one value per answer 1 to 5 (5 values), got 3"),
    (lambda: sv.survey_vs_truth([0, 0, 0, 0, 0]),
     "shares must have at least one answer with a positive share"),
    (lambda: sv.survey_vs_truth(SHARES, respondents=1),
     "respondents must be at least 2 for a standard error, got 1"),
    (lambda: sv.response_propensity([1, 6]), "scores must be whole numbers from 1 to 5, got 6 at index 1"),
    (lambda: sv.response_propensity(3, base=1), "base must be a number strictly between 0 and 1, got 1"),
    (lambda: sv.gaming(SHARES, nudge=30),
     "nudge must be a number from 0 to 1, got 30; did you mean 0.3?"),
    (lambda: sv.survivorship(SHARES, concentration=0), "concentration must be a positive number, got 0"),
    (lambda: sv.survivorship(SHARES, customers=0), "customers must be a positive integer, got 0"),
    (lambda: sv.nps_sample_size(45, 15, 50, 10),
     "promoters_a must be a number from 0 to 1, got 45; did you mean 0.45?"),
    (lambda: sv.nps_sample_size(0.45, 0.15, 50, 10),
     "promoters_b must be a number from 0 to 1, got 50; did you mean 0.5?"),
    (lambda: sv.nps_sample_size(0.45, 0.15, 0.5, 0.6),
     "promoters_b + detractors_b must be at most 1 (the rest are passives), got 0.5 + 0.6 = 1.1"),
    (lambda: sv.nps_sample_size(0.7, 0.4, 0.5, 0.1),
     "promoters_a + detractors_a must be at most 1 (the rest are passives), got 0.7 + 0.4 = 1.1"),
    (lambda: sv.nps_sample_size(0.45, 0.15, 0.45, 0.15),
     "the two surveys must differ in NPS to be told apart, got 30 twice"),
    (lambda: sv.nps_sample_size(0.45, 0.15, 0.5, 0.1, power=80),
     "power must be a number strictly between 0 and 1, got 80; did you mean 0.8?"),
    (lambda: sv.nps_power(0, 0.45, 0.15, 0.5, 0.1), "respondents must be a positive integer, got 0"),
    (lambda: sv.gaming(SHARES, screening=1.5), "screening must be a number from 0 to 1, got 1.5"),
    (lambda: sv.gaming(SHARES, respondents=0), "respondents must be a positive integer, got 0"),
])
def test_bad_input_is_named(call, message):
    with pytest.raises(ValueError) as err:
        call()
    assert str(err.value) == message


@pytest.mark.parametrize("call, where, name", [
    (lambda: sv.loyalty_curve([0.5, 0.6]), "loyalty_curve", "competition"),
    (lambda: sv.nps_power([100, 200], 0.45, 0.15, 0.5, 0.1), "nps_power", "respondents"),
])
def test_one_case_at_a_time_names_the_function_and_the_parameter(call, where, name):
    with pytest.raises(TypeError) as err:
        call()
    assert str(err.value) == (f"{where} works on one case at a time: {name} must be a single "
                              "number, got an array of shape (2,); call it once per case")


def test_gaming_reports_the_same_three_numbers_for_each_survey():
    g = sv.gaming(SHARES, seed=2)
    assert set(g.truth) == set(g.agent) == set(g.third_party) == {"csat", "top_box", "mean"}
    assert g.truth["mean"] == pytest.approx(float(SHARES @ np.arange(1, 6)))


def test_documented_defaults_of_the_response_model_and_the_bootstrap():
    """extremity 1.5: a 1 or a 5 answers with odds e^1.5 (about 4.5) times a 3's; 2000
    bootstrap resamples."""
    p = sv.response_propensity([1, 3, 5])
    odds = p / (1 - p)
    assert odds[0] / odds[1] == pytest.approx(math.exp(1.5)) == odds[2] / odds[1]
    scores = [5, 4, 4, 3, 5, 2, 4, 5, 1, 4] * 3
    weights = np.linspace(1.0, 3.0, 30)  # weighted: a statistic with many possible values
    default = sv.csat(scores, weights=weights, interval="bootstrap", seed=4)
    stated = sv.csat(scores, weights=weights, interval="bootstrap", resamples=2000, seed=4)
    assert (default.low, default.high) == (stated.low, stated.high)


def test_predicted_retention_interval_stays_within_shares():
    e = sv.predicted_retention([1, 5], competition=1.0)
    assert e.value + 1.96 * e.se > 1  # the normal interval would pass 1 ...
    assert e.high == 1.0  # ... so it stops there


@pytest.mark.parametrize("call, message", [
    (lambda: sv.csat("45"), "scores must be an array of whole numbers from 1 to 5, got '45'"),
    (lambda: sv.csat(None), "scores must be an array of whole numbers from 1 to 5, got None"),
    (lambda: sv.post_stratify(["a"], [1]),
     "population must map each stratum to its size, such as {'phone': 3000, 'email': 1200}, got list"),
    (lambda: sv.nps_sample_size([0.4, 0.5], 0.1, 0.5, 0.1),
     "nps_sample_size works on one case at a time: promoters_a must be a single number, got an "
     "array of shape (2,); call it once per case"),
    (lambda: sv.gaming(SHARES, seed=-1),
     "seed must be a non-negative int, a numpy Generator or None, got -1"),
])
def test_wrong_types_are_named(call, message):
    with pytest.raises(TypeError) as err:
        call()
    assert str(err.value) == message


def RESULT_EXAMPLES():
    """One instance of each surveys result type, for tests/test_results.py."""
    from cxlib import data

    return [sv.loyalty_curve(), sv.survivorship(SHARES, periods=2, customers=300, seed=1),
            sv.mix_shift_example(), sv.simpson(*_mix_args(), count=_counts()),
            sv.nps_sample_size(0.45, 0.15, 0.5, 0.1), sv.gaming(SHARES, respondents=100, seed=1),
            sv.post_stratify(["a", "a", "b"], {"a": 0.5, "b": 0.5}),
            sv.survey_vs_truth(SHARES, respondents=100, seed=1),
            data.survey_responses(seed=1, customers=300), data.survey_truth()]


def test_survivorship_follows_lesson_01s_sbg_model():
    """The simulated cohort scatters around the sBG survival curves of cxlib.customers."""
    from cxlib import customers as cu

    s = sv.survivorship(SHARES, periods=6, customers=40_000, seed=3)
    se = np.sqrt(s.expected_active * (1 - s.expected_active) / 40_000)
    assert np.all(np.abs(s.active - s.expected_active) <= 5 * se + 1e-12)
    # The mixture, recomputed here from the loyalty curve and cu.sbg directly:
    curve = sv.loyalty_curve(1.0)
    p = SHARES / SHARES.sum()
    churn = 1 - curve.at(curve.score)
    direct = sum(w * cu.sbg(alpha=c * 2.0, beta=(1 - c) * 2.0).survival(np.arange(7))
                 for w, c in zip(p, churn))
    np.testing.assert_allclose(s.expected_active, direct, rtol=1e-12)


def test_survivorship_summary_states_the_cohort_and_its_ends():
    import re

    s = sv.survivorship([0, 0, 0, 50, 50], concentration=20, periods=5, customers=4_000, seed=3)
    text = repr(s)
    assert text.startswith(f"Survivorship({s.customers[0]} customers over 5 periods"), text
    assert s.customers[0] != s.customers[1], "the check can tell the start from period 1"
    left = float(re.search(r"([\d.]+)% left", text).group(1))
    assert left == pytest.approx(100 * s.active[-1], abs=0.05)


def test_nps_sample_size_reports_each_survey_s_spread_in_nps_points():
    """sd_a and sd_b: the standard deviation of one answer scored +100/0/-100, computed here from
    the three-point distribution itself."""
    s = sv.nps_sample_size(0.45, 0.15, 0.50, 0.10, power=0.9)
    for sd, (p, d) in ((s.sd_a, (0.45, 0.15)), (s.sd_b, (0.50, 0.10))):
        values, probs = np.array([100.0, 0.0, -100.0]), np.array([p, 1 - p - d, d])
        mean = values @ probs
        assert sd == pytest.approx(math.sqrt(((values - mean) ** 2) @ probs), rel=1e-12)
    assert (s.nps_a, s.nps_b) == (pytest.approx(30.0), pytest.approx(40.0))


def test_nps_sample_size_keeps_the_decimals_of_the_net_scores():
    s = sv.nps_sample_size(0.452, 0.15, 0.507, 0.10)
    assert (s.nps_a, s.nps_b) == (pytest.approx(100 * (0.452 - 0.15)),
                                  pytest.approx(100 * (0.507 - 0.10)))
    assert "tell NPS 30.2 from 40.7 with power" in repr(s)
