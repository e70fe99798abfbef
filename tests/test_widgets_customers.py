"""cxlib.widgets.CustomerExplorer: the readout and the chart agree with the model at several
slider positions."""

from __future__ import annotations

import re

import numpy as np
import pytest

from cxlib import customers as cu
from cxlib import widgets

SETTINGS = [
    {},
    {"churn": 0.05},
    {"polarisation": 0.05},
    {"polarisation": 0.3, "quality": 1.0},
    {"word_of_mouth": 0.1, "negative_word_of_mouth": 0.05, "innovation": 0.01},
    {"quality": 0.0, "churn": 0.1},
    {"word_of_mouth": 0.0},
]


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"-?\d[\d,]*\.?\d*", text)]


@pytest.mark.parametrize("moves", SETTINGS, ids=lambda m: ",".join(f"{k}={v}" for k, v in
                                                                   m.items()) or "defaults")
def test_readout_and_chart_follow_the_model(moves):
    ex = widgets.CustomerExplorer()
    for name, value in moves.items():
        ex.controls[name].value = value
    v = ex.values()
    o = cu.customer_outlook(market=10_000, periods=36, existing=2_000, margin=20.0,
                            discount=0.01, reference=0.85, **v)
    end = o.flow.at(36)
    text = ex.readout.value
    assert f"New customers' churn at this service: <b>{100 * o.churn:.1f} % a month</b>" in text
    assert f"<b>{end['existing']:,.0f}</b> customers" in text
    assert f"{end['former']:,.0f} former, {end['potential']:,.0f} still potential" in text
    assert f"worth <b>€{o.value:,.0f}</b>" in text
    if v["polarisation"] > 0:
        assert f"€{o.value_constant:,.0f}" in text
        assert f"add <b>{100 * (o.value / o.value_constant - 1):.0f} %</b>" in text
    else:
        assert o.value == pytest.approx(o.value_constant)
        assert "customers are all alike" in text
    if v["negative_word_of_mouth"] > 0 and v["word_of_mouth"] > 0:
        assert f"positive to negative word of mouth: <b>{o.talk_ratio:.1f} : 1</b>" in text
    elif v["word_of_mouth"] > 0:
        assert "No negative word of mouth." in text
    else:
        assert "Nobody talks" in text
    spec = ex.chart.to_dict()
    existing = [r["people"] for r in spec["vconcat"][0]["data"]["values"]
                if r["state"] == "existing"]
    assert np.allclose(existing, o.flow.existing)
    out = ex.output.outputs
    assert len(out) == 1 and "application/vnd.vegalite.v5+json" in out[0]["data"]
    assert ex.last_update_ms > 0


def test_sliders_move_the_numbers_the_right_way():
    ex = widgets.CustomerExplorer()

    def customers_and_value():
        nums = _numbers(re.sub(r"<[^>]+>", " ", ex.readout.value))
        return nums[2], nums[5]  # customers after 36 months, value of a new customer

    base = customers_and_value()
    assert base == (round(cu.customer_flow(
        market=10_000, periods=36, innovation=0.0025, word_of_mouth=0.032, churn=0.03,
        existing=2000).existing[36]), 505)
    ex.controls["quality"].value = 1.0
    better = customers_and_value()
    assert better[0] > base[0] and better[1] > base[1]
    ex.controls["quality"].value = 0.85
    ex.controls["negative_word_of_mouth"].value = 0.2
    assert customers_and_value()[0] < base[0]


def test_the_explorer_starts_where_the_lesson_says_and_reset_returns_there():
    ex = widgets.CustomerExplorer()
    start = {"churn": 0.03, "polarisation": 0.0, "innovation": 0.0025, "word_of_mouth": 0.032,
             "negative_word_of_mouth": 0.0, "quality": 0.85}
    assert ex.values() == start
    assert ex.controls["quality"].description == "service quality (today 0.85)"
    first = ex.readout.value
    assert "<b>3.0 % a month</b>" in first  # today's quality gives today's churn
    for name, value in {"churn": 0.06, "polarisation": 0.3, "quality": 0.2,
                        "negative_word_of_mouth": 0.1}.items():
        ex.controls[name].value = value
    assert ex.readout.value != first
    updates = []
    original = ex.update
    ex.update = lambda: (updates.append(1), original())[1]
    ex.reset_button.click()
    assert ex.values() == start and ex.readout.value == first
    assert len(updates) == 1  # one redraw, not one per slider
    assert ex.reset_button in ex.children[0].children


def test_explorer_rejects_bad_settings():
    with pytest.raises(ValueError, match="market must be a positive integer, got 0"):
        widgets.CustomerExplorer(market=0)
