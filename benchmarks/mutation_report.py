"""Summarise a mutmut run by cxlib module: killed, survived, and the score (`make mutation`).

The score is killed / (killed + survived + no tests): a mutant that no test even runs counts as
a survivor. Timeouts count as killed (the change made a loop run away, and the run noticed).
It reads `mutmut results --all true`, so it needs a finished `mutmut run` in this folder.
"""

from __future__ import annotations

import collections
import re
import subprocess
import sys
from pathlib import Path

KILLED = {"killed", "timeout"}
LAYERS = (("models", re.compile(r"^cxlib\.(?!charts|widgets)")),
          ("charts", re.compile(r"^cxlib\.charts")),
          ("widgets", re.compile(r"^cxlib\.widgets")))


def main() -> int:
    mutmut = Path(sys.executable).with_name("mutmut")
    out = subprocess.run([str(mutmut), "results", "--all", "true"], capture_output=True,
                         text=True, check=True).stdout
    counts: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for line in out.splitlines():
        m = re.match(r"\s*(cxlib\.[\w.]+?)\.x?_?\w*__mutmut_\d+: ([\w ]+)$", line.strip())
        if m:
            counts[m.group(1)][m.group(2).strip()] += 1
    if not counts:
        print("no mutants found: run `mutmut run` first")
        return 1
    print(f"{'module':38s} {'killed':>7s} {'survived':>9s} {'no tests':>9s} {'score':>7s}")
    totals: dict[str, collections.Counter] = collections.defaultdict(collections.Counter)
    for module in sorted(counts):
        c = counts[module]
        killed = sum(c[k] for k in KILLED)
        missed = c["survived"] + c["no tests"]
        score = killed / (killed + missed) if killed + missed else float("nan")
        print(f"{module:38s} {killed:7d} {c['survived']:9d} {c['no tests']:9d} {score:7.1%}")
        layer = next(name for name, pattern in LAYERS if pattern.match(module))
        totals[layer]["killed"] += killed
        totals[layer]["missed"] += missed
    for layer, t in totals.items():
        print(f"{layer}: {t['killed'] / (t['killed'] + t['missed']):.1%} of "
              f"{t['killed'] + t['missed']} mutants killed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
