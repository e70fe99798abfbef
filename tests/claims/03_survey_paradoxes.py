"""What lesson 03's prose says about its seeded numbers, checked after the lesson has run."""

import numpy as _np
from cxlib import surveys as _sv

# §1: "In the competitive market a 5 stays with probability 0.90 and a 4 with 0.15 (the Xerox
# ratio of 6)".
assert competitive.at(5) == 0.9 and competitive.at(4) == 0.15
# "The two companies have the same mean (4.0, up to sampling noise) and the same CSAT (81 % give
# a 4 or 5). In a competitive market B keeps about 49 % ... A only about 29 % ... to within a
# point or two. ... the top box, 46 % against 20 %. ... In the sheltered market both keep 86-87 %"
# (The lesson's `rows` is reused later; the companies' table is recomputed as cell 6 made it.)
_rng = _np.random.default_rng(2025)
_firm = {}
for _name, _shares in companies.items():
    _scores = _rng.choice([1, 2, 3, 4, 5], size=2000, p=_shares)
    _stays = _rng.random(2000) < competitive.at(_scores)
    _firm[_name] = {"mean score": _sv.mean_score(_scores).value,
                    "CSAT (4-5)": _sv.csat(_scores).value,
                    "top box (5)": _sv.top_box(_scores).value,
                    "predicted retention": _sv.predicted_retention(_scores).value,
                    "simulated: stayed": _stays.mean(),
                    "sheltered market": _sv.predicted_retention(_scores, competition=0).value}
for _r in _firm.values():
    assert abs(_r["mean score"] - 4.0) < 0.05 and round(_r["CSAT (4-5)"], 2) in (0.8, 0.81, 0.82)
    assert abs(_r["simulated: stayed"] - _r["predicted retention"]) < 0.02
    assert 0.86 <= round(_r["sheltered market"], 2) <= 0.87
assert round(_firm["B"]["predicted retention"], 2) == 0.49 and round(_firm["B"]["simulated: stayed"], 2) == 0.49
assert abs(_firm["A"]["predicted retention"] - 0.29) < 0.01 and round(_firm["A"]["simulated: stayed"], 2) == 0.29
assert round(_firm["B"]["top box (5)"], 2) == 0.46 and round(_firm["A"]["top box (5)"], 2) == 0.20

# §2: "With 2,319 answers ... CSAT is pinned down to about ±1.7 points, NPS to about ±3.2."
assert len(answered) == 2319
assert round(metrics["CSAT"].half_width * 100, 1) == 1.7 and round(metrics["NPS"].half_width, 1) == 3.2
# "The formula's standard error matches the spread ... to within a few per cent ... cover the
# truth about 95 % of the time ... With 50 answers ... about ±13 points for CSAT and ±22 points
# for NPS ... With 400 ... ±4.5 and ±8, and with 2,000 to about ±2 and ±3.5."
for _row in rows[-6:]:
    assert abs(_row["spread of estimates (SD)"] / _row["formula SE (average)"] - 1) < 0.08, _row
    assert 0.92 <= _row["intervals covering the truth"] <= 0.97, _row
_half = {(r["answers"], r["metric"]): 1.96 * r["formula SE (average)"] for r in rows[-6:]}
assert round(_half[(50, "CSAT")] * 100) == 13 and round(_half[(50, "NPS")]) == 22
assert abs(_half[(400, "CSAT")] * 100 - 4.5) < 0.3 and round(_half[(400, "NPS")]) == 8
assert round(_half[(2000, "CSAT")] * 100) == 2 and abs(_half[(2000, "NPS")] - 3.5) < 0.3

# §2: "About 750 answers in each survey to tell 30 from 40 reliably; with 100 each, a real
# ten-point difference goes unnoticed more than four times in five."
assert round(_sv.nps_sample_size(0.45, 0.15, 0.50, 0.10).per_survey, -1) == 750
assert 1 - _sv.nps_power(100, 0.45, 0.15, 0.50, 0.10) > 0.8

# §3: "The raw survey says 78 % are satisfied; the truth is 69.5 %, outside the interval.
# Weighting by channel barely helps (77 %) ... (71 %) ... (69 %, the truth inside its interval)."
_e = list(estimates.values())
assert round(_e[0].value, 2) == 0.78 and round(truth, 3) == 0.695 and not _e[0].contains(truth)
assert round(_e[1].value, 2) == 0.77 and round(_e[2].value, 2) == 0.71
assert round(_e[3].value, 2) == 0.69 and _e[3].contains(truth)

# §4: "Only 64 % of the cohort stays through the first year, but 95 % of those still there in
# year 5 stay through it; CSAT ... climbs from 80 % to 95 % and the top box from 45 % to 85 %."
assert round(cohort.retention[0], 2) == 0.64 and round(cohort.retention[5], 2) == 0.95
assert round(cohort.csat[0], 2) == 0.8 and round(cohort.csat[5], 2) == 0.95
assert round(cohort.top_box[0], 2) == 0.45 and round(cohort.top_box[5], 2) == 0.85
assert _np.all(_np.abs(cohort.active - cohort.expected_active) < 0.02)  # the sBG of lesson 01

# §5: "Every channel improved by one point. Yet the total fell, from 80.7 % to 77.7 % ... With
# the mix held fixed the change is +1 point; the shift in mix alone is worth -4."
_by = table.pivot(index="channel", columns="year", values="satisfied")
assert _np.allclose(_by.iloc[:, 1] - _by.iloc[:, 0], 1)
_tot = table.assign(s=table.satisfied * table.respondents).groupby("year")[["s", "respondents"]].sum()
assert [round(v, 1) for v in (_tot.s / _tot.respondents)] == [80.7, 77.7]
# Ana and Ben: "90 % ... 87 % ... 60 % ... 50 % ... 69 % against Ben's 81.5 % ... 70 % of her
# calls are the hard ones, against 15 % of Ben's."
_o = (overall["satisfied"] / overall["answers"]).round(3)
assert _o["Ana"] == 0.69 and _o["Ben"] == 0.815
assert list(cases["share"].round(2)) == [0.9, 0.6, 0.87, 0.5]

# §6: "the agent-run survey of 400 reports a CSAT of 81.5 % against a true 69.5 %, and the
# third-party survey 73.5 % ... the top box ... reads 50 % and 45 % against a true 32 %."
assert round(gamed.agent["csat"].value, 3) == 0.815 and round(gamed.truth["csat"], 3) == 0.695
assert round(gamed.third_party["csat"].value, 3) == 0.735
assert round(gamed.agent["top_box"].value, 2) == 0.5 and round(gamed.third_party["top_box"].value, 2) == 0.45
assert round(gamed.truth["top_box"], 2) == 0.32
