"""cxlib.queueing.curves: every measure of a staffing curve, point by point against the formulas.

An explorer draws :func:`staffing_curve`, so a slip here (one agent off, a measure from the wrong
model) is what a student sees. Each point is recomputed here with the scalar formula functions,
called one agent count at a time.
"""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import queueing as q

CASES = [
    (100 / 1800, 180.0, 20.0, None),      # the worked example, patient callers
    (100 / 1800, 180.0, 20.0, 300.0),     # the same with five-minute patience
    (2.5, 1.0, 0.1, 0.5),                 # 2.5 Erlangs, impatient callers
    (40.0, 1.0, 0.05, 2.0),               # 40 Erlangs
]


@pytest.mark.parametrize("rate, aht, target, patience", CASES)
def test_every_point_matches_the_scalar_formulas(rate, aht, target, patience):
    curve = q.staffing_curve(rate, aht, target, patience=patience)
    load = rate * aht
    assert curve.load == pytest.approx(load, rel=1e-15)
    assert curve.agents[0] <= max(1, int(0.75 * load)) and curve.agents[-1] > load
    for i, n in enumerate(curve.agents.tolist()):
        assert curve.service_level[i] == pytest.approx(q.service_level(rate, aht, n, target),
                                                       rel=1e-12, abs=1e-15), n
        assert curve.asa[i] == pytest.approx(q.average_speed_of_answer(rate, aht, n),
                                             rel=1e-12, abs=1e-15), n
        assert curve.p_wait[i] == pytest.approx(q.erlang_c(load, n), rel=1e-12, abs=1e-15), n
        assert curve.occupancy[i] == pytest.approx(min(load / n, 1.0), rel=1e-12), n
        if patience is None:
            assert curve.service_level_a is None and curve.p_abandon is None
            continue
        a = q.erlang_a(rate, aht, n, patience)
        assert curve.service_level_a[i] == pytest.approx(a.service_level(target), rel=1e-12,
                                                         abs=1e-15), n
        assert curve.p_abandon[i] == pytest.approx(a.p_abandon, rel=1e-12, abs=1e-15), n
        assert curve.mean_wait_a[i] == pytest.approx(a.mean_wait, rel=1e-12, abs=1e-15), n


def test_at_returns_the_row_of_that_agent_count():
    curve = q.staffing_curve(100 / 1800, 180, 20, patience=300)
    row = curve.at(14)
    assert row["agents"] == 14
    assert row["service_level"] == pytest.approx(q.service_level(100 / 1800, 180, 14, 20))
    assert row["p_wait"] == pytest.approx(q.erlang_c(10.0, 14))
    assert row["p_abandon"] == pytest.approx(q.erlang_a(100 / 1800, 180, 14, 300).p_abandon)
    with pytest.raises(ValueError) as err:
        curve.at(200)
    assert str(err.value) == (
        f"agents must be in the curve's range {int(curve.agents[0])} to "
        f"{int(curve.agents[-1])}, got 200"
    )


def test_around_widens_the_range_and_agents_sets_it():
    assert {2, 3, 4, 5, 6, 7, 8} <= set(q.staffing_curve(100 / 1800, 180, 20, around=5).agents)
    assert 40 in q.staffing_curve(100 / 1800, 180, 20, around=40).agents
    given = q.staffing_curve(100 / 1800, 180, 20, agents=[9, 12, 15])
    assert given.agents.tolist() == [9, 12, 15]
    assert given.service_level[0] == 0.0 and np.isinf(given.asa[0])  # 9 agents < 10 Erlangs


def test_curve_is_frozen_and_exports_plain_lists():
    curve = q.staffing_curve(100 / 1800, 180, 20)
    with pytest.raises(ValueError):
        curve.service_level[0] = 1.0
    d = curve.to_dict()
    assert d["agents"] == curve.agents.tolist() and d["service_level_a"] is None
