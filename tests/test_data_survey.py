"""cxlib.data.survey: the synthetic survey is seeded, follows its documented process, and
survey_truth gives that process's exact values (checked against a large simulation)."""

from __future__ import annotations

import math
import statistics

import numpy as np
import pytest
from scipy.special import expit, logit

from cxlib import data, surveys

BIG = 400_000


@pytest.fixture(scope="module")
def big():
    return data.survey_responses(seed=99, customers=BIG)


def _close(estimate: float, expected: float, n: int, k: float = 4.0) -> bool:
    return abs(estimate - expected) <= k * math.sqrt(expected * (1 - expected) / n)


def test_same_seed_same_table_and_different_seed_different_table():
    a, b, c = (data.survey_responses(seed=s, customers=500) for s in (1, 1, 2))
    for col in a.columns():
        assert np.array_equal(getattr(a, col), getattr(b, col)), col
    assert not np.array_equal(a.csat, c.csat)
    g = np.random.default_rng(5)
    assert not np.array_equal(data.survey_responses(seed=g, customers=200).csat,
                              data.survey_responses(seed=g, customers=200).csat)


def test_columns_types_and_frame():
    s = data.survey_responses(seed=3)
    frame = s.to_frame()
    assert frame.columns.tolist() == ["customer", "channel", "resolved", "csat", "recommend",
                                      "response_probability", "responded", "stayed"]
    assert len(frame) == len(s) == 6000
    assert frame.csat.between(1, 5).all() and frame.recommend.between(0, 10).all()
    assert set(frame.channel) == {"phone", "chat", "email"}
    assert frame.resolved.dtype == bool and frame.responded.dtype == bool
    assert frame.response_probability.between(0, 1).all()
    with pytest.raises(ValueError):
        s.csat[0] = 3  # read-only: a student cannot corrupt the shared table
    r = s.respondents()
    assert len(r) == int(s.responded.sum()) and r.responded.all()
    assert r.customer.tolist() == s.customer[s.responded].tolist()
    assert "answered" in repr(s) and "phone" in repr(s)


def test_respondents_keep_the_competition_of_their_survey():
    s = data.survey_responses(seed=3, customers=500, competition=0.25)
    assert s.competition == 0.25 and s.respondents().competition == 0.25


def test_the_documented_process(big):
    """Each step of the module docstring, checked on a big sample (4 standard errors)."""
    n = BIG
    for name, share, resolve in (("phone", 0.5, 0.8), ("chat", 0.3, 0.7), ("email", 0.2, 0.6)):
        mine = big.channel == name
        assert _close(mine.mean(), share, n), name
        assert _close(big.resolved[mine].mean(), resolve, int(mine.sum())), name
    for resolved, shares in ((True, (0.02, 0.04, 0.10, 0.44, 0.40)),
                             (False, (0.20, 0.25, 0.25, 0.22, 0.08))):
        mine = big.resolved == resolved
        for score, p in zip(range(1, 6), shares):
            assert _close(np.mean(big.csat[mine] == score), p, int(mine.sum())), (resolved, score)
    normal = statistics.NormalDist()
    for score, centre in zip(range(1, 6), (2.5, 4.5, 6.5, 8.0, 9.3)):
        rec = big.recommend[big.csat == score]
        # a normal number (sd 1.3) rounded, and everything beyond 0 or 10 put there
        cdf = [normal.cdf((k + 0.5 - centre) / 1.3) for k in range(-1, 11)]
        cdf[0], cdf[-1] = 0.0, 1.0
        for k in range(11):
            p = cdf[k + 1] - cdf[k]
            assert abs(np.mean(rec == k) - p) <= 4 * math.sqrt(p * (1 - p) / rec.size) + 1e-9, (
                score, k)
    # response: logit = logit(base of the channel) + 0.8 resolved + 0.8 z^2, z = (csat - 3) / 2
    base = {"phone": 0.25, "chat": 0.15, "email": 0.10}
    z = (big.csat - 3) / 2
    expected = expit(logit(np.vectorize(base.get)(big.channel)) + 0.8 * big.resolved + 0.8 * z**2)
    assert np.allclose(big.response_probability, expected)
    assert abs(big.responded.mean() - expected.mean()) < 4 * math.sqrt(
        np.sum(expected * (1 - expected))) / n
    stay = surveys.loyalty_curve(1.0).at(big.csat)
    assert abs(big.stayed.mean() - stay.mean()) < 4 * math.sqrt(np.sum(stay * (1 - stay))) / n


def test_survey_truth_against_a_big_simulation(big):
    t = data.survey_truth()
    n = BIG
    assert _close(np.mean(big.csat >= 4), t.csat, n)
    assert _close(np.mean(big.csat == 5), t.top_box, n)
    assert abs(big.csat.mean() - t.mean) < 4 * big.csat.std() / math.sqrt(n)
    net = (big.recommend >= 9).astype(float) - (big.recommend <= 6)
    assert abs(100 * net.mean() - t.nps) < 4 * 100 * net.std() / math.sqrt(n)
    assert _close(big.responded.mean(), t.response_rate, n)
    r = big.respondents()
    assert _close(np.mean(r.csat >= 4), t.respondent_csat, len(r))
    net_r = (r.recommend >= 9).astype(float) - (r.recommend <= 6)
    assert abs(100 * net_r.mean() - t.respondent_nps) < 4 * 100 * net_r.std() / math.sqrt(len(r))
    assert _close(big.stayed.mean(), t.retention, n)
    for name, value in t.csat_by_channel.items():
        mine = big.channel == name
        assert _close(np.mean(big.csat[mine] >= 4), value, int(mine.sum())), name


def test_survey_truth_by_hand():
    t = data.survey_truth()
    resolved = 0.5 * 0.8 + 0.3 * 0.7 + 0.2 * 0.6
    assert t.csat == pytest.approx(resolved * 0.84 + (1 - resolved) * 0.30)
    assert t.top_box == pytest.approx(resolved * 0.40 + (1 - resolved) * 0.08)
    assert t.csat_by_channel["email"] == pytest.approx(0.6 * 0.84 + 0.4 * 0.30)
    assert t.respondent_csat > t.csat, "the survey's respondents are happier than the customers"
    sheltered = data.survey_truth(competition=0.0)
    assert sheltered.retention > t.retention and sheltered.csat == t.csat


def test_the_corrections_on_the_data_set(big):
    """Post-stratification by what the company knows removes most of the bias; inverse-propensity
    weights remove the rest (on a big sample, to within its own noise)."""
    r = big.respondents()
    truth = np.mean(big.csat >= 4)
    naive = surveys.csat(r.csat).value
    cell = np.char.add(r.channel.astype(str), np.where(r.resolved, "+", "-"))
    every = np.char.add(big.channel.astype(str), np.where(big.resolved, "+", "-"))
    names, counts = np.unique(every, return_counts=True)
    ps = surveys.csat(r.csat, weights=surveys.post_stratify(cell, dict(zip(names, counts))).weights)
    ipw = surveys.csat(r.csat, weights=surveys.inverse_propensity_weights(r.response_probability))
    assert naive - truth > 0.06
    assert 0 < ps.value - truth < (naive - truth) / 2
    assert abs(ipw.value - truth) < 4 * ipw.se


def _cells(s):
    return np.char.add(s.channel.astype(str), np.where(s.resolved, " resolved", " unresolved"))


def test_the_bias_is_the_covariance_of_answering_and_the_answer():
    """respondents' mean - everyone's mean = Cov(R, y) / mean(R) exactly (R = answered), and
    with the chances in place of R it is the expected bias (survey_truth, computed exactly)."""
    s = data.survey_responses(seed=2029)
    y = (s.csat >= 4).astype(float)
    r = s.responded.astype(float)
    cov = np.mean(r * y) - r.mean() * y.mean()
    assert y[s.responded].mean() - y.mean() == pytest.approx(cov / r.mean(), abs=1e-12)
    t = data.survey_truth()
    assert t.respondent_csat - t.csat == pytest.approx(0.0822, abs=5e-4)
    pi = s.response_probability
    expected = (np.mean(pi * y) - pi.mean() * y.mean()) / pi.mean()
    # the expected bias on these 6,000 customers lands near the process's (its own noise)
    assert abs(expected - (t.respondent_csat - t.csat)) < 0.01
    # channel drives answering strongly but satisfaction weakly, so it carries little of it:
    # the covariance of the channels' mean chances and mean CSAT, against the whole
    between = sum(np.mean(s.channel == c) * (pi[s.channel == c].mean() - pi.mean())
                  * (y[s.channel == c].mean() - y.mean()) for c in ("phone", "chat", "email"))
    assert between / pi.mean() < 0.2 * expected


def test_estimated_propensities_give_the_post_stratified_estimate():
    """IPW with each group's response rate as the chance is post-stratification, exactly."""
    s = data.survey_responses(seed=2029)
    cell = _cells(s)
    answered = s.responded
    names, counts = np.unique(cell, return_counts=True)
    ps = surveys.csat(s.csat[answered], weights=surveys.post_stratify(
        cell[answered], dict(zip(names, counts))).weights)
    rate = {k: s.responded[cell == k].mean() for k in names}
    estimated = np.array([rate[k] for k in cell[answered]])
    ipw = surveys.csat(s.csat[answered], weights=surveys.inverse_propensity_weights(estimated))
    assert ipw.value == pytest.approx(ps.value, abs=1e-12)


def test_corrections_over_redraws_of_who_answers():
    """The course's 6,000 customers fixed, who answers drawn again 500 times: post-stratification
    keeps a bias of about two points and covers far less than 95 %; inverse-propensity weighting
    is unbiased; and every formula SE is larger than the spread (no finite-population correction;
    for post-stratification the fixed-weight formula is also larger than Holt and Smith's
    stratified variance, which is closer to the spread)."""
    s = data.survey_responses(seed=2029)
    y = (s.csat >= 4).astype(float)
    truth = y.mean()
    names, code = np.unique(_cells(s), return_inverse=True)
    share = np.bincount(code) / code.size
    rng = np.random.default_rng(3)
    reps = 500
    out = {k: ([], [], []) for k in ("raw", "ps", "ipw")}
    stratified = []
    for _ in range(reps):
        answered = rng.random(y.size) < s.response_probability
        c = code[answered]
        n_h = np.bincount(c, minlength=names.size)
        w_ps = share[c] / (n_h / answered.sum())[c]
        for key, w in (("raw", None), ("ps", w_ps), ("ipw", 1 / s.response_probability[answered])):
            e = surveys.csat(s.csat[answered], weights=w)
            for store, v in zip(out[key], (e.value, e.se, e.contains(truth))):
                store.append(v)
        m_h = np.bincount(c, weights=y[answered], minlength=names.size) / n_h
        stratified.append(math.sqrt(np.sum(share**2 * m_h * (1 - m_h) / (n_h - 1))))
    value = {k: np.array(v[0]) for k, v in out.items()}
    se = {k: np.mean(v[1]) for k, v in out.items()}
    cover = {k: np.mean(v[2]) for k, v in out.items()}
    spread = {k: v.std(ddof=1) for k, v in value.items()}
    assert 0.012 < value["ps"].mean() - truth < 0.025
    assert cover["ps"] < 0.85
    assert abs(value["ipw"].mean() - truth) < 4 * spread["ipw"] / math.sqrt(reps)
    for k in value:   # the SD of a 500-draw SD is about 3 % of it
        assert se[k] > 1.1 * spread[k], k
    assert spread["ps"] < np.mean(stratified) < 0.9 * se["ps"]


@pytest.mark.parametrize("kwargs, message", [
    ({"customers": 0}, "customers must be a positive integer, got 0"),
    ({"customers": 2.5}, "customers must be a positive integer, got 2.5"),
    ({"competition": 2}, "competition must be a number from 0 to 1, got 2; did you mean 0.02?"),
])
def test_survey_responses_rejects_nonsense(kwargs, message):
    with pytest.raises(ValueError) as err:
        data.survey_responses(seed=1, **kwargs)
    assert str(err.value) == message


def test_seed_type_is_checked():
    with pytest.raises(TypeError) as err:
        data.survey_responses(seed="abc")
    assert str(err.value) == "seed must be a non-negative int, a numpy Generator or None, got 'abc'"
