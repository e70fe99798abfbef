"""cxlib.charts.system: each builder's spec carries the year's numbers (checked against
cxlib.system.simulate_year and staffing_profit called here), says what it promises in titles
and text alternatives, validates against the Vega-Lite schema, and renders offline."""

from __future__ import annotations

import json

import numpy as np
import pytest

from cxlib import charts
from cxlib import system as sy


@pytest.fixture(scope="module")
def year():
    return sy.simulate_year(sy.Policy(agents=11, approval_limit=50), seed=7)


@pytest.fixture(scope="module")
def staffing():
    return sy.staffing_profit(range(7, 19), seed=7, progress=False)


def _rows(spec, part=None):
    """The chart's table (data go in the top-level datasets), optionally one part of it."""
    rows = spec["datasets"][spec["data"]["name"]]
    return [r for r in rows if part is None or r["part"] == part]


def _series(rows, name):
    return [r["y"] for r in rows if r["series"] == name]


def test_year_chart_carries_every_panel_of_the_year(year):
    spec = charts.year_chart(year).to_dict()  # validates against the Vega-Lite schema
    assert spec["columns"] == 2 and len(spec["concat"]) == 4
    assert [r["y"] for r in _rows(spec, "customers")] == pytest.approx(year.customers.tolist())
    service = _rows(spec, "service")
    assert _series(service, "answered within 20 s") == pytest.approx(year.service_level.tolist())
    assert _series(service, "hung up") == pytest.approx(year.abandoned.tolist())
    assert [r["y"] for r in _rows(spec, "goal")] == [0.8]
    census = _rows(spec, "census")
    assert [r["y"] for r in census] == pytest.approx(year.true_csat.tolist())
    survey = _rows(spec, "survey")
    assert [r["week"] for r in survey] == year.survey_week.tolist()
    assert [r["y"] for r in survey] == pytest.approx(year.surveyed_csat.tolist())
    assert [r["low"] for r in survey] == pytest.approx(year.surveyed_low.tolist())
    assert [r["high"] for r in survey] == pytest.approx(year.surveyed_high.tolist())
    profit = _rows(spec, "profit")
    assert _series(profit, "profit") == pytest.approx((year.profit / 1000).tolist())
    costs = year.agent_cost + year.recovery_cost + year.training_cost
    assert _series(profit, "wages, recovery and training") == pytest.approx(
        (costs / 1000).tolist())
    assert spec["title"]["text"] == ("A year of 11 agents, approval limit $50, training $0, "
                                     "third-party survey of 400")
    assert len(_rows(spec)) == 52 * 7 + 1 + 13  # 1 + 2 + 1 + 3 weekly series, goal, months


@pytest.mark.parametrize("builder", [charts.year_chart, charts.customer_base_chart,
                                     charts.service_level_chart, charts.satisfaction_chart,
                                     charts.profit_chart])
def test_specs_are_strict_json(year, builder):
    """No NaN anywhere: the panels' table has gaps (a column one part lacks), sent as null."""
    json.dumps(builder(year).to_dict(), allow_nan=False)


def test_each_panel_names_its_numbers(year):
    spec = charts.year_chart(year).to_dict()
    subtitles = {p["title"]["text"]: p["title"]["subtitle"] for p in spec["concat"]}
    change = year.customers[-1] / year.business.customers - 1
    assert subtitles["Customers"] == (f"100,000 at the start, {year.customers[-1]:,.0f} at the "
                                      f"end ({change:+.1%})")
    assert subtitles["Service level"] == (f"{year.service_level.mean():.0%} answered in time on "
                                          f"average, {year.abandoned.mean():.1%} hung up")
    gap = year.surveyed_csat.mean() - year.true_csat[year.survey_week - 1].mean()
    assert subtitles["Satisfaction: census against survey"] == (
        f"the third-party survey reads {100 * gap:+.1f} points, the year's mean")
    assert f"value created ${year.value_created / 1e6:,.2f}M" in subtitles["Profit"]
    assert spec["description"].startswith("A year under this policy.")
    assert f"{year.true_csat[-1]:.0%}" in spec["description"]


@pytest.mark.parametrize("builder, title, y_title", [
    (charts.customer_base_chart, "Customers", "customers (people)"),
    (charts.service_level_chart, "Service level", "share of callers (%)"),
    (charts.satisfaction_chart, "Satisfaction: census against survey",
     "CSAT (share with 4 or 5)"),
    (charts.profit_chart, "Profit", "money per week ($ thousands)"),
])
def test_each_panel_stands_alone(year, builder, title, y_title):
    spec = builder(year).to_dict()
    assert spec["title"]["text"] == title and spec["description"]
    first = spec["layer"][0] if "layer" in spec else spec
    assert first["encoding"]["y"]["title"] == y_title
    assert first["encoding"]["x"]["title"] == "week (of the year)"
    assert len(_rows(spec)) >= 52


def test_satisfaction_axis_holds_every_interval(year):
    spec = charts.satisfaction_chart(year).to_dict()
    low, high = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert low <= min(year.surveyed_low.min(), year.true_csat.min()) and high == 1.0


def test_staffing_profit_chart_marks_the_three_answers(staffing):
    spec = charts.staffing_profit_chart(staffing).to_dict()
    top, bottom = spec["vconcat"]
    line = top["layer"][0]["data"]
    rows = spec["datasets"][line["name"]]
    assert [r["agents"] for r in rows] == staffing.agents.tolist()
    assert [r["y"] for r in rows] == pytest.approx((staffing.value_created / 1e6).tolist(),
                                                   abs=1e-6)
    profit = spec["datasets"][bottom["layer"][0]["data"]["name"]]
    assert [r["y"] for r in profit] == pytest.approx((staffing.total_profit / 1e6).tolist(),
                                                     abs=1e-6)
    rules = spec["datasets"][top["layer"][1]["data"]["name"]]
    assert [r["x"] for r in rules] == [staffing.best, staffing.rule_8020, staffing.cheapest]
    assert [r["answer"] for r in rules] == [
        f"most value: {staffing.best}", f"80/20 (Erlang A): {staffing.rule_8020}",
        f"cheapest roster: {staffing.cheapest}"]
    dot = spec["datasets"][top["layer"][2]["data"]["name"]][0]
    assert dot["agents"] == staffing.best
    assert dot["y"] == pytest.approx(staffing.value_created.max() / 1e6)
    assert spec["title"]["subtitle"] == (
        f"most value at {staffing.best}; 80/20 asks for {staffing.rule_8020}; the contact "
        f"centre's cheapest roster is {staffing.cheapest}")
    gap = (staffing.value_created.max()
           - staffing.value_created[staffing.agents == staffing.rule_8020][0]) / 1e6
    assert f"80/20 ${gap:,.2f}M less" in spec["description"]
    assert top["layer"][0]["encoding"]["y"]["title"] == "value created ($ millions)"


def test_scenarios_chart_draws_each_policy(year):
    years = {"11 agents": year, "15 agents": sy.simulate_year(sy.Policy(agents=15), seed=7)}
    spec = charts.scenarios_chart(years, measure="true_csat").to_dict()
    data = spec["layer"][0].get("data") or spec["data"]
    rows = data["values"] if "values" in data else spec["datasets"][data["name"]]
    for name, y in years.items():
        assert [r["y"] for r in rows if r["series"] == name] == pytest.approx(
            y.true_csat.tolist())
    assert spec["title"]["text"] == "Satisfaction of all current customers, week by week"
    low, high = spec["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert low <= min(y.true_csat.min() for y in years.values()) and high == 1.0
    assert f"15 agents: {years['15 agents'].true_csat[-1]:.0%}" in spec["description"]
    customers = charts.scenarios_chart(years).to_dict()
    assert customers["layer"][0]["encoding"]["y"]["title"] == "customers (people)"
    low, high = customers["layer"][0]["encoding"]["y"]["scale"]["domain"]
    ends = [y.customers for y in years.values()]
    assert 0 < low <= min(c.min() for c in ends) and high >= max(c.max() for c in ends)
    assert high - low < 0.2 * high  # round numbers around the lines, not from zero


def test_survey_census_chart_puts_the_survey_against_the_census():
    years = [sy.simulate_year(sy.Policy(agents=n), seed=3) for n in (8, 11, 14)]
    spec = charts.survey_census_chart(years).to_dict()
    dots, lines = spec["layer"]
    months = dots["data"]["values"] if "values" in dots["data"] else \
        spec["datasets"][dots["data"]["name"]]
    assert len(months) == 3 * 13
    rows = spec["datasets"][lines["data"]["name"]]
    census = [r["y"] for r in rows if r["series"] == "census, year's mean"]
    survey = [r["y"] for r in rows if r["series"] == "survey, year's mean"]
    assert census == pytest.approx([y.true_csat.mean() for y in years])
    assert survey == pytest.approx([y.surveyed_csat.mean() for y in years])
    moved = 100 * (years[-1].true_csat.mean() - years[0].true_csat.mean())
    assert f"census {moved:+.1f} points" in spec["title"]["subtitle"]


@pytest.mark.parametrize("call, error, message", [
    (lambda: charts.year_chart({"agents": 12}), TypeError,
     "year_chart takes a SystemYear from cxlib.system, got dict"),
    (lambda: charts.staffing_profit_chart([1, 2]), TypeError,
     "staffing_profit_chart takes a StaffingProfit from cxlib.system, got list"),
    (lambda: charts.scenarios_chart({"a": sy.simulate_year(sy.Policy(), seed=1)},
                                    measure="csat"), ValueError,
     "measure must be one of 'customers', 'service_level', 'abandoned', 'true_csat', "
     "'profit', got 'csat'"),
    (lambda: charts.scenarios_chart({}), ValueError,
     "years needs at least one named SystemYear"),
    (lambda: charts.survey_census_chart([sy.simulate_year(sy.Policy(), seed=1)], lever="seed"),
     ValueError, "lever must be 'agents', 'approval_limit', 'fcr_training' or 'survey_size', "
                 "got 'seed'"),
])
def test_bad_input_is_named(call, error, message):
    with pytest.raises(error) as err:
        call()
    assert str(err.value) == message


@pytest.mark.png
def test_the_dashboard_renders_offline(tmp_path, year):
    path = charts.to_png(charts.year_chart(year), str(tmp_path / "year.png"))
    png = (tmp_path / "year.png").read_bytes()
    assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 20_000, path


@pytest.mark.parametrize("lever, values, unit", [
    ("agents", (9, 13), "(people)"),
    ("approval_limit", (0.0, 100.0), "(money)"),
    ("fcr_training", (0.0, 50_000.0), "(money a year)"),
    ("survey_size", (60, 240), "(people)"),
])
def test_survey_census_chart_takes_each_lever_and_states_both_moves(lever, values, unit):
    years = [sy.simulate_year(sy.Policy(**{lever: v}), seed=3) for v in values]
    spec = charts.survey_census_chart(years, lever=lever).to_dict()
    assert spec["layer"][1]["encoding"]["x"]["title"].endswith(unit)
    census = 100 * (years[1].true_csat.mean() - years[0].true_csat.mean())
    survey = 100 * (years[1].surveyed_csat.mean() - years[0].surveyed_csat.mean())
    assert spec["title"]["subtitle"].startswith(
        f"year means from {values[0]:g} to {values[1]:g}: census {census:+.1f} points, "
        f"survey {survey:+.1f};")
    assert f"the census moves {census:+.1f} points and the survey {survey:+.1f};" in (
        spec["description"])


def test_staffing_profit_chart_labels_the_answers_once(staffing):
    spec = charts.staffing_profit_chart(staffing).to_dict()
    texts = [layer for panel in spec["vconcat"] for layer in panel["layer"]
             if layer["mark"]["type"] == "text"]
    assert len(texts) == 1  # in the top panel, over the value curve
    assert len(spec["vconcat"][1]["layer"]) == 2  # profit: its line and the three rules


def test_scenarios_chart_keeps_the_callers_subtitle(year):
    spec = charts.scenarios_chart({"11 agents": year}, subtitle="one roster").to_dict()
    assert spec["title"]["subtitle"] == "one roster"
