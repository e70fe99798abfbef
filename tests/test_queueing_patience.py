"""cxlib.queueing.patience: the mean patience from a censored log, against the simulator's truth."""

from __future__ import annotations

import numpy as np
import pytest

from cxlib import queueing as q


@pytest.mark.parametrize("patience, agents", [(3.0, 10), (1.0, 9), (10.0, 10)])
def test_the_estimate_finds_the_simulated_truth(patience, agents):
    hits = 0
    for seed in range(20):
        res = q.simulate(10, 1, agents, customers=5000, patience=patience, seed=seed)
        est = q.estimate_patience(res.wait, res.abandoned)
        hits += est.low <= patience <= est.high
        naive = res.wait[res.abandoned].mean()
        assert naive < patience / 2  # the hang-ups alone see only the impatient
    # 95 % intervals: at least 15 of 20 cover (binomial chance of fewer is about 0.3 %).
    assert hits >= 15, hits


def test_nan_records_are_left_out_and_errors_are_named():
    res = q.simulate([3.0, 8.0], 1, [3, 7], interval=30, replications=3, patience=2, seed=1)
    est = q.estimate_patience(res.wait, res.abandoned)  # padding rows are NaN
    assert est.units == int(res.abandoned.sum()) and est.value > 0
    with pytest.raises(ValueError) as err:
        q.estimate_patience([1.0, 2.0], [False, False])
    assert str(err.value) == ("no caller hung up: the log shows only that patience is longer "
                              "than every wait, so there is nothing to estimate it from")
    with pytest.raises(ValueError) as err:
        q.estimate_patience([1.0, 2.0, 3.0], [True, False])
    assert str(err.value) == "wait and abandoned must have the same shape, got (3,) and (2,)"
    with pytest.raises(TypeError) as err:
        q.estimate_patience([1.0, 2.0], [1, 0])
    assert str(err.value) == "abandoned must be an array of True/False, got int64 values"
    with pytest.raises(ValueError) as err:
        q.estimate_patience([1.0, -2.0], [True, False])
    assert str(err.value) == "wait must be a non-negative number, got -2 at index 1"
