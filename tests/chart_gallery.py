"""One example of every chart builder in cxlib.charts, for the tests that read every chart.

`GALLERY` maps a short name to a function that builds the chart; `test_charts_grammar` checks
that every public builder (every name in ``cxlib.charts.__all__`` ending in ``_chart``) appears
here, so a new builder is read by those tests from the day it is added. Nothing here is cached:
mutation testing finds the tests that reach a builder by running them, and a chart cached by
one test would be hidden from the others.
"""

from __future__ import annotations

import numpy as np

from cxlib import charts, data
from cxlib import customers as cu
from cxlib import queueing as q
from cxlib import recovery as rc
from cxlib import surveys
from cxlib import system as sy

SHARES = [0.08, 0.07, 0.15, 0.40, 0.30]
FLOW = dict(market=10_000, periods=36, innovation=0.0025, word_of_mouth=0.032, churn=0.03,
            negative_word_of_mouth=0.01, polarisation=0.1, existing=2000)


def _year():
    return sy.simulate_year(sy.Policy(agents=11, approval_limit=50), seed=7)


def _flow_sim():
    return cu.simulate_customer_flow(**FLOW, replications=20, seed=1)


def _simpson():
    t = surveys.mix_shift_example()
    return surveys.simpson(t.satisfied, t.channel, t.year, count=t.respondents)


def _staffing_profit():
    return sy.staffing_profit(range(9, 15), seed=7, progress=False)


GALLERY = {
    "lines": lambda: charts.lines_chart(
        np.arange(5), {"a": np.linspace(0.2, 0.6, 5), "b": np.linspace(0.3, 0.9, 5)},
        title="Two lines", x_title=charts.axis_title("month"),
        y_title=charts.axis_title("share", "customers"), y_domain=(0, 1), y_format=".0%",
        reference={"goal": 0.8}),
    "customer_flow": lambda: charts.customer_flow_chart(cu.customer_flow(**FLOW)),
    "customer_flow_lines": lambda: charts.customer_flow_chart(cu.customer_flow(**FLOW),
                                                              stack=False),
    "customer_flow_simulated": lambda: charts.customer_flow_chart(_flow_sim()),
    "flow_band": lambda: charts.flow_band_chart(_flow_sim(), expected=cu.customer_flow(**FLOW)),
    "retention": lambda: charts.retention_chart(
        np.arange(1, 8), {"a": 0.8 + 0.01 * np.arange(1, 8)},
        observed={"o": (np.arange(1, 8), 0.8 + 0.011 * np.arange(1, 8))}, calibration=4),
    "survival": lambda: charts.survival_chart(np.arange(4), [1000, 600, 450, 380],
                                              {"m": [1000, 620, 460, 370]}, calibration=2),
    "outlook": lambda: charts.outlook_chart(cu.customer_outlook(**FLOW)),
    "arrivals": lambda: charts.arrivals_chart(
        data.arrivals_per_interval(data.morning_call_log(seed=1), 1800)),
    "staffing_curve": lambda: charts.staffing_curve_chart(
        q.staffing_curve(100 / 1800, 180, 20).agents,
        {"Erlang C": q.staffing_curve(100 / 1800, 180, 20).service_level},
        chosen=14, target_seconds=20),
    "staffing_curve_two": lambda: charts.staffing_curve_chart(
        np.arange(10, 20), {"Erlang C": q.service_level(100 / 1800, 180, np.arange(10, 20), 20),
                            "Erlang A": q.erlang_a(100 / 1800, 180, np.arange(10, 20),
                                                   300).service_level(20)},
        chosen=14, target_seconds=20),
    "cost_curve": lambda: charts.cost_curve_chart(
        q.optimal_staffing(200, 0.05, agent_cost=30, wait_cost=60), goal_agents=15,
        goal_label="80/20"),
    "intraday": lambda: charts.intraday_chart(
        np.arange(4) * 1800.0, [5.0, 10.0, 15.0, 7.5], {"flat": [12, 12, 12, 12],
                                                        "shaped": [7, 12, 18, 10]},
        {"flat": [0.99, 0.9, 0.2, 0.97], "shaped": [0.85, 0.82, 0.8, 0.86]}),
    "recovery_paths": lambda: charts.recovery_paths_chart(
        rc.complaint_iceberg(100, rc.Scenario())),
    "approval_limit": lambda: charts.approval_limit_chart(
        rc.approval_limit_curve(rc.Scenario()), chosen=25),
    "policy_survival": lambda: charts.policy_survival_chart(
        {"now": rc.expected_outcome(rc.Scenario()),
         "faster": rc.expected_outcome(rc.Scenario(approval_limit=100.0))}),
    "pareto": lambda: charts.pareto_chart(rc.pareto(data.complaint_log(seed=1))),
    "score_distribution": lambda: charts.score_distribution_chart(
        {"truth": np.array(SHARES), "survey": np.array([0.12, 0.06, 0.08, 0.33, 0.41])},
        title="Answers"),
    "survey_intervals": lambda: charts.survey_intervals_chart(
        {"CSAT": surveys.csat([5, 4, 4, 3, 2, 5, 5, 1, 4, 4]),
         "top box": surveys.top_box([5, 4, 4, 3, 2, 5, 5, 1, 4, 4])},
        truth={"CSAT": 0.65}, title="Estimates", subtitle="ten answers"),
    "survey_comparison": lambda: charts.survey_comparison_chart(
        surveys.survey_vs_truth(SHARES, seed=1)),
    "loyalty_curves": lambda: charts.loyalty_curves_chart(
        {"competitive": surveys.loyalty_curve(1.0), "sheltered": surveys.loyalty_curve(0.0)}),
    "survivorship": lambda: charts.survivorship_chart(
        surveys.survivorship(SHARES, periods=4, customers=3000, seed=2)),
    "simpson": lambda: charts.simpson_chart(_simpson()),
    "gaming": lambda: charts.gaming_chart(surveys.gaming(SHARES, screening=0.5, nudge=0.3,
                                                         seed=1)),
    "customer_base": lambda: charts.customer_base_chart(_year()),
    "service_level": lambda: charts.service_level_chart(_year()),
    "satisfaction": lambda: charts.satisfaction_chart(_year()),
    "profit": lambda: charts.profit_chart(_year()),
    "year": lambda: charts.year_chart(_year()),
    "staffing_profit": lambda: charts.staffing_profit_chart(_staffing_profit()),
    "scenarios": lambda: charts.scenarios_chart(
        {"11 agents": _year(), "15 agents": sy.simulate_year(sy.Policy(agents=15), seed=7)}),
    "scenarios_csat": lambda: charts.scenarios_chart(
        {"11 agents": _year(), "15 agents": sy.simulate_year(sy.Policy(agents=15), seed=7)},
        measure="true_csat"),
    "survey_census": lambda: charts.survey_census_chart(
        [sy.simulate_year(sy.Policy(agents=n), seed=3) for n in (8, 11, 14)]),
    "survey_census_size": lambda: charts.survey_census_chart(
        [sy.simulate_year(sy.Policy(agents=11, survey_size=n), seed=3) for n in (50, 200)],
        lever="survey_size"),
}
