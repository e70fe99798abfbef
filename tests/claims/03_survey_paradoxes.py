"""What lesson 03's prose says about its seeded numbers, checked after the lesson has run."""

import numpy as _np
from scipy import stats as _stats
from cxlib import customers as _cu
from cxlib import surveys as _sv

# §1: "in a 1991 analysis, customers who gave a 5 were six times as likely to buy Xerox equipment
# again as those who gave a 4" ... "In the competitive market a 5 stays with probability 0.90 and
# a 4 with 0.15, which gives the Xerox ratio of 6, and 1s to 3s stay with 0.10 to 0.13. ... (if 4s
# kept 60 % of their customers, 5s would have to keep 360 %)"
assert competitive.at(5) == 0.9 and competitive.at(4) == 0.15
assert round(competitive.at(5) / competitive.at(4), 9) == 6
assert competitive.at([1, 2, 3]).tolist() == [0.10, 0.12, 0.13]
assert round(0.60 * competitive.at(5) / competitive.at(4), 9) == 3.6
# "The two companies have the same mean (4.0, up to sampling noise) and the same CSAT (81 % give
# a 4 or 5). In the model's competitive market B keeps about 49 % ... A only about 29 %. (The
# "simulated: stayed" column ... to within a point or two ...) ... the top box, 46 % against
# 20 %. ... In the sheltered market both keep 86-87 %"
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
    assert abs(_r["mean score"] - 4.0) < 0.05 and round(_r["CSAT (4-5)"], 2) == 0.81
    assert abs(_r["simulated: stayed"] - _r["predicted retention"]) < 0.02
    assert 0.86 <= round(_r["sheltered market"], 2) <= 0.87
assert round(_firm["B"]["predicted retention"], 2) == 0.49 and round(_firm["B"]["simulated: stayed"], 2) == 0.49
assert abs(_firm["A"]["predicted retention"] - 0.29) < 0.01 and round(_firm["A"]["simulated: stayed"], 2) == 0.29
assert round(_firm["B"]["top box (5)"], 2) == 0.46 and round(_firm["A"]["top box (5)"], 2) == 0.20

# §2: "With 2,319 answers ... CSAT is pinned down to about ±1.7 points, NPS to about ±3.2."
assert len(answered) == 2319
assert round(metrics["CSAT"].half_width * 100, 1) == 1.7 and round(metrics["NPS"].half_width, 1) == 3.2
# "The formula's standard error matches the spread of the simulated surveys in every row, to
# within 6 % at most (the spread measured from 1,000 surveys is itself uncertain by about 2 %),
# and the intervals cover the truth from 93.6 % to 95.8 % of the time ... With 50 answers ...
# about ±13 points for CSAT and ±22 points for NPS ... With 400 ... ±4.5 and ±8, and with 2,000
# to about ±2 and ±3.5."
_gap = [abs(_row["spread of estimates (SD)"] / _row["formula SE (average)"] - 1) for _row in rows[-6:]]
assert 0.055 < max(_gap) < 0.065, _gap
assert round(1 / _np.sqrt(2 * 999), 2) == 0.02
_cover = [_row["intervals covering the truth"] for _row in rows[-6:]]
assert (min(_cover), max(_cover)) == (0.936, 0.958), _cover
_half = {(r["answers"], r["metric"]): 1.96 * r["formula SE (average)"] for r in rows[-6:]}
assert round(_half[(50, "CSAT")] * 100) == 13 and round(_half[(50, "NPS")]) == 22
assert abs(_half[(400, "CSAT")] * 100 - 4.5) < 0.3 and round(_half[(400, "NPS")]) == 8
assert round(_half[(2000, "CSAT")] * 100) == 2 and abs(_half[(2000, "NPS")] - 3.5) < 0.3
# "with 50 answers and a true CSAT of 90 %, only 88 % of the time (an exact binomial
# calculation). The Wilson score interval ... covers 97 % of the time there"
_k = _np.arange(51)
_pmf = _stats.binom.pmf(_k, 50, 0.9)
_normal = [_sv.csat([5] * k + [3] * (50 - k)).contains(0.9) for k in _k]
_wilson = [(lambda ci: ci.low <= 0.9 <= ci.high)(_stats.binomtest(k, 50).proportion_ci(method="wilson"))
           for k in _k]
assert round(float(_pmf @ _normal), 2) == 0.88 and round(float(_pmf @ _wilson), 2) == 0.97
# "in all 6,000 customers, 32 % give a 5 and 70 % a 4 or 5"
assert round(_np.mean(survey.csat == 5), 2) == 0.32 and round(p_csat, 2) == 0.70
# "(CSAT is a share, so its SE is in shares: 0.064 is 6.4 percentage points ...)"
assert round(rows[-6]["formula SE (average)"], 3) == 0.064

# §2: "For these promoter and detractor shares it takes about 750 answers in each survey to tell
# 30 from 40 reliably, and the simulated pairs of surveys find the difference about 80 % of the
# time ... With 100 answers each, a real ten-point difference goes unnoticed more than four times
# in five." ... "$z_{0.975} = 1.96$ ... $z_{0.80} = 0.84$"
assert round(size.per_survey, -1) == 750
assert abs(found.mean() - 0.8) < 0.02
assert 1 - _sv.nps_power(100, 0.45, 0.15, 0.50, 0.10) > 0.8
assert round(_stats.norm.ppf(0.975), 2) == 1.96 and round(_stats.norm.ppf(0.80), 2) == 0.84

# Explorer, "What you should find": "the top box reads around 50 % against a true 30 %. Yet more
# customers answer: 20 % with no bias, 51 % with a bias of 3. ... 2,000 biased answers are
# precisely wrong, and the interval no longer contains the truth. ... in a sheltered market ...
# the bias in predicted retention shrinks to under a point there."
_ex = [0.08, 0.07, 0.15, 0.40, 0.30]
_none = _sv.survey_vs_truth(_ex, extremity=0.0, seed=3)
_strong = _sv.survey_vs_truth(_ex, extremity=3.0, respondents=2000, seed=3)
assert round(_none.response_rate, 2) == 0.20 and round(_strong.response_rate, 2) == 0.51
assert round(_strong.expected["top_box"], 1) == 0.5 and round(_strong.truth["top_box"], 1) == 0.3
assert not _strong.survey["top_box"].contains(_strong.truth["top_box"])
assert not _strong.survey["csat"].contains(_strong.truth["csat"])
_shelter = _sv.survey_vs_truth(_ex, extremity=3.0, competition=0.0, seed=3)
assert abs(_shelter.expected["retention"] - _shelter.truth["retention"]) < 0.01

# §3: "in this data set, too, a resolved problem is the strongest driver of satisfaction"
_sat = groups.groupby("resolved")["satisfied"].mean()
_sat_ch = groups.groupby("channel")["satisfied"].mean()
assert _sat[True] - _sat[False] > 3 * (_sat_ch.max() - _sat_ch.min())
# "The raw survey says 78 % are satisfied; the truth is 69.5 %, outside the interval."
_e = list(estimates.values())
assert round(_e[0].value, 2) == 0.78 and round(truth, 3) == 0.695 and not _e[0].contains(truth)
# "the respondents' CSAT minus everyone's is exactly Cov(R, y)/R̄"
_R, _y = survey.responded.astype(float), (survey.csat >= 4).astype(float)
assert abs(_e[0].value - truth - (_np.mean(_R * _y) - _R.mean() * _y.mean()) / _R.mean()) < 1e-12
# "weighting by channel barely helps (77 %): channel strongly predicts who answers (49 % of phone
# customers against 21 % of email customers) but only weakly how satisfied they are (74 %
# against 62 %) ... (71 %), because resolution drives both satisfaction (85 % against 30 %) and
# the urge to answer (45 % against 21 %) ... (69 %)"
_resp_ch = groups.groupby("channel")["responded"].mean()
_resp_res = groups.groupby("resolved")["responded"].mean()
assert round(_resp_ch["phone"], 2) == 0.49 and round(_resp_ch["email"], 2) == 0.21
assert round(_sat_ch["phone"], 2) == 0.74 and round(_sat_ch["email"], 2) == 0.62
assert round(_sat[True], 2) == 0.85 and round(_sat[False], 2) == 0.30
assert round(_resp_res[True], 2) == 0.45 and round(_resp_res[False], 2) == 0.21
assert round(_e[1].value, 2) == 0.77 and round(_e[2].value, 2) == 0.71 and round(_e[3].value, 2) == 0.69
# "In this draw the post-stratified interval (68.8 % to 73.2 %) happens to contain the truth too."
assert (round(_e[2].low, 3), round(_e[2].high, 3)) == (0.688, 0.732) and _e[2].contains(truth)
# Redraws: "The raw survey is about 8 points too high every time. Post-stratification ... keeps a
# bias of about 2 points, so its intervals contain the truth only about 7 times in 10, not 95;
# inverse-propensity weighting is right on average." ... "The formula SEs are larger than the
# spread." ... "which is why the weighted estimates scatter more than the raw one"
_val = {k: _np.array([e.value for e in v]) for k, v in redraws.items()}
_raw, _ps, _ipw = (_val[k] for k in redraws)
assert round(_raw.mean() - truth, 2) == 0.08 and _np.all(_raw - truth > 0.05)
assert round(_ps.mean() - truth, 2) == 0.02
assert 0.65 <= _np.mean([e.contains(truth) for e in redraws["post-stratified by channel and resolution"]]) <= 0.75
assert abs(_ipw.mean() - truth) < 3 * _ipw.std(ddof=1) / _np.sqrt(400)
for _k, _v in redraws.items():
    assert _np.mean([e.se for e in _v]) > _val[_k].std(ddof=1), _k
assert _raw.std(ddof=1) < min(_ps.std(ddof=1), _ipw.std(ddof=1))
# "The propensity weights' design effect is 1.27: the 2,319 answers are worth about 1,830
# unweighted ones"
assert round(kish, 2) == 1.27 and round(len(answered) / kish, -1) == 1830
# "Estimated the simplest way, as each group's response rate, the inverse-propensity weights are
# the post-stratification weights (up to a constant) and give exactly the post-stratified 71.0 %."
_cells = cell.to_numpy()
_rate = {g: survey.responded[_cells == g].mean() for g in set(_cells)}
_est = _sv.csat(answered.csat, weights=1 / _np.array([_rate[g] for g in _cells[survey.responded]]))
assert abs(_est.value - _e[2].value) < 1e-12 and round(_est.value, 3) == 0.710
# "a 39 % response rate" ... "38 % of all invited customers were still customers a year later,
# against 47 % of those who answered."
assert round(survey.responded.mean(), 2) == 0.39
assert round(survey.stayed.mean(), 2) == 0.38 and round(answered.stayed.mean(), 2) == 0.47

# §4: "2.0 is a polarisation of 1/(2 + 1) = 1/3"
assert cohort.concentration == 2.0
# "Only 64 % of the cohort stays through the first year, but 95 % of those still there in
# year 5 stay through it; CSAT ... climbs from 80 % to 95 % and the top box from 45 % to 85 %."
assert round(cohort.retention[0], 2) == 0.64 and round(cohort.retention[5], 2) == 0.95
assert round(cohort.csat[0], 2) == 0.8 and round(cohort.csat[5], 2) == 0.95
assert round(cohort.top_box[0], 2) == 0.45 and round(cohort.top_box[5], 2) == 0.85
assert _np.all(_np.abs(cohort.active - cohort.expected_active) < 0.02)  # the sBG of lesson 01
# "With a steady stream of new customers (a cohort of the same size every year) the climb is
# slower, from 80 % to about 88 % over the first five years and about 94 % by year 20 (the same
# model, computed with lesson 01's sBG formulas), but the level is still flattered"
_curve = _sv.loyalty_curve(0.6)
_years = _np.arange(21)
_alive = _np.array([_cu.sbg(alpha=2.0 * (1 - r), beta=2.0 * r).survival(_years)
                    for r in _curve.retention])                      # by score, by age
_books = _np.array(companies["B"])[:, None] * _np.cumsum(_alive, axis=1)   # cohorts of all ages
_open = _books[3:].sum(axis=0) / _books.sum(axis=0)
assert round(_open[0], 2) == 0.80 and round(_open[5], 2) == 0.88 and round(_open[20], 2) == 0.94
assert _np.all(_np.diff(_open) > 0) and _np.all(_open[1:6] < cohort.csat[1:6])

# §5: "60,000 answers a year" ... "Every channel improved by two points, about four to five
# standard errors each ... the total fell, from 80.7 % to 78.7 % ... each channel's change would
# carry a 95 % interval of about ±8 to ±10 points" (with 600 answers a year)
assert table.groupby("year")["respondents"].sum().tolist() == [60_000, 60_000]
assert _np.allclose(wide["change (points)"], 2)
_z = wide["change (points)"] / wide["its SE (points)"]
assert _z.min() > 3.8 and _z.max() < 5.2, _z
_tot = table.assign(s=table.satisfied * table.respondents).groupby("year")[["s", "respondents"]].sum()
assert [round(v, 1) for v in (_tot.s / _tot.respondents)] == [80.7, 78.7]
_small = 1.96 * wide["its SE (points)"] * _np.sqrt(100)                # a hundredth of the answers
assert round(_small.min()) == 8 and round(_small.max()) == 10
# "With the mix held fixed the change is +2 points; the shift in mix alone is worth -4."
assert round(result.adjusted_change, 9) == 2 and round(result.mix_effect, 9) == -4
# Ana and Ben: "Ana satisfies 93 % of her routine callers against Ben's 86 %, and 60 % of
# escalations against Ben's 50 % ... (7 ± 3.7 and 10 ± 8.8 points). Her overall score, 69.9 %
# against Ben's 80.6 % ... 70 % of her answers come from the hard cases, against 15 % of Ben's.
# ... Ana's customers are 8.3 points more satisfied."
_o = (overall["satisfied"] / overall["answers"]).round(3)
assert _o["Ana"] == 0.699 and _o["Ben"] == 0.806
assert list(cases["share"].round(2)) == [0.93, 0.6, 0.86, 0.5]
assert cases.answers[1] / overall.answers["Ana"] == 0.7 and cases.answers[3] / overall.answers["Ben"] == 0.15
assert round(lead["routine"], 1) == 7.0 and round(margin["routine"], 1) == 3.7
assert round(lead["escalated"], 1) == 10.0 and round(margin["escalated"], 1) == 8.8
assert round(agents.adjusted_change, 1) == 8.3 and agents.paradox
# "with a month of answers, a twelfth of these, neither of Ana's leads could be told from chance"
assert _np.all(margin * _np.sqrt(12) > lead)

# §6: "the agent-run survey of 400 reports a CSAT of 81.5 % against a true 69.5 %, and the
# third-party survey 73.5 % (very large surveys would settle at 80 % and 74 %) ... the top box
# ... reads 50 % and 45 % against a true 32 %."
assert round(gamed.agent["csat"].value, 3) == 0.815 and round(gamed.truth["csat"], 3) == 0.695
assert round(gamed.third_party["csat"].value, 3) == 0.735
assert round(float(gamed.agent_shares[3:].sum()), 2) == 0.80
assert round(float(gamed.third_party_shares[3:].sum()), 2) == 0.74
assert round(gamed.agent["top_box"].value, 2) == 0.5 and round(gamed.third_party["top_box"].value, 2) == 0.45
assert round(gamed.truth["top_box"], 2) == 0.32
