"""What lesson 02's prose says about its seeded numbers, checked after the lesson has run."""

import numpy as _np
from cxlib import recovery as _rc

# §1: "The same 120 complaints mean 240 unhappy customers if half complain, and 3,000 if one in
# twenty-five does ... At a complaint rate of 0.1, 983 of the 1,019 customers lost never
# complained."
assert round(_rc.complaint_iceberg(120, base.replace(p_complain=0.5)).failures) == 240
assert round(_rc.complaint_iceberg(120, base.replace(p_complain=0.04)).failures) == 3000
_ice = _rc.complaint_iceberg(120, base.replace(p_complain=0.1))
assert round(_ice.lost.sum()) == 1019 and round(_ice.lost[0]) == 983, _ice.lost

# §2: "Half the failing customers are silent, a quarter are resolved within the hour, a quarter
# later, and 1 % never. Only 38 % of the failing customers stay."
_shares = list(out.path_shares.values())
assert round(_shares[0], 2) == 0.5 and round(_shares[1] * 100) == 1, _shares
assert abs(_shares[2] - 0.25) < 0.03 and abs(_shares[3] - 0.25) < 0.03, _shares
assert round(out.retention_after_failure, 2) == 0.38

# §2: "The formulas agree with the simulation" (every exact value inside its interval).
for _name, (_est, _exact) in checks.items():
    assert _est.contains(_exact), f"§2 says the formulas agree; {_name} does not"

# §4: "The model's contacts per complaint (1.51 and 1.31) ... keeps 1.5 more customers in every
# hundred who fail ... about $9 per failure."
assert [round(results[f].contacts_per_complaint, 2) for f in (0.67, 0.8)] == [1.51, 1.31]
_more = results[0.8].retention_after_failure - results[0.67].retention_after_failure
assert round(_more * 100, 1) == 1.5 and round(gain) == 9, (_more, gain)

# §5: "Approving everything keeps the supervisor 94 % busy ... waits 8 working hours ... only
# 11 % are decided within the hour ... up to $25 cuts the requests by 40 % and the wait to 40
# minutes; at $100 the wait is 5 minutes."
_q0, _q25, _q100 = (_rc.approval_queue(base.replace(approval_limit=L)) for L in (0, 25, 100))
assert round(_q0.utilisation, 2) == 0.94 and round(_q0.mean_wait) == 8
assert round(_q0.delay_cdf(1.0), 2) == 0.11
assert round(1 - _q25.arrival_rate / _q0.arrival_rate, 1) == 0.4
assert round(_q25.mean_wait * 60, -1) == 40 and round(_q100.mean_wait * 60) == 5
# CYU 3: "from 0.06 to 0.43 of a supervisor".
assert round(1 - _q0.utilisation, 2) == 0.06 and round(1 - _q25.utilisation, 2) == 0.43

# §5: "Approving everything (L = 0) is ... $58 per failure less than the best. ... The best
# limit here is $195, but the curve is flat from about $100 to $300."
_best = curve.at(curve.best_limit)["net_value"]
assert round(_best - curve.at(0)["net_value"]) == 58 and round(curve.best_limit) == 195
assert all(_best - curve.at(L)["net_value"] < 1.5 for L in (100, 150, 250, 300))

# §5: "Four points of the whole customer base after two years, 835 of 20,000 customers".
assert round(extra * 100) == 4 and round(extra * base.base_customers) == 835

# §6: "A quick resolution scores 0.93 on average, a slow one 0.72, an unresolved complaint 0.27"
_sat = complaints.groupby("path").satisfaction.mean().round(2).to_dict()
assert [_sat[p] for p in ("resolved quickly", "resolved", "unresolved")] == [0.93, 0.72, 0.27]

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

# §9: "Four of the ten categories make 82 % of the complaints, and three (late delivery, refund
# delay, damaged in transit) make 79 %. ... Late and damaged deliveries come almost all from the
# North depot ... behind more than half of all complaints."
_share = (counts.cumsum() / counts.sum())
assert len(counts) == 10 and round(_share.iloc[3], 2) == 0.82 and round(_share.iloc[2], 2) == 0.79
assert set(counts.index[:3]) == set(top)
_north = frame[frame.category.isin(["late delivery", "damaged in transit"])].depot == "North"
assert _north.mean() > 0.85
assert (frame.category.isin(["late delivery", "damaged in transit"])
        & (frame.depot == "North")).mean() > 0.5

# §0: "a customer who stays ... $600 over their lifetime" (lesson 01's lifetime_value).
assert round(customer_value) == 600
