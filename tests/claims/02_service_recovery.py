"""What lesson 02's prose says about its seeded numbers, checked after the lesson has run.

tests/test_lessons.py runs the lesson in a fresh kernel, then this file in the same kernel, so
every name the lesson defines is here. Each assert quotes the sentence it guards; references are
recomputed here another way where that is cheap (by hand, or with scipy), not read back from the
lesson's own printout.
"""

import math as _math

import numpy as _np
from scipy import stats as _stats

from cxlib import queueing as _q
from cxlib import recovery as _rc

# §0: "a customer who stays ... $600 over their lifetime" (lesson 01's lifetime_value).
assert round(customer_value) == 600

# Settings table: "money at stake in a failure ... lognormal, mean $60, median about $33";
# §2: "its median is about $33, and 84 % of stakes are $100 or less".
_sigma = _math.sqrt(_math.log1p(base.stake_cv**2))
_stake = _stats.lognorm(s=_sigma, scale=base.mean_stake * _math.exp(-_sigma**2 / 2))
assert round(_stake.median()) == 33 and round(_stake.cdf(100), 2) == 0.84
# Settings table: "at most 4 contacts, two working days apart"; "8 a working day and 520 a
# quarter, so 'two working days' is 16 working hours".
assert base.max_contacts == 4 and base.repeat_delay == 2 * 8 and base.period_hours == 520

# §1: "a complaint rate of 1 in 27, about 0.037"; "The same 120 complaints mean 171 unhappy
# customers if 70 % complain, 240 if half do, and 3,240 if one in 27 does ... At a complaint
# rate of 0.1, 983 of the 1,019 customers lost never complained."
assert round(1 / 27, 3) == 0.037
assert [round(120 / p) for p in (0.7, 0.5, 1 / 27)] == [171, 240, 3240]
for _p, _n in ((0.7, 171), (0.5, 240), (1 / 27, 3240)):
    assert round(_rc.complaint_iceberg(120, base.replace(p_complain=_p)).failures) == _n
_ice = _rc.complaint_iceberg(120, base.replace(p_complain=0.1))
assert round(_ice.lost.sum()) == 1019 and round(_ice.lost[0]) == 983, _ice.lost
# §1 and the explorer: "Move the slider, from 0.03 to 0.7 (the reported range)".
_slider = widgets.SilentMajorityExplorer(120).controls["p_complain"]
assert (_slider.min, _slider.max) == (0.03, 0.7)

# §2: "the gap between quick and slow (28 points) is a little wider than in the small-problem
# column (25)"; "the complaints it never resolves (about 1 % of failures)".
_big, _small = _rc.TARP_OVER_100, _rc.TARP_UNDER_5
assert round((_big.resolved_quickly - _big.resolved) * 100) == 28
assert round((_small.resolved_quickly - _small.resolved) * 100) == 25
assert all(b < s for b, s in zip(_big.as_tuple(), _small.as_tuple()))  # "every path keeps fewer"

# §2: "Half the failing customers are silent, a quarter are resolved within the hour, a quarter
# later, and 1 % never. ... Only 38 % of the failing customers stay."
_shares = list(out.path_shares.values())
assert round(_shares[0], 2) == 0.5 and round(_shares[1] * 100) == 1, _shares
assert abs(_shares[2] - 0.25) < 0.03 and abs(_shares[3] - 0.25) < 0.03, _shares
assert round(out.retention_after_failure, 2) == 0.38

# §2: "($0.5 x 0.67 = 33.5 %)? Because 60 % of those first-contact resolutions need a remedy
# above the $25 limit, and only 58 % of those come back from the supervisor within the hour."
_above = _stake.sf(25)
_in_time = _rc.approval_queue(base).delay_cdf(1.0)
assert round(_above, 2) == 0.60 and round(_in_time, 2) == 0.58
assert abs(0.5 * 0.67 * ((1 - _above) + _above * _in_time) - out.path_shares["resolved quickly"]) \
    < 1e-9

# §2: "The formulas agree with the simulation" (every exact value inside its interval).
for _name, (_est, _exact) in checks.items():
    assert _est.contains(_exact), f"§2 says the formulas agree; {_name} does not"

# §3: "Resolved quickly, 82 % ...; resolved, but slowly, 54 % ... $0.28 x 600 = $168".
assert round(0.28 * customer_value) == 168

# §4: "The model's contacts per complaint (1.51 and 1.31) are a little above SQM's 1.5 and 1.2
# ... ($1/0.67 = 1.49$, $1/0.8 = 1.25$) ... keeps 1.5 more customers in every hundred who fail
# ... about $9 per failure."
_contacts = [round(results[f].contacts_per_complaint, 2) for f in (0.67, 0.8)]
assert _contacts == [1.51, 1.31] and _contacts[0] > 1.5 and _contacts[1] > 1.2
assert (round(1 / 0.67, 2), round(1 / 0.8, 2)) == (1.49, 1.25)
_more = results[0.8].retention_after_failure - results[0.67].retention_after_failure
assert round(_more * 100, 1) == 1.5 and round(gain) == 9, (_more, gain)
# "The cost of recovery hardly moves".
assert abs(results[0.8].cost_per_failure - results[0.67].cost_per_failure) < 0.5

# §5: "Approving everything keeps the supervisor 94 % busy ... waits 8 working hours ... only
# 11 % are decided within the hour ... up to $25 cuts the requests by 40 % and the wait to 40
# minutes; at $100 the wait is 5 minutes."
_q0, _q25, _q100 = (_rc.approval_queue(base.replace(approval_limit=L)) for L in (0, 25, 100))
assert round(_q0.utilisation, 2) == 0.94 and round(_q0.mean_wait) == 8
assert round(_q0.delay_cdf(1.0), 2) == 0.11
assert round(1 - _q25.arrival_rate / _q0.arrival_rate, 1) == 0.4
assert round(_q25.mean_wait * 60, -1) == 40 and round(_q100.mean_wait * 60) == 5
# Erlang C by hand for one supervisor: W = a s / (1 - a).
_a = _q0.load
assert abs(_q0.mean_wait - _a * base.approval_time / (1 - _a)) < 1e-9
# CYU 3: "from 0.06 to 0.43 of a supervisor".
assert round(1 - _q0.utilisation, 2) == 0.06 and round(1 - _q25.utilisation, 2) == 0.43

# §5: "with 10 % fewer failures it would be under 3 hours, with 5 % more over 40."
_fewer = _rc.approval_queue(base.replace(approval_limit=0, p_fail=0.09)).mean_wait
_more_f = _rc.approval_queue(base.replace(approval_limit=0, p_fail=0.105)).mean_wait
assert _fewer < 3 and _more_f > 40, (_fewer, _more_f)

# §5: "A quarter that starts with an empty desk averages about 6 working hours of wait, from about
# 3 to about 10 hours in eight quarters out of ten. Reviews that always took exactly half an hour
# would halve the steady-state wait, to 4 hours (the Pollaczek-Khinchine formula ...)".
assert quarters.replications == 400 and desk.load == _q0.load
assert round(per_quarter.mean()) == 6 and round(low) == 3 and round(high) == 10
_pk = desk.arrival_rate * base.approval_time**2 / (2 * (1 - desk.load))  # M/D/1: lambda s^2/2(1-a)
assert round(_pk) == 4 and abs(_pk - desk.mean_wait / 2) < 1e-9
# ... and lesson 04's simulator agrees with Erlang C over a long run (the quarters are short).
assert per_quarter.mean() < desk.mean_wait

# §5: "Approving everything (L = 0) is ... $58 per failure less than the best. ... The best limit
# here is $195, but the curve is flat from about $100 upwards: every limit from $100 to $500 is
# within $1 of the best". "Most of the gain comes from the first $50 of empowerment".
_best = curve.best_net_value
assert round(_best - curve.at(0)["net_value"]) == 58 and round(curve.best_limit) == 195
_flat = curve.limits[curve.net_value > _best - 1]
assert (_flat.min(), _flat.max()) == (100, 500)
assert curve.at(50)["net_value"] - curve.at(0)["net_value"] > 0.5 * (_best - curve.at(0)["net_value"])

# §5, the sensitivity table: "approving everything is the worst policy in every row"; "within
# half a working day, approving everything costs $44 per failure instead of $58; ... within a
# working day, $31, and the best limit keeps about 380 customers over two years instead of about
# 830. ... with two supervisors ... $20." CYU 6: the same numbers.
_cost = sensitivity["L = 0 costs ($/failure)"]
_kept = sensitivity["kept in 8 quarters"]
assert (_cost > 0).all() and (sensitivity["best L ($)"] > 0).all()
assert [round(_cost[k]) for k in ("as above", "quick = within 4 working hours",
                                  "quick = within a working day (8 h)", "two supervisors")] \
    == [58, 44, 31, 20]
assert round(_kept["quick = within a working day (8 h)"], -1) == 380
assert round(_kept["as above"], -1) == 830
# "The TARP column and the background churn matter less" (than "quickly" and the supervisors).
_moves = (_cost - _cost["as above"]).abs()
assert max(_moves["small-problem TARP column"], _moves["3 % leave each quarter anyway"]) \
    < min(_moves["quick = within 4 working hours"], _moves["two supervisors"])
# "So read the headline as a range, roughly $20 to $60 per failure".
assert 19 < _cost.min() and _cost.max() < 60

# §5 explorer, "What you should find": "At 1.2 hours per approval the supervisor is overloaded
# whenever the limit is below $40 ... only 44 % of them are ever decided at L = 0 (none within
# the hour), and the share of failing customers who stay at L = 0 drops to about 22 % (32 % with
# half an hour per approval). ... the readout's cost of recovery falls (at L = 0, to $33 from $49
# with half an hour per approval) ... The best limit ... sits near the top of
# the range, but the curve is so flat there that every limit above $300 is within 25 cents of
# it."
_slow = base.replace(approval_time=1.2)
_lim = widgets.RecoveryExplorer.LIMITS
_stable = _np.asarray(_rc.approval_queue(_slow, approval_limit=_lim).stable)
assert _lim[_stable].min() == 40 and not _stable[_lim < 40].any()
_slow0 = _rc.expected_outcome(_slow.replace(approval_limit=0))
assert round(_slow0.queue.decided_share, 2) == 0.44 and _slow0.path_shares["resolved quickly"] == 0
assert round(curve.at(0)["retention"], 2) == 0.32 and round(_slow0.retention_after_failure, 2) == 0.22
assert round(_slow0.cost_per_failure) == 33 and round(curve.at(0)["cost"]) == 49
_slow_curve = _rc.approval_limit_curve(_slow, _lim)
assert _slow_curve.best_limit >= 450
assert _slow_curve.best_net_value - _slow_curve.net_value[_lim > 300].min() < 0.25
# "Higher FCR ... a low limit hurts more; the best limit moves only a little (from $195 to $215)."
_fcr = _rc.approval_limit_curve(base.replace(fcr=0.9), _lim)
assert _fcr.best_limit == 215 and (_fcr.best_net_value - _fcr.at(0)["net_value"]
                                   > _best - curve.at(0)["net_value"])
# "A complaint rate of 0.1 ...: only 15 % of them stay, and the net value falls from $185 to $82
# per failure. ... (at L = 0 a request waits 7 minutes) ... approving everything costs $4".
_rare = _rc.approval_limit_curve(base.replace(p_complain=0.1), _lim)
assert round(_rare.at(25)["retention"], 2) == 0.15
assert round(curve.at(25)["net_value"]) == 185 and round(_rare.at(25)["net_value"]) == 82
assert round(_rare.at(0)["mean_wait"] * 60) == 7
assert round(_rare.best_net_value - _rare.at(0)["net_value"]) == 4

# §5: "Four points of the whole customer base after two years, 835 of 20,000 customers ... if 3 %
# of customers left each quarter anyway, the difference would be 680."
assert round(extra * 100) == 4 and round(extra * base.base_customers) == 835
assert round(_kept["3 % leave each quarter anyway"]) == 680

# §6: "A quick resolution scores 0.93 on average, a slow one 0.70, an unresolved complaint 0.27
# (only the courtesy and the explanation are left)."
_sat = complaints.groupby("path").satisfaction.mean().round(2).to_dict()
assert [_sat[p] for p in ("resolved quickly", "resolved", "unresolved")] == [0.93, 0.70, 0.27]
assert round((base.courtesy + base.explanation) / 2 / 3, 2) == 0.27
# "No recovery scores above 1 here".
assert complaints.satisfaction.max() <= 1
# "tau = 8 working hours (one working day)".
assert base.speed_scale == 8

# §7: "Satisfaction moves; retention does not."
_lang = [_rc.expected_outcome(base.replace(courtesy=v, explanation=v)) for v in (0.5, 0.95)]
assert _lang[1].mean_satisfaction > _lang[0].mean_satisfaction + 0.05
assert _lang[1].retention_after_failure == _lang[0].retention_after_failure

# §8: "About 11 % of first failures qualify ... a generous 5-point retention effect ... moves the
# share who stay by half a point, $3 per failure".
_p5 = _rc.expected_outcome(base.replace(paradox=True, paradox_retention=0.05))
assert round(_p5.paradox_share, 2) == 0.11
assert round((_p5.retention_after_failure - out.retention_after_failure) * 100, 1) == 0.5
assert round(_p5.net_value_per_failure - out.net_value_per_failure) == 3

# §9: "Three categories (late delivery, refund delay, damaged in transit) make 79 % of the
# complaints, and four make 82 %."
_share = (counts.cumsum() / counts.sum())
assert len(counts) == 10 and round(_share.iloc[3], 2) == 0.82 and round(_share.iloc[2], 2) == 0.79
assert set(counts.index[:3]) == set(top) == {"late delivery", "refund delay", "damaged in transit"}
# "By money at stake, damage in transit comes first (32 % of the money, from 19 % of the
# complaints), then refund delays and late deliveries."
_money = at_stake / at_stake.sum()
assert list(_money.index[:3]) == ["damaged in transit", "refund delay", "late delivery"]
assert round(_money.iloc[0], 2) == 0.32
assert round(counts["damaged in transit"] / counts.sum(), 2) == 0.19
# "Late and damaged deliveries come almost all (94 %) from the North depot, which ships only
# 30 % of the orders; together they make more than half of all complaints."
_delivery = frame.category.isin(["late delivery", "damaged in transit"])
assert round((frame[_delivery].depot == "North").mean(), 2) == 0.94
assert (_delivery & (frame.depot == "North")).mean() > 0.5
# "Refund delays come from the depots roughly as the orders do" (within 5 points of 40/30/30).
_refunds = frame[frame.category == "refund delay"].depot.value_counts(normalize=True)
assert all(abs(_refunds[d] - s) < 0.05 for d, s in (("Central", 0.4), ("North", 0.3),
                                                      ("South", 0.3))), _refunds
assert (by_depot.loc["(all orders)"] == [0.4, 0.3, 0.3]).all()
