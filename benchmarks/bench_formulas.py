"""cxlib.queueing's staffing formulas against pyworkforce's ErlangC (and ErlangA).

Prints, from one run:

1. agreement: P(wait) and service level from both libraries on the same inputs, and each
   against a 50-digit mpmath reference where mpmath is installed;
2. speed, as ratios: one Erlang C at 10,000 and 100,000 agents, a staffing plan for 96
   half-hour intervals, a 40-point service-level curve (one widget redraw), and the Erlang A
   service level against uniformisation;
3. where pyworkforce is slow, overflows or disagrees.

The released pyworkforce (0.5.1, the newest on PyPI) has no ErlangA. Its development branch
has one that computes the service level by uniformisation of the tagged caller's Markov chain,
one start state at a time, in pure Python. When an installed pyworkforce has ``ErlangA``, it is
timed; otherwise the same method, re-implemented below, stands in for it and the table says so.

Usage: ``python benchmarks/bench_formulas.py`` or ``make bench``.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable

import numpy as np

from cxlib import queueing as q


def _per_call(fn: Callable[[], object], budget: float = 0.3, rounds: int = 3) -> float:
    """Seconds per call: the best of ``rounds`` batches, each lasting about ``budget`` / rounds."""
    fn()
    start = time.perf_counter()
    fn()
    once = max(time.perf_counter() - start, 1e-7)
    number = max(1, int(budget / rounds / once))
    best = math.inf
    for _ in range(rounds):
        start = time.perf_counter()
        for _ in range(number):
            fn()
        best = min(best, (time.perf_counter() - start) / number)
    return best


def _ms(seconds: float) -> str:
    return f"{seconds * 1e3:9.3f} ms"


def _row(label: str, ours: float, theirs: float, note: str = "") -> None:
    print(f"  {label:<48} {_ms(ours)} {_ms(theirs)} {theirs / ours:9.1f}x  {note}")


# ---------------------------------------------------------------------------------------------
# uniformisation, the method of pyworkforce's development-branch ErlangA (stand-in)
# ---------------------------------------------------------------------------------------------


def _chain(rate: float, aht: float, agents: int, patience: float) -> tuple[float, list[float]]:
    """P(fewer than n busy) and pi(n + j), j = 0..J, of M/M/n+M, truncated at 1e-15."""
    mu, theta = 1.0 / aht, 1.0 / patience
    probs, total, k = [1.0], 1.0, 0
    while True:
        k += 1
        term = probs[-1] * rate / (min(k, agents) * mu + max(k - agents, 0) * theta)
        probs.append(term)
        total += term
        if k > agents and term < 1e-15 * total:
            break
        if probs[-1] > 1e250:
            probs = [p / 1e250 for p in probs]
            total /= 1e250
    return sum(probs[:agents]) / total, [p / total for p in probs[agents:]]


def uniformised_service_level(
    rate: float, aht: float, agents: int, patience: float, target: float
) -> float:
    """P(answered within target) by uniformisation, one start state at a time, pure Python."""
    no_wait, queue = _chain(rate, aht, agents, patience)
    mu, theta = 1.0 / aht, 1.0 / patience
    top = len(queue) - 1
    uni = agents * mu + (top + 1) * theta
    lam_t = uni * target
    steps = int(lam_t + 10 * math.sqrt(lam_t) + 50)
    total = no_wait
    for start, weight in enumerate(queue):
        dist = [0.0] * (top + 1)
        dist[start] = 1.0
        answered, poisson = 0.0, math.exp(-lam_t)
        result = 0.0
        for m in range(1, steps + 1):
            new = [0.0] * (top + 1)
            for j, p in enumerate(dist):
                if p == 0.0:
                    continue
                advance = (agents * mu + j * theta) / uni
                if j == 0:
                    answered += p * advance
                else:
                    new[j - 1] += p * advance
                new[j] += p * (1.0 - advance - theta / uni)
            dist = new
            poisson *= lam_t / m
            result += poisson * answered
        total += weight * result
    return total


# ---------------------------------------------------------------------------------------------
# the benchmark
# ---------------------------------------------------------------------------------------------


def _mp_erlang_c(load: float, agents: int):
    import mpmath as mp

    with mp.workdps(50):
        a = mp.mpf(load)
        b = mp.exp(agents * mp.log(a) - a - mp.loggamma(agents + 1)) / mp.gammainc(
            agents + 1, a, mp.inf, regularized=True
        )
        return agents * b / (agents - a * (1 - b))


def _agreement(ErlangC) -> None:
    print("\n1. Agreement on the same inputs (pyworkforce times in minutes, cxlib the same)")
    try:
        import mpmath  # noqa: F401

        have_mp = True
    except ImportError:
        have_mp = False
    cases = []
    for load in (0.5, 3.0, 10.0, 47.3, 200.0, 950.0, 9_900.0, 99_000.0):
        for extra in (1, 2, math.ceil(math.sqrt(load)), math.ceil(3 * math.sqrt(load))):
            cases.append((load, math.floor(load) + extra))
    worst_pw = worst_sl = 0.0
    err_ours = err_theirs = 0.0
    for load, n in cases:
        e = ErlangC(transactions=load, aht=1.0, asa=0.1, interval=1.0)
        theirs, ours = e.waiting_probability(n), q.erlang_c(load, n)
        worst_pw = max(worst_pw, abs(theirs - ours) / ours)
        worst_sl = max(worst_sl, abs(e.service_level(n) - q.service_level(load, 1.0, n, 0.1)))
        if have_mp:
            ref = _mp_erlang_c(load, n)
            err_ours = max(err_ours, float(abs(ours - ref) / ref))
            err_theirs = max(err_theirs, float(abs(theirs - ref) / ref))
    print(f"  {len(cases)} stable (load, agents) pairs, 0.5 to 99,000 Erlangs")
    print(f"  P(wait): largest relative difference cxlib vs pyworkforce   {worst_pw:.1e}")
    print(f"  service level: largest absolute difference                  {worst_sl:.1e}")
    if have_mp:
        print(f"  P(wait) against 50-digit mpmath: cxlib {err_ours:.1e}, pyworkforce "
              f"{err_theirs:.1e} (largest relative error)")
    e = ErlangC(transactions=100, aht=3, asa=20 / 60, interval=30)
    r = e.required_positions(service_level=0.8)
    print(f"  worked example (100 calls/30 min, AHT 3 min, 80/20 s): pyworkforce "
          f"{r['raw_positions']} agents, SL {r['service_level']:.10f}; cxlib "
          f"{q.agents_needed(100 / 30, 3, 20 / 60)} agents, SL "
          f"{q.service_level(100 / 30, 3, 14, 20 / 60):.10f}")


def _speed(ErlangC, ErlangA) -> None:
    print("\n2. Speed (same run; ratio = pyworkforce time / cxlib time, higher is better)")
    print(f"  {'measure':<48} {'cxlib':>12} {'pyworkforce':>12} {'ratio':>10}")

    for load, n in ((9_900.0, 10_000), (99_000.0, 100_000)):
        e = ErlangC(transactions=load, aht=1.0, asa=0.1, interval=1.0)
        ours = _per_call(lambda: q.erlang_c(load, n))
        theirs = _per_call(lambda: e.waiting_probability(n))
        _row(f"one Erlang C at {n:,} agents ({load / n:.0%} busy)", ours, theirs)

    # 96 half-hour intervals: two days of a weekday profile, 40 to 900 calls per half hour.
    halves = np.arange(96) % 48
    volume = 40 + 860 * np.exp(-0.5 * ((halves - 22) / 6.0) ** 2) + 200 * np.exp(
        -0.5 * ((halves - 36) / 4.0) ** 2
    )
    aht_min, target_min = 4.0, 20 / 60

    def theirs_plan():
        return [
            ErlangC(transactions=v, aht=aht_min, asa=target_min, interval=30)
            .required_positions(service_level=0.8)["raw_positions"]
            for v in volume
        ]

    def ours_plan():
        return q.agents_needed(volume / 30, aht_min, target_min, 0.8)

    _row("staffing plan, 96 half-hour intervals (80/20)", _per_call(ours_plan),
         _per_call(theirs_plan, budget=0.6))
    plan_ours, plan_theirs = ours_plan(), np.array(theirs_plan())
    differ = np.flatnonzero(plan_ours != plan_theirs)

    rate = 100 / 60
    agents = np.arange(40, 80)
    e = ErlangC(transactions=100, aht=0.5, asa=20 / 60, interval=1)
    _row("service level for 40 agent counts (a redraw)",
         _per_call(lambda: q.service_level(rate, 0.5, agents, 20 / 60)),
         _per_call(lambda: [e.service_level(int(n)) for n in agents]))

    label = "pyworkforce ErlangA" if ErlangA is not None else "uniformisation (stand-in)"
    for rate_s, aht_s, n, patience, target in (
        (100 / 1800, 180.0, 14, 300.0, 20.0),
        (400 / 1800, 180.0, 45, 120.0, 20.0),
    ):
        ours = _per_call(lambda: q.erlang_a(rate_s, aht_s, n, patience).service_level(target))
        if ErlangA is not None:
            pw = ErlangA(transactions=rate_s * 1800, aht=aht_s / 60, asa=target / 60,
                         interval=30, patience=patience / 60)
            theirs = _per_call(lambda: pw.service_level(n), budget=1.0, rounds=1)
            value = pw.service_level(n)
        else:
            theirs = _per_call(
                lambda: uniformised_service_level(rate_s, aht_s, n, patience, target),
                budget=1.0, rounds=1,
            )
            value = uniformised_service_level(rate_s, aht_s, n, patience, target)
        mine = q.erlang_a(rate_s, aht_s, n, patience).service_level(target)
        _row(f"Erlang A service level, {n} agents", ours, theirs,
             f"[{label}; SL {mine:.12f} vs {value:.12f}]")

    print("  staffing plan: the two libraries disagree in "
          f"{len(differ)} of 96 intervals", end="")
    if len(differ):
        i = int(differ[0])
        sl_less = q.service_level(volume[i] / 30, aht_min, int(plan_ours[i]) - 1, target_min)
        print(f"; e.g. interval {i}: cxlib {plan_ours[i]}, pyworkforce {plan_theirs[i]} "
              f"(with {plan_ours[i] - 1} agents the SL is {sl_less:.3f} < 0.8)")
    else:
        print()


def _issues(ErlangC, ErlangA) -> None:
    print("\n3. Where pyworkforce is slow, overflows or disagrees")
    e = ErlangC(transactions=120, aht=3, asa=20 / 60, interval=30)  # 12 Erlangs
    print(f"  unstable queue, 12 Erlangs on 8 agents: P(wait) = {e.waiting_probability(8):.3f} "
          f"(not a probability); cxlib gives the limit {q.erlang_c(12, 8)}")
    e = ErlangC(transactions=3000, aht=3, asa=30, interval=30)  # 300 Erlangs
    try:
        e.service_level(10)
        print("  300 Erlangs on 10 agents, 30-minute target: no error")
    except OverflowError as exc:
        print(f"  300 Erlangs on 10 agents, 30-minute target: OverflowError ({exc}); cxlib "
              f"returns {q.service_level(100, 3, 10, 30)}")
    e = ErlangC(transactions=106, aht=3, asa=15, interval=30)  # 10.6 Erlangs, e-mail-like
    pw = e.required_positions(service_level=0.8)["raw_positions"]
    ours = q.agents_needed(106 / 30, 3, 15, 0.8)
    print(f"  10.6 Erlangs, 80 % within 15 min: pyworkforce {pw} agents, cxlib {ours} (SL with "
          f"{ours} is {q.service_level(106 / 30, 3, ours, 15):.3f}): its search starts at "
          "round(load + 1), so it can overstaff by one")
    e = ErlangC(transactions=105, aht=3, asa=1000, interval=30)  # 10.5 Erlangs
    pw = e.required_positions(service_level=0.01, max_occupancy=0.7)["raw_positions"]
    ours = q.agents_needed(105 / 30, 3, 1000, 0.01, max_occupancy=0.7)
    print(f"  10.5 Erlangs, occupancy cap 0.70: pyworkforce {pw} agents, cxlib {ours} "
          f"(10.5 / {ours} = {10.5 / ours}; 10.5 / 0.7 = {10.5 / 0.7!r} in floating point)")
    e = ErlangC(transactions=99_000, aht=1, asa=0.01, interval=1)
    slow = _per_call(lambda: e.required_positions(service_level=0.8), budget=1.0, rounds=1)
    fast = _per_call(lambda: q.agents_needed(99_000, 1, 0.01, 0.8))
    print(f"  agents for 99,000 Erlangs (80 % in 1 % of AHT): pyworkforce {_ms(slow).strip()}, "
          f"cxlib {_ms(fast).strip()} ({slow / fast:.0f}x): each candidate restarts the "
          "recursion from 0 agents")
    if ErlangA is None:
        print("  ErlangA: not in the installed pyworkforce. Its development branch (read, not "
              "run) starts the uniformisation's Poisson weights at exp(-rate x target), which "
              "underflows to 0 when that exceeds 745 (e.g. 10,000 agents, AHT 180 s, target "
              "20 s), and then reports only P(no wait) as the service level.")


def main() -> None:
    try:
        import pyworkforce
        from pyworkforce.queuing import ErlangC
    except ImportError:
        print("pyworkforce is not installed: pip install -e '.[bench]' (or make bench)")
        return
    import pyworkforce.queuing as pwq

    ErlangA = getattr(pwq, "ErlangA", None)
    version = getattr(pyworkforce, "__version__", "?")
    print(f"pyworkforce {version}; ErlangA {'found' if ErlangA else 'not in this release'}")
    _agreement(ErlangC)
    _speed(ErlangC, ErlangA)
    _issues(ErlangC, ErlangA)


if __name__ == "__main__":
    main()
