"""What lesson 01's prose says about its seeded numbers, checked after the lesson has run."""

import numpy as _np
from cxlib import customers as _cu

# §1: "The customer base grows from 2,000 to about 2,640 in three years, while the former
# customers pile up to about 2,720".
assert round(path[36][1], -1) == 2640 and round(path[36][2], -1) == 2720, path[36]
# "With 2 % of former customers coming back ... the town has 3,200 customers instead of 2,640"
assert round(_cu.state_distribution(P_back, [8000, 2000, 0], 36)[36][1], -2) == 3200

# §2: "In the long run 40 % of the town are customers and 60 % former customers".
assert _np.allclose(pi, [0.0, 0.4, 0.6], atol=1e-9), pi
# "A new customer stays 1/c = 33.3 months ... waits 1/a = 66.7 months ... 100 months in all",
# and the simulation "agrees" (its interval holds 33.3).
assert round(stay.visits("existing", "existing"), 1) == 33.3 and round(stay.periods[0]) == 100
assert tenure.mean() - half <= 1 / 0.03 <= tenure.mean() + half

# §3: "For the regular segment it climbs from 63 % in the first year to 94.5 % in the twelfth."
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
# "After 12 years the constant-churn model projects 46 regular customers where 173 remain: 127
# ... For the high-end segment it projects 270 instead of 394, 124 too few. The sBG model ...
# is within 3 customers for the regular segment at year 12 and within 16 for the high-end one."
_proj = {k: (v["constant churn"].expected_survivors(12)[12], v["sBG"].expected_survivors(12)[12])
         for k, v in fits.items()}
assert round(_proj["regular"][0]) == 46 and cohorts.regular[12] == 173
assert round(_proj["high_end"][0]) == 270 and cohorts.high_end[12] == 394
assert round(abs(_proj["regular"][1] - 173)) <= 3 and round(abs(_proj["high_end"][1] - 394)) <= 16
# Two groups: "70 % ... 12.5 % ... 73 % ... in the fourth year its retention rate is 84 %."
assert round(two_group_survival(4) / two_group_survival(3), 2) == 0.84
# "here 77 % a year, the fitted constant churn of 22.6 %"; "mean churn 37 % ... 15 % ...
# polarisation 0.35 and 0.18".
assert round(fits["regular"]["constant churn"].churn, 3) == 0.226
for _seg, _mean, _pol in (("regular", 0.37, 0.35), ("high_end", 0.15, 0.18)):
    _s = fits[_seg]["sBG"]
    assert round(_s.alpha / (_s.alpha + _s.beta), 2) == _mean
    assert round(1 / (_s.alpha + _s.beta + 1), 2) == _pol

# §4: "new customers peak in year 8 ... the customer base peaks in year 12 at about 5,040".
assert peak == 8 and int(_np.argmax(expected.existing)) == 12
assert round(expected.existing.max(), -1) == 5040
# "chance moves the customer count in year 5 by a little over a hundred either way, about ±5 %".
assert 100 < (high[5] - low[5]) / 2 < 160 and abs((high[5] - low[5]) / 2 / expected.existing[5]
                                                  - 0.05) < 0.02

# §5: "costs this business about 620 of its 4,840 customers in year 10 (13 %). Set to the
# folklore, it costs 2,940 (61 %) ... negative talk outweighs positive talk almost two to one".
_base = runs["no negative word of mouth"].existing[10]
_ev = _base - runs["evidence: 3 to 1 positive"].existing[10]
_folk = _base - runs["folklore: w = 3q"].existing[10]
assert round(_base, -1) == 4840 and round(_ev, -1) == 620 and round(_folk, -1) == 2940
assert round(_ev / _base, 2) == 0.13 and round(_folk / _base, 2) == 0.61
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

# §7: "raises the quality score by 0.045, cuts churn from 3 % to about 2.87 % a month and adds
# about €18 to every customer's value".
assert round(s_better - s_today, 3) == 0.045 and round(churn_better, 4) == 0.0287
assert round(cu.lifetime_value(20, 1 - churn_better, 0.01) - cu.lifetime_value(20, 0.97, 0.01)) == 18
