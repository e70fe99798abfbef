"""The capstone's model, cxlib.system: how long a year takes, and what the dashboard and the
lesson ask of it.

Prints, from one run:

1. one new year (Erlang A for the queue), and a year the dashboard has seen (its cache);
2. ``staffing_profit`` over 10 team sizes, the lesson's central question (with the progress bar
   off, as the tests run it);
3. ``queue="simulation"``: the same year with each week's calls simulated call by call
   (``cxlib.queueing.simulate``) instead of Erlang A, as a ratio to the formulas, with how far
   the two years' service level and customers end up apart.

There is no peer library that simulates this system; the ratios compare cxlib's own paths.
Usage: ``python benchmarks/bench_system.py`` or ``make bench``.
"""

from __future__ import annotations

import statistics
import time

from cxlib import system as sy
from cxlib import widgets


def _times(fn, repeat: int) -> list[float]:
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        out.append(time.perf_counter() - start)
    return out


def _row(label: str, seconds: list[float], reference: float | None = None) -> float:
    median = statistics.median(seconds)
    ratio = f"{median / reference:9.3g}x" if reference else " " * 10
    print(f"  {label:<52} {1000 * median:9.1f} ms  (max {1000 * max(seconds):8.1f} ms) {ratio}")
    return median


def main() -> None:
    sy.simulate_year(sy.Policy(), seed=1)  # imports and first-call set-up out of the timings
    print(f"  {'what':<52} {'median':>12}  {'(max)':>17} {'/ new year':>10}")
    agents = iter(range(6, 1000))
    year = _row("one new year (Erlang A), seed fixed",
                _times(lambda: sy.simulate_year(sy.Policy(agents=next(agents) % 25 + 6),
                                                seed=2030), 15))
    ex = widgets.SystemExplorer()
    ex.year()
    _row("a year the dashboard has seen (cache lookup)", _times(ex.year, 200), year)
    _row("staffing_profit over 10 team sizes", _times(
        lambda: sy.staffing_profit(range(8, 18), seed=2030, progress=False), 3), year)
    formulas = sy.simulate_year(sy.Policy(agents=12), seed=4)
    simulated = []
    seconds = _times(lambda: simulated.append(
        sy.simulate_year(sy.Policy(agents=12), seed=4, queue="simulation")), 3)
    _row('one year, queue="simulation" (about 260,000 calls)', seconds, year)
    s = simulated[-1]
    print(f"\n  simulation against Erlang A, 12 agents: mean service level "
          f"{s.service_level.mean():.4f} against {formulas.service_level.mean():.4f}; "
          f"customers at the end {s.customers[-1]:,.0f} against {formulas.customers[-1]:,.0f}; "
          f"{int(s.calls.sum()):,} calls simulated")


if __name__ == "__main__":
    main()
