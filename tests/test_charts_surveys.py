"""cxlib.charts.surveys: each chart shows the model's numbers, titled, with units, valid
Vega-Lite, and draws offline (vl-convert, Vega-Lite 5.8)."""

from __future__ import annotations

import altair as alt
import numpy as np
import pytest

from cxlib import charts, surveys

SHARES = [0.08, 0.07, 0.15, 0.40, 0.30]


def _values(spec: dict) -> list[dict]:
    """Every data row of a spec, wherever Altair put it."""
    rows = list(spec.get("data", {}).get("values", []))
    for key in ("layer", "hconcat", "vconcat"):
        for sub in spec.get(key, []):
            rows += _values(sub)
    return rows


def _validate(chart) -> dict:
    return chart.to_dict(validate=True)  # raises if the spec breaks the Vega-Lite schema


def test_score_distribution_chart_carries_the_shares():
    truth, survey = np.array(SHARES), np.array([0.12, 0.06, 0.08, 0.33, 0.41])
    spec = _validate(charts.score_distribution_chart({"truth": truth, "survey": survey},
                                                     title="Truth and survey", subtitle="s"))
    rows = spec["data"]["values"]
    assert [r["share"] for r in rows if r["series"] == "survey"] == survey.tolist()
    assert [r["score"] for r in rows if r["series"] == "truth"] == [1, 2, 3, 4, 5]
    assert spec["encoding"]["xOffset"]["field"] == "series"
    assert "(" in spec["encoding"]["x"]["title"] and "(%)" in spec["encoding"]["y"]["title"]
    assert spec["title"] == {"text": "Truth and survey", "subtitle": "s"}
    with pytest.raises(ValueError, match="series 'b' has 3 shares for 5 answers"):
        charts.score_distribution_chart({"a": SHARES, "b": [1, 0, 0]}, title="t")


def test_survey_intervals_chart_shows_estimates_intervals_and_truth():
    e = {"CSAT": surveys.csat([5, 4, 4, 3, 2, 5, 5, 1, 4, 4]),
         "top box": surveys.top_box([5, 4, 4, 3, 2, 5, 5, 1, 4, 4])}
    spec = _validate(charts.survey_intervals_chart(e, truth={"CSAT": 0.65}, title="t"))
    rows = spec["data"]["values"]
    survey = [r for r in rows if r["kind"].startswith("survey")]
    assert [(r["value"], r["low"], r["high"]) for r in survey] == [
        (v.value, v.low, v.high) for v in e.values()]
    assert [r["value"] for r in rows if r["kind"] == "truth"] == [0.65]
    bar, dots = spec["layer"]
    assert bar["mark"]["type"] == "errorbar" and bar["mark"]["ticks"] is True  # caps at both ends
    assert (bar["encoding"]["x"]["field"], bar["encoding"]["x2"]["field"]) == ("low", "high")
    # the survey a hollow (white-filled) circle, the truth a filled diamond drawn after it
    assert dots["encoding"]["fill"]["scale"]["range"][0] == "#FFFFFF"
    assert dots["encoding"]["shape"]["scale"]["range"] == ["circle", "diamond"]
    assert [r["kind"] for r in rows][-1] == "truth"
    assert "orange diamond: the truth" in spec["title"]["subtitle"]
    with pytest.raises(TypeError, match="survey_intervals_chart takes an Estimate from cxlib.surveys, got float"):
        charts.survey_intervals_chart({"x": 0.5}, title="t")


@pytest.mark.parametrize("extremity, respondents, competition", [
    (0.0, 50, 0.0), (1.5, 400, 1.0), (3.0, 2000, 0.5)])
def test_survey_comparison_chart_against_the_model(extremity, respondents, competition):
    c = surveys.survey_vs_truth(SHARES, extremity=extremity, respondents=respondents,
                                competition=competition, seed=3)
    spec = _validate(charts.survey_comparison_chart(c))
    bars, dots = spec["hconcat"]
    survey_rows = [r for r in bars["data"]["values"] if r["series"].startswith("the survey")]
    assert [r["share"] for r in survey_rows] == pytest.approx(c.survey_shares.tolist())
    assert f"({respondents} answers)" in survey_rows[0]["series"]
    dot_rows = {(r["label"], r["kind"]): r for r in dots["data"]["values"]}
    assert dot_rows[("CSAT (4 or 5)", "truth")]["value"] == pytest.approx(c.truth["csat"])
    est = c.survey["retention"]
    row = dot_rows[("predicted retention", "survey, 95 % interval")]
    assert (row["value"], row["low"], row["high"]) == pytest.approx((est.value, est.low, est.high))
    assert f"{c.response_rate:.0%}" in bars["title"]["subtitle"]
    tallest = max(c.survey_shares.max(), c.true_shares.max())
    top = bars["encoding"]["y"]["scale"]["domain"][1]
    assert top == 0.6 or (tallest <= top < tallest + 0.1)
    assert len(_values(spec)) < charts.MAX_ROWS


def test_loyalty_curves_chart_is_the_curve():
    curves = {"competitive": surveys.loyalty_curve(1.0), "sheltered": surveys.loyalty_curve(0.0)}
    spec = _validate(charts.loyalty_curves_chart(curves))
    rows = _values(spec)
    comp = [r["y"] for r in rows if r.get("series") == "competitive"]
    assert comp == list(surveys.COMPETITIVE_RETENTION)
    assert "Xerox" in spec["title"]["subtitle"]
    with pytest.raises(TypeError, match="LoyaltyCurve"):
        charts.loyalty_curves_chart({"x": [0.1, 0.2]})


def test_survivorship_chart_is_the_cohort():
    s = surveys.survivorship(SHARES, periods=4, customers=3000, seed=2)
    spec = _validate(charts.survivorship_chart(s))
    rows = _values(spec)
    csat = [r["y"] for r in rows if r.get("series") == "CSAT of current customers"]
    assert csat == pytest.approx(s.csat.tolist())
    assert "3,000" in spec["title"]["subtitle"] and "illustrative" in spec["title"]["subtitle"]
    assert spec["layer"][0]["encoding"]["x"]["title"] == "years since the cohort joined"


def test_simpson_chart_marks_the_reversal():
    t = surveys.mix_shift_example()
    r = surveys.simpson(t.satisfied, t.channel, t.year, count=t.respondents)
    spec = _validate(charts.simpson_chart(r))
    rows = spec["data"]["values"]
    overall = [x["value"] for x in rows if x["group"] == "all respondents"]
    assert overall == pytest.approx([r.overall_first, r.overall_second])
    assert spec["title"]["text"] == "Simpson's paradox: every group up, the total down"
    assert "overall -2;" in spec["title"]["subtitle"]
    assert "mix held fixed +2;" in spec["title"]["subtitle"]
    plain = surveys.simpson([80, 70, 82, 71], ["a", "b", "a", "b"], [1, 1, 2, 2])
    assert "no reversal" in _validate(charts.simpson_chart(plain))["title"]["text"]


def test_gaming_chart_shows_three_distributions():
    g = surveys.gaming(SHARES, screening=0.5, nudge=0.3, seed=1)
    spec = _validate(charts.gaming_chart(g))
    rows = spec["data"]["values"]
    agent = [r["share"] for r in rows if r["series"] == "agent-run survey"]
    assert agent == pytest.approx(g.agent_shares.tolist())
    assert f"agent-run {g.agent_shares[3:].sum():.0%}" in spec["title"]["subtitle"]


def test_builders_refuse_what_they_cannot_draw():
    for builder in (charts.survey_comparison_chart, charts.survivorship_chart,
                    charts.simpson_chart, charts.gaming_chart):
        with pytest.raises(TypeError, match="from cxlib.surveys"):
            builder([1, 2, 3])


@pytest.mark.png
def test_survey_charts_render_to_png(tmp_path):
    c = surveys.survey_vs_truth(SHARES, seed=1)
    t = surveys.mix_shift_example()
    for name, chart in (
        ("comparison", charts.survey_comparison_chart(c)),
        ("simpson", charts.simpson_chart(surveys.simpson(t.satisfied, t.channel, t.year,
                                                         count=t.respondents))),
    ):
        path = tmp_path / f"{name}.png"
        charts.to_png(chart, str(path))
        png = path.read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000, name


def test_charts_use_the_course_theme():
    charts.enable()
    spec = charts.gaming_chart(surveys.gaming(SHARES, seed=1)).to_dict()
    assert spec["config"]["range"]["category"] == charts.CATEGORY
    assert alt.renderers.active == "cxlib"


def test_survey_charts_keep_the_callers_words():
    e = {"CSAT": surveys.csat([5, 4, 4, 3, 2, 5, 5, 1, 4, 4])}
    spec = charts.survey_intervals_chart(e, title="t", subtitle="ten answers").to_dict()
    assert spec["title"]["subtitle"].startswith("ten answers; ")
    with pytest.raises(TypeError, match="^loyalty_curves_chart takes"):
        charts.loyalty_curves_chart({"x": [0.1, 0.2]})


def test_survivorship_chart_shares_run_from_0_to_1():
    s = surveys.survivorship(SHARES, periods=4, customers=3000, seed=2)
    y = _validate(charts.survivorship_chart(s))["layer"][0]["encoding"]["y"]
    assert y["scale"]["domain"] == [0, 1] and y["axis"]["format"] == ".0%"
