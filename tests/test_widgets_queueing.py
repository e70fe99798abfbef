"""cxlib.widgets.queueing: the staffing and cost explorers' readouts and charts against the model.

The numbers a student reads in an explorer are recomputed here with the model functions, for
several slider positions.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from cxlib import queueing as q
from cxlib import widgets


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
    assert "<b>9 agents</b> cannot keep up with a load of 10.0 Erlangs" in ex.readout.value
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
