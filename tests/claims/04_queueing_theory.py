"""What lesson 04's prose says about its seeded numbers, checked after the lesson has run.

tests/test_lessons.py runs the lesson in a fresh kernel, then this file in the same kernel, so
every name the lesson defines is here. Each assert quotes the sentence it guards: when a number
drifts (a new seed, a changed default), the test names the prose to rewrite.
"""

import numpy as np
from cxlib import data as _data
from cxlib import queueing as _q

# §1: "At 75 % the average shopper waits 4.5 minutes ... 82.5 % ... 7.1 minutes ... 95 % ... 28.5"
for _busy, _said in ((0.75, 4.5), (0.825, 7.1), (0.95, 28.5)):
    _w = _q.average_speed_of_answer(_busy / 1.5, 1.5, 1)
    assert round(_w, 1) == _said, f"§1 says {_said} minutes at {_busy:.1%}, the model gives {_w:.2f}"

# §1 chart: "At 90 % busy, a lone agent's callers wait 9 handle times ...; with 10 agents, about
# two thirds of one; with 50, under a tenth."
_w = {n: _q.average_speed_of_answer(0.9 * n / aht, aht, n) / aht for n in (1, 10, 50)}
assert round(_w[1]) == 9 and 0.6 < _w[10] < 0.72 and _w[50] < 0.1, _w

# §2: "Fourteen agents answer 88.8 % of calls within 20 seconds; only 17 % of callers wait at
# all, and the average wait over everyone is under 8 seconds. The agents are on calls 71 %."
assert f"{sl:.1%}" == "88.8%" and round(p_wait, 2) == 0.17 and asa < 8 and round(occ, 2) == 0.71

# §2: "All three agree" (each exact value inside its 95 % interval).
for _name, (_est, _exact) in checks.items():
    assert _est.low <= _exact <= _est.high, f"§2 says all three agree; {_name} does not"

# §3: the table's prose.
_gain = np.diff(sls) * 100
assert abs(_gain[0] - 25) < 1 and abs(_gain[1] - 15) < 1, "§3: 12th adds 25 points, 13th 15"
assert (_gain[team[1:] >= 17] < 2).all(), "§3: from the 17th on, each agent adds less than two"
assert (asas[1:] < asas[:-1] / 2).all(), "§3: every extra agent more than halves the mean wait"
_by_n = dict(zip(team.tolist(), asas))
assert round(_by_n[13]) == 17 and round(_by_n[14]) == 8, "§3: from 17 s to 8 s"
assert round(_by_n[18], 1) == 0.4 and round(_by_n[19], 1) == 0.2, "§3: from 0.4 s to 0.2 s"
assert round(sls[1], 2) == 0.64 and round(_by_n[12]) == 40, "§3: two short: 64 % in time, 40 s"
assert needed == 14 and capped == 15

# §3 explorer answers: "At 400 calls per hour 80/20 needs 24 agents, and at 800 it needs 45 ...
# A 60-second target saves one agent at 200 calls per hour."
assert _q.agents_needed(400 / 3600, 180, 20, 0.8) == 24
assert _q.agents_needed(800 / 3600, 180, 20, 0.8) == 45
assert _q.agents_needed(200 / 3600, 180, 60, 0.8) == needed - 1

# §4: "The pooled team meets the same goal with four fewer agents."
assert separate == 28 and separate - pooled == 4
# "The safety staff grows slowly (2 agents at 2 Erlangs, 11 at 1,000) ... 2 Erlangs runs at 50 %
# occupancy; ... 1,000 Erlangs runs at 99 %."
_safety = dict(zip(loads.tolist(), (teams - loads).tolist()))
assert _safety[2] == 2 and _safety[1000] == 11
assert round(2 / teams[0], 2) == 0.5 and round(1000 / teams[-1], 2) == 0.99

# §5: "agents at €30 an hour and an hour on hold valued at €60 ... the cheapest team is 14
# agents, the 80/20 answer. ... €300 ... 16; ... €30 ... 13."
for _cost, _said in ((60, 14), (300, 16), (30, 13)):
    _best = _q.optimal_staffing(calls_per_hour, aht_hours, agent_cost=30, wait_cost=_cost)
    assert _best.agents == _said, f"§5: waiting at €{_cost} should give {_said} agents"

# §6: "Erlang C says 10 agents are hopeless ... 13 miss the goal; Erlang A says 13 agents answer
# 86 % within 20 s ... the 2.5 % of callers who gave up"; CYU 4: "about 1.4 % with 14 agents".
assert _q.service_level(arrival_rate, aht, 10, target) == 0
assert _q.service_level(arrival_rate, aht, 13, target) < goal
_a13 = _q.erlang_a(arrival_rate, aht, 13, patience)
assert round(_a13.service_level(target), 2) == 0.86 and round(_a13.p_abandon, 3) == 0.025
assert round(_q.erlang_a(arrival_rate, aht, 14, patience).p_abandon, 3) == 0.014
_est = sim_a.abandon_rate(), sim_a.service_level(target)
assert _est[0].low <= exact_a.p_abandon <= _est[0].high, "§6: the simulator agrees (hang up)"
assert _est[1].low <= exact_a.service_level(target) <= _est[1].high, "§6: ... (within 20 s)"

# §7: "the service level moves by a few points, while the mean wait more than doubles from
# identical calls to long-tailed ones."
_runs = {name: q.simulate(arrival_rate, aht, needed, customers=4000, replications=60,
                          warmup=400, seed=7, **shape) for name, shape in shapes.items()}
_waits = [r.mean_wait().value for r in _runs.values()]
_levels = [r.service_level(target).value for r in _runs.values()]
assert _waits[2] > 2 * _waits[0] and max(_levels) - min(_levels) < 0.08, (_waits, _levels)

# §7 day: "With 4 % more agent-hours, the flat roster answers only about six in ten ... and
# about one in eleven hangs up, against nine in ten answered in time with the matched roster."
assert round(flat.sum() / matched.sum() - 1, 2) == 0.04
_flat, _matched = overall[f"flat ({flat[0]} all day)"], overall["matched to each half-hour"]
assert round(_flat[0], 1) == 0.6 and round(1 / _flat[1]) == 11 and round(_matched[0], 1) == 0.9

# §8: "Three agents fall a little short every day (270 emails of capacity against 288) ...
# Four agents clear the night's mail by mid-afternoon and keep the promise at 80 % occupancy".
assert 3 * per_agent_hour * 9 == 270 and 24 * per_hour == 288
_cleared = 8 + overnight / (4 * per_agent_hour - per_hour)
assert 14 <= _cleared < 16 and round(288 / (4 * per_agent_hour * 9), 2) == 0.8
