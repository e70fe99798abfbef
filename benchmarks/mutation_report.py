"""Summarise a mutmut run by cxlib module: killed, survived, and the score (`make mutation`).

The score is killed / (killed + survived + no tests): a mutant that no test even runs counts as
a survivor. Timeouts count as killed (the change made a loop run away, and the run noticed),
and have their own column: a test that hangs for a reason of its own turns every mutant it
reaches into a false kill (pyproject.toml explains why PNG tests are left out).
It reads `mutmut results --all true`, so it needs a `mutmut run` in this folder. Mutants not
tested yet ("not checked", as after `make mutation SAMPLE=0.1`) are left out, and each layer's
score comes with a 95 % Wilson interval, which is the margin of a sampled score.
"""

from __future__ import annotations

import collections
import math
import re
import subprocess
import sys
from pathlib import Path

KILLED = {"killed", "timeout"}
LAYERS = (("self-grading", re.compile(r"^cxlib\.selfgrade")),  # its tests run nbgrader: left out
          ("models", re.compile(r"^cxlib\.(?!charts|widgets|selfgrade)")),
          ("charts", re.compile(r"^cxlib\.charts")),
          ("widgets", re.compile(r"^cxlib\.widgets")))


def wilson(killed: int, n: int, z: float = 1.96) -> tuple[float, float]:
    """95 % Wilson interval for a share of killed mutants.

    >>> [round(x, 3) for x in wilson(85, 100)]
    [0.767, 0.907]
    """
    if n == 0:
        return float("nan"), float("nan")
    p = killed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return centre - half, centre + half


def main() -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True,
                         text=True, check=True).stdout
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    unchecked = 0
    for line in out.splitlines():
        m = re.match(r"\s*(cxlib\.[\w.]+?)\.x?_?\w*__mutmut_\d+: ([\w ]+)$", line.strip())
        if m and m.group(2).strip() == "not checked":
            unchecked += 1
        elif m:
            counts[m.group(1)][m.group(2).strip()] += 1
    if not counts:
        print("no mutants found: run `mutmut run` first")
        return 1
    print(f"{'module':38s} {'killed':>7s} {'timeout':>8s} {'survived':>9s} {'no tests':>9s} "
          f"{'score':>7s}")
    totals: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for module in sorted(counts):
        c = counts[module]
        killed = sum(c[k] for k in KILLED)
        missed = c["survived"] + c["no tests"]
        score = killed / (killed + missed) if killed + missed else float("nan")
        print(f"{module:38s} {c['killed']:7d} {c['timeout']:8d} {c['survived']:9d} "
              f"{c['no tests']:9d} {score:7.1%}")
        layer = next(name for name, pattern in LAYERS if pattern.match(module))
        totals[layer]["killed"] += killed
        totals[layer]["missed"] += missed
    if unchecked:
        print(f"({unchecked} generated mutants not tested: the scores below are of a sample)")
    both = totals["models"] + totals["charts"]
    if both:
        totals["models and charts"] = both
    for layer, t in totals.items():
        n = t["killed"] + t["missed"]
        low, high = wilson(t["killed"], n)
        print(f"{layer}: {t['killed'] / n:.1%} of {n} mutants killed "
              f"(95 % interval {low:.1%} to {high:.1%})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
