"""The usual mistakes on exercise 05, for tests/test_mistakes.py (see CONTRIBUTING.md).

Each one is put in place of its answer; it must fail a visible test whose message names the
likely cause (or, where a visible test would give the answer away, lose the question's points
in autograde). Never copied into the students' release (nbgrader_config.py ignores it).
"""

MISTAKES = [
    # --- q1: the paid seat-equivalents and their wages ----------------------------------------
    {
        "question": "q1_wages",
        "why": "shrinkage forgotten: 13 seats for 13 agents on the phones",
        "replace": ("seats_13 = 13 / (1 - business.shrinkage)", "seats_13 = 13"),
        "hint": r"divide by \(1 - shrinkage\)",
    },
    {
        "question": "q1_wages",
        "why": "shrinkage taken off instead of added: 13 x 0.7",
        "replace": ("seats_13 = 13 / (1 - business.shrinkage)",
                    "seats_13 = 13 * (1 - business.shrinkage)"),
        "hint": r"divide by \(1 - shrinkage\)",
    },
    {
        "question": "q1_wages",
        "why": "rounded up to whole people (19), as a roster would be",
        "replace": ("seats_13 = 13 / (1 - business.shrinkage)",
                    "seats_13 = int(np.ceil(13 / (1 - business.shrinkage)))"),
        "hint": r"not rounded",
    },
    {
        "question": "q1_wages",
        "why": "a week's wages, not the year's",
        "replace": ("wages_13 = seats_13 * business.opening_hours * business.wage * 52",
                    "wages_13 = seats_13 * business.opening_hours * business.wage"),
        "hint": r"52 weeks",
    },
    {
        "question": "q1_wages",
        "why": "shrinkage added as a percentage on top: 13 x 1.3 = 16.9 seats",
        "replace": ("seats_13 = 13 / (1 - business.shrinkage)",
                    "seats_13 = 13 * (1 + business.shrinkage)"),
        "caught": "autograde",
    },
    # --- q2: three answers to "how many agents?" ---------------------------------------------
    {
        "question": "q2_three_answers",
        "why": "the team with the largest profit this year, not the most value created",
        "replace": ("value = {n: y.value_created for n, y in years.items()}",
                    "value = {n: y.total_profit for n, y in years.items()}"),
        "hint": r"profit this year.*value_created",
    },
    {
        "question": "q2_three_answers",
        "why": "calls per hour given to agents_needed with the AHT in seconds",
        "replace": ("rule_agents = q.agents_needed(calls_per_second, business.aht",
                    "rule_agents = q.agents_needed(calls_per_second * 3600, business.aht"),
        "hint": r"calls per second with the AHT in seconds",
    },
    {
        "question": "q2_three_answers",
        "why": "80/20 by Erlang C (no patience): callers who never hang up",
        "replace": ("rule_agents = q.agents_needed(calls_per_second, business.aht, business.target, 0.8,\n"
                    "                              patience=business.patience)",
                    "rule_agents = q.agents_needed(calls_per_second, business.aht, business.target, 0.8)"),
        "hint": r"Erlang C.*patience=business.patience",
    },
    {
        "question": "q2_three_answers",
        "why": "an agent's cost per hour on the phones taken as the wage (shrinkage forgotten)",
        "replace": ("business.aht / 3600, business.wage / (1 - business.shrinkage),",
                    "business.aht / 3600, business.wage,"),
        "hint": r"bare wage.*wage / \(1 - shrinkage\)",
    },
    {
        "question": "q2_three_answers",
        "why": "patience left in seconds inside optimal_staffing (the other times in hours)",
        "replace": ("business.wait_cost, patience=business.patience / 3600,",
                    "business.wait_cost, patience=business.patience,"),
        "hint": r"patience in seconds.*works in hours",
    },
    {
        "question": "q2_three_answers",
        "why": "optimal_staffing given calls per second and the AHT in seconds (costs per hour)",
        "replace": ("    calls_per_second * 3600, business.aht / 3600,",
                    "    calls_per_second, business.aht,"),
        "hint": r"optimal_staffing works in hours \(calls per hour",
    },
    {
        "question": "q2_three_answers",
        "why": "the gap the wrong way round (80/20 minus the best)",
        "replace": ("value_gap = value[most_value_agents] - value[rule_agents]",
                    "value_gap = value[rule_agents] - value[most_value_agents]"),
        "hint": r"LESS value.*positive",
    },
    {
        "question": "q2_three_answers",
        "why": "the gap in millions of dollars",
        "replace": ("value_gap = value[most_value_agents] - value[rule_agents]",
                    "value_gap = (value[most_value_agents] - value[rule_agents]) / 1e6"),
        "hint": r"in dollars, not millions",
    },
    # --- q3: the best policy within a budget -------------------------------------------------
    {
        "question": "q3_budget",
        "why": "the budget ignored: the best policy on the whole grid",
        "replace": ("            if wages + training <= budget:", "            if True:"),
        "hint": r"over budget",
    },
    {
        "question": "q3_budget",
        "why": "wages of the agents on the phones, without shrinkage",
        "replace": ("    wages = agents / (1 - business.shrinkage) * business.opening_hours",
                    "    wages = agents * business.opening_hours"),
        "hint": r"over budget.*shrinkage",
    },
    {
        "question": "q3_budget",
        "why": "training left out of the spend",
        "replace": ("            if wages + training <= budget:", "            if wages <= budget:"),
        "hint": r"over budget.*training",
    },
    {
        "question": "q3_budget",
        "why": "this year's profit maximised instead of the value created",
        "replace": ("affordable.append((sy.simulate_year(p, business, seed=SEED).value_created,",
                    "affordable.append((sy.simulate_year(p, business, seed=SEED).total_profit,"),
        "hint": r"value_created of your policy",
    },
    {
        "question": "q3_budget",
        "why": "this year's profit maximised, and reported as the value",
        "source": (
            "budget = 1_850_000\n"
            "found = []\n"
            "for agents in (13, 14, 15):\n"
            "    wages = agents / (1 - business.shrinkage) * business.opening_hours"
            " * business.wage * 52\n"
            "    for limit in (0, 100, 200):\n"
            "        for training in (0, 100_000, 200_000):\n"
            "            if wages + training <= budget:\n"
            "                p = sy.Policy(agents=agents, approval_limit=limit,"
            " fcr_training=training)\n"
            "                y = sy.simulate_year(p, business, seed=SEED)\n"
            "                found.append((y.total_profit, y.value_created, agents, limit,"
            " training))\n"
            "_, best_value, best_agents, best_limit, best_training = max(found)\n"
        ),
        "caught": "autograde",
    },
    # --- q5: the survey against the census ---------------------------------------------------
    {
        "question": "q5_survey",
        "why": "changes in percentage points instead of shares",
        "replace": ("census_change = fourteen.true_csat.mean() - nine.true_csat.mean()",
                    "census_change = 100 * (fourteen.true_csat.mean() - nine.true_csat.mean())"),
        "hint": r"shares \(0.05\), not percentage points",
    },
    {
        "question": "q5_survey",
        "why": "the share seen turned upside down (census over survey)",
        "replace": ("share_seen = survey_change / census_change",
                    "share_seen = census_change / survey_change"),
        "hint": r"survey_change / census_change",
    },
    {
        "question": "q5_survey",
        "why": "the gap as census minus survey",
        "replace": ("survey_gap_14 = fourteen.surveyed_csat.mean() - fourteen.true_csat.mean()",
                    "survey_gap_14 = fourteen.true_csat.mean() - fourteen.surveyed_csat.mean()"),
        "hint": r"reads above the census",
    },
    {
        "question": "q5_survey",
        "why": "the last week and the last month only, not the year's averages",
        "source": (
            "nine, fourteen = (sy.simulate_year(sy.Policy(agents=n), business, seed=SEED)"
            " for n in (9, 14))\n"
            "census_change = fourteen.true_csat[-1] - nine.true_csat[-1]\n"
            "survey_change = fourteen.surveyed_csat[-1] - nine.surveyed_csat[-1]\n"
            "share_seen = survey_change / census_change\n"
            "survey_gap_14 = fourteen.surveyed_csat[-1] - fourteen.true_csat[-1]\n"
        ),
        "caught": "autograde",
    },
    {
        "question": "q5_survey",
        "why": "this week's callers (contact_csat) taken for the census of all customers",
        "replace": ("census_change = fourteen.true_csat.mean() - nine.true_csat.mean()",
                    "census_change = fourteen.contact_csat.mean() - nine.contact_csat.mean()"),
        "caught": "autograde",
    },
]
