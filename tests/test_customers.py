"""cxlib.customers against independent references: brute-force sums, numerical integrals,
mpmath at high precision, published values, and simulations within their standard errors."""

from __future__ import annotations

import math
import warnings

import mpmath
import numpy as np
import pytest
from scipy import integrate, optimize, stats

from cxlib import customers as cu

mpmath.mp.dps = 30


# ---------------------------------------------------------------------------------------------
# The lifecycle Markov chain
# ---------------------------------------------------------------------------------------------


def _random_chain(rng, n, absorbing=()):
    p = rng.random((n, n)) ** 3
    for i in absorbing:
        p[i] = 0.0
        p[i, i] = 1.0
    return p / p.sum(axis=1, keepdims=True)


def test_lifecycle_matrix_is_the_three_state_chain():
    p = cu.lifecycle_matrix(acquisition=0.02, churn=0.05, win_back=0.1)
    assert p.shape == (3, 3) and np.allclose(p.sum(axis=1), 1)
    assert p[0, 1] == 0.02 and p[1, 2] == 0.05 and p[2, 1] == 0.1
    assert p[0, 2] == p[1, 0] == p[2, 0] == 0.0


def test_transition_matrix_estimate_converges_on_the_chain_that_made_the_moves():
    rng = np.random.default_rng(5)
    true = _random_chain(rng, 4)
    n = 40_000
    moves = np.array([rng.multinomial(n, row) for row in true])
    est = cu.transition_matrix(moves, states=list("abcd"))
    se = np.sqrt(true * (1 - true) / n)
    assert np.all(np.abs(est - true) <= 4 * se + 1e-12)
    assert np.allclose(est.sum(axis=1), 1)


def test_state_distribution_is_repeated_matrix_powers_and_matches_a_simulation():
    rng = np.random.default_rng(1)
    p = _random_chain(rng, 4)
    start = np.array([500.0, 300.0, 200.0, 0.0])
    path = cu.state_distribution(p, start, 12)
    for t in range(13):
        assert np.allclose(path[t], start @ np.linalg.matrix_power(p, t), rtol=1e-12)
    # 20,000 customers moved one by one for 12 periods: each state's share within 4 SE.
    people = rng.choice(4, size=20_000, p=start / start.sum())
    cum = np.cumsum(p, axis=1)
    for _ in range(12):
        people = (rng.random(people.size)[:, None] > cum[people]).sum(axis=1)
    share = np.bincount(people, minlength=4) / people.size
    want = path[12] / start.sum()
    assert np.all(np.abs(share - want) <= 4 * np.sqrt(want * (1 - want) / people.size) + 1e-12)


def test_steady_state_against_eigenvector_long_run_and_closed_form():
    p = cu.lifecycle_matrix(acquisition=0.02, churn=0.05, win_back=0.1)
    pi = cu.steady_state(p)
    # closed form: nobody stays potential; existing : former = win_back : churn
    assert np.allclose(pi, [0.0, 0.1 / 0.15, 0.05 / 0.15], atol=1e-12)
    rng = np.random.default_rng(2)
    q = _random_chain(rng, 6)
    pi = cu.steady_state(q)
    vals, vecs = np.linalg.eig(q.T)
    v = np.real(vecs[:, np.argmin(np.abs(vals - 1))])
    assert np.allclose(pi, v / v.sum(), atol=1e-12)
    assert np.allclose(pi, np.linalg.matrix_power(q, 2000)[0], atol=1e-10)
    assert np.allclose(pi @ q, pi, atol=1e-13)


def test_steady_state_of_a_retention_chain_is_everyone_former():
    p = cu.lifecycle_matrix(acquisition=0.1, churn=0.05)
    assert np.allclose(cu.steady_state(p), [0, 0, 1], atol=1e-12)


def test_steady_state_gives_a_state_the_chain_leaves_for_good_exactly_zero():
    for a, c, w in [(0.02, 0.05, 0.1), (0.3, 0.2, 0.05), (0.07, 0.11, 0.13)]:
        pi = cu.steady_state(cu.lifecycle_matrix(acquisition=a, churn=c, win_back=w))
        assert pi[0] == 0.0 and np.all(pi >= 0), pi  # nobody becomes potential again
        assert pi[1:] == pytest.approx([w / (c + w), c / (c + w)], rel=1e-12)


def test_absorption_against_brute_force_sums_and_closed_forms():
    a = cu.absorption(cu.lifecycle_matrix(acquisition=0.1, churn=0.05, win_back=0.3),
                      absorbing=["former"])
    assert a.transient == ("potential", "existing") and a.absorbing == ("former",)
    assert a.visits("existing", "existing") == pytest.approx(1 / 0.05, rel=1e-12)
    assert a.visits("potential", "potential") == pytest.approx(1 / 0.1, rel=1e-12)
    assert a.periods == pytest.approx([1 / 0.1 + 1 / 0.05, 1 / 0.05], rel=1e-12)
    rng = np.random.default_rng(3)
    p = _random_chain(rng, 6, absorbing=(4, 5))
    b = cu.absorption(p, absorbing=[4, 5])
    q = p[:4, :4]
    brute, term = np.zeros((4, 4)), np.eye(4)
    for _ in range(20_000):  # N = I + Q + Q^2 + ...
        brute += term
        term = term @ q
    assert np.max(np.abs(term)) < 1e-13
    assert np.allclose(b.fundamental, brute, rtol=1e-10)


def test_absorption_takes_a_state_by_its_index_the_first_one_too():
    p = np.array([[1.0, 0.0, 0.0], [0.1, 0.7, 0.2], [0.3, 0.2, 0.5]])
    names = ["gone", "active", "lapsed"]
    by_index = cu.absorption(p, absorbing=[0], states=names)
    assert by_index.transient == ("active", "lapsed") and by_index.absorbing == ("gone",)
    np.testing.assert_allclose(by_index.fundamental, np.linalg.inv(np.eye(2) - p[1:, 1:]),
                               rtol=1e-12)
    by_name = cu.absorption(p, absorbing=["gone"], states=names)
    np.testing.assert_array_equal(by_index.periods, by_name.periods)


def test_absorption_time_matches_a_simulation_within_its_standard_error():
    rng = np.random.default_rng(4)
    p = _random_chain(rng, 5, absorbing=(4,))
    want = cu.absorption(p, absorbing=[4], states=list("abcde")).periods[0]
    cum = np.cumsum(p, axis=1)
    times = np.empty(20_000)
    for k in range(times.size):
        state, t = 0, 0
        while state != 4:
            state = int(np.searchsorted(cum[state], rng.random(), side="right"))
            t += 1
        times[k] = t
    se = times.std(ddof=1) / math.sqrt(times.size)
    assert abs(times.mean() - want) < 4 * se


def test_markov_lifetime_value_against_its_series_and_the_closed_form():
    rng = np.random.default_rng(6)
    p = _random_chain(rng, 5)
    r = rng.normal(10, 5, 5)
    v = cu.markov_lifetime_value(p, r, 0.05)
    series, term = np.zeros(5), r.copy()
    for _ in range(3000):
        series += term
        term = p @ term / 1.05
    assert np.allclose(v, series, rtol=1e-10)
    lc = cu.lifecycle_matrix(acquisition=0.05, churn=0.2)
    v = cu.markov_lifetime_value(lc, [0, 10, 0], 0.1)
    assert v[1] == pytest.approx(cu.lifetime_value(10, 0.8, 0.1), rel=1e-12)
    # without a discount, a retention chain is worth the margin times the expected tenure
    assert cu.markov_lifetime_value(lc, [0, 10, 0], 0.0)[1] == pytest.approx(10 / 0.2)
    assert cu.markov_lifetime_value(lc, [0, 10, 0], 0.0)[0] == pytest.approx(10 / 0.2)


@pytest.mark.parametrize("call, message", [
    (lambda: cu.check_transition_matrix([[0.9, 0.1, 0], [0, 0.95, 0.1], [0, 0, 1]]),
     "row 1 (existing) of the transition matrix sums to 1.05, not 1: each row holds the "
     "chances of moving from one state to every state"),
    (lambda: cu.check_transition_matrix([[1.1, -0.1, 0], [0, 1, 0], [0, 0, 1]]),
     "row 0 (potential) of the transition matrix has a negative entry, -0.1 in column 1 "
     "(existing): a chance is from 0 to 1"),
    (lambda: cu.check_transition_matrix([[0.5, 0.5], [0.2, 0.7]], states=["new", "old"]),
     "row 1 (old) of the transition matrix sums to 0.9, not 1: each row holds the chances "
     "of moving from one state to every state"),
    (lambda: cu.check_transition_matrix([[0.5, 0.5, 0]]),
     "matrix must be square, one row and one column per state, got shape (1, 3)"),
    (lambda: cu.transition_matrix([[10, 5, 0], [0, 0, 0], [0, 3, 9]]),
     "row 1 (existing) of moves has no customers in it: its chances cannot be estimated"),
    (lambda: cu.transition_matrix([[10, -5], [0, 3]]),
     "moves must be a non-negative number, got -5 at index (0, 1)"),
    (lambda: cu.steady_state(np.eye(3)),
     "the chain has more than one long-run distribution: some states never reach each other "
     "(check for two absorbing states)"),
    (lambda: cu.lifecycle_matrix(acquisition=0.02, churn=5, win_back=0),
     "churn must be a number from 0 to 1, got 5; did you mean 0.05?"),
    (lambda: cu.state_distribution(np.eye(3), [1, 2], 3),
     "start must hold one number per state (3), got shape (2,)"),
    (lambda: cu.absorption(np.eye(3), absorbing=["gone"]),
     "absorbing must name states of the chain (potential, existing, former), got 'gone'"),
    (lambda: cu.absorption(cu.lifecycle_matrix(acquisition=0, churn=0.1), absorbing=["former"]),
     "some customers never reach an absorbing state, so the expected time is infinite: check "
     "that every state can lead to former"),
    (lambda: cu.markov_lifetime_value(cu.lifecycle_matrix(acquisition=0.1, churn=0.1,
                                                          win_back=0.1), [0, 1, 0], 0),
     "the value is infinite: a customer can go on earning for ever and, with a discount rate "
     "of 0 or less, nothing shrinks the far future; use a positive discount rate"),
    (lambda: cu.markov_lifetime_value(np.eye(3), [0, 1, 0], -1),
     "discount must be a number greater than -1 (a rate per period, such as 0.1 for 10 %), "
     "got -1"),
])
def test_lifecycle_bad_input_is_named(call, message):
    with pytest.raises(ValueError) as err:
        call()
    assert str(err.value) == message


def test_lifecycle_matrix_refuses_an_array_by_the_parameter_s_name():
    with pytest.raises(TypeError) as err:
        cu.lifecycle_matrix(acquisition=[0.02, 0.03], churn=0.05)
    assert str(err.value) == (
        "lifecycle_matrix works on one case at a time: acquisition must be a single number, "
        "got an array of shape (2,); call it once per case")


# ---------------------------------------------------------------------------------------------
# Retention: the sBG model and constant churn
# ---------------------------------------------------------------------------------------------

PARAMS = [(0.704, 1.182), (0.668, 3.806), (2.5, 7.0), (0.3, 0.9)]


def _beta_integral(a, b, g):
    """E[g(theta)] for theta ~ Beta(a, b), by numerical integration."""
    value, _ = integrate.quad(lambda x: g(x) * stats.beta.pdf(x, a, b), 0, 1, limit=200,
                              epsabs=1e-13, epsrel=1e-11)
    return value


@pytest.mark.parametrize("a, b", PARAMS)
def test_sbg_closed_forms_against_the_beta_geometric_integral(a, b):
    m = cu.sbg(alpha=a, beta=b)
    for t in (1, 2, 5, 12):
        survive = _beta_integral(a, b, lambda x: (1 - x) ** t)
        assert m.survival(t) == pytest.approx(survive, rel=1e-8)
        leave = _beta_integral(a, b, lambda x: x * (1 - x) ** (t - 1))
        assert m.leave_probability(t) == pytest.approx(leave, rel=1e-8)
        before = _beta_integral(a, b, lambda x: (1 - x) ** (t - 1))
        assert m.retention(t) == pytest.approx(survive / before, rel=1e-8)
    assert m.survival(0) == 1.0


@pytest.mark.parametrize("a, b", PARAMS)
@pytest.mark.parametrize("d, tenure", [(0.1, 0), (0.1, 7), (0.01, 0), (0.005, 3), (0.5, 20)])
def test_sbg_expected_lifetime_against_mpmath(a, b, d, tenure):
    """The hypergeometric closed form against a 30-digit sum of survivors of ``tenure``
    periods, discounted: sum_k S(tenure + k) / S(tenure) / (1 + d) ** k."""
    ma, mb = mpmath.mpf(a), mpmath.mpf(b)

    def s(t):
        return mpmath.beta(ma, mb + t) / mpmath.beta(ma, mb)

    want = mpmath.nsum(lambda k: s(tenure + k) / s(tenure) / (1 + mpmath.mpf(d)) ** k,
                       [0, mpmath.inf])
    got = cu.sbg(alpha=a, beta=b).expected_lifetime(d, tenure=tenure)
    assert got == pytest.approx(float(want), rel=1e-10)


def test_sbg_undiscounted_lifetime_is_finite_only_for_alpha_above_one():
    # sum_t S(t) = E[sum_t (1 - theta)^t] = E[1 / theta], integrated numerically
    assert cu.sbg(alpha=2.5, beta=7.0).expected_lifetime(0.0) == pytest.approx(
        _beta_integral(2.5, 7.0, lambda x: 1 / x), rel=1e-8)
    assert cu.sbg(alpha=0.704, beta=1.182).expected_lifetime(0.0) == math.inf


def test_sbg_matches_an_independent_python_implementation():
    """jdmaturen/shifted_beta_geometric_py's README: the high-end segment fitted on years 1-7
    projects 0.460, 0.436, 0.414, 0.395, 0.378 for years 8-12, and its DERL at a discount of 10 %
    for a customer at year 7 is 7.530 (its convention: the chance of renewing, times the
    discounted lifetime of those who renewed, with the renewal payment undiscounted)."""
    fit = cu.fit_sbg([1000, 869, 743, 653, 593, 551, 517, 491])
    assert np.round(fit.survival(np.arange(8, 13)), 3).tolist() == [0.46, 0.436, 0.414, 0.395,
                                                                     0.378]
    derl = fit.retention(8) * fit.expected_lifetime(0.1, tenure=8)
    assert round(derl, 3) == 7.530


def test_fit_sbg_recovers_the_parameters_of_a_simulated_cohort_within_its_standard_errors():
    rng = np.random.default_rng(11)
    a, b, n, periods = 0.9, 3.0, 200_000, 10
    theta = rng.beta(a, b, n)
    lifetime = rng.geometric(theta)
    survivors = [n] + [int(np.sum(lifetime > t)) for t in range(1, periods + 1)]
    fit = cu.fit_sbg(survivors)
    # standard errors from the observed information (numerical Hessian of the log-likelihood)
    lost = -np.diff(survivors)

    def ll(x):
        aa, bb = x
        t = np.arange(1, periods + 1)
        base = math.lgamma(aa) + math.lgamma(bb) - math.lgamma(aa + bb)
        lp = [math.lgamma(aa + 1) + math.lgamma(bb + k - 1) - math.lgamma(aa + bb + k) - base
              for k in t]
        ls = math.lgamma(aa) + math.lgamma(bb + periods) - math.lgamma(aa + bb + periods) - base
        return float(np.dot(lost, lp) + survivors[-1] * ls)

    h, x0 = 1e-4, np.array([fit.alpha, fit.beta])
    hess = np.empty((2, 2))
    for i in range(2):
        for j in range(2):
            e_i, e_j = np.eye(2)[i] * h, np.eye(2)[j] * h
            hess[i, j] = (ll(x0 + e_i + e_j) - ll(x0 + e_i - e_j) - ll(x0 - e_i + e_j)
                          + ll(x0 - e_i - e_j)) / (4 * h * h)
    se = np.sqrt(np.diag(np.linalg.inv(-hess)))
    assert abs(fit.alpha - a) < 4 * se[0] and abs(fit.beta - b) < 4 * se[1]
    assert fit.log_likelihood == pytest.approx(ll(x0), rel=1e-10)


def test_fit_sbg_finds_the_maximum_an_independent_optimiser_finds():
    survivors = [1000, 631, 468, 382, 326, 289, 262, 241]
    fit = cu.fit_sbg(survivors)
    lost = -np.diff(survivors)

    def neg(x):
        a, b = np.exp(x)
        m = cu.sbg(alpha=a, beta=b)
        return -(np.dot(lost, np.log(m.leave_probability(np.arange(1, 8))))
                 + survivors[-1] * np.log(m.survival(7)))

    res = optimize.minimize(neg, [0.0, 0.0], method="Nelder-Mead",
                            options={"xatol": 1e-10, "fatol": 1e-12, "maxiter": 5000})
    assert np.exp(res.x) == pytest.approx([fit.alpha, fit.beta], rel=1e-5)
    assert -res.fun == pytest.approx(fit.log_likelihood, abs=1e-8)


def test_fit_sbg_shows_a_student_no_warnings():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        fit = cu.fit_sbg([1000, 631, 468, 382, 326, 289, 262, 241])
    assert (round(fit.alpha, 3), round(fit.beta, 3)) == (0.704, 1.182)


def test_constant_churn_fit_is_the_maximum_of_the_geometric_likelihood():
    survivors = np.array([1000, 869, 743, 653, 593, 551, 517, 491])
    fit = cu.fit_constant_churn(survivors)
    lost, t = -np.diff(survivors), np.arange(1, 8)

    def neg(c):
        return -(np.sum(lost * (np.log(c) + (t - 1) * np.log1p(-c))) + survivors[-1] * 7 *
                 np.log1p(-c))

    res = optimize.minimize_scalar(neg, bounds=(1e-6, 1 - 1e-6), method="bounded",
                                   options={"xatol": 1e-12})
    assert fit.churn == pytest.approx(res.x, rel=1e-7)
    assert fit.log_likelihood == pytest.approx(-res.fun, rel=1e-12)
    assert fit.expected_survivors(2).tolist() == pytest.approx([1000, 1000 * (1 - fit.churn),
                                                                1000 * (1 - fit.churn) ** 2])


def test_sbg_tends_to_constant_churn_as_polarisation_vanishes():
    near = cu.sbg(mean_churn=0.2, polarisation=1e-9)
    flat = cu.constant_churn(0.2)
    t = np.arange(0, 20)
    assert np.allclose(near.survival(t), flat.survival(t), rtol=1e-6)
    assert near.expected_lifetime(0.1) == pytest.approx(flat.expected_lifetime(0.1), rel=1e-6)
    m = cu.sbg(mean_churn=0.3, polarisation=0.25)
    assert m.mean_churn == pytest.approx(0.3) and m.polarisation == pytest.approx(0.25)
    assert m.retention(1) == pytest.approx(1 - 0.3)


def test_heterogeneity_makes_retention_rise_while_each_customer_stays_the_same():
    m = cu.sbg(alpha=0.704, beta=1.182)
    r = m.retention(np.arange(1, 13))
    assert np.all(np.diff(r) > 0)
    assert np.all(cu.constant_churn(0.2).retention(np.arange(1, 13)) == 0.8)


@pytest.mark.parametrize("call, error, message", [
    (lambda: cu.fit_sbg([1000, 631, 700]), ValueError,
     "survivors must never increase (a cohort only loses customers), but it goes from 631 to "
     "700 at index 2"),
    (lambda: cu.fit_sbg([631, 468, 382], cohort_size=1000), ValueError,
     "survivors must start with the cohort's size (1000), got 631: put the size first, as in "
     "[1000, 631, ...]"),
    (lambda: cu.fit_sbg([1000, 1000, 1000]), ValueError,
     "survivors never fall: nobody left the cohort, so there is no churn to fit"),
    (lambda: cu.fit_sbg([0, 0, 0]), ValueError,
     "survivors must start with the cohort's size, a positive number, got 0"),
    (lambda: cu.fit_sbg([1000]), ValueError,
     "survivors must be a list of at least two counts: the cohort's size, then the number "
     "still active after each period; got 1"),
    (lambda: cu.fit_constant_churn([1000, -5]), ValueError,
     "survivors must be a non-negative number, got -5 at index 1"),
    (lambda: cu.fit_sbg("1000, 631"), TypeError,
     "survivors must be a non-negative number, got '1000, 631'"),
    (lambda: cu.sbg(alpha=0.7, beta=0), ValueError, "beta must be a positive number, got 0"),
    (lambda: cu.sbg(alpha=0.7), TypeError,
     "give either alpha and beta, or mean_churn and polarisation"),
    (lambda: cu.sbg(mean_churn=0.2, polarisation=1), ValueError,
     "polarisation must be a number strictly between 0 and 1, got 1"),
    (lambda: cu.sbg(alpha=1, beta=1).retention(0), ValueError,
     "t must be at least 1: retention in period t is the share of those active after t - 1 "
     "periods who stay through period t, got 0"),
    (lambda: cu.sbg(alpha=1, beta=1).lifetime_value(10, 0.1, first_margin_at=2), ValueError,
     "first_margin_at must be 0 (a margin now, then one each period) or 1 (the first margin "
     "one period from now), got 2"),
    (lambda: cu.constant_churn(1.5), ValueError, "churn must be a number from 0 to 1, got 1.5"),
    (lambda: cu.sbg(mean_churn=[0.1, 0.2], polarisation=0.3), TypeError,
     "sbg works on one case at a time: mean_churn must be a single number, got an array of "
     "shape (2,); call it once per case"),
])
def test_retention_bad_input_is_named(call, error, message):
    with pytest.raises(error) as err:
        call()
    assert str(err.value) == message


# ---------------------------------------------------------------------------------------------
# Customer lifetime value
# ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("r", [0.0, 0.5, 0.8, 0.95, 0.995])
@pytest.mark.parametrize("d", [0.0, 0.01, 0.1, 0.25])
@pytest.mark.parametrize("first", [0, 1])
def test_lifetime_value_closed_form_against_its_sum(r, d, first):
    got = cu.lifetime_value(37.5, r, d, first_margin_at=first)
    terms = cu.discounted_margins(37.5, r, d, periods=20_000, first_margin_at=first)
    assert got == pytest.approx(float(terms.sum()), rel=1e-11)
    explicit = math.fsum(37.5 * (r / (1 + d)) ** t for t in range(first, first + 20_000))
    assert got == pytest.approx(explicit, rel=1e-11)


def test_lifetime_value_against_mpmath_and_conventions():
    for r, d in [(0.8, 0.1), (0.9, 0.12), (0.97, 0.01)]:
        want = mpmath.nsum(lambda t: 100 * mpmath.mpf(r) ** t / (1 + mpmath.mpf(d)) ** t,
                           [0, mpmath.inf])
        assert cu.lifetime_value(100, r, d) == pytest.approx(float(want), rel=1e-13)
        # Gupta and Lehmann's margin multiple r / (1 + d - r) is the first_margin_at=1 value
        assert cu.lifetime_value(1, r, d, first_margin_at=1) == pytest.approx(r / (1 + d - r))
        assert cu.lifetime_value(100, r, d) - cu.lifetime_value(100, r, d, first_margin_at=1) \
            == pytest.approx(100)


def test_lifetime_value_horizon_broadcasting_and_limits():
    assert cu.lifetime_value(10, 0.9, 0.05, periods=7) == pytest.approx(
        sum(10 * 0.9**t / 1.05**t for t in range(7)))
    assert cu.lifetime_value(10, 0.9, -0.1, periods=4) == pytest.approx(40.0)  # x = 1
    assert cu.lifetime_value(10, 0.95, -0.1) == math.inf
    assert cu.lifetime_value(-10, 0.95, -0.1) == -math.inf
    grid = cu.lifetime_value([[1], [2]], [0.5, 0.8, 0.9], 0.1)
    assert grid.shape == (2, 3)
    assert np.allclose(grid[1], 2 * grid[0])
    assert isinstance(cu.lifetime_value(1, 0.5, 0.1), float)
    # Sharp's arithmetic: halving churn doubles the undiscounted value (and tenure)
    assert cu.lifetime_value(100, 0.95, 0.0) == pytest.approx(2 * cu.lifetime_value(100, 0.9, 0.0))


def test_customers_who_never_leave_have_an_endless_lifetime_without_a_warning():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        assert cu.constant_churn(0.0).expected_lifetime() == math.inf
        assert cu.constant_churn(0.0).expected_lifetime([0.0, 0.25]).tolist() == [math.inf, 5.0]


def test_sbg_value_exceeds_constant_churn_at_the_same_mean_churn():
    m, flat = cu.sbg(mean_churn=0.2, polarisation=0.3), cu.constant_churn(0.2)
    assert m.lifetime_value(100, 0.1) > flat.lifetime_value(100, 0.1)
    assert flat.lifetime_value(100, 0.1) == pytest.approx(cu.lifetime_value(100, 0.8, 0.1))
    assert m.lifetime_value(100, 0.1, first_margin_at=1) == pytest.approx(
        m.lifetime_value(100, 0.1) - 100)


@pytest.mark.parametrize("call, error, message", [
    (lambda: cu.lifetime_value(100, 1.0, 0.1), ValueError,
     "retention must be a number from 0 up to (but not including) 1, got 1"),
    (lambda: cu.lifetime_value(100, -0.2, 0.1), ValueError,
     "retention must be a number from 0 up to (but not including) 1, got -0.2"),
    (lambda: cu.lifetime_value(100, 90, 0.1), ValueError,
     "retention must be a number from 0 up to (but not including) 1, got 90; did you mean 0.9?"),
    (lambda: cu.lifetime_value(100, 0.9, -1), ValueError,
     "discount must be a number greater than -1 (a rate per period, such as 0.1 for 10 %), "
     "got -1"),
    (lambda: cu.lifetime_value(100, 0.9, [0.1, -2]), ValueError,
     "discount must be a number greater than -1 (a rate per period, such as 0.1 for 10 %), "
     "got -2 at index 1"),
    (lambda: cu.lifetime_value(100, 0.9, 0.1, first_margin_at=2), ValueError,
     "first_margin_at must be 0 (a margin now, then one each period) or 1 (the first margin "
     "one period from now), got 2"),
    (lambda: cu.lifetime_value("100", 0.9, 0.1), TypeError, "margin must be a number, got '100'"),
    (lambda: cu.lifetime_value(100, 0.9, 0.1, periods=0), ValueError,
     "periods must be a positive integer, got 0"),
    (lambda: cu.discounted_margins(100, 0.9, 0.1, periods=0), ValueError,
     "periods must be a positive integer, got 0"),
    (lambda: cu.lifetime_value([1, 2], [0.5, 0.6, 0.7], 0.1), ValueError,
     "the array arguments must have shapes that broadcast together, got margin (2,), "
     "retention (3,), discount ()"),
])
def test_lifetime_value_bad_input_is_named(call, error, message):
    with pytest.raises(error) as err:
        call()
    assert str(err.value) == message


# ---------------------------------------------------------------------------------------------
# Acquisition and word of mouth
# ---------------------------------------------------------------------------------------------


def test_flow_without_word_of_mouth_is_the_lifecycle_markov_chain():
    f = cu.customer_flow(market=5000, periods=24, innovation=0.04, word_of_mouth=0.0,
                         churn=0.07, win_back=0.05, existing=800, former=300)
    p = cu.lifecycle_matrix(acquisition=0.04, churn=0.07, win_back=0.05)
    path = cu.state_distribution(p, [3900, 800, 300], 24)
    assert np.allclose(np.column_stack([f.potential, f.existing, f.former]), path, rtol=1e-12)
    assert np.allclose(f.potential + f.existing + f.former, 5000)
    # closed form with no word of mouth: potential customers decay geometrically
    assert np.allclose(f.potential, 3900 * 0.96 ** np.arange(25))


def test_flow_is_the_discrete_bass_recursion_and_tends_to_the_bass_closed_form():
    p, q, years = 0.03, 0.38, 10
    f = cu.customer_flow(market=1, periods=years, innovation=p, word_of_mouth=q, churn=0.0)
    adopted = [0.0]
    for _ in range(years):
        x = adopted[-1]
        adopted.append(x + (p + q * x) * (1 - x))
    assert np.allclose(f.existing, adopted, rtol=1e-13)

    def bass(t):
        e = np.exp(-(p + q) * t)
        return (1 - e) / (1 + q / p * e)

    errors = []
    for steps in (12, 24, 48, 96):  # periods per year, coefficients per period
        g = cu.customer_flow(market=1_000_000, periods=years * steps, innovation=p / steps,
                             word_of_mouth=q / steps, churn=0.0)
        t = g.period / steps
        errors.append(np.max(np.abs(g.existing / 1_000_000 - bass(t))))
    assert errors[0] < 0.01  # monthly steps stay within a point of the continuous curve
    assert all(e2 < 0.6 * e1 for e1, e2 in zip(errors, errors[1:]))  # and converge like 1/steps


def test_flow_with_sbg_churn_follows_the_sbg_survival_of_its_first_cohort():
    f = cu.customer_flow(market=10_000, periods=15, innovation=0.0, word_of_mouth=0.0,
                         churn=0.2, polarisation=0.25, existing=10_000)
    m = cu.sbg(mean_churn=0.2, polarisation=0.25)
    assert np.allclose(f.existing, 10_000 * m.survival(np.arange(16)), rtol=1e-12)
    assert np.allclose(f.churned[1:], -np.diff(f.existing), rtol=1e-12)


def test_negative_word_of_mouth_lowers_acquisition_and_is_clipped_at_zero():
    kw = dict(market=10_000, periods=24, innovation=0.01, word_of_mouth=0.3, churn=0.05,
              existing=1000, former=2000)
    with_neg = cu.customer_flow(**kw, negative_word_of_mouth=0.2)
    without = cu.customer_flow(**kw)
    assert np.all(with_neg.acquired[1:] < without.acquired[1:])
    hostile = cu.customer_flow(**kw, negative_word_of_mouth=5.0)
    assert hostile.buy_probability[0] == 0.0 and hostile.acquired[1] == 0.0


def test_simulated_flow_averages_the_expected_flow_within_its_standard_errors():
    kw = dict(market=20_000, periods=24, innovation=0.01, word_of_mouth=0.0, churn=0.06,
              win_back=0.03, existing=3000)
    f = cu.customer_flow(**kw)
    sim = cu.simulate_customer_flow(**kw, replications=300, seed=12)
    for state in ("potential", "existing", "former"):
        for t in (1, 12, 24):
            e = sim.estimate(state, t, confidence=0.9999)
            assert e.contains(getattr(f, state)[t]), (state, t, e)
    assert np.all(sim.potential + sim.existing + sim.former == 20_000)


def test_simulated_flow_with_word_of_mouth_stays_within_its_errors_of_the_mean_field():
    """Word of mouth makes the model nonlinear: the mean-field path differs from the simulated
    average by O(1) people (a bias of order 1/market in shares), far below the standard error."""
    kw = dict(market=100_000, periods=20, innovation=0.01, word_of_mouth=0.4, churn=0.05,
              negative_word_of_mouth=0.1, polarisation=0.2)
    f = cu.customer_flow(**kw)
    sim = cu.simulate_customer_flow(**kw, replications=200, seed=3)
    for state in ("existing", "former"):
        e = sim.estimate(state, 20)
        assert abs(e.value - getattr(f, state)[20]) < 4 * e.std_error + 2.0


def test_simulated_sbg_cohort_is_binomial_as_the_model_says():
    """Customers with fixed, beta-distributed churn leave independently, so the survivors of a
    cohort of n after t periods are Binomial(n, S(t)): the mean and the variance are checked."""
    n, reps = 400, 4000
    sim = cu.simulate_customer_flow(market=n, periods=6, innovation=0.0, word_of_mouth=0.0,
                                    churn=0.3, polarisation=0.3, existing=n,
                                    replications=reps, seed=8)
    s = cu.sbg(mean_churn=0.3, polarisation=0.3).survival(6)
    x = sim.existing[:, 6]
    assert abs(x.mean() - n * s) < 4 * math.sqrt(n * s * (1 - s) / reps)
    var = x.var(ddof=1)
    lo, hi = stats.chi2.ppf([0.0001, 0.9999], reps - 1) / (reps - 1)
    assert lo * n * s * (1 - s) < var < hi * n * s * (1 - s)


def test_simulated_flow_estimate_stops_at_the_last_period():
    sim = cu.simulate_customer_flow(market=1000, periods=3, innovation=0.1, word_of_mouth=0.0,
                                    churn=0.2, replications=5, seed=1)
    assert sim.estimate("existing", 3).value == pytest.approx(sim.existing[:, 3].mean())
    with pytest.raises(ValueError) as err:
        sim.estimate("existing", 4)
    assert str(err.value) == "period must be at most 3, got 4"


def test_simulated_flow_books_the_customers_won_back():
    """Each period the former customers gain the churned and lose the won back, and each former
    customer comes back with chance win_back: Binomial(former, win_back) summed over periods."""
    sim = cu.simulate_customer_flow(market=5000, periods=12, innovation=0.02, word_of_mouth=0.0,
                                    churn=0.1, win_back=0.2, existing=2000, former=1000,
                                    replications=50, seed=4)
    assert sim.won_back.shape == sim.former.shape == (50, 13)
    assert np.all(sim.won_back[:, 0] == 0)
    assert np.array_equal(np.diff(sim.former, axis=1), sim.churned[:, 1:] - sim.won_back[:, 1:])
    n = sim.former[:, :-1].sum()
    mean = 0.2 * n
    assert abs(sim.won_back.sum() - mean) < 5 * math.sqrt(n * 0.2 * 0.8)


def test_simulation_is_seeded():
    kw = dict(market=1000, periods=10, innovation=0.02, word_of_mouth=0.2, churn=0.05,
              replications=20)
    a, b = cu.simulate_customer_flow(**kw, seed=5), cu.simulate_customer_flow(**kw, seed=5)
    c = cu.simulate_customer_flow(**kw, seed=6)
    assert np.array_equal(a.existing, b.existing) and not np.array_equal(a.existing, c.existing)
    low, high = a.band("existing", 0.8)
    assert np.all(low <= high)
    assert a.existing.flags.writeable is False


@pytest.mark.parametrize("kwargs, error, message", [
    (dict(existing=800, former=300, market=1000), ValueError,
     "existing and former customers (800 + 300) cannot outnumber the market (1000)"),
    (dict(polarisation=1.0), ValueError,
     "polarisation must be a number from 0 up to (but not including) 1, got 1"),
    (dict(churn=0.0, polarisation=0.2), ValueError,
     "churn must be strictly between 0 and 1 when customers differ (polarisation > 0), got 0"),
    (dict(innovation=3), ValueError, "innovation must be a number from 0 to 1, got 3; did you "
                                     "mean 0.03?"),
    (dict(word_of_mouth=-0.1), ValueError,
     "word_of_mouth must be a non-negative number, got -0.1"),
    (dict(market=0), ValueError, "market must be a positive integer, got 0"),
    (dict(churn=[0.1, 0.2]), TypeError,
     "customer_flow works on one case at a time: churn must be a single number, got an array "
     "of shape (2,); call it once per case"),
    (dict(market=[1000, 2000]), TypeError,
     "customer_flow works on one case at a time: market must be a single number, got an array "
     "of shape (2,); call it once per case"),
    (dict(innovation=[0.02, 0.03]), TypeError,
     "customer_flow works on one case at a time: innovation must be a single number, got an "
     "array of shape (2,); call it once per case"),
    (dict(former=[0, 10]), TypeError,
     "customer_flow works on one case at a time: former must be a single number, got an array "
     "of shape (2,); call it once per case"),
])
def test_flow_bad_input_is_named(kwargs, error, message):
    base = dict(market=1000, periods=12, innovation=0.02, word_of_mouth=0.2, churn=0.05)
    base.update(kwargs)
    with pytest.raises(error) as err:
        cu.customer_flow(**base)
    assert str(err.value) == message


# ---------------------------------------------------------------------------------------------
# The service lever and the outlook
# ---------------------------------------------------------------------------------------------


def test_service_lever_is_the_documented_straight_line():
    assert sum(cu.FACTOR_WEIGHTS.values()) == pytest.approx(1.0)
    assert list(cu.FACTOR_WEIGHTS) == list(cu.FACTORS)
    q = cu.service_quality(product=1, delivery=0, assortment=0, resolution=0)
    assert q == pytest.approx(0.4)
    assert cu.service_quality(product=0.7, delivery=0.7, assortment=0.7, resolution=0.7) == \
        pytest.approx(0.7)
    assert cu.churn_with_service(0.04, 0.5) == pytest.approx(0.04)
    assert cu.churn_with_service(0.04, [0, 0.75, 1]).tolist() == pytest.approx([0.06, 0.03,
                                                                                0.02])
    assert cu.churn_with_service(0.9, 0.0, effect=2.0) == 1.0  # kept a probability
    with pytest.raises(ValueError) as err:
        cu.service_quality(product=90, delivery=0.8, assortment=0.9, resolution=0.5)
    assert str(err.value) == "product must be a number from 0 to 1, got 90; did you mean 0.9?"


def test_outlook_combines_its_parts():
    o = cu.customer_outlook(market=10_000, periods=36, innovation=0.0025, word_of_mouth=0.032,
                            churn=0.03, polarisation=0.1, negative_word_of_mouth=0.01,
                            existing=2000, quality=0.8, margin=20, discount=0.01)
    c = cu.churn_with_service(0.03, 0.8)
    assert o.churn == pytest.approx(c)
    f = cu.customer_flow(market=10_000, periods=36, innovation=0.0025, word_of_mouth=0.032,
                         churn=c, polarisation=0.1, negative_word_of_mouth=0.01, existing=2000)
    assert np.allclose(o.flow.existing, f.existing)
    m = cu.sbg(mean_churn=c, polarisation=0.1)
    assert o.value == pytest.approx(m.lifetime_value(20, 0.01))
    assert o.value_constant == pytest.approx(cu.lifetime_value(20, 1 - c, 0.01))
    assert np.allclose(o.retention, m.retention(np.arange(1, 37)))
    # Positive to negative talk, summed period by period over the flow (an explicit loop).
    pos = sum(0.032 * f.existing[t] for t in range(36))
    neg = sum(0.01 * f.former[t] for t in range(36))
    assert o.talk_ratio == pytest.approx(pos / neg, rel=1e-12)


def test_outlook_takes_todays_quality_as_its_reference():
    kw = dict(market=10_000, periods=36, innovation=0.0025, word_of_mouth=0.032, churn=0.03,
              polarisation=0.0, existing=2000)
    today = cu.customer_outlook(**kw, quality=0.85, reference=0.85)
    assert today.churn == pytest.approx(0.03)  # at today's quality, churn is today's churn
    better = cu.customer_outlook(**kw, quality=0.95, reference=0.85)
    assert better.churn == pytest.approx(0.03 * (1 - 0.10))
    assert cu.customer_outlook(**kw).churn == pytest.approx(cu.churn_with_service(0.03, 0.5))
    assert np.isinf(today.talk_ratio)  # no negative word of mouth
    quiet = cu.customer_outlook(**dict(kw, word_of_mouth=0.0))
    assert np.isnan(quiet.talk_ratio)
    with pytest.raises(ValueError) as err:
        cu.customer_outlook(**kw, reference=85)
    assert str(err.value) == "reference must be a number from 0 to 1, got 85; did you mean 0.85?"


def test_the_promised_signatures():
    """Other topics (service recovery, the capstone) import these; their keywords are a promise."""
    import inspect

    sig = inspect.signature(cu.lifetime_value).parameters
    assert list(sig) == ["margin", "retention", "discount", "first_margin_at", "periods"]
    assert sig["first_margin_at"].kind is inspect.Parameter.KEYWORD_ONLY
    assert sig["first_margin_at"].default == 0 and sig["periods"].default is None
    assert list(inspect.signature(cu.fit_sbg).parameters) == ["survivors", "cohort_size"]
    fit = cu.fit_sbg([1000, 631, 468, 382])
    assert {"alpha", "beta", "log_likelihood"} <= set(fit.to_dict())
    assert callable(fit.survival) and callable(fit.retention)
    with pytest.raises(AttributeError):
        fit.alpha = 1.0  # frozen
    simulate = inspect.signature(cu.simulate_customer_flow).parameters
    assert simulate["seed"].kind is inspect.Parameter.KEYWORD_ONLY


def RESULT_EXAMPLES():
    """One instance of each customers result type, for tests/test_results.py."""
    from cxlib import customers as cu, data

    cohorts = data.subscriber_cohorts()
    flow = dict(market=1000, periods=6, innovation=0.03, word_of_mouth=0.38, churn=0.05)
    chain = cu.lifecycle_matrix(acquisition=0.05, churn=0.1)
    return [cohorts, cu.customer_flow(**flow), cu.simulate_customer_flow(**flow, replications=3,
                                                                         seed=1),
            cu.absorption(chain, absorbing=["former"]), cu.constant_churn(0.1),
            cu.fit_constant_churn(cohorts.regular[:8]), cu.sbg(alpha=0.7, beta=1.2),
            cu.fit_sbg(cohorts.regular[:8]),
            cu.customer_outlook(market=1000, periods=12, innovation=0.03, word_of_mouth=0.38,
                                churn=0.05, polarisation=0.2)]
