"""cxlib.charts.queueing: what the staffing, cost and intraday charts show, read from the spec.

Pixels are checked in the browser suite; here the Vega-Lite spec is read: the data points
against the model, the goal lines, the chosen markers, the titles and the units.
"""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import charts
from cxlib import queueing as q


def _layers(spec):
    return spec["layer"]


def _rules_y(spec):
    return [v["y"] for layer in _layers(spec) if layer["mark"]["type"] == "rule"
            and "y" in layer.get("encoding", {}) for v in layer["data"]["values"]]


def _points(spec, series=None):
    line = _layers(spec)[0]
    return [(v["x"], v["y"]) for v in line["data"]["values"]
            if series is None or v["series"] == series]


@pytest.mark.parametrize("goal, chosen", [(0.8, 14), (0.9, 12), (0.5, 17)])
def test_staffing_chart_draws_the_model_the_goal_and_the_choice(goal, chosen):
    curve = q.staffing_curve(100 / 1800, 180, 20, around=chosen)
    spec = charts.staffing_curve_chart(curve.agents, {"Erlang C": curve.service_level},
                                       goal=goal, chosen=chosen, target_seconds=20).to_dict()
    got = _points(spec, "Erlang C")
    assert [x for x, _ in got] == curve.agents.tolist()
    assert [y for _, y in got] == pytest.approx(curve.service_level.tolist(), rel=1e-12)
    assert _rules_y(spec) == [goal]
    labels = [v["label"] for layer in _layers(spec) if layer["mark"]["type"] == "text"
              for v in layer["data"]["values"]]
    assert f"goal {goal:.0%}" in labels and f"{chosen} agents" in labels
    chosen_rule = [v["x"] for layer in _layers(spec) if layer["mark"]["type"] == "rule"
                   and "x" in layer["encoding"] for v in layer["data"]["values"]]
    assert chosen_rule == [chosen]
    assert spec["title"]["text"] == "Share of callers answered within 20 s, by number of agents"
    assert _layers(spec)[0]["encoding"]["y"]["scale"]["domain"] == [0, 1]
    assert "(people)" in _layers(spec)[0]["encoding"]["x"]["title"]


def test_cost_chart_draws_each_cost_and_marks_the_cheapest_and_the_rule():
    best = q.optimal_staffing(200, 0.05, agent_cost=30, wait_cost=60)
    spec = charts.cost_curve_chart(best, goal_agents=15, goal_label="80/20").to_dict()
    for name, values in (("agents", best.curve_agent_cost), ("waiting", best.curve_wait_cost),
                         ("total", best.curve_total)):
        got = _points(spec, name)
        finite = np.isfinite(values)
        assert [x for x, _ in got] == pytest.approx(best.curve_agents.astype(float).tolist())
        assert [y for (_, y), f in zip(got, finite) if f] == pytest.approx(values[finite].tolist())
    marker = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "point")
    assert marker["data"]["values"] == [{"x": best.agents, "y": pytest.approx(best.cost)}]
    rule = next(layer for layer in _layers(spec) if layer["mark"]["type"] == "rule")
    assert rule["data"]["values"][0]["x"] == 15
    assert spec["title"]["text"] == f"The cheapest staffing: {best.agents} agents"
    assert "€ per hour" in _layers(spec)[0]["encoding"]["y"]["title"]


def test_intraday_chart_shows_load_rosters_and_service_level_on_one_clock():
    start = np.arange(4) * 1800.0
    load = [5.0, 10.0, 15.0, 7.5]
    rosters = {"matched": [7, 12, 17, 10], "flat": [12, 12, 12, 12]}
    levels = {"matched": [0.85, 0.82, 0.81, 0.9], "flat": [1.0, 0.8, 0.2, 0.95]}
    spec = charts.intraday_chart(start, load, rosters, levels, goal=0.8).to_dict()
    top, bottom = spec["vconcat"]
    bars = top["layer"][0]
    assert [b["load"] for b in bars["data"]["values"]] == load
    assert [b["start"][11:16] for b in bars["data"]["values"]] == ["08:00", "08:30", "09:00",
                                                                   "09:30"]
    # One y axis for the load and the agents (no second, independent axis).
    assert "resolve" not in top and "(people)" in bars["encoding"]["y"]["title"]
    staff = top["layer"][1]
    assert staff["mark"]["interpolate"] == "step-after"
    flat = [v for v in staff["data"]["values"] if v["roster"] == "flat"]
    # Steps start on the interval edges, 08:00 to 10:00, the last repeated to the close.
    assert [v["t"][11:16] for v in flat] == ["08:00", "08:30", "09:00", "09:30", "10:00"]
    assert [v["value"] for v in flat] == [12, 12, 12, 12, 12]
    sl = next(layer for layer in bottom["layer"] if layer["mark"]["type"] == "line")
    assert [v["value"] for v in sl["data"]["values"] if v["roster"] == "flat"] == (
        levels["flat"] + levels["flat"][-1:])
    # Both panels share the same time domain, so their axes line up.
    assert (bars["encoding"]["x"]["scale"]["domain"] == sl["encoding"]["x"]["scale"]["domain"]
            == ["2000-01-03T08:00:00", "2000-01-03T10:00:00"])
    goal = [layer for layer in bottom["layer"] if layer["mark"]["type"] in ("rule", "text")]
    assert goal[0]["data"]["values"][0]["y"] == 0.8
    assert goal[1]["data"]["values"][0]["label"] == "goal 80%"
    with pytest.raises(ValueError) as err:
        charts.intraday_chart(start, load, rosters, {"matched": [0.8] * 4})
    assert str(err.value) == "agents and service_level must name the same rosters"


def test_every_queueing_chart_says_what_it_shows():
    """Text alternatives (WCAG 1.1.1): each builder writes one with the point the chart makes."""
    from cxlib import data

    curve = q.staffing_curve(100 / 1800, 180, 20)
    staffing = charts.staffing_curve_chart(curve.agents, curve.service_level, chosen=14,
                                           target_seconds=20).to_dict()
    assert staffing["description"].endswith(
        f"14 agents answer {q.service_level(100 / 1800, 180, 14, 20):.0%} within 20 s; "
        "the goal is 80%.")
    best = q.optimal_staffing(200, 0.05, 30, 60)
    cost = charts.cost_curve_chart(best, goal_agents=14, goal_label="80/20").to_dict()
    assert f"the cheapest is {best.agents} agents at €{best.cost:,.0f} per hour" in (
        cost["description"])
    counts = data.arrivals_per_interval(data.morning_call_log(seed=1), 1800)
    arrivals = charts.arrivals_chart(counts).to_dict()
    assert f"with {int(counts.count.max())} arrivals" in arrivals["description"]
    day = charts.intraday_chart([0, 1800], [5.0, 9.0], {"a": [7, 11]}, {"a": [0.9, 0.7]})
    assert "the lowest interval is 70% for a" in day.to_dict()["description"]


def test_the_renderer_adds_a_text_alternative_to_any_chart():
    import altair as alt

    charts.enable()
    plain = alt.Chart(charts.table(x=[1, 2], y=[3, 4])).mark_bar().encode(x="x:Q", y="y:Q")
    bundle, metadata = alt.renderers.get()(plain.to_dict())
    # no "…" menu over a student's chart
    assert metadata["application/vnd.vegalite.v5+json"]["embed_options"]["actions"] is False
    spec = bundle["application/vnd.vegalite.v5+json"]
    assert spec["description"] == "Bar chart of y against x; x from 1 to 2; y from 3 to 4."
    table = charts.to_table(plain)
    assert table.to_dict("list") == {"x": [1, 2], "y": [3, 4]}


def test_staffing_chart_of_one_curve_names_it_plainly_and_reads_in_percent():
    curve = q.staffing_curve(100 / 1800, 180, 20)
    spec = charts.staffing_curve_chart(curve.agents, curve.service_level, target_seconds=20)
    spec = spec.to_dict()
    line = _layers(spec)[0]
    assert {v["series"] for v in line["data"]["values"]} == {"service level"}
    # The text alternative names the curves only when there are two or more to tell apart.
    assert spec["description"].startswith(
        f"Line chart of the service level against the number of agents, "
        f"{curve.agents.min()} to {curve.agents.max()} agents; ")
    assert line["encoding"]["y"]["axis"]["format"] == ".0%"
    two = charts.staffing_curve_chart(curve.agents, {"Erlang C": curve.service_level,
                                                     "other": curve.service_level}).to_dict()
    assert f"{curve.agents.max()} agents, by Erlang C, other; " in two["description"]


def test_cost_chart_states_the_cheapest_cost_and_fits_the_curves():
    best = q.optimal_staffing(200, 0.05, agent_cost=30, wait_cost=60)
    spec = charts.cost_curve_chart(best, per="hour").to_dict()
    assert spec["title"]["subtitle"] == (
        f"lowest total cost €{best.cost:,.0f} per hour ({best.model})")
    drawn = [y for _, y in _points(spec) if y is not None]
    low, high = _layers(spec)[0]["encoding"]["y"]["scale"]["domain"]
    # The plotted curves fill the panel: the top sits just above the tallest point shown.
    assert low == 0 and max(drawn) <= high <= 1.1 * max(drawn)


def test_intraday_chart_of_one_interval_and_its_tooltips():
    """One interval has no spacing to measure: the chart takes half an hour, not NaN."""
    spec = charts.intraday_chart([0.0], [5.0], {"a": [7]}, {"a": [0.9]}).to_dict()
    bars = spec["vconcat"][0]["layer"][0]
    assert bars["encoding"]["x"]["scale"]["domain"] == ["2000-01-03T08:00:00",
                                                        "2000-01-03T08:30:00"]
    tips = {t["field"]: t.get("title") for t in bars["encoding"]["tooltip"]}
    assert tips["load"] == "load (Erlangs)"


def test_to_table_reads_a_chart_or_its_spec():
    import altair as alt

    plain = alt.Chart(charts.table(x=[1, 2], y=[3, 4])).mark_bar().encode(x="x:Q", y="y:Q")
    assert charts.to_table(plain.to_dict()).equals(charts.to_table(plain))


def test_goal_lines_are_dashed_and_labelled_just_above_the_line():
    rule, text = (layer.to_dict() for layer in charts.goal_lines({"goal 80%": 0.8}))
    assert rule["mark"]["type"] == "rule" and len(rule["mark"]["strokeDash"]) == 2
    assert rule["data"]["values"] == [{"y": 0.8, "label": "goal 80%"}]
    # Above the line (a negative dy), close enough to read as its label, clear of the stroke.
    assert -12 <= text["mark"]["dy"] <= -5 and text["encoding"]["text"]["field"] == "label"
