"""cxlib.widgets.SurveyExplorer: every slider moves the model, the chart and the readout, and
the readout says what the model computed."""

from __future__ import annotations

import re

import numpy as np
import pytest

from cxlib import surveys, widgets

SHARES = (0.08, 0.07, 0.15, 0.40, 0.30)


def _readout_percentages(text: str) -> list[int]:
    return [int(x) for x in re.findall(r"(\d+)%", text)]


@pytest.fixture()
def explorer():
    return widgets.SurveyExplorer(SHARES, seed=3)


def test_starts_with_the_model_at_the_default_settings(explorer):
    c = surveys.survey_vs_truth(SHARES, extremity=1.5, respondents=400, competition=1.0, seed=3)
    text = explorer.readout.value
    assert f"From 400 answers ({c.response_rate:.1%} of those invited answer)" in text
    assert f"CSAT <b>{c.survey['csat'].value:.1%}</b>" in text
    assert f"against a true {c.truth['csat']:.1%}" in text
    assert f"the true customer base keeps <b>{c.truth['retention']:.1%}</b>" in text
    out = explorer.output.outputs
    assert len(out) == 1 and "application/vnd.vegalite.v5+json" in out[0]["data"]
    assert explorer.last_update_ms > 0


@pytest.mark.parametrize("control, values", [
    ("extremity", [0.0, 0.8, 2.2, 3.0]),
    ("respondents", [20, 150, 990, 2000]),
    ("competition", [0.0, 0.35, 0.7, 1.0]),
])
def test_each_slider_moves_the_model_chart_and_readout(explorer, control, values):
    seen = set()
    for value in values:
        explorer.controls[control].value = value
        settings = explorer.values()
        c = surveys.survey_vs_truth(SHARES, seed=3, **settings)
        spec = explorer.chart.to_dict()
        bars, dots = spec["hconcat"]
        survey_rows = [r for r in bars["data"]["values"] if r["series"].startswith("the survey")]
        assert [r["share"] for r in survey_rows] == pytest.approx(c.survey_shares.tolist())
        retention = next(r for r in dots["data"]["values"]
                         if r["label"] == "predicted retention" and r["kind"] == "truth")
        assert retention["value"] == pytest.approx(c.truth["retention"])
        text = explorer.readout.value
        assert f"CSAT <b>{c.survey['csat'].value:.1%}</b>" in text
        assert f"Predicted retention <b>{c.survey['retention'].value:.1%}</b>" in text
        # the bars' axis stays put while the slider moves (60 % unless a bar is taller)
        assert bars["encoding"]["y"]["scale"]["domain"] == [0, 0.6]
        seen.add(text)
    assert len(seen) == len(values), f"the readout did not change with {control}"


def test_response_bias_slider_shows_the_bias(explorer):
    explorer.controls["extremity"].value = 0.0
    none = surveys.survey_vs_truth(SHARES, extremity=0.0, respondents=400, seed=3)
    explorer.controls["extremity"].value = 3.0
    strong = surveys.survey_vs_truth(SHARES, extremity=3.0, respondents=400, seed=3)
    assert abs(none.expected["top_box"] - none.truth["top_box"]) < 1e-12
    assert strong.expected["top_box"] - strong.truth["top_box"] > 0.15
    assert f"top box <b>{strong.survey['top_box'].value:.1%}</b>" in explorer.readout.value


def test_more_answers_narrow_the_intervals(explorer):
    widths = []
    for n in (50, 2000):
        explorer.controls["respondents"].value = n
        dots = explorer.chart.to_dict()["hconcat"][1]
        row = next(r for r in dots["data"]["values"] if r["label"] == "CSAT (4 or 5)"
                   and r["kind"] != "truth")
        widths.append(row["high"] - row["low"])
    assert widths[1] < widths[0] / 4


def test_first_slider_changes_readout_and_chart_at_one_step(explorer):
    """The browser suite presses the right arrow once on the first slider: both must change."""
    first = next(iter(explorer.controls))
    before = (explorer.readout.value, explorer.chart.to_json())
    control = explorer.controls[first]
    control.value = control.value + control.step
    assert explorer.readout.value != before[0]
    assert explorer.chart.to_json() != before[1]


def test_a_narrow_interval_still_reads_as_an_interval(explorer):
    """In a sheltered market the predicted retention's interval is under a point wide."""
    explorer.controls["competition"].value = 0.0
    explorer.controls["extremity"].value = 0.0
    c = surveys.survey_vs_truth(SHARES, seed=3, **explorer.values())
    e = c.survey["retention"]
    assert e.high - e.low < 0.01
    assert f"Predicted retention <b>{e.value:.1%}</b> ({e.low:.1%} to {e.high:.1%})" in (
        explorer.readout.value)
    assert f"{e.low:.1%}" != f"{e.high:.1%}"


def test_rejects_bad_shares():
    with pytest.raises(ValueError) as err:
        widgets.SurveyExplorer([0.5, 0.5])
    assert str(err.value) == "shares must have one value per answer 1 to 5 (5 values), got 2"
