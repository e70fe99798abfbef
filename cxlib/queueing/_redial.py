"""The simulator's engine for callers who hang up and call again (private).

A caller who hangs up redials with probability ``redial`` after an exponential delay with mean
``redial_delay``; the new attempt is a new call, with a fresh handle time and patience, that
joins the queue when it arrives, and may itself hang up and redial. Redials change the arrival
stream while the simulation runs, so the engine keeps the coming calls in a heap (by arrival
time) beside the heap of agents; otherwise it is the heap engine of ``_engines``: first come,
first served, the same shift rules in a day. In a day, a redial that would come after closing
is not made.

References: Koole, G. (2013). *Call Center Optimization*, MG Books, on redials and the
"Erlang X" model; Aguir, S., Karaesmen, F., Akşin, O. Z. and Chauvet, F. (2004). The impact of
retrials on call center performance. *OR Spectrum* 26(3), 353-376.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right

import numpy as np

from ._draws import _Dist
from ._engines import Schedule

__all__: list[str] = []  # private: used by cxlib.queueing.simulation only


def _one(a0, s0, p0, gen, handle: _Dist, patience: _Dist, p_redial: float, delay: float,
         agents: int, sched: Schedule | None):
    """One replication: lists of arrival, handle, patience, start, agent, abandoned, attempt."""
    coming = [(a, i, 0, s, p) for i, (a, s, p) in enumerate(zip(a0, s0, p0))]
    heapq.heapify(coming)
    seq = len(coming)
    if sched is None:
        free = [(0.0, k) for k in range(agents)]
        end = np.inf
    else:
        free = [(f, k) for k, f in enumerate(sched.initial_free().tolist())]
        heapq.heapify(free)
        on, nxt, since = sched.on.tolist(), sched.nxt.tolist(), sched.since.tolist()
        inner, end, prev = sched.inner.tolist(), sched.end, 0
    out = {key: [] for key in ("arrival", "handle", "patience", "start", "agent", "abandoned",
                               "attempt")}
    while coming:
        a, _, attempt, s, p = heapq.heappop(coming)
        if sched is not None:
            j = bisect_right(inner, a)
            if j != prev:  # a new interval: idle agents follow their shifts (as in _engines)
                prev = j
                free = [(f if f >= a else (max(f, since[j][k]) if on[j][k] else nxt[j][k]), k)
                        for f, k in free]
                heapq.heapify(free)
        f, k = free[0]
        t = f if f > a else a
        gave_up = p < t - a
        for key, value in (("arrival", a), ("handle", s), ("patience", p), ("start", t),
                           ("agent", k), ("abandoned", gave_up), ("attempt", attempt)):
            out[key].append(value)
        if gave_up:
            if gen.random() < p_redial:
                again = a + p + gen.exponential(delay)
                if again < end:
                    seq += 1
                    heapq.heappush(coming, (again, seq, attempt + 1,
                                            float(handle.draw(gen, 1)[0]),
                                            float(patience.draw(gen, 1)[0])))
            continue
        done = t + s
        if sched is not None:
            jf = bisect_right(inner, done)
            if not on[jf][k]:
                done = nxt[jf][k]
        heapq.heapreplace(free, (done, k))
    return out


def run(A, S, P, counts, gens, handle: _Dist, patience: _Dist, p_redial: float, delay: float,
        agents: int, sched: Schedule | None):
    """All replications, padded to the busiest: A, S, P, start, agent, abandoned, attempt,
    counts (arrays of shape (replications, width), padding A = inf)."""
    rows = [_one(A[r, :N].tolist(), S[r, :N].tolist(), P[r, :N].tolist(), gens[r], handle,
                 patience, p_redial, delay, agents, sched)
            for r, N in enumerate(counts.tolist())]
    counts = np.array([len(row["arrival"]) for row in rows], dtype=np.int64)
    width = max(1, int(counts.max()))
    shape = (len(rows), width)
    arrays = {"arrival": np.full(shape, np.inf), "handle": np.zeros(shape),
              "patience": np.full(shape, np.inf), "start": np.full(shape, np.nan),
              "agent": np.full(shape, -1, dtype=np.intp),
              "abandoned": np.zeros(shape, dtype=bool),
              "attempt": np.full(shape, -1, dtype=np.int64)}
    for r, row in enumerate(rows):
        N = int(counts[r])
        for key, arr in arrays.items():
            arr[r, :N] = row[key]
    return arrays, counts
