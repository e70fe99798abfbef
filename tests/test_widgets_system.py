"""cxlib.widgets.system: the dashboard answers its levers with the model's numbers, from its
cache when it has seen a setting, and shows a progress bar for the long comparison.

The readouts are checked against cxlib.system.simulate_year called here, at several slider
positions. (Update times are measured in benchmarks/bench_widgets.py, not here.)
"""

from __future__ import annotations

import contextlib
import io
import re

import numpy as np
import pytest

from cxlib import system as sy
from cxlib import widgets


def _numbers(html: str) -> list[str]:
    return re.findall(r"<b>([^<]+)</b>", html)


def _millions(x: float) -> str:
    return f"{'-' if x < 0 else ''}${abs(x) / 1e6:,.2f}M"


@pytest.fixture(scope="module")
def explorer():
    return widgets.SystemExplorer()


@pytest.mark.parametrize("settings", [
    {"agents": 9, "approval_limit": 0, "fcr_training": 0, "survey": "third party",
     "survey_size": 400, "competition": 0.2},
    {"agents": 14, "approval_limit": 100, "fcr_training": 100_000, "survey": "agent",
     "survey_size": 200, "competition": 0.2},
    {"agents": 20, "approval_limit": 400, "fcr_training": 400_000, "survey": "third party",
     "survey_size": 2000, "competition": 0.8},
    {"agents": 5, "approval_limit": 25, "fcr_training": 0, "survey": "agent",
     "survey_size": 50, "competition": 0.0},
])
def test_readout_matches_the_model(explorer, settings):
    for name, value in settings.items():
        explorer.controls[name].value = value
    policy = sy.Policy(agents=settings["agents"], approval_limit=settings["approval_limit"],
                       fcr_training=settings["fcr_training"], survey=settings["survey"],
                       survey_size=settings["survey_size"])
    y = sy.simulate_year(policy, sy.Business(competition=settings["competition"]), seed=2030)
    last = y.survey_week[-1] - 1
    assert _numbers(explorer.readout.value) == [
        f"{settings['agents']} agents", f"{y.service_level.mean():.0%}",
        f"100,000 → {y.customers[-1]:,.0f}", f"{y.true_csat[last]:.1%}",
        f"{y.surveyed_csat[-1]:.1%}", _millions(y.total_profit), _millions(y.value_created)]
    assert f"(FCR {y.fcr:.0%})" in explorer.readout.value
    runner = {"third party": "third-party", "agent": "agent-run"}[settings["survey"]]
    assert f"census <b>{y.true_csat[last]:.1%}</b>, {runner} survey" in explorer.readout.value
    np.testing.assert_array_equal(explorer.year().customers, y.customers)
    out = explorer.output.outputs
    assert len(out) == 1 and "application/vnd.vegalite.v5+json" in out[0]["data"]
    spec = out[0]["data"]["application/vnd.vegalite.v5+json"]
    rows = spec["datasets"][spec["data"]["name"]]
    assert [r["y"] for r in rows if r["part"] == "customers"] == pytest.approx(
        y.customers.tolist())


def test_a_seen_setting_comes_from_the_cache_identical():
    ex = widgets.SystemExplorer(agents=12)
    first, chart = ex.year(), ex.chart
    ex.controls["agents"].value = 15
    assert ex.year() is not first and ex.cache_hits == 0
    ex.controls["agents"].value = 12
    assert ex.year() is first  # the very same object: nothing was recomputed
    assert ex.chart is chart and ex.cache_hits >= 1
    assert len(ex.cache) == 2
    # The cache is keyed by every lever: another survey is another year, the same customers.
    ex.controls["survey"].value = "agent"
    assert ex.year() is not first and len(ex.cache) == 3
    np.testing.assert_array_equal(ex.year().customers, first.customers)


def test_the_cache_forgets_the_oldest_setting_first():
    ex = widgets.SystemExplorer(agents=10)
    ex.CACHE_SIZE = 2
    for n in (11, 12):
        ex.controls["agents"].value = n
    keys = [k[0] for k in ex.cache]
    assert keys == [11, 12]  # 10 was dropped
    ex.controls["agents"].value = 11  # seen: moves to the newest place
    ex.controls["agents"].value = 13
    assert [k[0] for k in ex.cache] == [11, 13]


def test_competition_slider_replaces_the_business_setting():
    ex = widgets.SystemExplorer(sy.Business(competition=0.6), competition=False)
    assert "competition" not in ex.controls
    y = sy.simulate_year(sy.Policy(), sy.Business(competition=0.6), seed=2030)
    np.testing.assert_array_equal(ex.year().customers, y.customers)


def test_comparing_team_sizes_shows_a_progress_bar_and_the_same_answer_without_it():
    ex = widgets.SystemExplorer(approval_limit=100)
    err = io.StringIO()
    with contextlib.redirect_stderr(err):
        shown = ex.compare_team_sizes(range(10, 14), progress=True)
    assert "team sizes" in err.getvalue() and "4/4" in err.getvalue()
    quiet = io.StringIO()
    with contextlib.redirect_stderr(quiet):
        hidden = ex.compare_team_sizes(range(10, 14), progress=False)
    assert quiet.getvalue() == ""
    np.testing.assert_array_equal(shown.value_created, hidden.value_created)
    direct = sy.staffing_profit(range(10, 14), sy.Policy(approval_limit=100), seed=2030,
                                progress=False)
    np.testing.assert_array_equal(shown.value_created, direct.value_created)
    out = ex.compare_output.outputs
    assert len(out) == 1 and "application/vnd.vegalite.v5+json" in out[0]["data"]
    assert ex.staffing is hidden


@pytest.mark.parametrize("make, error, message", [
    (lambda: widgets.SystemExplorer({"agents": 12}), TypeError,
     "business must be a cxlib.system.Business, got dict"),
    (lambda: widgets.SystemExplorer(agents=0), ValueError,
     "agents must be a positive integer, got 0"),
    (lambda: widgets.SystemExplorer(seed=-1), ValueError,
     "seed must be a non-negative integer, got -1"),
])
def test_bad_arguments_are_named(make, error, message):
    with pytest.raises(error) as info:
        make()
    assert str(info.value) == message
