"""cxlib.charts.customers: each chart's data against the model, its titles and its units."""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import charts, data
from cxlib import customers as cu

FLOW = dict(market=10_000, periods=36, innovation=0.0025, word_of_mouth=0.032, churn=0.03,
            negative_word_of_mouth=0.01, polarisation=0.1, existing=2000)


def _layers(spec):
    return spec["layer"] if "layer" in spec else [spec]


def _rows(layer):
    return layer["data"]["values"]


def _has_unit(title):
    return "(" in title and title.endswith(")")


def test_customer_flow_chart_stacks_the_models_numbers():
    flow = cu.customer_flow(**FLOW)
    spec = charts.customer_flow_chart(flow).to_dict()  # validated against the schema
    rows = _rows(spec)
    assert len(rows) == 3 * 37
    for state in ("potential", "existing", "former"):
        got = np.array([r["people"] for r in rows if r["state"] == state])
        assert np.allclose(got, getattr(flow, state))
    assert spec["mark"]["type"] == "area" and spec["encoding"]["y"]["stack"] == "zero"
    assert spec["title"]["text"] == "Potential, existing and former customers over 36 months"
    assert spec["title"]["subtitle"] == "a market of 10,000 people; expected numbers"
    assert spec["encoding"]["x"]["title"] == "time (months)"
    assert spec["encoding"]["y"]["title"] == "people (count)"
    assert spec["encoding"]["color"]["scale"]["range"] == [charts.STATE_COLORS[s] for s in
                                                           ("existing", "former", "potential")]
    assert len(set(charts.STATE_COLORS.values())) == 3


def test_customer_flow_chart_as_lines_compares_the_states():
    flow = cu.customer_flow(**FLOW)
    spec = charts.customer_flow_chart(flow, stack=False).to_dict()
    assert spec["mark"]["type"] == "line" and spec["encoding"]["y"].get("stack") is None
    for state in ("potential", "existing", "former"):
        got = np.array([r["people"] for r in _rows(spec) if r["state"] == state])
        assert np.allclose(got, getattr(flow, state))  # each from zero, not stacked


def test_customer_flow_chart_of_a_simulation_shows_its_average():
    sim = cu.simulate_customer_flow(**FLOW, replications=30, seed=2)
    spec = charts.customer_flow_chart(sim, time_unit="year").to_dict()
    got = np.array([r["people"] for r in _rows(spec) if r["state"] == "existing"])
    assert np.allclose(got, sim.mean("existing"))
    assert "average of 30 simulated runs" in spec["title"]["subtitle"]
    assert spec["encoding"]["x"]["title"] == "time (years)"
    with pytest.raises(TypeError, match="customer_flow"):
        charts.customer_flow_chart({"existing": [1, 2]})


def test_flow_band_chart_draws_the_band_and_both_lines():
    flow = cu.customer_flow(**FLOW)
    sim = cu.simulate_customer_flow(**FLOW, replications=40, seed=9)
    spec = charts.flow_band_chart(sim, expected=flow, coverage=0.8).to_dict()
    band, edges, mean_line, dots = spec["layer"]
    low, high = sim.band("existing", 0.8)
    assert np.allclose([r["low"] for r in _rows(band)], low)
    assert np.allclose([r["high"] for r in _rows(band)], high)
    assert np.allclose([r["y"] for r in _rows(edges) if r["edge"] == "high"], high)
    mean = [r["y"] for r in _rows(mean_line) if r["curve"].startswith("mean")]
    det = [r["y"] for r in _rows(dots) if r["curve"].startswith("expected")]
    assert np.allclose(mean, sim.mean("existing")) and np.allclose(det, flow.existing)
    # The mean is a line and the expected numbers dots, each filtered to its own curve.
    assert mean_line["mark"]["type"] == "line" and dots["mark"]["type"] == "point"
    assert mean_line["transform"][0]["filter"]["equal"].startswith("mean")
    assert dots["transform"][0]["filter"]["equal"] == "expected (mean-field)"
    assert band["encoding"]["y"]["title"] == "existing customers (people)"
    assert spec["title"]["text"].startswith("Existing customers: 80% of simulated runs")


def test_retention_chart_curves_and_observed_points():
    cohorts = data.subscriber_cohorts()
    fit = cu.fit_sbg(cohorts.calibration("regular"))
    flat = cu.fit_constant_churn(cohorts.calibration("regular"))
    t = np.arange(1, 13)
    observed = cohorts.regular[1:] / cohorts.regular[:-1]
    spec = charts.retention_chart(t, {"sBG": fit.retention(t), "constant churn":
                                      flat.retention(t)},
                                  observed={"observed": (t, observed)},
                                  calibration=7).to_dict()
    line, points, rule = spec["layer"][0], spec["layer"][-3], spec["layer"][-2]
    sbg = [r["y"] for r in _rows(line) if r["series"] == "sBG"]
    assert np.allclose(sbg, fit.retention(t))
    assert np.allclose([r["y"] for r in _rows(points)], observed)
    # Data are black points, never in a model curve's colour.
    assert points["encoding"]["fill"]["scale"]["range"] == [charts.PALETTE["black"]]
    assert _rows(rule) == [{"x": 7.5, "label": "fitted on years 1-7 | projected"}]
    assert line["encoding"]["y"]["title"] == "retention rate (share who stay)"
    assert line["encoding"]["x"]["title"] == "tenure t (years)"
    assert line["encoding"]["y"]["axis"]["format"] == ".0%"
    low, high = line["encoding"]["y"]["scale"]["domain"]
    assert low <= observed.min() and high == 1.0
    assert spec["title"]["text"] == "Retention by tenure"


def test_survival_chart_points_projections_and_the_calibration_line():
    cohorts = data.subscriber_cohorts()
    fit = cu.fit_sbg(cohorts.calibration("high_end"))
    spec = charts.survival_chart(cohorts.year, cohorts.high_end,
                                 {"sBG": fit.expected_survivors(12)}, calibration=7).to_dict()
    kinds = [layer["mark"]["type"] for layer in spec["layer"]]
    assert kinds == ["line", "point", "rule", "text"]
    line, points, rule, text = spec["layer"]
    assert np.allclose([r["y"] for r in _rows(line)], fit.expected_survivors(12))
    assert [r["y"] for r in _rows(points)] == cohorts.high_end.tolist()
    assert _rows(rule) == [{"x": 7, "label": "fitted on years 0-7 | projected"}]
    assert line["encoding"]["y"]["title"] == "customers still active (people)"
    assert _has_unit(line["encoding"]["x"]["title"])
    top = max(max(fit.expected_survivors(12)), max(cohorts.high_end))
    low, high = line["encoding"]["y"]["scale"]["domain"]
    assert low == 0 and top <= high <= 1.1 * top  # the curves fill the panel
    with pytest.raises(ValueError, match="actual has 3 values, period has 4"):
        charts.survival_chart([0, 1, 2, 3], [1000, 600, 400], {"m": [1, 2, 3, 4]})


def test_outlook_chart_shows_the_outlook():
    o = cu.customer_outlook(**{k: v for k, v in FLOW.items()}, quality=0.7, margin=20,
                            discount=0.01)
    spec = charts.outlook_chart(o).to_dict()
    top, bottom = spec["vconcat"]
    got = np.array([r["people"] for r in _rows(top) if r["state"] == "existing"])
    assert np.allclose(got, o.flow.existing)
    rows = _rows(bottom["layer"][0]) if "data" in bottom["layer"][0] else _rows(bottom)
    curve = [r["y"] for r in rows if r["series"].startswith("customers")]
    assert np.allclose(curve, o.retention)
    assert f"new customers' churn {100 * o.churn:.1f} % per month" in top["title"]["subtitle"]
    assert bottom["title"]["subtitle"].startswith("the likely leavers leave first")
    alike = charts.outlook_chart(cu.customer_outlook(**dict(FLOW, polarisation=0.0))).to_dict()
    assert "the two lines coincide" in alike["vconcat"][1]["title"]["subtitle"]
    with pytest.raises(TypeError, match="customer_outlook"):
        charts.outlook_chart(o.flow)


@pytest.mark.png
def test_every_customer_chart_renders_offline(tmp_path):
    flow = cu.customer_flow(**FLOW)
    sim = cu.simulate_customer_flow(**FLOW, replications=20, seed=1)
    t = np.arange(1, 8)
    built = [
        charts.customer_flow_chart(flow),
        charts.customer_flow_chart(flow, stack=False),
        charts.flow_band_chart(sim, expected=flow),
        charts.retention_chart(t, {"a": 0.8 + 0.01 * t}),
        charts.retention_chart(t, {"a": 0.8 + 0.01 * t}, observed={"o": (t, 0.8 + 0.011 * t)},
                               calibration=4),
        charts.survival_chart(np.arange(4), [1000, 600, 450, 380], {"m": [1000, 620, 460, 370]},
                              calibration=2),
        charts.outlook_chart(cu.customer_outlook(**FLOW)),
    ]
    for i, chart in enumerate(built):
        png = (tmp_path / f"{i}.png")
        charts.to_png(chart, str(png))
        assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and png.stat().st_size > 5000
