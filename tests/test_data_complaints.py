"""cxlib.data.complaints: the complaint log is seeded, follows its documented structure, and a
Pareto analysis finds what the documentation says is there.

The Pareto table of cxlib.recovery is checked against pandas (value_counts and groupby, computed
here), and the log's category and depot shares against the documented process, pooled over many
seeds within four standard errors.
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest

from cxlib import data
from cxlib import recovery as rc

CARRIER = ("late delivery", "damaged in transit")


def test_same_seed_same_log_different_seed_different_log():
    a, b, c = (data.complaint_log(seed=s) for s in (5, 5, 6))
    for column in ("week", "category", "depot", "channel", "stake"):
        assert np.array_equal(getattr(a, column), getattr(b, column))
    assert len(a) != len(c) or not np.array_equal(a.category, c.category)


def test_log_columns_units_and_frame():
    log = data.complaint_log(seed=3, weeks=8)
    frame = log.to_frame()
    assert frame.columns.tolist() == ["week", "category", "depot", "channel", "stake"]
    assert len(frame) == len(log) and log.weeks == 8
    assert set(frame.week) <= set(range(1, 9)) and np.all(np.diff(log.week) >= 0)
    assert set(frame.category) <= set(data.COMPLAINT_CATEGORIES)
    assert set(frame.depot) <= set(data.DEPOTS)
    assert set(frame.channel) <= set(data.CHANNELS)
    assert (frame.stake > 0).all()
    assert "complaints over 8 weeks" in repr(log)
    with pytest.raises(ValueError):
        log.stake[0] = 0.0  # read-only


def test_stakes_are_in_dollars_and_cents_and_the_repr_lists_the_columns():
    log = data.complaint_log(seed=4, weeks=5)
    cents = log.stake * 100
    assert np.allclose(cents, np.round(cents), rtol=0, atol=1e-6)  # whole cents
    assert np.any(np.round(cents) % 100 != 0)  # not rounded to whole dollars
    assert repr(log) == (f"ComplaintLog({len(log)} complaints over 5 weeks; columns "
                         f"{', '.join(log.columns())})")


def test_documented_shares_add_up_and_have_a_vital_few():
    shares = data.complaint_shares()
    assert set(shares) == set(data.COMPLAINT_CATEGORIES)
    assert sum(shares.values()) == pytest.approx(1.0)
    ranked = sorted(shares.values(), reverse=True)
    assert sum(ranked[:3]) == pytest.approx(0.772)
    assert sum(ranked[:3]) < 0.8 <= sum(ranked[:4])  # four of ten categories make 80 %
    assert sorted(shares, key=shares.get, reverse=True)[:3] == [
        "late delivery", "refund delay", "damaged in transit"]


@pytest.fixture(scope="module")
def pooled():
    logs = [data.complaint_log(seed=s) for s in range(60)]
    return pd.concat([log.to_frame() for log in logs], ignore_index=True), len(logs)


def test_log_follows_its_documented_process(pooled):
    frame, n_logs = pooled
    expected_total = 80 * 13 * n_logs
    assert abs(len(frame) - expected_total) < 4 * math.sqrt(expected_total)
    shares = data.complaint_shares()
    counts = frame.category.value_counts()
    for category, share in shares.items():
        p = counts.get(category, 0) / len(frame)
        assert abs(p - share) < 4 * math.sqrt(share * (1 - share) / len(frame)), category
    # the carrier problem lives at the North depot: 48 % of complaints all from North, plus
    # everyday problems spread over the depots like the orders (North 30 %)
    carrier = frame[frame.category.isin(CARRIER)]
    everyday_carrier = 0.30 * (0.12 + 0.06)
    want = (0.48 + 0.3 * everyday_carrier) / (0.48 + everyday_carrier)
    got = np.mean(carrier.depot == "North")
    assert abs(got - want) < 4 * math.sqrt(want * (1 - want) / len(carrier))
    # refund delays are a policy problem: spread over the depots like the orders
    refunds = frame[frame.category == "refund delay"].depot.value_counts(normalize=True)
    for depot, share in zip(data.DEPOTS, (0.3, 0.4, 0.3)):
        assert abs(refunds[depot] - share) < 4 * math.sqrt(share * (1 - share) / len(frame))
    # channels and stakes
    assert abs(np.mean(frame.channel == "phone") - 0.6) < 0.01
    late = frame.stake[frame.category == "late delivery"]
    assert abs(late.mean() - 30) < 4 * late.std() / math.sqrt(len(late))


@pytest.mark.parametrize("seed", [2026, 1, 77])
def test_pareto_table_matches_a_pandas_groupby(seed):
    log = data.complaint_log(seed=seed)
    table = rc.pareto(log)
    frame = log.to_frame()
    counts = frame.groupby("category").size().sort_values(ascending=False)
    assert dict(zip(table.category, table.count)) == counts.to_dict()
    assert table.count.tolist() == counts.tolist()  # largest first
    assert table.total == len(frame)
    assert table.share.tolist() == pytest.approx((counts / len(frame)).tolist())
    assert table.cumulative.tolist() == pytest.approx(counts.cumsum().div(len(frame)).tolist())
    few = table.vital_few()
    cumulative = counts.cumsum() / len(frame)
    assert len(few) == int((cumulative < 0.8).sum()) + 1
    assert rc.pareto(frame.category).count.tolist() == table.count.tolist()  # a Series works


def test_a_pareto_analysis_finds_the_documented_cause():
    log = data.complaint_log(seed=2026)
    table = rc.pareto(log)
    assert table.vital_few()[:3] == ["late delivery", "refund delay", "damaged in transit"]
    assert table.cumulative[2] > 0.7
    frame = log.to_frame()
    by_depot = pd.crosstab(frame.category, frame.depot)
    north = by_depot.loc[list(CARRIER), "North"].sum() / by_depot.loc[list(CARRIER)].sum().sum()
    assert north > 0.85  # the big delivery bars come from one depot
    refund = by_depot.loc["refund delay"] / by_depot.loc["refund delay"].sum()
    assert refund.max() < 0.5  # refund delays do not


def test_an_empty_log_has_no_pareto_table():
    log = data.complaint_log(seed=0, weeks=1, complaints_per_week=1e-9)
    assert len(log) == 0 and len(log.to_frame()) == 0
    with pytest.raises(ValueError) as info:
        rc.pareto(log)
    assert str(info.value) == "categories must not be empty: there are no complaints to count"


@pytest.mark.parametrize(
    "kwargs, error, message",
    [
        ({"weeks": 0}, ValueError, "weeks must be a positive integer, got 0"),
        ({"weeks": 2.5}, ValueError, "weeks must be a positive integer, got 2.5"),
        ({"weeks": 600}, ValueError, "weeks must be at most 520 (ten years), got 600"),
        ({"complaints_per_week": -5}, ValueError,
         "complaints_per_week must be a positive number, got -5"),
        ({"complaints_per_week": [80, 90]}, TypeError,
         "complaint_log works on one case at a time: complaints_per_week must be a single "
         "number, got an array of shape (2,); call it once per case"),
        ({"seed": "x"}, TypeError,
         "seed must be a non-negative int, a numpy Generator or None, got 'x'"),
    ],
)
def test_complaint_log_rejects_nonsense(kwargs, error, message):
    with pytest.raises(error) as info:
        data.complaint_log(**kwargs)
    assert str(info.value) == message
