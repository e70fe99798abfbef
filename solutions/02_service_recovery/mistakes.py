"""The usual mistakes on exercise 02, for the wrong-answer suite (tests/test_mistakes.py).

Each entry edits the solution of one question (``replace``) or gives a whole wrong answer cell
(``source``). It must fail a visible test whose message matches ``hint``, or, where a visible
test would give the answer away, lose the question's points in autograde
(``caught="autograde"``). See CONTRIBUTING.md, "The wrong-answer suite". Not released to
students (nbgrader_config.py ignores this file).
"""

MISTAKES = [
    # Question 1: path shares by hand
    {
        "question": "q1_path_shares",
        "why": "shares of complaints, not of all failing customers",
        "source": (
            "p_complain, fcr, q_repeat, max_contacts = 0.4, 0.7, 0.5, 3\n"
            "unresolved = (1 - fcr) * (1 - q_repeat) ** (max_contacts - 1)\n"
            "resolved_slowly = (1 - fcr) - unresolved\n"
            "resolved_quickly = fcr\n"
            "path_shares = np.array([1 - p_complain, unresolved, resolved_slowly, "
            "resolved_quickly])\n"
        ),
        "hint": r"multiply each complaint path by the 40 % who complain",
    },
    {
        "question": "q1_path_shares",
        "why": "percentages instead of shares",
        "replace": ("path_shares = np.array([", "path_shares = 100 * np.array(["),
        "hint": r"not percentages",
    },
    {
        "question": "q1_path_shares",
        "why": "three failed later contacts instead of two (exponent m, not m - 1)",
        "replace": ("** (max_contacts - 1)", "** max_contacts"),
        "caught": "autograde",
    },
    {
        "question": "q1_path_shares",
        "why": "only the second contact counted as a slow resolution (the third forgotten)",
        "replace": ("resolved_slowly = p_complain * (1 - fcr) - unresolved",
                    "resolved_slowly = p_complain * (1 - fcr) * q_repeat"),
        "hint": r"complaint paths should add up to the 40 %",
    },
    {
        "question": "q1_path_shares",
        "why": "unresolved and resolved (slowly) swapped",
        "replace": ("[1 - p_complain, unresolved, resolved_slowly, resolved_quickly]",
                    "[1 - p_complain, resolved_slowly, unresolved, resolved_quickly]"),
        "caught": "autograde",
    },
    {
        "question": "q1_path_shares",
        "why": "quick and slow resolutions in the wrong order",
        "replace": ("unresolved, resolved_slowly, resolved_quickly])",
                    "unresolved, resolved_quickly, resolved_slowly])"),
        "hint": r"order of rc\.PATHS",
    },
    # Question 2: expected retention along the paths
    {
        "question": "q2_retention",
        "why": "the plain average of the four repurchase rates",
        "source": (
            "q2_shares = np.array([0.55, 0.05, 0.15, 0.25])\n"
            "retention_large = np.mean(rc.TARP_OVER_100.as_tuple())\n"
            "retention_small = np.mean(rc.TARP_UNDER_5.as_tuple())\n"
        ),
        "hint": r"don't average the four rates",
    },
    {
        "question": "q2_retention",
        "why": "the rates typed in as percentages",
        "source": (
            "q2_shares = np.array([0.55, 0.05, 0.15, 0.25])\n"
            "retention_large = q2_shares @ np.array([9, 19, 54, 82])\n"
            "retention_small = q2_shares @ np.array([37, 46, 70, 95])\n"
        ),
        "hint": r"0\.82, not 82",
    },
    {
        "question": "q2_retention",
        "why": "the two TARP tables swapped",
        "source": (
            "q2_shares = np.array([0.55, 0.05, 0.15, 0.25])\n"
            "retention_large = q2_shares @ np.array(rc.TARP_UNDER_5.as_tuple())\n"
            "retention_small = q2_shares @ np.array(rc.TARP_OVER_100.as_tuple())\n"
        ),
        "hint": r"TARP_UNDER_5 for retention_small",
    },
    {
        "question": "q2_retention",
        "why": "the silent customers left out (rates averaged over complainers only)",
        "source": (
            "q2_shares = np.array([0.55, 0.05, 0.15, 0.25])\n"
            "rates = np.array(rc.TARP_OVER_100.as_tuple())\n"
            "retention_large = q2_shares[1:] @ rates[1:] / q2_shares[1:].sum()\n"
            "small = np.array(rc.TARP_UNDER_5.as_tuple())\n"
            "retention_small = q2_shares[1:] @ small[1:] / q2_shares[1:].sum()\n"
        ),
        "caught": "autograde",
    },
    {
        "question": "q2_retention",
        "why": "the paths multiplied by their rates but not added up",
        "source": (
            "q2_shares = np.array([0.55, 0.05, 0.15, 0.25])\n"
            "retention_large = q2_shares * np.array(rc.TARP_OVER_100.as_tuple())\n"
            "retention_small = q2_shares * np.array(rc.TARP_UNDER_5.as_tuple())\n"
        ),
        "hint": r"one number: add up the four paths",
    },
    {
        "question": "q2_retention",
        "why": "the shares in the wrong order (quick first)",
        "source": (
            "q2_shares = np.array([0.25, 0.15, 0.05, 0.55])\n"
            "retention_large = q2_shares @ np.array(rc.TARP_OVER_100.as_tuple())\n"
            "retention_small = q2_shares @ np.array(rc.TARP_UNDER_5.as_tuple())\n"
        ),
        "caught": "autograde",
    },
    # Question 3: a customer base under two policies
    {
        "question": "q3_two_policies",
        "why": "retention after a failure used as the share of the base kept",
        "replace": ("kept_a, kept_b = out_a.retention, out_b.retention",
                    "kept_a, kept_b = out_a.retention_after_failure, "
                    "out_b.retention_after_failure"),
        "hint": r"whole base after 8 quarters \(\.retention\), not of failing customers",
    },
    {
        "question": "q3_two_policies",
        "why": "the default 4 periods instead of 8 quarters",
        "replace": (", periods=8)", ")"),
        "hint": r"periods=8",
    },
    {
        "question": "q3_two_policies",
        "why": "customers saved given as a share, not a number of customers",
        "replace": ("customers_saved = (kept_b - kept_a) * 20_000",
                    "customers_saved = kept_b - kept_a"),
        "hint": r"number of customers",
    },
    {
        "question": "q3_two_policies",
        "why": "the difference taken the wrong way round",
        "replace": ("customers_saved = (kept_b - kept_a) * 20_000",
                    "customers_saved = (kept_a - kept_b) * 20_000"),
        "hint": r"\(kept_b - kept_a\) x 20,000",
    },
    {
        "question": "q3_two_policies",
        "why": "the limits of the two policies swapped (B as every remedy approved)",
        "replace": ("kept_a, kept_b = out_a.retention, out_b.retention",
                    "kept_a, kept_b = out_b.retention, out_a.retention"),
        "hint": r"policy B \(a \$150 limit\) should keep more",
    },
    # Question 4: the approval queue
    {
        "question": "q4_approval_queue",
        "why": "every failure sent for approval, not only complaints",
        "replace": ("sc4.failures_per_hour * sc4.p_complain * out4.escalation_share",
                    "sc4.failures_per_hour * out4.escalation_share"),
        "hint": r"multiply by the complaint rate",
    },
    {
        "question": "q4_approval_queue",
        "why": "the wait left in hours",
        "replace": ("q.average_speed_of_answer(approval_rate, 0.75, 1) * 60",
                    "q.average_speed_of_answer(approval_rate, 0.75, 1)"),
        "hint": r"in minutes: hours x 60",
    },
    {
        "question": "q4_approval_queue",
        "why": "the review time in minutes with a rate per hour",
        "replace": ("q.average_speed_of_answer(approval_rate, 0.75, 1)",
                    "q.average_speed_of_answer(approval_rate, 45, 1)"),
        "hint": r"both in hours",
    },
    {
        "question": "q4_approval_queue",
        "why": "requests per quarter instead of per hour",
        "replace": ("approval_rate = sc4.failures_per_hour *",
                    "approval_rate = sc4.base_customers * sc4.p_fail *"),
        "hint": r"per hour, not per quarter",
    },
    {
        "question": "q4_approval_queue",
        "why": "P(wait) from Erlang C taken for the mean wait",
        "replace": ("q.average_speed_of_answer(approval_rate, 0.75, 1) * 60",
                    "q.erlang_c(approval_rate * 0.75, 1) * 60"),
        "caught": "autograde",
    },
    {
        "question": "q4_approval_queue",
        "why": "the review time added to the wait",
        "replace": ("q.average_speed_of_answer(approval_rate, 0.75, 1) * 60",
                    "(q.average_speed_of_answer(approval_rate, 0.75, 1) + 0.75) * 60"),
        "hint": r"leave out the review",
    },
    # Question 5: the break-even approval limit
    {
        "question": "q5_best_limit",
        "why": "the position of the maximum instead of the limit",
        "replace": ("best_limit = curve.best_limit",
                    "best_limit = int(np.argmax(curve.net_value))"),
        "hint": r"take a limit, not an index",
    },
    {
        "question": "q5_best_limit",
        "why": "the limit with the highest retention, not net value",
        "replace": ("best_limit = curve.best_limit",
                    "best_limit = curve.limits[np.argmax(curve.retention)]"),
        "hint": r"maximise net value, not retention",
    },
    {
        "question": "q5_best_limit",
        "why": "the limit with the lowest cost of recovery",
        "replace": ("best_limit = curve.best_limit",
                    "best_limit = curve.limits[np.argmin(curve.cost)]"),
        "caught": "autograde",
    },
    {
        "question": "q5_best_limit",
        "why": "the gain taken the wrong way round",
        "replace": ('gain_vs_zero = curve.best_net_value - curve.at(0)["net_value"]',
                    'gain_vs_zero = curve.at(0)["net_value"] - curve.best_net_value'),
        "hint": r"minus net value at L = 0",
    },
    {
        "question": "q5_best_limit",
        "why": "approval_limit_curve's default grid (steps of 5) instead of 0, 10, ..., 400",
        "replace": ("rc.approval_limit_curve(sc5, np.arange(0, 401, 10))",
                    "rc.approval_limit_curve(sc5)"),
        "hint": r"pass those limits",
    },
    {
        "question": "q5_best_limit",
        "why": "the retailer's base scenario instead of sc5",
        "replace": ("rc.approval_limit_curve(sc5, ", "rc.approval_limit_curve(base, "),
        "hint": r"use sc5",
    },
    {
        "question": "q5_best_limit",
        "why": "sc5 without the supervisor's 0.4 hours",
        "replace": ("leakage=0.4, approval_time=0.4)", "leakage=0.4)"),
        "hint": r"approval_time=0\.4",
    },
    {
        "question": "q5_best_limit",
        "why": "near_best as positions in the list, not limits",
        "replace": ("close = curve.limits[curve.net_value >= curve.best_net_value - 1]",
                    "close = np.flatnonzero(curve.net_value >= curve.best_net_value - 1)"),
        "hint": r"two limits in dollars",
    },
    {
        "question": "q5_best_limit",
        "why": "near_best with the highest limit first",
        "replace": ("near_best = (close.min(), close.max())",
                    "near_best = (close.max(), close.min())"),
        "hint": r"\(lowest, highest\)",
    },
    {
        "question": "q5_best_limit",
        "why": "within 1 % of the best instead of within $1",
        "replace": ("curve.net_value >= curve.best_net_value - 1]",
                    "curve.net_value >= 0.99 * curve.best_net_value]"),
        "caught": "autograde",
    },
    # Question 6: FCR from 67 % to 80 %
    {
        "question": "q6_fcr",
        "why": "old minus new",
        "replace": ("retention_gain = new.retention_after_failure - old.retention_after_failure",
                    "retention_gain = old.retention_after_failure - new.retention_after_failure"),
        "hint": r"new minus old",
    },
    {
        "question": "q6_fcr",
        "why": "percentage points instead of a difference of shares",
        "replace": ("retention_gain = new.retention_after_failure - old.retention_after_failure",
                    "retention_gain = 100 * (new.retention_after_failure "
                    "- old.retention_after_failure)"),
        "hint": r"difference of shares",
    },
    {
        "question": "q6_fcr",
        "why": "the whole cohort's retention instead of retention after a failure",
        "replace": ("retention_gain = new.retention_after_failure - old.retention_after_failure",
                    "retention_gain = new.retention - old.retention"),
        "hint": r"not of the whole base",
    },
    {
        "question": "q6_fcr",
        "why": "contacts saved the wrong way round",
        "replace": ("contacts_saved = old.contacts_per_complaint - new.contacts_per_complaint",
                    "contacts_saved = new.contacts_per_complaint - old.contacts_per_complaint"),
        "hint": r"old contacts per complaint minus new",
    },
    {
        "question": "q6_fcr",
        "why": "the relative change instead of the difference of shares",
        "replace": ("retention_gain = new.retention_after_failure - old.retention_after_failure",
                    "retention_gain = (new.retention_after_failure - old.retention_after_failure)"
                    " / old.retention_after_failure"),
        "caught": "autograde",
    },
    {
        "question": "q6_fcr",
        "why": "contacts saved per failure (times the complaint rate), not per complaint",
        "replace": ("contacts_saved = old.contacts_per_complaint - new.contacts_per_complaint",
                    "contacts_saved = base.p_complain * (old.contacts_per_complaint "
                    "- new.contacts_per_complaint)"),
        "caught": "autograde",
    },
    # Question 7: how much rests on the assumptions
    {
        "question": "q7_sensitivity",
        "why": "a share of the base instead of a number of customers",
        "replace": ("    return (b - a) * 20_000", "    return b - a"),
        "hint": r"number of customers",
    },
    {
        "question": "q7_sensitivity",
        "why": "no setting changed: question 3's answer twice",
        "replace": ("saved_slow_quick = saved(base.replace(quick_within=8))\n"
                    "saved_two_supervisors = saved(base.replace(supervisors=2))",
                    "saved_slow_quick = saved(base)\nsaved_two_supervisors = saved(base)"),
        "hint": r"change one setting for each",
    },
    {
        "question": "q7_sensitivity",
        "why": "A minus B",
        "replace": ("    return (b - a) * 20_000", "    return (a - b) * 20_000"),
        "hint": r"B minus A",
    },
    {
        "question": "q7_sensitivity",
        "why": "a working day taken as 24 hours (quick_within=24)",
        "replace": ("base.replace(quick_within=8)", "base.replace(quick_within=24)"),
        "caught": "autograde",
    },
    {
        "question": "q7_sensitivity",
        "why": "the default 4 periods instead of 8 quarters",
        "replace": (", periods=8).retention", ").retention"),
        "caught": "autograde",
    },
    # Question 8: counting categories
    {
        "question": "q8_counts",
        "why": "a groupby count left in alphabetical order",
        "replace": ('category_counts = frame["category"].value_counts()',
                    'category_counts = frame.groupby("category").size()'),
        "hint": r"largest first",
    },
    {
        "question": "q8_counts",
        "why": "shares (normalize=True) instead of counts",
        "replace": ('category_counts = frame["category"].value_counts()',
                    'category_counts = frame["category"].value_counts(normalize=True)'),
        "hint": r"count every complaint once",
    },
    {
        "question": "q8_counts",
        "why": "the top three's count instead of their share",
        "replace": ("top3_share = category_counts.iloc[:3].sum() / category_counts.sum()",
                    "top3_share = category_counts.iloc[:3].sum()"),
        "hint": r"top3_share is a share",
    },
    {
        "question": "q8_counts",
        "why": "three categories out of ten taken as the share",
        "replace": ("top3_share = category_counts.iloc[:3].sum() / category_counts.sum()",
                    "top3_share = 3 / category_counts.size"),
        "caught": "autograde",
    },
    {
        "question": "q8_counts",
        "why": "the top four through the running share (off by one)",
        "replace": ("top3_share = category_counts.iloc[:3].sum() / category_counts.sum()",
                    "top3_share = (category_counts.cumsum() / category_counts.sum()).iloc[3]"),
        "caught": "autograde",
    },
    # Question 9: the vital few and the root cause
    {
        "question": "q9_root_cause",
        "why": "the list stops before reaching 80 %",
        "replace": ("int((running < 0.8).sum()) + 1", "int((running < 0.8).sum())"),
        "hint": r"include the one that takes the share to 80 %",
    },
    {
        "question": "q9_root_cause",
        "why": "too many categories in the list",
        "replace": ("int((running < 0.8).sum()) + 1", "int((running < 0.9).sum()) + 1"),
        "hint": r"stop at the category",
    },
    {
        "question": "q9_root_cause",
        "why": "North's share of all complaints, not of the delivery complaints",
        "replace": ('north_share = (delivery["depot"] == "North").mean()',
                    'north_share = (frame["depot"] == "North").mean()'),
        "hint": r"filter the rows first",
    },
    {
        "question": "q9_root_cause",
        "why": "a count of North's complaints instead of a share",
        "replace": ('north_share = (delivery["depot"] == "North").mean()',
                    'north_share = (delivery["depot"] == "North").sum()'),
        "hint": r"between 0 and 1",
    },
    {
        "question": "q9_root_cause",
        "why": "late deliveries only, leaving out damage in transit",
        "replace": ('isin(["late delivery", "damaged in transit"])', 'isin(["late delivery"])'),
        "caught": "autograde",
    },
    {
        "question": "q9_root_cause",
        "why": "North's late and damaged complaints divided by all complaints",
        "replace": ('north_share = (delivery["depot"] == "North").mean()',
                    'north_share = (delivery["depot"] == "North").sum() / len(frame)'),
        "caught": "autograde",
    },
    {
        "question": "q9_root_cause",
        "why": "the reverse conditional: the share of North's complaints that are late or damaged",
        "replace": ('north_share = (delivery["depot"] == "North").mean()',
                    'north_share = frame[frame["depot"] == "North"]["category"].isin('
                    '["late delivery", "damaged in transit"]).mean()'),
        "caught": "autograde",
    },
]
