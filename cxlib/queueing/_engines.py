"""The simulator's two engines and a day's shift schedule (private).

Both engines take arrivals ``A``, handle times ``S`` and patience ``P`` (or None) as
``(replications, n)`` arrays, with the real customers of row ``r`` in its first ``counts[r]``
columns (padding has ``A = inf``), and return the service (or abandonment) start, the agent and
whether the customer abandoned. They compute identical arrays; :func:`pick` chooses the faster.
"""

from __future__ import annotations

import heapq
from bisect import bisect_right
from dataclasses import dataclass

import numpy as np

__all__: list[str] = []  # private: used by cxlib.queueing.simulation only

#: From this many replications the vectorised engine beats the heap (measured; the day's
#: shift bookkeeping costs the vectorised engine more per customer).
VECTOR_FROM = {"plain": 12, "patience": 16, "day": 32}


def pick(method: str, replications: int, *, patience: bool, day: bool) -> str:
    """The engine for ``method="auto"``: "vector" from the measured thresholds, else "heap"."""
    if method != "auto":
        return method
    kind = "day" if day else ("patience" if patience else "plain")
    return "vector" if replications >= VECTOR_FROM[kind] else "heap"


def run(method: str, A, S, P, agents: int, sched: "Schedule | None", counts: np.ndarray):
    """Run the engine ``method`` ("vector" or "heap"): (start, agent, abandoned) arrays."""
    if method == "vector":
        return _run_vector(A, S, P, agents, sched)
    return _run_heap(A, S, P, agents, sched, counts)



@dataclass(frozen=True)
class Schedule:
    bounds: np.ndarray  # J + 1 interval boundaries, from 0
    rate: np.ndarray  # J arrival rates
    agents: np.ndarray  # J agent counts
    on: np.ndarray  # (J, cmax) bool: agent k on shift in interval j
    nxt: np.ndarray  # (J, cmax): start of k's next shift after interval j (inf: none)
    since: np.ndarray  # (J, cmax): start of the shift that covers interval j (NaN if off)

    @property
    def inner(self) -> np.ndarray:
        return self.bounds[1:-1]

    @property
    def end(self) -> float:
        return float(self.bounds[-1])

    def interval_of(self, t: np.ndarray) -> np.ndarray:
        """Index of the interval holding each time; times after the day map to the last."""
        return np.searchsorted(self.inner, t, side="right")

    @classmethod
    def build(cls, rate: np.ndarray, agents: np.ndarray, interval: float) -> "Schedule":
        J = len(rate)
        bounds = np.arange(J + 1) * float(interval)
        cmax = int(agents.max())
        on = agents[:, None] > np.arange(cmax)[None, :]
        nxt = np.full((J, cmax), np.inf)
        upcoming = np.full(cmax, np.inf)
        for j in range(J - 1, -1, -1):
            nxt[j] = upcoming
            upcoming = np.where(on[j], bounds[j], upcoming)
        since = np.full((J, cmax), np.nan)
        run = np.full(cmax, np.nan)
        for j in range(J):
            started = bounds[j] if j == 0 else np.where(on[j - 1], run, bounds[j])
            run = np.where(on[j], started, np.nan)
            since[j] = run
        return cls(bounds, rate, agents, on, nxt, since)

    def initial_free(self) -> np.ndarray:
        return np.where(self.on[0], 0.0, self.nxt[0])


def _run_vector(A, S, P, agents: int, sched: Schedule | None):
    R, n = A.shape
    c = agents if sched is None else sched.on.shape[1]
    F = np.zeros((R, c)) if sched is None else np.tile(sched.initial_free(), (R, 1))
    Ff = F.reshape(-1)
    base = np.arange(R) * c
    START = np.empty((R, n))
    K = np.empty((R, n), dtype=np.intp)
    AB = np.zeros((R, n), dtype=bool)
    idx = np.empty(R, dtype=np.intp)
    m = np.empty(R)
    fin = np.empty(R)
    if sched is not None:
        prev = np.zeros(R, dtype=np.intp)
        on, nxt, since, inner = sched.on, sched.nxt, sched.since, sched.inner
    # Work through the customers in blocks of columns, transposed so that customer i of every
    # replication is one contiguous row: cache-friendly, and no full-size transposes.
    block = max(1, min(n, 2**18 // R))
    with np.errstate(invalid="ignore"):
        for i0 in range(0, n, block):
            i1 = min(n, i0 + block)
            At = np.ascontiguousarray(A[:, i0:i1].T)
            St = np.ascontiguousarray(S[:, i0:i1].T)
            Pt = None if P is None else np.ascontiguousarray(P[:, i0:i1].T)
            Tt = np.empty((i1 - i0, R))
            Kt = np.empty((i1 - i0, R), dtype=np.intp)
            ABt = np.zeros((i1 - i0, R), dtype=bool)
            if Pt is None and sched is None:
                # The common case, kept lean: six NumPy calls per customer.
                for i in range(i1 - i0):
                    k = Kt[i]
                    F.argmin(axis=1, out=k)
                    np.add(base, k, out=idx)
                    Ff.take(idx, out=m)
                    start = Tt[i]
                    np.maximum(m, At[i], out=start)
                    np.add(start, St[i], out=fin)
                    Ff[idx] = fin
            else:
                JA = None if sched is None else sched.interval_of(At)
                for i in range(i1 - i0):
                    a = At[i]
                    if JA is not None:
                        j = JA[i]
                        crossed = j != prev
                        if crossed.any():
                            # New interval: idle agents now off shift wait for their next
                            # shift; idle agents on shift have been free since it began.
                            rows = np.flatnonzero(crossed)
                            jr = j[rows]
                            Fr = F[rows]
                            ready = np.where(on[jr], np.maximum(Fr, since[jr]), nxt[jr])
                            F[rows] = np.where(Fr < a[rows, None], ready, Fr)
                            prev = j
                    k = Kt[i]
                    F.argmin(axis=1, out=k)
                    np.add(base, k, out=idx)
                    Ff.take(idx, out=m)
                    start = Tt[i]
                    np.maximum(m, a, out=start)
                    np.add(start, St[i], out=fin)
                    done = fin
                    if sched is not None:
                        jf = np.searchsorted(inner, fin, side="right")
                        done = np.where(on[jf, k], fin, nxt[jf, k])
                    if Pt is not None:
                        ab = ABt[i]
                        np.less(Pt[i], start - a, out=ab)
                        done = np.where(ab, m, done)
                    Ff[idx] = done
            START[:, i0:i1] = Tt.T
            K[:, i0:i1] = Kt.T
            AB[:, i0:i1] = ABt.T
    return START, K, AB


def _run_heap(A, S, P, agents: int, sched: Schedule | None, counts: np.ndarray):
    R, n = A.shape
    START = np.full((R, n), np.nan)
    K = np.full((R, n), -1, dtype=np.intp)
    AB = np.zeros((R, n), dtype=bool)
    replace = heapq.heapreplace
    if sched is not None:
        on, nxt, since = sched.on.tolist(), sched.nxt.tolist(), sched.since.tolist()
        inner = sched.inner.tolist()
        free0 = sched.initial_free().tolist()
    for r in range(R):
        N = int(counts[r])
        a_list, s_list = A[r, :N].tolist(), S[r, :N].tolist()
        starts = [0.0] * N
        who = [0] * N
        if P is None and sched is None:
            heap = [(0.0, k) for k in range(agents)]
            for i in range(N):
                f, k = heap[0]
                a = a_list[i]
                t = f if f > a else a
                replace(heap, (t + s_list[i], k))
                starts[i] = t
                who[i] = k
            AB_r = None
        else:
            p_list = None if P is None else P[r, :N].tolist()
            AB_r = [False] * N
            if sched is None:
                heap = [(0.0, k) for k in range(agents)]
            else:
                heap = [(free0[k], k) for k in range(len(free0))]
                heapq.heapify(heap)
                ja = sched.interval_of(A[r, :N]).tolist()
                prev = 0
            for i in range(N):
                a = a_list[i]
                if sched is not None and ja[i] != prev:
                    j = prev = ja[i]
                    on_j, nxt_j, since_j = on[j], nxt[j], since[j]
                    heap = [
                        (f if f >= a else (max(f, since_j[k]) if on_j[k] else nxt_j[k]), k)
                        for f, k in heap
                    ]
                    heapq.heapify(heap)
                f, k = heap[0]
                if f > a:
                    if p_list is not None and p_list[i] < f - a:
                        AB_r[i] = True
                        starts[i] = f
                        who[i] = k
                        continue
                    t = f
                else:
                    t = a
                done = t + s_list[i]
                if sched is not None:
                    jf = bisect_right(inner, done)
                    if not on[jf][k]:
                        done = nxt[jf][k]
                replace(heap, (done, k))
                starts[i] = t
                who[i] = k
        START[r, :N] = starts
        K[r, :N] = who
        if AB_r is not None:
            AB[r, :N] = AB_r
    return START, K, AB


