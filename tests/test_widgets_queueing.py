"""cxlib.widgets.queueing: the staffing and cost explorers' readouts and charts against the model.

The numbers a student reads in an explorer are recomputed here with the model functions, for
several slider positions.
"""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from cxlib import data, widgets
from cxlib import queueing as q
from cxlib.data import CHANNELS


def _numbers(html):
    return [float(x.replace(",", "")) for x in re.findall(r"<b>[^0-9<]*([0-9][0-9,.]*)", html)]


@pytest.mark.parametrize("calls, aht, agents, target, patience", [
    (200, 180, 14, 20, 300), (600, 240, 45, 30, 120), (100, 300, 10, 60, 600),
])
def test_staffing_readout_is_the_model(calls, aht, agents, target, patience):
    ex = widgets.StaffingExplorer(calls_per_hour=calls, aht_seconds=aht, agents=agents,
                                  target_seconds=target, patience_seconds=patience)
    rate = calls / 3600
    sl = q.service_level(rate, aht, agents, target)
    occ = q.occupancy(rate, aht, agents)
    a = q.erlang_a(rate, aht, agents, patience)
    html = ex.readout.value
    assert f"<b>{agents} agents</b>" in html
    assert f"<b>{sl:.0%}</b> answered within {target} s" in html
    assert f"agents busy <b>{occ:.0%}</b>" in html
    assert f"<b>{a.p_abandon:.1%}</b> hang up" in html
    assert f"<b>{a.service_level(target):.0%}</b> of all callers" in html
    spec = ex.chart.to_dict()
    goal = [v["y"] for layer in spec["layer"] if layer["mark"]["type"] == "rule"
            and "y" in layer["encoding"] for v in layer["data"]["values"]]
    assert goal == [0.8]
    marked = [v["x"] for layer in spec["layer"] if layer["mark"]["type"] == "rule"
              and "x" in layer["encoding"] for v in layer["data"]["values"]]
    assert marked == [agents]


def test_staffing_readout_when_the_team_cannot_keep_up():
    ex = widgets.StaffingExplorer(calls_per_hour=200, aht_seconds=180, agents=9)
    assert ("<b>9 agents</b> cannot keep up with a load of 10.0 Erlangs: if nobody hung up, the "
            "queue would grow without limit.<br>") in ex.readout.value
    ex.controls["agents"].value = 1
    assert "<b>1 agent</b> cannot keep up" in ex.readout.value


def test_staffing_slider_reaches_the_largest_load_the_other_sliders_allow():
    ex = widgets.StaffingExplorer()
    c = ex.controls
    biggest = q.staffing_curve(c["calls_per_hour"].max / 3600, c["aht_seconds"].max,
                               c["target_seconds"].min)
    assert c["agents"].max >= biggest.agents[-1]
    assert c["agents"].max >= q.agents_needed(c["calls_per_hour"].max / 3600,
                                              c["aht_seconds"].max, c["target_seconds"].min, 0.8)


def test_arrivals_readout_counts_the_contacts_of_the_channel_shown():
    log = data.morning_call_log(seed=2024)
    ex = widgets.ArrivalsExplorer(log)
    # every contact in the log, and no channel named when all of them are shown
    assert ex.readout.value.startswith(f"<b>{len(log.arrival_time)}</b> contacts; busiest ")
    for channel in CHANNELS:
        ex.controls["channel"].value = channel
        n = int(np.sum(log.channel == channel))
        assert ex.readout.value.startswith(f"<b>{n}</b> {channel} contacts; busiest ")


def test_staffing_starts_as_lesson_04_builds_it_with_section_6s_patience():
    # Lesson 04: StaffingExplorer(calls_per_hour=200, aht_seconds=180, agents=14,
    # target_seconds=20); section 6 assumes "a mean patience of 5 minutes" (patience = 300.0).
    ex = widgets.StaffingExplorer(calls_per_hour=200, aht_seconds=180, agents=14,
                                  target_seconds=20)
    assert ex.values() == {"calls_per_hour": 200, "aht_seconds": 180, "agents": 14,
                           "target_seconds": 20, "patience_seconds": 300}
    a = q.erlang_a(200 / 3600, 180, 14, 300.0)
    assert f"<b>{a.p_abandon:.1%}</b> hang up" in ex.readout.value
    spec = json.dumps(ex.chart.to_dict())
    assert "Erlang A: callers hang up after 5.0 min on average" in spec


@pytest.mark.parametrize("agents", [11, 12, 14])
def test_staffing_wait_reads_in_seconds_below_two_minutes_and_in_minutes_above(agents):
    ex = widgets.StaffingExplorer(calls_per_hour=200, aht_seconds=180, agents=agents)
    asa = q.average_speed_of_answer(200 / 3600, 180, agents)
    wait = f"{asa:.0f} s" if asa < 120 else f"{asa / 60:.1f} min"
    assert (asa >= 120) == (agents == 11)
    assert f"average wait <b>{wait}</b>" in ex.readout.value


def test_cost_explorer_finds_the_cheapest_team_at_the_sliders_extremes():
    # Cheap agents, costly waiting and hang-ups, impatient callers: the cheapest team for
    # lesson 04's load (10 Erlangs) is then twice the load. The explorer's answer must be the
    # model's over every team size, not only over the agents its chart shows.
    ex = widgets.CostExplorer(calls_per_hour=200, aht_seconds=180)
    every = np.arange(1, 61)
    for wait_cost in (0, 600):
        settings = {"agent_cost": 5, "wait_cost": wait_cost, "abandon_cost": 50,
                    "patience_seconds": 30}
        for name, value in settings.items():
            ex.controls[name].value = value
        best = q.optimal_staffing(200, 180 / 3600, 5, wait_cost, patience=30 / 3600,
                                  abandon_cost=50, agents=every)
        assert best.agents >= 20
        assert f"The cheapest staffing is <b>{best.agents} agents</b>" in ex.readout.value


def test_cost_chart_tells_waiting_from_total():
    ex = widgets.CostExplorer()
    colors = {}
    for layer in ex.chart.to_dict()["layer"]:
        scale = layer.get("encoding", {}).get("color", {}).get("scale", {})
        colors.update(dict(zip(scale.get("domain", []), scale.get("range", []))))
    assert colors["total"] == "#000000" and colors["waiting"] != colors["total"]


@pytest.mark.parametrize("agent_cost, wait_cost, abandon_cost, patience", [
    (30, 60, 0, 0), (30, 300, 0, 0), (20, 30, 0, 0), (30, 60, 10, 180),
])
def test_cost_readout_is_the_model_and_compares_with_80_20(agent_cost, wait_cost, abandon_cost,
                                                            patience):
    ex = widgets.CostExplorer(calls_per_hour=200, aht_seconds=180, agent_cost=agent_cost,
                              wait_cost=wait_cost, abandon_cost=abandon_cost,
                              patience_seconds=patience)
    rate, aht_h = 200.0, 180 / 3600
    # 80/20 in seconds, computed afresh: by Erlang A when callers hang up, else Erlang C.
    rule = q.agents_needed(rate / 3600, 180, 20, 0.8, patience=patience or None)
    assert ex.rule_agents == rule
    best = q.optimal_staffing(rate, aht_h, agent_cost, wait_cost,
                              patience=patience / 3600 if patience else None,
                              abandon_cost=abandon_cost if patience else 0.0,
                              agents=ex.agents_range)
    html = ex.readout.value
    spec = ex.chart.to_dict()
    assert f"<b>{best.agents} agents</b>" in html
    assert f"€{best.cost:,.0f} per hour" in html
    model = "Erlang A" if patience else "Erlang C"
    if best.agents != rule:
        gap = float(best.curve_total[best.curve_agents == rule][0]) - best.cost
        assert f"against {rule} for 80/20 (by {model})" in html
        assert f"€{gap:,.0f} per hour more" in html
    rule_line = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "rule")
    assert rule_line["data"]["values"][0]["x"] == rule
    marker = next(layer for layer in spec["layer"] if layer["mark"]["type"] == "point")
    assert marker["data"]["values"][0]["x"] == best.agents


def test_every_update_is_timed():
    ex = widgets.StaffingExplorer()
    ex.controls["agents"].value = 16
    assert 0 < ex.last_update_ms < 10_000 and np.isfinite(ex.last_update_ms)
