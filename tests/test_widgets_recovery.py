"""cxlib.widgets.recovery: the explorers answer their sliders with the model's numbers.

The readouts are checked against the model called here, at several slider positions, and the
chart in the output is the offline Vega-Lite mimetype. (Update times are measured in
benchmarks/bench_widgets.py, not here.)
"""

from __future__ import annotations

import re

import pytest

from cxlib import recovery as rc
from cxlib import widgets


def _numbers(html: str) -> list[str]:
    return re.findall(r"<b>([^<]+)</b>", html)


@pytest.mark.parametrize("p_complain", [0.03, 0.04, 0.1, 0.26, 0.5, 0.7])
def test_silent_majority_explorer_readout_matches_the_iceberg(p_complain):
    ex = widgets.SilentMajorityExplorer(150)
    ex.controls["p_complain"].value = p_complain
    ice = rc.complaint_iceberg(150, rc.Scenario(p_complain=p_complain))
    got = _numbers(ex.readout.value)
    assert got == ["150", f"{ice.failures:,.0f}", f"{ice.silent:,.0f}", f"{ice.lost.sum():,.0f}",
                   f"{ice.lost[0]:,.0f}"]
    assert f"sees {p_complain:.0%} of the problems" in ex.readout.value
    bars, labels = ex.chart.to_dict()["layer"]
    rows = bars["data"]["values"]
    assert sum(r["customers"] for r in rows) == pytest.approx(ice.failures, abs=0.5)
    # one y axis for the whole slider: the tallest bar it can make, every failure silent at 0.03
    assert bars["encoding"]["y"]["scale"]["domain"] == [0, pytest.approx(150 / 0.03 * 0.97)]
    assert [r["label"] for r in labels["data"]["values"]] == [f"{c:,.0f}" for c in ice.customers]
    out = ex.output.outputs
    assert len(out) == 1 and "application/vnd.vegalite.v5+json" in out[0]["data"]


@pytest.mark.parametrize("settings", [
    {"approval_limit": 0, "approval_time": 0.5, "fcr": 0.67, "p_complain": 0.5},
    {"approval_limit": 100, "approval_time": 1.0, "fcr": 0.8, "p_complain": 0.2},
    {"approval_limit": 25, "approval_time": 1.5, "fcr": 0.67, "p_complain": 0.5},
    {"approval_limit": 500, "approval_time": 0.1, "fcr": 0.95, "p_complain": 0.04},
    {"approval_limit": 0, "approval_time": 1.2, "fcr": 0.67, "p_complain": 0.5},
    {"approval_limit": 50, "approval_time": 0.5, "fcr": 0.67, "p_complain": 0.7},
])
def test_recovery_explorer_readout_matches_the_model(settings):
    ex = widgets.RecoveryExplorer()
    for name, value in settings.items():
        ex.controls[name].value = value
    sc = rc.Scenario().replace(approval_time=settings["approval_time"], fcr=settings["fcr"],
                               p_complain=settings["p_complain"])
    limit = settings["approval_limit"]
    curve = rc.approval_limit_curve(sc, widgets.RecoveryExplorer.LIMITS)
    out = rc.expected_outcome(sc.replace(approval_limit=limit))
    got = _numbers(ex.readout.value)
    assert got[0] == f"L = ${limit:,.0f}"
    assert got[1] == f"{out.retention_after_failure:.1%}"
    assert got[3] == f"${out.cost_per_failure:,.2f}"
    assert got[4] == f"${out.net_value_per_failure:,.2f}"
    assert got[5] == f"${curve.best_limit:,.0f}"
    assert f"{out.path_shares['resolved quickly']:.0%} of failures are resolved" in \
        ex.readout.value
    if not out.queue.stable:
        assert got[2] == "cannot keep up"
        assert f"only {out.queue.decided_share:.0%} of requests are ever decided" in \
            ex.readout.value
    else:
        assert "cannot keep up" not in ex.readout.value
    assert ("top of the range" in ex.readout.value) == (curve.best_limit == 500)
    chosen = [r for r in ex.chart.to_dict()["datasets"].values()
              if r and "kind" in r[0] and any(x["kind"] == "chosen" for x in r)]
    assert chosen and chosen[0][-1]["x"] == limit


def test_recovery_explorer_starts_from_a_given_scenario():
    sc = rc.Scenario(customer_value=1200, supervisors=2)
    ex = widgets.RecoveryExplorer(sc, approval_limit=50)
    out = rc.expected_outcome(sc.replace(approval_limit=50))
    assert _numbers(ex.readout.value)[4] == f"${out.net_value_per_failure:,.2f}"
    assert ex.last_update_ms > 0


@pytest.mark.parametrize(
    "make, error, message",
    [
        (lambda: widgets.RecoveryExplorer({"fcr": 0.7}), TypeError,
         "scenario must be a cxlib.recovery.Scenario, got dict"),
        (lambda: widgets.SilentMajorityExplorer(-10), ValueError,
         "complaints must be a positive number, got -10"),
    ],
)
def test_explorers_reject_bad_arguments(make, error, message):
    with pytest.raises(error) as info:
        make()
    assert str(info.value) == message


def test_complaint_rate_sliders_span_the_range_tarp_reported():
    # Both docstrings: complaint rates from 0.03 (small problems) to 0.7 (a problem that could
    # cost $142), the range TARP reported.
    for ex in (widgets.SilentMajorityExplorer(120), widgets.RecoveryExplorer()):
        s = ex.controls["p_complain"]
        assert (s.min, s.max) == (0.03, 0.7), type(ex).__name__
    assert (widgets.SilentMajorityExplorer.LOWEST, widgets.SilentMajorityExplorer.HIGHEST) == (
        0.03, 0.7)


def test_recovery_readout_when_nothing_needs_approval():
    # No remedy paid (compensation 0): no request ever goes to a supervisor.
    sc = rc.Scenario(compensation=0)
    ex = widgets.RecoveryExplorer(sc, approval_limit=25)
    assert rc.expected_outcome(sc.replace(approval_limit=25)).escalation_share == 0
    assert "0% of complaints need approval and nothing waits for a supervisor. Recovery" in (
        ex.readout.value)


@pytest.mark.parametrize("limit", [0, 100, 500])
def test_recovery_readout_ends_with_the_best_limit_when_it_is_inside_the_range(limit):
    ex = widgets.RecoveryExplorer(approval_limit=limit)
    curve = rc.approval_limit_curve(rc.Scenario(), widgets.RecoveryExplorer.LIMITS)
    assert curve.best_limit < 500
    gain = curve.best_net_value - curve.at(limit)["net_value"]
    assert ex.readout.value.endswith(
        f"The best limit is <b>${curve.best_limit:,.0f}</b> (net value "
        f"${curve.best_net_value:,.2f}, ${gain:,.2f} more per failure).")
