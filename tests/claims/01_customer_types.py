"""What lesson 01's prose says about its seeded numbers, checked after the lesson has run."""

import numpy as _np
from scipy import special as _special
from scipy import stats as _stats

from cxlib import customers as _cu
from cxlib import widgets as _widgets

# §1: "The customer base grows from 2,000 to about 2,640 in three years, while the former
# customers pile up to about 2,720".
assert round(path[36][1], -1) == 2640 and round(path[36][2], -1) == 2720, path[36]
# Under the hood: "`x @ P` ... `np.linalg.matrix_power(P, t)`. Beware `P ** 36`: ... a different
# (and here meaningless) matrix." The printout says "households lost!".
assert _np.allclose(after_36, path[36])
assert (x0 @ (P ** 36)).sum() < 10_000 - 1000
# "With 2 % of former customers coming back ... the town has 3,200 customers instead of 2,640"
assert round(_cu.state_distribution(P_back, [8000, 2000, 0], 36)[36][1], -2) == 3200

# §2: "In the long run 40 % of the town are customers and 60 % former customers".
assert _np.allclose(pi, [0.0, 0.4, 0.6], atol=1e-9), pi
# Under the hood: the eigenvector for eigenvalue 1, scaled to sum 1, is pi; the inverse of
# I - Q is the fundamental matrix.
assert _np.allclose(v / v.sum(), pi) and _np.allclose(N, stay.fundamental)
# "A new customer stays 1/c = 33.3 months ... waits 1/a = 66.7 months ... 100 months in all",
# and the simulation "agrees" (its interval holds 33.3).
assert round(stay.visits("existing", "existing"), 1) == 33.3 and round(stay.periods[0]) == 100
assert tenure.mean() - half <= 1 / 0.03 <= tenure.mean() + half

# §3: "For the regular segment it climbs from 63 % in the first year to 94.5 % in the twelfth",
# and §3 later: "rise from 63 % to 94.5 %".
_ret = cohorts.regular[1:] / cohorts.regular[:-1]
assert round(_ret[0], 2) == 0.63 and round(_ret[-1], 3) == 0.945
# "The fit reproduces the paper's estimates to the three decimals it reports ... a
# log-likelihood higher by about 114 for the regular segment and 26 for the high-end one".
for _seg in data.SEGMENTS:
    _s, _f = fits[_seg]["sBG"], fits[_seg]["constant churn"]
    assert round(_s.alpha, 3) == data.PUBLISHED_SBG[_seg]["alpha"]
    assert round(_s.beta, 3) == data.PUBLISHED_SBG[_seg]["beta"]
_gain = {k: v["sBG"].log_likelihood - v["constant churn"].log_likelihood for k, v in fits.items()}
assert abs(_gain["regular"] - 114) < 1 and abs(_gain["high_end"] - 26) < 1, _gain
# Under the hood: Nelder-Mead on the hand-written likelihood finds the same maximum.
assert round(alpha_nm, 3) == 0.704 and round(beta_nm, 3) == 1.182
assert abs(-best.fun - fits["regular"]["sBG"].log_likelihood) < 1e-3
# "an extra parameter that captured nothing real would rarely (less than 5 % of the time) raise
# it by more than 2": twice the gain is chi-squared with 1 degree of freedom (at most; less at
# the boundary of the parameter space, where constant churn lies).
assert _stats.chi2.sf(2 * 2, df=1) < 0.05
# "With cohorts of 100 instead of the conventional 1,000 these gains would be ten times smaller"
for _seg in data.SEGMENTS:
    _small = cohorts.calibration(_seg) / 10
    _g = (_cu.fit_sbg(_small).log_likelihood - _cu.fit_constant_churn(_small).log_likelihood)
    assert abs(_g - _gain[_seg] / 10) < 1e-4 * _gain[_seg], (_g, _gain[_seg])
    assert _g > 2
# "After 12 years the constant-churn model projects 46 regular customers where 173 remain: 127
# ... For the high-end segment it projects 270 instead of 394, 124 too few. The sBG model ...
# is within 3 customers for the regular segment at year 12 and within 16 for the high-end one."
_proj = {k: (v["constant churn"].expected_survivors(12)[12], v["sBG"].expected_survivors(12)[12])
         for k, v in fits.items()}
assert round(_proj["regular"][0]) == 46 and cohorts.regular[12] == 173
assert round(_proj["high_end"][0]) == 270 and cohorts.high_end[12] == 394
assert round(abs(_proj["regular"][1] - 173)) <= 3 and round(abs(_proj["high_end"][1] - 394)) <= 16
# Two groups: "70 % ... 12.5 % ... 72.9 % ... in the fourth year its retention rate is 84 %."
assert round(two_group_survival(1), 2) == 0.70 and round(0.9**3, 3) == 0.729
assert round(two_group_survival(4) / two_group_survival(3), 2) == 0.84
# "here 77 % a year, the fitted constant churn of 22.6 %"; "mean churn 37 % ... 15 % ...
# polarisation 0.35 and 0.18".
assert round(fits["regular"]["constant churn"].churn, 3) == 0.226
for _seg, _mean, _pol in (("regular", 0.37, 0.35), ("high_end", 0.15, 0.18)):
    _s = fits[_seg]["sBG"]
    assert round(_s.alpha / (_s.alpha + _s.beta), 2) == _mean
    assert round(1 / (_s.alpha + _s.beta + 1), 2) == _pol

# §4: "New customers ... peak in the model's year 8 ... Bass's continuous curve, whose adoption
# peaks after ln(q/p)/(p+q) ≈ 6.2 years: the same model in monthly steps peaks after 6.25 years"
# and "the customer base peaks in year 12 at about 5,040".
assert peak == 8 and int(_np.argmax(expected.existing)) == 12
assert round(peak_continuous, 1) == 6.2 and peak_monthly == 6.25
assert round(expected.existing.max(), -1) == 5040
# "chance moves the customer count in year 5 by a little over a hundred either way, about ±5 %
# ... in a market of 500 the same business spreads about ±25 %".
assert 100 < (high[5] - low[5]) / 2 < 160 and abs((high[5] - low[5]) / 2 / expected.existing[5]
                                                  - 0.05) < 0.01
assert abs((small_high[5] - small_low[5]) / 2 / small_expected - 0.25) < 0.03
# "If p and q were both 30 % lower than assumed, year 5 would have about 1,340 customers instead
# of 2,240; 30 % higher, about 3,300: far outside the band."
_lo = _cu.customer_flow(**dict(bass, innovation=0.021, word_of_mouth=0.38 * 0.7)).existing[5]
_hi = _cu.customer_flow(**dict(bass, innovation=0.039, word_of_mouth=0.38 * 1.3)).existing[5]
assert round(_lo, -1) == 1340 and round(expected.existing[5], -1) == 2240
assert round(_hi, -2) == 3300 and _lo < low[5] and _hi > high[5]

# §5: "costs this business about 620 of its 4,840 customers in year 10 (13 %). Set to the
# folklore, it costs 2,940 (61 %): the customer base grows for seven years, to about 2,320,
# then stalls and shrinks, because from year 9 on nobody buys at all ... negative talk outweighs
# positive talk almost two to one".
_base = runs["no negative word of mouth"].existing[10]
_ev = _base - runs["evidence: 3 to 1 positive"].existing[10]
_folk = _base - runs["folklore: v = 3q"].existing[10]
assert round(_base, -1) == 4840 and round(_ev, -1) == 620 and round(_folk, -1) == 2940
assert round(_ev / _base, 2) == 0.13 and round(_folk / _base, 2) == 0.61
assert int(_np.argmax(folklore.existing)) == 7 and round(folklore.existing.max(), -1) == 2320
assert folklore.buy_probability[8] > 0 and _np.all(folklore.buy_probability[9:] == 0)
assert 0.5 < positive_to_negative(3 * q) < 0.6

# §6: CLV: "each point of retention is worth more than the last"; Reichheld: "+100 %" and
# "+33 %" (CYU 3); the Markov values "€505 ... €1,010 ... €673 ... €606".
_g = [cu.lifetime_value(m, h, d) - cu.lifetime_value(m, lo, d) for lo, h in ((0.8, 0.85), (0.9, 0.95))]
assert _g[1] > _g[0]
assert round(cu.lifetime_value(m, 0.95, 0) / cu.lifetime_value(m, 0.9, 0) - 1, 2) == 1.0
assert round(cu.lifetime_value(m, 0.95, 0.1) / cu.lifetime_value(m, 0.9, 0.1) - 1, 2) == 0.33
assert [round(v) for v in value] == [606, 1010, 673], value
assert round(cu.lifetime_value(20, 0.97, 0.01)) == 505
# "constant churn ... undervalues both segments by about 9 %, and the first year's rate by 37 %
# (regular) and 26 % (high end) ... €722 (regular) and €785 (high end); constant churn ... €337
# and €541, 53 % and 31 % too little."
for _seg, _first, _sbg7, _flat7 in (("regular", -0.37, 722, 337), ("high_end", -0.26, 785, 541)):
    _s, _f = fits[_seg]["sBG"], fits[_seg]["constant churn"]
    _v = _s.lifetime_value(100, 0.10)
    assert abs(_f.lifetime_value(100, 0.10) / _v - 1 + 0.09) < 0.015
    assert round(cu.lifetime_value(100, _s.retention(1), 0.10) / _v - 1, 2) == _first
    assert round(_s.lifetime_value(100, 0.10, tenure=7)) == _sbg7
    assert round(_f.lifetime_value(100, 0.10, tenure=7)) == _flat7
# "Fader and Hardie's discounted expected residual lifetime counts from the next renewal, so ours
# is one margin plus theirs discounted by a year: for the high end, 7.845 = 1 + 7.530/1.1".
# DERL after n - 1 = 7 renewals (Fader and Hardie 2010), written out independently:
_a, _b, _n = fits["high_end"]["sBG"].alpha, fits["high_end"]["sBG"].beta, 8
_derl = (_b + _n - 1) / (_a + _b + _n - 1) * _special.hyp2f1(1, _b + _n, _a + _b + _n, 1 / 1.1)
assert round(_derl, 3) == 7.530
assert round(fits["high_end"]["sBG"].expected_lifetime(0.1, tenure=7), 3) == 7.845
assert abs(1 + _derl / 1.1 - fits["high_end"]["sBG"].expected_lifetime(0.1, tenure=7)) < 1e-9
# Jensen: "Averaged over customers who differ, it is therefore worth more than at the average
# churn" (the sBG value against the value at its mean churn, for both segments).
for _seg in data.SEGMENTS:
    _s = fits[_seg]["sBG"]
    assert _s.lifetime_value(100, 0.10) > cu.lifetime_value(100, 1 - _s.mean_churn, 0.10)

# §7: "raises the quality score by 0.045, cuts churn from 3 % to about 2.87 % a month and adds
# about €18 to every customer's value".
assert round(s_better - s_today, 3) == 0.045 and round(churn_better, 4) == 0.0287
assert round(cu.lifetime_value(20, 1 - churn_better, 0.01) - cu.lifetime_value(20, 0.97, 0.01)) == 18
assert round(s_today, 2) == 0.85  # §8: "with today's score 0.85 as in section 7"

# §8, the explorer: "It starts at churn 3 %, polarisation 0, p = 0.0025, q = 0.032, v = 0 and
# quality 0.85"; "with churn at 3 % a month, even a polarisation of 0.05 means alpha = 0.57".
_ex = _widgets.CustomerExplorer()
assert _ex.values() == {"churn": 0.03, "polarisation": 0.0, "innovation": 0.0025,
                        "word_of_mouth": 0.032, "negative_word_of_mouth": 0.0, "quality": 0.85}
assert _ex.reference == 0.85 and _ex.market == 10_000 and _ex.existing == 2000
assert round(_cu.sbg(mean_churn=0.03, polarisation=0.05).alpha, 2) == 0.57


def _outlook(**moves):
    kw = dict(_ex.values(), **moves)
    return _cu.customer_outlook(market=10_000, periods=36, existing=2000, margin=20,
                                discount=0.01, reference=0.85, **kw)


_start = _outlook()
# 1. "At polarisation 0 the two retention curves coincide at 97 %; at 0.3 the curve ... climbs to
# 99.8 % by month 36 ... about 4,010 customers after three years instead of 2,010, and a new
# customer is worth about €1,590 instead of €505".
_pol = _outlook(polarisation=0.3)
assert _np.allclose(_start.retention, 0.97) and _np.allclose(_start.retention_constant, 0.97)
assert round(_pol.retention[-1], 3) == 0.998
assert round(_pol.flow.existing[36], -1) == 4010 and round(_start.flow.existing[36], -1) == 2010
assert round(_pol.value, -1) == 1590 and round(_start.value) == 505
# 2. "v = 0.020 gives about 2.9 : 1 and leaves about 1,610 customers ... the folklore's v = 0.096
# leaves about 880, with negative talk almost twice the positive; with none, 2,010."
_ev8, _folk8 = _outlook(negative_word_of_mouth=0.020), _outlook(negative_word_of_mouth=0.096)
assert round(_ev8.talk_ratio, 1) == 2.9 and round(_ev8.flow.existing[36], -1) == 1610
assert round(_folk8.flow.existing[36], -1) == 880 and 1.7 < 1 / _folk8.talk_ratio < 2
assert abs(0.096 - 3 * 0.032) < 1e-12
# 3. "Service quality 0.95 cuts churn to 2.7 % a month and ends with about 2,210 customers;
# innovation 0.004 ends with about 2,250" (about twice section 7's 0.045).
_q, _p = _outlook(quality=0.95), _outlook(innovation=0.004)
assert round(_q.churn, 4) == 0.027 and round(_q.flow.existing[36], -1) == 2210
assert round(_p.flow.existing[36], -1) == 2250
assert 1.8 < 0.10 / round(s_better - s_today, 3) < 2.5
# The explorer's own readout says the same numbers.
_ex.controls["negative_word_of_mouth"].value = 0.020
assert "<b>2.9 : 1</b>" in _ex.readout.value and "<b>1,611</b> customers" in _ex.readout.value
