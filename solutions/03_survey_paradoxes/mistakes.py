"""The usual mistakes on exercise 03, for tests/test_mistakes.py (see CONTRIBUTING.md).

Each one is put in place of its answer; it must fail a visible test whose message names the
likely cause (or, where a visible test would give the answer away, lose the question's points
in autograde). Never copied into the students' release (nbgrader_config.py ignores it).
"""

MISTAKES = [
    # --- q1: CSAT, top box and the mean with standard errors ---------------------------------
    {
        "question": "q1_metrics",
        "why": "all 6,000 invited customers used instead of those who answered",
        "replace": ('scores = answered["csat"].to_numpy()', 'scores = frame["csat"].to_numpy()'),
        "hint": r"only those who answered",
    },
    {
        "question": "q1_metrics",
        "why": "3s counted as satisfied",
        "replace": ("csat_value = np.mean(scores >= 4)", "csat_value = np.mean(scores >= 3)"),
        "hint": r"4 and 5 only",
    },
    {
        "question": "q1_metrics",
        "why": "shares given as percentages",
        "replace": ("csat_value = np.mean(scores >= 4)", "csat_value = 100 * np.mean(scores >= 4)"),
        "hint": r"not a percentage",
    },
    {
        "question": "q1_metrics",
        "why": "the variance p(1 - p)/n given as the standard error (no square root)",
        "replace": ("csat_se = np.sqrt(csat_value * (1 - csat_value) / n)",
                    "csat_se = csat_value * (1 - csat_value) / n"),
        "hint": r"sqrt\(p \(1 - p\) / n\)",
    },
    {
        "question": "q1_metrics",
        "why": "the SE of the mean divided by n instead of the square root of n",
        "replace": ("mean_se = scores.std(ddof=1) / np.sqrt(n)", "mean_se = scores.std(ddof=1) / n"),
        "hint": r"s / sqrt\(n\)",
    },
    {
        "question": "q1_metrics",
        "why": "top box taken as the 4s and 5s (the same as CSAT)",
        "replace": ("top_value = np.mean(scores == 5)", "top_value = np.mean(scores >= 4)"),
        "hint": r"top box \(5s\) is a part of CSAT",
    },
    {
        "question": "q1_metrics",
        "why": "top box taken over all 6,000 invited customers",
        "replace": ("top_value = np.mean(scores == 5)",
                    'top_value = np.mean(frame["csat"] == 5)'),
        "hint": r"top box over all 6,000",
    },
    {
        "question": "q1_metrics",
        "why": "top box as a share of the satisfied (4s and 5s), not of everyone who answered",
        "replace": ("top_value = np.mean(scores == 5)",
                    "top_value = np.mean(scores == 5) / np.mean(scores >= 4)"),
        "hint": r"not of the satisfied",
    },
    {
        "question": "q1_metrics",
        "why": "the variance divided by sqrt(n) as the SE of the mean",
        "replace": ("mean_se = scores.std(ddof=1) / np.sqrt(n)",
                    "mean_se = scores.var(ddof=1) / np.sqrt(n)"),
        "hint": r"standard deviation",
    },
    # --- q2: NPS --------------------------------------------------------------------------
    {
        "question": "q2_nps",
        "why": "8s counted as promoters",
        "replace": ("promoters = np.mean(rec >= 9)", "promoters = np.mean(rec >= 8)"),
        "hint": r"promoters answer 9 or 10",
    },
    {
        "question": "q2_nps",
        "why": "6s left out of the detractors",
        "replace": ("detractors = np.mean(rec <= 6)", "detractors = np.mean(rec <= 5)"),
        "hint": r"a 6 is a detractor",
    },
    {
        "question": "q2_nps",
        "why": "NPS left as a difference of shares (-1 to 1)",
        "replace": ("nps_value = 100 * (promoters - detractors)",
                    "nps_value = promoters - detractors"),
        "hint": r"in points",
    },
    {
        "question": "q2_nps",
        "why": "the standard error not multiplied by 100",
        "replace": ("nps_se = 100 * np.sqrt(", "nps_se = np.sqrt("),
        "hint": r"in NPS points too",
    },
    {
        "question": "q2_nps",
        "why": "the variance's -(p - d)^2 term forgotten",
        "replace": ("(promoters + detractors - (promoters - detractors) ** 2) / n",
                    "(promoters + detractors) / n"),
        "hint": r"don't forget the last term",
    },
    {
        "question": "q2_nps",
        "why": "NPS over all 6,000 invited customers",
        "replace": ('rec = answered["recommend"].to_numpy()', 'rec = frame["recommend"].to_numpy()'),
        "hint": r"all 6,000 customers",
    },
    {
        "question": "q2_nps",
        "why": "n taken as the 6,000 invited in the standard error",
        "replace": ("(promoters + detractors - (promoters - detractors) ** 2) / n)",
                    "(promoters + detractors - (promoters - detractors) ** 2) / 6000)"),
        "hint": r"not the 6,000 invited",
    },
    {
        "question": "q2_nps",
        "why": "the interval built with 2 standard errors on one side only",
        "replace": ("nps_low, nps_high = nps_value - 1.96 * nps_se, nps_value + 1.96 * nps_se",
                    "nps_low, nps_high = nps_value - 1.96 * nps_se, nps_value + 1.96"),
        "hint": r"plus or minus 1\.96",
    },
    # --- q3: which company keeps more -------------------------------------------------------
    {
        "question": "q3_retention",
        "why": "counts used as if they were shares",
        "replace": ("np.dot(north / north.sum(), curve.retention)",
                    "np.dot(north, curve.retention)"),
        "hint": r"shares of answers",
    },
    {
        "question": "q3_retention",
        "why": "the sheltered market's curve",
        "replace": ("curve = surveys.loyalty_curve(1.0)", "curve = surveys.loyalty_curve(0.0)"),
        "hint": r"competitive",
    },
    {
        "question": "q3_retention",
        "why": "the company with the higher CSAT named, as the survey suggests",
        "replace": ('keeps_more = "North" if retention_north > retention_south else "South"',
                    'keeps_more = "North"'),
        "hint": r"higher retention",
    },
    {
        "question": "q3_retention",
        "why": "the companies compared by their mean score (and the retentions by it too)",
        "source": (
            'north = np.array([20, 30, 100, 650, 200])\n'
            'south = np.array([90, 60, 60, 340, 450])\n'
            'mean_north = np.dot(north / north.sum(), [1, 2, 3, 4, 5])\n'
            'mean_south = np.dot(south / south.sum(), [1, 2, 3, 4, 5])\n'
            'retention_north, retention_south = mean_north / 5, mean_south / 5\n'
            'keeps_more = "North" if retention_north > retention_south else "South"\n'
        ),
        "caught": "autograde",
    },
    {
        "question": "q3_retention",
        "why": "a half-competitive curve, loyalty_curve(0.5)",
        "replace": ("curve = surveys.loyalty_curve(1.0)", "curve = surveys.loyalty_curve(0.5)"),
        "hint": r"competitive",
    },
    {
        "question": "q3_retention",
        "why": "R taken as the mean of p_s r_s instead of their sum",
        "replace": ("retention_north = np.dot(north / north.sum(), curve.retention)\n"
                    "retention_south = np.dot(south / south.sum(), curve.retention)",
                    "retention_north = np.mean(north / north.sum() * curve.retention)\n"
                    "retention_south = np.mean(south / south.sum() * curve.retention)"),
        "hint": r"a sum of p_s r_s",
    },
    {
        "question": "q3_retention",
        "why": "break-even: how much the 4s' chance must rise, not the level it must reach",
        "replace": ("break_even_four = gap / (north[3] / north.sum() - south[3] / south.sum())",
                    "break_even_four = (retention_south - retention_north) / "
                    "(north[3] / north.sum() - south[3] / south.sum())"),
        "caught": "autograde",
    },
    {
        "question": "q3_retention",
        "why": "break-even with the difference taken the wrong way round (a negative chance)",
        "replace": ("break_even_four = gap / (north[3] / north.sum() - south[3] / south.sum())",
                    "break_even_four = gap / (south[3] / south.sum() - north[3] / north.sum())"),
        "hint": r"chance of staying",
    },
    # --- q4: post-stratification -----------------------------------------------------------
    {
        "question": "q4_poststratify",
        "why": "weights upside down: respondents' share over the population's",
        "replace": ("ps_weights = surveys.post_stratify(group[frame[\"responded\"]].to_numpy(), "
                    "population).weights",
                    "ps_weights = 1 / surveys.post_stratify(group[frame[\"responded\"]].to_numpy(), "
                    "population).weights"),
        "hint": r"not the reverse",
    },
    {
        "question": "q4_poststratify",
        "why": "post-stratified on the three channels only",
        "replace": ('group = frame["channel"] + " " + np.where(frame["resolved"], "resolved", '
                    '"unresolved")',
                    'group = frame["channel"]'),
        "hint": r"six groups",
    },
    {
        "question": "q4_poststratify",
        "why": "the explained bias taken the other way round (corrected minus raw)",
        "replace": ("bias_explained = csat_naive - csat_poststratified",
                    "bias_explained = csat_poststratified - csat_naive"),
        "hint": r"csat_naive - csat_poststratified",
    },
    {
        "question": "q4_poststratify",
        "why": "the weighted sum not divided by the sum of the weights",
        "replace": ("csat_poststratified = np.sum(ps_weights * satisfied) / np.sum(ps_weights)",
                    "csat_poststratified = np.sum(ps_weights * satisfied) / len(frame)"),
        "hint": r"sum\(w \* y\) / sum\(w\)",
    },
    {
        "question": "q4_poststratify",
        "why": "population counts taken from the respondents, so every weight is 1",
        "replace": ("population = group.value_counts()",
                    "population = group[frame[\"responded\"]].value_counts()"),
        "hint": r"population must count all 6,000",
    },
    # --- q5: inverse-propensity weights -----------------------------------------------------
    {
        "question": "q5_ipw",
        "why": "weighted by the chance of answering instead of its inverse",
        "replace": ('w = 1 / answered["response_probability"].to_numpy()',
                    'w = answered["response_probability"].to_numpy()'),
        "hint": r"1 / response_probability",
    },
    {
        "question": "q5_ipw",
        "why": "Horvitz-Thompson form (divided by all 6,000) where Hajek's sum(w y)/sum(w) is asked",
        "source": (
            'w = 1 / answered["response_probability"].to_numpy()\n'
            'y = (answered["csat"] >= 4).to_numpy()\n'
            'csat_ipw = np.sum(w * y) / len(frame)\n'
            'se = np.sqrt(csat_ipw * (1 - csat_ipw) / len(y))\n'
            'ipw_low, ipw_high = csat_ipw - 1.96 * se, csat_ipw + 1.96 * se\n'
        ),
        "hint": r"Horvitz-Thompson form",
    },
    {
        "question": "q5_ipw",
        "why": "the weighted value with the unweighted standard error",
        "source": (
            'w = 1 / answered["response_probability"].to_numpy()\n'
            'y = (answered["csat"] >= 4).to_numpy()\n'
            'csat_ipw = np.sum(w * y) / np.sum(w)\n'
            'se = np.sqrt(csat_ipw * (1 - csat_ipw) / len(y))\n'
            'ipw_low, ipw_high = csat_ipw - 1.96 * se, csat_ipw + 1.96 * se\n'
        ),
        "hint": r"weighted SE",
    },
    {
        "question": "q5_ipw",
        "why": "weights summed without dividing: a 'share' far above 1",
        "source": (
            'w = 1 / answered["response_probability"].to_numpy()\n'
            'y = (answered["csat"] >= 4).to_numpy()\n'
            'csat_ipw = np.sum(w * y)\n'
            'ipw_low, ipw_high = csat_ipw - 1, csat_ipw + 1\n'
        ),
        "hint": r"divide by the sum of the weights",
    },
    {
        "question": "q5_ipw",
        "why": "the weighted CSAT given as a percentage",
        "replace": ("csat_ipw, ipw_low, ipw_high = ipw.value, ipw.low, ipw.high",
                    "csat_ipw, ipw_low, ipw_high = 100 * ipw.value, 100 * ipw.low, 100 * ipw.high"),
        "hint": r"not a percentage",
    },
    {
        "question": "q5_ipw",
        "why": "all 6,000 invited customers weighted, not only those who answered",
        "source": (
            'w = 1 / frame["response_probability"].to_numpy()\n'
            'ipw = surveys.csat(frame["csat"], weights=w)\n'
            "csat_ipw, ipw_low, ipw_high = ipw.value, ipw.low, ipw.high\n"
        ),
        "hint": r"weight only the customers who answered",
    },
    # --- q6: Simpson's-paradox detector -----------------------------------------------------
    {
        "question": "q6_simpson",
        "why": "only the total compared (a fall overall taken as the paradox)",
        "replace": ("return bool(((change > 0).all() and total_change < 0)\n"
                    "                or ((change < 0).all() and total_change > 0))",
                    "return bool(total_change < 0)"),
        "hint": r"total must move the other way",
    },
    {
        "question": "q6_simpson",
        "why": "the overall change taken as the plain mean of the groups' changes",
        "replace": ("total_change = overall[second] - overall[first]",
                    "total_change = change.mean()"),
        "hint": r"weight by answers",
    },
    {
        "question": "q6_simpson",
        "why": "any group moving against the total counted, not every group",
        "replace": ("return bool(((change > 0).all() and total_change < 0)\n"
                    "                or ((change < 0).all() and total_change > 0))",
                    "return bool(((change > 0).any() and total_change < 0)\n"
                    "                or ((change < 0).any() and total_change > 0))"),
        "hint": r"every group must move the same way",
    },
    {
        "question": "q6_simpson",
        "why": "counts of satisfied customers compared instead of shares",
        "replace": ('share = (cells["satisfied"] / cells["answers"]).unstack("period")',
                    'share = cells["satisfied"].unstack("period")'),
        "hint": r"every channel \+2 points",
    },
    {
        "question": "q6_simpson",
        "why": "a pivot that assumes one row per group and period (rows not added up)",
        "source": (
            "def reverses(table):\n"
            "    first, second = sorted(table['period'].unique())\n"
            "    wide = table.pivot(index='group', columns='period', values=['answers', 'satisfied'])\n"
            "    share = wide['satisfied'] / wide['answers']\n"
            "    change = share[second] - share[first]\n"
            "    total = wide['satisfied'].sum() / wide['answers'].sum()\n"
            "    total_change = total[second] - total[first]\n"
            "    return bool(((change > 0).all() and total_change < 0)\n"
            "                or ((change < 0).all() and total_change > 0))\n"
        ),
        "hint": r"add them up",
    },
    {
        "question": "q6_simpson",
        "why": "a group's rows averaged (mean of the rows' shares) instead of added up",
        "source": (
            "def reverses(table):\n"
            "    first, second = sorted(table['period'].unique())\n"
            "    rows = table.assign(share=table['satisfied'] / table['answers'])\n"
            "    share = rows.groupby(['group', 'period'])['share'].mean().unstack('period')\n"
            "    change = share[second] - share[first]\n"
            "    totals = table.groupby('period')[['answers', 'satisfied']].sum()\n"
            "    overall = totals['satisfied'] / totals['answers']\n"
            "    total_change = overall[second] - overall[first]\n"
            "    return bool(((change > 0).all() and total_change < 0)\n"
            "                or ((change < 0).all() and total_change > 0))\n"
        ),
        "hint": r"not a mean of shares",
    },
    {
        "question": "q6_simpson",
        "why": "only 'every group up, total down' counted, not the reverse direction",
        "replace": ("return bool(((change > 0).all() and total_change < 0)\n"
                    "                or ((change < 0).all() and total_change > 0))",
                    "return bool((change > 0).all() and total_change < 0)"),
        "hint": r"the paradox too",
    },
    {
        "question": "q6_simpson",
        "why": "an unchanged group counted as moving with the others (>= instead of >)",
        "replace": ("return bool(((change > 0).all() and total_change < 0)\n"
                    "                or ((change < 0).all() and total_change > 0))",
                    "return bool(((change >= 0).all() and total_change < 0)\n"
                    "                or ((change <= 0).all() and total_change > 0))"),
        "caught": "autograde",
    },
    {
        "question": "q6_simpson",
        "why": "the course's own detector called instead of writing the comparison",
        "source": (
            "def reverses(table):\n"
            "    share = table['satisfied'] / table['answers']\n"
            "    return surveys.simpson(share, table['group'], table['period'],\n"
            "                           count=table['answers']).paradox\n"
        ),
        "caught": "autograde",
    },
    # --- q7: sample size ------------------------------------------------------------------
    {
        "question": "q7_sample_size",
        "why": "one survey's variance only (as if the other NPS were known exactly)",
        "replace": ("(v_a + v_b) / delta**2", "v_a / delta**2"),
        "caught": "autograde",
    },
    {
        "question": "q7_sample_size",
        "why": "a one-sided z (1.645) for a two-sided test",
        "replace": ("stats.norm.ppf(0.975)", "stats.norm.ppf(0.95)"),
        "hint": r"two-sided test at 5 %",
    },
    {
        "question": "q7_sample_size",
        "why": "rounded down (int) instead of up",
        "replace": ("int(np.ceil(z**2 * (v_a + v_b) / delta**2))",
                    "int(z**2 * (v_a + v_b) / delta**2)"),
        "caught": "autograde",
    },
    {
        "question": "q7_sample_size",
        "why": "the first store's variance counted twice (2 V_a)",
        "replace": ("(v_a + v_b) / delta**2", "(2 * v_a) / delta**2"),
        "hint": r"V_a \+ V_b",
    },
    {
        "question": "q7_sample_size",
        "why": "the z values not squared",
        "replace": ("z**2 * (v_a + v_b)", "z * (v_a + v_b)"),
        "hint": r"squared",
    },
    {
        "question": "q7_sample_size",
        "why": "both surveys together given instead of one survey's answers",
        "replace": ("answers_per_survey = int(np.ceil(z**2 * (v_a + v_b) / delta**2))",
                    "answers_per_survey = 2 * int(np.ceil(z**2 * (v_a + v_b) / delta**2))"),
        "hint": r"per survey",
    },
    {
        "question": "q7_sample_size",
        "why": "the sample-size result object assigned, not its .per_survey",
        "source": "answers_per_survey = surveys.nps_sample_size(0.50, 0.20, 0.55, 0.15)\n",
        "hint": r"per_survey",
    },
    {
        "question": "q7_sample_size",
        "why": "rounded quantiles 1.96 and 0.84 (902, one short)",
        "replace": ("z = stats.norm.ppf(0.975) + stats.norm.ppf(0.80)", "z = 1.96 + 0.84"),
        "caught": "autograde",
    },
    {
        "question": "q7_sample_size",
        "why": "the NPS difference in points (10) with the variances in shares",
        "replace": ("delta = (0.55 - 0.15) - (0.50 - 0.20)",
                    "delta = 100 * ((0.55 - 0.15) - (0.50 - 0.20))"),
        "hint": r"shares throughout",
    },
]
