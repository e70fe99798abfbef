"""cxlib.charts.recovery: each builder's spec carries the model's numbers, titles with units,
the marks it promises, validates against the Vega-Lite schema, and renders offline."""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import charts, data
from cxlib import recovery as rc


def _dataset(spec, layer, parent=None):
    """The rows of a layer, inline or in the top-level datasets (DataFrames land there).

    Altair moves the data of a lone layer up to its parent, so look there too."""
    d = layer.get("data") or (parent or {}).get("data") or spec.get("data")
    if "values" in d:
        return d["values"]
    return spec["datasets"][d["name"]]


def test_recovery_paths_chart_shows_the_iceberg():
    ice = rc.complaint_iceberg(120, rc.Scenario(p_complain=0.1))
    spec = charts.recovery_paths_chart(ice).to_dict()
    bars, labels = spec["layer"]
    rows = bars["data"]["values"]
    kept = {r["path"]: r["customers"] for r in rows if r["outcome"] == "stay"}
    lost = {r["path"]: r["customers"] for r in rows if r["outcome"] == "leave"}
    for i, path in enumerate(rc.PATHS):
        assert kept[path] == pytest.approx(ice.kept[i], abs=0.05)
        assert lost[path] == pytest.approx(ice.lost[i], abs=0.05)
    assert bars["encoding"]["x"]["sort"] == list(rc.PATHS)
    assert bars["encoding"]["y"]["title"] == "failing customers (people)"
    assert "domain" not in bars["encoding"]["y"]["scale"]  # fits the bars unless told
    assert spec["title"]["text"] == "What a complaint count does not show"
    assert "1,200 customers with a problem" in " ".join(spec["title"]["subtitle"])
    assert bars["encoding"]["color"]["scale"]["range"] == [charts.PALETTE["green"],
                                                           charts.PALETTE["vermillion"]]
    # each bar carries its total (stay plus leave), on the bars' own scale
    totals = {r["path"]: r["label"] for r in labels["data"]["values"]}
    assert totals == {p: f"{c:,.0f}" for p, c in zip(rc.PATHS, ice.customers)}
    assert labels["mark"]["type"] == "text" and labels["encoding"]["text"]["field"] == "label"


def test_recovery_paths_chart_fixed_axis_never_cuts_a_bar():
    ice = rc.complaint_iceberg(120, rc.Scenario(p_complain=0.1))
    fixed = charts.recovery_paths_chart(ice, y_max=5000).to_dict()["layer"]
    assert [layer["encoding"]["y"]["scale"]["domain"] for layer in fixed] == [[0, 5000.0]] * 2
    low = charts.recovery_paths_chart(ice, y_max=100).to_dict()["layer"][0]
    assert low["encoding"]["y"]["scale"]["domain"] == [0, pytest.approx(ice.customers.max())]


@pytest.mark.parametrize("chosen", [None, 0, 25, 500])
def test_approval_limit_chart_draws_the_curve_best_and_chosen(chosen):
    curve = rc.approval_limit_curve(rc.Scenario(approval_time=0.8))
    spec = charts.approval_limit_chart(curve, chosen=chosen).to_dict()
    top, bottom = spec["vconcat"]
    line = _dataset(spec, top["layer"][0])
    assert [r["x"] for r in line] == curve.limits.tolist()
    assert [r["y"] for r in line] == pytest.approx(curve.net_value.tolist(), abs=1e-4)
    rules = _dataset(spec, top["layer"][1])
    marks = {r["kind"]: r["x"] for r in rules}
    assert marks["best"] == curve.best_limit
    assert marks.get("chosen") == chosen
    dot = _dataset(spec, top["layer"][2])[0]
    assert (dot["x"], dot["y"]) == (curve.best_limit, pytest.approx(curve.best_net_value))
    assert f"best ${curve.best_limit:,.0f}" in top["title"]["subtitle"]
    assert top["layer"][0]["encoding"]["x"]["title"] == "approval limit L ($)"
    assert top["layer"][0]["encoding"]["y"]["title"] == "net value per failure ($)"
    shares = _dataset(spec, bottom["layer"][0], bottom)
    kept = [r["y"] for r in shares if r["series"] == "customers who stay after a failure"]
    assert kept == pytest.approx(curve.retention.tolist(), abs=1e-5)
    assert len(bottom["layer"]) == (2 if chosen is not None else 1)
    # both panels start at zero; the shares' axis stops at the next 10 points above the data
    low, high = top["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert low == 0 and high == pytest.approx(1.1 * curve.net_value.max())
    share_top = bottom["layer"][0]["encoding"]["y"]["scale"]["domain"]
    biggest = max(curve.retention.max(), curve.quick_share.max())
    assert share_top[0] == 0 and biggest <= share_top[1] < max(biggest + 0.1, 0.5) + 1e-9


def test_approval_limit_chart_goes_below_zero_when_recovery_loses_money():
    curve = rc.approval_limit_curve(rc.Scenario(customer_value=20), [0, 50, 100])
    assert curve.net_value.min() < 0
    spec = charts.approval_limit_chart(curve).to_dict()
    low, high = spec["vconcat"][0]["layer"][0]["encoding"]["y"]["scale"]["domain"]
    assert low < curve.net_value.min() and high >= 0


def test_approval_limit_chart_leaves_out_an_infinite_limit():
    curve = rc.approval_limit_curve(rc.Scenario(), [0, 50, np.inf])
    spec = charts.approval_limit_chart(curve).to_dict()
    assert [r["x"] for r in _dataset(spec, spec["vconcat"][0]["layer"][0])] == [0, 50]


def test_survival_chart_has_one_line_per_policy():
    out = {"L = 0": rc.expected_outcome(rc.Scenario(approval_limit=0), periods=6),
           "L = 100": rc.expected_outcome(rc.Scenario(approval_limit=100), periods=6)}
    spec = charts.policy_survival_chart(out).to_dict()
    rows = _dataset(spec, spec["layer"][0])
    for name, o in out.items():
        ys = [r["y"] for r in rows if r["series"] == name]
        assert ys == pytest.approx(o.survival.tolist())
    assert spec["layer"][0]["encoding"]["x"]["title"] == "periods (quarters)"
    assert spec["layer"][0]["encoding"]["y"]["scale"]["domain"] == [0.0, 1.0]
    assert spec["title"]["text"] == "L = 100 keeps the most customers"
    ends = {n: o.survival[-1] for n, o in out.items()}
    assert ends["L = 100"] > ends["L = 0"]
    assert spec["title"]["subtitle"].endswith(
        f"after 6 periods: L = 0 {ends['L = 0']:.1%}, L = 100 {ends['L = 100']:.1%}")
    with pytest.raises(ValueError, match="same number of periods"):
        charts.policy_survival_chart({"a": rc.expected_outcome(rc.Scenario(), periods=2),
                               "b": rc.expected_outcome(rc.Scenario(), periods=3)})


def test_pareto_chart_bars_running_share_and_threshold():
    table = rc.pareto(data.complaint_log(seed=2026))
    spec = charts.pareto_chart(table).to_dict()
    bars = spec["layer"][0]
    rows = bars["data"]["values"]
    assert [r["category"] for r in rows] == table.category.tolist()
    assert [r["count"] for r in rows] == table.count.tolist()
    assert [r["cumulative"] for r in rows] == pytest.approx(table.cumulative.tolist(), abs=1e-4)
    assert bars["encoding"]["x"]["sort"] == table.category.tolist()
    few = table.vital_few()
    assert [r["category"] for r in rows if r["group"] == "vital few"] == few
    running = spec["layer"][1]["layer"]
    assert running[0]["encoding"]["y"]["field"] == "cumulative"
    assert running[1]["data"]["values"][0]["y"] == 0.8
    assert spec["resolve"]["scale"]["y"] == "independent"
    assert f"{len(few)} of 10 categories" in spec["title"]["subtitle"]
    assert f"make {table.cumulative[len(few) - 1]:.0%}: {', '.join(few)}" in (
        spec["title"]["subtitle"])  # the vital few's own share, not the next category's
    with pytest.raises(ValueError, match="^outcomes needs at least one named policy$"):
        charts.policy_survival_chart({})


@pytest.mark.parametrize(
    "call, message",
    [
        (lambda: charts.recovery_paths_chart([1, 2]),
         "iceberg must come from cxlib.recovery.complaint_iceberg, got list"),
        (lambda: charts.approval_limit_chart(rc.Scenario()),
         "curve must come from cxlib.recovery.approval_limit_curve, got Scenario"),
        (lambda: charts.pareto_chart({"late": 3}),
         "pareto must come from cxlib.recovery.pareto, got dict"),
        (lambda: charts.policy_survival_chart({"a": rc.Scenario()}),
         "outcomes['a'] must come from cxlib.recovery.expected_outcome, got Scenario"),
    ],
)
def test_builders_refuse_the_wrong_input(call, message):
    with pytest.raises(TypeError) as info:
        call()
    assert str(info.value) == message


@pytest.mark.png
def test_recovery_charts_render_to_png(tmp_path):
    built = {
        "paths": charts.recovery_paths_chart(rc.complaint_iceberg(100, rc.Scenario())),
        "limit": charts.approval_limit_chart(rc.approval_limit_curve(rc.Scenario()), chosen=25),
        "survival": charts.policy_survival_chart({"now": rc.expected_outcome(rc.Scenario())}),
        "pareto": charts.pareto_chart(rc.pareto(data.complaint_log(seed=1))),
    }
    for name, chart in built.items():
        path = charts.to_png(chart, str(tmp_path / f"{name}.png"))
        png = open(path, "rb").read()
        assert png[:8] == b"\x89PNG\r\n\x1a\n" and len(png) > 5000, name
