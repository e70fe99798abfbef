"""The usual mistakes in exercise 01, for the wrong-answer suite (tests/test_mistakes.py).

Each entry puts one mistake into an answer cell of the solution: the question's visible tests
must fail with a message that matches ``hint`` (the likely cause, in the student's words), or,
where a visible test would give the answer away, ``caught="autograde"``: the hidden tests take
the points. See CONTRIBUTING.md, "The wrong-answer suite". Never copied into the release.
"""

MISTAKES = [
    # Question 1: the transition matrix from counted moves
    {"question": "q1_transition_matrix", "why": "divided by column totals instead of row totals",
     "replace": ("counts.sum(axis=1, keepdims=True)", "counts.sum(axis=0, keepdims=True)"),
     "hint": r"each row should sum to 1"},
    {"question": "q1_transition_matrix", "why": "divided by the grand total of the table",
     "replace": ("counts.sum(axis=1, keepdims=True)", "counts.sum()"),
     "hint": r"each row should sum to 1"},
    {"question": "q1_transition_matrix", "why": "left the counts as counts",
     "source": "P_moves = np.asarray(moves, dtype=float)",
     "hint": r"not counts"},
    {"question": "q1_transition_matrix",
     "why": "pandas divides by the row totals along the columns (index alignment)",
     "source": "P_moves = moves / moves.sum(axis=1)",
     "hint": r"each row should sum to 1"},

    # Question 2: twelve months of the gym's chain
    {"question": "q2_twelve_months", "why": "element-wise power instead of the matrix power",
     "replace": ("np.linalg.matrix_power(P_gym, 12)", "P_gym ** 12"),
     "hint": r"matrix_power"},
    {"question": "q2_twelve_months", "why": "column vector: P^12 times the counts",
     "source": "after_12 = np.linalg.matrix_power(P_gym, 12) @ gym_start",
     "hint": r"x @ P, not P @ x"},
    {"question": "q2_twelve_months", "why": "eleven steps instead of twelve",
     "replace": ("matrix_power(P_gym, 12)", "matrix_power(P_gym, 11)"),
     "caught": "autograde"},

    # Question 3: the steady state
    {"question": "q3_steady_state", "why": "right eigenvector of P (all ones) instead of P.T",
     "replace": ("np.linalg.eig(P_gym.T)", "np.linalg.eig(P_gym)"),
     "hint": r"left eigenvector.*P_gym\.T"},
    {"question": "q3_steady_state", "why": "eigenvector scaled to length 1 instead of sum 1",
     "replace": ("pi_gym = v / v.sum()", "pi_gym = v / np.linalg.norm(v)"),
     "hint": r"sum to 1"},
    {"question": "q3_steady_state", "why": "a row of P^24: not yet the long run",
     "source": "pi_gym = np.linalg.matrix_power(P_gym, 24)[0]",
     "hint": r"pi @ P_gym should equal pi"},

    # Question 4: expected tenure from the fundamental matrix
    {"question": "q4_tenure", "why": "used a regular's churn for everyone: 1 / 0.04",
     "source": "tenure_new = 1 / 0.04",
     "hint": r"regular's tenure"},
    {"question": "q4_tenure", "why": "used the new members' churn only: 1 / 0.15",
     "source": "tenure_new = 1 / 0.15",
     "hint": r"most new members become regulars"},
    {"question": "q4_tenure", "why": "counted the months as a regular only, not the first month",
     "replace": ("N[1, 1] + N[1, 2]", "N[1, 2]"),
     "caught": "autograde"},
    {"question": "q4_tenure", "why": "read the row of a potential customer (waiting included)",
     "replace": ("N[1, 1] + N[1, 2]", "N[0].sum()"),
     "caught": "autograde"},

    # Question 5: lifetime value, closed form and sum
    {"question": "q5_lifetime_value", "why": "first margin a month from now (t = 1)",
     "replace": ("clv_closed = m * (1 + d) / (1 + d - r)", "clv_closed = m * r / (1 + d - r)"),
     "hint": r"t = 0"},
    {"question": "q5_lifetime_value", "why": "summed too few terms",
     "replace": ("range(600)", "range(60)"),
     "hint": r"600 terms"},
    {"question": "q5_lifetime_value", "why": "0.8 % written as 0.8",
     "replace": ("m, r, d = 25.0, 0.96, 0.008", "m, r, d = 25.0, 0.96, 0.8"),
     "hint": r"d = 0\.008"},
    {"question": "q5_lifetime_value", "why": "both sums start at t = 1",
     "source": ("m, r, d = 25.0, 0.96, 0.008\n"
                "clv_closed = m * r / (1 + d - r)\n"
                "clv_sum = sum(m * r**t / (1 + d) ** t for t in range(1, 601))"),
     "hint": r"t = 0"},

    # Question 6: the sBG likelihood and fit
    {"question": "q6_fit_sbg", "why": "left out the censored survivors",
     "replace": ("return np.sum(lost * log_p_leave) + survivors[-1] * log_s_end",
                 "return np.sum(lost * log_p_leave)"),
     "hint": r"still there at the end"},
    {"question": "q6_fit_sbg", "why": "weighted ln P(T = t) by the survivors, not the lost",
     "replace": ("np.sum(lost * log_p_leave)", "np.sum(survivors[1:] * log_p_leave)"),
     "hint": r"members lost in month t"},
    {"question": "q6_fit_sbg", "why": "fitted all 13 months instead of months 0-8",
     "replace": ("gym_cohort[:9])", "gym_cohort)"),
     "hint": r"months 0-8 only"},
    {"question": "q6_fit_sbg", "why": "projected a share instead of a number of members",
     "replace": ("projected_12 = 2000 * np.exp(", "projected_12 = np.exp("),
     "hint": r"number of members"},

    # Question 7: two policies
    {"question": "q7_policies", "why": "cut churn by 5 per cent instead of 5 points",
     "replace": ("churn_keep = 0.20 - 0.05", "churn_keep = 0.20 * 0.95"),
     "hint": r"percentage points"},
    {"question": "q7_policies", "why": "raised p by 5 points instead of 5 per cent",
     "replace": ("innovation_win = 0.03 * 1.05", "innovation_win = 0.03 + 0.05"),
     "hint": r"0\.03 \* 1\.05"},
    {"question": "q7_policies", "why": "read the customers after 9 years",
     "replace": (".existing[10]", ".existing[9]"),
     "caught": "autograde"},
    {"question": "q7_policies", "why": "left out the negative word of mouth",
     "replace": (", negative_word_of_mouth=0.05)", ")"),
     "caught": "autograde"},
]
